package org.cutouts.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.cutouts.data.CatalogueRecipe;
import org.cutouts.data.MosaicSpec;
import org.cutouts.store.CutoutSpec;
import org.cutouts.store.Strategy;
import org.cutouts.store.Workspace;
import org.cutouts.store.WriteProgress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class StoreTablesTest {
    @Test
    void crossoverIsTheStampCountWhoseFilesMatchTheMosaic() {
        // 5000^2 float32 + 128-byte header against 64x64 stamps of 128 + 16384 bytes: ceil(100000128 / 16512)
        var m = new StorageModel(CutoutSpec.square(64), 5000, 5000, 10_000);
        assertEquals(16_512, m.stampFileBytes());
        assertEquals(100_000_128, m.mosaicFileBytes());
        assertEquals(6_057, m.crossover());
        Table t = m.table();
        assertEquals(10_000, t.longColumn("files").get(0));
        assertEquals(10_000 * 16_512 / 1048576.0, t.doubleColumn("MiB on disk").get(0), 1e-9);
        // one header for all: the stacked file holds the same pixels without 10,000 headers and inodes
        assertEquals(1, t.longColumn("files").get(1));
        assertEquals((128 + 10_000 * 16_384L) / 1048576.0, t.doubleColumn("MiB on disk").get(1), 1e-9);
    }

    @Test
    void bitIdenticalComparesRawBitsSoNaNFillCounts() {
        assertTrue(StoreTables.bitIdentical(new float[] {Float.NaN, 1f}, new float[] {Float.NaN, 1f}));
        assertFalse(StoreTables.bitIdentical(new float[] {0f}, new float[] {-0f}));
        assertFalse(StoreTables.bitIdentical(new float[] {1f}, new float[] {1f, 2f}));
    }

    @Test
    void everyStrategyAgreesWithTheMappedStoreOnASmallMosaic(@TempDir Path dir) {
        Workspace ws = Workspace.generate(MosaicSpec.of(300, 200, 40, 3), CatalogueRecipe.sources(), dir, WriteProgress.NONE);
        List<Strategy> all = List.of(Strategy.values());
        StoreTables.writeAll(ws, CutoutSpec.square(16), all, WorkbookConfig.fromEnvironment());
        int[] idx = StoreTables.sample(ws.catalogue().size(), 30, 1);
        Table t = StoreTables.agreement(ws, Strategy.MEMORY_MAPPED, all, idx);
        assertEquals(all.size(), t.rowCount());
        for (int r = 0; r < t.rowCount(); r++) {
            assertEquals(idx.length, t.intColumn(2).get(r), t.stringColumn(0).get(r));
        }
        assertEquals(all.size(), StoreTables.disk(StoreTables.diskUsage(ws, all), 40).rowCount());
    }

    @Test
    void notebookIndexListsEveryNotebookWithItsTitle() {
        Path notebooks = Path.of("..", "notebooks");
        Table t = NotebookIndex.of(notebooks);
        assertTrue(t.rowCount() >= 7, t.print());
        assertEquals("01-overview.ipynb", t.stringColumn(0).get(0));
        for (String title : t.stringColumn(1)) {
            assertFalse(title.isBlank(), t.print());
        }
    }
}
