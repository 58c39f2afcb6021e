package org.cutouts.fits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.cutouts.data.Catalogue;
import org.cutouts.data.CatalogueCsv;
import org.cutouts.data.InMemoryMosaic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The detector finds real sources, every one a local maximum above threshold, with RA/Dec from the WCS. */
class PeakDetectorTest {
    @TempDir
    Path tmp;

    @Test
    void findsPlantedGaussians() {
        int w = 300;
        int h = 200;
        float[] px = new float[w * h];
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        for (int i = 0; i < px.length; i++) {
            px[i] = (float) (10 + r.nextGaussian());
        }
        int[][] src = {{50, 40}, {120, 150}, {250, 60}, {200, 180}};
        for (int[] s : src) {
            for (int dy = -6; dy <= 6; dy++) {
                for (int dx = -6; dx <= 6; dx++) {
                    px[(s[1] + dy) * w + s[0] + dx] += (float) (100 * Math.exp(-(dx * dx + dy * dy) / (2 * 1.5 * 1.5)));
                }
            }
        }
        Catalogue c = PeakDetector.detect(new InMemoryMosaic(w, h, px), null, DetectionParams.DEFAULT);
        assertEquals(src.length, c.size(), "exactly the planted sources");
        for (int[] s : src) {
            boolean found = false;
            for (int i = 0; i < c.size(); i++) {
                found |= c.x(i) == s[0] && c.y(i) == s[1];
            }
            assertTrue(found, "source at " + s[0] + "," + s[1]);
        }
        for (int i = 0; i < c.size(); i++) {
            assertEquals(1.5, c.sigma(i), 0.3, "width of source " + i);
            assertTrue(c.flux(i) > 100 * 2 * Math.PI * 1.5 * 1.5 * 0.8, "flux of source " + i + " = " + c.flux(i));
            assertEquals(Catalogue.LABEL_SOURCE, c.label(i));
        }
    }

    @Test
    void realHstSourcesWithSkyCoordinatesSurviveCsv() {
        try (FitsMosaic m = FitsMosaic.open(FitsTestData.hst(), "SCI")) {
            DetectionParams p = DetectionParams.DEFAULT.withNsigma(10);
            Catalogue c = PeakDetector.detect(m, p);
            assertTrue(c.size() > 50, "47 Tuc is crowded; found only " + c.size());
            assertTrue(c.hasSkyCoordinates());
            Background bg = Background.of(m);
            float[] row = new float[m.width()];
            for (int i = 0; i < c.size(); i++) {
                int x = (int) c.x(i);
                int y = (int) c.y(i);
                float[] box = m.cutout(x, y, 5, 5);
                float peak = box[12];
                assertTrue(peak > bg.level() + 10 * bg.noise(), "source " + i + " above threshold");
                for (float v : box) {
                    assertTrue(!(v > peak), "source " + i + " is a local maximum");
                }
                double[] pix = m.wcs().worldToPixel(c.ra(i), c.dec(i));
                assertEquals(x, pix[0], 1e-6);
                assertEquals(y, pix[1], 1e-6);
                m.readRows(y, 1, row, 0);
                assertEquals(peak, row[x]);
            }
            Path csv = tmp.resolve("hst.csv");
            CatalogueCsv.write(c, csv);
            assertEquals(c, CatalogueCsv.read(csv));
            Agreement.record("PeakDetector on j8bt06nyq_flt.fits SCI at 10 sigma (background %.4g, noise %.4g): %d sources, all local maxima, "
                    + "RA/Dec -> pixel back to the peak within 1e-6 px, CSV round trip exact", bg.level(), bg.noise(), c.size());
        }
    }
}
