package org.cutouts.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.cutouts.data.Catalogue;
import org.cutouts.data.Catalogues;
import org.cutouts.data.MosaicSpec;
import org.cutouts.data.SyntheticMosaic;
import org.cutouts.store.CutoutSpec;
import org.cutouts.store.CutoutStore;
import org.cutouts.store.Stores;
import org.cutouts.store.Strategy;

/**
 * The same {@link TrainingRun} on several stores, one after the other, as one {@link TrainingResult}:
 * the training-integration notebook's comparison.
 *
 * <pre>{@code
 * Map<Strategy, Path> dirs = TrainingComparison.writeStores(tmp, MosaicSpec.of(1000, 1000, 300, 7), 300, CutoutSpec.square(32), List.of(Strategy.values()));
 * TrainingResult r = TrainingComparison.run(dirs.values(), run -> run.steps(50).batch(32).seed(1));
 * }</pre>
 */
public final class TrainingComparison {
    private TrainingComparison() {
    }

    /**
     * Generates a synthetic mosaic with its sources plus {@code negatives} empty positions (at least 12
     * pixels from any source) and writes it once per strategy to {@code dir/<strategy folder>}.
     */
    public static Map<Strategy, Path> writeStores(Path dir, MosaicSpec mosaic, int negatives, CutoutSpec spec,
                                                  Collection<Strategy> strategies) {
        SyntheticMosaic m = new SyntheticMosaic(mosaic);
        Catalogue cat = Catalogues.withNegatives(m, negatives, 12, mosaic.seed());
        Map<Strategy, Path> out = new LinkedHashMap<>();
        for (Strategy s : strategies) {
            out.put(s, Stores.write(s, m, cat, spec, dir.resolve(s.folder())));
        }
        return out;
    }

    /** Opens each store directory in turn, runs {@code configure.apply(TrainingRun.on(store))} on it, closes it. */
    public static TrainingResult run(Collection<Path> storeDirs, UnaryOperator<TrainingRun> configure) {
        List<TrainingResult> results = new ArrayList<>();
        for (Path dir : storeDirs) {
            try (CutoutStore store = Stores.open(dir)) {
                results.add(configure.apply(TrainingRun.on(store)).run());
            }
        }
        return TrainingResult.concat(results);
    }

    /** The same on stores that are already open (they stay open). */
    public static TrainingResult runOpen(Collection<CutoutStore> stores, UnaryOperator<TrainingRun> configure) {
        List<TrainingResult> results = new ArrayList<>();
        for (CutoutStore store : stores) {
            results.add(configure.apply(TrainingRun.on(store)).run());
        }
        return TrainingResult.concat(results);
    }
}
