package org.cutouts.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.cutouts.data.MosaicSpec;
import org.cutouts.store.CutoutSpec;
import org.cutouts.store.Strategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class MemoryFlatnessTest {
    @TempDir
    Path tmp;

    @Test
    void streamingStoresDoNotGrowWithTheCutoutCountButTheControlDoes() {
        int[] counts = {500, 8000};
        CutoutSpec spec = CutoutSpec.square(32); // 8000 cutouts = 31 MiB materialised
        Table t = MemoryFlatness.measure(tmp, MosaicSpec.of(600, 600, 50, 3), counts, spec,
                List.of(Strategy.MEMORY_MAPPED, Strategy.HDF5), 64);
        assertEquals(3 * counts.length, t.rowCount());
        for (int row = 0; row < t.rowCount(); row++) {
            String s = t.stringColumn("strategy").get(row);
            double heapGrowth = t.doubleColumn("heap_growth_mb").get(row);
            double anonGrowth = t.doubleColumn("rss_anon_growth_mb").get(row);
            int n = t.intColumn("cutouts").get(row);
            if (s.equals(MemoryFlatness.CONTROL)) {
                if (n == 8000) {
                    assertTrue(anonGrowth > 20, "the materialised control should hold ~31 MiB, RssAnon grew " + anonGrowth);
                }
            } else {
                assertTrue(heapGrowth < 8, s + " " + n + ": heap grew " + heapGrowth + " MiB over an epoch");
                assertTrue(anonGrowth < 16, s + " " + n + ": RssAnon grew " + anonGrowth + " MiB over an epoch");
            }
        }
    }
}
