package org.cutouts.store;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How the memory-mapped read paths (row-major {@code .npy}, tiled, HDF5 direct) treat their mapping
 * and serve a batch. The defaults are what the issue-6 measurements kept (see docs/fast-paths.md);
 * the other settings exist so the benchmark can show what each idea is worth.
 *
 * @param advice       madvise advice applied to the whole mapping at open ({@code random} switches off
 *                     fault readahead, which otherwise reads up to 128 KiB per fault on a cold cache)
 * @param prefault     populate the whole mapping at open ({@code MADV_POPULATE_READ}); makes the first
 *                     pass fault-free but puts the whole mosaic in RSS
 * @param gather       serve {@code readBatch} with the batched gather (windows first, sorted by file
 *                     offset, pages touched ahead of the copy) instead of one {@code readInto} per cutout
 * @param sort         sort a batch's cutouts by file offset before copying
 * @param touch        load one word per cache line of a cutout before copying it, so the cache misses
 *                     (and TLB walks) of its rows overlap instead of queuing behind each row copy (the
 *                     stacked store instead asks MADV_WILLNEED for every slot of the batch first)
 * @param batchThreads split one batch across this many threads (the caller plus a shared pool)
 * @param direct       HDF5 only: read contiguous float32 datasets through a direct mapping of the
 *                     dataset's file offset instead of jhdf hyperslabs
 * @param explicit     copy pixels with positional reads ({@code pread}, readahead off) instead of through the
 *                     mapping: a cold cutout then costs the pages it spans, not a fault's readahead
 * @param auto         choose between the mapped and the explicit path at open, per store ({@link ReadChoice}): mapped
 *                     when the payload is mostly in the page cache or fits comfortably in memory, else explicit
 * @param cacheMiB     tiled store, explicit path: keep up to this many MiB of whole tiles in an LRU cache shared by
 *                     the store's readers ({@link TileCache}), so a tile shared by neighbouring cutouts is read once; 0 for none
 * @param ring         explicit path: read each batch's ranges at once through a per-thread io_uring ring, with
 *                     {@code O_DIRECT} where the file system allows it ({@link ExplicitReads#prefetch}), instead of advising
 *                     them {@code WILLNEED} and reading each with {@code pread} through the page cache; on by default
 *                     where the kernel allows io_uring (the read path's reason says which it took)
 */
public record ReadOptions(List<Advice> advice, boolean prefault, boolean gather, boolean sort, boolean touch, int batchThreads,
                             boolean direct, boolean explicit, boolean auto, int cacheMiB, boolean ring) {
    /** The largest tile cache: 1 TiB, far above any memory this runs in, so only a typing slip is refused. */
    static final int MAX_CACHE_MIB = 1 << 20;

    /** madvise settings. */
    public enum Advice {
        NORMAL(NativeMemory.MADV_NORMAL), RANDOM(NativeMemory.MADV_RANDOM), SEQUENTIAL(NativeMemory.MADV_SEQUENTIAL),
        WILLNEED(NativeMemory.MADV_WILLNEED), HUGEPAGE(NativeMemory.MADV_HUGEPAGE),
        /**
         * RANDOM for a mapping larger than a quarter of physical memory, else none. Readahead is a win
         * while the mosaic fits the page cache (its extra pages serve later cutouts: a cold pass over a
         * 100 MB mosaic measured up to 30x faster with it), and a loss once it cannot (each cold cutout
         * of a row-major mosaic then drags in up to 128 KiB per row: ~500x its own bytes).
         */
        AUTO(-1);

        final int value;

        Advice(int value) {
            this.value = value;
        }
    }

    public ReadOptions {
        advice = List.copyOf(advice);
        if (batchThreads < 1 || batchThreads > 64) {
            throw new IllegalArgumentException("batchThreads must be in [1, 64], got " + batchThreads);
        }
        if (explicit && (touch || prefault)) {
            throw new IllegalArgumentException("explicit reads copy from the file, not the mapping: touch and prefault would page the mapping in");
        }
        if (auto && explicit) {
            throw new IllegalArgumentException("auto chooses between the mapped and the explicit path at open: it cannot be combined with explicit");
        }
        if (auto && (touch || prefault)) {
            throw new IllegalArgumentException("auto may choose explicit reads, which copy from the file, not the mapping: touch and prefault "
                    + "would page the mapping in");
        }
        if (cacheMiB < 0 || cacheMiB > MAX_CACHE_MIB) {
            throw new IllegalArgumentException("tile cache size must be in [0, " + MAX_CACHE_MIB + "] MiB, got " + cacheMiB);
        }
        if (cacheMiB > 0 && !explicit && !auto) {
            throw new IllegalArgumentException("cache=" + cacheMiB + "m caches the tiles of explicit reads: add explicit or auto "
                    + "(the mapped path is cached by the kernel)");
        }
    }

    /**
     * The kept configuration: readahead off only for mosaics too large to cache ({@link Advice#AUTO}),
     * batched gather sorted by offset (no touch-ahead: it measured slower), one thread per batch, HDF5 direct.
     */
    public static ReadOptions defaults() {
        return new ReadOptions(List.of(Advice.AUTO), false, true, true, false, 1, true, false, false, 0, true);
    }

    /**
     * The mapping size above which {@link Advice#AUTO} turns readahead off: a quarter of the memory this
     * process may use, physical memory or its cgroup's limit, whichever is smaller (in a 256 MiB cgroup a
     * 1.6 GB mosaic cannot stay cached, however large the machine).
     */
    static long autoRandomThreshold() {
        return quarterOf(processMemoryBytes());
    }

    /** A quarter of {@code memoryBytes}, the most a mapping may take and still count as staying cached; unbounded when memory is unknown. */
    static long quarterOf(long memoryBytes) {
        return memoryBytes == Long.MAX_VALUE ? Long.MAX_VALUE : memoryBytes / 4;
    }

    /** The memory this process may use: physical memory or its cgroup's limit, whichever is smaller ({@code Long.MAX_VALUE} if neither is known). */
    static long processMemoryBytes() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long total = os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getTotalMemorySize() : 0;
        return Math.min(total > 0 ? total : Long.MAX_VALUE, org.cutouts.os.MemoryCgroup.ownLimitBytes().orElse(Long.MAX_VALUE));
    }

    /** The configuration before issue 6: no advice, one readInto per cutout, jhdf hyperslabs. */
    public static ReadOptions baseline() {
        return new ReadOptions(List.of(), false, false, false, false, 1, false, false, false, 0, false);
    }

    /**
     * Parses comma-separated settings applied on top of {@link #defaults()} (or {@link #baseline()}
     * when the first item is {@code baseline}): {@code advice=random+hugepage}, {@code advice=none},
     * {@code prefault}, {@code gather}/{@code nogather}, {@code sort}/{@code nosort},
     * {@code touch}/{@code notouch}, {@code threads=2}, {@code direct}/{@code nodirect}, {@code explicit}/{@code noexplicit},
     * {@code auto}/{@code noauto}, {@code cache=64m} (MiB; {@code g} for GiB; {@code cache=0} or {@code nocache} for none),
     * {@code ring}/{@code noring}.
     * The combination is checked once, after the last item, so the order of the items does not matter.
     */
    public static ReadOptions parse(String spec) {
        Draft o = new Draft(defaults());
        for (String raw : spec.split(",")) {
            String item = raw.strip().toLowerCase(Locale.ROOT);
            if (item.isEmpty() || item.equals("default") || item.equals("defaults")) {
                continue;
            }
            if (item.equals("baseline")) {
                o = new Draft(baseline());
            } else if (item.startsWith("advice=")) {
                o.advice = new ArrayList<>();
                for (String s : item.substring(7).split("\\+")) {
                    if (!s.isBlank() && !s.equals("none")) {
                        o.advice.add(Advice.valueOf(s.strip().toUpperCase(Locale.ROOT)));
                    }
                }
            } else if (item.equals("prefault") || item.equals("noprefault")) {
                o.prefault = item.equals("prefault");
            } else if (item.equals("gather") || item.equals("nogather")) {
                o.gather = item.equals("gather");
            } else if (item.equals("sort") || item.equals("nosort")) {
                o.sort = item.equals("sort");
            } else if (item.equals("touch") || item.equals("notouch")) {
                o.touch = item.equals("touch");
            } else if (item.startsWith("threads=")) {
                o.batchThreads = Integer.parseInt(item.substring(8));
            } else if (item.equals("direct") || item.equals("nodirect")) {
                o.direct = item.equals("direct");
            } else if (item.equals("explicit") || item.equals("noexplicit")) {
                o.explicit = item.equals("explicit");
            } else if (item.equals("auto") || item.equals("noauto")) {
                o.auto = item.equals("auto");
            } else if (item.startsWith("cache=")) {
                o.cacheMiB = cacheMiB(item.substring(6), spec);
            } else if (item.equals("nocache")) {
                o.cacheMiB = 0;
            } else if (item.equals("ring") || item.equals("noring")) {
                o.ring = item.equals("ring");
            } else {
                throw new IllegalArgumentException("unknown mapping option '" + item + "' in '" + spec + "'");
            }
        }
        try {
            return o.options();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("read options '" + spec + "': " + e.getMessage(), e);
        }
    }

    /** {@code 64m}, {@code 64} (MiB) or {@code 2g}, in MiB. */
    private static int cacheMiB(String size, String spec) {
        boolean gib = size.endsWith("g");
        String digits = gib || size.endsWith("m") ? size.substring(0, size.length() - 1) : size;
        long mib;
        try {
            mib = Long.parseLong(digits) * (gib ? 1024 : 1);
        } catch (NumberFormatException e) {
            mib = -1;
        }
        if (mib < 0 || mib > MAX_CACHE_MIB) {
            throw new IllegalArgumentException("tile cache size '" + size + "' in '" + spec + "' is not a size in MiB like cache=64m or cache=1g "
                    + "(at most " + MAX_CACHE_MIB + " MiB)");
        }
        return (int) mib;
    }

    /** The settings while a spec is parsed: checked together, once, by {@link #options()}. */
    private static final class Draft {
        List<Advice> advice;
        boolean prefault;
        boolean gather;
        boolean sort;
        boolean touch;
        int batchThreads;
        boolean direct;
        boolean explicit;
        boolean auto;
        int cacheMiB;
        boolean ring;

        Draft(ReadOptions o) {
            advice = o.advice;
            prefault = o.prefault;
            gather = o.gather;
            sort = o.sort;
            touch = o.touch;
            batchThreads = o.batchThreads;
            direct = o.direct;
            explicit = o.explicit;
            auto = o.auto;
            cacheMiB = o.cacheMiB;
            ring = o.ring;
        }

        ReadOptions options() {
            return new ReadOptions(advice, prefault, gather, sort, touch, batchThreads, direct, explicit, auto, cacheMiB, ring);
        }
    }

    /** Applies the advice (and prefault) to a fresh mapping; returns a note of what the kernel refused, or "". */
    String apply(MemorySegment mapping) {
        StringBuilder refused = new StringBuilder();
        for (Advice a : advice) {
            if (a == Advice.AUTO) {
                if (mapping.byteSize() <= autoRandomThreshold()) {
                    continue;
                }
                a = Advice.RANDOM;
            }
            int rc = NativeMemory.madvise(mapping, a.value);
            if (rc != 0) {
                refused.append(a.name().toLowerCase(Locale.ROOT)).append(" (errno ").append(rc).append(") ");
            }
        }
        if (prefault) {
            NativeMemory.prefault(mapping);
        }
        return refused.toString().strip();
    }

    /**
     * How {@code store} reads pixels: the HDF5 read path ("direct" or "jhdf: why"), else the store's class; for
     * the mapped stores, how their rows are copied ({@link RowCopy}); then, when {@code auto} chose, the path
     * it took and why ({@link ReadChoice#label()}).
     */
    public static String readPath(CutoutStore store) {
        String kind = store instanceof Hdf5Store h ? h.readPath() : store.getClass().getSimpleName();
        boolean rowCopy = store instanceof MemoryMappedStore || store instanceof Hdf5Store; // the stores that read through MappedNpy
        String path = rowCopy && store.readChoice().filter(c -> c.mode() == ReadChoice.Mode.MAPPED).isPresent()
                ? kind + ", mapped rows by " + RowCopy.label() : kind;
        return store.readChoice().filter(ReadChoice::auto).map(c -> path + ", " + c.label()).orElse(path);
    }

    /** A short label for result rows, e.g. {@code advice=random,gather,sort,touch,threads=1}. */
    public String label() {
        StringBuilder b = new StringBuilder("advice=");
        b.append(advice.isEmpty() ? "none" : String.join("+", advice.stream().map(a -> a.name().toLowerCase(Locale.ROOT)).toList()));
        if (prefault) {
            b.append(",prefault");
        }
        b.append(gather ? ",gather" : ",nogather");
        if (gather) {
            b.append(sort ? ",sort" : ",nosort").append(touch ? ",touch" : ",notouch");
        }
        b.append(",threads=").append(batchThreads);
        if (!direct) {
            b.append(",nodirect");
        }
        if (explicit) {
            b.append(",explicit");
        }
        if (auto) {
            b.append(",auto");
        }
        if (cacheMiB > 0) {
            b.append(",cache=").append(cacheMiB).append('m');
        }
        if (explicit || auto) {
            b.append(ring ? ",ring" : ",noring");
        }
        return b.toString();
    }
}
