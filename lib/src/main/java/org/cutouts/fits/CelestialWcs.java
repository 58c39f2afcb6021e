package org.cutouts.fits;

/**
 * A celestial FITS WCS for a 2-D image: a zenithal projection (TAN, optionally with SIP distortion,
 * or SIN), a linear CD (or PC x CDELT) matrix and the reference point. Pixel coordinates are 0-based
 * with integer values at pixel centres (numpy/astropy {@code origin=0}); world coordinates are
 * degrees (RA/Dec, or whatever longitude/latitude pair the CTYPEs name).
 *
 * <p>The transformations follow FITS WCS Papers I, II and the SIP convention, written algebraically
 * (rotation of unit vectors) so that world-to-pixel agrees with astropy's {@code all_world2pix}
 * to about 1e-9 pixel. Array methods work on whole catalogues. Immutable and thread-safe.
 */
public final class CelestialWcs {
    private final Projection projection;
    private final double crpix1;
    private final double crpix2;
    private final double alpha0;
    private final double delta0;
    private final double lonpole;
    private final double[] cd;
    private final double[] cdInv;
    private final boolean latitudeFirst;
    private final Sip sip;
    private final SkyFrame frame;
    // rotation constants
    private final double sinD0;
    private final double cosD0;
    private final double sinPhiP;
    private final double cosPhiP;

    /**
     * @param projection    TAN or SIN
     * @param crpix1        CRPIX1 (1-based, as in the header)
     * @param crpix2        CRPIX2
     * @param crval1        CRVAL1 in degrees (longitude, or latitude when {@code latitudeFirst})
     * @param crval2        CRVAL2 in degrees
     * @param cd            the linear matrix {CD1_1, CD1_2, CD2_1, CD2_2} in degrees per pixel
     * @param lonpole       LONPOLE in degrees (NaN for the default)
     * @param latitudeFirst true when axis 1 is the latitude (CTYPE1 = DEC--TAN)
     * @param sip           SIP distortion, or null
     * @param frame         the sky frame of the world coordinates
     */
    public CelestialWcs(Projection projection, double crpix1, double crpix2, double crval1, double crval2,
                        double[] cd, double lonpole, boolean latitudeFirst, Sip sip, SkyFrame frame) {
        this.frame = java.util.Objects.requireNonNull(frame, "frame");
        this.projection = projection;
        this.crpix1 = crpix1;
        this.crpix2 = crpix2;
        this.latitudeFirst = latitudeFirst;
        this.alpha0 = latitudeFirst ? crval2 : crval1;
        this.delta0 = latitudeFirst ? crval1 : crval2;
        this.cd = cd.clone();
        double det = cd[0] * cd[3] - cd[1] * cd[2];
        if (!(det != 0) || !Double.isFinite(det)) {
            throw new IllegalArgumentException("the CD matrix " + java.util.Arrays.toString(cd) + " is singular");
        }
        this.cdInv = new double[] {cd[3] / det, -cd[1] / det, -cd[2] / det, cd[0] / det};
        // Paper II: for zenithal projections (theta0 = 90) LONPOLE defaults to 0 if delta0 >= 90, else 180
        this.lonpole = Double.isNaN(lonpole) ? (delta0 >= 90 ? 0 : 180) : lonpole;
        this.sip = sip;
        this.sinD0 = sind(delta0);
        this.cosD0 = cosd(delta0);
        this.sinPhiP = sind(this.lonpole);
        this.cosPhiP = cosd(this.lonpole);
    }

    /** As the full constructor, in ICRS. */
    public CelestialWcs(Projection projection, double crpix1, double crpix2, double crval1, double crval2,
                        double[] cd, double lonpole, boolean latitudeFirst, Sip sip) {
        this(projection, crpix1, crpix2, crval1, crval2, cd, lonpole, latitudeFirst, sip, SkyFrame.ICRS);
    }

    /** The frame of this WCS's world coordinates (RADESYS/EQUINOX/CTYPE). */
    public SkyFrame frame() {
        return frame;
    }

    public Projection projection() {
        return projection;
    }

    public Sip sip() {
        return sip;
    }

    /** CRVAL of the longitude axis, degrees. */
    public double referenceLongitude() {
        return alpha0;
    }

    /** CRVAL of the latitude axis, degrees. */
    public double referenceLatitude() {
        return delta0;
    }

    /** {CD1_1, CD1_2, CD2_1, CD2_2} in degrees per pixel. */
    public double[] cd() {
        return cd.clone();
    }

    /**
     * Pixel scales in degrees along pixel axes 1 and 2, as astropy's {@code proj_plane_pixel_scales}:
     * the column norms of the CD matrix.
     */
    public double[] pixelScalesDeg() {
        return new double[] {Math.hypot(cd[0], cd[2]), Math.hypot(cd[1], cd[3])};
    }

    /** 0-based pixel {@code {x, y}} of one sky position; NaN when it is not on the projection. */
    public double[] worldToPixel(double lon, double lat) {
        double[] out = new double[2];
        worldToPixel(lon, lat, out, new double[2]);
        return out;
    }

