package org.cutouts.fits;

import org.cutouts.store.Npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance against astropy on real telescope images: cutouts by RA/Dec equal
 * {@code Cutout2D(mode='partial', fill_value=nan)} pixel for pixel (NaN == NaN), and world-to-pixel
 * agrees with {@code all_world2pix} to better than 1e-6 pixel.
 */
class FitsAstropyAcceptanceTest {
    @TempDir
    Path tmp;

    /**
     * Random sky positions whose pixel centres lie in [-margin, size + margin): many windows overlap
     * an edge, none misses the image (astropy raises NoOverlapError there; we return all fill).
     */
    private static double[][] randomSky(FitsMosaic m, int n, double margin, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] pos = new double[n][];
        for (int i = 0; i < n; i++) {
            double x = -margin + r.nextDouble() * (m.width() + 2 * margin);
            double y = -margin + r.nextDouble() * (m.height() + 2 * margin);
            if (i < 4) { // always include the four corners' neighbourhoods
                x = (i % 2 == 0) ? -3.3 : m.width() + 2.7;
                y = (i < 2) ? -1.3 : m.height() - 0.7; // not x.5: c - n/2 on an integer is a tie for ceil
            }
            pos[i] = m.wcs().pixelToWorld(x, y);
        }
        return pos;
    }

    private void compareSkyCutouts(Path file, String[] bands, int ny, int nx, int n, long seed) {
        try (FitsMosaic m = FitsMosaic.open(file, bands)) {
            double[][] sky = randomSky(m, n, Math.min(nx, ny) / 2.0 - 1, seed);
            Npy.NpyArray ref = new AstropyReference(tmp).cutouts(file, bands, sky, true, ny, nx);
            assertArrayEquals(new long[] {n, bands.length, ny, nx}, ref.shape());
            int per = bands.length * ny * nx;
            long pixels = 0;
            long nans = 0;
            int partial = 0;
            for (int i = 0; i < n; i++) {
                float[] ours = m.cutoutSkyAllBands(FitsMosaic.partial(nx, ny), sky[i][0], sky[i][1], PositionFrame.NATIVE);
                int nanHere = 0;
                for (int k = 0; k < per; k++) {
                    float a = ours[k];
                    float b = ref.data()[i * per + k];
                    if (!Agreement.same(a, b)) {
                        int band = k / (ny * nx);
                        int row = (k % (ny * nx)) / nx;
                        int col = k % nx;
                        fail(file.getFileName() + " cutout " + i + " at RA/Dec (" + sky[i][0] + ", " + sky[i][1]
                                + ") band " + bands[band] + " [" + row + "," + col + "]: ours " + a + ", astropy " + b);
                    }
                    if (Float.isNaN(a)) {
                        nanHere++;
                    }
                }
                pixels += per;
                nans += nanHere;
                if (nanHere > 0) {
                    partial++;
                }
            }
            assertTrue(partial >= 4, "expected several cutouts overlapping the edge, got " + partial);
            Agreement.record("%s bands %s: %d RA/Dec cutouts of %dx%d (%d partly outside the image), %d pixels: "
                    + "identical to astropy Cutout2D(mode='partial', fill_value=nan), 0 differing pixels (%d NaN-filled)",
                    file.getFileName(), String.join("/", bands), n, nx, ny, partial, pixels, nans);
        }
    }

    @Test
    void hstSciErrDqCutoutsEqualAstropy() {
        Path f = FitsTestData.hst();
        compareSkyCutouts(f, new String[] {"SCI", "ERR", "DQ"}, 33, 33, 60, 7);
        compareSkyCutouts(f, new String[] {"SCI", "ERR", "DQ"}, 64, 48, 60, 8);
    }

    @Test
    void isaacCutoutsEqualAstropy() {
        Path f = FitsTestData.isaac();
        compareSkyCutouts(f, new String[] {"0"}, 64, 64, 80, 11);
        compareSkyCutouts(f, new String[] {"0"}, 25, 40, 80, 12);
    }

    @Test
    void drizzledImageWithIntegerContextBandEqualsAstropy() {
        compareSkyCutouts(FitsTestData.drizzled(), new String[] {"SCI", "WHT", "CTX"}, 32, 32, 40, 13);
    }

    @Test
    void notInt32WithBzeroCutoutsEqualAstropy() {
        compareSkyCutouts(FitsTestData.notFits(), new String[] {"im1"}, 51, 51, 40, 14);
    }

    @Test
    void arcsecSizesFollowAstropy() {
        Path f = FitsTestData.hst();
        String[] bands = {"SCI"};
        try (FitsMosaic m = FitsMosaic.open(f, bands)) {
            double[][] sky = randomSky(m, 20, 20, 21);
            double hArcsec = 1.3;
            double wArcsec = 1.3;
            int[] size = m.pixelSize(wArcsec, hArcsec);
            Npy.NpyArray ref = new AstropyReference(tmp).cutoutsArcsec(f, bands, sky, hArcsec, wArcsec);
            assertEquals(size[1], ref.shape()[2], "height in pixels");
            assertEquals(size[0], ref.shape()[3], "width in pixels");
            int per = size[0] * size[1];
            for (int i = 0; i < sky.length; i++) {
                double[] icrs = m.frame().toIcrs(sky[i][0], sky[i][1]); // the reference takes them in the image's frame
                float[] ours = m.cutoutSkyArcsec(icrs[0], icrs[1], wArcsec, hArcsec);
                for (int k = 0; k < per; k++) {
                    assertTrue(Agreement.same(ours[k], ref.data()[i * per + k]), "cutout " + i + " pixel " + k);
                }
            }
        }
    }

    private void compareWorldToPixel(Path file, String band, long seed) {
        try (FitsMosaic m = FitsMosaic.open(file, band)) {
            CelestialWcs wcs = m.wcs();
            SplittableRandom r = new SplittableRandom(seed);
            int n = 2000;
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = -0.5 * m.width() + r.nextDouble() * 2 * m.width();
                y[i] = -0.5 * m.height() + r.nextDouble() * 2 * m.height();
            }
            double[][] sky = wcs.pixelToWorld(x, y);
            AstropyReference ref = new AstropyReference(tmp);
            double[][] astro = ref.world2pix(file, band, sky[0], sky[1], null);
            double[][] ours = wcs.worldToPixel(sky[0], sky[1]);
            double maxPix = 0;
            double maxRound = 0;
            for (int i = 0; i < n; i++) {
                maxPix = Math.max(maxPix, Math.max(Math.abs(ours[0][i] - astro[0][i]), Math.abs(ours[1][i] - astro[1][i])));
                maxRound = Math.max(maxRound, Math.max(Math.abs(ours[0][i] - x[i]), Math.abs(ours[1][i] - y[i])));
            }
            double[][] astroSky = ref.pix2world(file, band, x, y);
            double maxSky = 0;
            for (int i = 0; i < n; i++) {
                double dRa = Math.abs(sky[0][i] - astroSky[0][i]);
                dRa = Math.min(dRa, 360 - dRa) * Math.cos(Math.toRadians(sky[1][i]));
                maxSky = Math.max(maxSky, Math.max(dRa, Math.abs(sky[1][i] - astroSky[1][i])) * 3600);
            }
            assertTrue(maxPix < 1e-6, file.getFileName() + ": max |world->pixel - astropy| = " + maxPix + " px");
            assertTrue(maxSky < 1e-6, file.getFileName() + ": max |pixel->world - astropy| = " + maxSky + " arcsec");
            Agreement.record("%s %s (%s): %d positions over twice the image area: max |ours - all_world2pix| = %.2e px, "
                    + "max |ours - all_pix2world| = %.2e arcsec, round trip max %.2e px",
                    file.getFileName(), band, wcs, n, maxPix, maxSky, maxRound);
        }
    }

    @Test
    void worldToPixelAgreesWithAstropyOnHst() {
        compareWorldToPixel(FitsTestData.hst(), "SCI", 1);
    }

    @Test
    void worldToPixelAgreesWithAstropyOnIsaacFlippedCd() {
        compareWorldToPixel(FitsTestData.isaac(), "0", 2);
    }

    @Test
    void worldToPixelAgreesWithAstropyOnNot() {
        compareWorldToPixel(FitsTestData.notFits(), "im1", 3);
    }

    @Test
    void worldToPixelAgreesWithAstropyOnDrizzled() {
        compareWorldToPixel(FitsTestData.drizzled(), "SCI", 4);
    }

    @Test
    void worldToPixelAgreesWithAstropyOnRiceSinProjection() {
        compareWorldToPixel(FitsTestData.rice(), "1", 5);
    }

    @Test
    void riceCompressedImageEqualsAstropy() {
        Path f = FitsTestData.rice();
        try (FitsMosaic m = FitsMosaic.open(f)) {
            assertEquals(1, m.bandCount());
            assertEquals(440, m.width());
            assertEquals(300, m.height());
            Npy.NpyArray ref = new AstropyReference(tmp).read(f, 1);
            assertArrayEquals(new long[] {300, 440}, ref.shape());
            float[] all = new float[440 * 300];
            m.readRows(0, 300, all, 0);
            for (int i = 0; i < all.length; i++) {
                assertTrue(Agreement.same(all[i], ref.data()[i]), "pixel " + i + ": ours " + all[i] + ", astropy " + ref.data()[i]);
            }
        }
        compareSkyCutouts(f, new String[] {"1"}, 31, 31, 30, 15);
        Agreement.record("comp.fits (Rice, NGC 1316, 440x300 int16): whole image identical to astropy, %d pixels", 440 * 300);
    }

    @Test
    void wholeImagesReadAsAstropyReadsThem() {
        AstropyReference ref = new AstropyReference(tmp);
        Object[][] cases = {{FitsTestData.hst(), "DQ"}, {FitsTestData.notFits(), "im1"}, {FitsTestData.drizzled(), "CTX"},
            {FitsTestData.isaac(), "0"}};
        for (Object[] c : cases) {
            Path f = (Path) c[0];
            try (FitsMosaic m = FitsMosaic.open(f, (String) c[1])) {
                Npy.NpyArray a = ref.read(f, c[1]);
                float[] all = org.cutouts.data.InMemoryMosaic.copyOf(m).pixels();
                assertEquals(a.data().length, all.length);
                for (int i = 0; i < all.length; i++) {
                    if (!Agreement.same(all[i], a.data()[i])) {
                        fail(f.getFileName() + " " + c[1] + " pixel " + i + ": ours " + all[i] + ", astropy " + a.data()[i]);
                    }
                }
                Agreement.record("%s %s (BITPIX %d): whole %dx%d image identical to astropy's data as float32",
                        f.getFileName(), c[1], m.fitsBand(0).hdu().bitpixCode(), m.width(), m.height());
            }
        }
    }
}
