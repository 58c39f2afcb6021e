package org.cutouts.fits;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cutouts.data.MosaicSource;
import org.cutouts.store.CutoutSpec;
import org.cutouts.store.EdgePolicy;
import org.cutouts.io.StoreException;
import org.cutouts.store.Window;
import org.cutouts.store.Windows;

/**
 * A FITS image (or several same-sized image extensions, as bands; or one plane of a cube) as a
 * {@link MosaicSource}, with direct cutouts by pixel or sky position. Headers are parsed with
 * nom-tam-fits; plain data units are memory-mapped (FFM), so a cutout reads only its rows and files
 * above 2 GiB work; tile-compressed images are decompressed whole through nom-tam-fits (slower,
 * heap-held); gzip files are decompressed into a temporary copy first.
 *
 * <p>Sky positions are ICRS unless the caller passes {@link PositionFrame#NATIVE}; they are converted
 * into the image's frame ({@link SkyFrame}) before its WCS is applied. A header whose transform the
 * library cannot apply exactly is refused when the WCS is first used (see {@link WcsReader}).
 *
 * <p>As a MosaicSource it streams band 0; {@link #band(int)} gives any band as its own source.
 * Cutouts follow astropy's {@code Cutout2D(data, position, size, wcs, mode='partial', fill_value=nan)}:
 * window origin {@code ceil(c - n/2)}, pixels outside the image are the fill value; the methods taking
 * a {@link CutoutSpec} use the caller's size, edge policy and fill. Close it to unmap.
 */
public final class FitsMosaic implements MosaicSource, AutoCloseable {
    /** {@link #open(Path, long, String...)} without a plane: a cube is an error that says how to pick one. */
    public static final long NO_PLANE = -1;

    private final Path file;
    private final List<FitsHdu> hdus;
    private final List<FitsBand> bands;
    private final Arena arena;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private final Path temporaryCopy;
    private volatile CelestialWcs wcs;

    private FitsMosaic(Path file, List<FitsHdu> hdus, List<FitsBand> bands, Arena arena, Path temporaryCopy) {
        this.file = file;
        this.hdus = hdus;
        this.bands = bands;
        this.arena = arena;
        this.temporaryCopy = temporaryCopy;
    }

    /** Opens {@code file} with every image HDU of the first image's size as a band (HST: SCI, ERR, DQ). */
    public static FitsMosaic open(Path file) {
        return open(file, NO_PLANE);
    }

    /**
     * Opens {@code file} with the named bands, in that order: each is an EXTNAME (case-insensitive)
     * or an HDU index ("0", "1", ...). No names: as {@link #open(Path)}.
     */
    public static FitsMosaic open(Path file, String... bandNames) {
        return open(file, NO_PLANE, bandNames);
    }

    /**
     * Opens plane {@code plane} (0-based over NAXIS3 x NAXIS4 ..., as numpy's
     * {@code data.reshape(-1, ny, nx)[plane]}) of each named band; a 2-D image has only plane 0.
     * A gzip-compressed file is decompressed into a temporary copy first (see {@link GzipFits}).
     */
    public static FitsMosaic open(Path file, long plane, String... bandNames) {
        Path data = GzipFits.isGzip(file) ? GzipFits.decompress(file) : null;
        try {
            return open(file, data == null ? file : data, plane, bandNames, data);
        } catch (RuntimeException e) {
            GzipFits.deleteQuietly(data);
            throw e;
        }
    }

