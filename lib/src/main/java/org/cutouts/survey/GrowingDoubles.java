package org.cutouts.survey;

import java.util.Arrays;

/** An append-only column of doubles, for readers that do not know the row count in advance. */
final class GrowingDoubles {
    private double[] values = new double[1024];
    private int size;

    void add(double v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
    }

    int size() {
        return size;
    }

    double[] toArray() {
        return Arrays.copyOf(values, size);
    }

    int[] toInts() {
        int[] out = new int[size];
        for (int i = 0; i < size; i++) {
            out[i] = (int) values[i];
        }
        return out;
    }
}
