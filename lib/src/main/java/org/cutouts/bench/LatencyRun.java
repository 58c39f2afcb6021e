package org.cutouts.bench;

import org.cutouts.os.PageCache;
import org.cutouts.os.CacheState;

import java.util.ArrayList;
import java.util.List;
import org.cutouts.store.CutoutStore;

/**
 * The latency of reading one cutout ({@code readInto}, one thread), each read timed with
 * {@code System.nanoTime}. Untimed warm-up repetitions run first (JIT, and for WARM the page cache);
 * for COLD every timed repetition starts with the store closed, its files evicted and verified, and
 * the store reopened (opening is not timed).
 */
public record LatencyRun(int reads, ReadOrder order, CacheState cache, int warmups, int reps, long seed, int minWarmupReads) {
    /** Untimed reads before timing starts, at least: enough for C2 to compile the read path. */
    public static final int DEFAULT_MIN_WARMUP_READS = 10_000;

    public LatencyRun(int reads, ReadOrder order, CacheState cache, int warmups, int reps, long seed) {
        this(reads, order, cache, warmups, reps, seed, DEFAULT_MIN_WARMUP_READS);
    }

    /** Warm-up repetitions actually run: {@code warmups}, more if needed to reach {@code minWarmupReads}. */
    static int warmupReps(int warmups, int minWarmupReads, int n) {
        return Math.max(warmups, n == 0 ? 0 : (minWarmupReads + n - 1) / n);
    }

    public record Result(Stats pooled, Stats repMedians, Stats repMeans, long checksum, List<PageCache.Eviction> evictions,
                         int reads) {
        public String status() {
            for (PageCache.Eviction e : evictions) {
                if (!e.cold()) {
                    return e.status();
                }
            }
            return "ok";
        }
    }

    public Result run(BenchTarget target) {
        List<PageCache.Eviction> evictions = new ArrayList<>();
        CutoutStore store = target.open();
        try {
            int n = Math.min(reads, store.size());
            int[] idx = order.indices(store.size(), n, seed);
            int px = store.cutoutPixels();
            float[] buf = new float[px];
            double[] all = new double[n * reps];
            double[] medians = new double[reps];
            double[] means = new double[reps];
            long checksum = 0;
            for (int w = 0; w < warmupReps(warmups, minWarmupReads, n); w++) {
                timed(store, idx, buf, px, new double[n]);
            }
            for (int r = 0; r < reps; r++) {
                if (cache == CacheState.COLD) {
                    store = target.evictAndReopen(store, evictions);
                }
                double[] t = new double[n];
                checksum = timed(store, idx, buf, px, t);
                System.arraycopy(t, 0, all, r * n, n);
                Stats s = Stats.of(t);
                medians[r] = s.median();
                means[r] = s.mean();
            }
            return new Result(Stats.of(all), Stats.of(medians), Stats.of(means), checksum, evictions, n);
        } finally {
            store.close();
        }
    }

    /** Times each read in microseconds; returns the checksum of the pass. */
    private static long timed(CutoutStore store, int[] idx, float[] buf, int px, double[] micros) {
        long sum = 0;
        for (int k = 0; k < idx.length; k++) {
            long t0 = System.nanoTime();
            store.readInto(idx[k], buf, 0);
            long t1 = System.nanoTime();
            micros[k] = (t1 - t0) / 1e3;
            sum += Checksum.of(idx[k], buf, 0, px);
        }
        return sum;
    }

    public String method() {
        return order.label() + " order, " + reads + " single-cutout reads (readInto, 1 thread) per rep, " + reps + " reps after "
                + warmups + " warm-up reps (at least " + minWarmupReads + " untimed reads), page cache " + cache.label()
                + (cache == CacheState.COLD ? " (store closed, files fdatasync+POSIX_FADV_DONTNEED, residency checked with mincore, reopened before each rep)" : "")
                + "; stats pooled over all timed reads, spread = min/max of per-rep medians";
    }

    /** The result as a latency row. */
    public LatencyRow toRow(BenchTarget target, Result r) {
        Stats p = r.pooled();
        return new LatencyRow(target.identity(), new ReadConditions(order.label(), cache.label(), null, 1, r.reads(), reps, warmups, target.regime()),
                new LatencyRow.Times(p.mean(), p.min(), p.median(), p.p95(), p.p99(), p.max(), r.repMedians().min(), r.repMedians().max(),
                        r.repMeans().min(), r.repMeans().max(), Checksum.hex(r.checksum())),
                Evictions.of(r.evictions()), r.status(), method());
    }
}
