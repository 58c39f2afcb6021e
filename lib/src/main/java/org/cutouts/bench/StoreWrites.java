package org.cutouts.bench;

import org.cutouts.os.DiskUsage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.cutouts.data.Catalogue;
import org.cutouts.data.MosaicSource;
import org.cutouts.store.CutoutSpec;
import org.cutouts.store.CutoutStore;
import org.cutouts.io.StoreException;
import org.cutouts.store.StoreManifest;
import org.cutouts.store.Stores;
import org.cutouts.store.ReadOptions;
import org.cutouts.store.Strategy;

/**
 * Writes (or reuses) one strategy's store and reports the write as a row; a writer that cannot handle
 * the mosaic (HDF5 and the whole tensor above 2 GiB) yields a "not applicable" row with its reason.
 */
public final class StoreWrites {
    private StoreWrites() {
    }

    public record Written(Optional<BenchTarget> target, Row row) {
    }

    /** "" for the default stamp, else "-c32x32" etc., so stores of another stamp never reuse each other's folder. */
    public static String folderSuffix(CutoutSpec cutout) {
        return cutout.equals(CutoutSpec.DEFAULT) ? "" : "-c" + cutout.width() + "x" + cutout.height();
    }

    public static Written write(Strategy strategy, MosaicSource mosaic, Catalogue catalogue, CutoutSpec cutout, Path dir, boolean reuse) {
        Row row = new Row().put("impl", "java").put("strategy", strategy.name()).put("variant", BenchTarget.DEFAULT_VARIANT)
                .put("mosaic", mosaic.width() + "x" + mosaic.height()).put("mosaicBytes", 4L * mosaic.pixelCount())
                .put("cutouts", catalogue.size()).put("cutoutBytes", cutout.bytes());
        if (reuse && reusable(dir, strategy, mosaic, catalogue, cutout)) {
            return new Written(Optional.of(new BenchTarget(strategy.name(), BenchTarget.DEFAULT_VARIANT, dir, ReadOptions.defaults())),
                    row.put("seconds", null).put("status", "reused: store already in the data dir, write not timed")
                            .put("method", "not measured"));
        }
        long t0 = System.nanoTime();
        try {
            Stores.write(strategy, mosaic, catalogue, cutout, dir);
        } catch (StoreException e) {
            return new Written(Optional.empty(), row.put("seconds", null).put("status", "not applicable: " + e.getMessage())
                    .put("method", "Stores.write raised StoreException"));
        }
        double s = (System.nanoTime() - t0) / 1e9;
        return new Written(Optional.of(new BenchTarget(strategy.name(), BenchTarget.DEFAULT_VARIANT, dir, ReadOptions.defaults())),
                row.put("seconds", s).put("cutoutsPerSec", catalogue.size() / s).put("status", "ok")
                        .put("method", "wall clock of Stores.write (synthetic mosaic generated on the fly while writing, "
                                + "atomic directory rename, no fsync)"));
    }

    private static boolean reusable(Path dir, Strategy strategy, MosaicSource mosaic, Catalogue catalogue, CutoutSpec cutout) {
        if (!Files.exists(dir.resolve(StoreManifest.FILE_NAME))) {
            return false;
        }
        try (CutoutStore s = Stores.open(dir)) {
            StoreManifest m = s.manifest();
            return m.strategy() == strategy && m.spec().equals(cutout) && m.mosaicWidth() == mosaic.width() && m.mosaicHeight() == mosaic.height()
                    && m.source().equals(mosaic.describe()) && s.catalogue().equals(catalogue);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
