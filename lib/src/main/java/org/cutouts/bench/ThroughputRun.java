package org.cutouts.bench;

import org.cutouts.os.PageCache;
import org.cutouts.os.CacheState;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.cutouts.store.CutoutStore;

/**
 * Throughput of reading {@code cutouts} cutouts in {@code order}, {@code batch} at a time through
 * {@code readBatch}, on {@code threads} threads (batch {@code k} goes to thread {@code k mod threads}),
 * warm or cold. Wall-clock time of each repetition, from releasing the started threads to the last
 * one finishing. This is the reusable measurement: a fast path or a new layout passes its own
 * {@link BenchTarget} and gets rows in the same schema.
 */
public record ThroughputRun(int cutouts, int batch, int threads, ReadOrder order, CacheState cache, int warmups, int reps, long seed, int minWarmupReads) {

    public ThroughputRun(int cutouts, int batch, int threads, ReadOrder order, CacheState cache, int warmups, int reps, long seed) {
        this(cutouts, batch, threads, order, cache, warmups, reps, seed, LatencyRun.DEFAULT_MIN_WARMUP_READS);
    }

    public ThroughputRun {
        if (cutouts <= 0 || batch <= 0 || threads <= 0 || reps <= 0 || warmups < 0) {
            throw new IllegalArgumentException("need cutouts, batch, threads, reps > 0 and warmups >= 0");
        }
    }

    /** Per-repetition cutouts per second, their stats, and the checksum of the last repetition. */
    public record Result(double[] cutoutsPerSecond, Stats stats, long checksum, List<PageCache.Eviction> evictions,
                         int cutouts, long bytesPerCutout) {
        public String status() {
            for (PageCache.Eviction e : evictions) {
                if (!e.cold()) {
                    return e.status();
                }
            }
            return "ok";
        }

        public double bytesPerSecond() {
            return stats.median() * bytesPerCutout;
        }
    }

    public Result run(BenchTarget target) {
        List<PageCache.Eviction> evictions = new ArrayList<>();
        CutoutStore store = target.open();
        try {
            int n = Math.min(cutouts, store.size());
            int[] idx = order.indices(store.size(), n, seed);
            double[] rates = new double[reps];
            long checksum = 0;
            for (int w = 0; w < LatencyRun.warmupReps(warmups, minWarmupReads, n); w++) {
                pass(store, idx);
            }
            for (int r = 0; r < reps; r++) {
                if (cache == CacheState.COLD) {
                    store = target.evictAndReopen(store, evictions);
                }
                long[] out = pass(store, idx);
                rates[r] = n / (out[0] / 1e9);
                checksum = out[1];
            }
            return new Result(rates, Stats.of(rates), checksum, evictions, n, store.spec().bytes());
        } finally {
            store.close();
        }
    }

    /** One timed pass: {nanos, checksum}. */
    private long[] pass(CutoutStore store, int[] idx) {
        int px = store.cutoutPixels();
        int batches = (idx.length + batch - 1) / batch;
        AtomicLong sum = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch ready = new CountDownLatch(threads);
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            final int tid = t;
            workers[t] = new Thread(() -> {
                float[] buf = new float[batch * px];
                int[] full = new int[batch];
                long local = 0;
                ready.countDown();
                try {
                    go.await();
                    for (int b = tid; b < batches; b += threads) {
                        int from = b * batch;
                        int len = Math.min(batch, idx.length - from);
                        int[] ids = len == batch ? full : new int[len];
                        System.arraycopy(idx, from, ids, 0, len);
                        store.readBatch(ids, buf);
                        for (int k = 0; k < len; k++) {
                            local += Checksum.of(ids[k], buf, k * px, px);
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
                sum.addAndGet(local);
            }, "throughput-" + t);
            workers[t].start();
        }
        try {
            ready.await();
            long t0 = System.nanoTime();
            go.countDown();
            for (Thread w : workers) {
                w.join();
            }
            long t1 = System.nanoTime();
            if (failure.get() != null) {
                throw new IllegalStateException("a reader thread failed: " + failure.get(), failure.get());
            }
            return new long[] {t1 - t0, sum.get()};
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public String method() {
        return order.label() + " order, " + cutouts + " cutouts per rep via readBatch(batch " + batch + ") on " + threads
                + " thread(s), " + reps + " reps after " + warmups + " warm-up reps (at least "
                + minWarmupReads + " untimed reads), page cache " + cache.label()
                + (cache == CacheState.COLD ? " (store closed, files evicted and checked with mincore, reopened before each rep; open not timed)" : "")
                + "; wall clock per rep, median with min/max across reps";
    }

    /** The result as a throughput row (ratios and read path are the caller's to add). */
    public ThroughputRow toRow(BenchTarget target, Result r) {
        Stats st = r.stats();
        return new ThroughputRow(target.identity(), new ReadConditions(order.label(), cache.label(), batch, threads, r.cutouts(), reps, warmups, target.regime()),
                new ThroughputRow.Rates(st.median(), st.min(), st.max(), st.iqr(), r.bytesPerSecond() / 1e6, Checksum.hex(r.checksum())),
                Evictions.of(r.evictions()), null, null, null, r.status(), method());
    }
}
