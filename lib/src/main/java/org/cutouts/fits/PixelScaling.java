package org.cutouts.fits;

import nom.tam.fits.Header;

/**
 * The FITS value mapping {@code physical = BZERO + BSCALE * raw}, with integer {@code raw == BLANK}
 * becoming NaN. BLANK only applies to integer BITPIX (as the standard says); float data carries NaN.
 *
 * @param bscale   BSCALE (1 when absent)
 * @param bzero    BZERO (0 when absent)
 * @param hasBlank whether a BLANK keyword applies
 * @param blank    the BLANK value (meaningful only when {@code hasBlank})
 */
public record PixelScaling(double bscale, double bzero, boolean hasBlank, long blank) {

    public static final PixelScaling IDENTITY = new PixelScaling(1.0, 0.0, false, 0);

    /** Reads BSCALE, BZERO and (for integer data) BLANK from a header. */
    public static PixelScaling of(Header h, Bitpix bitpix) {
        boolean blank = bitpix.isInteger() && h.containsKey("BLANK");
        return new PixelScaling(h.getDoubleValue("BSCALE", 1.0), h.getDoubleValue("BZERO", 0.0),
                blank, blank ? h.getLongValue("BLANK") : 0);
    }

    public boolean isIdentity() {
        return bscale == 1.0 && bzero == 0.0;
    }
}
