package org.cutouts.fits;

import java.nio.file.Path;
import java.util.Locale;
import nom.tam.fits.Header;
import org.cutouts.io.StoreException;

/**
 * Reads a {@link CelestialWcs} from a FITS header: CTYPE1/2 with a supported projection, CRPIX,
 * CRVAL, and the linear part with wcslib's precedence (PCi_j x CDELTi if any PC is present, else
 * CDi_j, else CDELTi with CROTA2), LONPOLE, and SIP A/B (AP/BP) coefficients when A_ORDER is present.
 * Anything it cannot honour is a {@link StoreException} naming the file, the HDU and the keyword.
 */
public final class WcsReader {
    private WcsReader() {
    }

    /** True when the header names a celestial longitude/latitude pair on axes 1 and 2. */
    public static boolean hasCelestialWcs(Header h) {
        String c1 = h.getStringValue("CTYPE1", "").trim().toUpperCase(Locale.ROOT);
        String c2 = h.getStringValue("CTYPE2", "").trim().toUpperCase(Locale.ROOT);
        return (isLon(c1) && isLat(c2)) || (isLat(c1) && isLon(c2));
    }

    /** The celestial WCS of {@code hdu} in {@code file}. */
    public static CelestialWcs read(Path file, FitsHdu hdu) {
        // for a compressed image the WCS cards sit unchanged in the table header
        return read(file, hdu.label(), hdu.header());
    }

    static CelestialWcs read(Path file, String label, Header h) {
        String c1 = h.getStringValue("CTYPE1", "").trim().toUpperCase(Locale.ROOT);
        String c2 = h.getStringValue("CTYPE2", "").trim().toUpperCase(Locale.ROOT);
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
        Projection projection;
        try {
            projection = Projection.valueOf(code1);
        } catch (IllegalArgumentException e) {
            throw new StoreException(file, label + ": projection '" + code1 + "' (CTYPE1 = '" + c1
                    + "') is not supported; supported: TAN, TAN-SIP, SIN");
        }
        String suffix1 = c1.length() > 8 ? c1.substring(8) : "";
        if (!suffix1.isEmpty() && !suffix1.equals("-SIP")) {
            throw new StoreException(file, label + ": CTYPE1 = '" + c1 + "' has an unsupported distortion suffix '" + suffix1 + "'");
        }
        for (int i = 1; i <= 2; i++) {
            String unit = h.getStringValue("CUNIT" + i, "deg").trim().toLowerCase(Locale.ROOT);
            if (!unit.isEmpty() && !unit.equals("deg")) {
                throw new StoreException(file, label + ": CUNIT" + i + " = '" + unit + "' is not supported (only deg)");
            }
        }
        if (projection == Projection.SIN && (h.containsKey("PV2_1") || h.containsKey("PV2_2"))
                && (h.getDoubleValue("PV2_1", 0) != 0 || h.getDoubleValue("PV2_2", 0) != 0)) {
            throw new StoreException(file, label + ": SIN with PV2_1/PV2_2 (slant orthographic) is not supported");
        }
        for (String k : new String[] {"CRPIX1", "CRPIX2", "CRVAL1", "CRVAL2"}) {
            if (!h.containsKey(k)) {
                throw new StoreException(file, label + ": celestial WCS without " + k);
            }
        }
        double[] m = linear(h);
        Sip sip = h.containsKey("A_ORDER") ? sip(file, label, h) : null;
        if (sip != null && projection != Projection.TAN) {
            throw new StoreException(file, label + ": SIP distortion is only supported with TAN");
        }
        try {
            return new CelestialWcs(projection, h.getDoubleValue("CRPIX1"), h.getDoubleValue("CRPIX2"),
                    h.getDoubleValue("CRVAL1"), h.getDoubleValue("CRVAL2"), m,
                    h.getDoubleValue("LONPOLE", Double.NaN), latFirst, sip);
        } catch (IllegalArgumentException e) {
            throw new StoreException(file, label + ": " + e.getMessage());
        }
    }

    /** {m11, m12, m21, m22} in degrees per pixel, with wcslib's precedence PC > CD > CDELT/CROTA2. */
    private static double[] linear(Header h) {
        double cdelt1 = h.getDoubleValue("CDELT1", 1.0);
        double cdelt2 = h.getDoubleValue("CDELT2", 1.0);
        boolean anyPc = h.containsKey("PC1_1") || h.containsKey("PC1_2") || h.containsKey("PC2_1") || h.containsKey("PC2_2");
        boolean anyCd = h.containsKey("CD1_1") || h.containsKey("CD1_2") || h.containsKey("CD2_1") || h.containsKey("CD2_2");
        if (anyPc) {
            return new double[] {
                cdelt1 * h.getDoubleValue("PC1_1", 1.0), cdelt1 * h.getDoubleValue("PC1_2", 0.0),
                cdelt2 * h.getDoubleValue("PC2_1", 0.0), cdelt2 * h.getDoubleValue("PC2_2", 1.0)};
        }
        if (anyCd) {
            return new double[] {h.getDoubleValue("CD1_1", 0.0), h.getDoubleValue("CD1_2", 0.0),
                h.getDoubleValue("CD2_1", 0.0), h.getDoubleValue("CD2_2", 0.0)};
        }
        double rho = Math.toRadians(h.getDoubleValue("CROTA2", 0.0));
        double c = Math.cos(rho);
        double s = Math.sin(rho);
        // Paper II eq. 189 with PC from CROTA2, times CDELT
        return new double[] {cdelt1 * c, -cdelt2 * s, cdelt1 * s, cdelt2 * c};
    }

    private static Sip sip(Path file, String label, Header h) {
        int aOrder = h.getIntValue("A_ORDER", -1);
        int bOrder = h.getIntValue("B_ORDER", -1);
        if (aOrder < 0 || bOrder < 0 || aOrder > 9 || bOrder > 9) {
            throw new StoreException(file, label + ": SIP needs A_ORDER and B_ORDER between 0 and 9, found "
                    + aOrder + " and " + bOrder);
        }
        double[][] ap = h.containsKey("AP_ORDER") ? coefficients(h, "AP", h.getIntValue("AP_ORDER")) : null;
        double[][] bp = h.containsKey("BP_ORDER") ? coefficients(h, "BP", h.getIntValue("BP_ORDER")) : null;
        return new Sip(coefficients(h, "A", aOrder), coefficients(h, "B", bOrder), ap, bp);
    }

    private static double[][] coefficients(Header h, String prefix, int order) {
        double[][] c = new double[order + 1][order + 1];
        for (int p = 0; p <= order; p++) {
            for (int q = 0; p + q <= order; q++) {
                c[p][q] = h.getDoubleValue(prefix + "_" + p + "_" + q, 0.0);
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
