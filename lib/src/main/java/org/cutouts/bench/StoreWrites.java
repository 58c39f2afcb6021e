package org.cutouts.bench;

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

    /** The store to measure (empty when the writer does not apply) and the write's row. */
    public record Written(Optional<BenchTarget> target, WriteRow row) {
    }

    /** "" for the default stamp, else "-c32x32" etc., so stores of another stamp never reuse each other's folder. */
    public static String folderSuffix(CutoutSpec cutout) {
        return cutout.equals(CutoutSpec.DEFAULT) ? "" : "-c" + cutout.width() + "x" + cutout.height();
    }

    public static Written write(Strategy strategy, MosaicSource mosaic, Catalogue catalogue, CutoutSpec cutout, Path dir, boolean reuse) {
        Identity id = Identity.java(strategy.name(), cutout.bytes());
        String shape = mosaic.width() + "x" + mosaic.height();
        long mosaicBytes = 4L * mosaic.pixelCount();
        Optional<BenchTarget> target = Optional.of(new BenchTarget(strategy.name(), BenchTarget.DEFAULT_VARIANT, dir, ReadOptions.defaults()));
        if (reuse && reusable(dir, strategy, mosaic, catalogue, cutout)) {
            return new Written(target, new WriteRow(id, shape, mosaicBytes, catalogue.size(), null, null,
                    "reused: store already in the data dir, write not timed", "not measured"));
        }
        long t0 = System.nanoTime();
        try {
            Stores.write(strategy, mosaic, catalogue, cutout, dir);
        } catch (StoreException e) {
            return new Written(Optional.empty(), new WriteRow(id, shape, mosaicBytes, catalogue.size(), null, null,
                    "not applicable: " + e.getMessage(), "Stores.write raised StoreException"));
        }
        double s = (System.nanoTime() - t0) / 1e9;
        return new Written(target, new WriteRow(id, shape, mosaicBytes, catalogue.size(), s, catalogue.size() / s, ResultColumns.OK,
                "wall clock of Stores.write (synthetic mosaic generated on the fly while writing, atomic directory rename, no fsync)"));
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
