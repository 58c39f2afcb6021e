package org.cutouts.fits;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.cutouts.data.Catalogue;
import org.cutouts.data.MosaicSource;

/**
 * A simple source finder: pixels above {@code background + nsigma * noise} that are the maximum of
 * their neighbourhood (ties go to the first pixel in raster order). Streams the image in strips with
 * a halo, so it never holds the whole mosaic. For each peak: centre = the peak pixel (integer x, y),
 * flux = background-subtracted sum in a box, sigma = sqrt of the flux-weighted second moment
 * (mean of both axes), label 1, and RA/Dec from the WCS when one is given.
 */
public final class PeakDetector {
    private static final int STRIP = 256;

    private PeakDetector() {
    }

    /**
     * Sources of band 0 of a FITS mosaic, with RA/Dec when it has a celestial WCS: ICRS when the
     * image's frame converts to ICRS, else the image's own longitude/latitude.
     */
    public static Catalogue detect(FitsMosaic mosaic, DetectionParams p) {
        return detect(mosaic, mosaic.hasWcs() ? mosaic.wcs() : null, p);
    }

    /** Sources of any mosaic; {@code wcs} may be null (RA/Dec then NaN); RA/Dec as in {@link #detect(FitsMosaic, DetectionParams)}. */
    public static Catalogue detect(MosaicSource src, CelestialWcs wcs, DetectionParams p) {
        Background bg = Background.of(src);
        List<double[]> found = new ArrayList<>();
        if (!(bg.noise() > 0)) {
            return toCatalogue(found, wcs);
        }
        double threshold = bg.level() + p.nsigma() * bg.noise();
        int w = src.width();
        int h = src.height();
        int halo = Math.max(p.peakRadius(), p.boxRadius());
        for (int y0 = 0; y0 < h; y0 += STRIP) {
            int y1 = Math.min(h, y0 + STRIP);
            int ya = Math.max(0, y0 - halo);
            int yb = Math.min(h, y1 + halo);
            float[] buf = new float[(yb - ya) * w];
            src.readRows(ya, yb - ya, buf, 0);
            for (int y = Math.max(y0, p.border()); y < Math.min(y1, h - p.border()); y++) {
                int rowBase = (y - ya) * w;
                for (int x = p.border(); x < w - p.border(); x++) {
                    float v = buf[rowBase + x];
                    if (v > threshold && isPeak(buf, w, yb - ya, x, y - ya, v, p.peakRadius())) {
                        found.add(measure(buf, w, yb - ya, x, y - ya, ya, bg.level(), p.boxRadius()));
                    }
                }
            }
        }
        found.sort(Comparator.comparingDouble((double[] r) -> -r[2]));
        if (p.maxSources() > 0 && found.size() > p.maxSources()) {
            found = new ArrayList<>(found.subList(0, p.maxSources()));
        }
        return toCatalogue(found, wcs);
    }

    private static boolean isPeak(float[] buf, int w, int rows, int x, int y, float v, int r) {
        for (int dy = -r; dy <= r; dy++) {
            int yy = y + dy;
            if (yy < 0 || yy >= rows) {
                continue;
            }
            for (int dx = -r; dx <= r; dx++) {
                int xx = x + dx;
                if ((dx == 0 && dy == 0) || xx < 0 || xx >= w) {
                    continue;
                }
                float u = buf[yy * w + xx];
                boolean before = dy < 0 || (dy == 0 && dx < 0);
                if (u > v || (before && u == v)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** {x, y, flux, sigma} of the peak at buffer position (x, y); {@code ya} is the buffer's first row. */
    private static double[] measure(float[] buf, int w, int rows, int x, int y, int ya, double level, int r) {
        double sum = 0;
        double wsum = 0;
        double m2 = 0;
        for (int dy = -r; dy <= r; dy++) {
            int yy = y + dy;
            if (yy < 0 || yy >= rows) {
                continue;
            }
            for (int dx = -r; dx <= r; dx++) {
                int xx = x + dx;
                if (xx < 0 || xx >= w) {
                    continue;
                }
                float v = buf[yy * w + xx];
                if (!Float.isFinite(v)) {
                    continue;
                }
                double f = v - level;
                sum += f;
                if (f > 0) {
                    wsum += f;
                    m2 += f * (dx * dx + dy * dy);
                }
            }
        }
        double sigma = wsum > 0 ? Math.sqrt(m2 / wsum / 2) : 0;
        return new double[] {x, y + ya, sum, sigma};
    }

    private static Catalogue toCatalogue(List<double[]> rows, CelestialWcs wcs) {
        int n = rows.size();
        double[] x = new double[n];
        double[] y = new double[n];
        double[] flux = new double[n];
        double[] sigma = new double[n];
        int[] label = new int[n];
        for (int i = 0; i < n; i++) {
            double[] r = rows.get(i);
            x[i] = r[0];
            y[i] = r[1];
            flux[i] = r[2];
            sigma[i] = r[3];
            label[i] = Catalogue.LABEL_SOURCE;
        }
        if (wcs == null) {
            return new Catalogue(x, y, flux, sigma, label);
        }
        double[][] sky = wcs.pixelToWorld(x, y);
        if (wcs.frame().convertible()) {
            sky = wcs.frame().toIcrs(sky[0], sky[1]); // catalogue positions are ICRS
        }
        return new Catalogue(x, y, flux, sigma, label, sky[0], sky[1]);
    }
}
