package org.cutouts.fits;

import java.util.Arrays;
import org.cutouts.data.MosaicSource;

/**
 * Robust sky level and noise of an image: median and 1.4826 x MAD of a regular sample of at most
 * about a million finite pixels, after one 3-sigma clipping pass. Reads only the sampled rows.
 *
 * @param level median sky level
 * @param noise robust standard deviation
 */
public record Background(double level, double noise) {
    private static final int TARGET_SAMPLES = 1 << 20;

    public static Background of(MosaicSource src) {
        int w = src.width();
        int h = src.height();
        long total = (long) w * h;
        int stride = (int) Math.max(1, Math.ceil(Math.sqrt((double) total / TARGET_SAMPLES)));
        float[] row = new float[w];
        double[] s = new double[(int) Math.min(total, (long) ((h + stride - 1) / stride) * ((w + stride - 1) / stride))];
        int n = 0;
        for (int y = 0; y < h; y += stride) {
            src.readRows(y, 1, row, 0);
            for (int x = 0; x < w; x += stride) {
                if (Float.isFinite(row[x])) {
                    s[n++] = row[x];
                }
            }
        }
        if (n == 0) {
            return new Background(Double.NaN, Double.NaN);
        }
        double[] a = Arrays.copyOf(s, n);
        double med = median(a);
        double sig = 1.4826 * mad(a, med);
        int m = 0;
        for (double v : a) {
            if (Math.abs(v - med) <= 3 * sig) {
                a[m++] = v;
            }
        }
        if (m > 0 && sig > 0) {
            double[] c = Arrays.copyOf(a, m);
            med = median(c);
            sig = 1.4826 * mad(c, med);
        }
        return new Background(med, sig);
    }

    private static double median(double[] a) {
        double[] c = a.clone();
        Arrays.sort(c);
        int n = c.length;
        return n % 2 == 1 ? c[n / 2] : 0.5 * (c[n / 2 - 1] + c[n / 2]);
    }

    private static double mad(double[] a, double med) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = Math.abs(a[i] - med);
        }
        return median(d);
    }
}
