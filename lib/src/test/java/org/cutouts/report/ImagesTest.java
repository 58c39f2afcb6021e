package org.cutouts.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagesTest {

    static float[][] noiseWithSource(int w, int h, long seed) {
        Random rnd = new Random(seed);
        float[][] img = new float[h][w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double dx = x - w / 2.0;
                double dy = y - h / 2.0;
                img[y][x] = (float) (rnd.nextGaussian() + 500 * Math.exp(-(dx * dx + dy * dy) / 8));
            }
        }
        return img;
    }

    static int grey(BufferedImage im, int x, int y) {
        return im.getRGB(x, y) & 0xff;
    }

    @Test
    void stretchIsMonotonicAndClipped() {
        AsinhStretch s = new AsinhStretch(0, 100, 1);
        assertEquals(0, s.apply(-5));
        assertEquals(1, s.apply(1e6));
        assertTrue(s.apply(1) < s.apply(10) && s.apply(10) < s.apply(50));
        assertTrue(Double.isNaN(s.apply(Float.NaN)));
        assertThrows(IllegalArgumentException.class, () -> new AsinhStretch(1, 1, 1));
    }

    @Test
    void autoStretchShowsSkyDarkAndSourceBright() {
        float[][] img = noiseWithSource(64, 64, 1);
        BufferedImage im = Images.asinh(img);
        assertEquals(64, im.getWidth());
        assertTrue(grey(im, 32, 32) > 240, "source centre should be near white");
        assertTrue(grey(im, 2, 2) < 80, "sky should be dark");
    }

    @Test
    void nanPixelsGetTheirOwnColour() {
        float[][] img = noiseWithSource(16, 16, 2);
        img[0][0] = Float.NaN;
        BufferedImage im = Images.asinh(img);
        assertEquals(Images.NOT_FINITE.getRGB() & 0xffffff, im.getRGB(0, 0) & 0xffffff);
    }

    @Test
    void pngRoundTrips() throws Exception {
        byte[] png = Images.asinhPng(noiseWithSource(40, 30, 3));
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(png, 4));
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(40, back.getWidth());
        assertEquals(30, back.getHeight());
    }

    @Test
    void galleryLaysOutAGrid() {
        List<float[][]> stamps = List.of(noiseWithSource(8, 8, 1), noiseWithSource(8, 8, 2), noiseWithSource(8, 8, 3),
                noiseWithSource(8, 8, 4), noiseWithSource(8, 8, 5));
        BufferedImage g = Images.gallery(stamps, 3, 2);
        assertEquals(3 * 16 + 4 * 2, g.getWidth());
        assertEquals(2 * 16 + 3 * 2, g.getHeight());
        // the gap is white, the empty sixth slot too
        assertEquals(0xffffff, g.getRGB(0, 0) & 0xffffff);
        assertEquals(0xffffff, g.getRGB(g.getWidth() - 3, g.getHeight() - 3) & 0xffffff);
        assertThrows(IllegalArgumentException.class, () -> Images.gallery(List.of(), 3));
        assertThrows(IllegalArgumentException.class,
                () -> Images.gallery(List.of(noiseWithSource(8, 8, 1), noiseWithSource(9, 8, 1)), 2));
    }

    @Test
    void downsampleAveragesBlocksIgnoringNaN() {
        float[] px = {1, 3, 5, 7,
                      1, 3, Float.NaN, 7,
                      0, 0, 0, 0,
                      0, 0, 0, 4};
        float[][] d = Images.downsample(px, 4, 4, 2);
        assertEquals(2, d.length);
        assertEquals(2, d[0].length);
        assertEquals(2f, d[0][0]);
        assertEquals(19f / 3, d[0][1], 1e-6);
        assertEquals(1f, d[1][1]);
    }

    @Test
    void markSourcesDrawsOnACopy() {
        BufferedImage base = Images.asinh(noiseWithSource(64, 64, 4));
        BufferedImage marked = Images.markSources(base, new double[] {10}, new double[] {10}, 1.0, 5);
        assertNotEquals(base.getRGB(15, 10), marked.getRGB(15, 10));
        assertEquals(base.getRGB(40, 50), marked.getRGB(40, 50));
    }

    @Test
    void htmlIsAnInlineDataUrl() {
        Html h = Images.html(Images.asinh(noiseWithSource(8, 8, 5)), "a \"quoted\" <alt>");
        assertTrue(h.html().contains("src=\"data:image/png;base64,"), h.html());
        assertTrue(h.html().contains("alt=\"a &quot;quoted&quot; &lt;alt&gt;\""), h.html());
    }

    @Test
    void saveWritesAReadablePng(@TempDir Path dir) throws Exception {
        Path f = Images.save(Images.asinh(noiseWithSource(8, 8, 6)), dir.resolve("sub/x.png"));
        assertTrue(Files.size(f) > 0);
        assertEquals(8, ImageIO.read(f.toFile()).getWidth());
        try (var s = Files.list(f.getParent())) {
            assertEquals(1, s.count(), "no temporary file left behind");
        }
    }
}
