package org.cutouts.survey;

import org.cutouts.store.CutoutSpec;
import org.cutouts.store.Window;

/**
 * What the survey job measures on each cutout. Computed by one function over the stamp's pixels in
 * a fixed order, so that a Spark executor and a single-JVM loop produce the same bits.
 *
 * @param id          the source's row in the survey catalogue
 * @param tile        the tile it was cut from ({@link TileAssignment#NONE} for none)
 * @param x           its 0-based pixel column in that tile
 * @param y           its 0-based pixel row in that tile
 * @param peak        the largest finite pixel (NaN when every pixel is NaN)
 * @param sum         the sum of the finite pixels
 * @param centroidDx  the centroid of the positive pixels minus the source position, columns (NaN if none)
 * @param centroidDy  the same along rows
 * @param nanFraction the fraction of pixels that are NaN (padding outside the tile)
 */
public record CutoutMeasurement(long id, int tile, double x, double y, float peak, double sum, double centroidDx,
                                double centroidDy, double nanFraction) implements java.io.Serializable {

    /** Measures the stamp in {@code pixels[offset ..]} of source {@code id} centred on {@code (x, y)} of {@code tile}. */
    public static CutoutMeasurement of(long id, int tile, double x, double y, CutoutSpec spec, float[] pixels, int offset) {
        int w = spec.width();
        int h = spec.height();
        float peak = Float.NaN;
        double sum = 0;
        double sw = 0;
        double swx = 0;
        double swy = 0;
        int nan = 0;
        for (int r = 0; r < h; r++) {
            int row = offset + r * w;
            for (int c = 0; c < w; c++) {
                float v = pixels[row + c];
                if (Float.isNaN(v)) {
                    nan++;
                    continue;
                }
                peak = Float.isNaN(peak) || v > peak ? v : peak;
                sum += v;
                if (v > 0) {
                    sw += v;
                    swx += v * (double) c;
                    swy += v * (double) r;
                }
            }
        }
        double dx = Double.NaN;
        double dy = Double.NaN;
        if (sw > 0 && Double.isFinite(x) && Double.isFinite(y)) {
            Window win = spec.windowAt(x, y);
            dx = swx / sw - (x - win.x0());
            dy = swy / sw - (y - win.y0());
        }
        return new CutoutMeasurement(id, tile, x, y, peak, sum, dx, dy, nan / (double) (w * h));
    }
}
