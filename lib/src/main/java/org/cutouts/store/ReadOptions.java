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
 */
public record ReadOptions(List<Advice> advice, boolean prefault, boolean gather, boolean sort, boolean touch, int batchThreads,
                             boolean direct, boolean explicit) {
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
    }

    /**
     * The kept configuration: readahead off only for mosaics too large to cache ({@link Advice#AUTO}),
     * batched gather sorted by offset (no touch-ahead: it measured slower), one thread per batch, HDF5 direct.
     */
    public static ReadOptions defaults() {
        return new ReadOptions(List.of(Advice.AUTO), false, true, true, false, 1, true, false);
    }

    /**
     * The mapping size above which {@link Advice#AUTO} turns readahead off: a quarter of the memory this
     * process may use, physical memory or its cgroup's limit, whichever is smaller (in a 256 MiB cgroup a
     * 1.6 GB mosaic cannot stay cached, however large the machine).
     */
    static long autoRandomThreshold() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long total = os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getTotalMemorySize() : 0;
        long memory = Math.min(total > 0 ? total : Long.MAX_VALUE, org.cutouts.os.MemoryCgroup.ownLimitBytes().orElse(Long.MAX_VALUE));
        return memory == Long.MAX_VALUE ? Long.MAX_VALUE : memory / 4;
    }

    /** The configuration before issue 6: no advice, one readInto per cutout, jhdf hyperslabs. */
    public static ReadOptions baseline() {
        return new ReadOptions(List.of(), false, false, false, false, 1, false, false);
    }

    /**
     * Parses comma-separated settings applied on top of {@link #defaults()} (or {@link #baseline()}
     * when the first item is {@code baseline}): {@code advice=random+hugepage}, {@code advice=none},
     * {@code prefault}, {@code gather}/{@code nogather}, {@code sort}/{@code nosort},
     * {@code touch}/{@code notouch}, {@code threads=2}, {@code direct}/{@code nodirect}, {@code explicit}/{@code noexplicit}.
     */
    public static ReadOptions parse(String spec) {
        ReadOptions o = defaults();
        for (String raw : spec.split(",")) {
            String item = raw.strip().toLowerCase(Locale.ROOT);
            if (item.isEmpty() || item.equals("default") || item.equals("defaults")) {
                continue;
            }
            if (item.equals("baseline")) {
                o = baseline();
            } else if (item.startsWith("advice=")) {
                List<Advice> a = new ArrayList<>();
                for (String s : item.substring(7).split("\\+")) {
                    if (!s.isBlank() && !s.equals("none")) {
                        a.add(Advice.valueOf(s.strip().toUpperCase(Locale.ROOT)));
                    }
                }
                o = new ReadOptions(a, o.prefault, o.gather, o.sort, o.touch, o.batchThreads, o.direct, o.explicit);
            } else if (item.equals("prefault") || item.equals("noprefault")) {
                o = new ReadOptions(o.advice, item.equals("prefault"), o.gather, o.sort, o.touch, o.batchThreads, o.direct, o.explicit);
            } else if (item.equals("gather") || item.equals("nogather")) {
                o = new ReadOptions(o.advice, o.prefault, item.equals("gather"), o.sort, o.touch, o.batchThreads, o.direct, o.explicit);
            } else if (item.equals("sort") || item.equals("nosort")) {
                o = new ReadOptions(o.advice, o.prefault, o.gather, item.equals("sort"), o.touch, o.batchThreads, o.direct, o.explicit);
            } else if (item.equals("touch") || item.equals("notouch")) {
                o = new ReadOptions(o.advice, o.prefault, o.gather, o.sort, item.equals("touch"), o.batchThreads, o.direct, o.explicit);
            } else if (item.startsWith("threads=")) {
                o = new ReadOptions(o.advice, o.prefault, o.gather, o.sort, o.touch, Integer.parseInt(item.substring(8)), o.direct, o.explicit);
            } else if (item.equals("direct") || item.equals("nodirect")) {
                o = new ReadOptions(o.advice, o.prefault, o.gather, o.sort, o.touch, o.batchThreads, item.equals("direct"), o.explicit);
            } else if (item.equals("explicit") || item.equals("noexplicit")) {
                o = new ReadOptions(o.advice, o.prefault, o.gather, o.sort, o.touch, o.batchThreads, o.direct, item.equals("explicit"));
            } else {
                throw new IllegalArgumentException("unknown mapping option '" + item + "' in '" + spec + "'");
            }
        }
        return o;
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

    /** How {@code store} reads pixels: the HDF5 read path ("direct" or "jhdf: why"), else the store's class. */
    public static String readPath(CutoutStore store) {
        if (store instanceof Hdf5Store h) {
            return h.readPath();
        }
        return store.getClass().getSimpleName();
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
        return b.toString();
    }
}
