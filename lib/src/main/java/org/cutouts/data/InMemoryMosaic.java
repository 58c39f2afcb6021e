package org.cutouts.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * A mosaic held in one heap array. It is the reference every store is tested against:
 * {@link #slice} is the "direct slice of the in-memory mosaic" a cutout must equal bit for bit.
 * Limited to 2^31 - 1 pixels, which is why large mosaics use the streaming sources instead.
 */
public final class InMemoryMosaic implements MosaicSource {
    private final int width;
    private final int height;
    private final float[] pixels;

    public InMemoryMosaic(int width, int height, float[] pixels) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("mosaic size must be positive, got " + width + "x" + height);
        }
        Objects.requireNonNull(pixels, "pixels");
        if ((long) width * height != pixels.length) {
            throw new IllegalArgumentException("pixel array holds " + pixels.length + " values, expected "
                    + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.pixels = pixels;
    }

    /** Reads a whole streaming source into memory (only for sources below 2^31 pixels). */
    public static InMemoryMosaic copyOf(MosaicSource source) {
        if (source instanceof InMemoryMosaic m) {
            return m;
        }
        long n = source.pixelCount();
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(source.describe() + " has " + n
                    + " pixels, too many for one Java array; stream it instead");
        }
        float[] px = new float[(int) n];
        int strip = Math.max(1, (1 << 22) / source.width());
        for (int y = 0; y < source.height(); y += strip) {
            int rows = Math.min(strip, source.height() - y);
            source.readRows(y, rows, px, y * source.width());
        }
        return new InMemoryMosaic(source.width(), source.height(), px);
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    /** The backing array (not a copy): row-major, {@code pixels[y * width + x]}. */
    public float[] pixels() {
        return pixels;
    }

    public float get(int x, int y) {
        return pixels[y * width + x];
    }

    @Override
    public void readRows(int y0, int rows, float[] dst, int offset) {
        Objects.checkFromIndexSize(y0, rows, height);
        System.arraycopy(pixels, y0 * width, dst, offset, rows * width);
    }

    /**
     * The reference cutout: pixels of window {@code [x0, x0+w) x [y0, y0+h)}, with {@code fill}
     * wherever the window leaves the mosaic.
     */
    public float[] slice(int x0, int y0, int w, int h, float fill) {
        float[] out = new float[w * h];
        Arrays.fill(out, fill);
        for (int r = 0; r < h; r++) {
            int y = y0 + r;
            if (y < 0 || y >= height) {
                continue;
            }
            for (int c = 0; c < w; c++) {
                int x = x0 + c;
                if (x >= 0 && x < width) {
                    out[r * w + c] = pixels[y * width + x];
                }
            }
        }
        return out;
    }

    @Override
    public String describe() {
        return "in-memory " + width + "x" + height + " mosaic";
    }
}
