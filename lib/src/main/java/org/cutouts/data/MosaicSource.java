package org.cutouts.data;

/**
 * A mosaic that can be streamed row by row: the input every storage writer reads from.
 *
 * <p>Pixels are float32, row-major, with {@code y} the row (slow axis) and {@code x} the column,
 * as numpy indexes {@code mosaic[y, x]}. Implementations never need to hold the whole image:
 * a writer asks for a strip of rows at a time, so mosaics far above 2 GiB stream through.
 */
public interface MosaicSource {

    int width();

    int height();

    /** Total pixel count as a long: 25000 x 25000 already overflows an int. */
    default long pixelCount() {
        return (long) width() * height();
    }

    /**
     * Copies rows {@code [y0, y0 + rows)} into {@code dst} starting at {@code offset},
     * {@code width()} floats per row.
     */
    void readRows(int y0, int rows, float[] dst, int offset);

    /** A short human description for tables and error messages, e.g. "synthetic 5000x5000 seed 42". */
    String describe();
}
