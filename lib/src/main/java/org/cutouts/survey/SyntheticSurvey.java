package org.cutouts.survey;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cutouts.data.Catalogue;
import org.cutouts.data.MosaicSpec;
import org.cutouts.data.SyntheticMosaic;
import org.cutouts.fits.CelestialWcs;

/**
 * A synthetic survey at any size: one synthetic sky on a TAN tangent plane, cut into a grid of
 * overlapping tiles, each carrying its own WCS (same tangent point, shifted CRPIX), and the
 * sources as an RA/Dec catalogue spanning all tiles. Deterministic for a {@link SurveySpec}.
 */
public final class SyntheticSurvey {
    private SyntheticSurvey() {
    }

    /** The tiles and the sky catalogue of {@code spec}, ready for {@link SurveyWriter}. */
    public static SurveyInput of(SurveySpec spec) {
        MosaicSpec sky = MosaicSpec.of(spec.areaWidth(), spec.areaHeight(), spec.sources(), spec.seed());
        SyntheticMosaic mosaic = new SyntheticMosaic(sky);
        TileWcs area = areaWcs(spec);
        List<SurveyInput.Tile> tiles = new ArrayList<>();
        for (int j = 0; j < spec.tilesY(); j++) {
            for (int i = 0; i < spec.tilesX(); i++) {
                int x0 = i * spec.step();
                int y0 = j * spec.step();
                String name = String.format(Locale.ROOT, "tile-%02d-%02d", j, i);
                TileWcs wcs = new TileWcs(area.crpix1() - x0, area.crpix2() - y0, area.crval1(), area.crval2(),
                        area.cd11(), area.cd12(), area.cd21(), area.cd22());
                SurveyTile placement = new SurveyTile(name, "tiles/" + name, spec.tileSize(), spec.tileSize(), wcs);
                tiles.add(new SurveyInput.Tile(placement,
                        new TileWindow(mosaic, x0, y0, spec.tileSize(), spec.tileSize(), name)));
            }
        }
        return new SurveyInput(tiles, skyCatalogue(mosaic, area.toCelestial()), spec.toString());
    }

    /** The WCS of the whole area: north up, tangent point at its centre. */
    static TileWcs areaWcs(SurveySpec spec) {
        return TileWcs.northUp((spec.areaWidth() + 1) / 2.0, (spec.areaHeight() + 1) / 2.0, spec.ra(), spec.dec(),
                spec.pixelScaleArcsec() / 3600.0);
    }

    private static Catalogue skyCatalogue(SyntheticMosaic mosaic, CelestialWcs wcs) {
        Catalogue px = mosaic.catalogue();
        double[][] radec = wcs.pixelToWorld(px.xs(), px.ys());
        return new Catalogue(px.xs(), px.ys(), px.fluxes(), px.sigmas(), px.labels(), radec[0], radec[1]);
    }
}
