package org.cutouts.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The scan that decides whether a read must check its file for truncation: +0.0f only, inside the range only. */
class ZeroWordScanTest {

    @Test
    void findsPositiveZeroAnywhereInTheRange() {
        float[] a = new float[1000];
        Arrays.fill(a, 1.5f);
        for (int at : new int[] {3, 4, 500, 996}) {
            a[at] = 0f;
            assertTrue(AbstractStore.hasZeroWord(a, 3, 997), "zero at " + at);
            a[at] = 1.5f;
        }
        assertFalse(AbstractStore.hasZeroWord(a, 3, 997));
    }

    @Test
    void ignoresNegativeZeroNanAndWordsOutsideTheRange() {
        float[] a = new float[64];
        Arrays.fill(a, -0.0f);
        a[1] = Float.NaN;
        a[2] = Float.intBitsToFloat(1); // smallest subnormal: not a zero word
        a[3] = Float.intBitsToFloat(0x80000001);
        a[0] = 0f;
        a[63] = 0f;
        assertFalse(AbstractStore.hasZeroWord(a, 1, 63));
        assertTrue(AbstractStore.hasZeroWord(a, 0, 63));
        assertTrue(AbstractStore.hasZeroWord(a, 1, 64));
        assertFalse(AbstractStore.hasZeroWord(a, 5, 5));
    }
}
