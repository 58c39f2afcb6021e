package org.cutouts.store;

import java.nio.file.Path;

final class IndividualFilesStore {
    private IndividualFilesStore() {
    }

    static StoreWriter writer() {
        throw new UnsupportedOperationException("being written");
    }

    static CutoutStore open(Path dir, StoreManifest m) {
        throw new UnsupportedOperationException("being written");
    }
}
