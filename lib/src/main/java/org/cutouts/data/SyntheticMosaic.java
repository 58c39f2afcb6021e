package org.cutouts.data;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A synthetic sky: Gaussian background noise plus Gaussian sources with random positions, fluxes and
 * widths, generated on demand, strip by strip, so that even a 25000 x 25000 mosaic never sits in one
 * heap array.
 *
 * <p>Determinism: every pixel depends only on the seed. The noise of row {@code y} comes from its own
 * generator seeded by {@code (seed, y)}, and sources are added to a pixel in catalogue order, so any
 * strip size (and any thread count) produces the same bits.
 */
public final class SyntheticMosaic implements MosaicSource {
    /** Sources are drawn out to this many sigmas; beyond it a Gaussian is below 4e-6 of its peak. */
    static final double EXTENT_SIGMAS = 5.0;

    private final MosaicSpec spec;
    private final double[] sx;
    private final double[] sy;
    private final double[] flux;
    private final double[] sigma;
    /** Source indices sorted by the first row they touch, to find a strip's sources quickly. */
    private final int[] byFirstRow;
    private final int[] firstRowSorted;
    private final int maxRowSpan;

    public SyntheticMosaic(MosaicSpec spec) {
        this.spec = spec;
        int n = spec.sources();
        sx = new double[n];
        sy = new double[n];
        flux = new double[n];
        sigma = new double[n];
        // Source parameters come from a generator of their own, so changing the noise never moves a source.
        SplittableRandom rnd = new SplittableRandom(mix(spec.seed(), -1L));
        double logMin = Math.log(spec.fluxMin());
        double logMax = Math.log(spec.fluxMax());
        for (int i = 0; i < n; i++) {
            sx[i] = rnd.nextDouble() * spec.width() - 0.5;
            sy[i] = rnd.nextDouble() * spec.height() - 0.5;
            flux[i] = Math.exp(logMin + rnd.nextDouble() * (logMax - logMin));
            sigma[i] = spec.sigmaMin() + rnd.nextDouble() * (spec.sigmaMax() - spec.sigmaMin());
        }
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Integer.compare(firstRow(a), firstRow(b)));
        byFirstRow = new int[n];
        firstRowSorted = new int[n];
        int span = 0;
        for (int k = 0; k < n; k++) {
            byFirstRow[k] = order[k];
            firstRowSorted[k] = firstRow(order[k]);
            span = Math.max(span, lastRow(order[k]) - firstRow(order[k]) + 1);
        }
        maxRowSpan = span;
    }

    public MosaicSpec spec() {
        return spec;
    }

    @Override
    public int width() {
        return spec.width();
    }

    @Override
    public int height() {
        return spec.height();
    }

    /** The sources as a catalogue (label 1): the default cutout centres. */
    public Catalogue catalogue() {
        int[] labels = new int[sx.length];
        Arrays.fill(labels, Catalogue.LABEL_SOURCE);
        return new Catalogue(sx, sy, flux, sigma, labels);
    }

    private int firstRow(int i) {
        return (int) Math.floor(sy[i] - EXTENT_SIGMAS * sigma[i]);
    }

    private int lastRow(int i) {
        return (int) Math.ceil(sy[i] + EXTENT_SIGMAS * sigma[i]);
    }

    @Override
    public void readRows(int y0, int rows, float[] dst, int offset) {
        int w = spec.width();
        if (y0 < 0 || rows < 0 || (long) y0 + rows > spec.height()) {
            throw new IndexOutOfBoundsException("rows [" + y0 + ", " + ((long) y0 + rows) + ") outside mosaic height " + spec.height());
        }
        if (offset < 0 || (long) offset + (long) rows * w > dst.length) {
            throw new IndexOutOfBoundsException("destination too small for " + rows + " rows of " + w);
        }
        // Noise first, one independent generator per row: rows can be filled in parallel.
        IntStream range = IntStream.range(0, rows);
        if ((long) rows * w >= 1 << 20) {
            range = range.parallel();
        }
        range.forEach(r -> fillNoise(y0 + r, dst, offset + r * w));
        addSources(y0, rows, dst, offset);
    }

    private void fillNoise(int y, float[] dst, int off) {
        SplittableRandom rnd = new SplittableRandom(mix(spec.seed(), y));
        float bg = spec.background();
        double s = spec.noiseSigma();
        int w = spec.width();
        for (int x = 0; x < w; x++) {
            dst[off + x] = (float) (bg + s * rnd.nextGaussian());
        }
    }

    private void addSources(int y0, int rows, float[] dst, int offset) {
        int y1 = y0 + rows; // exclusive
        // candidates: first row < y1 and first row >= y0 - maxRowSpan (else they end before y0)
        int lo = lowerBound(firstRowSorted, y0 - maxRowSpan);
        int hi = lowerBound(firstRowSorted, y1);
        int[] cand = new int[hi - lo];
        int m = 0;
        for (int k = lo; k < hi; k++) {
            int i = byFirstRow[k];
            if (lastRow(i) >= y0) {
                cand[m++] = i;
            }
        }
        cand = Arrays.copyOf(cand, m);
        Arrays.sort(cand); // catalogue order: the same summation order for every strip size
        int w = spec.width();
        double[] ex = new double[0];
        for (int i : cand) {
            double s = sigma[i];
            double amp = flux[i] / (2 * Math.PI * s * s);
            double inv2s2 = 1.0 / (2 * s * s);
            int xa = Math.max(0, (int) Math.floor(sx[i] - EXTENT_SIGMAS * s));
            int xb = Math.min(w - 1, (int) Math.ceil(sx[i] + EXTENT_SIGMAS * s));
            int ya = Math.max(y0, firstRow(i));
            int yb = Math.min(y1 - 1, lastRow(i));
            if (xa > xb || ya > yb) {
                continue;
            }
            if (ex.length < xb - xa + 1) {
                ex = new double[xb - xa + 1];
            }
            for (int x = xa; x <= xb; x++) {
                double dx = x - sx[i];
                ex[x - xa] = Math.exp(-dx * dx * inv2s2);
            }
            for (int y = ya; y <= yb; y++) {
                double dy = y - sy[i];
                double ay = amp * Math.exp(-dy * dy * inv2s2);
                int row = offset + (y - y0) * w;
                for (int x = xa; x <= xb; x++) {
                    dst[row + x] += (float) (ay * ex[x - xa]);
                }
            }
        }
    }

    private static int lowerBound(int[] sorted, int key) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** SplitMix64-style mixing of (seed, stream) into a generator seed. */
    static long mix(long seed, long stream) {
        long z = seed * 0x9E3779B97F4A7C15L + stream * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The whole mosaic in memory (only below 2^31 pixels): the reference in tests and small notebooks. */
    public InMemoryMosaic toMemory() {
        return InMemoryMosaic.copyOf(this);
    }

    @Override
    public String describe() {
        return spec.toString();
    }
}
