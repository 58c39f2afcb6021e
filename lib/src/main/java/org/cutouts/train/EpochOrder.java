package org.cutouts.train;

import java.util.SplittableRandom;

/**
 * The order in which one epoch visits the cutouts: a Fisher-Yates shuffle whose generator is seeded
 * from {@code (seed, epoch)} alone, so epoch {@code e} of a run is reproducible without replaying
 * epochs {@code 0 .. e-1}, and two runs with the same seed see the same orders.
 *
 * <p>The order is an {@code int[n]}: 4 bytes per cutout, the only per-cutout state an iterator keeps
 * besides the catalogue itself.
 */
public final class EpochOrder {
    private EpochOrder() {
    }

    /** A permutation of {@code 0 .. n-1} for epoch {@code epoch} of a run seeded with {@code seed}. */
    public static int[] shuffled(int n, long seed, int epoch) {
        if (n < 0) {
            throw new IllegalArgumentException("cutout count must not be negative: " + n);
        }
        int[] order = identity(n);
        SplittableRandom rnd = new SplittableRandom(mix(seed, epoch));
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** {@code 0 .. n-1} in catalogue order (no shuffling). */
    public static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    /** SplitMix64 finaliser over (seed, epoch): neighbouring seeds and epochs give unrelated streams. */
    static long mix(long seed, long epoch) {
        long z = seed * 0x9E3779B97F4A7C15L + (epoch + 1) * 0xD1B54A32D192ED03L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
