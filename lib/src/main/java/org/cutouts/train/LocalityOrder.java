package org.cutouts.train;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A locality-aware epoch order, FFCV's quasi-random order applied to the sky: the order of the
 * {@link LocalityGroups} is shuffled, consecutive groups form windows of {@code windowGroups}, and the
 * cutouts of each window are shuffled among themselves. Each window's working set is about
 * {@code windowGroups} groups, so that with a cache that holds it every stored page is read about once per
 * epoch, while a batch still mixes cutouts from several groups. Like {@link EpochOrder#shuffled}, epoch
 * {@code e} depends on {@code (seed, e)} alone.
 *
 * @param order         a permutation of the cutouts
 * @param windowStarts  where each window begins in {@code order}, ascending, starting with 0
 */
public record LocalityOrder(int[] order, int[] windowStarts) {
    /** Groups per window, in the training iterators and the regime runs. */
    public static final int WINDOW_GROUPS = 4;

    public LocalityOrder {
        if (windowStarts.length == 0 ? order.length != 0 : windowStarts[0] != 0) {
            throw new IllegalArgumentException("the first window starts at 0");
        }
    }

    /** The order for epoch {@code epoch} of a run seeded with {@code seed}, from a group id per cutout. */
    public static LocalityOrder of(int[] group, int windowGroups, long seed, int epoch) {
        if (windowGroups < 1) {
            throw new IllegalArgumentException("a window holds at least one group, got " + windowGroups);
        }
        int n = group.length;
        int groups = 0;
        for (int g : group) {
            if (g < 0) {
                throw new IllegalArgumentException("group ids are not negative, got " + g);
            }
            groups = Math.max(groups, g + 1);
        }
        // members of each group, in catalogue order (a counting sort)
        int[] start = new int[groups + 1];
        for (int g : group) {
            start[g + 1]++;
        }
        for (int g = 0; g < groups; g++) {
            start[g + 1] += start[g];
        }
        int[] members = new int[n];
        int[] fill = Arrays.copyOf(start, groups);
        for (int i = 0; i < n; i++) {
            members[fill[group[i]]++] = i;
        }
        SplittableRandom rnd = new SplittableRandom(EpochOrder.mix(seed, epoch));
        // the groups that hold cutouts (a band or square of empty sky holds none), in a shuffled order
        int[] groupOrder = java.util.stream.IntStream.range(0, groups).filter(g -> start[g + 1] > start[g]).toArray();
        int used = groupOrder.length;
        shuffle(groupOrder, 0, used, rnd);
        int[] order = new int[n];
        int[] windows = new int[(used + windowGroups - 1) / windowGroups];
        int at = 0;
        int w = 0;
        for (int k = 0; k < used; k += windowGroups) {
            int from = at;
            for (int j = k; j < Math.min(used, k + windowGroups); j++) {
                int g = groupOrder[j];
                System.arraycopy(members, start[g], order, at, start[g + 1] - start[g]);
                at += start[g + 1] - start[g];
            }
            if (at > from) {
                windows[w++] = from;
                shuffle(order, from, at, rnd);
            }
        }
        return new LocalityOrder(order, Arrays.copyOf(windows, w));
    }

    /** The order alone, for an iterator. */
    public static int[] epoch(int[] group, int windowGroups, long seed, int epoch) {
        return of(group, windowGroups, seed, epoch).order();
    }

    /** Cutouts in window {@code k}. */
    public int windowSize(int k) {
        return (k + 1 < windowStarts.length ? windowStarts[k + 1] : order.length) - windowStarts[k];
    }

    private static void shuffle(int[] a, int from, int to, SplittableRandom rnd) {
        for (int i = to - 1; i > from; i--) {
            int j = from + rnd.nextInt(i - from + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
