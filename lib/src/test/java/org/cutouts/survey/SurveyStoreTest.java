package org.cutouts.survey;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cutouts.data.Catalogue;
import org.cutouts.data.MosaicSpec;
import org.cutouts.data.SyntheticMosaic;
import org.cutouts.fits.CelestialWcs;
import org.cutouts.io.AtomicFiles;
import org.cutouts.store.CutoutSpec;
import org.cutouts.io.StoreException;
import org.cutouts.store.Strategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SurveyStoreTest {
    /** 2x2 tiles of 200 px overlapping by 48: tile origins at 0 and 152 along each axis. */
    static final SurveySpec SPEC = SurveySpec.of(2, 2, 200, 48, 30, 7);
    static final CutoutSpec CUT = CutoutSpec.square(32);

    @TempDir
    Path tmp;

    /** The synthetic survey's tiles with a hand-made catalogue at global pixel positions. */
    private static SurveyInput withSources(double[] gx, double[] gy) {
        SurveyInput base = SyntheticSurvey.of(SPEC);
        CelestialWcs area = SyntheticSurvey.areaWcs(SPEC).toCelestial();
        double[][] radec = area.pixelToWorld(gx, gy);
        int n = gx.length;
        Catalogue sky = new Catalogue(gx, gy, new double[n], new double[n], new int[n], radec[0], radec[1]);
        return new SurveyInput(base.tiles(), sky, "hand-made");
    }

    /** The stamp at global pixel position (gx, gy) read straight from the synthetic sky. */
    private static float[] skyStamp(double gx, double gy) {
        SyntheticMosaic sky = new SyntheticMosaic(MosaicSpec.of(SPEC.areaWidth(), SPEC.areaHeight(), SPEC.sources(), SPEC.seed()));
        var w = CUT.windowAt(gx, gy);
        float[] rows = new float[CUT.height() * sky.width()];
        sky.readRows(w.y0(), CUT.height(), rows, 0);
        float[] out = new float[CUT.pixels()];
        for (int r = 0; r < CUT.height(); r++) {
            System.arraycopy(rows, r * sky.width() + w.x0(), out, r * CUT.width(), CUT.width());
        }
        return out;
    }

    @Test
    void sourceOnATileBorderGetsItsWholeCutoutFromTheTileThatHoldsIt() {
        // x = 190.3 is 10 px inside tile (0,0)'s right border: its 32 px window crosses that border,
        // but sits wholly inside tile (0,1), which starts at 152.
        double[] gx = {190.3, 60.2};
        double[] gy = {80.7, 60.4};
        Path dir = SurveyWriter.write(withSources(gx, gy), Strategy.MEMORY_MAPPED, CUT, tmp.resolve("s"));
        try (SurveyStore s = SurveyStore.open(dir)) {
            assertEquals("tile-00-01", s.tiles().get(s.tileOf(0)).name());
            assertEquals("tile-00-00", s.tiles().get(s.tileOf(1)).name());
            for (int i = 0; i < 2; i++) {
                float[] stamp = s.read(i);
                for (float v : stamp) {
                    assertFalse(Float.isNaN(v), "a border source must get its full cutout");
                }
                assertArrayEquals(skyStamp(gx[i], gy[i]), stamp, "pixels of source " + i);
            }
            assertEquals(190.3 - 152, s.catalogue().x(0), 1e-6);
        }
    }

    @Test
    void aSourceNoTileHoldsWholeFollowsTheEdgePolicy() {
        double[] gx = {3.2};
        double[] gy = {100.6};
        Path dir = SurveyWriter.write(withSources(gx, gy), Strategy.MEMORY_MAPPED_TILED, CUT, tmp.resolve("pad"));
        try (SurveyStore s = SurveyStore.open(dir)) {
            float[] stamp = s.read(0);
            assertTrue(Float.isNaN(stamp[0]), "padded on the left");
            assertFalse(Float.isNaN(stamp[CUT.width() - 1]));
        }
        Path strict = SurveyWriter.write(withSources(gx, gy), Strategy.MEMORY_MAPPED, CUT.withEdgePolicy(org.cutouts.store.EdgePolicy.STRICT), tmp.resolve("strict"));
        try (SurveyStore s = SurveyStore.open(strict)) {
            assertThrows(org.cutouts.store.CutoutOutOfBoundsException.class, () -> s.read(0));
        }
    }

    @Test
    void syntheticSurveyAssignsEverySourceAndReadsLikeAnyStore() {
        Path dir = SurveyWriter.write(SyntheticSurvey.of(SPEC), Strategy.MEMORY_MAPPED_TILED, CUT, tmp.resolve("syn"));
        try (SurveyStore s = SurveyStore.open(dir)) {
            assertEquals(SPEC.sources(), s.size());
            assertEquals(4, s.tiles().size());
            int[] counts = s.tileCounts();
            assertEquals(SPEC.sources(), java.util.Arrays.stream(counts).sum());
            List<CutoutMeasurement> all = SurveyLoop.measureAll(s, 16);
            assertEquals(s.size(), all.size());
            int[] ids = {5, 17, 3};
            float[] batch = new float[3 * CUT.pixels()];
            s.readBatch(ids, batch);
            assertArrayEquals(s.read(17), java.util.Arrays.copyOfRange(batch, CUT.pixels(), 2 * CUT.pixels()));
            // the tile footprints are real sky polygons around the tangent point
            double[][] fp = s.tiles().get(0).footprint();
            assertEquals(5, fp[0].length);
            assertEquals(SPEC.dec(), fp[1][0], 0.01);
        }
    }

    @Test
    void aMissingTileIsAnErrorNamingTheTileAndTheSource() throws Exception {
        Path dir = SurveyWriter.write(SyntheticSurvey.of(SPEC), Strategy.MEMORY_MAPPED, CUT, tmp.resolve("miss"));
        Path tile = dir.resolve("tiles/tile-01-00");
        AtomicFiles.deleteRecursively(tile);
        try (SurveyStore s = SurveyStore.open(dir)) {
            int victim = -1;
            for (int i = 0; i < s.size() && victim < 0; i++) {
                victim = s.tileOf(i) == 2 ? i : -1;
            }
            int v = victim;
            StoreException e = assertThrows(StoreException.class, () -> s.read(v));
            assertTrue(e.getMessage().startsWith(tile.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("source " + v + " "), e.getMessage());
        }
        Files.writeString(dir.resolve(SurveyManifest.FILE_NAME), "{ broken");
        StoreException e = assertThrows(StoreException.class, () -> SurveyStore.open(dir));
        assertTrue(e.getMessage().startsWith(dir.resolve(SurveyManifest.FILE_NAME).toString()), e.getMessage());
    }
}
