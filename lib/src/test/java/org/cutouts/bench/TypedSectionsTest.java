package org.cutouts.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** The writes, memory, python and scaling sections: typed rows round trip through results.json, and the peer's JSON maps onto them. */
class TypedSectionsTest {
    static final Identity MMAP = new Identity("java", "MEMORY_MAPPED", "default", 16384L);

    static WriteRow write() {
        return new WriteRow(MMAP, "512x512", 1048576L, 100, 0.5, 200.0, "ok", "wall clock");
    }

    static MemoryRow memory() {
        return new MemoryRow(MMAP, null, null, MemoryRow.MANY, 100, 12.5,
                new MemoryRow.Rss(60.0, 4.0, 1.5, 2.5, 61.0, 3.0, 0.0, 1.0), null, "00ff", "ok", "fresh JVM");
    }

    static MemoryRow perCutout() {
        return new MemoryRow(new Identity("java", "MEMORY_MAPPED_TILED", "advice=random", 16384L), "512x512", "cold", "per-cutout", 50, null,
                new MemoryRow.Rss(40.0, 0.8, null, null, null, null, null, null), new MemoryRow.PerCutout(20.0, 16.0, 16.5, 16.0, 0.5, 16.0),
                "ab", "measured", "probe");
    }

    static ScalingRow scaling() {
        return new ScalingRow(MMAP, "1000x1000", 4000000L, 500, 0.25, new ScalingRow.Footprint(4000128L, 4001792L, 3L, 4L, 8003.6),
                new ScalingRow.Speed(2.0, 9.0, 80000.0, null, null), new ScalingRow.Memory(1.0, 0.5, 70.0, 3.0, null), "ok", "m");
    }

    static ScalingRow notApplicable() {
        return new ScalingRow(new Identity("java", "HDF5", "default", 16384L), "30000x30000", 3600000000L, 500, null, null, null, null,
                "not applicable: above 2 GiB", "Stores.write raised StoreException; nothing measured");
    }

    static ResultSet filled() {
        ResultSet rs = ResultSchemaTest.minimal();
        rs.add("writes", write());
        rs.add("memory", memory());
        rs.add("memory", perCutout());
        rs.add("memory", MemoryRow.failed(MMAP, "child exited 1", "fresh JVM"));
        rs.add("python", PythonRow.skipped("skipped: disabled with --no-python", "not run"));
        rs.add("scaling", scaling());
        rs.add("scaling", notApplicable());
        return rs;
    }

    @Test
    void typedSectionsRoundTripThroughResultsJson(@TempDir Path tmp) {
        BenchmarkResults written = filled().finish();
        assertEquals(List.of(), written.validate());
        written.write(tmp);
        BenchmarkResults back = BenchmarkResults.load(tmp);
        assertEquals(List.of(write()), back.writeRows());
        assertEquals(List.of(memory(), perCutout(), MemoryRow.failed(MMAP, "child exited 1", "fresh JVM")), back.memoryRows());
        assertEquals(List.of(PythonRow.skipped("skipped: disabled with --no-python", "not run")), back.pythonRows());
        assertEquals(List.of(scaling(), notApplicable()), back.scalingRows());
        assertNull(back.memoryRows().getFirst().perCutout(), "a group with no values reads back as null");
    }

    @Test
    void tablesNameTheRecordColumns() {
        BenchmarkResults r = filled().finish();
        assertEquals(ResultRecords.columns(WriteRow.class), r.writes().columnNames());
        assertEquals(ResultRecords.columns(MemoryRow.class), r.memory().columnNames());
        assertEquals(ResultRecords.columns(PythonRow.class), r.python().columnNames());
        assertEquals(ResultRecords.columns(ScalingRow.class), r.scaling().columnNames());
        Table m = r.memory();
        assertEquals(4.0, m.doubleColumn(MemoryRow.RSS_DELTA).get(0), 0);
        assertTrue(m.doubleColumn(MemoryRow.RSS_DELTA).isMissing(2), "a failed probe has no growth");
        assertEquals(8003.6, r.scaling().doubleColumn(DiskRow.ALLOCATED_PER_CUTOUT).get(0), 0);
    }

