package org.cutouts.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.cutouts.bench.Stats;
import org.cutouts.data.Catalogue;
import org.cutouts.data.MosaicSpec;
import org.cutouts.fits.Detections;
import org.cutouts.store.CutoutSpec;
import org.cutouts.store.Strategy;
import org.junit.jupiter.api.Test;

/** The lessons of notebooks 02 and 04 state the run's numbers, and say so when a check failed or a ranking is not resolved. */
class NotebookLessonsTest {

    private static GenerationLessons generation(boolean same, boolean other) {
        MosaicSpec spec = MosaicSpec.of(1000, 500, 300, 7);
        return new GenerationLessons(spec, 0.5, 2_000_128, 20_480, 300, same, other, CutoutSpec.square(64), 45);
    }

    @Test
    void generationLessonsCarryTheRunsNumbers() {
        List<String> l = generation(true, false).lessons();
        assertEquals(4, l.size());
        assertTrue(l.get(0).contains("1000 x 500") && l.get(0).contains("1.9 MiB") && l.get(0).contains("0.50 s")
                && l.get(0).contains("seed 7") && l.get(0).contains("4 MiB/s"), l.get(0));
        assertTrue(l.get(1).startsWith("Reproducible") && l.get(1).contains("seed 8"), l.get(1));
        assertTrue(l.get(2).contains("0.02 MiB for 300 rows (68 bytes a row)") && l.get(2).contains("1.0%"), l.get(2));
        assertTrue(l.get(3).startsWith("45 of 300 cutout windows of 64 x 64 (15.0%)") && l.get(3).contains("padded with NaN"), l.get(3));
    }

    @Test
    void aFailedDeterminismCheckIsSaidPlainly() {
        assertTrue(generation(true, true).determinism().startsWith("NOT reproducible"));
        assertTrue(generation(false, false).determinism().contains("bit-identical pixels: false"));
    }

    private static Detections detections(int kept, int candidates) {
        double[] z = new double[kept];
        int[] label = new int[kept];
        return new Detections(new Catalogue(z, z, z, z, label), candidates, 1000, 3, 7, 1234, 10);
    }

    private static Stats stats(double p25, double median, double p75) {
        return new Stats(5, median, p25, p25, median, p75, p75, p75, p75);
    }

    @Test
    void realImageLessonsSayTheCapAndWhichRankingsTheRunResolves() {
        var lessons = new RealImageLessons(detections(1000, 5503), 2.5e-9);
        lessons.add(Strategy.INDIVIDUAL_FILES, 1001, 4_100_000, stats(900, 1000, 1100));
        lessons.add(Strategy.MEMORY_MAPPED, 2, 4_200_000 / 2, stats(5000, 6000, 7000));
        lessons.add(Strategy.HDF5, 1, 4_300_000 / 2, stats(1050, 1200, 1300));
        List<String> l = lessons.lessons();
        assertTrue(l.get(0).contains("1,000 of 5,503 candidates (cap reached) at 10 sigma") && l.get(0).contains("1,234 DQ-flagged")
                && l.get(0).contains("7 saturated") && l.get(0).contains("3 duplicate"), l.get(0));
        assertTrue(l.get(1).contains("2.50e-09 px"), l.get(1));
        assertTrue(l.get(2).contains(Strategy.INDIVIDUAL_FILES.label() + " allocates the most, 4004 KiB in 1,001 files"), l.get(2));
        String t = l.get(3);
        assertTrue(t.contains(Strategy.MEMORY_MAPPED.label() + " is fastest at 6,000 cutouts/s (IQR 2,000)"), t);
        assertTrue(t.contains(Strategy.INDIVIDUAL_FILES.label() + " slowest at 1,000 (6.0x)"), t);
        assertTrue(t.contains("not resolved by this run, their interquartile ranges overlap: " + Strategy.HDF5.label() + " vs "
                + Strategy.INDIVIDUAL_FILES.label() + "."), t);
    }

    @Test
    void aResolvedRankingIsSaidToBe() {
        var lessons = new RealImageLessons(detections(10, 10), 0);
        lessons.add(Strategy.INDIVIDUAL_FILES, 11, 4096, stats(900, 1000, 1100));
        lessons.add(Strategy.MEMORY_MAPPED, 2, 4096, stats(5000, 6000, 7000));
        assertTrue(lessons.lessons().get(0).contains("10 sources at 10 sigma"));
        assertTrue(lessons.throughput().contains("every step of the ranking is resolved"), lessons.throughput());
    }
}
