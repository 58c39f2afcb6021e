package org.cutouts.fits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cutouts.io.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken FITS input fails with a StoreException whose message starts with the file, then the problem. */
class FitsBadInputTest {
    @TempDir
    Path tmp;

    private static StoreException failsOpening(Path f) {
        return assertThrows(StoreException.class, () -> {
            try (FitsMosaic m = FitsMosaic.open(f)) {
                m.cutout(1, 1, 3, 3);
            }
        });
    }

    private static void assertMessage(StoreException e, Path f, String... fragments) {
        assertTrue(e.getMessage().startsWith(f + ": "), "message should start with the path: " + e.getMessage());
        assertEquals(f, e.file());
        for (String s : fragments) {
            assertTrue(e.getMessage().contains(s), "message should mention '" + s + "': " + e.getMessage());
        }
    }

    @Test
    void missingEndCardInSingleHdu() throws IOException {
        Path f = TestFits.primary(-32, 4, 4).data(TestFits.floats(new float[16]), false).write(tmp.resolve("noend.fits"));
        assertMessage(failsOpening(f), f, "HDU 0", "no END card");
    }

    @Test
    void missingEndCardBeforeAnExtension() throws IOException {
        Path f = tmp.resolve("noend-mef.fits");
        // primary header without END, immediately followed by an extension header
        TestFits t = TestFits.emptyPrimary();
        byte[] primary = String.format("%-80s%-80s%-80s%-80s", "SIMPLE  =                    T", "BITPIX  =                    8",
                "NAXIS   =                    0", "EXTEND  =                    T").getBytes();
        byte[] block = new byte[2880];
        java.util.Arrays.fill(block, (byte) ' ');
        System.arraycopy(primary, 0, block, 0, primary.length);
        Path ext = TestFits.primary(-32, 2, 2).data(TestFits.floats(new float[4])).write(tmp.resolve("ext.fits"));
        byte[] e = Files.readAllBytes(ext);
        System.arraycopy("XTENSION= 'IMAGE   '          ".getBytes(), 0, e, 0, 30);
        byte[] all = new byte[block.length + e.length];
        System.arraycopy(block, 0, all, 0, block.length);
        System.arraycopy(e, 0, all, block.length, e.length);
        Files.write(f, all);
        assertMessage(failsOpening(f), f, "HDU 0", "no END card", "next header begins at byte 2880");
        assertTrue(t != null);
    }

    @Test
    void truncatedDataUnit() throws IOException {
        Path full = TestFits.primary(-32, 100, 100).data(TestFits.floats(new float[10000])).write(tmp.resolve("full.fits"));
        Path f = tmp.resolve("truncated.fits");
        byte[] b = Files.readAllBytes(full);
        Files.write(f, java.util.Arrays.copyOf(b, 2880 + 20000));
        assertMessage(failsOpening(f), f, "HDU 0", "data unit is truncated", "need 40000 bytes", "ends after 20000");
    }

    @Test
    void truncatedHeader() throws IOException {
        Path full = TestFits.primary(-32, 2, 2).data(TestFits.floats(new float[4])).write(tmp.resolve("h.fits"));
        Path f = tmp.resolve("truncated-header.fits");
        Files.write(f, java.util.Arrays.copyOf(Files.readAllBytes(full), 2880 + 2000));
        Files.write(f, java.util.Arrays.copyOf(Files.readAllBytes(full), 1000));
        assertMessage(failsOpening(f), f, "not a FITS file");
    }

    @Test
    void unsupportedBitpix() throws IOException {
        Path f = TestFits.primary(24, 2, 2).data(java.nio.ByteBuffer.allocate(12)).write(tmp.resolve("bitpix24.fits"));
        assertMessage(failsOpening(f), f, "HDU 0", "BITPIX 24 is not supported", "-32");
    }

    @Test
    void headerWithoutCelestialWcs() throws IOException {
        Path f = TestFits.primary(-32, 4, 4).data(TestFits.floats(new float[16])).write(tmp.resolve("nowcs.fits"));
        try (FitsMosaic m = FitsMosaic.open(f)) {
            assertEquals(16, m.cutout(1.5, 1.5, 4, 4).length); // pixel cutouts still work
            assertTrue(!m.hasWcs());
            assertMessage(assertThrows(StoreException.class, m::wcs), f, "HDU 0", "no celestial WCS", "CTYPE1/CTYPE2 are missing");
            assertMessage(assertThrows(StoreException.class, () -> m.cutoutSky(10, 20, 3, 3)), f, "no celestial WCS");
        }
    }

    @Test
    void linearNonCelestialWcsIsNamed() throws IOException {
        Path f = TestFits.primary(-32, 4, 4).card("CTYPE1", "LINEAR").card("CTYPE2", "WAVE")
                .data(TestFits.floats(new float[16])).write(tmp.resolve("linear.fits"));
        try (FitsMosaic m = FitsMosaic.open(f)) {
            assertMessage(assertThrows(StoreException.class, m::wcs), f, "no celestial WCS", "'LINEAR'");
        }
    }

    @Test
    void unsupportedProjectionIsNamed() throws IOException {
        Path f = TestFits.primary(-32, 4, 4).card("CTYPE1", "RA---ZPN").card("CTYPE2", "DEC--ZPN")
                .card("CRPIX1", 1.0).card("CRPIX2", 1.0).card("CRVAL1", 1.0).card("CRVAL2", 1.0)
                .data(TestFits.floats(new float[16])).write(tmp.resolve("zpn.fits"));
        try (FitsMosaic m = FitsMosaic.open(f)) {
            assertMessage(assertThrows(StoreException.class, m::wcs), f, "projection 'ZPN'", "not supported");
        }
    }

    @Test
    void notFitsAtAll() throws IOException {
        Path f = tmp.resolve("text.fits");
        Files.writeString(f, "hello world\n".repeat(400));
        assertMessage(failsOpening(f), f, "not a FITS file");
    }

    @Test
    void missingFile() {
        Path f = tmp.resolve("absent.fits");
        assertMessage(failsOpening(f), f, "no such file");
    }

    @Test
    void unknownBandName() throws IOException {
        Path f = TestFits.primary(-32, 4, 4).data(TestFits.floats(new float[16])).write(tmp.resolve("one.fits"));
        StoreException e = assertThrows(StoreException.class, () -> FitsMosaic.open(f, "SCI"));
        assertMessage(e, f, "no HDU named 'SCI'");
    }

    @Test
    void noImageAnywhere() throws IOException {
        Path f = TestFits.emptyPrimary().write(tmp.resolve("empty.fits"));
        assertMessage(failsOpening(f), f, "no 2-D image");
    }
}