    @Test
    void aNullRequiredValueInAnOkRowIsNamed() {
        ResultSet rs = ResultSchemaTest.minimal();
        rs.add("memory", new MemoryRow(MMAP, null, null, MemoryRow.MANY, 100, 1.0, null, null, "00", "ok", "m"));
        assertTrue(rs.finish().validate().contains("sections.memory[0].rssMiB: null"));
    }

    @Test
    void anOlderSchemaVersionIsRefusedByName(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve(BenchmarkResults.FILE_NAME), "{\"schema\":\"cutouts-benchmark\",\"schemaVersion\":2,\"sections\":{}}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BenchmarkResults.load(tmp));
        assertTrue(e.getMessage().contains("schema version 2") && e.getMessage().contains("version " + BenchmarkResults.SCHEMA_VERSION), e.getMessage());
    }

    /** Rows as python/peer_bench.py writes them: flat, the Java column names, a kind naming the section, extra fields the records drop. */
    static final String PEER = """
            {"python": "3.13.5", "rows": [
             {"impl": "python", "strategy": "MEMORY_MAPPED", "variant": "numpy memmap", "kind": "status", "status": "ok", "method": "module and store check"},
             {"impl": "python", "strategy": "WHOLE_TENSOR", "variant": "torch.load", "kind": "load", "seconds": 1.5, "status": "ok", "method": "torch.save"},
             {"impl": "python", "strategy": "MEMORY_MAPPED", "variant": "numpy memmap", "kind": "latency", "order": "random", "cache": "warm",
              "threads": 1, "reads": 200, "reps": 3, "warmups": 1, "cutoutBytes": 16384, "meanUs": 5.0, "minUs": 4.0, "p50Us": 4.5,
              "p95Us": 7.0, "p99Us": 9.0, "maxUs": 20.0, "repMedianMinUs": 4.4, "repMedianMaxUs": 4.6, "checksum": "00ff",
              "residentPagesBefore": null, "residentPagesAfter": null, "filePages": null, "status": "ok", "method": "m1"},
             {"impl": "python", "strategy": "MEMORY_MAPPED", "variant": "numpy memmap", "kind": "throughput", "order": "random", "cache": "cold",
              "batch": 32, "threads": 1, "reads": 256, "reps": 2, "warmups": 1, "cutoutBytes": 16384, "cutoutsPerSecMedian": 1000.0,
              "cutoutsPerSecMin": 900.0, "cutoutsPerSecMax": 1100.0, "cutoutsPerSecIqr": 100.0, "mbPerSec": 16.384, "checksum": "0a",
              "residentPagesBefore": 0, "residentPagesAfter": 2, "filePages": 100, "status": "ok", "method": "m2"},
             {"impl": "python", "strategy": "MEMORY_MAPPED", "variant": "numpy memmap", "kind": "memory", "phase": "many", "reads": 100,
              "elapsedMs": 3.0, "rssMiB": 30.0, "rssDeltaMiB": 2.0, "rssAnonDeltaMiB": 0.5, "rssFileDeltaMiB": 1.5, "hwmMiB": 31.0,
              "heapUsedMiB": null, "directMiB": null, "mappedMiB": null, "checksum": "0b", "status": "ok", "method": "m3"}]}
            """;

