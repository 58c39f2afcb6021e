package org.cutouts.fits;

import java.lang.foreign.MemorySegment;

/**
 * Copies a run of big-endian FITS pixels out of a memory segment into a float array, converting the
 * byte order, applying BSCALE/BZERO and turning BLANK into NaN in the same single pass.
 *
 * <p>The arithmetic follows astropy.io.fits so that values agree bit for bit: BITPIX 8, 16 and -32
 * are scaled in float32 ({@code (float) raw * (float) BSCALE + (float) BZERO}, each step rounded),
 * BITPIX 32, 64 and -64 in float64 and then rounded once to float32.
 */
public final class RowDecoder {
    private final Bitpix bitpix;
    private final PixelScaling scaling;
    private final float fscale;
    private final float fzero;

    public RowDecoder(Bitpix bitpix, PixelScaling scaling) {
        this.bitpix = bitpix;
        this.scaling = scaling;
        this.fscale = (float) scaling.bscale();
        this.fzero = (float) scaling.bzero();
    }

    public Bitpix bitpix() {
        return bitpix;
    }

    public PixelScaling scaling() {
        return scaling;
    }

    /** Decodes {@code n} pixels starting at byte {@code byteOffset} of {@code seg} into {@code dst[off..off+n)}. */
    public void decode(MemorySegment seg, long byteOffset, int n, float[] dst, int off) {
        switch (bitpix) {
            case UINT8 -> {
                for (int i = 0; i < n; i++) {
                    long raw = Byte.toUnsignedLong(seg.get(java.lang.foreign.ValueLayout.JAVA_BYTE, byteOffset + i));
                    dst[off + i] = integer(raw);
                }
            }
            case INT16 -> {
                for (int i = 0; i < n; i++) {
                    dst[off + i] = integer(seg.get(Bitpix.BE_SHORT, byteOffset + 2L * i));
                }
            }
            case INT32 -> {
                for (int i = 0; i < n; i++) {
                    dst[off + i] = integer(seg.get(Bitpix.BE_INT, byteOffset + 4L * i));
                }
            }
            case INT64 -> {
                for (int i = 0; i < n; i++) {
                    dst[off + i] = integer(seg.get(Bitpix.BE_LONG, byteOffset + 8L * i));
                }
            }
            case FLOAT32 -> {
                if (scaling.isIdentity()) {
                    for (int i = 0; i < n; i++) {
                        dst[off + i] = seg.get(Bitpix.BE_FLOAT, byteOffset + 4L * i);
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        dst[off + i] = scale32(seg.get(Bitpix.BE_FLOAT, byteOffset + 4L * i));
                    }
                }
            }
            case FLOAT64 -> {
                for (int i = 0; i < n; i++) {
                    dst[off + i] = scale64(seg.get(Bitpix.BE_DOUBLE, byteOffset + 8L * i));
                }
            }
        }
    }

    /** One raw integer value to its physical float value (also used for decompressed kernels). */
    float integer(long raw) {
        if (scaling.hasBlank() && raw == scaling.blank()) {
            return Float.NaN;
        }
        return bitpix.scalesInFloat32() ? scale32((float) raw) : scale64((double) raw);
    }

    float scale32(float v) {
        if (scaling.bscale() != 1.0) {
            v = v * fscale;
        }
        if (scaling.bzero() != 0.0) {
            v = v + fzero;
        }
        return v;
    }

    float scale64(double v) {
        if (scaling.bscale() != 1.0) {
            v = v * scaling.bscale();
        }
        if (scaling.bzero() != 0.0) {
            v = v + scaling.bzero();
        }
        return (float) v;
    }
}
