package org.cutouts.os;

/** Whether a run starts with the store's files in the page cache (after a full untimed pass) or evicted. */
public enum CacheState {
    WARM, COLD;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
