package org.cutouts.spark;

import java.io.Serializable;

/**
 * One catalogue row as the job ships it between stages: the survey id, the assigned tile and the
 * row in that tile's store, the pixel position there and the sky position (for error messages).
 */
public record SourceRef(long id, int tile, int local, double x, double y, double ra, double dec) implements Serializable {

    /** The shuffle key: tile, then row in the tile, so that a sorted partition reads each tile in order. */
    public long key() {
        return ((long) tile << 32) | (local & 0xFFFFFFFFL);
    }

    static int tileOf(long key) {
        return (int) (key >> 32);
    }

    static int localOf(long key) {
        return (int) key;
    }
}
