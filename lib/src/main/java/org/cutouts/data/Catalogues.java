package org.cutouts.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Ways to choose cutout centres besides "one per source". */
public final class Catalogues {
    private Catalogues() {
    }

    /**
     * {@code n} centres uniform over the mosaic (label 0, flux 0), deterministic for a seed. Used for
     * scaling runs that need 1k, 10k or 100k cutouts whatever the number of sources.
     */
    public static Catalogue uniform(int width, int height, int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(SyntheticMosaic.mix(seed, -2L));
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextDouble() * width - 0.5;
            y[i] = rnd.nextDouble() * height - 0.5;
        }
        int[] labels = new int[n];
        Arrays.fill(labels, Catalogue.LABEL_NEGATIVE);
        return new Catalogue(x, y, new double[n], new double[n], labels);
    }

    /**
     * The sources followed by {@code negatives} empty positions (label 0) at least {@code minDistance}
     * pixels from every source centre: a balanced present/absent training set.
     */
    public static Catalogue withNegatives(SyntheticMosaic mosaic, int negatives, double minDistance, long seed) {
        Catalogue src = mosaic.catalogue();
        int w = mosaic.width();
        int h = mosaic.height();
        // bucket sources on a grid of cell minDistance, so each candidate checks 9 cells
        double cell = Math.max(1.0, minDistance);
        int gw = (int) Math.ceil(w / cell) + 1;
        int gh = (int) Math.ceil(h / cell) + 1;
        int[] head = new int[gw * gh];
        Arrays.fill(head, -1);
        int[] next = new int[src.size()];
        for (int i = 0; i < src.size(); i++) {
            int c = cellOf(src.x(i), src.y(i), cell, gw, gh);
            next[i] = head[c];
            head[c] = i;
        }
        SplittableRandom rnd = new SplittableRandom(SyntheticMosaic.mix(seed, -3L));
        int n = src.size();
        double[] x = Arrays.copyOf(src.xs(), n + negatives);
        double[] y = Arrays.copyOf(src.ys(), n + negatives);
        double[] f = Arrays.copyOf(src.fluxes(), n + negatives);
        double[] s = Arrays.copyOf(src.sigmas(), n + negatives);
        int[] l = Arrays.copyOf(src.labels(), n + negatives);
        long attempts = 0;
        for (int k = 0; k < negatives; k++) {
            double cx;
            double cy;
            do {
                if (++attempts > 1000L * (negatives + 10)) {
                    throw new IllegalArgumentException("cannot place " + negatives + " negatives " + minDistance
                            + " px from every source: the mosaic is too crowded");
                }
                cx = rnd.nextDouble() * w - 0.5;
                cy = rnd.nextDouble() * h - 0.5;
            } while (nearSource(src, head, next, cx, cy, minDistance, cell, gw, gh));
            x[n + k] = cx;
            y[n + k] = cy;
            l[n + k] = Catalogue.LABEL_NEGATIVE;
        }
        return new Catalogue(x, y, f, s, l);
    }

    private static int cellOf(double x, double y, double cell, int gw, int gh) {
        int cx = Math.clamp((long) Math.floor((x + 0.5) / cell), 0, gw - 1);
        int cy = Math.clamp((long) Math.floor((y + 0.5) / cell), 0, gh - 1);
        return cy * gw + cx;
    }

    private static boolean nearSource(Catalogue src, int[] head, int[] next, double x, double y, double d,
                                      double cell, int gw, int gh) {
        int c = cellOf(x, y, cell, gw, gh);
        int cx = c % gw;
        int cy = c / gw;
        for (int j = Math.max(0, cy - 1); j <= Math.min(gh - 1, cy + 1); j++) {
            for (int i = Math.max(0, cx - 1); i <= Math.min(gw - 1, cx + 1); i++) {
                for (int k = head[j * gw + i]; k >= 0; k = next[k]) {
                    double dx = src.x(k) - x;
                    double dy = src.y(k) - y;
                    if (dx * dx + dy * dy < d * d) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
