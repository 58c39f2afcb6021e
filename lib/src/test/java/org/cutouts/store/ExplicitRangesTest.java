package org.cutouts.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The merge behind a batch's announced reads: the union of its byte ranges, as few disjoint runs as possible. */
class ExplicitRangesTest {

    private static List<long[]> union(long[] starts, long[] ends) {
        List<long[]> out = new ArrayList<>();
        ExplicitReads.union(starts, ends, starts.length, (a, b) -> out.add(new long[] {a, b}));
        return out;
    }

    @Test
    void overlappingAndTouchingRangesMergeAndGapsStay() {
        List<long[]> u = union(new long[] {100, 0, 10, 50, 60, 200}, new long[] {120, 10, 20, 70, 65, 200});
        assertEquals(3, u.size(), u.stream().map(java.util.Arrays::toString).toList().toString());
        assertEquals(List.of(0L, 20L), List.of(u.get(0)[0], u.get(0)[1]));
        assertEquals(List.of(50L, 70L), List.of(u.get(1)[0], u.get(1)[1]));
        assertEquals(List.of(100L, 120L), List.of(u.get(2)[0], u.get(2)[1]));
    }

    @Test
    void randomRangesGiveExactlyTheirUnion() {
        SplittableRandom r = new SplittableRandom(7);
        for (int round = 0; round < 300; round++) {
            int n = 1 + r.nextInt(40);
            long[] s = new long[n];
            long[] e = new long[n];
            BitSet covered = new BitSet();
            for (int i = 0; i < n; i++) {
                s[i] = r.nextInt(2000);
                e[i] = s[i] + r.nextInt(120);
                covered.set((int) s[i], (int) e[i]);
            }
            List<long[]> u = union(s, e);
            BitSet got = new BitSet();
            long last = -1;
            for (long[] run : u) {
                assertTrue(run[0] > last && run[1] > run[0], "disjoint, ascending, separated by a gap: " + run[0] + " after " + last);
                got.set((int) run[0], (int) run[1]);
                last = run[1];
            }
            assertEquals(covered, got, "round " + round);
            // as few runs as possible: each run is a maximal stretch of covered bytes
            assertEquals(covered.stream().filter(b -> b == 0 || !covered.get(b - 1)).count(), u.size(), "round " + round);
        }
    }
}
