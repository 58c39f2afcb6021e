package org.cutouts.fits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WCS header variants (PC + CDELT, CROTA2, SIP, swapped axes, pole) against astropy on small synthetic files. */
class CelestialWcsTest {
    @TempDir
    Path tmp;

    private void agreesWithAstropy(String name, TestFits header, double tolerancePx) throws IOException {
        int w = 1000;
        int h = 800;
        Path f = header.data(TestFits.floats(new float[4])).write(tmp.resolve(name + ".fits"));
        // a 2x2 data unit keeps the file small; the WCS is exercised over a 1000x800 pixel field
        CelestialWcs wcs = WcsReader.read(f, FitsScanner.scan(f).get(0));
        SplittableRandom r = new SplittableRandom(name.hashCode());
        int n = 500;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextDouble() * w - 100;
            y[i] = r.nextDouble() * h - 100;
        }
        double[][] sky = wcs.pixelToWorld(x, y);
        AstropyReference ref = new AstropyReference(tmp);
        // astropy takes and returns world coordinates in axis order: (dec, ra) when CTYPE1 is DEC
        boolean decFirst = name.equals("dec-first");
        double[][] astro = decFirst ? ref.world2pix(FitsTestData.require(f), 0, sky[1], sky[0], 1e-12)
                : ref.world2pix(FitsTestData.require(f), 0, sky[0], sky[1], 1e-12);
        double[][] ours = wcs.worldToPixel(sky[0], sky[1]);
        double[][] astroSky = ref.pix2world(f, 0, x, y);
        if (decFirst) {
            astroSky = new double[][] {astroSky[1], astroSky[0]};
        }
        double maxPix = 0;
        double maxSky = 0;
        double maxRound = 0;
        for (int i = 0; i < n; i++) {
            maxPix = Math.max(maxPix, Math.max(Math.abs(ours[0][i] - astro[0][i]), Math.abs(ours[1][i] - astro[1][i])));
            maxRound = Math.max(maxRound, Math.max(Math.abs(ours[0][i] - x[i]), Math.abs(ours[1][i] - y[i])));
            double dRa = Math.abs(sky[0][i] - astroSky[0][i]);
            dRa = Math.min(dRa, 360 - dRa) * Math.cos(Math.toRadians(sky[1][i]));
            maxSky = Math.max(maxSky, Math.max(dRa, Math.abs(sky[1][i] - astroSky[1][i])) * 3600);
        }
        assertTrue(maxPix < tolerancePx, name + ": world->pixel differs from astropy by " + maxPix + " px");
        assertTrue(maxSky < 1e-6, name + ": pixel->world differs from astropy by " + maxSky + " arcsec");
        assertTrue(maxRound < 1e-8, name + ": round trip off by " + maxRound + " px");
        Agreement.record("synthetic %s (%s): %d positions: max |ours - all_world2pix| = %.2e px, max |ours - all_pix2world| = %.2e arcsec",
                name, wcs, n, maxPix, maxSky);
    }

    private static TestFits base(String ctype1, String ctype2) {
        return TestFits.primary(-32, 2, 2).card("CTYPE1", ctype1).card("CTYPE2", ctype2)
                .card("CRPIX1", 500.5).card("CRPIX2", 400.25).card("CRVAL1", 150.1).card("CRVAL2", 2.2);
    }

    @Test
    void pcTimesCdelt() throws IOException {
        agreesWithAstropy("pc-cdelt", base("RA---TAN", "DEC--TAN").card("CDELT1", -5e-5).card("CDELT2", 5e-5)
                .card("PC1_1", 0.9).card("PC1_2", -0.43589).card("PC2_1", 0.43589).card("PC2_2", 0.9), 1e-6);
    }

    @Test
    void cdeltWithCrota2() throws IOException {
        agreesWithAstropy("crota2", base("RA---TAN", "DEC--TAN").card("CDELT1", -1e-4).card("CDELT2", 1e-4)
                .card("CROTA2", 33.0), 1e-6);
    }

    @Test
    void sipDistortion() throws IOException {
        agreesWithAstropy("sip", base("RA---TAN-SIP", "DEC--TAN-SIP").card("CD1_1", -1.4e-5).card("CD1_2", 2e-6)
                .card("CD2_1", 2.1e-6).card("CD2_2", 1.4e-5)
                .card("A_ORDER", 3).card("A_2_0", 2.5e-6).card("A_1_1", -1.1e-6).card("A_0_2", 7e-7).card("A_3_0", 1e-10)
                .card("B_ORDER", 3).card("B_2_0", -9e-7).card("B_1_1", 1.8e-6).card("B_0_2", -3e-6).card("B_0_3", -2e-10), 1e-6);
    }

    @Test
    void swappedAxesDecFirst() throws IOException {
        agreesWithAstropy("dec-first", TestFits.primary(-32, 2, 2).card("CTYPE1", "DEC--TAN").card("CTYPE2", "RA---TAN")
                .card("CRPIX1", 300.0).card("CRPIX2", 200.0).card("CRVAL1", -45.0).card("CRVAL2", 20.0)
                .card("CD1_1", 0.0).card("CD1_2", 1e-4).card("CD2_1", 1e-4).card("CD2_2", 0.0), 1e-6);
    }

    @Test
    void nearThePoleAndAcrossRaZero() throws IOException {
        agreesWithAstropy("pole", TestFits.primary(-32, 2, 2).card("CTYPE1", "RA---TAN").card("CTYPE2", "DEC--TAN")
                .card("CRPIX1", 500.0).card("CRPIX2", 400.0).card("CRVAL1", 0.01).card("CRVAL2", 89.9)
                .card("CD1_1", -1e-4).card("CD1_2", 0.0).card("CD2_1", 0.0).card("CD2_2", 1e-4), 1e-6);
    }

    @Test
    void roundTripAndReferencePoint() {
        CelestialWcs wcs = new CelestialWcs(Projection.TAN, 10, 20, 30, -40, new double[] {-1e-4, 0, 0, 1e-4}, Double.NaN, false, null);
        double[] p = wcs.worldToPixel(30, -40);
        assertEquals(9.0, p[0], 1e-12);
        assertEquals(19.0, p[1], 1e-12);
        double[] s = wcs.pixelToWorld(9, 19);
        assertEquals(30.0, s[0], 1e-12);
        assertEquals(-40.0, s[1], 1e-12);
        // the far hemisphere is not on a TAN projection
        double[] far = wcs.worldToPixel(210, 40);
        assertTrue(Double.isNaN(far[0]) && Double.isNaN(far[1]));
    }
}
