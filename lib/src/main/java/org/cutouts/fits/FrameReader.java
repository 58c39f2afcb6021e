package org.cutouts.fits;

import java.nio.file.Path;
import java.util.Locale;
import nom.tam.fits.Header;
import org.cutouts.io.StoreException;

/**
 * Reads an image's {@link SkyFrame} from RADESYS (or the older RADECSYS), EQUINOX (or the older EPOCH)
 * and the CTYPE axis names, with the defaults of FITS WCS Paper II section 3.1 as wcslib applies them:
 * no RADESYS means ICRS without an equinox, FK4 for an equinox before 1984, FK5 otherwise; a missing
 * equinox is B1950 for FK4 and J2000 for FK5. GLON/GLAT is Galactic whatever RADESYS says.
 * What the library cannot convert exactly is refused here, naming the keyword.
 */
final class FrameReader {
    private FrameReader() {
    }

    /** The frame of a header whose celestial axes are named {@code lonAxis}/{@code latAxis} ("RA"/"DEC"...). */
    static SkyFrame read(Path file, String label, Header h, String lonAxis, String latAxis) {
        String axes = lonAxis + "/" + latAxis;
        if (lonAxis.equals("GLON")) {
            return new SkyFrame(SkyFrame.Kind.GALACTIC, Double.NaN, axes);
        }
        if (!lonAxis.equals("RA")) {
            return new SkyFrame(SkyFrame.Kind.OTHER, Double.NaN, axes);
        }
        String radesys = radesys(h);
        double equinox = equinox(file, label, h);
        if (radesys.isEmpty()) {
            radesys = Double.isNaN(equinox) ? "ICRS" : equinox < 1984.0 ? "FK4" : "FK5";
        }
        return switch (radesys) {
            case "ICRS" -> SkyFrame.ICRS;
            case "FK5" -> new SkyFrame(SkyFrame.Kind.FK5, Double.isNaN(equinox) ? 2000.0 : equinox, axes);
            case "FK4" -> fk4(file, label, Double.isNaN(equinox) ? 1950.0 : equinox, axes);
            case "FK4-NO-E" -> throw new StoreException(file, label + ": RADESYS = 'FK4-NO-E' (FK4 without E-terms) is not "
                    + "supported; give coordinates in the image's own frame only after converting them yourself");
            default -> throw new StoreException(file, label + ": RADESYS = '" + radesys
                    + "' is not supported (supported: ICRS, FK5, FK4 at B1950, or absent)");
        };
    }

    private static SkyFrame fk4(Path file, String label, double equinox, String axes) {
        if (equinox != 1950.0) {
            throw new StoreException(file, String.format(Locale.ROOT, "%s: FK4 at equinox B%s (EQUINOX/EPOCH) is not supported: "
                    + "SOFA converts FK4 only at B1950, and hand-written Newcomb precession is not used", label, equinox));
        }
        return new SkyFrame(SkyFrame.Kind.FK4, equinox, axes);
    }

    private static String radesys(Header h) {
        String key = h.containsKey("RADESYS") ? "RADESYS" : "RADECSYS";
        return h.getStringValue(key, "").trim().toUpperCase(Locale.ROOT);
    }

    /** EQUINOX, else EPOCH (its deprecated synonym, Paper II), else NaN. */
    private static double equinox(Path file, String label, Header h) {
        String key = h.containsKey("EQUINOX") ? "EQUINOX" : h.containsKey("EPOCH") ? "EPOCH" : null;
        return key == null ? Double.NaN : HeaderNumbers.finite(file, label, h, key);
    }
}
