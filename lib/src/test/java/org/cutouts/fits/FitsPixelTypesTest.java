package org.cutouts.fits;

import org.cutouts.store.Npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BITPIX 8/16/32/-32/-64 with BSCALE, BZERO and BLANK, checked by hand and against astropy. */
class FitsPixelTypesTest {
    @TempDir
    Path tmp;

    private static float[] all(FitsMosaic m) {
        float[] px = new float[m.width() * m.height()];
        m.readRows(0, m.height(), px, 0);
        return px;
    }

    private void assertSameAsAstropy(Path f, float[] ours) {
        Npy.NpyArray a = new AstropyReference(tmp).read(FitsTestData.require(f), 0);
        assertEquals(a.data().length, ours.length);
        for (int i = 0; i < ours.length; i++) {
            assertTrue(Agreement.same(ours[i], a.data()[i]), f.getFileName() + " pixel " + i + ": ours " + ours[i] + ", astropy " + a.data()[i]);
        }
    }

    @Test
    void int16WithScaleZeroAndBlank() throws IOException {
        Path f = TestFits.primary(16, 3, 2).card("BSCALE", 0.1).card("BZERO", 1000.0).card("BLANK", -32768)
                .data(TestFits.shorts((short) 0, (short) 1, (short) -32768, (short) 32767, (short) -5, (short) 7))
                .write(tmp.resolve("i16.fits"));
        try (FitsMosaic m = FitsMosaic.open(f)) {
            float[] px = all(m);
            float s = 0.1f;
            float z = 1000f;
            assertArrayEquals(new float[] {0f * s + z, 1f * s + z, Float.NaN, 32767f * s + z, -5f * s + z, 7f * s + z}, px);
            assertSameAsAstropy(f, px);
        }
    }

    @Test
    void uint16ViaBzero32768() throws IOException {
        Path f = TestFits.primary(16, 2, 2).card("BZERO", 32768.0)
                .data(TestFits.shorts((short) -32768, (short) 0, (short) 32767, (short) -1)).write(tmp.resolve("u16.fits"));
        try (FitsMosaic m = FitsMosaic.open(f)) {
            assertArrayEquals(new float[] {0, 32768, 65535, 32767}, all(m));
            assertSameAsAstropy(f, all(m));
        }
    }

    @Test
    void int32WithBzeroAndBlank() throws IOException {
        Path f = TestFits.primary(32, 2, 2).card("BZERO", 2147483648.0).card("BLANK", -2147483648)
                .data(TestFits.ints(Integer.MIN_VALUE, -2147483647, 0, 123456789)).write(tmp.resolve("i32.fits"));
        try (FitsMosaic m = FitsMosaic.open(f)) {
            float[] px = all(m);
            assertTrue(Float.isNaN(px[0]));
            assertEquals(1f, px[1]);
            assertEquals((float) 2147483648.0, px[2]);
            assertEquals((float) (123456789 + 2147483648.0), px[3]);
            assertSameAsAstropy(f, px);
        }
    }

    @Test
    void int32ScaledInDoubleLikeAstropy() throws IOException {
        Path f = TestFits.primary(32, 2, 1).card("BSCALE", 1e-3).card("BZERO", -5.0)
                .data(TestFits.ints(123456789, -7)).write(tmp.resolve("i32s.fits"));
        try (FitsMosaic m = FitsMosaic.open(f)) {
            float[] px = all(m);
            assertEquals((float) (123456789 * 1e-3 - 5.0), px[0]);
            assertSameAsAstropy(f, px);
        }
    }

    @Test
    void float64WithScaling() throws IOException {
        Path f = TestFits.primary(-64, 2, 2).card("BSCALE", 2.0).card("BZERO", 0.5)
                .data(TestFits.doubles(1.25, Double.NaN, -3.0e10, 1e-40)).write(tmp.resolve("f64.fits"));
        try (FitsMosaic m = FitsMosaic.open(f)) {
            float[] px = all(m);
            assertEquals(3.0f, px[0]);
            assertTrue(Float.isNaN(px[1]));
            assertEquals((float) (-6.0e10 + 0.5), px[2]);
            assertEquals(0.5f, px[3]);
            assertSameAsAstropy(f, px);
        }
    }

    @Test
    void float64Plain() throws IOException {
        Path f = TestFits.primary(-64, 2, 1).data(TestFits.doubles(Math.PI, -1e300)).write(tmp.resolve("f64p.fits"));
        try (FitsMosaic m = FitsMosaic.open(f)) {
            assertArrayEquals(new float[] {(float) Math.PI, Float.NEGATIVE_INFINITY}, all(m));
            assertSameAsAstropy(f, all(m));
        }
    }

