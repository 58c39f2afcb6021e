package org.cutouts.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.cutouts.data.Catalogue;
import org.cutouts.data.CatalogueCsv;
import org.cutouts.fits.DetectionParams;
import org.cutouts.fits.Detections;
import org.cutouts.fits.FitsHdu;
import org.cutouts.fits.FitsMosaic;
import org.cutouts.fits.PeakDetector;
import org.cutouts.fits.PositionFrame;
import org.cutouts.fits.SkyCatalogue;
import org.cutouts.store.CutoutSpec;
import org.cutouts.store.EdgePolicy;
import org.cutouts.store.Npy;
import org.cutouts.store.Stores;
import org.cutouts.store.Strategy;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cutouts fits}: real FITS mosaics: inspect, detect sources, cut by RA/Dec, convert into a store. */
@Command(name = "fits", mixinStandardHelpOptions = true,
        description = "Real FITS images: list HDUs and WCS, detect sources into a catalogue CSV, cut one cutout by RA/Dec or pixel to .npy, "
                + "convert FITS + catalogue into a store.",
        subcommands = {FitsCommand.Info.class, FitsCommand.Detect.class, FitsCommand.Cut.class, FitsCommand.Convert.class})
public final class FitsCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        new picocli.CommandLine(this).usage(System.out);
        return 0;
    }

    static FitsMosaic open(Path file, List<String> bands, Long plane) {
        return FitsMosaic.open(file, plane == null ? FitsMosaic.NO_PLANE : plane, bands == null ? new String[0] : bands.toArray(String[]::new));
    }

    /** How a cutout treats the image edge: the caller's {@link CutoutSpec}, astropy's partial mode by default. */
    static final class EdgeOptions {
        @Option(names = "--edge", description = "Edge policy: PAD (fill outside the image) or STRICT (refuse a window leaving it) "
                + "(default: ${DEFAULT-VALUE}).")
        EdgePolicy edge = EdgePolicy.PAD;

        @Option(names = "--fill", description = "Value outside the image under PAD (default: ${DEFAULT-VALUE}).")
        float fill = Float.NaN;

        CutoutSpec spec(int width, int height) {
            return new CutoutSpec(width, height, edge, fill);
        }
    }

    @Command(name = "info", mixinStandardHelpOptions = true, description = "List the HDUs, the bands a cutout gets and the WCS.")
    static final class Info implements Callable<Integer> {
        @Parameters(index = "0", description = "The FITS file.")
        Path file;

        @Option(names = {"-b", "--bands"}, split = ",", description = "Bands by EXTNAME or HDU index (default: all images of the first image's size).")
        List<String> bands;

        @Option(names = "--plane", description = "Plane of a cube, 0-based over NAXIS3 x NAXIS4 ... (required for a cube).")
        Long plane;

        @Override
        public Integer call() {
            try (FitsMosaic m = open(file, bands, plane)) {
                for (FitsHdu h : m.hdus()) {
                    System.out.printf(Locale.ROOT, "%-22s %-16s BITPIX %4d  %dx%d%s  data at byte %d%n", h.label(), h.kind(),
                            h.bitpixCode(), h.width(), h.height(), h.planes() > 1 ? "x" + h.planes() : "", h.dataOffset());
                }
                System.out.println("bands: " + m.bandNames() + " (" + m.width() + "x" + m.height() + ")");
                System.out.println("wcs:   " + (m.hasWcs() ? m.wcs().toString() : "none"));
                System.out.println("frame: " + (m.hasWcs() ? m.frame() + (m.frame().convertible()
                        ? " (--ra/--dec are ICRS and converted; --native takes the image's own frame)"
                        : " (positions must be given with --native)") : "none"));
            }
            return 0;
        }
    }

    @Command(name = "detect", mixinStandardHelpOptions = true,
            description = "Detect sources (peaks above background + n sigma, local maxima) into a catalogue CSV (id,x,y,flux,sigma,label,ra,dec).")
    static final class Detect implements Callable<Integer> {
        @Parameters(index = "0", description = "The FITS file.")
        Path file;

        @Option(names = {"-o", "--out"}, required = true, description = "The catalogue CSV to write.")
        Path out;

        @Option(names = {"-b", "--band"}, description = "Band to detect on, by EXTNAME or HDU index (default: the first image).")
        String band;

        @Option(names = "--nsigma", description = "Threshold in noise sigmas above the background (default: ${DEFAULT-VALUE}).")
        double nsigma = DetectionParams.DEFAULT.nsigma();

        @Option(names = "--max", description = "Keep at most this many sources, brightest first (default: all).")
        int max;

        @Option(names = "--plane", description = "Plane of a cube, 0-based (required for a cube).")
        Long plane;

        @Override
        public Integer call() {
            try (FitsMosaic m = open(file, band == null ? null : List.of(band), plane)) {
                long t0 = System.nanoTime();
                Detections d = PeakDetector.find(m, DetectionParams.DEFAULT.withNsigma(nsigma).withMaxSources(max), null);
                Catalogue c = d.catalogue();
                CatalogueCsv.write(c, out);
                System.out.printf(Locale.ROOT, "%s in %s %s -> %s (%.2f s)%s%n", d.count(), file.getFileName(),
                        m.bandNames().get(0), out, (System.nanoTime() - t0) / 1e9, m.hasWcs() ? ", with RA/Dec" : ", no WCS: RA/Dec NaN");
            }
            return 0;
        }
    }

    static final class Centre {
        @ArgGroup(exclusive = false)
        Sky sky;

        @ArgGroup(exclusive = false)
        Pixel pixel;
    }

    static final class Sky {
        @Option(names = "--ra", required = true, description = "Centre right ascension in degrees, ICRS (the image's own "
                + "longitude with --native).")
        double ra;

        @Option(names = "--dec", required = true, description = "Centre declination in degrees, ICRS (the image's own latitude with --native).")
        double dec;

        @Option(names = "--native", description = "--ra/--dec are in the image's own frame (RADESYS/EQUINOX/CTYPE), not ICRS.")
        boolean nativeFrame;
    }

    static final class Pixel {
        @Option(names = "--x", required = true, description = "Centre column, 0-based (pixel centres at integers).")
        double x;

        @Option(names = "--y", required = true, description = "Centre row, 0-based.")
        double y;
    }

    @Command(name = "cutout", mixinStandardHelpOptions = true,
            description = "One cutout of every band as a float32 .npy [bands, height, width], NaN outside the image "
                    + "(astropy Cutout2D mode='partial').")
    static final class Cut implements Callable<Integer> {
        @Parameters(index = "0", description = "The FITS file.")
        Path file;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Centre centre;

        @Option(names = "--size", description = "Width and height in pixels (default: ${DEFAULT-VALUE}).")
        int size = 64;

        @Option(names = "--size-arcsec", description = "Width and height in arcsec instead (astropy's rounding).")
        Double sizeArcsec;

        @Option(names = {"-b", "--bands"}, split = ",", description = "Bands by EXTNAME or HDU index (default: all images of the first image's size).")
        List<String> bands;

        @Option(names = {"-o", "--out"}, required = true, description = "The .npy file to write.")
        Path out;

        @Option(names = "--plane", description = "Plane of a cube, 0-based over NAXIS3 x NAXIS4 ... (required for a cube).")
        Long plane;

        @picocli.CommandLine.Mixin
        EdgeOptions edge = new EdgeOptions();

        @Override
        public Integer call() {
            try (FitsMosaic m = open(file, bands, plane)) {
                int w = size;
                int h = size;
                if (sizeArcsec != null) {
                    int[] s = m.pixelSize(sizeArcsec, sizeArcsec);
                    w = s[0];
                    h = s[1];
                }
                double x;
                double y;
                if (centre.sky != null) {
                    double[] p = m.pixelOf(centre.sky.ra, centre.sky.dec,
                            centre.sky.nativeFrame ? PositionFrame.NATIVE : PositionFrame.ICRS);
                    x = p[0];
                    y = p[1];
                } else {
                    x = centre.pixel.x;
                    y = centre.pixel.y;
                }
                float[] c = m.cutoutAllBands(edge.spec(w, h), x, y);
                Npy.write(out, c, m.bandCount(), h, w);
                System.out.printf(Locale.ROOT, "%s: %dx%d x %d bands %s centred on pixel (%.3f, %.3f) -> %s%n",
                        file.getFileName(), w, h, m.bandCount(), m.bandNames(), x, y, out);
            }
            return 0;
        }
    }

    @Command(name = "convert", mixinStandardHelpOptions = true,
            description = "Write one band of a FITS image and a catalogue CSV into a store (individual-npy, mmap-npy, mmap-tiled, hdf5, nd4j-tensor, stacked-npy).")
    static final class Convert implements Callable<Integer> {
        @Parameters(index = "0", description = "The FITS file.")
        Path file;

        @Option(names = {"-c", "--catalogue"}, required = true, description = "Catalogue CSV (e.g. from 'cutouts fits detect').")
        Path catalogue;

        @Option(names = {"-s", "--strategy"}, required = true, description = "Storage strategy: individual-npy, mmap-npy, mmap-tiled, hdf5, nd4j-tensor, stacked-npy.")
        String strategy;

        @Option(names = {"-o", "--out"}, required = true, description = "Store directory to write.")
        Path out;

        @Option(names = {"-b", "--band"}, description = "Band by EXTNAME or HDU index (default: the first image).")
        String band;

        @Option(names = "--cutout", description = "Cutout width and height in pixels (default: ${DEFAULT-VALUE}).")
        int cutout = 64;

        @Option(names = "--from-sky", description = "Recompute x, y from the catalogue's ra, dec (ICRS, or the image's own frame "
                + "with --native) with this image's WCS.")
        boolean fromSky;

        @Option(names = "--native", description = "With --from-sky: the catalogue's ra, dec are in the image's own frame, not ICRS.")
        boolean nativeFrame;

        @Option(names = "--plane", description = "Plane of a cube, 0-based (required for a cube).")
        Long plane;

        @picocli.CommandLine.Mixin
        EdgeOptions edge = new EdgeOptions();

        @Override
        public Integer call() {
            Strategy s = Strategy.parse(strategy);
            try (FitsMosaic m = open(file, band == null ? null : List.of(band), plane)) {
                Catalogue c = CatalogueCsv.read(catalogue);
                if (fromSky) {
                    if (!c.hasSkyCoordinates()) {
                        throw new IllegalArgumentException(catalogue + ": --from-sky needs ra and dec columns");
                    }
                    c = SkyCatalogue.onImage(c, m, nativeFrame ? PositionFrame.NATIVE : PositionFrame.ICRS);
                }
                long t0 = System.nanoTime();
                Path dir = Stores.write(s, m, c, edge.spec(cutout, cutout), out);
                System.out.printf(Locale.ROOT, "%s: %d cutouts of %s -> %s (%.1f s)%n", s.folder(), c.size(), m.describe(), dir,
                        (System.nanoTime() - t0) / 1e9);
            }
            return 0;
        }
    }
}
