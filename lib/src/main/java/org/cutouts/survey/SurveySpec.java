package org.cutouts.survey;

import java.util.Locale;

/**
 * Parameters of a synthetic survey: a grid of square tiles on one tangent plane (like the patches
 * of a Hyper Suprime-Cam tract), neighbours sharing {@code overlap} pixels, each tile with its own
 * TAN WCS, and sources spread over the whole area.
 *
 * @param tilesX           tiles along RA
 * @param tilesY           tiles along Dec
 * @param tileSize         pixels per tile side
 * @param overlap          pixels shared by neighbouring tiles
 * @param sourcesPerTile   sources per tile on average (the total is this times the tile count)
 * @param seed             pixels, positions and fluxes all follow from it
 * @param pixelScaleArcsec arcseconds per pixel
 * @param ra               RA of the survey's tangent point, degrees ICRS
 * @param dec              Dec of the survey's tangent point, degrees ICRS
 */
public record SurveySpec(int tilesX, int tilesY, int tileSize, int overlap, int sourcesPerTile, long seed,
                         double pixelScaleArcsec, double ra, double dec) {

    public SurveySpec {
        if (tilesX <= 0 || tilesY <= 0 || tileSize <= 0) {
            throw new IllegalArgumentException("need at least one tile of positive size, got " + tilesX + "x" + tilesY
                    + " tiles of " + tileSize);
        }
        if (overlap < 0 || overlap >= tileSize) {
            throw new IllegalArgumentException("overlap must be in [0, tileSize), got " + overlap);
        }
        if (sourcesPerTile < 0 || (long) sourcesPerTile * tilesX * tilesY > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("sources per tile out of range: " + sourcesPerTile);
        }
        if (!(pixelScaleArcsec > 0) || !(Math.abs(dec) < 90)) {
            throw new IllegalArgumentException("need a positive pixel scale and |dec| < 90");
        }
    }

    /** A survey with Euclid's pixel scale (0.1 arcsec) centred on the Fornax field. */
    public static SurveySpec of(int tilesX, int tilesY, int tileSize, int overlap, int sourcesPerTile, long seed) {
        return new SurveySpec(tilesX, tilesY, tileSize, overlap, sourcesPerTile, seed, 0.1, 53.1, -27.8);
    }

    public int tileCount() {
        return tilesX * tilesY;
    }

    /** Pixels between the origins of neighbouring tiles. */
    public int step() {
        return tileSize - overlap;
    }

    /** Width of the whole area in pixels. */
    public int areaWidth() {
        return tilesX * step() + overlap;
    }

    /** Height of the whole area in pixels. */
    public int areaHeight() {
        return tilesY * step() + overlap;
    }

    public int sources() {
        return sourcesPerTile * tileCount();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "survey %dx%d tiles of %d px (overlap %d), %d sources, seed %d",
                tilesX, tilesY, tileSize, overlap, sources(), seed);
    }
}
