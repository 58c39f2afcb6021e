package org.cutouts.train;

import java.nio.file.Path;
import java.util.Arrays;
import org.cutouts.data.Catalogue;
import org.cutouts.data.Catalogues;
import org.cutouts.data.MosaicSpec;
import org.cutouts.data.SyntheticMosaic;
import org.cutouts.store.CutoutSpec;
import org.cutouts.store.CutoutStore;
import org.cutouts.store.Stores;
import org.cutouts.store.Strategy;
import org.nd4j.linalg.dataset.DataSet;

/** Small stores for the training tests: sources, negatives, and two centres whose windows leave the mosaic (NaN padding). */
final class TrainFixtures {
    static final CutoutSpec SPEC = CutoutSpec.square(16);

    private TrainFixtures() {
    }

    static SyntheticMosaic mosaic() {
        return new SyntheticMosaic(MosaicSpec.of(200, 160, 40, 11));
    }

    /** 40 sources + 37 negatives + 2 edge centres = 79 cutouts (a prime, so every batch size leaves a remainder). */
    static Catalogue catalogue(SyntheticMosaic m) {
        Catalogue c = Catalogues.withNegatives(m, 37, 8, 11);
        int n = c.size() + 2;
        double[] x = Arrays.copyOf(c.xs(), n);
        double[] y = Arrays.copyOf(c.ys(), n);
        x[n - 2] = 1.0;
        y[n - 2] = 2.0;
        x[n - 1] = m.width() - 3.0;
        y[n - 1] = m.height() - 0.5;
        return new Catalogue(x, y, Arrays.copyOf(c.fluxes(), n), Arrays.copyOf(c.sigmas(), n), Arrays.copyOf(c.labels(), n));
    }

    static CutoutStore store(Strategy s, Path dir) {
        return Stores.open(write(s, dir));
    }

    static Path write(Strategy s, Path dir) {
        SyntheticMosaic m = mosaic();
        return Stores.write(s, m, catalogue(m), SPEC, dir.resolve(s.folder()));
    }

    /** Row {@code k} of a batch's features, flat. */
    static float[] row(DataSet ds, int k) {
        float[] all = ds.getFeatures().dup('c').data().asFloat();
        int n = all.length / ds.numExamples();
        return Arrays.copyOfRange(all, k * n, (k + 1) * n);
    }
}
