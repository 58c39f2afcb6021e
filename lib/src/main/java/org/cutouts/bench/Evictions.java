package org.cutouts.bench;

import java.util.List;
import org.cutouts.os.PageCache;

/**
 * Whether a cold run started cold: the most resident pages of the store's files before and after
 * the evictions of its repetitions (mincore), and the files' pages. Null for warm runs.
 */
public record Evictions(Long residentPagesBefore, Long residentPagesAfter, Long filePages) {
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
        return new Evictions(before, after, ev.getFirst().before().totalPages());
    }

    /** One eviction. */
    public static Evictions of(PageCache.Eviction e) {
        return of(List.of(e));
    }
}
