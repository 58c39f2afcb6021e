package org.cutouts.store;

import static org.cutouts.store.TestData.assertSameBits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.cutouts.data.Catalogue;
import org.cutouts.data.InMemoryMosaic;
import org.cutouts.data.SyntheticMosaic;
import org.cutouts.io.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tile cache of the tiled store's explicit path: the same pixels as a direct slice of the mosaic (random
 * positions, every edge, odd sizes, several tile sizes, 16 concurrent readers), never more memory than asked
 * for, and counters that count what was read.
 */
class TileCacheTest {
    @TempDir
    Path tmp;

    /** 1 MiB holds 64 tiles of 64x64: far fewer than the mosaic's 432, so reads evict. */
    static final String SMALL_CACHE = "explicit,cache=1m";

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (int tile : new int[] {32, 64, 128}) {
            for (int[] c : new int[][] {{64, 64}, {33, 17}, {1, 1}, {100, 70}}) {
                out.add(Arguments.of(tile, c[0], c[1]));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "tile {0} cutout {1}x{2}")
    @MethodSource("cases")
    void cachedReadsEqualTheReference(int tile, int cw, int ch) {
        SyntheticMosaic source = TestData.mosaic(1500, 1100, tile + cw);
        InMemoryMosaic ref = source.toMemory();
        Catalogue cat = FastPathTest.withRandomCentres(TestData.withEdgeCentres(source), 1500, 1100, 400, tile * 31L + ch);
        CutoutSpec spec = new CutoutSpec(cw, ch, EdgePolicy.PAD, Float.NaN);
        Path dir = TiledStore.writer(tile).write(source, cat, spec, tmp.resolve("t" + tile));
        SplittableRandom rnd = new SplittableRandom(tile);
        for (String o : List.of(SMALL_CACHE, SMALL_CACHE + ",nogather", SMALL_CACHE + ",nosort,threads=2")) {
            try (CutoutStore store = Stores.open(dir, ReadOptions.parse(o))) {
                for (int b : new int[] {1, 64, 300}) {
                    int[] idx = rnd.ints(b, 0, cat.size()).toArray();
                    float[] got = new float[b * spec.pixels()];
                    store.readBatch(idx, got);
                    for (int k = 0; k < b; k++) {
                        assertSameBits(TestData.expected(ref, cat, idx[k], spec), Arrays.copyOfRange(got, k * spec.pixels(),
                                (k + 1) * spec.pixels()), "tile " + tile + " " + o + " slot " + k);
                    }
                }
                for (int i = 0; i < cat.size(); i += 2) {
                    assertSameBits(TestData.expected(ref, cat, i, spec), store.read(i), "tile " + tile + " " + o + " readInto " + i);
                }
                TileCacheStats s = store.tileCacheStats().orElseThrow();
                assertTrue(s.hits() > 0, "neighbouring cutouts share tiles: " + s);
                assertEquals(s.misses() * s.tileBytes(), s.bytesRead(), "a miss reads one whole tile");
            }
        }
    }

    /** The cached path, and the uncached one whose batches each reader's own io_uring ring reads ahead. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {SMALL_CACHE, "explicit", "explicit,noring"})
    void sixteenConcurrentReadersGetTheReferencePixels(String options) throws Exception {
        SyntheticMosaic source = TestData.mosaic(1500, 1100, 16);
        InMemoryMosaic ref = source.toMemory();
        Catalogue cat = FastPathTest.withRandomCentres(TestData.withEdgeCentres(source), 1500, 1100, 2000, 17);
        CutoutSpec spec = new CutoutSpec(64, 64, EdgePolicy.PAD, Float.NaN);
        Path dir = Stores.write(Strategy.MEMORY_MAPPED_TILED, source, cat, spec, tmp.resolve("c"));
        try (CutoutStore store = Stores.open(dir, ReadOptions.parse(options)); ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<Future<Integer>> readers = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                long seed = t;
                readers.add(pool.submit(() -> {
                    SplittableRandom r = new SplittableRandom(seed);
                    int checked = 0;
                    for (int round = 0; round < 20; round++) {
                        int[] idx = r.ints(32, 0, cat.size()).toArray();
                        float[] got = new float[idx.length * spec.pixels()];
                        store.readBatch(idx, got);
                        for (int k = 0; k < idx.length; k++) {
                            assertSameBits(TestData.expected(ref, cat, idx[k], spec), Arrays.copyOfRange(got, k * spec.pixels(),
                                    (k + 1) * spec.pixels()), "reader " + seed + " slot " + k);
                            checked++;
                        }
                        int one = r.nextInt(cat.size());
                        assertSameBits(TestData.expected(ref, cat, one, spec), store.read(one), "reader " + seed + " cutout " + one);
                    }
                    return checked;
                }));
            }
            for (Future<Integer> f : readers) {
                assertEquals(20 * 32, f.get());
            }
            if (store.tileCacheStats().isEmpty()) {
                return;
            }
            TileCacheStats s = store.tileCacheStats().orElseThrow();
            assertTrue(s.allocatedBytes() <= s.capacityBytes() && s.cachedTiles() * s.tileBytes() <= s.capacityBytes(), s.toString());
            assertTrue(s.hits() > 0 && s.misses() > 0, s.toString());
            assertEquals(s.misses() * s.tileBytes(), s.bytesRead());
        }
    }

    @Test
    void theCacheStaysWithinItsBoundOnAMosaicManyTimesLarger() {
        SyntheticMosaic source = TestData.mosaic(1500, 1100, 3);
        Catalogue cat = FastPathTest.withRandomCentres(source.catalogue(), 1500, 1100, 3000, 5);
        Path dir = Stores.write(Strategy.MEMORY_MAPPED_TILED, source, cat, CutoutSpec.square(64), tmp.resolve("b"));
        try (CutoutStore store = Stores.open(dir, ReadOptions.parse(SMALL_CACHE))) {
            long mosaicBytes = ((TiledStore) store).layout().dataBytes();
            assertTrue(mosaicBytes > 6 * (1L << 20), "the mosaic's tiles are several times the cache");
            assertEquals(new TileCacheStats(1L << 20, 16384, 0, 0, 0, 0, 0), store.tileCacheStats().orElseThrow(), "empty at open");
            int[] all = java.util.stream.IntStream.range(0, cat.size()).toArray();
            store.readBatch(all, new float[all.length * store.cutoutPixels()]);
            TileCacheStats s = store.tileCacheStats().orElseThrow();
            assertEquals(1L << 20, s.allocatedBytes(), "full, and no more: " + s);
            assertEquals(64, s.cachedTiles());
            assertTrue(s.misses() > 64, "tiles were evicted and read again: " + s);
        }
    }

    @Test
    void hitsAndMissesCountTileReads() {
        SyntheticMosaic source = TestData.mosaic(256, 256, 7);
        InMemoryMosaic ref = source.toMemory();
        // windows of 16: inside tile (0,0); the same; across four tiles; across tiles (0,0) and (1,0)
        double[] x = {32, 32, 64, 64};
        double[] y = {32, 32, 64, 32};
        Catalogue cat = new Catalogue(x, y, new double[4], new double[4], new int[4]);
        CutoutSpec spec = CutoutSpec.square(16);
        Path dir = Stores.write(Strategy.MEMORY_MAPPED_TILED, source, cat, spec, tmp.resolve("h"));
        long[][] after = {{0, 1}, {1, 1}, {2, 4}, {4, 4}}; // {hits, misses} after each read
        try (CutoutStore store = Stores.open(dir, ReadOptions.parse("explicit,cache=1m"))) {
            for (int i = 0; i < 4; i++) {
                assertSameBits(TestData.expected(ref, cat, i, spec), store.read(i), "cutout " + i);
                TileCacheStats s = store.tileCacheStats().orElseThrow();
                assertEquals(after[i][0], s.hits(), "hits after cutout " + i);
                assertEquals(after[i][1], s.misses(), "misses after cutout " + i);
                assertEquals(after[i][1] * 16384, s.bytesRead(), "bytes read after cutout " + i);
                assertEquals(after[i][1], s.cachedTiles());
            }
            assertEquals(0.5, store.tileCacheStats().orElseThrow().hitRate());
        }
    }

    @Test
    void onlyTheExplicitPathOfTheTiledStoreHasACache() {
        SyntheticMosaic source = TestData.mosaic(200, 150, 2);
        CutoutSpec spec = CutoutSpec.square(16);
        Path tiled = Stores.write(Strategy.MEMORY_MAPPED_TILED, source, source.catalogue(), spec, tmp.resolve("t"));
        Path rowMajor = Stores.write(Strategy.MEMORY_MAPPED, source, source.catalogue(), spec, tmp.resolve("r"));
        try (CutoutStore mapped = Stores.open(tiled); CutoutStore explicit = Stores.open(tiled, ReadOptions.parse("explicit"));
             CutoutStore rows = Stores.open(rowMajor, ReadOptions.parse("explicit,cache=8m"))) {
            assertTrue(mapped.tileCacheStats().isEmpty() && explicit.tileCacheStats().isEmpty() && rows.tileCacheStats().isEmpty());
            assertEquals(0, rows.readChoice().orElseThrow().cacheMiB(), "a row-major mosaic has no tiles to cache");
        }
    }

    @Test
    void aCacheTooSmallForOneTileIsRefusedNamingTheFile() {
        SyntheticMosaic source = TestData.mosaic(300, 200, 4);
        Path dir = TiledStore.writer(1024).write(source, source.catalogue(), CutoutSpec.square(64), tmp.resolve("big-tiles"));
        StoreException e = assertThrows(StoreException.class, () -> Stores.open(dir, ReadOptions.parse("explicit,cache=1m")));
        assertTrue(e.getMessage().contains(TiledStore.PAYLOAD) && e.getMessage().contains("cannot hold one tile of 4096 KiB")
                && e.getMessage().contains("cache=4m"), e.getMessage());
    }
}
