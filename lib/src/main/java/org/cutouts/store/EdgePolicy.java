package org.cutouts.store;

/** What a cutout does when its window runs past the mosaic edge. */
public enum EdgePolicy {
    /** Pixels outside the mosaic take the fill value (NaN by default), as astropy's Cutout2D mode='partial'. */
    PAD,
    /** A window that leaves the mosaic is an error naming the index, the centre and the mosaic bounds. */
    STRICT
}
