package org.cutouts.fits;

import java.nio.file.Path;
import java.util.Locale;
import nom.tam.fits.Header;
import org.cutouts.io.StoreException;

/**
 * Reads a {@link CelestialWcs} from a FITS header: CTYPE1/2 with a supported projection, CRPIX,
 * CRVAL, the linear part ({@link LinearPart}), LONPOLE, SIP A/B (AP/BP) coefficients when A_ORDER is
 * present, and the sky frame ({@link FrameReader}). Every keyword family that would change the
 * transform but is not applied is refused ({@link WcsRefusals}), and values wcslib would reject (not
 * finite, a latitude beyond 90 degrees, a singular matrix) are refused too: each as a
 * {@link StoreException} naming the file, the HDU and the keyword.
 */
public final class WcsReader {
    private WcsReader() {
    }

    /** True when the header names a celestial longitude/latitude pair on axes 1 and 2. */
    public static boolean hasCelestialWcs(Header h) {
        String c1 = ctype(h, 1);
        String c2 = ctype(h, 2);
        return (isLon(c1) && isLat(c2)) || (isLat(c1) && isLon(c2));
    }

    /** The celestial WCS of {@code hdu} in {@code file}. */
    public static CelestialWcs read(Path file, FitsHdu hdu) {
        // for a compressed image the WCS cards sit unchanged in the table header
        return read(file, hdu.label(), hdu.header());
    }

    static CelestialWcs read(Path file, String label, Header h) {
        String c1 = ctype(h, 1);
        String c2 = ctype(h, 2);
        refuseAxesWithoutProjection(file, label, c1, c2);
        if (!hasCelestialWcs(h)) {
            String found = c1.isEmpty() && c2.isEmpty() ? "CTYPE1/CTYPE2 are missing"
                    : "CTYPE1 = '" + c1 + "', CTYPE2 = '" + c2 + "' is not a celestial longitude/latitude pair";
            throw new StoreException(file, label + ": no celestial WCS: " + found);
        }
        boolean latFirst = isLat(c1);
        String code1 = projectionCode(c1);
        String code2 = projectionCode(c2);
        if (!code1.equals(code2)) {
            throw new StoreException(file, label + ": CTYPE1 '" + c1 + "' and CTYPE2 '" + c2 + "' name different projections");
        }
        WcsRefusals.check(file, label, h, c1, code1, c1.length() > 8 ? c1.substring(8) : "");
        refuseOtherAxes(file, label, h);
        for (int i = 1; i <= 2; i++) {
            String unit = h.getStringValue("CUNIT" + i, "deg").trim().toLowerCase(Locale.ROOT);
            if (!unit.isEmpty() && !unit.equals("deg")) {
                throw new StoreException(file, label + ": CUNIT" + i + " = '" + unit + "' is not supported (only deg)");
            }
        }
        double crval1 = HeaderNumbers.finite(file, label, h, "CRVAL1");
        double crval2 = HeaderNumbers.finite(file, label, h, "CRVAL2");
        double latitude = latFirst ? crval1 : crval2;
        if (Math.abs(latitude) > 90) {
            throw new StoreException(file, String.format(Locale.ROOT, "%s: CRVAL%d = %s is a latitude outside [-90, 90] degrees",
                    label, latFirst ? 1 : 2, latitude));
        }
        double crpix1 = HeaderNumbers.finite(file, label, h, "CRPIX1");
        double crpix2 = HeaderNumbers.finite(file, label, h, "CRPIX2");
        double[] m = LinearPart.read(file, label, h);
        Sip sip = h.containsKey("A_ORDER") ? sip(file, label, h) : null;
        SkyFrame frame = FrameReader.read(file, label, h, axisName(latFirst ? c2 : c1), axisName(latFirst ? c1 : c2));
        try {
            return new CelestialWcs(Projection.valueOf(code1), crpix1, crpix2, crval1, crval2, m,
                    HeaderNumbers.optional(file, label, h, "LONPOLE", Double.NaN), latFirst, sip, frame);
        } catch (IllegalArgumentException e) {
            throw new StoreException(file, label + ": " + e.getMessage());
        }
    }

