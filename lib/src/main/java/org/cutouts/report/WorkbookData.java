package org.cutouts.report;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.cutouts.data.CatalogueRecipe;
import org.cutouts.data.MosaicSpec;
import org.cutouts.store.CutoutSpec;
import org.cutouts.store.Strategy;
import org.cutouts.store.Workspace;
import org.cutouts.store.WriteProgress;

/**
 * The run's data, shared by the notebooks: each notebook can be run on its own, and finds (or makes)
 * the same mosaic and stores as the ones before it, because everything follows from the config.
 */
public final class WorkbookData {
    private WorkbookData() {
    }

    /** The synthetic mosaic of this run: {@code count} sources on a {@code mosaicSize}² mosaic. */
    public static MosaicSpec mosaicSpec(WorkbookConfig cfg) {
        return MosaicSpec.of(cfg.mosaicSize(), cfg.mosaicSize(), cfg.count(), cfg.seed());
    }

    public static CutoutSpec cutoutSpec(WorkbookConfig cfg) {
        return CutoutSpec.square(cfg.cutoutSize());
    }

    /** Where this run's mosaic lives: {@code <data dir>/synthetic-<w>x<h>-seed<s>}. */
    public static Workspace workspace(WorkbookConfig cfg) {
        return Workspace.at(cfg.dataDir().resolve(Workspace.name(mosaicSpec(cfg))));
    }

    /** The workspace with its mosaic and catalogue, generated now if an earlier notebook has not. */
    public static Workspace ensureMosaic(WorkbookConfig cfg) {
        Workspace ws = workspace(cfg);
        if (!ws.hasMosaic()) {
            Workspace.generate(mosaicSpec(cfg), CatalogueRecipe.sources(), ws.root(), WriteProgress.NONE);
        }
        return ws;
    }

    /** Every strategy's store, written now where missing (or written for another cutout size). */
    public static Map<Strategy, Path> ensureStores(WorkbookConfig cfg) {
        Workspace ws = ensureMosaic(cfg);
        Map<Strategy, Path> out = new EnumMap<>(Strategy.class);
        CutoutSpec spec = cutoutSpec(cfg);
        for (Strategy s : Strategy.values()) {
            boolean current = false;
            if (ws.hasStore(s)) {
                try (var store = ws.open(s)) {
                    current = store.spec().equals(spec) && store.size() == ws.catalogue().size();
                } catch (RuntimeException e) {
                    current = false; // unreadable: write it again
                }
            }
            out.put(s, current ? ws.storeDir(s) : ws.writeStore(s, spec));
        }
        return out;
    }
}
