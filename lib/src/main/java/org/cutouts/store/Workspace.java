package org.cutouts.store;

import org.cutouts.io.AtomicFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.cutouts.data.Catalogue;
import org.cutouts.data.CatalogueCsv;
import org.cutouts.data.CatalogueRecipe;
import org.cutouts.data.MosaicSpec;
import org.cutouts.data.SyntheticMosaic;

/**
 * One data directory: a mosaic ({@code mosaic.npy}), its catalogue ({@code catalogue.csv}) and the
 * stores written from them ({@code stores/<strategy>/}). The notebooks, the CLI and the benchmark all
 * find their files through it, so they agree on where things are.
 */
public final class Workspace {
    public static final String MOSAIC = "mosaic.npy";
    public static final String CATALOGUE = "catalogue.csv";
    public static final String STORES = "stores";

    private final Path root;

    private Workspace(Path root) {
        this.root = root;
    }

    /** A workspace over an existing directory (nothing is read yet). */
    public static Workspace at(Path root) {
        return new Workspace(root);
    }

    /** The conventional directory name for a synthetic mosaic, e.g. {@code synthetic-5000x5000-seed42}. */
    public static String name(MosaicSpec spec) {
        return String.format(Locale.ROOT, "synthetic-%dx%d-seed%d", spec.width(), spec.height(), spec.seed());
    }

    /**
     * Generates the synthetic mosaic (streamed to disk, never a whole heap array) and its catalogue
     * into {@code root}, replacing what was there.
     */
    public static Workspace generate(MosaicSpec spec, CatalogueRecipe recipe, Path root, WriteProgress progress) {
        SyntheticMosaic mosaic = new SyntheticMosaic(spec);
        Catalogue catalogue = recipe.build(mosaic);
        try {
            Files.createDirectories(root);
        } catch (java.io.IOException e) {
            throw AtomicFiles.failure(root, "cannot create data directory", e);
        }
        // workspace.json goes first and comes back last: without it (a kill in between) the pair is refused
        Workspace ws = new Workspace(root);
        ws.removeLeftovers();
        try {
            Files.deleteIfExists(root.resolve(WorkspaceManifest.FILE_NAME));
        } catch (java.io.IOException e) {
            throw AtomicFiles.failure(root.resolve(WorkspaceManifest.FILE_NAME), "cannot remove the old workspace manifest", e);
        }
        CatalogueCsv.write(catalogue, ws.catalogueFile());
        Npy.writeMosaic(mosaic, ws.mosaicFile(), progress);
        WorkspaceManifest.of(ws.mosaicFile(), ws.catalogueFile()).write(root);
        return ws;
    }

    /** Removes the temporary files of an interrupted generate: only our own names, {@code .FILE.tmp-HEX}. */
    private void removeLeftovers() {
        java.util.regex.Pattern ours = java.util.regex.Pattern.compile(
                "\\.(" + java.util.regex.Pattern.quote(MOSAIC) + "|" + java.util.regex.Pattern.quote(CATALOGUE) + "|"
                        + java.util.regex.Pattern.quote(WorkspaceManifest.FILE_NAME) + ")\\.tmp-[0-9a-f]{1,16}");
        try (var s = Files.newDirectoryStream(root, p -> ours.matcher(p.getFileName().toString()).matches()
                && Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))) {
            for (Path p : s) {
                Files.deleteIfExists(p);
            }
        } catch (java.io.IOException e) {
            throw AtomicFiles.failure(root, "cannot remove the temporary files of an interrupted generate", e);
        }
    }

    /**
     * Throws a StoreException naming the problem unless this workspace is complete: {@code workspace.json}
     * present and agreeing with the sizes of both files and the checksum of the catalogue (and of the
     * mosaic too when {@code deep}).
     */
    public void requireComplete(boolean deep) {
        WorkspaceManifest.read(root).check(mosaicFile(), catalogueFile(), deep);
    }

    public Path root() {
        return root;
    }

    public Path mosaicFile() {
        return root.resolve(MOSAIC);
    }

    public Path catalogueFile() {
        return root.resolve(CATALOGUE);
    }

    public Path storeDir(Strategy strategy) {
        return root.resolve(STORES).resolve(strategy.folder());
    }

    /** Whether a complete, consistent mosaic and catalogue are here ({@link #requireComplete}). */
    public boolean hasMosaic() {
        try {
            requireComplete(false);
            return true;
        } catch (org.cutouts.io.StoreException e) {
            return false;
        }
    }

    public boolean hasStore(Strategy strategy) {
        return Files.isRegularFile(storeDir(strategy).resolve(StoreManifest.FILE_NAME));
    }

    /** The mosaic, memory-mapped (close it when done). */
    public MappedNpy mosaic() {
        return MappedNpy.open(mosaicFile());
    }

    public Catalogue catalogue() {
        return CatalogueCsv.read(catalogueFile());
    }

    /** Writes one strategy's store from this workspace's mosaic and catalogue. */
    public Path writeStore(Strategy strategy, CutoutSpec spec, WriteProgress progress) {
        requireComplete(false);
        try (MappedNpy mosaic = mosaic()) {
            return strategy.writer().write(mosaic, catalogue(), spec, storeDir(strategy), progress);
        }
    }

    public Path writeStore(Strategy strategy, CutoutSpec spec) {
        return writeStore(strategy, spec, WriteProgress.NONE);
    }

    /** Opens one strategy's store. */
    public CutoutStore open(Strategy strategy) {
        return Stores.open(storeDir(strategy));
    }

    /** The stores present, by strategy. */
    public Map<Strategy, Path> stores() {
        Map<Strategy, Path> out = new EnumMap<>(Strategy.class);
        for (Strategy s : Strategy.values()) {
            if (hasStore(s)) {
                out.put(s, storeDir(s));
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "workspace " + root;
    }
}
