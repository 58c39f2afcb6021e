package org.cutouts.fits;

import java.util.Locale;
import org.jastronomy.jsofa.JSOFA;

/**
 * The celestial reference frame of an image's longitude/latitude axes, with conversions from and to
 * ICRS done by the IAU SOFA routines (jsofa). The conversions follow the path astropy's
 * {@code SkyCoord.transform_to} takes, so that a catalogue position lands on the same pixel:
 * <ul>
 *   <li>FK5 at Julian equinox J: ICRS to FK5 J2000 by the FK5-Hipparcos frame rotation
 *       ({@code iauFk5hip}), then the IAU 2006 precession ({@code iauBp06}) from J2000 to J;</li>
 *   <li>FK4 at B1950 (with E-terms): ICRS to FK5 J2000 as above, then {@code iauFk54z} (its inverse
 *       {@code iauFk45z}) at epoch B1950, astropy's default observation time for FK4;</li>
 *   <li>Galactic: ICRS to FK5 J2000 as above, then the rotation that puts the north galactic pole
 *       at FK5 J2000 (192.8594812065348, 27.12825118085622) and the galactic centre at position angle
 *       122.9319185680026 degrees, built with SOFA's {@code iauRz}/{@code iauRy} (astropy's definition;
 *       SOFA's {@code iauIcrs2g} applies a Hipparcos matrix directly to ICRS and differs by up to ~10 mas).</li>
 * </ul>
 * Frames the library cannot convert ({@link Kind#OTHER}: helioprojective, ecliptic...) still serve
 * positions given in the image's own frame. Immutable and thread-safe.
 *
 * @param kind    the frame family
 * @param equinox Julian (FK5) or Besselian (FK4) equinox in years; NaN when not applicable
 * @param axes    the CTYPE axis names, e.g. "RA/DEC" or "GLON/GLAT"
 */
public record SkyFrame(Kind kind, double equinox, String axes) {
    /** The frame families. */
    public enum Kind {
        /** International Celestial Reference System. */
        ICRS,
        /** FK5 at a Julian equinox. */
        FK5,
        /** FK4 at Besselian equinox B1950, with the E-terms of aberration. */
        FK4,
        /** Galactic (IAU 1958, as realised in FK5 J2000). */
        GALACTIC,
        /** A frame the library does not convert: positions must be given in the image's own frame. */
        OTHER
    }

    /** ICRS on RA/DEC axes. */
    public static final SkyFrame ICRS = new SkyFrame(Kind.ICRS, Double.NaN, "RA/DEC");

    private static final double[][] ICRS_TO_FK5_J2000 = icrsToFk5J2000();
    private static final double[][] FK5_J2000_TO_GALACTIC = fk5J2000ToGalactic();
    private static final double FK4_EPOCH = 1950.0;

    /** Whether ICRS positions can be converted into this frame. */
    public boolean convertible() {
        return kind != Kind.OTHER;
    }

    /** Native {@code {lon, lat}} in degrees of an ICRS position in degrees; lon in [0, 360). */
    public double[] fromIcrs(double ra, double dec) {
        return switch (kind) {
            case ICRS -> new double[] {ra, dec};
            case FK5, GALACTIC -> spherical(rotate(fromIcrsMatrix(), unit(ra, dec)));
            case FK4 -> {
                double[] fk5 = spherical(rotate(ICRS_TO_FK5_J2000, unit(ra, dec)));
                JSOFA.CatalogCoords c = JSOFA.jauFk54z(Math.toRadians(fk5[0]), Math.toRadians(fk5[1]), FK4_EPOCH);
                yield degrees(c.pos.alpha, c.pos.delta);
            }
            case OTHER -> throw notConvertible();
        };
    }

    /** The ICRS {@code {ra, dec}} in degrees of a position in this frame. */
    public double[] toIcrs(double lon, double lat) {
        return switch (kind) {
            case ICRS -> new double[] {lon, lat};
            case FK5, GALACTIC -> spherical(rotate(transpose(fromIcrsMatrix()), unit(lon, lat)));
            case FK4 -> fk4ToIcrs(lon, lat);
            case OTHER -> throw notConvertible();
        };
    }

    /** Native columns {@code {lon[], lat[]}} for whole arrays of ICRS positions. */
    public double[][] fromIcrs(double[] ra, double[] dec) {
        return convert(ra, dec, true);
    }

    /** ICRS columns {@code {ra[], dec[]}} for whole arrays of native positions. */
    public double[][] toIcrs(double[] lon, double[] lat) {
        return convert(lon, lat, false);
    }

