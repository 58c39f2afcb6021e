package org.cutouts.survey;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import nom.tam.fits.Fits;
import nom.tam.fits.Header;
import nom.tam.fits.ImageHDU;
import org.cutouts.data.Catalogue;
import org.cutouts.fits.FitsMosaic;
import org.cutouts.store.CutoutSpec;
import org.cutouts.store.Strategy;
import org.cutouts.store.WriteProgress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real FITS files (written by nom-tam-fits, with TAN WCS headers) as survey tiles. */
class FitsSurveyTest {
    @TempDir
    Path tmp;

    /** A 120x100 float image whose pixel (x, y) holds 1000 * seed + 10 * y + x / 100, north up at (ra, dec). */
    private Path tile(String name, double ra, double dec, int seed) throws Exception {
        float[][] px = new float[100][120];
        for (int y = 0; y < 100; y++) {
            for (int x = 0; x < 120; x++) {
                px[y][x] = 1000f * seed + 10f * y + x / 100f;
            }
        }
        ImageHDU hdu = (ImageHDU) Fits.makeHDU(px);
        Header h = hdu.getHeader();
        h.addValue("CTYPE1", "RA---TAN", null);
        h.addValue("CTYPE2", "DEC--TAN", null);
        h.addValue("CRVAL1", ra, null);
        h.addValue("CRVAL2", dec, null);
        h.addValue("CRPIX1", 60.5, null);
        h.addValue("CRPIX2", 50.5, null);
        h.addValue("CD1_1", -1e-4, null);
        h.addValue("CD1_2", 0.0, null);
        h.addValue("CD2_1", 0.0, null);
        h.addValue("CD2_2", 1e-4, null);
        Path file = tmp.resolve(name);
        try (Fits f = new Fits()) {
            f.addHDU(hdu);
            f.write(file.toFile());
        }
        return file;
    }

    @Test
    void fitsTilesAssignSourcesThroughTheirHeadersWcs() throws Exception {
        Path a = tile("a.fits", 150.0, 2.0, 1);
        Path b = tile("b.fits", 150.0 - 0.008, 2.0, 2); // 80 px east of a's centre: they overlap by 40 px
        double[] ra = {150.0, 150.0 - 0.0085};
        double[] dec = {2.0, 2.001};
        Catalogue sky = new Catalogue(new double[2], new double[2], new double[2], new double[2], new int[2], ra, dec);
        CutoutSpec spec = CutoutSpec.square(16);
        Path dir = FitsSurvey.write(List.of(a, b), sky, Strategy.MEMORY_MAPPED, spec, tmp.resolve("survey"), WriteProgress.NONE);
        try (SurveyStore s = SurveyStore.open(dir); FitsMosaic fb = FitsMosaic.open(b)) {
            assertEquals("a", s.tiles().get(s.tileOf(0)).name());
            assertEquals("b", s.tiles().get(s.tileOf(1)).name());
            double[] pb = fb.pixelOf(ra[1], dec[1]);
            assertArrayEquals(fb.cutout(spec, 1, pb[0], pb[1]), s.read(1), "the cutout is the FITS tile's own pixels");
        }
    }
}
