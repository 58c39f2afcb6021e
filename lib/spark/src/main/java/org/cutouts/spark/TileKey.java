package org.cutouts.spark;

/**
 * The shuffle key of a catalogue row: its tile in the high 32 bits, its row in that tile's store in
 * the low 32, so that sorting a partition by key reads each tile in order. A source on no tile has
 * tile {@code -1} and its survey id as the row.
 */
final class TileKey {
    private TileKey() {
    }

    static long of(int tile, int local) {
        return ((long) tile << 32) | (local & 0xFFFFFFFFL);
    }

    static int tile(long key) {
        return (int) (key >> 32);
    }

    static int local(long key) {
        return (int) key;
    }
}
