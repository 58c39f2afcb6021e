package org.cutouts.bench;

import java.util.List;
import org.cutouts.os.PageCache;

/**
 * Whether a cold run started cold: the most resident pages of the store's files before and after
 * the evictions of its repetitions (mincore), the files' pages, and how non-residency was checked, in
 * words. Null for warm runs.
 */
public record Evictions(Long residentPagesBefore, Long residentPagesAfter, Long filePages, String residencyCheck) {
    /** The worst of a run's evictions; null when the run evicted nothing. */
    public static Evictions of(List<PageCache.Eviction> ev) {
        if (ev.isEmpty()) {
            return null;
        }
        long before = 0;
        long after = 0;
        for (PageCache.Eviction e : ev) {
            before = Math.max(before, e.before().residentPages());
            after = Math.max(after, e.after().residentPages());
        }
        long pages = ev.getFirst().before().totalPages();
        return new Evictions(before, after, pages, "files synced and evicted (posix_fadvise DONTNEED) before each of " + ev.size()
                + " repetitions; mincore: at most " + after + " of " + pages + " pages resident after an eviction");
    }

    /** One eviction. */
    public static Evictions of(PageCache.Eviction e) {
        return of(List.of(e));
    }
}
