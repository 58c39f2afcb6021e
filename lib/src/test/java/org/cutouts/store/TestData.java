package org.cutouts.store;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import org.cutouts.data.Catalogue;
import org.cutouts.data.InMemoryMosaic;
import org.cutouts.data.MosaicSpec;
import org.cutouts.data.SyntheticMosaic;

/** Mosaics and catalogues for store tests: sources plus centres on and beyond every edge and corner. */
final class TestData {
    private TestData() {
    }

    static SyntheticMosaic mosaic(int w, int h, long seed) {
        return new SyntheticMosaic(MosaicSpec.of(w, h, Math.max(3, w * h / 4000), seed));
    }

    /** The mosaic's sources, then centres at the corners, along the edges, just outside and far outside. */
    static Catalogue withEdgeCentres(SyntheticMosaic m) {
        Catalogue src = m.catalogue();
        int w = m.width();
        int h = m.height();
        double[][] extra = {
            {0, 0}, {w - 1, 0}, {0, h - 1}, {w - 1, h - 1},
            {w / 2.0, 0.4}, {w / 2.0, h - 1.3}, {0.2, h / 2.0}, {w - 0.7, h / 3.0},
            {-5, -5}, {w + 3.5, h / 2.0}, {w / 2.0, h + 10}, {-1000, -1000}, {w + 1000, h + 1000},
            {w / 2.0 + 0.5, h / 2.0 + 0.5}, {w / 3.0 - 0.5, h / 4.0 - 0.49},
        };
        int n = src.size() + extra.length;
        double[] x = Arrays.copyOf(src.xs(), n);
        double[] y = Arrays.copyOf(src.ys(), n);
        for (int k = 0; k < extra.length; k++) {
            x[src.size() + k] = extra[k][0];
            y[src.size() + k] = extra[k][1];
        }
        return new Catalogue(x, y, Arrays.copyOf(src.fluxes(), n), Arrays.copyOf(src.sigmas(), n), Arrays.copyOf(src.labels(), n));
    }

    /** Only the centres whose window stays inside the mosaic (for STRICT). */
    static Catalogue inside(Catalogue c, CutoutSpec spec, int w, int h) {
        int[] keep = java.util.stream.IntStream.range(0, c.size())
                .filter(i -> spec.windowAt(c.x(i), c.y(i)).inside(w, h)).toArray();
        double[] x = new double[keep.length];
        double[] y = new double[keep.length];
        for (int k = 0; k < keep.length; k++) {
            x[k] = c.x(keep[k]);
            y[k] = c.y(keep[k]);
        }
        return new Catalogue(x, y, new double[keep.length], new double[keep.length], new int[keep.length]);
    }

    /** The reference cutout: a direct slice of the in-memory mosaic. */
    static float[] expected(InMemoryMosaic m, Catalogue c, int i, CutoutSpec spec) {
        Window w = spec.windowAt(c.x(i), c.y(i));
        return m.slice(w.x0(), w.y0(), w.width(), w.height(), spec.fill());
    }

    /** Bit-for-bit equality (NaN payloads included), with a message that points at the first differing pixel. */
    static void assertSameBits(float[] expected, float[] actual, String what) {
        if (expected.length != actual.length) {
            fail(what + ": length " + actual.length + ", expected " + expected.length);
        }
        for (int k = 0; k < expected.length; k++) {
            if (Float.floatToRawIntBits(expected[k]) != Float.floatToRawIntBits(actual[k])) {
                fail(what + ": pixel " + k + " is " + actual[k] + ", expected " + expected[k]);
            }
        }
    }
}