    private static FitsMosaic open(Path file, Path data, long plane, String[] bandNames, Path temporaryCopy) {
        List<FitsHdu> hdus = FitsScanner.scan(data, file);
        List<FitsHdu> selected = BandSelector.select(file, hdus, bandNames, plane);
        Arena arena = Arena.ofShared();
        List<FitsBand> bands = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(data, StandardOpenOption.READ)) {
            for (FitsHdu h : selected) {
                Bitpix bitpix = Bitpix.of(h.bitpixCode());
                if (bitpix == null) {
                    throw new StoreException(file, h.label() + ": BITPIX " + h.bitpixCode()
                            + " is not supported (supported: 8, 16, 32, 64, -32, -64)");
                }
                bands.add(h.kind() == FitsHdu.Kind.COMPRESSED_IMAGE
                        ? new DecompressedBand(data, file, h)
                        : MappedBand.map(ch, arena, h, bitpix, Math.max(0, plane)));
            }
        } catch (NoSuchFileException e) {
            arena.close();
            throw new StoreException(file, "no such file");
        } catch (IOException e) {
            arena.close();
            throw new StoreException(file, "cannot map the image data", e);
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
        return new FitsMosaic(file, hdus, List.copyOf(bands), arena, temporaryCopy);
    }

    public Path file() {
        return file;
    }

    /** Every HDU of the file, whether used as a band or not. */
    public List<FitsHdu> hdus() {
        return hdus;
    }

    public int bandCount() {
        return bands.size();
    }

    /** Band names: EXTNAME, or "HDU n". */
    public List<String> bandNames() {
        return bands.stream().map(FitsBand::name).toList();
    }

    public FitsBand fitsBand(int band) {
        return bands.get(band);
    }

    /** Band {@code band} as its own MosaicSource, e.g. to write the ERR plane into a store. */
    public MosaicSource band(int band) {
        FitsBand b = bands.get(band);
        return new MosaicSource() {
            @Override
            public int width() {
                return b.width();
            }

            @Override
            public int height() {
                return b.height();
            }

            @Override
            public void readRows(int y0, int rows, float[] dst, int offset) {
                readBand(b, y0, rows, dst, offset);
            }

            @Override
            public String describe() {
                return FitsMosaic.this.describe(band);
            }
        };
    }

    @Override
    public int width() {
        return bands.get(0).width();
    }

    @Override
    public int height() {
        return bands.get(0).height();
    }

    @Override
    public void readRows(int y0, int rows, float[] dst, int offset) {
        readBand(bands.get(0), y0, rows, dst, offset);
    }

    private void readBand(FitsBand b, int y0, int rows, float[] dst, int offset) {
        java.util.Objects.checkFromIndexSize(y0, rows, b.height());
        checkOpen();
        int w = b.width();
        try {
            for (int r = 0; r < rows; r++) {
                b.read(y0 + r, 0, w, dst, offset + r * w);
            }
        } catch (IllegalStateException e) {
            throw closedOr(e);
        }
    }

    @Override
    public String describe() {
        return describe(0);
    }

    private String describe(int band) {
        FitsBand b = bands.get(band);
        return "FITS " + file.getFileName() + " " + b.name() + " " + b.width() + "x" + b.height()
                + (b.hdu().kind() == FitsHdu.Kind.COMPRESSED_IMAGE ? " (tile-compressed)" : "");
    }

    // ---------------------------------------------------------------- sky coordinates

    /** Whether band 0's header has a celestial WCS (CTYPE1/2 a longitude/latitude pair). */
    public boolean hasWcs() {
        return WcsReader.hasCelestialWcs(bands.get(0).hdu().header());
    }

    /** Band 0's celestial WCS; a StoreException when there is none or it is not supported. */
    public CelestialWcs wcs() {
        CelestialWcs w = wcs;
        if (w == null) {
            w = WcsReader.read(file, bands.get(0).hdu());
            wcs = w;
        }
        return w;
    }

    /** The sky frame of the image (RADESYS/EQUINOX/CTYPE). */
    public SkyFrame frame() {
        return wcs().frame();
    }

    /** 0-based pixel {@code {x, y}} of an ICRS position in degrees (NaN when it is not on the projection). */
    public double[] pixelOf(double ra, double dec) {
        return pixelOf(ra, dec, PositionFrame.ICRS);
    }

