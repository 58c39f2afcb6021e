package org.cutouts.fits;

import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.Objects;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.fits.Header;
import nom.tam.fits.ImageHDU;
import nom.tam.image.compression.hdu.CompressedImageHDU;
import org.cutouts.io.StoreException;

/**
 * A tile-compressed image (Rice, GZIP, HCOMPRESS... whatever nom-tam-fits decodes), decompressed
 * whole through nom-tam-fits' library path on first use and then held on the heap as float32.
 * Slower to open and bigger in memory than a mapped band: every tile is decompressed once.
 */
final class DecompressedBand implements FitsBand {
    private final Path data;
    private final Path file;
    private final FitsHdu hdu;
    private volatile float[] pixels;

    /** {@code data} is read, {@code file} (the user's file) named in messages. */
    DecompressedBand(Path data, Path file, FitsHdu hdu) {
        this.data = data;
        this.file = file;
        this.hdu = hdu;
        if ((long) hdu.width() * hdu.height() > Integer.MAX_VALUE - 8) {
            throw new StoreException(file, hdu.label() + ": compressed image of " + hdu.width() + "x" + hdu.height()
                    + " pixels is too large to decompress into one array");
        }
    }

    @Override
    public FitsHdu hdu() {
        return hdu;
    }

    @Override
    public void read(int y, int x0, int n, float[] dst, int off) {
        Objects.checkIndex(y, hdu.height());
        Objects.checkFromIndexSize(x0, n, hdu.width());
        System.arraycopy(pixels(), y * hdu.width() + x0, dst, off, n);
    }

    private float[] pixels() {
        float[] p = pixels;
        if (p == null) {
            synchronized (this) {
                p = pixels;
                if (p == null) {
                    p = decompress();
                    pixels = p;
                }
            }
        }
        return p;
    }

    private float[] decompress() {
        try (Fits fits = new Fits(data.toFile())) {
            BasicHDU<?> b = fits.getHDU(hdu.index());
            if (!(b instanceof CompressedImageHDU c)) {
                throw new StoreException(file, hdu.label() + ": nom-tam-fits did not read it as a compressed image");
            }
            ImageHDU image = c.asImageHDU();
            Header ih = image.getHeader();
            Bitpix bitpix = Bitpix.of(ih.getIntValue("BITPIX"));
            if (bitpix == null) {
                throw new StoreException(file, hdu.label() + ": decompressed BITPIX " + ih.getIntValue("BITPIX") + " is not supported");
            }
            RowDecoder decoder = new RowDecoder(bitpix, PixelScaling.of(ih, bitpix));
            return flatten(image.getKernel(), decoder);
        } catch (IOException | FitsException e) {
            throw new StoreException(file, hdu.label() + ": cannot decompress the tile-compressed image", e);
        }
    }

    private float[] flatten(Object kernel, RowDecoder decoder) {
        int w = hdu.width();
        int h = hdu.height();
        if (kernel == null || !kernel.getClass().isArray() || Array.getLength(kernel) != h) {
            throw new StoreException(file, hdu.label() + ": decompressed data does not have " + h + " rows");
        }
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            Object row = Array.get(kernel, y);
            int base = y * w;
            switch (row) {
                case short[] r -> { for (int x = 0; x < w; x++) out[base + x] = decoder.integer(r[x]); }
                case int[] r -> { for (int x = 0; x < w; x++) out[base + x] = decoder.integer(r[x]); }
                case long[] r -> { for (int x = 0; x < w; x++) out[base + x] = decoder.integer(r[x]); }
                case byte[] r -> { for (int x = 0; x < w; x++) out[base + x] = decoder.integer(Byte.toUnsignedLong(r[x])); }
                case float[] r -> { for (int x = 0; x < w; x++) out[base + x] = decoder.scale32(r[x]); }
                case double[] r -> { for (int x = 0; x < w; x++) out[base + x] = decoder.scale64(r[x]); }
                default -> throw new StoreException(file, hdu.label() + ": unexpected decompressed row type " + row.getClass());
            }
        }
        return out;
    }
}
