package org.cutouts.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.cutouts.data.Catalogue;
import org.cutouts.store.CutoutStore;
import org.cutouts.io.StoreException;
import org.cutouts.store.StoreManifest;
import org.cutouts.store.Stores;
import org.cutouts.store.Strategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Broken stores fail in next() with a message naming the store, the cutout and the file; nothing hangs. */
class CorruptStoreTest {
    private static final Duration LIMIT = Duration.ofSeconds(20);

    @TempDir
    Path tmp;

    private static void truncate(Path file, long size) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size);
        }
    }

    /** Drains a whole epoch; returns the failure. */
    private static BatchReadException drain(CutoutDataSetIterator it) {
        return assertThrows(BatchReadException.class, () -> {
            while (it.hasNext()) {
                it.next();
            }
        });
    }

    @ParameterizedTest(name = "prefetch depth {0}")
    @ValueSource(ints = {0, 1, 4})
    void aDeletedCutoutFileIsNamed(int depth) throws IOException {
        Path dir = TrainFixtures.write(Strategy.INDIVIDUAL_FILES, tmp);
        Path victim = dir.resolve("cutouts/cutout_0000017.npy");
        Files.delete(victim);
        try (CutoutStore store = Stores.open(dir);
             CutoutDataSetIterator it = CutoutDataSetIterator.over(store).batchSize(8).seed(2).prefetch(depth, 2).build()) {
            BatchReadException e = assertTimeoutPreemptively(LIMIT, () -> drain(it));
            assertEquals(17, e.index());
            assertEquals(dir, e.store());
            assertTrue(e.getMessage().contains("cutout_0000017.npy"), e.getMessage());
            assertTrue(e.getMessage().contains("cutout 17") && e.getMessage().contains(dir.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("missing"), e.getMessage());
            assertTrue(rootCause(e) instanceof StoreException, "cause " + rootCause(e));
        }
    }

    @Test
    void aTruncatedCutoutFileIsNamed() throws IOException {
        Path dir = TrainFixtures.write(Strategy.INDIVIDUAL_FILES, tmp);
        Path victim = dir.resolve("cutouts/cutout_0000003.npy");
        truncate(victim, Files.size(victim) / 2);
        try (CutoutStore store = Stores.open(dir);
             CutoutDataSetIterator it = CutoutDataSetIterator.over(store).batchSize(8).seed(2).prefetch(2, 2).build()) {
            BatchReadException e = assertTimeoutPreemptively(LIMIT, () -> drain(it));
            assertEquals(3, e.index());
            assertTrue(e.getMessage().contains("cutout_0000003.npy"), e.getMessage());
        }
    }

    @Test
    void aTruncatedMosaicIsRefusedWhenOpened() throws IOException {
        Path dir = TrainFixtures.write(Strategy.MEMORY_MAPPED, tmp);
        Path mosaic = dir.resolve("mosaic.npy");
        truncate(mosaic, Files.size(mosaic) - 4096);
        StoreException e = assertTimeoutPreemptively(LIMIT, () -> assertThrows(StoreException.class, () -> Stores.open(dir).close()));
        assertTrue(e.getMessage().contains("mosaic.npy"), e.getMessage());
    }

    @Test
    void aMosaicTruncatedAfterMappingFailsCleanly() throws IOException {
        Path dir = TrainFixtures.write(Strategy.MEMORY_MAPPED, tmp);
        try (CutoutStore store = Stores.open(dir);
             CutoutDataSetIterator it = CutoutDataSetIterator.over(store).batchSize(8).shuffle(false).prefetch(2, 1).build()) {
            truncate(dir.resolve("mosaic.npy"), 128); // the mapping now points past the end of the file
            BatchReadException e = assertTimeoutPreemptively(LIMIT, () -> drain(it));
            assertEquals(0, e.index());
            assertTrue(e.getMessage().contains("cutout 0") && e.getMessage().contains(dir.toString()), e.getMessage());
        }
    }

    @Test
    void aTruncatedHdf5FileIsRefusedWhenOpened() throws IOException {
        Path dir = TrainFixtures.write(Strategy.HDF5, tmp);
        Path file = dir.resolve("mosaic.h5");
        truncate(file, Files.size(file) / 2);
        StoreException e = assertTimeoutPreemptively(LIMIT, () -> assertThrows(StoreException.class, () -> Stores.open(dir).close()));
        assertTrue(e.getMessage().contains("mosaic.h5"), e.getMessage());
    }

    @Test
    void aTruncatedTensorFailsOnTheFirstBatch() throws IOException {
        Path dir = TrainFixtures.write(Strategy.WHOLE_TENSOR, tmp);
        Path file = dir.resolve("mosaic.nd4j");
        truncate(file, Files.size(file) / 2);
        try (CutoutStore store = Stores.open(dir);
             CutoutDataSetIterator it = CutoutDataSetIterator.over(store).batchSize(8).prefetch(2, 1).build()) {
            BatchReadException e = assertTimeoutPreemptively(LIMIT, () -> drain(it));
            assertTrue(e.getMessage().contains("mosaic.nd4j"), e.getMessage());
        }
    }

    @Test
    void aWorkerExceptionNamesStoreAndIndex() {
        try (CutoutStore real = TrainFixtures.store(Strategy.MEMORY_MAPPED, tmp);
             CutoutStore bad = new FaultyStore(real, 42, null);
             CutoutDataSetIterator it = CutoutDataSetIterator.over(bad).batchSize(5).seed(1).prefetch(3, 2).build()) {
            BatchReadException e = assertTimeoutPreemptively(LIMIT, () -> drain(it));
            assertEquals(42, e.index());
            assertTrue(e.getMessage().contains("cutout 42") && e.getMessage().contains(real.location().toString()), e.getMessage());
            assertTrue(e.getMessage().contains("injected"), e.getMessage());
        }
    }

    @Test
    void aStuckReadTimesOutInsteadOfHanging() {
        CountDownLatch never = new CountDownLatch(1);
        try (CutoutStore real = TrainFixtures.store(Strategy.MEMORY_MAPPED, tmp);
             CutoutStore stuck = new FaultyStore(real, -1, never)) {
            CutoutDataSetIterator it = CutoutDataSetIterator.over(stuck).batchSize(5).prefetch(2, 1).timeout(Duration.ofMillis(300)).build();
            BatchReadException e = assertTimeoutPreemptively(LIMIT, () -> assertThrows(BatchReadException.class, it::next));
            assertTrue(e.getMessage().contains("within 300 ms") && e.getMessage().contains(real.location().toString()), e.getMessage());
            assertTimeoutPreemptively(LIMIT, it::close);
            never.countDown();
        }
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    /** A store that fails on one index, or blocks every read on a latch. */
    private record FaultyStore(CutoutStore delegate, int failing, CountDownLatch gate) implements CutoutStore {
        @Override
        public Strategy strategy() {
            return delegate.strategy();
        }

        @Override
        public Path location() {
            return delegate.location();
        }

        @Override
        public StoreManifest manifest() {
            return delegate.manifest();
        }

        @Override
        public Catalogue catalogue() {
            return delegate.catalogue();
        }

        @Override
        public void readInto(int index, float[] dst, int offset) {
            if (gate != null) {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (index == failing) {
                throw new StoreException(delegate.location().resolve("fake"), "injected failure at " + index);
            }
            delegate.readInto(index, dst, offset);
        }

        @Override
        public void close() {
            // the delegate is closed by its own try block
        }
    }
}
