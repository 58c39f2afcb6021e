package org.cutouts.os;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Page-cache control for cold runs: evicts files with {@code posix_fadvise(POSIX_FADV_DONTNEED)} and
 * verifies with {@code mincore} how many of their pages stayed resident. Pages mapped by a live
 * mapping (our own, or a buffer the GC has not yet unmapped) are not dropped, which the verification
 * reports instead of hiding.
 */
public final class PageCache {
    /** A run counts as cold when at most this fraction of the files' pages is still resident. */
    public static final double COLD_THRESHOLD = 0.01;

    private PageCache() {
    }

    /** Resident and total pages of a set of files. */
    public record Residency(long residentPages, long totalPages) {
        public double fraction() {
            return totalPages == 0 ? 0 : (double) residentPages / totalPages;
        }
    }

    /** Before and after one eviction, and whether it worked. */
    public record Eviction(Residency before, Residency after, int errors, String firstError) {
        /** True when the files are (nearly) out of the cache. */
        public boolean cold() {
            return errors == 0 && after.fraction() <= COLD_THRESHOLD;
        }

        /** "cold" or "not-cold: ..." for the result rows. */
        public String status() {
            if (cold()) {
                return "ok";
            }
            return "not-cold: " + after.residentPages() + " of " + after.totalPages() + " pages still resident after eviction"
                    + (errors > 0 ? " (" + errors + " errors, first: " + firstError + ")" : "");
        }
    }

    /** A run of bytes in a file. */
    public record Range(long offset, long length) {
        public Range {
            if (offset < 0 || length < 0) {
                throw new IllegalArgumentException("bad byte range offset " + offset + " length " + length);
            }
        }
    }

    /**
     * Resident and total pages among the distinct pages that {@code ranges} of {@code file} cover: the
     * check that a read about to be counted as cold will really go to the device. One {@code mincore} over
     * the ranges' span.
     */
    public static Residency residency(Path file, List<Range> ranges) {
        if (ranges.isEmpty()) {
            return new Residency(0, 0);
        }
        long lo = Long.MAX_VALUE;
        long hi = 0;
        for (Range r : ranges) {
            lo = Math.min(lo, r.offset());
            hi = Math.max(hi, r.offset() + r.length());
        }
        long page = Posix.pageSize();
        long first = lo / page;
        byte[] vec = Posix.residency(file, lo, hi - lo);
        java.util.BitSet covered = new java.util.BitSet();
        for (Range r : ranges) {
            if (r.length() > 0) {
                covered.set((int) (r.offset() / page - first), (int) ((r.offset() + r.length() - 1) / page - first) + 1);
            }
        }
        long resident = 0;
        for (int p = covered.nextSetBit(0); p >= 0; p = covered.nextSetBit(p + 1)) {
            resident += p < vec.length ? vec[p] & 1 : 0; // pages past the end of the file are not resident
        }
        return new Residency(resident, covered.cardinality());
    }

    public static Residency residency(List<Path> files) {
        long res = 0;
        long tot = 0;
        for (Path f : files) {
            long[] r = Posix.residentPages(f);
            res += r[0];
            tot += r[1];
        }
        return new Residency(res, tot);
    }

    /** Above this many files, one {@code syncfs} per folder replaces an {@code fdatasync} per file (~1 ms each, clean or not). */
    static final int MANY_FILES = 256;

    /** Evicts every file and measures residency before and after. */
    public static Eviction evict(List<Path> files) {
        Residency before = residency(files);
        int errors = 0;
        String first = null;
        boolean many = files.size() > MANY_FILES;
        if (many) {
            for (Path dir : files.stream().map(Path::getParent).distinct().toList()) {
                int rc = Posix.syncFileSystem(dir);
                if (rc != 0) {
                    errors++;
                    first = first == null ? dir + ": syncfs errno " + rc : first;
                }
            }
        }
        for (Path f : files) {
            int rc;
            try {
                rc = Posix.evict(f, !many);
            } catch (RuntimeException e) {
                rc = -1;
                if (first == null) {
                    first = e.getMessage();
                }
            }
            if (rc != 0) {
                errors++;
                if (first == null) {
                    first = f + ": errno " + rc;
                }
            }
        }
        return new Eviction(before, residency(files), errors, first);
    }

    /** All regular files of a store directory. */
    public static List<Path> storeFiles(Path dir) {
        return new ArrayList<>(DiskUsage.regularFiles(dir));
    }

    /**
     * Asks the GC to unmap buffers of closed stores (jhdf and NIO mappings are unmapped only when
     * collected), so that their pages become evictable.
     */
    public static void releaseMappings() {
        ProcStatus.settleGc();
    }
}
