package org.cutouts.store;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.cutouts.data.Catalogue;

/**
 * Read access to cutouts kept by one storage strategy. The benchmark, the notebooks and the training
 * iterators all read through this interface, so they measure and use exactly the same code.
 *
 * <p>Cutout {@code i} is the window of {@link #spec()} centred on catalogue row {@code i}, as
 * {@code height * width} floats in row-major order (numpy's {@code stamp[y, x]}). Implementations
 * are safe for concurrent reads from several threads.
 */
public interface CutoutStore extends AutoCloseable {

    Strategy strategy();

    /** The store's directory. */
    Path location();

    StoreManifest manifest();

    Catalogue catalogue();

    default CutoutSpec spec() {
        return manifest().spec();
    }

    default int size() {
        return manifest().count();
    }

    /** Pixels in one cutout. */
    default int cutoutPixels() {
        return spec().pixels();
    }

    /**
     * Copies cutout {@code index} into {@code dst[offset .. offset + cutoutPixels())}.
     *
     * @throws CutoutOutOfBoundsException for an index off the catalogue, or a window off the mosaic under STRICT
     * @throws StoreException when the underlying file is missing, truncated or corrupt
     */
    void readInto(int index, float[] dst, int offset);

    /** Cutout {@code index} in a new array. */
    default float[] read(int index) {
        float[] out = new float[cutoutPixels()];
        readInto(index, out, 0);
        return out;
    }

    /**
     * Reads several cutouts, back to back, into {@code dst} (length at least
     * {@code indices.length * cutoutPixels()}). Strategies override this when a batch can be served
     * more cheaply than one cutout at a time.
     */
    default void readBatch(int[] indices, float[] dst) {
        Objects.requireNonNull(indices, "indices");
        int n = cutoutPixels();
        if (dst.length < (long) indices.length * n) {
            throw new IllegalArgumentException("batch buffer holds " + dst.length + " floats, need " + (long) indices.length * n);
        }
        for (int k = 0; k < indices.length; k++) {
            readInto(indices[k], dst, k * n);
        }
    }

    /** Cutout {@code index} as {@code [height][width]}, convenient in notebooks. */
    default float[][] read2d(int index) {
        float[] flat = read(index);
        CutoutSpec s = spec();
        float[][] out = new float[s.height()][];
        for (int r = 0; r < s.height(); r++) {
            out[r] = java.util.Arrays.copyOfRange(flat, r * s.width(), (r + 1) * s.width());
        }
        return out;
    }

    /**
     * The read path a mapped store took at open and why ({@link ReadOptions#auto()} measures it); empty for
     * stores without a mapping, and for HDF5 read through jhdf.
     */
    default Optional<ReadChoice> readChoice() {
        return Optional.empty();
    }

    /** The counters of the store's tile cache (tiled store, explicit path, {@code cache=...}); empty without one. */
    default Optional<TileCacheStats> tileCacheStats() {
        return Optional.empty();
    }

    /** Checks an index against the catalogue, with a message that names the store. */
    default void checkIndex(int index) {
        if (index < 0 || index >= size()) {
            throw new CutoutOutOfBoundsException("cutout index " + index + " is out of range [0, " + size()
                    + ") for store " + location());
        }
    }

    @Override
    void close();
}
