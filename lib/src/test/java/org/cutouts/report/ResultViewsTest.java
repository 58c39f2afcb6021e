package org.cutouts.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.cutouts.bench.BenchmarkResults;
import org.cutouts.bench.DiskRow;
import org.cutouts.bench.Identity;
import org.cutouts.bench.LatencyRow;
import org.cutouts.bench.LimitRow;
import org.cutouts.bench.MemoryRow;
import org.cutouts.bench.PythonRow;
import org.cutouts.bench.ReadConditions;
import org.cutouts.bench.ResultSet;
import org.cutouts.bench.RunSpec;
import org.cutouts.bench.ScalingRow;
import org.cutouts.bench.TargetRow;
import org.cutouts.bench.ThroughputRow;
import org.cutouts.bench.WriteRow;
import org.cutouts.bench.Row;
import org.junit.jupiter.api.Test;

/** The notebook views and the Markdown tables read typed rows: every column they name exists, and values land under their headers. */
class ResultViewsTest {
    static final Identity MMAP = new Identity("java", "MEMORY_MAPPED", "default", 16384L);

    static BenchmarkResults oneOfEach() {
        Row machine = new Row().put("cpuModel", "x").put("logicalCpus", 2).put("memTotalBytes", 1L << 30).put("kernel", "6")
                .put("filesystem", "ext4").put("jdk", "25");
        ResultSet rs = new ResultSet(machine, RunSpec.quick().toBuilder().mode("test").seed(1).mosaic(10).cutouts(5).build(), 5);
        rs.add("writes", new WriteRow(MMAP, "10x10", 400L, 5, 0.5, 10.0, "ok", "wall clock"));
        rs.add("disk", new DiskRow(MMAP, 5, 4000L, 8192L, 3L, 1L, 4L, 800.0, 1638.4, 2.048, "ok", "statx"));
        rs.add("limits", new LimitRow("memcpy", "warm", 32, 524288L, 2, 9000.0, 8000.0, 9500.0, 16384L, 549316.0, null, "ok", "copy"));
        rs.add("latency", new LatencyRow(MMAP, new ReadConditions("random", "warm", null, 1, 5, 2, 1, "fits in memory"),
                new LatencyRow.Times(3.0, 1.0, 2.5, 4.0, 5.0, 6.0, 2.4, 2.6, 2.9, 3.1, "00"), null, "ok", "m"));
        rs.add("throughput", new ThroughputRow(MMAP, new ReadConditions("random", "warm", 32, 1, 5, 2, 1, "fits in memory"),
                new ThroughputRow.Rates(4321.0, 4000.0, 4500.0, 100.0, 70.8, "00"), null, new ThroughputRow.Ratios(0.5, 0.25), null, null, "ok", "m"));
        rs.add("memory", new MemoryRow(MMAP, null, null, MemoryRow.MANY, 5, 1.0, new MemoryRow.Rss(60.0, 7.5, 1.25, 6.25, 61.0, 3.0, 0.0, 1.0),
                null, "00", "ok", "probe"));
        rs.add("python", PythonRow.skipped("skipped: disabled with --no-python", "not run"));
        rs.add("scaling", new ScalingRow(MMAP, "10x10", 400L, 5, 0.25, new ScalingRow.Footprint(4000L, 8192L, 3L, 4L, 1638.4),
                new ScalingRow.Speed(2.0, 9.0, 800.0, null, null), null, "ok", "m"));
        rs.add("targets", TargetRow.judged("t", 2.0, 1.0, "x", ">=", "how"));
        return rs.finish();
    }

    @Test
    void everyViewNamesColumnsOfItsSection() {
        BenchmarkResults r = oneOfEach();
        assertEquals(List.of(), r.validate());
        assertEquals(8, ResultViews.disk(r).columnCount());
        assertEquals(2.5, ResultViews.latency(r).doubleColumn(LatencyRow.P50).get(0), 0);
        assertEquals(9000.0, ResultViews.limits(r).doubleColumn(LimitRow.MB_PER_SEC_MEDIAN).get(0), 0);
        assertEquals(1.25, ResultViews.memory(r).doubleColumn(MemoryRow.RSS_ANON_DELTA).get(0), 0);
        assertEquals("status", ResultViews.python(r).stringColumn(PythonRow.KIND).get(0));
        assertEquals(800.0, ResultViews.scaling(r).doubleColumn(ScalingRow.WARM_RATE).get(0), 0);
    }

    @Test
    void theMarkdownTablesShowTypedValuesUnderTheirHeaders() {
        String md = MarkdownReport.render(oneOfEach(), null);
        assertTrue(md.contains("| java | MEMORY_MAPPED | default | random | warm | 32 | 1 | 4,321 | 4,000 – 4,500 | 70.8 | 0.500 | 0.250 | ok |"), md);
        assertTrue(md.contains("| MEMORY_MAPPED | java | default | 1,638 | 2.50 |  | 4,321 |  | 7.50 | 1.25 |"), md);
        assertTrue(md.contains("| t | 2.00 | 1.00 | pass |"), "the targets table shows each target's result: " + md);
        assertTrue(md.contains("| status | ALL | peer_bench.py |  | skipped: disabled with --no-python |"), md);
        assertTrue(md.contains("| MEMORY_MAPPED | 10x10 | 5 | 0.250 | 0.00781 | 3 | 1,638 | 2.00 | 9.00 | 800 |  |  |  | ok |"), md);
        assertTrue(md.contains("- `memory`: probe"), md);
    }
}