    private double[][] convert(double[] a, double[] b, boolean fromIcrs) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("longitudes have " + a.length + " values, latitudes " + b.length);
        }
        double[] lon = new double[a.length];
        double[] lat = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            double[] p = fromIcrs ? fromIcrs(a[i], b[i]) : toIcrs(a[i], b[i]);
            lon[i] = p[0];
            lat[i] = p[1];
        }
        return new double[][] {lon, lat};
    }

    /**
     * SOFA's {@code iauFk45z} is not the exact inverse of {@code iauFk54z} (they differ by up to a few
     * mas), so its answer is refined until {@link #fromIcrs} gives back the FK4 position: a round trip
     * through ICRS then returns the same pixel.
     */
    private double[] fk4ToIcrs(double lon, double lat) {
        JSOFA.SphericalCoordinate c = JSOFA.jauFk45z(Math.toRadians(lon), Math.toRadians(lat), FK4_EPOCH);
        double[] fk5 = degrees(c.alpha, c.delta);
        double[] v = rotate(transpose(ICRS_TO_FK5_J2000), unit(fk5[0], fk5[1]));
        double[] target = unit(lon, lat);
        for (int i = 0; i < 4; i++) {
            double[] s = spherical(v);
            double[] back = unit(fromIcrs(s[0], s[1])[0], fromIcrs(s[0], s[1])[1]);
            // the transform is a rotation to first order: move v by the residual and renormalise
            for (int k = 0; k < 3; k++) {
                v[k] += target[k] - back[k];
            }
            double norm = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
            for (int k = 0; k < 3; k++) {
                v[k] /= norm;
            }
        }
        return spherical(v);
    }

    private double[][] fromIcrsMatrix() {
        if (kind == Kind.GALACTIC) {
            return multiply(FK5_J2000_TO_GALACTIC, ICRS_TO_FK5_J2000);
        }
        return multiply(precessionFromJ2000(equinox), ICRS_TO_FK5_J2000);
    }

    private IllegalStateException notConvertible() {
        return new IllegalStateException("the image's frame " + this + " cannot be converted from ICRS");
    }

    /** IAU 2006 precession matrix from J2000 to Julian equinox {@code year}, as astropy's FK5 precession. */
    private static double[][] precessionFromJ2000(double year) {
        return multiply(precession(year), transpose(precession(2000.0)));
    }

    private static double[][] precession(double year) {
        JSOFA.JulianDate jd = JSOFA.jauEpj2jd(year);
        double[][] rb = new double[3][3];
        double[][] rp = new double[3][3];
        double[][] rbp = new double[3][3];
        JSOFA.jauBp06(jd.djm0, jd.djm1, rb, rp, rbp);
        return rp;
    }

    /** ICRS to FK5 J2000: the transpose of SOFA's FK5-to-Hipparcos rotation (no spin at J2000). */
    private static double[][] icrsToFk5J2000() {
        double[][] r5h = new double[3][3];
        double[] s5h = new double[3];
        JSOFA.jauFk5hip(r5h, s5h);
        return transpose(r5h);
    }

    /** FK5 J2000 to Galactic: Rz(180 - lon0) Ry(90 - dec_ngp) Rz(ra_ngp) from the IAU pole and origin. */
    private static double[][] fk5J2000ToGalactic() {
        double[][] m = new double[3][3];
        JSOFA.jauIr(m); // jsofa 20210512's no-argument jauIr() returns a zero matrix
        JSOFA.jauRz(Math.toRadians(192.8594812065348), m);
        JSOFA.jauRy(Math.toRadians(90 - 27.12825118085622), m);
        JSOFA.jauRz(Math.toRadians(180 - 122.9319185680026), m);
        return m;
    }

    private static double[] unit(double lonDeg, double latDeg) {
        return JSOFA.jauS2c(Math.toRadians(lonDeg), Math.toRadians(latDeg));
    }

    private static double[] spherical(double[] v) {
        JSOFA.SphericalCoordinate s = JSOFA.jauC2s(v);
        return degrees(s.alpha, s.delta);
    }

    private static double[] degrees(double lonRad, double latRad) {
        return new double[] {Math.toDegrees(JSOFA.jauAnp(lonRad)), Math.toDegrees(latRad)};
    }

    private static double[] rotate(double[][] m, double[] v) {
        return JSOFA.jauRxp(m, v);
    }

    private static double[][] transpose(double[][] m) {
        return JSOFA.jauTr(m);
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        return JSOFA.jauRxr(a, b);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case ICRS -> "ICRS";
            case FK5 -> String.format(Locale.ROOT, "FK5 (equinox J%.1f)", equinox);
            case FK4 -> String.format(Locale.ROOT, "FK4 (equinox B%.1f, with E-terms)", equinox);
            case GALACTIC -> "Galactic";
            case OTHER -> axes + " (no conversion from ICRS)";
        };
    }
}
