package org.cutouts.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.List;
import org.cutouts.store.CutoutSpec;
import org.cutouts.store.EdgePolicy;
import org.cutouts.store.Strategy;
import org.junit.jupiter.api.Test;

class RunSpecTest {
    /** A spec in which every field differs from {@link RunSpec#full()}. */
    static RunSpec everyFieldChanged() {
        return RunSpec.builder(RunSpec.full()).mode("m").cutout(new CutoutSpec(24, 16, EdgePolicy.STRICT, 0f)).readOptions(List.of("default", "touch"))
                .mosaic(777).sources(12).cutouts(34).seed(9).strategies(List.of(Strategy.HDF5)).batches(List.of(3)).threads(List.of(2))
                .latencyReads(5).throughputReads(6).warmups(0).minWarmupReads(7).reps(8).coldReps(9).cold(false).sequential(false)
                .memory(false).memoryReads(10).childMaxHeap("2g").memcpyBytesPerRep(11L).python(false).pythonExe("py").pythonScript(Path.of("p.py"))
                .pythonReps(4).scaling(new RunSpec.Scaling(true, List.of(1), List.of(2), List.of(3), 4, 5, 6, true))
                .targets(new RunSpec.Targets(1, 2, false, 3, false))
                .regimes(new RunSpec.Regimes(false, List.of(org.cutouts.bench.regime.Regime.FITS_IN_MEMORY), List.of(Strategy.STACKED),
                        List.of("explicit"), 1, 2, 3, List.of(4), 5, 6, 7, 8.5, "9m")).dataDir(Path.of("d")).outDir(Path.of("o")).reuse(true).build();
    }

    @Test
    void everyFieldIsSetByTheBuilderAndSurvivesJson() throws Exception {
        RunSpec full = RunSpec.full();
        RunSpec s = everyFieldChanged();
        for (RecordComponent c : RunSpec.class.getRecordComponents()) {
            Object a = c.getAccessor().invoke(full);
            Object b = c.getAccessor().invoke(s);
            if (c.getName().equals("mosaicHeight")) {
                continue; // set with mosaicWidth by mosaic(side)
            }
            assertNotEquals(a, b, "the builder does not set " + c.getName());
        }
        String json = BenchJson.MAPPER.writeValueAsString(s);
        assertEquals(s, BenchJson.MAPPER.readValue(json, RunSpec.class), json);
    }

    @Test
    void theRecordedSpecRoundTripsThroughResultsJson(@org.junit.jupiter.api.io.TempDir Path tmp) {
        RunSpec s = everyFieldChanged();
        ResultSet rs = new ResultSet(ResultSchemaTest.minimal().machine(), s, 34);
        rs.finish().write(tmp);
        BenchmarkResults back = BenchmarkResults.load(tmp);
        assertEquals(s, back.spec());
        assertEquals(34, back.catalogueSize());
    }

    @Test
    void theTableSaysWhatARunMeasuresInWordsNotJson() {
        RunSpec s = RunSpec.full().toBuilder().strategies(List.of(Strategy.INDIVIDUAL_FILES, Strategy.MEMORY_MAPPED_TILED)).batches(List.of(32, 256))
                .scaling(RunSpec.full().scaling().withOn(true))
                .regimes(RunSpec.quick().regimes().withReadahead(List.of(Strategy.STACKED))).build();
        tech.tablesaw.api.Table t = s.toTable();
        java.util.Map<String, String> rows = new java.util.HashMap<>();
        for (int i = 0; i < t.rowCount(); i++) {
            rows.put(t.stringColumn("setting").get(i), t.stringColumn("value").get(i));
        }
        assertEquals("individual .npy files, memory-mapped tiles", rows.get("stores"));
        assertEquals("64 x 64 px float32, padded with NaN past the mosaic's edge", rows.get("cutout"));
        assertEquals("5,000 x 5,000 px, synthetic, seed 42", rows.get("mosaic size"));
        assertEquals("10,000, one per source", rows.get("cutouts"));
        assertEquals("32, 256 cutouts; latency reads one at a time", rows.get("batches"));
        assertTrue(rows.get("regimes").startsWith("fits in memory, larger than memory; individual .npy files, stacked cutouts .npy, "
                + "memory-mapped .npy; read paths default, explicit; readahead on also for stacked cutouts .npy; a mosaic of 8,400² px, 20,000 cutouts; "
                + "a 64 MiB memory cgroup"), rows.get("regimes"));
        assertEquals("mosaics of 1,000², 5,000² and 20,000² px at 10,000 cutouts; 1,000, 10,000 and 100,000 cutouts of the 5,000² px mosaic; "
                + "the mapped store alone at 25,000² px; 1,024 reads per point", rows.get("scaling"));
        for (String v : rows.values()) {
            assertTrue(!v.contains("{") && !v.contains("[") && !v.contains("MEMORY_MAPPED"), "raw JSON or enum names in: " + v);
        }
    }

    @Test
    void unsetValuesComeFromTheParent() {
        RunSpec q = RunSpec.quick();
        RunSpec s = q.toBuilder().seed((Long) null).mosaic(null).reps(4).build();
        assertEquals(q.seed(), s.seed());
        assertEquals(q.mosaicWidth(), s.mosaicWidth());
        assertEquals(4, s.reps());
        assertEquals(RunSpec.full().cutout(), q.cutout());
        assertEquals(List.of(256), RunSpec.fastPaths().batches());
    }

    @Test
    void aBadReadOptionFailsWhenTheSpecIsBuilt() {
        assertThrows(IllegalArgumentException.class, () -> RunSpec.quick().toBuilder().readOptions(List.of("advice=sideways")).build());
    }

    @Test
    void anOlderResultsFileIsRefusedByVersion(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        java.nio.file.Files.writeString(tmp.resolve(BenchmarkResults.FILE_NAME), "{\"schema\":\"cutouts-benchmark\",\"schemaVersion\":1}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BenchmarkResults.load(tmp));
        assertTrue(e.getMessage().contains("version 1"), e.getMessage());
    }
}
