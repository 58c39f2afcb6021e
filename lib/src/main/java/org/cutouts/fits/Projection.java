package org.cutouts.fits;

/**
 * The zenithal projections supported (FITS WCS Paper II, section 5.1), as functions between the
 * native latitude and the radial distance R (degrees) in the plane of projection.
 */
public enum Projection {
    /** Gnomonic: {@code R = (180/pi) cot theta}; defined for theta > 0. */
    TAN,
    /** Orthographic/synthesis without PV terms: {@code R = (180/pi) cos theta}; theta >= 0. */
    SIN;

    static final double R2D = 180.0 / Math.PI;

    /**
     * Projected {@code {x, y}} (degrees) from native {@code cos(theta) sin(phi)}, {@code cos(theta) cos(phi)}
     * and {@code sin(theta)}; NaN where the projection is undefined.
     */
    void project(double cSinPhi, double cCosPhi, double sinTheta, double[] out) {
        switch (this) {
            case TAN -> {
                if (sinTheta <= 0) {
                    out[0] = Double.NaN;
                    out[1] = Double.NaN;
                } else {
                    out[0] = R2D * cSinPhi / sinTheta;
                    out[1] = -R2D * cCosPhi / sinTheta;
                }
            }
            case SIN -> {
                if (sinTheta < 0) {
                    out[0] = Double.NaN;
                    out[1] = Double.NaN;
                } else {
                    out[0] = R2D * cSinPhi;
                    out[1] = -R2D * cCosPhi;
                }
            }
        }
    }

    /**
     * The inverse: native {@code {cos(theta) sin(phi), cos(theta) cos(phi), sin(theta)}} for projected
     * {@code (x, y)} in degrees, computed algebraically (no trigonometry, so no loss near the centre);
     * NaN outside the projection.
     */
    void deproject(double x, double y, double[] out) {
        switch (this) {
            case TAN -> {
                double d = Math.sqrt(x * x + y * y + R2D * R2D);
                out[0] = x / d;
                out[1] = -y / d;
                out[2] = R2D / d;
            }
            case SIN -> {
                double cs = x / R2D;
                double cc = -y / R2D;
                double s2 = 1 - cs * cs - cc * cc;
                out[0] = cs;
                out[1] = cc;
                out[2] = s2 >= 0 ? Math.sqrt(s2) : Double.NaN;
            }
        }
    }
}
