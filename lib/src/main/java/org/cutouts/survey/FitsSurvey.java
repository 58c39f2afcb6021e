package org.cutouts.survey;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cutouts.data.Catalogue;
import org.cutouts.fits.FitsMosaic;
import org.cutouts.store.CutoutSpec;
import org.cutouts.store.Strategy;
import org.cutouts.store.WriteProgress;

/**
 * A survey of real FITS tiles: each file's image and celestial WCS (read by the library's FITS
 * path) become one tile, named after the file; the catalogue's RA/Dec are assigned through those
 * WCS like a synthetic survey's.
 */
public final class FitsSurvey {
    private FitsSurvey() {
    }

    /** Writes the survey of {@code files} (plain TAN WCS each) and {@code sky} to {@code dir}. */
    public static Path write(List<Path> files, Catalogue sky, Strategy strategy, CutoutSpec spec, Path dir, WriteProgress progress) {
        List<FitsMosaic> open = new ArrayList<>();
        try {
            List<SurveyInput.Tile> tiles = new ArrayList<>();
            for (Path f : files) {
                FitsMosaic m = FitsMosaic.open(f);
                open.add(m);
                String name = f.getFileName().toString().replaceFirst("\\.fits?(\\.gz)?$", "");
                TileWcs wcs;
                try {
                    wcs = TileWcs.of(m.wcs());
                } catch (IllegalArgumentException e) {
                    throw new org.cutouts.io.StoreException(f, e.getMessage());
                }
                tiles.add(new SurveyInput.Tile(new SurveyTile(name, "tiles/" + name, m.width(), m.height(), wcs), m));
            }
            return SurveyWriter.write(new SurveyInput(tiles, sky, files.size() + " FITS tiles"), strategy, spec, dir, progress);
        } finally {
            open.forEach(FitsMosaic::close);
        }
    }
}
