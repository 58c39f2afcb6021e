package org.cutouts.fits;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nom.tam.fits.Header;
import nom.tam.fits.HeaderCard;
import nom.tam.util.Cursor;
import org.cutouts.io.StoreException;

/**
 * Keyword families that change a celestial transform but that this library does not apply: each
 * present family is refused with a {@link StoreException} naming it, so no header yields a plausible
 * cutout of the wrong sky. The table in docs/fits.md lists every family: applied, refused or ignored.
 */
final class WcsRefusals {
    /** The projection codes implemented by {@link Projection}. */
    static final List<String> SUPPORTED = List.of("TAN", "SIN");

    /**
     * Keywords of a DSS plate solution. Any one of them, even PLTSCALE or XPIXELSZ alone, makes wcslib
     * (and so astropy) set up a DSS distortion, which fails without the AMDX/AMDY coefficients.
     */
    private static final List<String> DSS = List.of("PLTRAH", "PLTRAM", "PLTRAS", "PLTDECSN", "PLTDECD", "PLTDECM", "PLTDECS",
            "AMDX1", "AMDY1", "PPO1", "PPO3", "PPO6", "PLTSCALE", "XPIXELSZ", "YPIXELSZ", "CNPIX1", "CNPIX2");
    private static final List<String> LOOKUP = List.of("CPDIS1", "CPDIS2", "CQDIS1", "CQDIS2", "DP1", "DP2", "DQ1", "DQ2",
            "D2IMDIS1", "D2IMDIS2", "D2IMEXT", "NPOLEXT", "CPERR1", "CPERR2");
    private static final Pattern PV = Pattern.compile("PV([12])_(\\d+)");

    private WcsRefusals() {
    }

    /**
     * Refuses what {@code h} asks for beyond a TAN/SIN projection with optional SIP.
     *
     * @param code   the projection code of both CTYPEs ("TAN")
     * @param suffix what follows the code in CTYPE1 ("" or "-SIP")
     */
    static void check(Path file, String label, Header h, String ctype1, String code, String suffix) {
        String dss = firstPresent(h, DSS);
        if (dss != null) {
            throw refuse(file, label, "a DSS plate solution (" + dss + "; PLTRAH/PLTDECD..., AMDX1-20/AMDY1-20, PPO1-6, "
                    + "PLTSCALE, XPIXELSZ/YPIXELSZ, CNPIX1/2) is not applied; the linear CD/CDELT terms alone are off by up to "
                    + "tenths of a pixel");
        }
        String lookup = firstPresent(h, LOOKUP);
        if (lookup != null) {
            throw refuse(file, label, "lookup-table distortion (" + lookup + "; CPDISj/CQDISi with DPj/DQi records, "
                    + "D2IMDISj/D2IMEXT, NPOLEXT) is not applied");
        }
        if (code.equals("TPV") || code.equals("TNX") || code.equals("ZPX")) {
            throw refuse(file, label, "CTYPE1 = '" + ctype1 + "': the " + code + " distortion polynomial ("
                    + (code.equals("TPV") ? "PVi_j" : "WATi_nnn") + ") is not applied");
        }
        boolean sip = suffix.equals("-SIP") || h.containsKey("A_ORDER");
        if (sip && !code.equals("TAN")) {
            throw refuse(file, label, "SIP distortion (A_ORDER, A_p_q...) on a " + code + " projection is not applied "
                    + "(SIP is defined for TAN only)");
        }
        if (!suffix.isEmpty() && !suffix.equals("-SIP")) {
            throw refuse(file, label, "CTYPE1 = '" + ctype1 + "' has the distortion suffix '" + suffix + "', which is not applied");
        }
        if (suffix.equals("-SIP") && !h.containsKey("A_ORDER")) {
            throw refuse(file, label, "CTYPE1 = '" + ctype1 + "' names SIP but the header has no A_ORDER");
        }
        if (!SUPPORTED.contains(code)) {
            throw refuse(file, label, "projection '" + code + "' (CTYPE1 = '" + ctype1 + "') is not supported; "
                    + "supported: TAN, TAN-SIP, SIN");
        }
        checkPv(file, label, h);
    }

    /**
     * PVi_j on the celestial axes: projection parameters (SIN's slant), native reference angles, or a
     * TPV/SCAMP polynomial under a TAN CTYPE. Only values equal to the defaults (which change nothing)
     * are accepted.
     */
    private static void checkPv(Path file, String label, Header h) {
        for (Cursor<String, HeaderCard> it = h.iterator(); it.hasNext();) {
            String key = it.next().getKey();
            Matcher m = key == null ? null : PV.matcher(key);
            if (m == null || !m.matches()) {
                continue;
            }
            double value = HeaderNumbers.finite(file, label, h, key);
            int j = Integer.parseInt(m.group(2));
            boolean lonAxis = m.group(1).equals("1");
            boolean harmless = lonAxis ? (j == 0 || j == 1) && value == 0 || j == 2 && value == 90 : value == 0;
            if (!harmless) {
                throw refuse(file, label, key + " = " + value + ": PVi_j projection parameters or a TPV/SCAMP distortion "
                        + "polynomial are not applied");
            }
        }
    }

    private static String firstPresent(Header h, List<String> keys) {
        return keys.stream().filter(h::containsKey).findFirst().orElse(null);
    }

    private static StoreException refuse(Path file, String label, String problem) {
        return new StoreException(file, label + ": " + problem);
    }
}
