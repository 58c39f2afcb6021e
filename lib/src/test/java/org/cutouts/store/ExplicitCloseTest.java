package org.cutouts.store;

import static org.cutouts.store.TestData.assertSameBits;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cutouts.data.Catalogue;
import org.cutouts.data.InMemoryMosaic;
import org.cutouts.data.SyntheticMosaic;
import org.cutouts.io.StoreException;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * Closing a store while readers are inside its explicit reads: each read gives the reference pixels or
 * "store is closed", never another file's bytes. The kernel reuses a closed descriptor's number for the
 * next file opened, so a read that raced the close could otherwise read a stranger's bytes; other files
 * are opened and closed all along to make that likely.
 */
class ExplicitCloseTest {
    @TempDir
    Path tmp;

    @RepeatedTest(3)
    void aReadRacingCloseGetsTheRightPixelsOrAClearError() throws Exception {
        SyntheticMosaic source = TestData.mosaic(900, 700, 12);
        InMemoryMosaic ref = source.toMemory();
        Catalogue cat = FastPathTest.withRandomCentres(TestData.withEdgeCentres(source), 900, 700, 600, 5);
        CutoutSpec spec = new CutoutSpec(48, 48, EdgePolicy.PAD, Float.NaN);
        Path dir = Stores.write(Strategy.MEMORY_MAPPED_TILED, source, cat, spec, tmp.resolve("t"));
        // a decoy with other bytes, opened and closed over and over, so that freed descriptor numbers get reused
        Path decoy = tmp.resolve("decoy.bin");
        byte[] junk = new byte[4 << 20];
        Arrays.fill(junk, (byte) 0x7f);
        Files.write(decoy, junk);
        for (String options : List.of("explicit", "explicit,cache=1m")) {
            CutoutStore store = Stores.open(dir, ReadOptions.parse(options));
            AtomicBoolean stop = new AtomicBoolean();
            CountDownLatch started = new CountDownLatch(4);
            try (ExecutorService pool = Executors.newFixedThreadPool(5)) {
                List<Future<int[]>> readers = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    long seed = t;
                    readers.add(pool.submit(() -> {
                        SplittableRandom r = new SplittableRandom(seed);
                        int read = 0;
                        int refused = 0;
                        started.countDown();
                        while (true) {
                            int[] idx = r.ints(8, 0, cat.size()).toArray();
                            float[] got = new float[idx.length * spec.pixels()];
                            try {
                                store.readBatch(idx, got);
                            } catch (StoreException e) {
                                assertTrue(e.getMessage().contains("closed"), e.getMessage());
                                refused++;
                                return new int[] {read, refused};
                            }
                            for (int k = 0; k < idx.length; k++) {
                                assertSameBits(TestData.expected(ref, cat, idx[k], spec), Arrays.copyOfRange(got, k * spec.pixels(),
                                        (k + 1) * spec.pixels()), options + " reader " + seed + " slot " + k);
                            }
                            read++;
                        }
                    }));
                }
                Future<?> churn = pool.submit(() -> {
                    while (!stop.get()) {
                        try (var ch = java.nio.channels.FileChannel.open(decoy)) {
                            ch.size();
                        }
                    }
                    return null;
                });
                started.await();
                Thread.sleep(30);
                store.close();
                for (Future<int[]> f : readers) {
                    int[] counts = f.get();
                    assertTrue(counts[1] == 1, options + ": every reader ends with one clear refusal");
                }
                stop.set(true);
                churn.get();
            }
        }
    }
}
