package org.cutouts.survey;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.cutouts.store.CutoutSpec;
import org.cutouts.store.Strategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reference loop reads tile by tile but answers in id order, with the same bits as reading in id order. */
class SurveyLoopTest {
    @TempDir
    Path tmp;

    @Test
    void readsTileByTileAndListsEveryCutoutByIdWithTheBitsOfAnIdOrderRead() {
        SurveySpec spec = SurveySpec.of(3, 2, 160, 40, 40, 11);
        Path dir = SurveyWriter.write(SyntheticSurvey.of(spec), Strategy.MEMORY_MAPPED, CutoutSpec.square(24), tmp.resolve("s"));
        try (SurveyStore s = SurveyStore.open(dir)) {
            int[] order = SurveyLoop.tileOrder(s);
            assertArrayEquals(IntStream.range(0, s.size()).toArray(), IntStream.of(order).sorted().toArray(), "every row once");
            for (int k = 1; k < order.length; k++) {
                int a = order[k - 1];
                int b = order[k];
                assertTrue(s.tileOf(a) < s.tileOf(b) || s.tileOf(a) == s.tileOf(b) && s.localIndex(a) < s.localIndex(b),
                        "rows " + a + " and " + b + " out of (tile, row) order");
            }
            assertTrue(IntStream.range(1, order.length).anyMatch(k -> order[k] < order[k - 1]), "the catalogue is not already in tile order");
            List<CutoutMeasurement> all = SurveyLoop.measureAll(s, 7);
            List<CutoutMeasurement> byId = SurveyLoop.measure(s, IntStream.range(0, s.size()).toArray(), 5);
            assertEquals(byId, all, "the same measurements, bit for bit, listed by id");
            for (int i = 0; i < all.size(); i++) {
                assertEquals(i, all.get(i).id());
            }
        }
    }
}
