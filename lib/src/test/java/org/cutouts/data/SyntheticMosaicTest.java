package org.cutouts.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SyntheticMosaicTest {

    private static float[] generate(MosaicSpec spec, int strip) {
        SyntheticMosaic m = new SyntheticMosaic(spec);
        float[] px = new float[spec.width() * spec.height()];
        for (int y = 0; y < spec.height(); y += strip) {
            int n = Math.min(strip, spec.height() - y);
            m.readRows(y, n, px, y * spec.width());
        }
        return px;
    }

    @Test
    void sameSeedGivesSameBitsWhateverTheStripSize() {
        MosaicSpec spec = MosaicSpec.of(301, 173, 40, 11);
        float[] whole = generate(spec, spec.height());
        assertArrayEquals(whole, generate(spec, 1));
        assertArrayEquals(whole, generate(spec, 7));
        assertArrayEquals(whole, generate(spec, 64));
    }

    @Test
    void differentSeedsGiveDifferentMosaicsAndCatalogues() {
        MosaicSpec a = MosaicSpec.of(128, 96, 10, 1);
        assertFalse(Arrays.equals(generate(a, 96), generate(a.withSeed(2), 96)));
        assertFalse(new SyntheticMosaic(a).catalogue().equals(new SyntheticMosaic(a.withSeed(2)).catalogue()));
        assertEquals(new SyntheticMosaic(a).catalogue(), new SyntheticMosaic(a.withSeed(1)).catalogue());
    }

    @Test
    void sourcesAddTheirFluxAboveTheNoise() {
        MosaicSpec spec = MosaicSpec.of(200, 200, 5, 3);
        SyntheticMosaic m = new SyntheticMosaic(spec);
        InMemoryMosaic img = m.toMemory();
        MosaicSpec noiseOnly = spec.withSources(0);
        InMemoryMosaic bg = new SyntheticMosaic(noiseOnly).toMemory();
        Catalogue c = m.catalogue();
        for (int i = 0; i < c.size(); i++) {
            // the sum over a 5-sigma box recovers the total flux, within noise and the box's truncation
            double s = c.sigma(i);
            int r = (int) Math.ceil(5 * s);
            double sum = 0;
            int cx = (int) Math.round(c.x(i));
            int cy = (int) Math.round(c.y(i));
            for (int y = cy - r; y <= cy + r; y++) {
                for (int x = cx - r; x <= cx + r; x++) {
                    if (x >= 0 && y >= 0 && x < 200 && y < 200) {
                        sum += img.get(x, y) - bg.get(x, y);
                    }
                }
            }
            boolean interior = cx - r >= 0 && cy - r >= 0 && cx + r < 200 && cy + r < 200;
            if (interior) {
                assertEquals(c.flux(i), sum, 0.02 * c.flux(i) + 1e-3, "flux of source " + i);
            }
            assertTrue(sum > 0, "source " + i + " adds flux");
        }
    }

    @Test
    void noiseHasTheRequestedSpread() {
        InMemoryMosaic bg = new SyntheticMosaic(MosaicSpec.of(300, 300, 0, 5)).toMemory();
        double mean = 0;
        double sq = 0;
        for (float v : bg.pixels()) {
            mean += v;
            sq += v * v;
        }
        int n = bg.pixels().length;
        mean /= n;
        double sd = Math.sqrt(sq / n - mean * mean);
        assertEquals(0.0, mean, 0.02);
        assertEquals(1.0, sd, 0.02);
    }

    @Test
    void negativesKeepTheirDistanceFromSources() {
        SyntheticMosaic m = new SyntheticMosaic(MosaicSpec.of(500, 400, 50, 9));
        Catalogue c = Catalogues.withNegatives(m, 60, 15, 4);
        assertEquals(110, c.size());
        for (int k = 50; k < 110; k++) {
            assertEquals(Catalogue.LABEL_NEGATIVE, c.label(k));
            for (int i = 0; i < 50; i++) {
                double d = Math.hypot(c.x(k) - c.x(i), c.y(k) - c.y(i));
                assertTrue(d >= 15, "negative " + k + " is " + d + " px from source " + i);
            }
        }
        assertEquals(c, Catalogues.withNegatives(m, 60, 15, 4));
    }

    @Test
    void uniformCatalogueCoversTheMosaic() {
        Catalogue c = Catalogues.uniform(1000, 500, 2000, 1);
        assertEquals(2000, c.size());
        for (int i = 0; i < c.size(); i++) {
            assertTrue(c.x(i) >= -0.5 && c.x(i) < 999.5 && c.y(i) >= -0.5 && c.y(i) < 499.5);
        }
    }
}
