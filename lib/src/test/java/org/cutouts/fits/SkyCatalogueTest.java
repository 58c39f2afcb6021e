package org.cutouts.fits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.cutouts.data.Catalogue;
import org.cutouts.data.CatalogueCsv;
import org.cutouts.io.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An RA/Dec catalogue placed on the real HST image lands on the detected peaks; one without sky positions is refused naming the image. */
class SkyCatalogueTest {
    @TempDir
    Path tmp;

    @Test
    void detectedSourcesReadBackFromCsvLandOnTheirPeaks() {
        try (FitsMosaic m = FitsMosaic.open(FitsTestData.hst())) {
            Catalogue found = PeakDetector.detect(m, DetectionParams.DEFAULT.withNsigma(10).withMaxSources(200));
            Path csv = tmp.resolve("catalogue.csv");
            CatalogueCsv.write(found, csv);
            Catalogue fromCsv = CatalogueCsv.read(csv);
            Catalogue placed = SkyCatalogue.onImage(fromCsv, m, PositionFrame.ICRS);
            assertEquals(found.size(), placed.size());
            double shift = SkyCatalogue.largestShift(fromCsv, placed);
            assertTrue(shift < 1e-6, "RA/Dec -> pixel lands on the detected peak within 1e-6 px, not " + shift);
            assertTrue(shift > 0 || placed.x(0) == fromCsv.x(0), "x and y are recomputed");
            assertArrayEquals(fromCsv.ras(), placed.ras());
            assertArrayEquals(fromCsv.fluxes(), placed.fluxes());
        }
    }

    @Test
    void aCatalogueWithoutSkyPositionsIsRefusedNamingTheImage() {
        try (FitsMosaic m = FitsMosaic.open(FitsTestData.hst())) {
            Catalogue pixelsOnly = new Catalogue(new double[] {1}, new double[] {2}, new double[] {3}, new double[] {1}, new int[] {1});
            StoreException e = assertThrows(StoreException.class, () -> SkyCatalogue.onImage(pixelsOnly, m, PositionFrame.ICRS));
            assertTrue(e.getMessage().startsWith(FitsTestData.HST.toString()) && e.getMessage().contains("no ra and dec"), e.getMessage());
        }
    }
}
