package org.cutouts.bench;

import java.util.SplittableRandom;

/** The order cutouts are read in: a seeded random permutation, or catalogue order. */
public enum ReadOrder {
    RANDOM, SEQUENTIAL;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The first {@code n} indices of this order over {@code size} cutouts (wrapping round when
     * {@code n > size}). RANDOM is a Fisher-Yates shuffle seeded by {@code seed}: the same reads for
     * every strategy and for the Python peer.
     */
    public int[] indices(int size, int n, long seed) {
        int[] perm = new int[size];
        for (int i = 0; i < size; i++) {
            perm[i] = i;
        }
        if (this == RANDOM) {
            SplittableRandom r = new SplittableRandom(seed);
            for (int i = size - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
        }
        int[] out = new int[n];
        for (int k = 0; k < n; k++) {
            out[k] = perm[k % size];
        }
        return out;
    }
}
