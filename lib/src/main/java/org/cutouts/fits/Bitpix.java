package org.cutouts.fits;

import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The FITS pixel types this package reads, with their big-endian memory layouts. FITS data is always
 * big-endian; the layouts below convert while copying, so no second pass over the pixels is needed.
 */
public enum Bitpix {
    UINT8(8, 1),
    INT16(16, 2),
    INT32(32, 4),
    INT64(64, 8),
    FLOAT32(-32, 4),
    FLOAT64(-64, 8);

    static final ValueLayout.OfShort BE_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    static final ValueLayout.OfInt BE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    static final ValueLayout.OfLong BE_LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    static final ValueLayout.OfFloat BE_FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    static final ValueLayout.OfDouble BE_DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private final int code;
    private final int bytes;

    Bitpix(int code, int bytes) {
        this.code = code;
        this.bytes = bytes;
    }

    /** The BITPIX keyword value. */
    public int code() {
        return code;
    }

    /** Bytes per pixel. */
    public int bytes() {
        return bytes;
    }

    public boolean isInteger() {
        return code > 0;
    }

    /**
     * Whether astropy scales this type in float32 (BITPIX 8, 16, -32) rather than float64
     * (BITPIX 32, 64, -64); we follow it so that scaled values agree bit for bit.
     */
    boolean scalesInFloat32() {
        return code == 8 || code == 16 || code == -32;
    }

    /** The type for a BITPIX value, or null when this package does not read it. */
    public static Bitpix of(int code) {
        for (Bitpix b : values()) {
            if (b.code == code) {
                return b;
            }
        }
        return null;
    }
}
