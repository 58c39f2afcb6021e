package org.cutouts.store;

import java.util.Arrays;

/**
 * The one place where a cutout window is clipped to the mosaic. Every strategy copies through here,
 * so edge cutouts are identical across strategies by construction; the FITS reader uses it too.
 */
public final class Windows {
    private Windows() {
    }

    /** Copies a rectangle that lies entirely inside the mosaic into {@code dst}, rows {@code dstStride} apart. */
    @FunctionalInterface
    public interface RectCopier {
        void copy(int x0, int y0, int cols, int rows, float[] dst, int dstOffset, int dstStride);
    }

    /**
     * Fills {@code dst[off ..]} with window {@code w}: pixels inside the mosaic come from {@code rect},
     * the rest take {@code fill}. The edge policy has already been applied by the caller.
     */
    public static void copy(Window w, int mosaicWidth, int mosaicHeight, float fill, float[] dst, int off, RectCopier rect) {
        if (w.inside(mosaicWidth, mosaicHeight)) {
            rect.copy(w.x0(), w.y0(), w.width(), w.height(), dst, off, w.width());
            return;
        }
        Arrays.fill(dst, off, off + w.width() * w.height(), fill);
        if (w.disjoint(mosaicWidth, mosaicHeight)) {
            return;
        }
        int xa = Math.max(0, w.x0());
        int ya = Math.max(0, w.y0());
        int xb = (int) Math.min(mosaicWidth, (long) w.x0() + w.width());
        int yb = (int) Math.min(mosaicHeight, (long) w.y0() + w.height());
        int dstOff = off + (ya - w.y0()) * w.width() + (xa - w.x0());
        rect.copy(xa, ya, xb - xa, yb - ya, dst, dstOff, w.width());
    }
}