    /** 0-based pixel columns {@code {x[], y[]}} for whole arrays of sky positions (degrees). */
    public double[][] worldToPixel(double[] lon, double[] lat) {
        if (lon.length != lat.length) {
            throw new IllegalArgumentException("lon has " + lon.length + " values, lat " + lat.length);
        }
        double[] x = new double[lon.length];
        double[] y = new double[lon.length];
        double[] p = new double[2];
        double[] tmp = new double[2];
        for (int i = 0; i < lon.length; i++) {
            worldToPixel(lon[i], lat[i], p, tmp);
            x[i] = p[0];
            y[i] = p[1];
        }
        return new double[][] {x, y};
    }

    /** Sky position {@code {lon, lat}} in degrees of a 0-based pixel position; lon in [0, 360). */
    public double[] pixelToWorld(double x, double y) {
        double[] out = new double[2];
        pixelToWorld(x, y, out, new double[3]);
        return out;
    }

    /** Sky columns {@code {lon[], lat[]}} for whole arrays of 0-based pixel positions. */
    public double[][] pixelToWorld(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " values, y " + y.length);
        }
        double[] lon = new double[x.length];
        double[] lat = new double[x.length];
        double[] w = new double[2];
        double[] tmp = new double[3];
        for (int i = 0; i < x.length; i++) {
            pixelToWorld(x[i], y[i], w, tmp);
            lon[i] = w[0];
            lat[i] = w[1];
        }
        return new double[][] {lon, lat};
    }

    private void worldToPixel(double lon, double lat, double[] out, double[] xy) {
        double dLon = lon - alpha0;
        double sinDa = sind(dLon);
        double cosDa = cosd(dLon);
        double sinD = sind(lat);
        double cosD = cosd(lat);
        // native coordinates relative to the native pole's longitude (Paper II eq. 5), as a unit vector
        double a = -cosD * sinDa;                         // cos(theta) sin(phi - phi_p)
        double b = sinD * cosD0 - cosD * sinD0 * cosDa;   // cos(theta) cos(phi - phi_p)
        double sinTheta = sinD * sinD0 + cosD * cosD0 * cosDa;
        double cSinPhi = a * cosPhiP + b * sinPhiP;
        double cCosPhi = b * cosPhiP - a * sinPhiP;
        projection.project(cSinPhi, cCosPhi, sinTheta, xy);
        double i1 = latitudeFirst ? xy[1] : xy[0];
        double i2 = latitudeFirst ? xy[0] : xy[1];
        double u = cdInv[0] * i1 + cdInv[1] * i2;
        double v = cdInv[2] * i1 + cdInv[3] * i2;
        if (sip != null && Double.isFinite(u) && Double.isFinite(v)) {
            double[] uv = sip.inverse(u, v);
            u = uv[0];
            v = uv[1];
        }
        out[0] = u + crpix1 - 1;
        out[1] = v + crpix2 - 1;
    }

    private void pixelToWorld(double px, double py, double[] out, double[] nat) {
        double u = px + 1 - crpix1;
        double v = py + 1 - crpix2;
        if (sip != null) {
            double[] uv = sip.forward(u, v);
            u = uv[0];
            v = uv[1];
        }
        double i1 = cd[0] * u + cd[1] * v;
        double i2 = cd[2] * u + cd[3] * v;
        double x = latitudeFirst ? i2 : i1;
        double y = latitudeFirst ? i1 : i2;
        projection.deproject(x, y, nat);
        double cSinPhi = nat[0];
        double cCosPhi = nat[1];
        double sinTheta = nat[2];
        // rotate back (Paper II eq. 2): relative to phi_p
        double a = cSinPhi * cosPhiP - cCosPhi * sinPhiP;   // cos(theta) sin(phi - phi_p)
        double b = cCosPhi * cosPhiP + cSinPhi * sinPhiP;   // cos(theta) cos(phi - phi_p)
        double ex = sinTheta * cosD0 - b * sinD0;           // cos(delta) cos(alpha - alpha_p)
        double ey = -a;                                     // cos(delta) sin(alpha - alpha_p)
        double ez = sinTheta * sinD0 + b * cosD0;           // sin(delta)
        double lon = alpha0 + Math.toDegrees(Math.atan2(ey, ex));
        double lat = Math.toDegrees(Math.atan2(ez, Math.hypot(ex, ey)));
        lon = lon % 360.0;
        if (lon < 0) {
            lon += 360.0;
        }
        out[0] = lon;
        out[1] = lat;
    }

    /** sin of degrees, exact at multiples of 90 (as wcslib's sind). */
    static double sind(double deg) {
        double r = deg % 90.0;
        if (r == 0) {
            int q = (int) Math.floorMod((long) Math.rint(deg / 90.0), 4);
            return switch (q) {
                case 0, 2 -> 0.0;
                case 1 -> 1.0;
                default -> -1.0;
            };
        }
        return Math.sin(Math.toRadians(deg));
    }

    /** cos of degrees, exact at multiples of 90. */
    static double cosd(double deg) {
        double r = deg % 90.0;
        if (r == 0) {
            int q = (int) Math.floorMod((long) Math.rint(deg / 90.0), 4);
            return switch (q) {
                case 0 -> 1.0;
                case 2 -> -1.0;
                default -> 0.0;
            };
        }
        return Math.cos(Math.toRadians(deg));
    }

    @Override
    public String toString() {
        return projection + (sip != null ? "-SIP" : "") + " in " + frame + " at (" + alpha0 + ", " + delta0 + "), CRPIX ("
                + crpix1 + ", " + crpix2 + "), CD " + java.util.Arrays.toString(cd);
    }
}
