package org.cutouts.fits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cutouts.io.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FitsCloseAndChecksumTest {
    /** astropy's test file with CHECKSUM/DATASUM cards (python3-astropy, installed by the test command). */
    static final Path ASTROPY_CHECKSUM = Path.of("/usr/lib/python3/dist-packages/astropy/io/fits/tests/data/checksum.fits");

    @TempDir
    Path tmp;

    private Path image() throws Exception {
        return TestFits.primary(-32, 8, 6).data(TestFits.floats(new float[48])).write(tmp.resolve("img.fits"));
    }

    @Test
    void readsAfterCloseFailNamingTheFileAndASecondCloseIsHarmless() throws Exception {
        Path f = image();
        FitsMosaic m = FitsMosaic.open(f);
        assertEquals(16, m.cutout(3, 3, 4, 4).length);
        m.close();
        m.close();
        var e = assertThrows(StoreException.class, () -> m.cutout(3, 3, 4, 4));
        assertTrue(e.getMessage().startsWith(f + ": ") && e.getMessage().contains("closed"), e.getMessage());
        var r = assertThrows(StoreException.class, () -> m.readRows(0, 1, new float[8], 0));
        assertTrue(r.getMessage().startsWith(f.toString()), r.getMessage());
    }

    @Test
    void aFileWithoutChecksumsSaysSoInsteadOfPassing() throws Exception {
        FitsIntegrity i = FitsIntegrity.verify(image());
        assertFalse(i.ok());
        assertTrue(i.problem().isEmpty());
        assertTrue(i.toString().contains("no FITS checksums recorded"), i.toString());
    }

    @Test
    void astropysChecksumFileVerifiesAndAFlippedDataByteIsCaught() throws Exception {
        assumeTrue(Files.isRegularFile(ASTROPY_CHECKSUM), "python3-astropy's checksum.fits is not installed");
        FitsIntegrity good = FitsIntegrity.verify(ASTROPY_CHECKSUM);
        assertTrue(good.ok(), good.toString());
        Path bad = Files.copy(ASTROPY_CHECKSUM, tmp.resolve("checksum-flipped.fits"));
        long dataByte = 2880 * 2 + 100; // inside the first data unit after a two-block header at most
        var hdus = FitsScanner.scan(bad);
        for (FitsHdu h : hdus) {
            if (h.width() > 0 && h.height() > 0) {
                dataByte = h.dataOffset() + 10;
                break;
            }
        }
        try (RandomAccessFile raf = new RandomAccessFile(bad.toFile(), "rw")) {
            raf.seek(dataByte);
            int b = raf.read();
            raf.seek(dataByte);
            raf.write(b ^ 0x10);
        }
        FitsIntegrity flipped = FitsIntegrity.verify(bad);
        assertFalse(flipped.ok(), flipped.toString());
        assertFalse(flipped.problem().isEmpty());
    }
}
