package org.cutouts.train;

import java.util.Objects;
import org.cutouts.store.CutoutSpec;
import org.cutouts.store.CutoutStore;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turns a list of catalogue indices into one ND4J {@link DataSet}: features {@code [batch, 1, h, w]}
 * float from {@link CutoutStore#readBatch}, normalised per cutout, and labels from the catalogue.
 * Stateless apart from its configuration, so several prefetch threads may share one instance (the
 * stores are safe for concurrent reads).
 */
public final class BatchReader {
    private final CutoutStore store;
    private final LabelMode labels;
    private final Normalisation normalisation;

    public BatchReader(CutoutStore store, LabelMode labels, Normalisation normalisation) {
        this.store = Objects.requireNonNull(store, "store");
        this.labels = Objects.requireNonNull(labels, "labels");
        this.normalisation = Objects.requireNonNull(normalisation, "normalisation");
    }

    public CutoutStore store() {
        return store;
    }

    /** The features of {@code indices} as a flat float array, normalised: what {@link #read} wraps. */
    public float[] pixels(int[] indices) {
        int n = store.cutoutPixels();
        float[] px = new float[Math.multiplyExact(indices.length, n)];
        try {
            store.readBatch(indices, px);
        } catch (RuntimeException | InternalError batchFailure) {
            // InternalError: a memory-mapped file truncated after it was mapped (SIGBUS, turned into an error by the JVM)
            throw blame(indices, batchFailure);
        }
        for (int k = 0; k < indices.length; k++) {
            normalisation.apply(px, k * n, n);
        }
        return px;
    }

    /** Reads the cutouts {@code indices} (in that order) as one DataSet. */
    public DataSet read(int[] indices) {
        CutoutSpec spec = store.spec();
        float[] px = pixels(indices);
        float[] y = new float[indices.length * labels.columns()];
        labels.fill(store.catalogue(), indices, y);
        INDArray features = Nd4j.create(px, new long[] {indices.length, 1, spec.height(), spec.width()}, 'c');
        INDArray target = Nd4j.create(y, new long[] {indices.length, labels.columns()}, 'c');
        return new DataSet(features, target);
    }

    /**
     * A batch read failed: find the cutout to blame by reading the batch's cutouts one at a time, and
     * name it with the store. If every single read succeeds (a transient failure), name the batch.
     */
    private BatchReadException blame(int[] indices, Throwable batchFailure) {
        float[] one = new float[store.cutoutPixels()];
        for (int i : indices) {
            try {
                store.readInto(i, one, 0);
            } catch (RuntimeException | InternalError e) {
                return new BatchReadException(store.location(), i, "cannot read cutout " + i + " from " + store.strategy().label()
                        + " store " + store.location() + ": " + e.getMessage(), e);
            }
        }
        return new BatchReadException(store.location(), -1, "cannot read a batch of " + indices.length + " cutouts from "
                + store.strategy().label() + " store " + store.location() + ": " + batchFailure.getMessage(), batchFailure);
    }
}