    /** 'RA'/'DEC' with no projection code: astropy takes them as linear axes, which ignores the sphere. */
    private static void refuseAxesWithoutProjection(Path file, String label, String c1, String c2) {
        for (String c : new String[] {c1, c2}) {
            String bare = c.replaceAll("-+$", "");
            if (bare.length() <= 4 && (isLon(bare + "----") || isLat(bare + "----"))) {
                throw new StoreException(file, label + ": CTYPE '" + c + "' has no projection code (e.g. 'RA---TAN'): "
                        + "a linear RA/Dec axis ignores the curvature of the sky, so no cutout by sky position is made");
            }
        }
    }

    /** A cube's celestial WCS is axes 1 and 2 only: refused when another axis is celestial or mixes with them. */
    private static void refuseOtherAxes(Path file, String label, Header h) {
        int naxis = Math.max(h.getIntValue("NAXIS", 2), h.getIntValue("WCSAXES", 2));
        for (int k = 3; k <= naxis; k++) {
            String c = ctype(h, k);
            if (isLon(c) || isLat(c)) {
                throw new StoreException(file, label + ": CTYPE" + k + " = '" + c + "' is celestial; only axes 1 and 2 can be");
            }
            for (int i = 1; i <= 2; i++) {
                for (String key : new String[] {"PC" + i + "_" + k, "PC" + k + "_" + i, "CD" + i + "_" + k, "CD" + k + "_" + i}) {
                    if (HeaderNumbers.optional(file, label, h, key, 0.0) != 0) {
                        throw new StoreException(file, label + ": " + key + " couples axis " + k
                                + " with the celestial axes; only a separable celestial part is supported");
                    }
                }
            }
        }
    }

    private static String ctype(Header h, int axis) {
        return h.getStringValue("CTYPE" + axis, "").trim().toUpperCase(Locale.ROOT);
    }

    private static Sip sip(Path file, String label, Header h) {
        double[][] ap = h.containsKey("AP_ORDER") ? coefficients(file, label, h, "AP", order(file, label, h, "AP_ORDER")) : null;
        double[][] bp = h.containsKey("BP_ORDER") ? coefficients(file, label, h, "BP", order(file, label, h, "BP_ORDER")) : null;
        return new Sip(coefficients(file, label, h, "A", order(file, label, h, "A_ORDER")),
                coefficients(file, label, h, "B", order(file, label, h, "B_ORDER")), ap, bp);
    }

    /** A SIP order keyword, which must be an integer from 0 to 9. */
    private static int order(Path file, String label, Header h, String key) {
        double v = h.containsKey(key) ? HeaderNumbers.finite(file, label, h, key) : -1;
        if (v != Math.rint(v) || v < 0 || v > 9) {
            throw new StoreException(file, label + ": SIP needs " + key + " as an integer between 0 and 9, found "
                    + (h.containsKey(key) ? h.findCard(key).getValue() : "none"));
        }
        return (int) v;
    }

    private static double[][] coefficients(Path file, String label, Header h, String prefix, int order) {
        double[][] c = new double[order + 1][order + 1];
        for (int p = 0; p <= order; p++) {
            for (int q = 0; p + q <= order; q++) {
                c[p][q] = HeaderNumbers.optional(file, label, h, prefix + "_" + p + "_" + q, 0.0);
            }
        }
        return c;
    }

    private static boolean isLon(String ctype) {
        String axis = axisName(ctype);
        return axis.equals("RA") || (axis.length() == 4 && axis.endsWith("LON")) || axis.equals("HPLN");
    }

    private static boolean isLat(String ctype) {
        String axis = axisName(ctype);
        return axis.equals("DEC") || (axis.length() == 4 && axis.endsWith("LAT")) || axis.equals("HPLT");
    }

    /** "RA---TAN" -> "RA", "GLON-TAN" -> "GLON". */
    private static String axisName(String ctype) {
        if (ctype.length() < 5) {
            return "";
        }
        String head = ctype.substring(0, 4);
        int dash = head.indexOf('-');
        return dash < 0 ? head : head.substring(0, dash);
    }

    /** "RA---TAN-SIP" -> "TAN". */
    private static String projectionCode(String ctype) {
        return ctype.length() >= 8 ? ctype.substring(5, 8) : "";
    }
}