    @Test
    void float32IgnoresBlankAndKeepsNaN() throws IOException {
        Path f = TestFits.primary(-32, 3, 1).card("BLANK", 0)
                .data(TestFits.floats(0f, Float.NaN, -2.5f)).write(tmp.resolve("f32.fits"));
        try (FitsMosaic m = FitsMosaic.open(f)) {
            float[] px = all(m);
            assertEquals(0f, px[0]);
            assertTrue(Float.isNaN(px[1]));
            assertEquals(-2.5f, px[2]);
        }
    }

    @Test
    void uint8WithScale() throws IOException {
        ByteBuffer b = ByteBuffer.wrap(new byte[] {0, (byte) 255, 10, (byte) 128});
        Path f = TestFits.primary(8, 2, 2).card("BSCALE", 0.5).card("BLANK", 10).data(b).write(tmp.resolve("u8.fits"));
        try (FitsMosaic m = FitsMosaic.open(f)) {
            float[] px = all(m);
            assertEquals(0f, px[0]);
            assertEquals(127.5f, px[1]);
            assertTrue(Float.isNaN(px[2]));
            assertEquals(64f, px[3]);
            assertSameAsAstropy(f, px);
        }
    }

    @Test
    void multiExtensionBandsAndPaddedCutouts() throws IOException {
        float[] sci = new float[20];
        short[] dq = new short[20];
        for (int i = 0; i < 20; i++) {
            sci[i] = i;
            dq[i] = (short) (100 + i);
        }
        Path f = TestFits.emptyPrimary()
                .extension(-32, 5, 4).card("EXTNAME", "SCI").data(TestFits.floats(sci))
                .extension(16, 5, 4).card("EXTNAME", "DQ").data(TestFits.shorts(dq))
                .extension(-32, 3, 3).card("EXTNAME", "OTHER").data(TestFits.floats(new float[9]))
                .write(tmp.resolve("mef.fits"));
        try (FitsMosaic m = FitsMosaic.open(f)) {
            assertEquals(java.util.List.of("SCI", "DQ"), m.bandNames());
            // 3x3 around (0, 0): first row and column outside
            float[] c = m.cutoutAllBands(0, 0, 3, 3);
            float nan = Float.NaN;
            assertArrayEquals(new float[] {nan, nan, nan, nan, 0, 1, nan, 5, 6,
                nan, nan, nan, nan, 100, 101, nan, 105, 106}, c);
            // even size: centre pixel at index n/2 (astropy), window origin ceil(c - n/2)
            assertArrayEquals(new float[] {6, 7, 11, 12}, m.cutout(2, 2, 2, 2));
            assertArrayEquals(new float[] {12, 13, 17, 18}, m.cutout(2.6, 2.6, 2, 2));
            // wholly outside: all fill
            float[] out = m.cutout(0, 100, 100, 2, 2, -1f);
            assertArrayEquals(new float[] {-1, -1, -1, -1}, out);
            assertEquals(5, m.band(1).width());
        }
        try (FitsMosaic m = FitsMosaic.open(f, "dq", "1")) {
            assertEquals(java.util.List.of("DQ", "SCI"), m.bandNames());
        }
    }

    @Test
    void filesAboveTwoGibibytesAreMapped() throws IOException {
        int w = 40000;
        int h = 14000; // 2.24e9 bytes of float32, written sparse
        Path f = TestFits.primary(-32, w, h).card("BZERO", 0.0).write(tmp.resolve("big-header.fits"));
        Path big = tmp.resolve("big.fits");
        java.nio.file.Files.copy(f, big);
        long data = 2880;
        long bytes = 4L * w * h;
        try (RandomAccessFile raf = new RandomAccessFile(big.toFile(), "rw")) {
            raf.setLength(data + FitsScanner.padded(bytes));
            // pixel (x, y) = (w - 2, h - 1), beyond 2^31 bytes
            raf.seek(data + 4L * ((long) (h - 1) * w + (w - 2)));
            raf.writeFloat(42.5f);
            raf.seek(data + 4L * ((long) (h - 2) * w + (w - 1)));
            raf.writeFloat(-7f);
        }
        assertTrue(data + bytes > (1L << 31));
        try (FitsMosaic m = FitsMosaic.open(big)) {
            float[] c = m.cutout(w - 1, h - 1, 3, 3);
            float nan = Float.NaN;
            assertArrayEquals(new float[] {0, -7, nan, 42.5f, 0, nan, nan, nan, nan}, c);
        } finally {
            java.nio.file.Files.deleteIfExists(big);
        }
    }
}
