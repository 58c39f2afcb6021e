package org.cutouts.train;

import java.util.Arrays;

/**
 * Per-cutout pixel normalisation, applied by the iterator after reading. Statistics use the cutout's
 * finite pixels only; afterwards every non-finite pixel (the NaN padding of windows that leave the
 * mosaic) is set to 0, which after either normalisation is the cutout's typical background level.
 * A cutout with no finite pixel becomes all zeros.
 *
 * <ul>
 *   <li>{@link #NONE}: pixels as stored, NaN padding included (use it to compare with the store).</li>
 *   <li>{@link #ZSCORE}: {@code (x - mean) / std}, population std over finite pixels; std 0 counts as 1.</li>
 *   <li>{@link #ASINH}: {@code asinh((x - median) / noise)} with {@code noise = 1.4826 * MAD}, a robust
 *       background and noise estimate that a bright source hardly moves; it keeps faint pixels linear
 *       (in units of the noise) and compresses bright cores logarithmically, so flux information
 *       survives. MAD 0 counts as noise 1.</li>
 * </ul>
 */
public enum Normalisation {
    NONE,
    ZSCORE,
    ASINH;

    /** Normalises {@code n} pixels of {@code px} from {@code offset} in place. */
    public void apply(float[] px, int offset, int n) {
        if (this == NONE) {
            return;
        }
        int finite = 0;
        for (int k = offset; k < offset + n; k++) {
            if (Float.isFinite(px[k])) {
                finite++;
            }
        }
        if (finite == 0) {
            Arrays.fill(px, offset, offset + n, 0f);
            return;
        }
        double centre;
        double scale;
        if (this == ZSCORE) {
            double sum = 0;
            for (int k = offset; k < offset + n; k++) {
                if (Float.isFinite(px[k])) {
                    sum += px[k];
                }
            }
            centre = sum / finite;
            double ss = 0;
            for (int k = offset; k < offset + n; k++) {
                if (Float.isFinite(px[k])) {
                    double d = px[k] - centre;
                    ss += d * d;
                }
            }
            scale = Math.sqrt(ss / finite);
        } else {
            float[] vals = new float[finite];
            int m = 0;
            for (int k = offset; k < offset + n; k++) {
                if (Float.isFinite(px[k])) {
                    vals[m++] = px[k];
                }
            }
            Arrays.sort(vals);
            centre = median(vals);
            for (int k = 0; k < m; k++) {
                vals[k] = (float) Math.abs(vals[k] - centre);
            }
            Arrays.sort(vals);
            scale = 1.4826 * median(vals);
        }
        if (!(scale > 0) || !Double.isFinite(scale)) {
            scale = 1.0;
        }
        double inv = 1.0 / scale;
        for (int k = offset; k < offset + n; k++) {
            float v = px[k];
            if (!Float.isFinite(v)) {
                px[k] = 0f;
            } else {
                double z = (v - centre) * inv;
                px[k] = (float) (this == ASINH ? asinh(z) : z);
            }
        }
    }

    /** The median of sorted values (mean of the middle two for an even count). */
    static double median(float[] sorted) {
        int m = sorted.length;
        return (m & 1) == 1 ? sorted[m / 2] : 0.5 * ((double) sorted[m / 2 - 1] + sorted[m / 2]);
    }

    static double asinh(double z) {
        double a = Math.abs(z);
        double r = Math.log(a + Math.sqrt(a * a + 1.0));
        return z < 0 ? -r : r;
    }
}