    /** 0-based pixel {@code {x, y}} of a position in degrees given in {@code frame}. */
    public double[] pixelOf(double lon, double lat, PositionFrame frame) {
        double[] world = toImageFrame(lon, lat, frame);
        return wcs().worldToPixel(world[0], world[1]);
    }

    /** 0-based pixel columns {@code {x[], y[]}} of whole arrays of positions given in {@code frame}. */
    public double[][] pixelsOf(double[] lon, double[] lat, PositionFrame frame) {
        double[][] world = frame == PositionFrame.NATIVE ? new double[][] {lon, lat} : convertible().fromIcrs(lon, lat);
        return wcs().worldToPixel(world[0], world[1]);
    }

    private double[] toImageFrame(double lon, double lat, PositionFrame frame) {
        return frame == PositionFrame.NATIVE ? new double[] {lon, lat} : convertible().fromIcrs(lon, lat);
    }

    private SkyFrame convertible() {
        SkyFrame f = frame();
        if (!f.convertible()) {
            throw new StoreException(file, bands.get(0).hdu().label() + ": the image's frame is " + f.axes()
                    + ", which is not converted from ICRS; give the position in the image's own frame "
                    + "(PositionFrame.NATIVE, --native)");
        }
        return f;
    }

    /**
     * Cutout size {@code {width, height}} in pixels for an angular size in arcsec, by astropy
     * Cutout2D's rule: {@code round(size / pixel scale)} with numpy's round-half-even. Like astropy,
     * the height uses the scale of pixel axis 1 and the width that of axis 2 (identical for square pixels).
     */
    public int[] pixelSize(double widthArcsec, double heightArcsec) {
        double[] s = wcs().pixelScalesDeg();
        int h = (int) Math.rint(heightArcsec / 3600.0 / s[0]);
        int w = (int) Math.rint(widthArcsec / 3600.0 / s[1]);
        return new int[] {w, h};
    }

    // ---------------------------------------------------------------- cutouts

    /** astropy's {@code Cutout2D(mode='partial', fill_value=nan)}: the spec of the size-only methods below. */
    public static CutoutSpec partial(int width, int height) {
        return new CutoutSpec(width, height, EdgePolicy.PAD, Float.NaN);
    }

    /** Band 0 cutout of {@code width x height} pixels centred on pixel {@code (x, y)}, NaN outside the image. */
    public float[] cutout(double x, double y, int width, int height) {
        return cutout(0, x, y, width, height, Float.NaN);
    }

    /** One band's cutout, {@code fill} outside the image; row-major {@code [height][width]}. */
    public float[] cutout(int band, double x, double y, int width, int height, float fill) {
        CutoutSpec spec = partial(width, height).withFill(fill);
        float[] out = new float[spec.pixels()];
        copy(bands.get(band), window(spec, 0, x, y), spec.fill(), out, 0);
        return out;
    }

    /** Every band's cutout stacked as {@code [bands][height][width]}, NaN outside the image. */
    public float[] cutoutAllBands(double x, double y, int width, int height) {
        return cutoutAllBands(partial(width, height), x, y);
    }

    /**
     * Every band's cutout by the caller's spec: its size, its fill outside the image under PAD, and
     * STRICT throwing {@link org.cutouts.store.CutoutOutOfBoundsException} for a window leaving the image.
     */
    public float[] cutoutAllBands(CutoutSpec spec, double x, double y) {
        Window w = window(spec, 0, x, y);
        int n = spec.pixels();
        float[] out = new float[bands.size() * n];
        for (int b = 0; b < bands.size(); b++) {
            copy(bands.get(b), w, spec.fill(), out, b * n);
        }
        return out;
    }

    /** Band 0 cutout at an ICRS position (degrees) with a size in pixels. */
    public float[] cutoutSky(double ra, double dec, int width, int height) {
        double[] p = skyToPixel(ra, dec, PositionFrame.ICRS);
        return cutout(0, p[0], p[1], width, height, Float.NaN);
    }

