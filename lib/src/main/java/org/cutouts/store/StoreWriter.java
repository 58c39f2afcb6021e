package org.cutouts.store;

import java.nio.file.Path;
import org.cutouts.data.Catalogue;
import org.cutouts.data.MosaicSource;

/**
 * Writes a mosaic plus catalogue in one strategy's format, as a store directory.
 *
 * <p>Writes are atomic: everything goes into a temporary sibling directory that is renamed to
 * {@code dir} only once complete (manifest last), so an interrupted write never leaves a directory
 * that opens as a valid store.
 */
public interface StoreWriter {

    Strategy strategy();

    /** Writes the store and returns its directory ({@code dir}). Replaces an existing store there. */
    Path write(MosaicSource mosaic, Catalogue catalogue, CutoutSpec spec, Path dir, WriteProgress progress);

    default Path write(MosaicSource mosaic, Catalogue catalogue, CutoutSpec spec, Path dir) {
        return write(mosaic, catalogue, spec, dir, WriteProgress.NONE);
    }
}
