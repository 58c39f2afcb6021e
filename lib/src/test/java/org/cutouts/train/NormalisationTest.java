package org.cutouts.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import org.cutouts.store.CutoutStore;
import org.cutouts.store.Strategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.dataset.DataSet;

/** The iterator's normalised batches against an independent, double-precision computation from the raw cutouts. */
class NormalisationTest {
    @TempDir
    Path tmp;

    /** The reference: written from the definition, with streams and doubles, sharing no code with Normalisation. */
    static double[] reference(Normalisation mode, float[] raw) {
        double[] finite = IntStream.range(0, raw.length).filter(k -> !Float.isNaN(raw[k])).mapToDouble(k -> raw[k]).toArray();
        double centre;
        double scale;
        if (mode == Normalisation.ZSCORE) {
            centre = DoubleStream.of(finite).average().orElse(0);
            scale = Math.sqrt(DoubleStream.of(finite).map(v -> (v - centre) * (v - centre)).average().orElse(0));
        } else {
            centre = medianOf(finite);
            scale = 1.4826 * medianOf(DoubleStream.of(finite).map(v -> Math.abs(v - centre)).toArray());
        }
        double s = scale > 0 ? scale : 1;
        double[] out = new double[raw.length];
        for (int k = 0; k < raw.length; k++) {
            if (Float.isNaN(raw[k])) {
                out[k] = 0;
            } else {
                double z = (raw[k] - centre) / s;
                out[k] = mode == Normalisation.ZSCORE ? z : Math.log(z + Math.sqrt(z * z + 1));
            }
        }
        return out;
    }

    static double medianOf(double[] v) {
        double[] s = DoubleStream.of(v).sorted().toArray();
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    @ParameterizedTest
    @EnumSource(value = Normalisation.class, names = {"ZSCORE", "ASINH"})
    void batchesMatchTheIndependentComputation(Normalisation mode) {
        try (CutoutStore store = TrainFixtures.store(Strategy.MEMORY_MAPPED, tmp);
             CutoutDataSetIterator it = CutoutDataSetIterator.over(store).batchSize(16).seed(9).normalisation(mode).build()) {
            int[] order = it.epochOrder();
            int pos = 0;
            int padded = 0;
            while (it.hasNext()) {
                DataSet ds = it.next();
                for (int k = 0; k < ds.numExamples(); k++) {
                    float[] raw = store.read(order[pos + k]);
                    float[] got = TrainFixtures.row(ds, k);
                    double[] want = reference(mode, raw);
                    for (int p = 0; p < raw.length; p++) {
                        assertTrue(Float.isFinite(got[p]), "non-finite pixel after normalisation");
                        assertEquals(want[p], got[p], 1e-4 * Math.max(1, Math.abs(want[p])),
                                mode + " cutout " + order[pos + k] + " pixel " + p);
                        if (Float.isNaN(raw[p])) {
                            assertEquals(0f, got[p], "NaN padding becomes 0");
                            padded++;
                        }
                    }
                }
                pos += ds.numExamples();
            }
            assertTrue(padded > 0, "the fixture's edge cutouts should have NaN padding");
        }
    }

    @Test
    void zscoreGivesZeroMeanUnitVarianceOverFinitePixels() {
        float[] px = {1, 2, 3, 4, Float.NaN, 10};
        Normalisation.ZSCORE.apply(px, 0, px.length);
        double mean = (px[0] + px[1] + px[2] + px[3] + px[5]) / 5.0;
        assertEquals(0, mean, 1e-6);
        assertEquals(0f, px[4]);
    }

    @Test
    void degenerateCutoutsStayFinite() {
        float[] flat = {5, 5, 5, 5};
        Normalisation.ASINH.apply(flat, 0, 4);
        for (float v : flat) {
            assertEquals(0f, v);
        }
        float[] empty = {Float.NaN, Float.NaN, Float.NaN};
        Normalisation.ZSCORE.apply(empty, 0, 3);
        for (float v : empty) {
            assertEquals(0f, v);
        }
        float[] offset = {99, 1, 2, 3, 99};
        Normalisation.ZSCORE.apply(offset, 1, 3);
        assertEquals(99f, offset[0]);
        assertEquals(99f, offset[4]);
        assertEquals(0f, offset[2], 1e-6);
    }

    @Test
    void noneLeavesPixelsAlone() {
        float[] px = {1, Float.NaN, -3};
        Normalisation.NONE.apply(px, 0, 3);
        assertEquals(1f, px[0]);
        assertTrue(Float.isNaN(px[1]));
        assertEquals(-3f, px[2]);
    }
}
