package org.cutouts.survey;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.cutouts.data.Catalogue;
import org.cutouts.io.AtomicFiles;
import org.cutouts.store.CutoutSpec;
import org.cutouts.store.Stores;
import org.cutouts.store.Strategy;
import org.cutouts.store.WriteProgress;

/**
 * Writes a survey directory: {@code tiles/<name>/} (one store per tile, any strategy, holding the
 * sources assigned to that tile), {@code sources.csv} (the catalogue with its assignment) and
 * {@code survey.json}, last. The whole directory is built under a temporary name and renamed into
 * place, so an interrupted write never leaves a survey that opens.
 */
public final class SurveyWriter {
    private SurveyWriter() {
    }

    /** Writes {@code input} with every tile in {@code strategy}; progress counts tiles. */
    public static Path write(SurveyInput input, Strategy strategy, CutoutSpec spec, Path dir, WriteProgress progress) {
        List<SurveyTile> tiles = input.placements();
        Catalogue sky = input.sky();
        TileAssignment a = TileAssignment.assign(tiles, sky.ras(), sky.decs(), spec);
        // replaces only an empty directory or a survey this library wrote, never a user's folder
        return AtomicFiles.writeDirectory(dir, SurveyWriter::isSurvey, tmp -> {
            for (int t = 0; t < tiles.size(); t++) {
                SurveyTile tile = tiles.get(t);
                Stores.write(strategy, input.tiles().get(t).pixels(), tileCatalogue(sky, a, t), spec, tmp.resolve(tile.store()));
                progress.advanced(t + 1, tiles.size());
            }
            SurveySources.write(sky, a, tmp.resolve(SurveySources.FILE_NAME));
            new SurveyManifest(strategy, spec, sky.size(), tiles, input.description(), Instant.now()).write(tmp);
        });
    }

    /** True when {@code dir} holds a survey manifest that reads back. */
    static boolean isSurvey(Path dir) {
        try {
            SurveyManifest.read(dir);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    public static Path write(SurveyInput input, Strategy strategy, CutoutSpec spec, Path dir) {
        return write(input, strategy, spec, dir, WriteProgress.NONE);
    }

    /** The rows assigned to tile {@code t}, in survey order, with x, y in that tile's pixels. */
    static Catalogue tileCatalogue(Catalogue sky, TileAssignment a, int t) {
        int n = 0;
        for (int k : a.tile()) {
            n += k == t ? 1 : 0;
        }
        double[] x = new double[n];
        double[] y = new double[n];
        double[] flux = new double[n];
        double[] sigma = new double[n];
        int[] label = new int[n];
        double[] ra = new double[n];
        double[] dec = new double[n];
        for (int i = 0; i < sky.size(); i++) {
            if (a.tile()[i] == t) {
                int k = a.local()[i];
                x[k] = a.x()[i];
                y[k] = a.y()[i];
                flux[k] = sky.flux(i);
                sigma[k] = sky.sigma(i);
                label[k] = sky.label(i);
                ra[k] = sky.ra(i);
                dec[k] = sky.dec(i);
            }
        }
        return new Catalogue(x, y, flux, sigma, label, ra, dec);
    }
}
