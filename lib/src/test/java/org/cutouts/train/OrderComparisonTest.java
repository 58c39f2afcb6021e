package org.cutouts.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.cutouts.store.CutoutStore;
import org.cutouts.store.Strategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrderComparisonTest {
    @TempDir
    Path tmp;

    @Test
    void bothOrdersTrainTheSameModelPerSeedAndAreScoredOnTheSameHeldOutCutouts() {
        try (CutoutStore store = TrainFixtures.store(Strategy.MEMORY_MAPPED, tmp)) {
            OrderComparison cmp = OrderComparison.on(store).groupBytes(200L * 4 * 40).seeds(1, 2).steps(6).batch(8).heldOut(20);
            OrderComparison.Result a = cmp.run();
            OrderComparison.Result b = cmp.run();

            assertEquals(4, a.runs().rowCount());
            for (int i = 0; i < 4; i++) {
                double loss = a.runs().doubleColumn(OrderComparison.HELD_OUT_LOSS).get(i);
                assertTrue(Double.isFinite(loss) && loss > 0, a.runs().print());
                // same seed, same order, same held-out sample: the same loss
                assertEquals(loss, b.runs().doubleColumn(OrderComparison.HELD_OUT_LOSS).get(i), 1e-6);
            }
            assertEquals(2, a.summary().rowCount());
            double shuffleMean = a.summary().doubleColumn(OrderComparison.MEAN).get(0);
            double localityMean = a.summary().doubleColumn(OrderComparison.MEAN).get(1);
            assertEquals(localityMean - shuffleMean, a.difference(), 1e-12);
            assertEquals(Math.abs(a.difference()) <= a.shuffleSpread(), a.withinSpread());

            // every step of every run is on the curve, and the last ten steps give the runs' last training loss
            assertEquals(2 * 2 * 6, a.curves().rowCount());
            var shuffle1 = a.curves().where(a.curves().stringColumn(OrderComparison.ORDER).isEqualTo(OrderComparison.SHUFFLE)
                    .and(a.curves().longColumn(OrderComparison.SEED).isEqualTo(1)));
            assertEquals(6, shuffle1.rowCount());
            assertEquals(shuffle1.doubleColumn(OrderComparison.LOSS).mean(), a.runs().doubleColumn(OrderComparison.LAST_TRAINING_LOSS).get(0), 1e-9);
            // the target is the difference in units of the spread, judged against 1
            var t = a.target();
            assertEquals(Math.abs(a.difference()) / a.shuffleSpread(), t.measured(), 1e-12);
            assertEquals(a.withinSpread() ? "pass" : "short", t.status());
            assertTrue(t.method().contains("over 2 seeds"), t.method());
            // one line and one band per order
            var fig = (org.cutouts.report.chart.PlotlyFigure) a.lossFigure();
            assertEquals(6, fig.data().size());
            assertTrue(fig.json().contains("locality-aware, mean of 2 seeds") && fig.json().contains("tonexty"), fig.json());
        }
    }

    @Test
    void tooFewCutoutsOrSeedsAreRefused() {
        try (CutoutStore store = TrainFixtures.store(Strategy.STACKED, tmp)) {
            var e = assertThrows(IllegalArgumentException.class, () -> OrderComparison.on(store).heldOut(75).batch(8).run());
            assertTrue(e.getMessage().endsWith("75 held-out cutouts and batches of 8 need more than the store's 79 cutouts"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> OrderComparison.on(store).seeds(1));
        }
    }
}
