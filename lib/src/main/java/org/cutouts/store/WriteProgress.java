package org.cutouts.store;

/** Called by writers as they go, so a CLI can show a progress bar; {@code done <= total}. */
@FunctionalInterface
public interface WriteProgress {
    WriteProgress NONE = (done, total) -> { };

    void advanced(long done, long total);
}
