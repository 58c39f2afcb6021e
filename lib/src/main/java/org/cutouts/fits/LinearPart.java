package org.cutouts.fits;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import nom.tam.fits.Header;
import org.cutouts.io.StoreException;

/**
 * The linear part of a celestial WCS, {m11, m12, m21, m22} in degrees per pixel, read with wcslib's
 * precedence (PCi_j x CDELTi if any PC is present, else CDi_j, else CDELTi with CROTA2; the old
 * PC00i00j/CD00i00j spellings count as PC/CD, as in wcslib) and validated as wcslib would refuse it:
 * every value finite, no zero CDELT, no singular or ill-conditioned matrix. Redundant keywords that
 * wcslib silently ignores (CD beside PC, CDELT or CROTA2 beside CD, CROTA1) are accepted only when they
 * agree with the matrix used, so a header that means two different things is refused naming both.
 */
final class LinearPart {
    /** Largest ratio of the singular values accepted: beyond it the inverse loses most digits. */
    static final double MAX_CONDITION = 1e8;
    /** Relative disagreement above which two redundant descriptions of the matrix conflict. */
    static final double AGREEMENT = 1e-3;

    private final Path file;
    private final String label;
    private final Header h;

    private LinearPart(Path file, String label, Header h) {
        this.file = file;
        this.label = label;
        this.h = h;
    }

    /** The validated matrix of {@code h}. */
    static double[] read(Path file, String label, Header h) {
        return new LinearPart(file, label, h).matrix();
    }

    private double[] matrix() {
        double cdelt1 = number("CDELT1", 1.0);
        double cdelt2 = number("CDELT2", 1.0);
        for (int i = 1; i <= 2; i++) {
            if ((i == 1 ? cdelt1 : cdelt2) == 0) {
                throw refuse("CDELT" + i + " = 0 makes the linear transformation singular");
            }
        }
        double[] pc = elements("PC");
        double[] cd = elements("CD");
        double[] m;
        String source;
        if (pc != null) {
            m = new double[] {cdelt1 * pc[0], cdelt1 * pc[1], cdelt2 * pc[2], cdelt2 * pc[3]};
            source = "PCi_j x CDELTi";
            if (cd != null && !agree(cd, m)) {
                throw refuse("CDi_j " + Arrays.toString(cd) + " and PCi_j x CDELTi " + Arrays.toString(m)
                        + " conflict (wcslib would silently use PC)");
            }
        } else if (cd != null) {
            m = cd;
            source = "CDi_j";
            checkCdeltBesideCd(cd);
        } else {
            m = rotation(cdelt1, cdelt2, number("CROTA2", 0.0));
            source = "CDELTi/CROTA2";
        }
        checkCrota(m, cdelt1, cdelt2, pc != null || cd != null);
        checkConditioning(m, source);
        return m;
    }

    /** CDELTi beside CDi_j is ignored by wcslib: accepted only when it equals the scale of CD's row i. */
    private void checkCdeltBesideCd(double[] cd) {
        for (int i = 1; i <= 2; i++) {
            if (!h.containsKey("CDELT" + i)) {
                continue;
            }
            double cdelt = Math.abs(number("CDELT" + i, 1.0));
            double row = Math.hypot(cd[2 * (i - 1)], cd[2 * (i - 1) + 1]);
            if (cdelt != 1.0 && Math.abs(cdelt - row) > AGREEMENT * row) {
                throw refuse(String.format(Locale.ROOT, "CDELT%d = %s conflicts with CD%d_j (scale %s); wcslib would silently "
                        + "ignore CDELT%d", i, number("CDELT" + i, 1.0), i, row, i));
            }
        }
    }

    /** CROTA2 beside PC/CD and a CROTA1 unlike CROTA2 are ignored by wcslib: accepted only when they change nothing. */
    private void checkCrota(double[] m, double cdelt1, double cdelt2, boolean matrixGiven) {
        double crota2 = number("CROTA2", 0.0);
        if (h.containsKey("CROTA1") && number("CROTA1", 0.0) != crota2) {
            throw refuse("CROTA1 = " + number("CROTA1", 0.0) + " differs from CROTA2 = " + crota2
                    + " (wcslib would silently use CROTA2 only)");
        }
        if (matrixGiven && crota2 != 0 && !agree(rotation(Math.signum(m[0]) * Math.hypot(m[0], m[2]),
                Math.signum(m[3]) * Math.hypot(m[1], m[3]), crota2), m)) {
            throw refuse("CROTA2 = " + crota2 + " conflicts with the PC/CD matrix " + Arrays.toString(m)
                    + " (wcslib would silently ignore CROTA2)");
        }
    }

    private void checkConditioning(double[] m, String source) {
        double det = m[0] * m[3] - m[1] * m[2];
        if (det == 0) {
            throw refuse("the " + source + " matrix " + Arrays.toString(m) + " is singular");
        }
        // singular values of a 2x2 matrix from the invariants of M^T M
        double frob2 = m[0] * m[0] + m[1] * m[1] + m[2] * m[2] + m[3] * m[3];
        double disc = Math.sqrt(Math.max(0, frob2 * frob2 - 4 * det * det));
        double smax2 = (frob2 + disc) / 2;
        double smin2 = (2 * det * det) / (frob2 + disc);
        double condition = Math.sqrt(smax2 / smin2);
        if (!(condition <= MAX_CONDITION)) {
            throw refuse(String.format(Locale.ROOT, "the %s matrix %s is ill-conditioned (condition number %.3g > %.0g)",
                    source, Arrays.toString(m), condition, MAX_CONDITION));
        }
    }

    /** Paper II eq. 189: PC from CROTA2, times CDELT. */
    private static double[] rotation(double cdelt1, double cdelt2, double crotaDeg) {
        double rho = Math.toRadians(crotaDeg);
        double c = Math.cos(rho);
        double s = Math.sin(rho);
        return new double[] {cdelt1 * c, -cdelt2 * s, cdelt1 * s, cdelt2 * c};
    }

    private static boolean agree(double[] a, double[] b) {
        double scale = 0;
        double diff = 0;
        for (int i = 0; i < 4; i++) {
            scale = Math.max(scale, Math.abs(b[i]));
            diff = Math.max(diff, Math.abs(a[i] - b[i]));
        }
        return diff <= AGREEMENT * scale;
    }

    /**
     * {@code prefix}i_j for i, j in 1..2 (missing: the identity for PC, 0 for CD), or the old
     * {@code prefix}00i00j spelling when only that is present; null when neither is.
     */
    private double[] elements(String prefix) {
        String[] modern = {prefix + "1_1", prefix + "1_2", prefix + "2_1", prefix + "2_2"};
        String[] old = {prefix + "001001", prefix + "001002", prefix + "002001", prefix + "002002"};
        String[] keys = anyPresent(modern) ? modern : anyPresent(old) ? old : null;
        if (keys == null) {
            return null;
        }
        double diagonal = prefix.equals("PC") ? 1.0 : 0.0;
        return new double[] {number(keys[0], diagonal), number(keys[1], 0.0), number(keys[2], 0.0), number(keys[3], diagonal)};
    }

    private boolean anyPresent(String[] keys) {
        return Arrays.stream(keys).anyMatch(h::containsKey);
    }

    private double number(String key, double fallback) {
        return HeaderNumbers.optional(file, label, h, key, fallback);
    }

    private StoreException refuse(String problem) {
        return new StoreException(file, label + ": " + problem);
    }
}
