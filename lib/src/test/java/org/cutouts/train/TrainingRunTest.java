package org.cutouts.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cutouts.data.MosaicSpec;
import org.cutouts.store.CutoutSpec;
import org.cutouts.store.CutoutStore;
import org.cutouts.store.Strategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** The training loop at a tiny scale: it runs on every strategy, the tables are complete and the loss falls. */
class TrainingRunTest {
    @TempDir
    Path tmp;

    @Test
    void lossFallsOnEveryStrategy() {
        Map<Strategy, Path> dirs = TrainingComparison.writeStores(tmp, MosaicSpec.of(300, 300, 120, 5), 120,
                CutoutSpec.square(16), List.of(Strategy.values()));
        int warmup = 2;
        int steps = 40;
        TrainingResult r = TrainingComparison.run(dirs.values(), run -> run.steps(steps).warmup(warmup).batch(16).seed(1).prefetch(2, 1));
        Table summary = r.summary();
        assertEquals(Strategy.values().length, summary.rowCount());
        assertEquals(Strategy.values().length * (warmup + steps), r.lossCurve().rowCount());
        for (Strategy s : Strategy.values()) {
            String label = s.label();
            double first = r.meanLossOfFirst(label, 3);
            double last = r.meanLossOfLast(label, 3);
            assertTrue(last < first, label + ": loss did not fall, first 3 steps " + first + ", last 3 " + last);
        }
        for (int row = 0; row < summary.rowCount(); row++) {
            double rate = summary.doubleColumn("samples_per_s").get(row);
            double share = summary.doubleColumn("load_share").get(row);
            assertTrue(rate > 0 && Double.isFinite(rate), "samples/s " + rate);
            assertTrue(summary.doubleColumn("loader_samples_per_s").get(row) > 0);
            assertTrue(share >= 0 && share <= 1, "load share " + share);
            assertTrue(summary.stringColumn("method").get(row).contains("warm-up"));
        }
        assertEquals(List.of("strategy", "step", "loss"), r.lossChart().columnNames());
        assertEquals(Strategy.values().length * (warmup + steps), r.lossChart().rowCount());
        assertEquals(Strategy.values().length, r.throughputChart().rowCount());
        r.lossFigure();
        r.throughputFigure();
        List<String> lessons = r.lessons();
        assertEquals(2, lessons.size());
        double slowest = summary.doubleColumn("samples_per_s").min();
        assertTrue(lessons.get(0).startsWith(String.format(java.util.Locale.ROOT, "Samples per second into the model ranged from %,.0f (", slowest)),
                lessons.get(0));
        assertTrue(lessons.get(0).endsWith("over " + Strategy.values().length + " stores."), lessons.get(0));
        assertTrue(lessons.get(1).contains(String.format(java.util.Locale.ROOT, "%.1f%% of a step", 100 * summary.doubleColumn("load_share").max())),
                lessons.get(1));
    }

    @Test
    void dl4jFitDrivesTheIteratorThroughEpochs() {
        try (CutoutStore store = TrainFixtures.store(Strategy.MEMORY_MAPPED, tmp);
             CutoutDataSetIterator it = CutoutDataSetIterator.over(store).batchSize(16).seed(2)
                     .normalisation(Normalisation.ZSCORE).build()) {
            java.util.concurrent.atomic.AtomicInteger batches = new java.util.concurrent.atomic.AtomicInteger();
            it.setPreProcessor(ds -> batches.incrementAndGet());
            var net = SmallConvNet.build(store.spec(), LabelMode.CLASSIFICATION, 1, 1e-3);
            net.fit(it, 3);
            assertEquals(3 * it.batchesPerEpoch(), batches.get());
            assertTrue(it.epoch() >= 2, "epoch " + it.epoch());
            assertTrue(Double.isFinite(net.score()));
        }
    }

    @Test
    void regressionAndRepetitions() {
        Map<Strategy, Path> dirs = TrainingComparison.writeStores(tmp, MosaicSpec.of(200, 200, 60, 6), 60,
                CutoutSpec.square(12), List.of(Strategy.MEMORY_MAPPED));
        try (CutoutStore store = org.cutouts.store.Stores.open(dirs.get(Strategy.MEMORY_MAPPED))) {
            TrainingResult r = TrainingRun.on(store).labels(LabelMode.LOG_FLUX).steps(30).warmup(1).batch(12)
                    .repetitions(2).seed(3).learningRate(3e-3).run();
            assertEquals(2 * 31, r.lossCurve().rowCount());
            Table s = r.summary();
            assertEquals(2, s.intColumn("repetitions").get(0));
            assertTrue(s.doubleColumn("samples_per_s_min").get(0) <= s.doubleColumn("samples_per_s").get(0));
            assertTrue(s.doubleColumn("samples_per_s").get(0) <= s.doubleColumn("samples_per_s_max").get(0));
            String label = Strategy.MEMORY_MAPPED.label();
            assertTrue(r.meanLossOfLast(label, 3) < r.meanLossOfFirst(label, 3), "regression loss did not fall");
            // the run spans several epochs (60 sources + 60 negatives, 12 a batch: 10 batches an epoch)
            assertEquals(31, TrainingResult.lossesOf(r.lossCurve(), label, 1).length);
        }
    }
}
