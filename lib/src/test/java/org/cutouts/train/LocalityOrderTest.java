package org.cutouts.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.cutouts.store.CutoutStore;
import org.cutouts.store.Strategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalityOrderTest {
    @TempDir
    Path tmp;

    /** 1,000 cutouts in 37 groups of uneven size. */
    static int[] groups() {
        int[] g = new int[1000];
        for (int i = 0; i < g.length; i++) {
            int r = (int) (i * 7919L % 37);
            g[i] = r < 5 ? 0 : r; // ids 1 to 4 never occur
        }
        return g;
    }

    @Test
    void anOrderVisitsEveryCutoutOnceAndEachWindowHoldsWholeGroups() {
        int[] group = groups();
        LocalityOrder o = LocalityOrder.of(group, 4, 42, 3);

        int[] sorted = o.order().clone();
        Arrays.sort(sorted);
        assertArrayEquals(EpochOrder.identity(group.length), sorted);
        Set<Integer> seen = new HashSet<>();
        int total = 0;
        for (int k = 0; k < o.windowStarts().length; k++) {
            Set<Integer> inWindow = new HashSet<>();
            for (int j = o.windowStarts()[k]; j < o.windowStarts()[k] + o.windowSize(k); j++) {
                inWindow.add(group[o.order()[j]]);
            }
            assertTrue(inWindow.size() <= 4, "window " + k + " holds groups " + inWindow);
            for (int g : inWindow) {
                assertTrue(seen.add(g), "group " + g + " is split over two windows");
            }
            total += o.windowSize(k);
        }
        assertEquals(group.length, total);
        // 33 non-empty groups (ids 1..4 never occur) in windows of 4
        assertEquals(9, o.windowStarts().length);
    }

    @Test
    void anEpochDependsOnSeedAndEpochAlone() {
        int[] group = groups();
        assertArrayEquals(LocalityOrder.epoch(group, 4, 42, 3), LocalityOrder.epoch(group, 4, 42, 3));
        assertFalse(Arrays.equals(LocalityOrder.epoch(group, 4, 42, 3), LocalityOrder.epoch(group, 4, 42, 4)));
        assertFalse(Arrays.equals(LocalityOrder.epoch(group, 4, 42, 3), LocalityOrder.epoch(group, 4, 43, 3)));
    }

    @Test
    void withinAWindowTheCutoutsAreShuffled() {
        int[] group = new int[400];
        LocalityOrder o = LocalityOrder.of(group, 1, 7, 0);
        assertEquals(1, o.windowStarts().length);
        assertFalse(Arrays.equals(EpochOrder.identity(400), o.order()));
    }

    @Test
    void badArgumentsAreRefused() {
        assertEquals("a window holds at least one group, got 0",
                assertThrows(IllegalArgumentException.class, () -> LocalityOrder.of(new int[3], 0, 1, 0)).getMessage());
        assertEquals("group ids are not negative, got -2",
                assertThrows(IllegalArgumentException.class, () -> LocalityOrder.of(new int[] {0, -2}, 2, 1, 0)).getMessage());
        assertEquals(0, LocalityOrder.of(new int[0], 2, 1, 0).order().length);
    }

    @Test
    void groupsFollowEachLayoutsNeighbourhood() {
        // 200x160 mosaic, 16x16 stamps, 79 cutouts; a 40-row band is 200 * 4 * 40 bytes
        try (CutoutStore rowMajor = TrainFixtures.store(Strategy.MEMORY_MAPPED, tmp);
             CutoutStore stacked = TrainFixtures.store(Strategy.STACKED, tmp);
             CutoutStore tiled = TrainFixtures.store(Strategy.MEMORY_MAPPED_TILED, tmp)) {
            int[] bands = LocalityGroups.of(rowMajor, 200L * 4 * 40);
            for (int i = 0; i < rowMajor.size(); i++) {
                int y = Math.min(Math.max((int) Math.floor(rowMajor.catalogue().y(i)), 0), 159);
                assertEquals(y / 40, bands[i], "cutout " + i + " at row " + y);
            }
            // 10 slots of 16x16 float32 per group
            int[] runs = LocalityGroups.of(stacked, 10L * 16 * 16 * 4);
            for (int i = 0; i < stacked.size(); i++) {
                assertEquals(i / 10, runs[i]);
            }
            // bands of whole tile rows: 2.5 tile rows' bytes make bands of 2 tile rows (128 mosaic rows)
            int[] tileBands = LocalityGroups.of(tiled, 200L * 4 * 64 * 5 / 2);
            for (int i = 0; i < tiled.size(); i++) {
                int y = Math.min(Math.max((int) Math.floor(tiled.catalogue().y(i)), 0), 159);
                assertEquals(y / 128, tileBands[i], "cutout " + i);
            }
            assertEquals("a locality group needs a positive size in bytes, got 0",
                    assertThrows(IllegalArgumentException.class, () -> LocalityGroups.of(stacked, 0)).getMessage());
        }
    }
}
