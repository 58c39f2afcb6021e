package org.cutouts.store;

import java.io.IOException;
import java.util.Arrays;
import org.cutouts.data.Catalogue;
import org.cutouts.data.MosaicSource;

/**
 * Materialises every catalogue cutout from a mosaic streamed once, top to bottom, for the writers that
 * store pixels per cutout (individual files, the stacked array). Edges are resolved here, at write time:
 * PAD fills, STRICT refuses before anything is written.
 */
final class StampCutter {
    /** Receives one finished stamp; the array is reused for the next one. */
    @FunctionalInterface
    interface StampSink {
        void accept(int index, float[] stamp) throws IOException;
    }

    private StampCutter() {
    }

    /**
     * Cuts the cutouts in order of their first row, from a buffer of {@code strip + cutout height} rows,
     * so the mosaic is read once whatever the catalogue order; {@code sink} gets them in that order.
     */
    static void cutAll(MosaicSource source, Catalogue cat, CutoutSpec spec, WriteProgress progress, StampSink sink) throws IOException {
        int mw = source.width();
        int mh = source.height();
        int n = cat.size();
        Window[] windows = new Window[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            windows[i] = spec.windowAt(cat.x(i), cat.y(i));
            spec.checkEdges(i, cat.x(i), cat.y(i), windows[i], mw, mh);
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(firstRow(windows[a], mh), firstRow(windows[b], mh)));
        int strip = Math.max(spec.height(), (1 << 23) / mw);
        float[] buf = new float[(int) Math.min((long) mh, (long) strip + spec.height()) * mw];
        float[] stamp = new float[spec.pixels()];
        int bufY0 = -1;
        int bufRows = 0;
        long done = 0;
        for (int k = 0; k < n; k++) {
            int i = order[k];
            Window w = windows[i];
            int first = firstRow(w, mh);
            int last = (int) Math.min(mh, Math.max(0L, (long) w.y0() + w.height())); // exclusive
            if (bufY0 < 0 || first < bufY0 || last > bufY0 + bufRows) {
                bufY0 = first;
                bufRows = Math.min(mh - bufY0, buf.length / mw);
                source.readRows(bufY0, bufRows, buf, 0);
            }
            final int y0 = bufY0;
            Windows.copy(w, mw, mh, spec.fill(), stamp, 0, (x0, ry0, cols, rows, dst, off, stride) -> {
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(buf, (ry0 - y0 + r) * mw + x0, dst, off + r * stride, cols);
                }
            });
            sink.accept(i, stamp);
            if (++done % 1024 == 0 || done == n) {
                progress.advanced(done, n);
            }
        }
    }

    /** The first mosaic row a window touches, clamped into the mosaic. */
    private static int firstRow(Window w, int mh) {
        return Math.clamp(w.y0(), 0, mh - 1);
    }
}
