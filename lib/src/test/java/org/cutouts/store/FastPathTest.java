package org.cutouts.store;

import org.cutouts.io.StoreException;

import static org.cutouts.store.TestData.assertSameBits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.cutouts.data.Catalogue;
import org.cutouts.data.InMemoryMosaic;
import org.cutouts.data.SyntheticMosaic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 6: every fast path (batched gather with each of its options, the tiled layout at several
 * tile sizes, the HDF5 direct mapping) and issue 12's (explicit reads, the tile cache, {@code auto})
 * returns exactly the reference pixels: random positions, every edge and corner, odd cutout sizes,
 * and a sparse mosaic above 2 GiB.
 */
class FastPathTest {
    @TempDir
    Path tmp;

    static final List<String> OPTIONS = List.of("default", "nosort", "touch", "nosort,touch", "threads=2", "threads=3,touch",
            "advice=none", "advice=random+willneed+hugepage", "prefault", "nogather", "baseline", "explicit", "explicit,nogather",
            "explicit,nosort,threads=2", "explicit,cache=1m", "explicit,cache=1m,nogather", "auto", "explicit,noring", "explicit,cache=1m,noring");

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        int[][] mosaics = {{300, 200}, {173, 311}, {1000, 37}};
        int[][] cutouts = {{64, 64}, {33, 17}, {1, 1}, {100, 70}};
        for (Strategy s : List.of(Strategy.MEMORY_MAPPED, Strategy.MEMORY_MAPPED_TILED, Strategy.HDF5)) {
            for (int[] m : mosaics) {
                for (int[] c : cutouts) {
                    out.add(Arguments.of(s, m[0], m[1], c[0], c[1]));
                }
            }
        }
        return out.stream();
    }

    /** Random batches with repeats and edge centres, through every option set, against the in-memory slice. */
    @ParameterizedTest(name = "{0} mosaic {1}x{2} cutout {3}x{4}")
    @MethodSource("cases")
    void batchesEqualTheReferenceUnderEveryOption(Strategy strategy, int mw, int mh, int cw, int ch) {
        SyntheticMosaic source = TestData.mosaic(mw, mh, mw * 7L + mh);
        InMemoryMosaic ref = source.toMemory();
        Catalogue cat = withRandomCentres(TestData.withEdgeCentres(source), mw, mh, 200, mw + mh);
        CutoutSpec spec = new CutoutSpec(cw, ch, EdgePolicy.PAD, Float.NaN);
        Path dir = Stores.write(strategy, source, cat, spec, tmp.resolve("s"));
        SplittableRandom rnd = new SplittableRandom(11);
        for (String o : OPTIONS) {
            try (CutoutStore store = Stores.open(dir, ReadOptions.parse(o))) {
                for (int b : new int[] {1, 7, 64, 300}) {
                    int[] idx = rnd.ints(b, 0, cat.size()).toArray();
                    float[] got = new float[b * spec.pixels() + 5];
                    Arrays.fill(got, 12345f);
                    store.readBatch(idx, got);
                    for (int k = 0; k < b; k++) {
                        assertSameBits(TestData.expected(ref, cat, idx[k], spec),
                                Arrays.copyOfRange(got, k * spec.pixels(), (k + 1) * spec.pixels()), strategy + " " + o + " slot " + k);
                    }
                    for (int k = b * spec.pixels(); k < got.length; k++) {
                        assertEquals(12345f, got[k], "nothing written past the batch");
                    }
                }
                for (int i = 0; i < cat.size(); i += 3) {
                    assertSameBits(TestData.expected(ref, cat, i, spec), store.read(i), strategy + " " + o + " readInto " + i);
                }
            }
        }
    }

    static Catalogue withRandomCentres(Catalogue c, int w, int h, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int m = c.size() + n;
        double[] x = Arrays.copyOf(c.xs(), m);
        double[] y = Arrays.copyOf(c.ys(), m);
        for (int i = c.size(); i < m; i++) {
            x[i] = r.nextDouble(-40, w + 40);
            y[i] = r.nextDouble(-40, h + 40);
        }
        return new Catalogue(x, y, new double[m], new double[m], new int[m]);
    }

    @Test
    void tileSizesOtherThanTheCutoutGiveTheSamePixels() {
        SyntheticMosaic source = TestData.mosaic(333, 257, 9);
        InMemoryMosaic ref = source.toMemory();
        Catalogue cat = withRandomCentres(TestData.withEdgeCentres(source), 333, 257, 300, 3);
        CutoutSpec spec = new CutoutSpec(64, 45, EdgePolicy.PAD, -1f);
        for (int tile : new int[] {32, 96, 128, 256}) {
            Path dir = TiledStore.writer(tile).write(source, cat, spec, tmp.resolve("t" + tile));
            try (CutoutStore store = Stores.open(dir)) {
                assertEquals(tile, TileConverter.tileOf(store));
                int[] idx = new SplittableRandom(tile).ints(500, 0, cat.size()).toArray();
                float[] got = new float[idx.length * spec.pixels()];
                store.readBatch(idx, got);
                for (int k = 0; k < idx.length; k++) {
                    assertSameBits(TestData.expected(ref, cat, idx[k], spec),
                            Arrays.copyOfRange(got, k * spec.pixels(), (k + 1) * spec.pixels()), "tile " + tile + " slot " + k);
                }
            }
        }
    }

    @Test
    void theConverterMakesATiledStoreWithTheSameCutouts() {
        SyntheticMosaic source = TestData.mosaic(500, 300, 4);
        Catalogue cat = TestData.withEdgeCentres(source);
        CutoutSpec spec = CutoutSpec.square(64);
        Path rm = Stores.write(Strategy.MEMORY_MAPPED, source, cat, spec, tmp.resolve("rm"));
        Path tl = TileConverter.convert(rm, tmp.resolve("tl"));
        try (CutoutStore a = Stores.open(rm); CutoutStore b = Stores.open(tl)) {
            assertEquals(Strategy.MEMORY_MAPPED_TILED, b.strategy());
            assertEquals(a.catalogue(), b.catalogue());
            for (int i = 0; i < a.size(); i++) {
                assertSameBits(a.read(i), b.read(i), "cutout " + i);
            }
        }
        assertThrows(StoreException.class, () -> TileConverter.convert(tl, tmp.resolve("again")));
    }

    @Test
    void hdf5UsesTheDirectMappingAndAgreesWithJhdf() {
        SyntheticMosaic source = TestData.mosaic(400, 300, 5);
        Catalogue cat = withRandomCentres(TestData.withEdgeCentres(source), 400, 300, 100, 6);
        CutoutSpec spec = new CutoutSpec(31, 64, EdgePolicy.PAD, Float.NaN);
        Path dir = Stores.write(Strategy.HDF5, source, cat, spec, tmp.resolve("h5"));
        try (CutoutStore direct = Stores.open(dir); CutoutStore jhdf = Stores.open(dir, ReadOptions.parse("nodirect"))) {
            assertEquals("direct, mapped rows by " + RowCopy.label(), ReadOptions.readPath(direct));
            assertTrue(ReadOptions.readPath(jhdf).startsWith("jhdf"), ReadOptions.readPath(jhdf));
            for (int i = 0; i < cat.size(); i++) {
                assertSameBits(jhdf.read(i), direct.read(i), "cutout " + i);
            }
        }
    }

    @Test
    void corruptOrTruncatedTileFilesAreReportedNotRead() throws IOException {
        SyntheticMosaic source = TestData.mosaic(200, 150, 2);
        Path dir = Stores.write(Strategy.MEMORY_MAPPED_TILED, source, source.catalogue(), CutoutSpec.square(16), tmp.resolve("c"));
        Path file = dir.resolve(TiledStore.PAYLOAD);
        long size = Files.size(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(size - 1);
        }
        StoreException e = assertThrows(StoreException.class, () -> Stores.open(dir));
        assertTrue(e.getMessage().contains("truncated tiled mosaic"), e.getMessage());
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap("NOTATILE".getBytes()), 0);
        }
        e = assertThrows(StoreException.class, () -> Stores.open(dir));
        assertTrue(e.getMessage().contains("bad magic"), e.getMessage());
    }

    @Test
    void mappingOptionsParse() {
        ReadOptions o = ReadOptions.parse("advice=random+hugepage,prefault,nosort,touch,threads=2,nodirect");
        assertEquals(List.of(ReadOptions.Advice.RANDOM, ReadOptions.Advice.HUGEPAGE), o.advice());
        assertTrue(o.prefault() && !o.sort() && o.touch() && !o.direct());
        assertEquals(2, o.batchThreads());
        assertEquals(ReadOptions.baseline(), ReadOptions.parse("baseline"));
        assertThrows(IllegalArgumentException.class, () -> ReadOptions.parse("fast"));
    }

    // ---- above 2 GiB: a sparse row-major mosaic, batch gather, and its tiled conversion ----

    static final int W = 24_000;
    static final int H = 24_000;
    static final int PATCH = 300;

    static float pixel(int x, int y) {
        return x >= W - PATCH && y >= H - PATCH ? (x - (W - PATCH)) * 1000f + (y - (H - PATCH)) + 0.5f : 0f;
    }

    @Test
    void batchGatherAndTilesAbove2GiB() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("big"));
        byte[] header = NpyHeader.encode(H, W);
        assertTrue(4L * W * H > (1L << 31));
        try (FileChannel ch = FileChannel.open(dir.resolve("mosaic.npy"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.SPARSE)) {
            ch.write(ByteBuffer.wrap(header));
            ByteBuffer row = ByteBuffer.allocate(4 * PATCH).order(ByteOrder.LITTLE_ENDIAN);
            for (int y = H - PATCH; y < H; y++) {
                row.clear();
                for (int x = W - PATCH; x < W; x++) {
                    row.putFloat(pixel(x, y));
                }
                row.flip();
                ch.write(row, header.length + 4L * ((long) y * W + (W - PATCH)));
            }
        }
        SplittableRandom r = new SplittableRandom(1);
        int n = 400;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            boolean corner = i % 2 == 0;
            x[i] = corner ? r.nextDouble(W - PATCH - 40, W + 40) : r.nextDouble(-40, W + 40);
            y[i] = corner ? r.nextDouble(H - PATCH - 40, H + 40) : r.nextDouble(-40, H + 40);
        }
        Catalogue cat = new Catalogue(x, y, new double[n], new double[n], new int[n]);
        CutoutSpec spec = new CutoutSpec(63, 64, EdgePolicy.PAD, Float.NaN);
        LargeMosaicTest.StoreFixture.writeSidecars(dir, cat, W, H, spec);
        Path tiled = TileConverter.convert(dir, tmp.resolve("big-tiled"));
        assertTrue(Files.size(tiled.resolve(TiledStore.PAYLOAD)) > (1L << 31), "the tile file is above 2 GiB too");
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = (i * 37) % n;
        }
        for (Path d : List.of(dir, tiled)) {
            for (String o : List.of("default", "touch,threads=2", "explicit,cache=1m", "explicit", "explicit,noring")) {
                try (CutoutStore store = Stores.open(d, ReadOptions.parse(o))) {
                    float[] got = new float[n * spec.pixels()];
                    store.readBatch(idx, got);
                    for (int k = 0; k < n; k++) {
                        float[] want = expected(spec, x[idx[k]], y[idx[k]]);
                        assertSameBits(want, Arrays.copyOfRange(got, k * spec.pixels(), (k + 1) * spec.pixels()),
                                d.getFileName() + " " + o + " slot " + k);
                    }
                }
            }
        }
    }

    static float[] expected(CutoutSpec spec, double cx, double cy) {
        Window w = spec.windowAt(cx, cy);
        float[] want = new float[spec.pixels()];
        for (int rr = 0; rr < spec.height(); rr++) {
            for (int cc = 0; cc < spec.width(); cc++) {
                int px = w.x0() + cc;
                int py = w.y0() + rr;
                want[rr * spec.width() + cc] = px < 0 || py < 0 || px >= W || py >= H ? Float.NaN : pixel(px, py);
            }
        }
        return want;
    }
}
