package org.cutouts.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.cutouts.io.AtomicFiles;

/**
 * Pictures of pixel data with plain Java (ImageIO, no native code): asinh-stretched grey images of
 * cutouts and mosaics, galleries of cutouts, sources marked with circles, PNG bytes and files, and
 * inline {@code <img src="data:image/png;base64,...">} HTML.
 *
 * <p>Arrays are {@code [row][column]} = {@code [y][x]}, numpy's {@code image[y, x]}; row 0 is drawn at
 * the top, as matplotlib's {@code imshow} does by default. Non-finite pixels (NaN padding of cutouts
 * that leave the mosaic) are drawn in a dark blue so they are not mistaken for sky.
 */
public final class Images {
    /** The colour of NaN / infinite pixels. */
    public static final Color NOT_FINITE = new Color(20, 30, 90);

    private Images() {
    }

    /** An asinh-stretched grey image with an automatic stretch ({@link AsinhStretch#auto(float[][])}). */
    public static BufferedImage asinh(float[][] image) {
        return asinh(image, AsinhStretch.auto(image));
    }

    /** An asinh-stretched grey image (RGB, so that NaN pixels can be coloured). */
    public static BufferedImage asinh(float[][] image, AsinhStretch stretch) {
        int h = image.length;
        int w = h == 0 ? 0 : image[0].length;
        if (w == 0 || h == 0) {
            throw new IllegalArgumentException("empty image");
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            if (image[y].length != w) {
                throw new IllegalArgumentException("ragged image: row " + y + " has " + image[y].length + " pixels, row 0 has " + w);
            }
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, rgb(stretch.apply(image[y][x])));
            }
        }
        return out;
    }

    /** As {@link #asinh(float[][])} for a row-major array of {@code width * height} pixels. */
    public static BufferedImage asinh(float[] pixels, int width, int height) {
        return asinh(pixels, width, height, AsinhStretch.auto(pixels));
    }

    public static BufferedImage asinh(float[] pixels, int width, int height, AsinhStretch stretch) {
        if ((long) width * height != pixels.length) {
            throw new IllegalArgumentException(pixels.length + " pixels do not make a " + width + "x" + height + " image");
        }
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                out.setRGB(x, y, rgb(stretch.apply(pixels[y * width + x])));
            }
        }
        return out;
    }

    /** PNG bytes of an asinh-stretched image. */
    public static byte[] asinhPng(float[][] image) {
        return png(asinh(image));
    }

    /**
     * Mean-binned copy of a row-major image, {@code factor x factor} pixels to one (NaNs ignored), for
     * showing a mosaic far larger than a screen. The result is {@code [height/factor][width/factor]}.
     */
    public static float[][] downsample(float[] pixels, int width, int height, int factor) {
        if (factor < 1) {
            throw new IllegalArgumentException("factor must be >= 1, got " + factor);
        }
        if ((long) width * height != pixels.length) {
            throw new IllegalArgumentException(pixels.length + " pixels do not make a " + width + "x" + height + " image");
        }
        int ow = Math.max(1, width / factor);
        int oh = Math.max(1, height / factor);
        float[][] out = new float[oh][ow];
        for (int oy = 0; oy < oh; oy++) {
            for (int ox = 0; ox < ow; ox++) {
                double sum = 0;
                int n = 0;
                for (int y = oy * factor; y < Math.min(height, (oy + 1) * factor); y++) {
                    int row = y * width;
                    for (int x = ox * factor; x < Math.min(width, (ox + 1) * factor); x++) {
                        float v = pixels[row + x];
                        if (Float.isFinite(v)) {
                            sum += v;
                            n++;
                        }
                    }
                }
                out[oy][ox] = n == 0 ? Float.NaN : (float) (sum / n);
            }
        }
        return out;
    }

    /** Rows of a row-major array as {@code [height][width]}. */
    public static float[][] reshape(float[] pixels, int width, int height) {
        if ((long) width * height != pixels.length) {
            throw new IllegalArgumentException(pixels.length + " pixels do not make a " + width + "x" + height + " image");
        }
        float[][] out = new float[height][];
        for (int y = 0; y < height; y++) {
            out[y] = java.util.Arrays.copyOfRange(pixels, y * width, (y + 1) * width);
        }
        return out;
    }

    /**
     * A grid of cutouts, {@code columns} per row, each stretched on its own (so that faint sources show),
     * enlarged {@code scale} times without smoothing, with a 2-pixel white gap.
     */
    public static BufferedImage gallery(List<float[][]> stamps, int columns, int scale) {
        return gallery(stamps, columns, scale, null);
    }

    /** A grid of cutouts: {@code columns} per row, enlarged 3 times, each stretched on its own. */
    public static BufferedImage gallery(List<float[][]> stamps, int columns) {
        return gallery(stamps, columns, 3, null);
    }

    /**
     * A grid of cutouts with one shared stretch for all ({@code null}: each stamp its own), so that their
     * brightness can be compared.
     */
    public static BufferedImage gallery(List<float[][]> stamps, int columns, int scale, AsinhStretch shared) {
        Objects.requireNonNull(stamps, "stamps");
        if (stamps.isEmpty()) {
            throw new IllegalArgumentException("no cutouts to show");
        }
        if (columns < 1 || scale < 1) {
            throw new IllegalArgumentException("columns and scale must be >= 1, got " + columns + ", " + scale);
        }
        int sh = stamps.get(0).length;
        int sw = stamps.get(0)[0].length;
        int gap = 2;
        int cols = Math.min(columns, stamps.size());
        int rows = (stamps.size() + cols - 1) / cols;
        int cw = sw * scale;
        int ch = sh * scale;
        BufferedImage out = new BufferedImage(cols * cw + (cols + 1) * gap, rows * ch + (rows + 1) * gap, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        for (int i = 0; i < stamps.size(); i++) {
            float[][] s = stamps.get(i);
            if (s.length != sh || s[0].length != sw) {
                throw new IllegalArgumentException("cutout " + i + " is " + s[0].length + "x" + s.length + ", cutout 0 is " + sw + "x" + sh);
            }
            BufferedImage img = asinh(s, shared != null ? shared : AsinhStretch.auto(s));
            int x = gap + (i % cols) * (cw + gap);
            int y = gap + (i / cols) * (ch + gap);
            g.drawImage(img, x, y, cw, ch, null);
        }
        g.dispose();
        return out;
    }

    /**
     * A copy of {@code base} with a circle around each source. Coordinates are in the original pixel
     * grid; {@code pixelScale} is the displayed size of one original pixel (e.g. 1.0 / factor for a
     * {@link #downsample downsampled} mosaic); {@code radius} is in displayed pixels.
     */
    public static BufferedImage markSources(BufferedImage base, double[] xs, double[] ys, double pixelScale, double radius, Color color) {
        if (xs.length != ys.length) {
            throw new IllegalArgumentException(xs.length + " x coordinates but " + ys.length + " y coordinates");
        }
        BufferedImage out = new BufferedImage(base.getWidth(), base.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(base, 0, 0, null);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(color);
        g.setStroke(new BasicStroke(1.2f));
        for (int i = 0; i < xs.length; i++) {
            // pixel centres sit at integer coordinates: pixel x spans [x - 0.5, x + 0.5)
            double cx = (xs[i] + 0.5) * pixelScale;
            double cy = (ys[i] + 0.5) * pixelScale;
            g.draw(new java.awt.geom.Ellipse2D.Double(cx - radius, cy - radius, 2 * radius, 2 * radius));
        }
        g.dispose();
        return out;
    }

    /** {@link #markSources(BufferedImage, double[], double[], double, double, Color)} in red. */
    public static BufferedImage markSources(BufferedImage base, double[] xs, double[] ys, double pixelScale, double radius) {
        return markSources(base, xs, ys, pixelScale, radius, new Color(230, 40, 40));
    }

    /** PNG bytes. */
    public static byte[] png(BufferedImage image) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            if (!ImageIO.write(image, "png", bytes)) {
                throw new IllegalStateException("ImageIO has no PNG writer");
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding failed: " + e.getMessage(), e);
        }
    }

    /** Writes a PNG file (atomically), creating its folder. */
    public static Path save(BufferedImage image, Path file) {
        return savePng(png(image), file);
    }

    static Path savePng(byte[] png, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw AtomicFiles.failure(file, "cannot create the folder of", e);
        }
        AtomicFiles.writeBytes(file, () -> png);
        return file;
    }

    /** An {@code <img>} with the PNG inline as a data URL; {@code alt} is escaped. */
    public static Html html(BufferedImage image, String alt) {
        return html(png(image), alt, image.getWidth());
    }

    static Html html(byte[] png, String alt, int width) {
        return new Html("<img class=\"cutouts-image\" alt=\"" + Html.escape(alt) + "\" width=\"" + width
                + "\" style=\"image-rendering:pixelated;max-width:100%;height:auto\" src=\"data:image/png;base64,"
                + Base64.getEncoder().encodeToString(png) + "\">");
    }

    private static int rgb(double v) {
        if (Double.isNaN(v)) {
            return NOT_FINITE.getRGB() & 0xffffff;
        }
        int g = (int) Math.round(v * 255);
        return (g << 16) | (g << 8) | g;
    }
}
