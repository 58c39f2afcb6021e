package org.cutouts.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class WorkbookConfigTest {

    @Test
    void defaultsWithoutVariables() {
        var cfg = WorkbookConfig.fromMap(Map.of(WorkbookConfig.ROOT, "/proj"));
        assertFalse(cfg.quick());
        assertEquals(5000, cfg.mosaicSize());
        assertEquals(10_000, cfg.count());
        assertEquals(64, cfg.cutoutSize());
        assertEquals(42, cfg.seed());
        assertEquals(Path.of("/proj/data"), cfg.dataDir());
        assertEquals(Path.of("/proj/build/workbook"), cfg.buildDir());
        assertEquals(Path.of("/proj/build/workbook/figures"), cfg.figuresDir());
        assertEquals("", cfg.notebook());
        assertEquals("default", cfg.sources().get(WorkbookConfig.COUNT));
    }

    @Test
    void quickModeShrinksEverythingAndKeepsItsOwnFolders() {
        var cfg = WorkbookConfig.fromMap(Map.of(WorkbookConfig.ROOT, "/proj", WorkbookConfig.QUICK, "1"));
        assertTrue(cfg.quick());
        assertTrue(cfg.mosaicSize() < 5000);
        assertTrue(cfg.count() < 10_000);
        assertEquals(Path.of("/proj/data/quick"), cfg.dataDir());
        assertEquals(Path.of("/proj/build/workbook-quick"), cfg.buildDir());
    }

    @Test
    void variablesOverrideAndRelativeDirsResolveAgainstTheRoot() {
        var cfg = WorkbookConfig.fromMap(Map.of(
                WorkbookConfig.ROOT, "/proj",
                WorkbookConfig.QUICK, "true",
                WorkbookConfig.MOSAIC_SIZE, "2_000",
                WorkbookConfig.COUNT, " 123 ",
                WorkbookConfig.DATA_DIR, "scratch/d",
                WorkbookConfig.BUILD_DIR, "/tmp/out",
                WorkbookConfig.NOTEBOOK, "03-bench"));
        assertEquals(2000, cfg.mosaicSize());
        assertEquals(123, cfg.count());
        assertEquals(Path.of("/proj/scratch/d"), cfg.dataDir());
        assertEquals(Path.of("/tmp/out"), cfg.buildDir());
        assertEquals("03-bench", cfg.notebook());
        assertEquals(WorkbookConfig.MOSAIC_SIZE, cfg.sources().get(WorkbookConfig.MOSAIC_SIZE));
    }

    @Test
    void blankVariablesMeanDefault() {
        var cfg = WorkbookConfig.fromMap(Map.of(WorkbookConfig.ROOT, "/proj", WorkbookConfig.COUNT, "  "));
        assertEquals(10_000, cfg.count());
    }

    @Test
    void badValuesNameTheVariable() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> WorkbookConfig.fromMap(Map.of(WorkbookConfig.MOSAIC_SIZE, "big")));
        assertTrue(e.getMessage().contains("CUTOUTS_MOSAIC_SIZE"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> WorkbookConfig.fromMap(Map.of(WorkbookConfig.QUICK, "maybe")));
        assertTrue(e.getMessage().contains("CUTOUTS_QUICK"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> WorkbookConfig.fromMap(Map.of(WorkbookConfig.MOSAIC_SIZE, "0")));
        assertTrue(e.getMessage().contains("CUTOUTS_MOSAIC_SIZE"), e.getMessage());
    }

    @Test
    void tableListsEverySettingAndWhereItCameFrom() {
        var cfg = WorkbookConfig.fromMap(Map.of(WorkbookConfig.ROOT, "/proj", WorkbookConfig.COUNT, "7"));
        Table t = cfg.toTable();
        assertEquals(3, t.columnCount());
        assertEquals(7, t.rowCount());
        assertEquals("7", t.stringColumn("value").get(2));
        assertEquals("CUTOUTS_COUNT", t.stringColumn("from").get(2));
        assertEquals("data/", t.stringColumn("value").get(5));
    }

    @Test
    void rootIsFoundFromTheWorkingDirectory() {
        // surefire runs in lib/; the project root above it has notebooks/ and pom.xml
        var cfg = WorkbookConfig.fromMap(Map.of());
        assertTrue(cfg.root().resolve("pom.xml").toFile().isFile(), cfg.root().toString());
    }

    @Test
    void tablesShowPathsInsideTheProjectRelative() {
        var cfg = WorkbookConfig.fromMap(Map.of(WorkbookConfig.ROOT, "/proj"));
        var t = tech.tablesaw.api.Table.create("spec", tech.tablesaw.api.StringColumn.create("setting", "outDir", "elsewhere", "mode"),
                tech.tablesaw.api.StringColumn.create("value", "/proj/build/workbook/bench", "/opt/data", "full"));
        var shown = cfg.withDisplayPaths(t);
        assertEquals(java.util.List.of("build/workbook/bench/", "/opt/data", "full"), shown.stringColumn("value").asList());
        assertEquals("/proj/build/workbook/bench", t.stringColumn("value").get(0));
    }
}
