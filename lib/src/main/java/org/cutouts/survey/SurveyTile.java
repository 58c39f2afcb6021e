package org.cutouts.survey;

import org.cutouts.fits.CelestialWcs;

/**
 * One tile of a survey: its name, its store folder (relative to the survey directory), its size in
 * pixels and its WCS.
 */
public record SurveyTile(String name, String store, int width, int height, TileWcs wcs) implements java.io.Serializable {

    public SurveyTile {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("tile " + name + " must have a positive size, got " + width + "x" + height);
        }
    }

    /** The library's WCS of this tile. */
    public CelestialWcs celestial() {
        return wcs.toCelestial();
    }

    /**
     * The tile's footprint on the sky: RA and Dec (degrees) of its four outer pixel corners, in order
     * around the tile and closed (five points), for drawing.
     */
    public double[][] footprint() {
        CelestialWcs w = celestial();
        double[] xs = {-0.5, width - 0.5, width - 0.5, -0.5, -0.5};
        double[] ys = {-0.5, -0.5, height - 0.5, height - 0.5, -0.5};
        return w.pixelToWorld(xs, ys);
    }
}
