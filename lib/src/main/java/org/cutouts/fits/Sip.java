package org.cutouts.fits;

import java.util.Arrays;

/**
 * Simple Imaging Polynomial distortion (Shupe et al. 2005): pixel offsets {@code (u, v)} from CRPIX
 * become {@code (u + A(u,v), v + B(u,v))} before the linear CD/PC transformation. The inverse is
 * solved by Newton's method to 1e-12 pixel, starting from the AP/BP polynomials when present.
 *
 * @param a  A_p_q coefficients, {@code a[p][q]} multiplies {@code u^p v^q}
 * @param b  B_p_q coefficients
 * @param ap AP_p_q (inverse) coefficients, or null
 * @param bp BP_p_q (inverse) coefficients, or null
 */
public record Sip(double[][] a, double[][] b, double[][] ap, double[][] bp) {
    private static final int MAX_ITERATIONS = 50;
    private static final double TOLERANCE = 1e-12;

    static double poly(double[][] c, double u, double v) {
        double sum = 0;
        double up = 1;
        for (int p = 0; p < c.length; p++) {
            double term = 0;
            double vq = 1;
            double[] row = c[p];
            for (int q = 0; q < row.length; q++) {
                term += row[q] * vq;
                vq *= v;
            }
            sum += term * up;
            up *= u;
        }
        return sum;
    }

    private static double dpoly(double[][] c, double u, double v, boolean du) {
        double sum = 0;
        for (int p = 0; p < c.length; p++) {
            for (int q = 0; q < c[p].length; q++) {
                double k = c[p][q];
                if (k == 0) {
                    continue;
                }
                if (du && p > 0) {
                    sum += k * p * Math.pow(u, p - 1) * Math.pow(v, q);
                } else if (!du && q > 0) {
                    sum += k * q * Math.pow(u, p) * Math.pow(v, q - 1);
                }
            }
        }
        return sum;
    }

    /** Distorted offsets {@code {u + A, v + B}} for undistorted pixel offsets from CRPIX. */
    public double[] forward(double u, double v) {
        return new double[] {u + poly(a, u, v), v + poly(b, u, v)};
    }

    /** Pixel offsets {@code {u, v}} whose distorted offsets are {@code (uu, vv)}. */
    public double[] inverse(double uu, double vv) {
        double u = uu;
        double v = vv;
        if (ap != null && bp != null) {
            u = uu + poly(ap, uu, vv);
            v = vv + poly(bp, uu, vv);
        }
        for (int i = 0; i < MAX_ITERATIONS; i++) {
            double fu = u + poly(a, u, v) - uu;
            double fv = v + poly(b, u, v) - vv;
            double j11 = 1 + dpoly(a, u, v, true);
            double j12 = dpoly(a, u, v, false);
            double j21 = dpoly(b, u, v, true);
            double j22 = 1 + dpoly(b, u, v, false);
            double det = j11 * j22 - j12 * j21;
            double du = (j22 * fu - j12 * fv) / det;
            double dv = (j11 * fv - j21 * fu) / det;
            u -= du;
            v -= dv;
            if (Math.abs(du) < TOLERANCE && Math.abs(dv) < TOLERANCE) {
                break;
            }
        }
        return new double[] {u, v};
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sip s && Arrays.deepEquals(a, s.a) && Arrays.deepEquals(b, s.b)
                && Arrays.deepEquals(ap, s.ap) && Arrays.deepEquals(bp, s.bp);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(a) * 31 + Arrays.deepHashCode(b);
    }

    @Override
    public String toString() {
        return "SIP order " + (a.length - 1) + (ap != null ? " with AP/BP" : "");
    }
}
