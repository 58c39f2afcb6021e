package org.cutouts.survey;

import java.util.List;
import org.cutouts.fits.CelestialWcs;
import org.cutouts.store.CutoutSpec;
import org.cutouts.store.Window;

/**
 * Sky-to-tile assignment: which tile each source is cut from, and where it falls in that tile's pixels.
 *
 * <p>The rule, applied through each tile's WCS: among the tiles whose pixels hold the source's whole
 * cutout window, the one whose centre is nearest the source (ties go to the lower tile index, so the
 * result is deterministic). A source that no tile holds whole goes to the nearest tile all the same,
 * and that tile's edge policy decides: PAD fills the missing pixels, STRICT refuses the cutout. A
 * source that projects onto no tile at all (the far side of every tangent plane) gets tile {@link #NONE}.
 *
 * @param tile  the assigned tile per source, or {@link #NONE}
 * @param local the source's row in its tile's catalogue (sources keep their survey order within a tile)
 * @param x     0-based pixel column of the source in its tile
 * @param y     0-based pixel row of the source in its tile
 * @param whole true when the assigned tile holds the whole cutout
 */
public record TileAssignment(int[] tile, int[] local, double[] x, double[] y, boolean[] whole) {
    /** The tile index of a source that projects onto no tile. */
    public static final int NONE = -1;
    /** Pixel distance beyond which a tile is not considered at all. */
    private static final double FAR = 1e8;

    /** Assigns every source of {@code ra, dec} (degrees) to one of {@code tiles}. */
    public static TileAssignment assign(List<SurveyTile> tiles, double[] ra, double[] dec, CutoutSpec spec) {
        int n = ra.length;
        if (dec.length != n) {
            throw new IllegalArgumentException("ra has " + n + " values, dec " + dec.length);
        }
        double[][][] pix = new double[tiles.size()][][];
        for (int t = 0; t < tiles.size(); t++) {
            CelestialWcs w = tiles.get(t).celestial();
            pix[t] = w.worldToPixel(ra, dec);
        }
        int[] tile = new int[n];
        int[] local = new int[n];
        double[] x = new double[n];
        double[] y = new double[n];
        boolean[] whole = new boolean[n];
        int[] counts = new int[tiles.size()];
        for (int i = 0; i < n; i++) {
            int best = choose(tiles, pix, i, spec);
            tile[i] = best;
            if (best == NONE) {
                x[i] = Double.NaN;
                y[i] = Double.NaN;
                local[i] = -1;
                continue;
            }
            x[i] = pix[best][0][i];
            y[i] = pix[best][1][i];
            whole[i] = holdsWhole(tiles.get(best), x[i], y[i], spec);
            local[i] = counts[best]++;
        }
        return new TileAssignment(tile, local, x, y, whole);
    }

    /** The tile for source {@code i}: nearest centre among those holding the whole window, else nearest. */
    private static int choose(List<SurveyTile> tiles, double[][][] pix, int i, CutoutSpec spec) {
        int bestWhole = NONE;
        double dWhole = Double.POSITIVE_INFINITY;
        int bestAny = NONE;
        double dAny = Double.POSITIVE_INFINITY;
        for (int t = 0; t < tiles.size(); t++) {
            double px = pix[t][0][i];
            double py = pix[t][1][i];
            if (!(Math.abs(px) < FAR) || !(Math.abs(py) < FAR)) {
                continue; // not on this tile's tangent plane, or absurdly far from it (also rejects NaN)
            }
            SurveyTile tile = tiles.get(t);
            double d = Math.hypot(px - (tile.width() - 1) / 2.0, py - (tile.height() - 1) / 2.0);
            if (d < dAny) {
                dAny = d;
                bestAny = t;
            }
            if (d < dWhole && holdsWhole(tile, px, py, spec)) {
                dWhole = d;
                bestWhole = t;
            }
        }
        return bestWhole != NONE ? bestWhole : bestAny;
    }

    private static boolean holdsWhole(SurveyTile tile, double px, double py, CutoutSpec spec) {
        Window w = spec.windowAt(px, py);
        return w.inside(tile.width(), tile.height());
    }

    /** Number of sources assigned to each tile. */
    public int[] counts(int tileCount) {
        int[] c = new int[tileCount];
        for (int t : tile) {
            if (t != NONE) {
                c[t]++;
            }
        }
        return c;
    }

    public int size() {
        return tile.length;
    }
}
