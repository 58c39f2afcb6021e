package org.cutouts.store;

import java.nio.file.Path;
import java.util.function.Supplier;

/** The storage strategies the workbook compares. */
public enum Strategy {
    /** The baseline: one {@code .npy} per cutout, as the pipeline does today. */
    INDIVIDUAL_FILES("individual .npy files", "individual-npy", IndividualFilesStore::writer, IndividualFilesStore::open),
    /** The mosaic once, as an {@code .npy}, read through an FFM memory mapping. */
    MEMORY_MAPPED("memory-mapped .npy", "mmap-npy", MemoryMappedStore::writer, MemoryMappedStore::open),
    /** The mosaic and catalogue as datasets in one HDF5 file, read as hyperslabs with jhdf. */
    HDF5("HDF5", "hdf5", Hdf5Store::writer, Hdf5Store::open),
    /** The mosaic serialised by ND4J; a cutout needs the whole tensor in memory (the negative control). */
    WHOLE_TENSOR("whole tensor (ND4J)", "nd4j-tensor", WholeTensorStore::writer, WholeTensorStore::open),
    /** The mosaic as page-aligned 64x64 tiles ({@code mosaic.tiles}), read through an FFM mapping (issue 6). */
    MEMORY_MAPPED_TILED("memory-mapped tiles", "mmap-tiled", TiledStore::writer, TiledStore::open),
    /** Every cutout once, in catalogue order, as one {@code [N, h, w]} {@code .npy}, read through an FFM mapping (issue 11). */
    STACKED("stacked cutouts .npy", "stacked-npy", StackedStore::writer, StackedStore::open);

    private final String label;
    private final String folder;
    private final Supplier<StoreWriter> writer;
    private final Opener opener;

    Strategy(String label, String folder, Supplier<StoreWriter> writer, Opener opener) {
        this.label = label;
        this.folder = folder;
        this.writer = writer;
        this.opener = opener;
    }

    /** A human label for tables and charts. */
    public String label() {
        return label;
    }

    /** The store folder's conventional name under a data directory. */
    public String folder() {
        return folder;
    }

    public StoreWriter writer() {
        return writer.get();
    }

    /** How a strategy opens a store whose manifest has been read. */
    @FunctionalInterface
    interface Opener {
        CutoutStore open(Path dir, StoreManifest manifest, ReadOptions options);
    }

    /** Opens a store of this strategy whose manifest has already been read (only {@link Stores#open} calls this). */
    CutoutStore open(Path dir, StoreManifest manifest, ReadOptions options) {
        return opener.open(dir, manifest, options);
    }

    /** Parses a name or folder name, case-insensitively ("mmap-npy", "memory_mapped", "hdf5", ...). */
    public static Strategy parse(String name) {
        for (Strategy s : values()) {
            if (s.name().equalsIgnoreCase(name) || s.folder.equalsIgnoreCase(name) || s.name().replace('_', '-').equalsIgnoreCase(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown strategy '" + name + "'; expected one of "
                + java.util.Arrays.stream(values()).map(Strategy::folder).toList());
    }
}
