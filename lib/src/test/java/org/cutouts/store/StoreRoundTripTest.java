package org.cutouts.store;

import static org.cutouts.store.TestData.assertSameBits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.cutouts.data.Catalogue;
import org.cutouts.data.InMemoryMosaic;
import org.cutouts.data.SyntheticMosaic;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every strategy returns exactly the direct slice of the in-memory mosaic, edges included. */
class StoreRoundTripTest {
    @TempDir
    Path tmp;

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        int[][] mosaics = {{300, 200}, {173, 311}, {64, 64}, {1000, 37}};
        int[][] cutouts = {{64, 64}, {33, 33}, {16, 24}, {1, 1}};
        for (Strategy s : Strategy.values()) {
            for (int[] m : mosaics) {
                for (int[] c : cutouts) {
                    out.add(Arguments.of(s, m[0], m[1], c[0], c[1]));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} mosaic {1}x{2} cutout {3}x{4}")
    @MethodSource("cases")
    void everyCutoutEqualsTheDirectSlice(Strategy strategy, int mw, int mh, int cw, int ch) {
        SyntheticMosaic source = TestData.mosaic(mw, mh, mw * 31L + mh);
        InMemoryMosaic ref = source.toMemory();
        Catalogue cat = TestData.withEdgeCentres(source);
        CutoutSpec spec = new CutoutSpec(cw, ch, EdgePolicy.PAD, Float.NaN);
        try (CutoutStore store = Stores.writeAndOpen(strategy, source, cat, spec, tmp.resolve("store"))) {
            assertEquals(strategy, store.strategy());
            assertEquals(cat, store.catalogue().head(cat.size()));
            assertEquals(cat.size(), store.size());
            for (int i = 0; i < cat.size(); i++) {
                assertSameBits(TestData.expected(ref, cat, i, spec), store.read(i), strategy + " cutout " + i);
            }
            int[] batch = {cat.size() - 1, 0, 3, cat.size() - 2, 3};
            float[] got = new float[batch.length * spec.pixels()];
            store.readBatch(batch, got);
            for (int k = 0; k < batch.length; k++) {
                float[] one = java.util.Arrays.copyOfRange(got, k * spec.pixels(), (k + 1) * spec.pixels());
                assertSameBits(TestData.expected(ref, cat, batch[k], spec), one, strategy + " batch slot " + k);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void aCustomFillValueIsUsedForPadding(Strategy strategy) {
        SyntheticMosaic source = TestData.mosaic(120, 90, 5);
        InMemoryMosaic ref = source.toMemory();
        Catalogue cat = TestData.withEdgeCentres(source);
        CutoutSpec spec = new CutoutSpec(21, 21, EdgePolicy.PAD, -7.5f);
        try (CutoutStore store = Stores.writeAndOpen(strategy, source, cat, spec, tmp.resolve("fill"))) {
            for (int i = 0; i < cat.size(); i++) {
                assertSameBits(TestData.expected(ref, cat, i, spec), store.read(i), strategy + " cutout " + i);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Strategy.class, names = {"INDIVIDUAL_FILES", "STACKED"}, mode = EnumSource.Mode.EXCLUDE)
    void strictRefusesAWindowOffTheMosaicAndNamesIt(Strategy strategy) {
        SyntheticMosaic source = TestData.mosaic(100, 80, 3);
        Catalogue cat = TestData.withEdgeCentres(source);
        CutoutSpec spec = CutoutSpec.square(32).withEdgePolicy(EdgePolicy.STRICT);
        try (CutoutStore store = Stores.writeAndOpen(strategy, source, cat, spec, tmp.resolve("strict"))) {
            int corner = source.catalogue().size(); // the (0, 0) corner centre
            CutoutOutOfBoundsException e = assertThrows(CutoutOutOfBoundsException.class, () -> store.read(corner));
            assertTrue(e.getMessage().contains("cutout " + corner + " centred at (x=0.0, y=0.0)"), e.getMessage());
            assertTrue(e.getMessage().contains("x[-16, 16) y[-16, 16)"), e.getMessage());
            assertTrue(e.getMessage().contains("mosaic bounds x[0, 100) y[0, 80)"), e.getMessage());
            // windows inside the mosaic still read normally
            InMemoryMosaic ref = source.toMemory();
            int mid = cat.size() - 2; // (w/2 + 0.5, h/2 + 0.5)
            assertSameBits(TestData.expected(ref, cat, mid, spec), store.read(mid), "inside window under STRICT");
        }
    }

    /** The strategies that store pixels per cutout resolve edges when writing. */
    @ParameterizedTest
    @EnumSource(value = Strategy.class, names = {"INDIVIDUAL_FILES", "STACKED"})
    void strictMaterialisedStoresRefuseToWriteAndLeaveNothing(Strategy strategy) {
        SyntheticMosaic source = TestData.mosaic(100, 80, 3);
        Catalogue cat = TestData.withEdgeCentres(source);
        CutoutSpec spec = CutoutSpec.square(32).withEdgePolicy(EdgePolicy.STRICT);
        Path dir = tmp.resolve("strict-files");
        CutoutOutOfBoundsException e = assertThrows(CutoutOutOfBoundsException.class,
                () -> Stores.write(strategy, source, cat, spec, dir));
        assertTrue(e.getMessage().contains("edge policy STRICT"), e.getMessage());
        assertTrue(!java.nio.file.Files.exists(dir), "no store directory after a failed write");
        assertEquals(0, tmp.toFile().list().length, "no temporary directory left behind");
        // with the catalogue restricted to inside windows it writes and reads back
        Catalogue inside = TestData.inside(cat, spec, 100, 80);
        InMemoryMosaic ref = source.toMemory();
        try (CutoutStore store = Stores.writeAndOpen(strategy, source, inside, spec, dir)) {
            for (int i = 0; i < inside.size(); i++) {
                assertSameBits(TestData.expected(ref, inside, i, spec), store.read(i), "cutout " + i);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void concurrentReadersSeeTheSamePixels(Strategy strategy) throws Exception {
        SyntheticMosaic source = TestData.mosaic(400, 300, 8);
        InMemoryMosaic ref = source.toMemory();
        Catalogue cat = TestData.withEdgeCentres(source);
        CutoutSpec spec = CutoutSpec.square(24);
        try (CutoutStore store = Stores.writeAndOpen(strategy, source, cat, spec, tmp.resolve("conc"));
             var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
            List<java.util.concurrent.Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                final int shift = t;
                fs.add(pool.submit(() -> {
                    for (int k = 0; k < 3 * cat.size(); k++) {
                        int i = (k * 7 + shift) % cat.size();
                        assertSameBits(TestData.expected(ref, cat, i, spec), store.read(i), "cutout " + i);
                    }
                }));
            }
            for (var f : fs) {
                f.get();
            }
        }
    }
}