    @Test
    void thePeersJsonMapsOntoTheSectionRecords() throws Exception {
        JsonNode doc = BenchJson.MAPPER.readTree(PEER);
        PythonPeer.Output out = PythonPeer.parse(doc);
        Identity py = new Identity("python", "MEMORY_MAPPED", "numpy memmap", 16384L);
        assertEquals(List.of("status", "load", "latency", "throughput", "memory"), out.ran().stream().map(PythonRow::kind).toList());
        assertEquals(1.5, out.ran().get(1).seconds());
        assertEquals(new LatencyRow(py, new ReadConditions("random", "warm", null, 1, 200, 3, 1, null),
                new LatencyRow.Times(5.0, 4.0, 4.5, 7.0, 9.0, 20.0, 4.4, 4.6, null, null, "00ff"), null, "ok", "m1"), out.latency().getFirst());
        ThroughputRow t = out.throughput().getFirst();
        assertEquals(1000.0, t.cutoutsPerSec());
        assertEquals(new Evictions(0L, 2L, 100L, null), t.evictions());
        MemoryRow m = out.memory().getFirst();
        assertEquals(new Identity("python", "MEMORY_MAPPED", "numpy memmap", null), m.id());
        assertEquals(new MemoryRow.Rss(30.0, 2.0, 0.5, 1.5, 31.0, null, null, null), m.rss());
        ResultSet rs = ResultSchemaTest.minimal();
        out.ran().forEach(r -> rs.add("python", r));
        // the runner sets the regime of the store the peer read
        out.latency().forEach(r -> rs.add("latency", r.withRegime("fits in memory")));
        out.throughput().forEach(r -> rs.add("throughput", r.withRegime("fits in memory").withRatios(new ThroughputRow.Ratios(0.1, 0.2))));
        out.memory().forEach(r -> rs.add("memory", r));
        assertEquals(List.of(), rs.finish().validate());
    }

    @Test
    void columnConstantsNameTheirRecordsColumns() {
        assertTrue(ResultRecords.columns(Identity.class).containsAll(List.of(Identity.IMPL, Identity.STRATEGY, Identity.VARIANT, Identity.CUTOUT_BYTES)));
        assertTrue(ResultRecords.columns(ReadConditions.class).containsAll(List.of(ReadConditions.ORDER, ReadConditions.CACHE, ReadConditions.BATCH,
                ReadConditions.THREADS, ReadConditions.WARMUPS)));
        assertTrue(ResultRecords.columns(DiskRow.class).containsAll(List.of(DiskRow.FILES, DiskRow.INODES, DiskRow.APPARENT_BYTES, DiskRow.ALLOCATED_BYTES,
                DiskRow.ALLOCATED_PER_CUTOUT, DiskRow.ALLOCATED_OVER_APPARENT, ResultColumns.STATUS, ResultColumns.METHOD)));
        assertTrue(ResultRecords.columns(LatencyRow.class).containsAll(List.of(LatencyRow.P50, LatencyRow.P95, LatencyRow.P99, LatencyRow.MEAN,
                LatencyRow.REP_MEDIAN_MIN, LatencyRow.REP_MEDIAN_MAX)));
        assertTrue(ResultRecords.columns(LimitRow.class).containsAll(List.of(LimitRow.NAME, LimitRow.MB_PER_SEC_MEDIAN, LimitRow.MB_PER_SEC_MIN,
                LimitRow.MB_PER_SEC_MAX, ReadConditions.CACHE, ReadConditions.BATCH)));
        assertTrue(ResultRecords.columns(MemoryRow.class).containsAll(List.of(MemoryRow.PHASE, MemoryRow.READS, MemoryRow.RSS_DELTA,
                MemoryRow.RSS_ANON_DELTA, MemoryRow.RSS_FILE_DELTA, MemoryRow.HWM, MemoryRow.HEAP_USED, MemoryRow.MAPPED)));
        assertTrue(ResultRecords.columns(WriteRow.class).containsAll(List.of(WriteRow.SECONDS, WriteRow.CUTOUTS_PER_SEC)));
        assertTrue(ResultRecords.columns(PythonRow.class).containsAll(List.of(PythonRow.KIND, PythonRow.SECONDS)));
        assertTrue(ResultRecords.columns(ScalingRow.class).containsAll(List.of(ScalingRow.MOSAIC, ScalingRow.CUTOUTS, ScalingRow.WRITE_SECONDS,
                ScalingRow.ALLOCATED_BYTES, ScalingRow.FILES, ScalingRow.WARM_P50, ScalingRow.WARM_RATE, ScalingRow.COLD_RATE,
                ScalingRow.RSS_GROWTH, ScalingRow.OWNED_GROWTH)));
        assertTrue(ResultRecords.columns(TargetRow.class).contains(TargetRow.COMPARISON));
    }
}
