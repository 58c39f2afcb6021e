package org.cutouts.report;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The asinh stretch of astronomy displays (Lupton et al. 1999): {@code v -> asinh((v - lo) / soft) /
 * asinh((hi - lo) / soft)}, clipped to [0, 1]. Noise around the sky level stays nearly linear while
 * bright sources are compressed logarithmically, so faint and bright sources are both visible.
 *
 * @param lo       the value shown black (a little below the sky level)
 * @param hi       the value shown white
 * @param softening where the stretch turns from linear to logarithmic (about the noise level), > 0
 */
public record AsinhStretch(double lo, double hi, double softening) {

    public AsinhStretch {
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || !(hi > lo)) {
            throw new IllegalArgumentException("need finite lo < hi, got lo=" + lo + " hi=" + hi);
        }
        if (!(softening > 0) || !Double.isFinite(softening)) {
            throw new IllegalArgumentException("softening must be positive, got " + softening);
        }
    }

    /**
     * A stretch from the pixels themselves: sky = median, noise = 1.4826 * MAD, black at sky - 2 noise,
     * white at the 99.9th percentile (at least sky + 10 noise), softening = the larger of the noise and
     * a hundredth of the black-to-white range. Non-finite pixels
     * (NaN padding) are ignored; at most 1,000,000 pixels are sampled.
     */
    public static AsinhStretch auto(float[] pixels) {
        double[] v = sample(pixels, 1_000_000);
        if (v.length == 0) {
            return new AsinhStretch(0, 1, 0.1);
        }
        Arrays.sort(v);
        double median = quantile(v, 0.5);
        double[] dev = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            dev[i] = Math.abs(v[i] - median);
        }
        Arrays.sort(dev);
        double noise = 1.4826 * quantile(dev, 0.5);
        double range = v[v.length - 1] - v[0];
        if (!(noise > 0)) {
            noise = range > 0 ? range / 100 : 1e-3;
        }
        double lo = median - 2 * noise;
        double hi = Math.max(quantile(v, 0.999), median + 10 * noise);
        // linear up to about the noise level, or a hundredth of the range for very bright images
        return new AsinhStretch(lo, hi, Math.max(noise, (hi - lo) / 100));
    }

    public static AsinhStretch auto(float[][] image) {
        return auto(flatten(image));
    }

    /** The stretched value in [0, 1]; NaN for a non-finite pixel. */
    public double apply(double v) {
        if (!Double.isFinite(v)) {
            return Double.NaN;
        }
        double x = asinh((v - lo) / softening) / asinh((hi - lo) / softening);
        return x < 0 ? 0 : (x > 1 ? 1 : x);
    }

    static double asinh(double x) {
        return Math.log(x + Math.sqrt(x * x + 1));
    }

    static float[] flatten(float[][] image) {
        int n = 0;
        for (float[] row : image) {
            n += row.length;
        }
        float[] out = new float[n];
        int k = 0;
        for (float[] row : image) {
            System.arraycopy(row, 0, out, k, row.length);
            k += row.length;
        }
        return out;
    }

    private static double[] sample(float[] pixels, int max) {
        int finite = 0;
        for (float p : pixels) {
            if (Float.isFinite(p)) {
                finite++;
            }
        }
        if (finite <= max) {
            double[] out = new double[finite];
            int k = 0;
            for (float p : pixels) {
                if (Float.isFinite(p)) {
                    out[k++] = p;
                }
            }
            return out;
        }
        // a fixed seed: the same image always gets the same stretch
        SplittableRandom rnd = new SplittableRandom(1);
        double[] out = new double[max];
        int k = 0;
        while (k < max) {
            float p = pixels[rnd.nextInt(pixels.length)];
            if (Float.isFinite(p)) {
                out[k++] = p;
            }
        }
        return out;
    }

    private static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        int j = Math.min(i + 1, sorted.length - 1);
        return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
    }
}
