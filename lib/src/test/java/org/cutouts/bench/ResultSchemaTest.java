package org.cutouts.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

class ResultSchemaTest {

    static ResultSet minimal() {
        Row machine = new Row().put("cpuModel", "x").put("logicalCpus", 2).put("memTotalBytes", 1L << 30).put("kernel", "6")
                .put("filesystem", "ext4").put("jdk", "25");
        RunSpec spec = RunSpec.quick().toBuilder().mode("test").seed(1).mosaic(10).cutouts(5).build();
        return new ResultSet(machine, spec, 5);
    }

    static Row latencyRow() {
        return new Row().put("impl", "java").put("strategy", "S").put("variant", "default").put("order", "random").put("cache", "warm").put("regime", "fits in memory")
                .put("reads", 10).put("reps", 2).put("meanUs", 1.0).put("minUs", 0.5).put("p50Us", 1.0).put("p95Us", 2.0)
                .put("p99Us", 3.0).put("maxUs", 4.0).put("repMedianMinUs", 1.0).put("repMedianMaxUs", 1.1).put("checksum", "00")
                .put("status", "ok").put("method", "m");
    }

    @Test
    void aMinimalDocumentConforms() {
        ResultSet rs = minimal();
        rs.add("latency", latencyRow());
        assertEquals(List.of(), rs.finish().validate());
    }

    @Test
    void missingFieldsAndWrongTypesAreNamed() {
        ResultSet rs = minimal();
        Row r = latencyRow().put("p99Us", "fast");
        r.asMap().remove("method");
        rs.add("latency", r);
        List<String> errors = rs.finish().validate();
        assertTrue(errors.contains("sections.latency[0].method: missing"), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.startsWith("sections.latency[0].p99Us: expected number")), errors.toString());
    }

    @Test
    void nullNumbersOnlyInRowsThatAreNotOk() {
        ResultSet rs = minimal();
        rs.add("latency", latencyRow().put("p99Us", Double.NaN));
        rs.add("latency", latencyRow().put("p99Us", null).put("status", "skipped: python3-torch not installed"));
        List<String> errors = rs.finish().validate();
        assertEquals(List.of("sections.latency[0].p99Us: null"), errors);
    }

    @Test
    void topLevelProblemsAreFound() {
        ObjectNode root = minimal().finish().json();
        root.remove("machine");
        root.put("schemaVersion", 99);
        List<String> errors = ResultSchema.validate(root);
        assertTrue(errors.contains("results.machine: missing"), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.startsWith("results.schemaVersion")), errors.toString());
    }

    @Test
    void tablesInferColumnTypesAndKeepMissingValues() {
        ResultSet rs = minimal();
        rs.add("latency", latencyRow());
        rs.add("latency", latencyRow().put("p99Us", null).put("status", "skipped: x").put("variant", "tiled"));
        Table t = rs.finish().latency();
        assertEquals(2, t.rowCount());
        assertEquals(ColumnType.DOUBLE, t.column("p99Us").type());
        assertEquals(ColumnType.INTEGER, t.column("reads").type());
        assertEquals(ColumnType.STRING, t.column("variant").type());
        assertTrue(t.column("p99Us").isMissing(1));
    }
}
