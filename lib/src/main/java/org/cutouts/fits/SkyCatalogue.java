package org.cutouts.fits;

import org.cutouts.data.Catalogue;
import org.cutouts.io.StoreException;

/**
 * A catalogue's sky positions placed on one image: the pipeline's step from an external catalogue
 * in RA/Dec to cutout centres, x and y recomputed through the image's WCS, everything else kept.
 */
public final class SkyCatalogue {
    private SkyCatalogue() {
    }

    /**
     * {@code catalogue} with x, y computed from its ra, dec (given in {@code frame}) on {@code image};
     * its fluxes, sigmas, labels and sky positions are kept.
     *
     * @throws StoreException when the catalogue has no ra and dec or the image has no celestial WCS
     */
    public static Catalogue onImage(Catalogue catalogue, FitsMosaic image, PositionFrame frame) {
        if (!catalogue.hasSkyCoordinates()) {
            throw new StoreException(image.file(), "the catalogue has no ra and dec to place on this image");
        }
        double[][] p = image.pixelsOf(catalogue.ras(), catalogue.decs(), frame);
        return new Catalogue(p[0], p[1], catalogue.fluxes(), catalogue.sigmas(), catalogue.labels(), catalogue.ras(), catalogue.decs());
    }

    /** The largest distance in pixels between the same source's positions in two catalogues of the same sources. */
    public static double largestShift(Catalogue a, Catalogue b) {
        if (a.size() != b.size()) {
            throw new IllegalArgumentException("catalogues of " + a.size() + " and " + b.size() + " sources are not the same sources");
        }
        double worst = 0;
        for (int i = 0; i < a.size(); i++) {
            worst = Math.max(worst, Math.hypot(a.x(i) - b.x(i), a.y(i) - b.y(i)));
        }
        return worst;
    }
}
