package org.cutouts.fits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.cutouts.io.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The FITS cases of the reliability issue: a StoreException naming the file, never a hang or an OOM. */
class FitsReliabilityTest {
    @TempDir
    Path tmp;

    /** A FITS file of headers given as cards (no data units): an empty primary, then one extension. */
    static Path headers(Path file, String... extension) throws IOException {
        StringBuilder sb = new StringBuilder();
        block(sb, "SIMPLE  =                    T", "BITPIX  =                    8", "NAXIS   =                    0",
                "EXTEND  =                    T");
        block(sb, extension);
        Files.write(file, sb.toString().getBytes(StandardCharsets.US_ASCII));
        return file;
    }

    private static void block(StringBuilder sb, String... cards) {
        int start = sb.length();
        for (String c : cards) {
            sb.append(String.format(Locale.ROOT, "%-80s", c));
        }
        sb.append(String.format(Locale.ROOT, "%-80s", "END"));
        while ((sb.length() - start) % 2880 != 0) {
            sb.append(' ');
        }
    }

    static void assertRefused(Path f, String problem) {
        StoreException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(StoreException.class, () -> FitsMosaic.open(f)));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    @Test
    void aBintableWithNegativeNaxis1IsRefusedInsteadOfLoopingToOom() throws IOException {
        Path f = headers(tmp.resolve("neg.fits"), "XTENSION= 'BINTABLE'", "BITPIX  =                    8", "NAXIS   =                    2",
                "NAXIS1  =                -5760", "NAXIS2  =                    1", "PCOUNT  =                    0",
                "GCOUNT  =                    1", "TFIELDS =                    0");
        assertRefused(f, "NAXIS1 = -5760 is negative");
    }

    @Test
    void aCompressedImageWithZtile2ZeroIsRefused() throws IOException {
        Path f = headers(tmp.resolve("ztile.fits"), "XTENSION= 'BINTABLE'", "BITPIX  =                    8",
                "NAXIS   =                    2", "NAXIS1  =                    8", "NAXIS2  =                    0",
                "PCOUNT  =                    0", "GCOUNT  =                    1", "TFIELDS =                    1",
                "TFORM1  = '1PB(0)  '", "ZIMAGE  =                    T", "ZBITPIX =                  -32",
                "ZNAXIS  =                    2", "ZNAXIS1 =                   64", "ZNAXIS2 =                   64",
                "ZTILE1  =                   64", "ZTILE2  =                    0", "ZCMPTYPE= 'GZIP_1  '");
        assertRefused(f, "ZTILE2 = 0");
    }

    @Test
    void overflowingNaxisProductsAreAStoreException() throws IOException {
        Path f = headers(tmp.resolve("big.fits"), "XTENSION= 'IMAGE   '", "BITPIX  =                  -32", "NAXIS   =                    3",
                "NAXIS1  =           4294967296", "NAXIS2  =           4294967296", "NAXIS3  =           4294967296",
                "PCOUNT  =                    0", "GCOUNT  =                    1");
        assertRefused(f, "");
    }

    @Test
    void aFifoInPlaceOfTheFitsFileIsRefusedWithoutBlocking() throws Exception {
        Path f = tmp.resolve("pipe.fits");
        assertEquals(0, new ProcessBuilder("mkfifo", f.toString()).inheritIO().start().waitFor());
        assertRefused(f, "not a regular file");
    }

    @Test
    void fitsConvertOverADirectoryThatIsNotAStoreRefusesAndDeletesNothing() throws IOException {
        Path img = tmp.resolve("img.fits");
        org.cutouts.store.AdversarialFits.write(img, 64, 48);
        Path cat = tmp.resolve("cat.csv");
        org.cutouts.data.CatalogueCsv.write(new org.cutouts.data.Catalogue(new double[] {10, 30}, new double[] {10, 20},
                new double[2], new double[2], new int[2]), cat);
        Path mine = Files.createDirectories(tmp.resolve("mydata"));
        Files.writeString(mine.resolve("keep.txt"), "precious");
        assertEquals(2, org.cutouts.cli.Main.run("fits", "convert", img.toString(), "-c", cat.toString(), "-s", "mmap-npy",
                "-o", mine.toString(), "--cutout", "8"));
        assertEquals("precious", Files.readString(mine.resolve("keep.txt")));
    }
}
