package org.cutouts.store;

import org.cutouts.io.StoreException;

import java.nio.file.Files;
import java.nio.file.Path;
import org.cutouts.data.Catalogue;
import org.cutouts.data.CatalogueCsv;

/**
 * What every store shares: its manifest and catalogue, index checks, the window of a cutout and the
 * edge policy. Subclasses only copy pixels.
 */
abstract class AbstractStore implements CutoutStore {
    protected final Path dir;
    protected final StoreManifest manifest;
    protected final Catalogue catalogue;

    AbstractStore(Path dir, StoreManifest manifest, Catalogue catalogue) {
        this.dir = dir;
        this.manifest = manifest;
        this.catalogue = catalogue;
        if (catalogue.size() != manifest.count()) {
            throw new StoreException(dir.resolve(StoreManifest.CATALOGUE_FILE), "catalogue has " + catalogue.size()
                    + " rows but the manifest promises " + manifest.count());
        }
    }

    /** Reads {@code catalogue.csv} from a store directory. */
    static Catalogue readCatalogue(Path dir) {
        return CatalogueCsv.read(dir.resolve(StoreManifest.CATALOGUE_FILE));
    }

    /** Writes the catalogue and manifest into a store being built: the manifest last. */
    static void finish(Path tmpDir, Catalogue catalogue, StoreManifest manifest) {
        CatalogueCsv.write(catalogue, tmpDir.resolve(StoreManifest.CATALOGUE_FILE));
        manifest.write(tmpDir);
    }

    /** Resolves a payload file and checks it exists, so the error names it. */
    static Path payload(Path dir, StoreManifest m) {
        Path p = dir.resolve(m.payload());
        if (!Files.exists(p)) {
            throw new StoreException(p, "payload is missing from store " + dir);
        }
        return p;
    }

    @Override
    public Strategy strategy() {
        return manifest.strategy();
    }

    @Override
    public Path location() {
        return dir;
    }

    @Override
    public StoreManifest manifest() {
        return manifest;
    }

    @Override
    public Catalogue catalogue() {
        return catalogue;
    }

    /** The window of cutout {@code index}, after the index check and the edge policy. */
    protected Window window(int index) {
        checkIndex(index);
        CutoutSpec spec = manifest.spec();
        double cx = catalogue.x(index);
        double cy = catalogue.y(index);
        Window w = spec.windowAt(cx, cy);
        spec.checkEdges(index, cx, cy, w, manifest.mosaicWidth(), manifest.mosaicHeight());
        return w;
    }

    @Override
    public String toString() {
        return strategy().label() + " store " + dir + " (" + size() + " cutouts " + manifest.spec() + ")";
    }
}
