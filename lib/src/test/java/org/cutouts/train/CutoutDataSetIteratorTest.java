package org.cutouts.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.cutouts.data.Catalogue;
import org.cutouts.store.CutoutStore;
import org.cutouts.store.Strategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.dataset.DataSet;

class CutoutDataSetIteratorTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void batchesAreTheStoresCutoutsInEpochOrder(Strategy strategy) {
        try (CutoutStore store = TrainFixtures.store(strategy, tmp);
             CutoutDataSetIterator it = CutoutDataSetIterator.over(store).batchSize(8).seed(3).prefetch(3, 2).build()) {
            int[] order = it.epochOrder();
            int pos = 0;
            Catalogue cat = store.catalogue();
            while (it.hasNext()) {
                DataSet ds = it.next();
                assertArrayEquals(new long[] {ds.numExamples(), 1, 16, 16}, ds.getFeatures().shape());
                assertArrayEquals(new long[] {ds.numExamples(), 2}, ds.getLabels().shape());
                assertEquals(org.nd4j.linalg.api.buffer.DataType.FLOAT, ds.getFeatures().dataType());
                for (int k = 0; k < ds.numExamples(); k++) {
                    int i = order[pos + k];
                    float[] expected = store.read(i);
                    float[] got = TrainFixtures.row(ds, k);
                    for (int p = 0; p < expected.length; p++) {
                        if (Float.floatToRawIntBits(expected[p]) != Float.floatToRawIntBits(got[p])) {
                            fail(strategy + " cutout " + i + " pixel " + p + ": " + got[p] + " != " + expected[p]);
                        }
                    }
                    float source = cat.label(i) == Catalogue.LABEL_SOURCE ? 1f : 0f;
                    assertEquals(1f - source, ds.getLabels().getFloat(k, 0), "negative column of " + i);
                    assertEquals(source, ds.getLabels().getFloat(k, 1), "source column of " + i);
                }
                pos += ds.numExamples();
            }
            assertEquals(store.size(), pos);
        }
    }

    @Test
    void everyCutoutExactlyOncePerEpochIdentifiedByItsPixels() {
        try (CutoutStore store = TrainFixtures.store(Strategy.MEMORY_MAPPED, tmp);
             CutoutDataSetIterator it = CutoutDataSetIterator.over(store).batchSize(10).seed(5).prefetch(2, 2).build()) {
            // noise makes every cutout unique: identify batch rows by content, not by the iterator's own order
            Map<List<Float>, Integer> byPixels = new HashMap<>();
            for (int i = 0; i < store.size(); i++) {
                assertNull(byPixels.put(boxed(store.read(i)), i), "two cutouts with identical pixels");
            }
            for (int epoch = 0; epoch < 3; epoch++) {
                int[] seen = new int[store.size()];
                List<Integer> visit = new ArrayList<>();
                while (it.hasNext()) {
                    DataSet ds = it.next();
                    for (int k = 0; k < ds.numExamples(); k++) {
                        Integer i = byPixels.get(boxed(TrainFixtures.row(ds, k)));
                        assertTrue(i != null, "a batch row matches no cutout");
                        seen[i]++;
                        visit.add(i);
                    }
                }
                for (int i = 0; i < seen.length; i++) {
                    assertEquals(1, seen[i], "epoch " + epoch + ": cutout " + i + " seen " + seen[i] + " times");
                }
                assertEquals(epoch, it.epoch());
                assertArrayEquals(EpochOrder.shuffled(store.size(), 5, epoch), visit.stream().mapToInt(Integer::intValue).toArray());
                it.reset();
            }
        }
    }

    private static List<Float> boxed(float[] a) {
        List<Float> l = new ArrayList<>(a.length);
        for (float v : a) {
            l.add(v);
        }
        return l;
    }

    @Test
    void seedsAndEpochsDecideTheOrder() {
        try (CutoutStore store = TrainFixtures.store(Strategy.INDIVIDUAL_FILES, tmp);
             CutoutDataSetIterator a = CutoutDataSetIterator.over(store).seed(1).build();
             CutoutDataSetIterator b = CutoutDataSetIterator.over(store).seed(1).prefetch(0, 1).build();
             CutoutDataSetIterator c = CutoutDataSetIterator.over(store).seed(2).build();
             CutoutDataSetIterator plain = CutoutDataSetIterator.over(store).shuffle(false).build()) {
            assertArrayEquals(a.epochOrder(), b.epochOrder());
            assertFalse(Arrays.equals(a.epochOrder(), c.epochOrder()), "seeds 1 and 2 give the same order");
            assertArrayEquals(EpochOrder.identity(store.size()), plain.epochOrder());
            int[] sorted = a.epochOrder();
            Arrays.sort(sorted);
            assertArrayEquals(EpochOrder.identity(store.size()), sorted, "the order is a permutation");
            // the same seed gives the same batches, whichever thread reads them
            assertArrayEquals(TrainFixtures.row(a.next(), 0), TrainFixtures.row(b.next(), 0));
            // reset after consuming moves to the next epoch, with a different order
            int[] epoch0 = a.epochOrder();
            a.reset();
            assertEquals(1, a.epoch());
            assertNotEquals(Arrays.toString(epoch0), Arrays.toString(a.epochOrder()));
            // reset on an untouched epoch restarts it
            a.reset();
            assertEquals(1, a.epoch());
            // epoch e's order depends on (seed, e) only
            c.startEpoch(1);
            b.startEpoch(1);
            assertArrayEquals(a.epochOrder(), b.epochOrder());
        }
    }

    @Test
    void lastPartialBatchIsKeptOrDropped() {
        try (CutoutStore store = TrainFixtures.store(Strategy.MEMORY_MAPPED, tmp)) {
            int n = store.size();
            for (int batch : new int[] {1, 5, 8, 16, 78, 79, 100}) {
                List<Integer> sizes = sizes(CutoutDataSetIterator.over(store).batchSize(batch).build());
                int full = n / batch;
                int rest = n % batch;
                assertEquals(full + (rest > 0 ? 1 : 0), sizes.size(), "batches of " + batch);
                for (int k = 0; k < full; k++) {
                    assertEquals(batch, sizes.get(k));
                }
                if (rest > 0) {
                    assertEquals(rest, sizes.getLast(), "last batch = n mod batch");
                }
                List<Integer> dropped = sizes(CutoutDataSetIterator.over(store).batchSize(batch).dropLast(true).build());
                assertEquals(full, dropped.size());
                assertTrue(dropped.stream().allMatch(s -> s == batch));
            }
        }
    }

    private static List<Integer> sizes(CutoutDataSetIterator it) {
        try (it) {
            List<Integer> out = new ArrayList<>();
            while (it.hasNext()) {
                out.add(it.next().numExamples());
            }
            assertThrows(NoSuchElementException.class, it::next);
            assertEquals(out.size(), it.batchesPerEpoch());
            return out;
        }
    }

    @Test
    void nextWithACountReadsThatManyAndPrefetchResumes() {
        try (CutoutStore store = TrainFixtures.store(Strategy.HDF5, tmp);
             CutoutDataSetIterator it = CutoutDataSetIterator.over(store).batchSize(10).seed(4).build()) {
            int[] order = it.epochOrder();
            DataSet first = it.next();
            DataSet odd = it.next(3);
            DataSet after = it.next();
            assertEquals(10, first.numExamples());
            assertEquals(3, odd.numExamples());
            assertArrayEquals(store.read(order[10]), TrainFixtures.row(odd, 0));
            assertArrayEquals(store.read(order[13]), TrainFixtures.row(after, 0));
            int total = 23;
            while (it.hasNext()) {
                total += it.next().numExamples();
            }
            assertEquals(store.size(), total);
        }
    }

    @Test
    void regressionLabelsAreLog10OnePlusFlux() {
        try (CutoutStore store = TrainFixtures.store(Strategy.MEMORY_MAPPED, tmp);
             CutoutDataSetIterator it = CutoutDataSetIterator.over(store).batchSize(79).labels(LabelMode.LOG_FLUX).shuffle(false).build()) {
            DataSet ds = it.next();
            assertArrayEquals(new long[] {79, 1}, ds.getLabels().shape());
            for (int i = 0; i < 79; i++) {
                assertEquals(Math.log10(1 + store.catalogue().flux(i)), ds.getLabels().getDouble(i, 0), 1e-5);
            }
            assertEquals(1, it.totalOutcomes());
            assertNull(it.getLabels());
        }
    }

    @Test
    void metadataFollowsTheDataSetIteratorContract() {
        try (CutoutStore store = TrainFixtures.store(Strategy.MEMORY_MAPPED, tmp);
             CutoutDataSetIterator pre = CutoutDataSetIterator.over(store).batchSize(12).build();
             CutoutDataSetIterator sync = CutoutDataSetIterator.over(store).prefetch(0, 1).build()) {
            assertEquals(256, pre.inputColumns());
            assertEquals(2, pre.totalOutcomes());
            assertEquals(12, pre.batch());
            assertEquals(List.of("negative", "source"), pre.getLabels());
            assertTrue(pre.resetSupported());
            assertFalse(pre.asyncSupported(), "prefetching iterators must not be wrapped again by DL4J");
            assertTrue(sync.asyncSupported());
            // a preprocessor runs on next()
            pre.setPreProcessor(ds -> ds.getFeatures().assign(0));
            assertEquals(0.0, pre.next().getFeatures().sumNumber().doubleValue());
        }
    }

    @Test
    void closeStopsThePrefetchThreads() {
        try (CutoutStore store = TrainFixtures.store(Strategy.MEMORY_MAPPED, tmp)) {
            CutoutDataSetIterator it = CutoutDataSetIterator.over(store).batchSize(4).prefetch(6, 2).build();
            it.next();
            it.close();
            assertTrue(it.threadsStopped());
            assertFalse(it.hasNext());
            assertThrows(IllegalStateException.class, it::next);
            it.close(); // idempotent
        }
    }
}
