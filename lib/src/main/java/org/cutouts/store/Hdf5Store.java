package org.cutouts.store;

import java.nio.file.Path;

final class Hdf5Store {
    private Hdf5Store() {
    }

    static StoreWriter writer() {
        throw new UnsupportedOperationException("being written");
    }

    static CutoutStore open(Path dir, StoreManifest m) {
        throw new UnsupportedOperationException("being written");
    }
}
