package org.cutouts.store;

import java.nio.file.Path;
import org.cutouts.io.AtomicFiles;
import org.cutouts.data.Catalogue;
import org.cutouts.data.MosaicSource;

/** The front door: write a store with a strategy, open any store by reading its manifest. */
public final class Stores {
    private Stores() {
    }

    /**
     * The one door to open a store: reads {@code dir}'s manifest and opens it with its strategy.
     * {@code options} choose the read path of the mapped strategies (advice, batched gather, HDF5 direct
     * mapping); strategies without a mapping ignore them.
     */
    public static CutoutStore open(Path dir, ReadOptions options) {
        java.util.Objects.requireNonNull(options, "options");
        AtomicFiles.recover(dir, StoreManifest::isStore); // a write killed between its two renames
        StoreManifest m = StoreManifest.read(dir);
        return m.strategy().open(dir, m, options);
    }

    /** {@link #open(Path, ReadOptions)} with {@link ReadOptions#defaults()}. */
    public static CutoutStore open(Path dir) {
        return open(dir, ReadOptions.defaults());
    }

    /** Writes {@code mosaic} and {@code catalogue} in {@code strategy}'s format to {@code dir}. */
    public static Path write(Strategy strategy, MosaicSource mosaic, Catalogue catalogue, CutoutSpec spec, Path dir) {
        return strategy.writer().write(mosaic, catalogue, spec, dir);
    }

    /** Writes, then opens. */
    public static CutoutStore writeAndOpen(Strategy strategy, MosaicSource mosaic, Catalogue catalogue, CutoutSpec spec, Path dir) {
        return open(write(strategy, mosaic, catalogue, spec, dir));
    }
}
