package org.cutouts.fits;

import org.cutouts.store.Npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cutouts.cli.FitsCommand;
import org.cutouts.data.Catalogue;
import org.cutouts.data.CatalogueCsv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code cutouts fits ...} end to end on the ISAAC image. */
class FitsCommandTest {
    @TempDir
    Path tmp;

    private static int run(String... args) {
        return new CommandLine(new FitsCommand()).execute(args);
    }

    @Test
    void helpListsTheSubcommands() {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, run("--help"));
        } finally {
            System.setOut(old);
        }
        String help = buf.toString(StandardCharsets.UTF_8);
        for (String s : new String[] {"info", "detect", "cutout", "convert"}) {
            assertTrue(help.contains(s), "help mentions " + s + ":\n" + help);
        }
    }

    @Test
    void detectThenCutByRaDec() {
        Path fits = FitsTestData.isaac();
        Path csv = tmp.resolve("isaac.csv");
        assertEquals(0, run("detect", fits.toString(), "-o", csv.toString(), "--nsigma", "8", "--max", "40"));
        Catalogue c = CatalogueCsv.read(csv);
        assertTrue(c.size() > 5 && c.size() <= 40, "sources: " + c.size());
        assertTrue(c.hasSkyCoordinates());
        Path npy = tmp.resolve("one.npy");
        assertEquals(0, run("cutout", fits.toString(), "--ra", Double.toString(c.ra(0)), "--dec", Double.toString(c.dec(0)),
                "--size", "21", "-o", npy.toString()));
        Npy.NpyArray a = Npy.readArray(npy);
        assertArrayEquals(new long[] {1, 21, 21}, a.shape());
        try (FitsMosaic m = FitsMosaic.open(fits)) {
            assertArrayEquals(m.cutout(c.x(0), c.y(0), 21, 21), a.data());
        }
        assertEquals(0, run("info", fits.toString()));
    }

    @Test
    void infoPrintsTheFrameAndNativeTakesTheImagesOwnCoordinates() throws Exception {
        Path fits = FitsTestData.rice(); // EQUINOX 1950, no RADESYS: FK4
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, run("info", fits.toString()));
        } finally {
            System.setOut(old);
        }
        assertTrue(buf.toString(StandardCharsets.UTF_8).contains("frame: FK4 (equinox B1950.0, with E-terms)"), buf.toString());
        Path icrs = tmp.resolve("icrs.npy");
        Path own = tmp.resolve("own.npy");
        try (FitsMosaic m = FitsMosaic.open(fits)) {
            double[] fk4 = m.wcs().pixelToWorld(200.3, 150.2);
            double[] sky = m.frame().toIcrs(fk4[0], fk4[1]);
            assertEquals(0, run("cutout", fits.toString(), "--ra", Double.toString(sky[0]), "--dec", Double.toString(sky[1]),
                    "--size", "9", "-o", icrs.toString()));
            assertEquals(0, run("cutout", fits.toString(), "--ra", Double.toString(fk4[0]), "--dec", Double.toString(fk4[1]),
                    "--native", "--size", "9", "-o", own.toString()));
            float[] expected = m.cutout(200.3, 150.2, 9, 9);
            assertArrayEquals(expected, Npy.readArray(icrs).data());
            assertArrayEquals(expected, Npy.readArray(own).data());
        }
    }

    @Test
    void convertIntoAStore() throws Exception {
        Path fits = FitsTestData.isaac();
        Path csv = tmp.resolve("isaac.csv");
        assertEquals(0, run("detect", fits.toString(), "-o", csv.toString(), "--max", "25"));
        Path store = tmp.resolve("store");
        int rc = run("convert", fits.toString(), "-c", csv.toString(), "-s", "mmap-npy", "-o", store.toString(), "--cutout", "32");
        assertEquals(0, rc);
        assertTrue(Files.isDirectory(store));
    }

    @Test
    void convertFromSkyPlacesTheCatalogueByItsRaDec() {
        Path fits = FitsTestData.isaac();
        Path csv = tmp.resolve("isaac.csv");
        assertEquals(0, run("detect", fits.toString(), "-o", csv.toString(), "--max", "25"));
        Catalogue found = CatalogueCsv.read(csv);
        // an external catalogue: right RA/Dec, pixel columns of some other image
        Path moved = tmp.resolve("moved.csv");
        double[] x = found.xs().clone();
        double[] y = found.ys().clone();
        for (int i = 0; i < x.length; i++) {
            x[i] += 100;
            y[i] -= 50;
        }
        CatalogueCsv.write(new Catalogue(x, y, found.fluxes(), found.sigmas(), found.labels(), found.ras(), found.decs()), moved);
        Path store = tmp.resolve("store");
        assertEquals(0, run("convert", fits.toString(), "-c", moved.toString(), "--from-sky", "-s", "mmap-npy", "-o", store.toString(),
                "--cutout", "16"));
        try (var s = org.cutouts.store.Stores.open(store)) {
            assertTrue(SkyCatalogue.largestShift(found, s.catalogue()) < 1e-6, "the store's centres are the detected peaks again");
        }
    }
}
