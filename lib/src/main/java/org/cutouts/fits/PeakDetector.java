package org.cutouts.fits;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cutouts.data.Catalogue;
import org.cutouts.data.MosaicSource;
import org.cutouts.io.StoreException;

/**
 * A simple source finder: pixels above {@code background + nsigma * noise} that are the maximum of
 * their neighbourhood (ties go to the first pixel in raster order), with an optional data-quality mask
 * ({@link DataQuality}), duplicates merged and the count before the cap reported ({@link Detections}). Streams the image in strips with
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
     * image's frame converts to ICRS, else the image's own longitude/latitude. No data-quality mask.
     */
    public static Catalogue detect(FitsMosaic mosaic, DetectionParams p) {
        return find(mosaic, p, null).catalogue();
    }

    /** Sources of any mosaic; {@code wcs} may be null (RA/Dec then NaN); RA/Dec as in {@link #detect(FitsMosaic, DetectionParams)}. */
    public static Catalogue detect(MosaicSource src, CelestialWcs wcs, DetectionParams p) {
        return find(src, wcs, p, null).catalogue();
    }

    /** {@link #find(MosaicSource, CelestialWcs, DetectionParams, DataQuality)} on band 0 of a FITS mosaic, with its WCS. */
    public static Detections find(FitsMosaic mosaic, DetectionParams p, DataQuality dq) {
        String problem = dq == null ? null : dq.sizeProblem(mosaic.width(), mosaic.height());
        if (problem != null) {
            throw new StoreException(mosaic.file(), problem);
        }
        return find(mosaic, mosaic.hasWcs() ? mosaic.wcs() : null, p, dq);
    }

    /**
     * Sources of a mosaic, and what was left out: with a data-quality band ({@code dq}, may be null)
     * masked pixels are never peaks nor flux and sources touching a saturated pixel are skipped; peaks
     * closer than {@link DetectionParams#mergeRadius()} to a brighter one are merged into it; then the
     * brightest {@link DetectionParams#maxSources()} are kept.
     */
    public static Detections find(MosaicSource src, CelestialWcs wcs, DetectionParams p, DataQuality dq) {
        String problem = dq == null ? null : dq.sizeProblem(src.width(), src.height());
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        Background bg = Background.of(src);
        List<double[]> found = new ArrayList<>();
        Strips strips = new Strips();
        if (bg.noise() > 0) {
            scan(src, dq, p, bg, found, strips);
        }
        found.sort(Comparator.comparingDouble((double[] r) -> -r[2]));
        List<double[]> distinct = merge(found, p.mergeRadius());
        int candidates = distinct.size();
        if (p.maxSources() > 0 && candidates > p.maxSources()) {
            distinct = new ArrayList<>(distinct.subList(0, p.maxSources()));
        }
        return new Detections(toCatalogue(distinct, wcs), candidates, p.maxSources(), found.size() - candidates,
                strips.saturated, strips.masked, p.nsigma());
    }

    /** What the strip scan counted besides peaks. */
    private static final class Strips {
        long masked;
        int saturated;
    }

    private static void scan(MosaicSource src, DataQuality dq, DetectionParams p, Background bg, List<double[]> found, Strips counts) {
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
            boolean[] saturated = dq == null ? null : applyQuality(dq, buf, ya, yb - ya, w, y0 - ya, y1 - ya, counts);
            for (int y = Math.max(y0, p.border()); y < Math.min(y1, h - p.border()); y++) {
                int rowBase = (y - ya) * w;
                for (int x = p.border(); x < w - p.border(); x++) {
                    float v = buf[rowBase + x];
                    if (v > threshold && isPeak(buf, w, yb - ya, x, y - ya, v, p.peakRadius())) {
                        if (saturated != null && touches(saturated, w, yb - ya, x, y - ya, p.boxRadius())) {
                            counts.saturated++;
                        } else {
                            found.add(measure(buf, w, yb - ya, x, y - ya, ya, bg.level(), p.boxRadius()));
                        }
                    }
                }
            }
        }
    }

    /**
     * Reads the flags of the buffer's rows, sets masked pixels to NaN, counts the masked pixels of the
     * strip's own rows {@code [own0, own1)} (not its halo) and returns which pixels are saturated.
     */
    private static boolean[] applyQuality(DataQuality dq, float[] buf, int ya, int rows, int w, int own0, int own1, Strips counts) {
        float[] flags = new float[buf.length];
        dq.flags().readRows(ya, rows, flags, 0);
        boolean[] saturated = new boolean[buf.length];
        for (int i = 0; i < buf.length; i++) {
            saturated[i] = dq.saturated(flags[i]);
            if (dq.masks(flags[i])) {
                buf[i] = Float.NaN;
                int row = i / w;
                if (row >= own0 && row < own1) {
                    counts.masked++;
                }
            }
        }
        return saturated;
    }

    /** True when a saturated pixel lies in the (2r+1)^2 box around (x, y). */
    private static boolean touches(boolean[] saturated, int w, int rows, int x, int y, int r) {
        for (int yy = Math.max(0, y - r); yy <= Math.min(rows - 1, y + r); yy++) {
            for (int xx = Math.max(0, x - r); xx <= Math.min(w - 1, x + r); xx++) {
                if (saturated[yy * w + xx]) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The peaks, brightest first, without those closer than {@code radius} to a brighter kept one (the
     * same star found twice: a flat or noisy top). A grid of cells of the radius's size keeps it linear.
     */
    static List<double[]> merge(List<double[]> brightestFirst, double radius) {
        if (!(radius > 0)) {
            return brightestFirst;
        }
        Map<Long, List<double[]>> grid = new HashMap<>();
        List<double[]> kept = new ArrayList<>();
        for (double[] peak : brightestFirst) {
            long cx = (long) Math.floor(peak[0] / radius);
            long cy = (long) Math.floor(peak[1] / radius);
            if (!nearKept(grid, cx, cy, peak, radius)) {
                kept.add(peak);
                grid.computeIfAbsent(cellKey(cx, cy), k -> new ArrayList<>()).add(peak);
            }
        }
        return kept;
    }

    private static boolean nearKept(Map<Long, List<double[]>> grid, long cx, long cy, double[] peak, double radius) {
        for (long dy = -1; dy <= 1; dy++) {
            for (long dx = -1; dx <= 1; dx++) {
                for (double[] k : grid.getOrDefault(cellKey(cx + dx, cy + dy), List.of())) {
                    if (Math.hypot(k[0] - peak[0], k[1] - peak[1]) < radius) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static long cellKey(long cx, long cy) {
        return (cx << 32) ^ (cy & 0xffffffffL);
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
