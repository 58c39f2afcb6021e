package org.cutouts.train;

import java.util.List;
import org.cutouts.data.Catalogue;

/**
 * What a batch's labels are, taken from the store's catalogue.
 *
 * <ul>
 *   <li>{@link #CLASSIFICATION}: source present or absent, one-hot {@code [batch, 2]}; column 0 is
 *       {@link Catalogue#LABEL_NEGATIVE}, column 1 {@link Catalogue#LABEL_SOURCE}.</li>
 *   <li>{@link #LOG_FLUX}: regression on {@code log10(1 + flux)}, {@code [batch, 1]}. The {@code 1 +}
 *       keeps negatives (flux 0) finite, at 0; for the synthetic sources (flux 50 .. 50,000) it
 *       differs from {@code log10(flux)} by less than 0.01.</li>
 * </ul>
 */
public enum LabelMode {
    CLASSIFICATION(2, List.of("negative", "source")),
    LOG_FLUX(1, null);

    private final int columns;
    private final List<String> names;

    LabelMode(int columns, List<String> names) {
        this.columns = columns;
        this.names = names;
    }

    /** Label columns per example: 2 for classification, 1 for regression. */
    public int columns() {
        return columns;
    }

    /** Class names for {@code DataSetIterator.getLabels()}, or null for regression. */
    public List<String> classNames() {
        return names;
    }

    /** Writes the labels of catalogue rows {@code indices} into {@code dst} ({@code indices.length * columns()} floats). */
    public void fill(Catalogue cat, int[] indices, float[] dst) {
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            switch (this) {
                case CLASSIFICATION -> {
                    int label = cat.label(i);
                    if (label != Catalogue.LABEL_NEGATIVE && label != Catalogue.LABEL_SOURCE) {
                        throw new IllegalArgumentException("catalogue row " + i + " has label " + label
                                + "; classification expects " + Catalogue.LABEL_NEGATIVE + " or " + Catalogue.LABEL_SOURCE);
                    }
                    dst[2 * k] = label == Catalogue.LABEL_NEGATIVE ? 1f : 0f;
                    dst[2 * k + 1] = label == Catalogue.LABEL_SOURCE ? 1f : 0f;
                }
                case LOG_FLUX -> dst[k] = (float) Math.log10(1.0 + Math.max(0.0, cat.flux(i)));
            }
        }
    }
}
