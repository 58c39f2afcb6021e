package org.cutouts.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.cutouts.bench.BenchmarkResults;
import org.cutouts.store.Strategy;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** The verdict is computed from the rows it is given: rankings, factors and the recommendation rule. */
class VerdictTest {
    static final ObjectMapper JSON = new ObjectMapper();

    /** Results where {@code fast} reads fastest and the baseline owns the least memory. */
    static BenchmarkResults results(Strategy fast, double fastRate, Strategy second, double secondRate) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode sections = root.putObject("sections");
        ArrayNode disk = sections.putArray("disk");
        ArrayNode latency = sections.putArray("latency");
        ArrayNode throughput = sections.putArray("throughput");
        ArrayNode memory = sections.putArray("memory");
        Strategy[] all = {Strategy.INDIVIDUAL_FILES, fast, second, Strategy.WHOLE_TENSOR};
        double[] rate = {1000, fastRate, secondRate, 500};
        for (int k = 0; k < all.length; k++) {
            String s = all[k].name();
            disk.addObject().put("impl", "java").put("strategy", s).put("variant", "default").put("status", "ok")
                    .put("allocatedBytesPerCutout", k == 0 ? 20_000.0 : 10_000.0).put("inodes", k == 0 ? 10_004 : 4);
            for (String cache : new String[] {"warm", "cold"}) {
                latency.addObject().put("impl", "java").put("strategy", s).put("variant", "default").put("status", "ok")
                        .put("order", "random").put("cache", cache).put("p50Us", 1e6 / rate[k]).put("p95Us", 3e6 / rate[k])
                        .put("repMedianMinUs", 0.9e6 / rate[k]).put("repMedianMaxUs", (cache.equals("cold") ? 1.5e6 : 1.1e6) / rate[k]);
                for (int batch : new int[] {32, 256}) {
                    throughput.addObject().put("impl", "java").put("strategy", s).put("variant", "default").put("status", "ok")
                            .put("order", "random").put("cache", cache).put("batch", batch).put("threads", 1).put("cutoutsPerSecMedian", rate[k]);
                }
            }
            memory.addObject().put("impl", "java").put("strategy", s).put("variant", "default").put("status", "ok").put("phase", "many")
                    .put("rssAnonDeltaMiB", k == 0 ? 10.0 : 20.0).put("rssDeltaMiB", k == 0 ? 10.0 : 100.0);
        }
        // a python row and a failed row never take part
        throughput.addObject().put("impl", "python").put("strategy", Strategy.MEMORY_MAPPED.name()).put("variant", "numpy").put("status", "ok")
                .put("order", "random").put("cache", "warm").put("batch", 32).put("threads", 1).put("cutoutsPerSecMedian", 1e12);
        throughput.addObject().put("impl", "java").put("strategy", Strategy.INDIVIDUAL_FILES.name()).put("variant", "other").put("status", "failed: x")
                .put("order", "random").put("cache", "warm").put("batch", 32).put("threads", 1).put("cutoutsPerSecMedian", 1e12);
        return new BenchmarkResults(root);
    }

    @Test
    void theFastestVirtualStrategyIsRecommendedWithItsFactorsAgainstTheBaseline() {
        Verdict v = Verdict.of(results(Strategy.MEMORY_MAPPED, 4000, Strategy.HDF5, 2000));
        assertEquals(Strategy.MEMORY_MAPPED, v.recommended());
        Table w = v.winners();
        int row = w.stringColumn("criterion").indexOf("warm throughput, random, batch 32");
        assertEquals(Strategy.MEMORY_MAPPED.label(), w.stringColumn("best strategy").get(row));
        assertEquals(4.0, w.doubleColumn("better than baseline by (x)").get(row), 1e-12);
        int mem = w.stringColumn("criterion").indexOf("owned memory after many reads (RssAnon growth)");
        assertEquals(Strategy.INDIVIDUAL_FILES.label(), w.stringColumn("best strategy").get(mem));
        Table r = v.recommendation();
        int disk = r.stringColumn("criterion").indexOf("disk allocated per cutout");
        assertEquals("2.00x better", r.stringColumn("verdict").get(disk));
        assertEquals("2.00x worse", r.stringColumn("verdict").get(r.stringColumn("criterion").indexOf("owned memory after many reads (RssAnon growth)")));
    }

    @Test
    void theBaselineIsNeverRecommendedEvenWhenItRanksFirst() {
        // every virtual strategy slower than the baseline
        Verdict v = Verdict.of(results(Strategy.HDF5, 100, Strategy.MEMORY_MAPPED_TILED, 50));
        assertEquals(Strategy.INDIVIDUAL_FILES.label(), v.ranks().stringColumn("strategy").get(0));
        assertEquals(Strategy.HDF5, v.recommended());
    }

    @Test
    void valuesWithinTenPercentAreTiesAndATieGoesToTheSimplerFormat() {
        // HDF5 measures 2.5% faster everywhere: noise, not a verdict
        Verdict v = Verdict.of(results(Strategy.HDF5, 4000, Strategy.MEMORY_MAPPED, 3900));
        Table ranks = v.ranks();
        int warm = ranks.columnIndex("warm throughput, random, batch 32");
        for (tech.tablesaw.api.Row row : ranks) {
            if (row.getString("strategy").equals(Strategy.HDF5.label()) || row.getString("strategy").equals(Strategy.MEMORY_MAPPED.label())) {
                assertEquals(1, row.getInt(warm), row.getString("strategy"));
            }
        }
        assertEquals(Strategy.MEMORY_MAPPED, v.recommended());
        // 25% faster is a real difference
        assertEquals(Strategy.HDF5, Verdict.of(results(Strategy.HDF5, 5000, Strategy.MEMORY_MAPPED, 4000)).recommended());
    }

    @Test
    void theNegativeControlIsShownButNotRankedAndColdLatencyIsJudgedByP95WithItsSpread() {
        Verdict v = Verdict.of(results(Strategy.MEMORY_MAPPED, 4000, Strategy.HDF5, 2000));
        Table w = v.winners();
        int cold = w.stringColumn("criterion").indexOf("cold read latency, random, p95");
        assertTrue(cold >= 0, w.stringColumn("criterion").asList().toString());
        assertEquals(-1, w.stringColumn("criterion").indexOf("cold read latency, random, p50"), "no cold criterion on a median");
        assertEquals(Strategy.MEMORY_MAPPED.label(), w.stringColumn("best strategy").get(cold));
        // the cold repetitions' medians spread from 0.9 to 1.5 of the median: a ±30% band, not 10%
        assertEquals(30.0, w.doubleColumn("tie band (%)").get(cold), 1e-9);
        assertEquals(10.0, w.doubleColumn("tie band (%)").get(w.stringColumn("criterion").indexOf("disk allocated per cutout")), 1e-9);
        assertEquals("6,000 µs", w.stringColumn("negative control (not ranked)").get(cold));
        for (tech.tablesaw.api.Row row : v.ranks()) {
            if (row.getString("strategy").equals(Strategy.WHOLE_TENSOR.label())) {
                assertTrue(Double.isNaN(row.getDouble("mean rank")), "the control has no rank");
            }
        }
    }

    @Test
    void closeCallsAreMarkedWithinTheTolerance() {
        Verdict v = Verdict.of(results(Strategy.MEMORY_MAPPED, 4000, Strategy.HDF5, 3900));
        Table c = v.closeCalls(0.10);
        int row = c.stringColumn("criterion").indexOf("warm throughput, random, batch 256");
        assertEquals("too close to call", c.stringColumn("call").get(row));
        Table far = Verdict.of(results(Strategy.MEMORY_MAPPED, 4000, Strategy.HDF5, 2000)).closeCalls(0.10);
        assertTrue(far.stringColumn("call").get(row).endsWith("better"), far.stringColumn("call").get(row));
    }
}
