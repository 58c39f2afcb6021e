package org.cutouts.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** Typed rows go into results.json as flat columns and come back equal; the table form names the same columns. */
class TypedResultsTest {
    static ThroughputRow warm() {
        return new ThroughputRow(new Identity("java", "MEMORY_MAPPED", "default", 4096L), new ReadConditions("random", "warm", 32, 1, 128, 2, 1, "fits in memory"),
                new ThroughputRow.Rates(1000.0, 900.0, 1100.0, 50.0, 4.096, "00ff"), null, new ThroughputRow.Ratios(0.5, 0.25), null, null, "ok", "m");
    }

    static ThroughputRow coldIsolated() {
        return new ThroughputRow(new Identity("java", "MEMORY_MAPPED_TILED", "readahead off", 16384L), new ReadConditions("random", "cold-isolated", 1, 1, 10, 1, null, "fits in memory"),
                ThroughputRow.Rates.single(100, 16384, "ab"), new Evictions(null, 3L, null, "evicted before each read"), new ThroughputRow.Ratios(0.1, 0.2),
                new ThroughputRow.ReadPath("advice=random", null), new ThroughputRow.ColdBytes(40.0, 80.0, 20000.0, 1.2, 2.0, 5.0, 1.25), "ok", "cold");
    }

    @Test
    void throughputRowsRoundTripThroughResultsJson(@TempDir Path tmp) {
        ResultSet rs = ResultSchemaTest.minimal();
        rs.add("throughput", warm());
        rs.add("throughput", coldIsolated());
        rs.add("targets", TargetRow.judged("t", 2.0, 1.0, "x", ">=", "how"));
        BenchmarkResults written = rs.finish();
        assertEquals(List.of(), written.validate());
        written.write(tmp);
        BenchmarkResults back = BenchmarkResults.load(tmp);
        assertEquals(List.of(warm(), coldIsolated()), back.throughputRows());
        assertNull(back.throughputRows().getFirst().cold(), "a group with no values reads back as null");
        assertEquals("pass", org.cutouts.bench.targets.TargetTable.rows(back).getFirst().status());
        Table t = back.throughput();
        assertEquals(ResultRecords.columns(ThroughputRow.class), t.columnNames());
        assertEquals(1000.0, t.doubleColumn(ThroughputRow.MEDIAN).get(0), 0);
    }

    @Test
    void theMedianConstantNamesTheRecordComponent() {
        assertEquals(ThroughputRow.MEDIAN, ThroughputRow.Rates.class.getRecordComponents()[0].getName());
        assertTrue(ThroughputRow.requiredColumns().contains(ThroughputRow.MEDIAN));
    }

    @Test
    void aRequiredThroughputColumnThatIsMissingIsNamed() {
        ResultSet rs = ResultSchemaTest.minimal();
        rs.add("throughput", ResultRecords.toRow(warm()).put(ThroughputRow.MEDIAN, "fast"));
        List<String> errors = rs.finish().validate();
        assertTrue(errors.stream().anyMatch(e -> e.startsWith("sections.throughput[0]." + ThroughputRow.MEDIAN + ": expected number")), errors.toString());
    }
}
