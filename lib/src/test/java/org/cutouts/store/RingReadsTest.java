package org.cutouts.store;

import static org.cutouts.store.TestData.assertSameBits;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.cutouts.data.Catalogue;
import org.cutouts.data.InMemoryMosaic;
import org.cutouts.data.SyntheticMosaic;
import org.cutouts.os.IoUring;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The explicit path's batches read through io_uring ({@link ExplicitReads#prefetch}): the same pixels when a batch
 * needs more than one thread may stage, a clear error when the file shrinks under a batch, and a read path that
 * says how it reads.
 */
class RingReadsTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void ringsAreAllowed() {
        assumeTrue(IoUring.available(), "this kernel refuses io_uring: " + IoUring.unavailableReason());
    }

    /** Batches of 16 are staged through the ring (the tiled and stacked ones; row-major needs 4 MiB); all at once overflows the cap and goes through the page cache. */
    @Test
    void stagedBatchesAndBatchesOverTheStagingCapGiveTheReferencePixels() {
        SyntheticMosaic source = TestData.mosaic(700, 650, 9);
        InMemoryMosaic ref = source.toMemory();
        Catalogue cat = FastPathTest.withRandomCentres(TestData.withEdgeCentres(source), 700, 650, 200, 23);
        CutoutSpec spec = new CutoutSpec(64, 64, EdgePolicy.PAD, Float.NaN);
        for (Strategy s : new Strategy[] {Strategy.MEMORY_MAPPED, Strategy.MEMORY_MAPPED_TILED, Strategy.STACKED}) {
            Path dir = Stores.write(s, source, cat, spec, tmp.resolve(s.folder()));
            // every cutout at once: row-major, 64 rows of a 4 KiB block each, 50 MiB against a 4 MiB staging cap
            int[] idx = IntStream.range(0, cat.size()).map(i -> (i * 7) % cat.size()).toArray();
            assertTrue((long) idx.length * 64 * 4096 > 4 * ExplicitReads.MAX_STAGED, "the batch overflows the staging buffer");
            try (CutoutStore store = Stores.open(dir, ReadOptions.parse("explicit"))) {
                assertTrue(store.readChoice().orElseThrow().reason().contains("io_uring"), store.readChoice().orElseThrow().label());
                for (int batch : new int[] {16, idx.length}) {
                    for (int from = 0; from < idx.length; from += batch) {
                        int[] part = Arrays.copyOfRange(idx, from, Math.min(idx.length, from + batch));
                        float[] got = new float[part.length * spec.pixels()];
                        store.readBatch(part, got);
                        for (int k = 0; k < part.length; k++) {
                            assertSameBits(TestData.expected(ref, cat, part[k], spec), Arrays.copyOfRange(got, k * spec.pixels(),
                                    (k + 1) * spec.pixels()), s + " batch of " + batch + " slot " + k);
                        }
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Strategy.class, names = {"MEMORY_MAPPED", "MEMORY_MAPPED_TILED", "STACKED", "HDF5"})
    void aBatchOfAFileTruncatedAfterOpeningFailsNamingIt(Strategy strategy) throws IOException {
        SyntheticMosaic m = TestData.mosaic(300, 260, 4);
        Path dir = Stores.write(strategy, m, TestData.withEdgeCentres(m), CutoutSpec.square(32), tmp.resolve(strategy.folder()));
        Path f = dir.resolve(StoreManifest.read(dir).payload());
        try (CutoutStore s = Stores.open(dir, ReadOptions.parse("explicit"))) {
            int[] all = IntStream.range(0, s.size()).toArray();
            s.readBatch(all, new float[all.length * s.cutoutPixels()]);
            try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
                raf.setLength(raf.length() / 3);
            }
            ReliabilityTest.assertStoreError(f, "truncated", () -> s.readBatch(all, new float[all.length * s.cutoutPixels()]));
        }
    }
}
