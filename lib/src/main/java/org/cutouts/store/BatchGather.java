package org.cutouts.store;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The batched gather behind {@code readBatch} of the mapped stores: all windows of a batch are
 * computed first (index check and edge policy exactly as {@code readInto}), the cutouts inside the
 * mosaic are sorted by their file offset and copied with the raster's bulk copy, each cutout's cache
 * lines touched one cutout ahead of its copy so that its row misses overlap, and windows that cross
 * the mosaic edge go through {@link Windows#copy}, the one place windows are clipped. The result is
 * bit-identical to one {@code readInto} per slot.
 */
final class BatchGather {
    /** A mosaic whose in-bounds rectangles can be copied and touched. */
    interface Raster extends Windows.RectCopier {
        int width();

        int height();

        /** A key that orders windows by where their first pixel lies in the file. */
        long sortKey(int x0, int y0);

        /** Loads one word per cache line of the rectangle (no copy); returns a value to keep the loads alive. */
        long touch(int x0, int y0, int cols, int rows);

        /**
         * The in-bounds rectangles a batch is about to copy, {@code order[0..n)} indexing {@code x0}/{@code y0}:
         * a raster that reads its file explicitly starts their reads here, so that they are in flight
         * together; a mapped raster does nothing.
         */
        default void announce(int[] x0, int[] y0, int[] order, int n, int cols, int rows) {
        }
    }

    private static final int KEY_BITS = 21; // batch slots per sort
    private static volatile ExecutorService pool;
    /** Where touch results go, so the JIT cannot drop the loads. */
    static volatile long sink;

    private BatchGather() {
    }

    private static ExecutorService pool() {
        ExecutorService p = pool;
        if (p == null) {
            synchronized (BatchGather.class) {
                p = pool;
                if (p == null) {
                    p = Executors.newCachedThreadPool(r -> {
                        Thread t = new Thread(r, "cutout-gather");
                        t.setDaemon(true);
                        return t;
                    });
                    pool = p;
                }
            }
        }
        return p;
    }

    static void readBatch(AbstractStore store, Raster raster, ReadOptions opt, int[] indices, float[] dst) {
        Objects.requireNonNull(indices, "indices");
        CutoutSpec spec = store.spec();
        int px = spec.pixels();
        int n = indices.length;
        if (dst.length < (long) n * px) {
            throw new IllegalArgumentException("batch buffer holds " + dst.length + " floats, need " + (long) n * px);
        }
        int[] x0 = new int[n];
        int[] y0 = new int[n];
        long[] keys = new long[n];
        int inside = 0;
        int[] edge = new int[n];
        int edges = 0;
        boolean sortable = opt.sort() && n < (1 << KEY_BITS);
        Window[] edgeWindows = null;
        for (int k = 0; k < n; k++) {
            Window w = store.window(indices[k]);
            if (w.inside(raster.width(), raster.height())) {
                x0[k] = w.x0();
                y0[k] = w.y0();
                long key = raster.sortKey(w.x0(), w.y0());
                if (key >= (1L << (63 - KEY_BITS))) {
                    sortable = false;
                }
                keys[inside++] = sortable ? (key << KEY_BITS) | k : k;
            } else {
                if (edgeWindows == null) {
                    edgeWindows = new Window[n];
                }
                edgeWindows[k] = w;
                edge[edges++] = k;
            }
        }
        int[] order = new int[inside];
        if (sortable) {
            Arrays.sort(keys, 0, inside);
            for (int i = 0; i < inside; i++) {
                order[i] = (int) (keys[i] & ((1L << KEY_BITS) - 1));
            }
        } else {
            for (int i = 0; i < inside; i++) {
                order[i] = (int) keys[i];
            }
        }
        raster.announce(x0, y0, order, inside, spec.width(), spec.height());
        int threads = Math.min(opt.batchThreads(), Math.max(1, inside / 8));
        if (threads == 1) {
            copyRange(raster, spec, opt.touch(), order, 0, inside, x0, y0, dst, px);
        } else {
            Future<?>[] fs = new Future<?>[threads - 1];
            int per = (inside + threads - 1) / threads;
            for (int t = 1; t < threads; t++) {
                int from = Math.min(inside, t * per);
                int to = Math.min(inside, from + per);
                fs[t - 1] = pool().submit(() -> copyRange(raster, spec, opt.touch(), order, from, to, x0, y0, dst, px));
            }
            copyRange(raster, spec, opt.touch(), order, 0, Math.min(inside, per), x0, y0, dst, px);
            for (Future<?> f : fs) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    if (e.getCause() instanceof InternalError ie) {
                        throw ie; // a mapped-read fault in a helper thread: the store turns it into a StoreException
                    }
                    throw new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while reading a batch", e);
                }
            }
        }
        for (int i = 0; i < edges; i++) {
            int k = edge[i];
            Windows.copy(edgeWindows[k], raster.width(), raster.height(), spec.fill(), dst, k * px, raster);
        }
    }

    private static void copyRange(Raster raster, CutoutSpec spec, boolean touch, int[] order, int from, int to,
                                  int[] x0, int[] y0, float[] dst, int px) {
        int cw = spec.width();
        int ch = spec.height();
        long s = 0;
        if (touch && from < to) {
            s += raster.touch(x0[order[from]], y0[order[from]], cw, ch);
        }
        for (int i = from; i < to; i++) {
            if (touch && i + 1 < to) {
                int nk = order[i + 1];
                s += raster.touch(x0[nk], y0[nk], cw, ch);
            }
            int k = order[i];
            raster.copy(x0[k], y0[k], cw, ch, dst, k * px, cw);
        }
        if (touch) {
            sink = s;
        }
    }
}
