package org.cutouts.store;

import org.cutouts.io.AtomicFiles;
import org.cutouts.io.StoreException;

import java.nio.file.Path;
import java.time.Instant;
import org.cutouts.data.Catalogue;

/**
 * Builds a tiled store ({@link Strategy#MEMORY_MAPPED_TILED}) from an existing row-major
 * memory-mapped store, streaming the mapped {@code mosaic.npy} strip by strip (works for mosaics
 * above 2 GiB; all-zero tiles stay holes of a sparse file). The catalogue and cutout geometry are
 * copied unchanged, so cutout {@code i} is the same pixels in both stores.
 */
public final class TileConverter {
    private TileConverter() {
    }

    /** Converts the row-major store in {@code rowMajorStore} into a tiled store in {@code tiledStore}. */
    public static Path convert(Path rowMajorStore, Path tiledStore, int tile, WriteProgress progress) {
        StoreManifest m = StoreManifest.read(rowMajorStore);
        if (m.strategy() != Strategy.MEMORY_MAPPED) {
            throw new StoreException(rowMajorStore, "expected a " + Strategy.MEMORY_MAPPED.folder() + " store to convert, found "
                    + m.strategy().folder());
        }
        Catalogue cat = AbstractStore.readCatalogue(rowMajorStore, m);
        try (MappedNpy npy = MappedNpy.open(AbstractStore.payload(rowMajorStore, m), new ReadOptions(java.util.List.of(
                ReadOptions.Advice.SEQUENTIAL), false, false, false, false, 1, false, false, false, 0, false))) {
            TiledLayout layout = TiledLayout.of(npy.width(), npy.height(), tile);
            return AbstractStore.writeStore(tiledStore, tmp -> {
                AtomicFiles.writeChannel(tmp.resolve(TiledStore.PAYLOAD), ch -> TiledStore.writeTiles(npy, layout, ch, progress));
                AbstractStore.finish(tmp, cat, new StoreManifest(Strategy.MEMORY_MAPPED_TILED, m.mosaicWidth(), m.mosaicHeight(),
                        m.count(), m.spec(), TiledStore.PAYLOAD, "tiled from " + m.source(), Instant.now()), tile);
            });
        }
    }

    public static Path convert(Path rowMajorStore, Path tiledStore) {
        return convert(rowMajorStore, tiledStore, TiledLayout.DEFAULT_TILE, WriteProgress.NONE);
    }

    /** The tile edge of a tiled store. */
    public static int tileOf(CutoutStore store) {
        if (store instanceof TiledStore t) {
            return t.layout().tile();
        }
        throw new IllegalArgumentException(store + " is not a tiled store");
    }
}
