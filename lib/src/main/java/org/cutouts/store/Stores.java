package org.cutouts.store;

import java.nio.file.Path;
import org.cutouts.data.Catalogue;
import org.cutouts.data.MosaicSource;

/** The front door: write a store with a strategy, open any store by reading its manifest. */
public final class Stores {
    private Stores() {
    }

    /** Opens the store in {@code dir}, whatever its strategy. */
    public static CutoutStore open(Path dir) {
        StoreManifest m = StoreManifest.read(dir);
        return m.strategy().open(dir, m);
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
