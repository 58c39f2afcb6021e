package org.cutouts.fits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.cutouts.data.Catalogue;
import org.cutouts.data.InMemoryMosaic;
import org.cutouts.io.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The detector with a data-quality band, read from FITS bytes: flagged pixels are never sources,
 * saturated stars are skipped, one star found twice is merged, and a cap says that it cut.
 */
class DetectionQualityTest {
    private static final int W = 64;
    private static final int H = 48;
    private static final DetectionParams PARAMS = DetectionParams.DEFAULT.withNsigma(5);

    @TempDir
    Path tmp;

    /** SCI: noise, a star at (20,20), a hot pixel at (40,10), a saturated star at (45,35), a double peak at (10,38)+(13,38). */
    private Path image() throws IOException {
        float[] sci = new float[W * H];
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < sci.length; i++) {
            sci[i] = (float) (10 + r.nextGaussian());
        }
        star(sci, 20, 20, 200, 1.2);
        sci[10 * W + 40] = 5000;
        star(sci, 45, 35, 3000, 1.2);
        star(sci, 10, 38, 300, 0.6);
        star(sci, 13, 38, 250, 0.6);
        short[] dq = new short[W * H];
        dq[10 * W + 40] = 16; // hot pixel
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                dq[(35 + dy) * W + 45 + dx] = 256; // full-well saturation
            }
        }
        return TestFits.emptyPrimary()
                .extension(-32, W, H).card("EXTNAME", "SCI").data(TestFits.floats(sci))
                .extension(16, W, H).card("EXTNAME", "DQ").data(TestFits.shorts(dq))
                .write(tmp.resolve("sci-dq.fits"));
    }

    private static void star(float[] px, int x0, int y0, double amplitude, double sigma) {
        for (int dy = -6; dy <= 6; dy++) {
            for (int dx = -6; dx <= 6; dx++) {
                px[(y0 + dy) * W + x0 + dx] += (float) (amplitude * Math.exp(-(dx * dx + dy * dy) / (2 * sigma * sigma)));
            }
        }
    }

    private static boolean has(Catalogue c, int x, int y) {
        for (int i = 0; i < c.size(); i++) {
            if (c.x(i) == x && c.y(i) == y) {
                return true;
            }
        }
        return false;
    }

    @Test
    void withoutTheDqBandTheHotPixelAndTheSaturatedStarAreSources() throws IOException {
        try (FitsMosaic fits = FitsMosaic.open(image())) {
            Detections d = PeakDetector.find(fits, PARAMS, null);
            assertTrue(has(d.catalogue(), 40, 10), "the hot pixel passes as a star without the mask");
            assertTrue(has(d.catalogue(), 45, 35), "the saturated star is kept without the mask");
            assertEquals(0, d.maskedPixels());
            assertEquals(0, d.saturated());
        }
    }

    @Test
    void aFlaggedPixelIsNeverASourceAndASaturatedStarIsSkipped() throws IOException {
        try (FitsMosaic fits = FitsMosaic.open(image())) {
            Detections d = PeakDetector.find(fits, PARAMS, DataQuality.hstBand(fits, "DQ"));
            Catalogue c = d.catalogue();
            assertFalse(has(c, 40, 10), "the DQ-flagged hot pixel is excluded");
            for (int i = 0; i < c.size(); i++) {
                assertTrue(Math.hypot(c.x(i) - 45, c.y(i) - 35) > 6, "nothing of the saturated star is kept: " + c.x(i) + "," + c.y(i));
            }
            assertTrue(has(c, 20, 20), "the clean star is kept");
            assertEquals(10, d.maskedPixels(), "1 hot + 9 saturated pixels");
            assertTrue(d.saturated() >= 1, "peaks around the masked saturated core are counted as saturated");
        }
    }

    @Test
    void twoPeaksWithinTheMergeRadiusBecomeOneTheBrighter() throws IOException {
        try (FitsMosaic fits = FitsMosaic.open(image())) {
            DataQuality dq = DataQuality.hstBand(fits, "DQ");
            Detections apart = PeakDetector.find(fits, PARAMS.withMergeRadius(0), dq);
            assertTrue(has(apart.catalogue(), 10, 38) && has(apart.catalogue(), 13, 38), "two peaks 3 px apart");
            assertEquals(0, apart.merged());
            Detections merged = PeakDetector.find(fits, PARAMS.withMergeRadius(4), dq);
            assertTrue(has(merged.catalogue(), 10, 38), "the brighter peak stays");
            assertFalse(has(merged.catalogue(), 13, 38), "the fainter peak 3 px away is merged into it");
            assertEquals(1, merged.merged());
            assertEquals(apart.catalogue().size() - 1, merged.catalogue().size());
        }
    }

    @Test
    void theCapIsReportedWhenItCuts() throws IOException {
        try (FitsMosaic fits = FitsMosaic.open(image())) {
            DataQuality dq = DataQuality.hstBand(fits, "DQ");
            int all = PeakDetector.find(fits, PARAMS, dq).catalogue().size();
            Detections capped = PeakDetector.find(fits, PARAMS.withMaxSources(1), dq);
            assertEquals(1, capped.catalogue().size());
            assertEquals(all, capped.candidates());
            assertTrue(capped.capReached());
            assertEquals("1 of " + all + " candidates (cap reached)", capped.count());
            assertTrue(capped.summary().startsWith("1 of " + all + " candidates (cap reached) at 5 sigma"), capped.summary());
            Detections roomy = PeakDetector.find(fits, PARAMS.withMaxSources(all), dq);
            assertFalse(roomy.capReached());
            assertEquals(all + " sources", roomy.count());
        }
    }

    @Test
    void aMissingOrMisfittingDqBandNamesTheFile() throws IOException {
        Path file = image();
        try (FitsMosaic fits = FitsMosaic.open(file)) {
            var missing = assertThrows(StoreException.class, () -> DataQuality.hstBand(fits, "QUALITY"));
            assertTrue(missing.getMessage().startsWith(file.toString()) && missing.getMessage().contains("QUALITY"), missing.getMessage());
            var small = DataQuality.hst(new InMemoryMosaic(2, 2, new float[4]));
            var misfit = assertThrows(StoreException.class, () -> PeakDetector.find(fits, PARAMS, small));
            assertTrue(misfit.getMessage().startsWith(file.toString()) && misfit.getMessage().contains("2 x 2"), misfit.getMessage());
        }
    }

    @Test
    void onTheRealHstImageNoKeptSourceTouchesAFlaggedOrSaturatedPixel() {
        try (FitsMosaic fits = FitsMosaic.open(FitsTestData.hst())) {
            DataQuality dq = DataQuality.hstBand(fits, "DQ");
            Detections d = PeakDetector.find(fits, DetectionParams.DEFAULT.withNsigma(10).withMaxSources(1000), dq);
            float[] flags = new float[fits.width() * fits.height()];
            dq.flags().readRows(0, fits.height(), flags, 0);
            long flagged = 0;
            for (float f : flags) {
                flagged += f != 0 ? 1 : 0;
            }
            assertEquals(flagged, d.maskedPixels(), "every flagged pixel of the DQ extension is masked");
            assertTrue(d.saturated() > 0, "47 Tuc has saturated stars");
            Catalogue c = d.catalogue();
            for (int i = 0; i < c.size(); i++) {
                int x = (int) c.x(i);
                int y = (int) c.y(i);
                assertEquals(0f, flags[y * fits.width() + x], "source " + i + " peaks on a flagged pixel");
                for (int yy = Math.max(0, y - 3); yy <= Math.min(fits.height() - 1, y + 3); yy++) {
                    for (int xx = Math.max(0, x - 3); xx <= Math.min(fits.width() - 1, x + 3); xx++) {
                        assertFalse(dq.saturated(flags[yy * fits.width() + xx]), "source " + i + " touches a saturated pixel");
                    }
                }
                for (int j = 0; j < i; j++) {
                    assertTrue(Math.hypot(c.x(i) - c.x(j), c.y(i) - c.y(j)) >= 4, "sources " + j + " and " + i + " are one star");
                }
            }
            Agreement.record("PeakDetector with the DQ band of j8bt06nyq_flt.fits at 10 sigma: %s", d.summary());
        }
    }
}