    /** Band 0 cutout at an ICRS position (degrees) with an angular size in arcsec (see {@link #pixelSize}). */
    public float[] cutoutSkyArcsec(double ra, double dec, double widthArcsec, double heightArcsec) {
        int[] s = pixelSize(widthArcsec, heightArcsec);
        return cutoutSky(ra, dec, s[0], s[1]);
    }

    /** All bands at an ICRS position, {@code [bands][height][width]}, NaN outside the image. */
    public float[] cutoutSkyAllBands(double ra, double dec, int width, int height) {
        return cutoutSkyAllBands(partial(width, height), ra, dec, PositionFrame.ICRS);
    }

    /** All bands at a sky position given in {@code frame}, by the caller's spec. */
    public float[] cutoutSkyAllBands(CutoutSpec spec, double lon, double lat, PositionFrame frame) {
        double[] p = skyToPixel(lon, lat, frame);
        return cutoutAllBands(spec, p[0], p[1]);
    }

    /**
     * Band 0 cutout by a store's {@link CutoutSpec}: its size, fill and edge policy (STRICT throws
     * {@link org.cutouts.store.CutoutOutOfBoundsException} for a window leaving the image).
     */
    public float[] cutout(CutoutSpec spec, int index, double x, double y) {
        float[] out = new float[spec.pixels()];
        copy(bands.get(0), window(spec, index, x, y), spec.fill(), out, 0);
        return out;
    }

    private double[] skyToPixel(double lon, double lat, PositionFrame frame) {
        double[] world = toImageFrame(lon, lat, frame);
        double[] p = wcs().worldToPixel(world[0], world[1]);
        if (!Double.isFinite(p[0]) || !Double.isFinite(p[1])) {
            String given = frame == PositionFrame.ICRS
                    ? String.format(Locale.ROOT, "ICRS (%.8f, %.8f), in the image's %s (%.8f, %.8f),", lon, lat, frame(), world[0], world[1])
                    : String.format(Locale.ROOT, "(%.8f, %.8f) in the image's %s", lon, lat, frame());
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s: sky position %s is not on the image's %s projection", file, given, wcs().projection()));
        }
        return p;
    }

    /** The spec's window at {@code (x, y)}, after its edge policy. */
    private Window window(CutoutSpec spec, int index, double x, double y) {
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            throw new IllegalArgumentException("cutout centre (" + x + ", " + y + ") is not finite");
        }
        Window w = spec.windowAt(x, y);
        spec.checkEdges(index, x, y, w, width(), height());
        return w;
    }

    /** {@link #cut} on this open file: after {@link #close()} a read fails naming the file, never reads freed memory. */
    private void copy(FitsBand b, Window w, float fill, float[] dst, int off) {
        checkOpen();
        try {
            cut(b, w, fill, dst, off);
        } catch (IllegalStateException e) {
            throw closedOr(e);
        }
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new StoreException(file, "FITS file is closed");
        }
    }

    /** A mapped read that lost its mapping: closed meanwhile (the usual case) or another state error. */
    private StoreException closedOr(IllegalStateException e) {
        return new StoreException(file, closed.get() ? "FITS file is closed" : "cannot read the mapped image", e);
    }

    /** Copies the part of window {@code w} inside the band, {@code fill} elsewhere, into {@code dst[off..]}. */
    static void cut(FitsBand b, Window w, float fill, float[] dst, int off) {
        // the library's one window clipper: edge cutouts match every store's by construction
        Windows.copy(w, b.width(), b.height(), fill, dst, off, (x0, y0, cols, rows, out, o, stride) -> {
            for (int r = 0; r < rows; r++) {
                b.read(y0 + r, x0, cols, out, o + r * stride);
            }
        });
    }

    /** Unmaps the image and deletes the temporary copy of a gzip-compressed file. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return; // a second close does nothing
        }
        try {
            arena.close();
        } finally {
            GzipFits.deleteQuietly(temporaryCopy);
        }
    }

    @Override
    public String toString() {
        return describe() + " with bands " + bandNames();
    }
}
