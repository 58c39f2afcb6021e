package org.cutouts.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.cutouts.store.CutoutSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * A {@code bench --quick}-like run at tiny scale (300x300, 200 cutouts), then schema and internal
 * consistency checks on its output. No assertion depends on how fast anything was.
 */
class BenchQuickRunTest {
    static final int CUTOUTS = 200;

    @TempDir
    static Path tmp;

    static BenchmarkResults results;
    static Path out;

    @BeforeAll
    static void run() {
        RunSpec c = tiny(tmp);
        out = c.outDir();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        results = new BenchmarkRunner(c, new PrintStream(log, true)).run();
    }

    /** The tiny run's stamp: NOT the default 64x64, so a size that fails to reach a measurement shows. */
    static final CutoutSpec STAMP = CutoutSpec.square(32);

    static RunSpec tiny(Path tmp) {
        return RunSpec.builder(RunSpec.quick()).mode("test").cutout(STAMP).mosaic(300).sources(50).cutouts(CUTOUTS)
                .dataDir(tmp.resolve("data")).outDir(tmp.resolve("out")).latencyReads(100).throughputReads(128).batches(List.of(1, 32))
                .reps(2).coldReps(1).warmups(1).minWarmupReads(200).memoryReads(50).memcpyBytesPerRep(8L << 20).childMaxHeap("1g")
                .pythonReps(1).regimes(new RunSpec.Regimes(true, List.of(org.cutouts.bench.regime.Regime.FITS_IN_MEMORY),
                        List.of(org.cutouts.store.Strategy.STACKED, org.cutouts.store.Strategy.INDIVIDUAL_FILES), List.of("default", "explicit"),
                        300, 400, 64L << 20, List.of(1), 32, 100, 2, 0, "48m")).build();
    }

    @Test
    void theStampSizeReachesEverySection() {
        long bytes = STAMP.bytes();
        for (String s : List.of("writes", "disk", "latency", "throughput", "memory", "limits", "regimes")) {
            List<Map<String, Object>> rows = results.rows(s);
            assertFalse(rows.isEmpty(), s);
            for (Map<String, Object> r : rows) {
                if ("python".equals(r.get("impl")) && ("memory".equals(s) || !"ok".equals(r.get("status")))) {
                    continue; // the peer's memory probe and skipped rows report no stamp; its reads use the manifest's
                }
                assertEquals(bytes, num(r, "cutoutBytes"), s + " row measured another stamp: " + r);
            }
        }
        for (Map<String, Object> r : results.rows("limits")) {
            if (r.get("name").toString().startsWith("memcpy")) {
                assertEquals(num(r, "batch") * bytes, num(r, "bytesPerOp"), "memcpy copies a batch of stamps: " + r);
            }
        }
        for (Map<String, Object> r : results.rows("disk")) {
            if ("MEMORY_MAPPED".equals(r.get("strategy"))) {
                assertTrue(num(r, "apparentBytes") < 300 * 300 * 4 + 100_000, "one mosaic, no stamps: " + r);
            }
            if ("INDIVIDUAL_FILES".equals(r.get("strategy"))) {
                // one .npy per cutout: a short header and 32x32 float32 pixels (64x64 would be four times as many bytes)
                assertTrue(num(r, "apparentBytes") >= CUTOUTS * bytes && num(r, "apparentBytes") < CUTOUTS * (256 + bytes) + 100_000, r.toString());
            }
        }
        assertEquals(STAMP, results.spec().cutout());
    }

    @Test
    void theRecordedSpecIsTheSpecRun() {
        RunSpec expected = tiny(tmp);
        assertEquals(expected, results.spec());
        assertEquals(expected, BenchmarkResults.load(out).spec());
        assertEquals(CUTOUTS, results.catalogueSize());
    }

    @Test
    void outputMatchesTheSchemaAndReloads() {
        assertEquals(List.of(), results.validate());
        BenchmarkResults again = BenchmarkResults.load(out);
        assertEquals(List.of(), again.validate());
        for (String s : List.of("writes", "disk", "latency", "throughput", "memory", "limits", "validation")) {
            assertTrue(Files.exists(out.resolve(s + ".csv")), s + ".csv");
        }
        Table t = again.throughput();
        assertTrue(t.rowCount() >= 4 * 2 * 3, "throughput rows: " + t.rowCount());
        assertTrue(t.columnNames().containsAll(List.of("impl", "strategy", "variant", "method", "ratioToMemcpy")));
        assertEquals(4, again.disk().rowCount());
        assertFalse(again.machine("cpuModel").isEmpty());
    }

    @Test
    void everyRowSaysHowItWasMeasured() {
        for (String s : List.of("writes", "disk", "latency", "throughput", "memory", "limits", "regimes")) {
            for (Map<String, Object> r : results.rows(s)) {
                assertTrue(r.get("method") instanceof String m && !m.isBlank(), s + " row without method: " + r);
            }
        }
    }

    @Test
    void diskIsConsistent() {
        for (Map<String, Object> d : results.rows("disk")) {
            long alloc = ((Number) d.get("allocatedBytes")).longValue();
            long app = ((Number) d.get("apparentBytes")).longValue();
            assertTrue(alloc >= app, "our files are not sparse: allocated >= apparent for " + d.get("strategy"));
            if ("INDIVIDUAL_FILES".equals(d.get("strategy"))) {
                assertEquals(CUTOUTS + 2L, ((Number) d.get("files")).longValue());
            }
        }
    }

    @Test
    void coldRunsShowEvictedPages() {
        int cold = 0;
        for (String s : List.of("latency", "throughput")) {
            for (Map<String, Object> r : results.rows(s)) {
                if ("cold".equals(r.get("cache")) && "java".equals(r.get("impl"))) {
                    cold++;
                    assertEquals("ok", r.get("status"), "cold run not verified cold: " + r);
                    long before = ((Number) r.get("residentPagesBefore")).longValue();
                    long after = ((Number) r.get("residentPagesAfter")).longValue();
                    assertTrue(after < before, "resident after eviction < before: " + r);
                    assertTrue(r.get("residencyCheck").toString().contains("mincore: at most " + after + " of "), "says how: " + r);
                    assertEquals("fits in memory", r.get("regime"), "a 300x300 mosaic fits: " + r);
                }
            }
        }
        assertTrue(cold >= 4 * 3, "cold rows: " + cold);
    }

    @Test
    void limitsArePositive() {
        boolean memcpy = false;
        for (Map<String, Object> r : results.rows("limits")) {
            if ("memcpy".equals(r.get("name"))) {
                memcpy = true;
                assertTrue(((Number) r.get("mbPerSecMedian")).doubleValue() > 0);
            }
        }
        assertTrue(memcpy);
    }

    @Test
    void latencyOrderStatisticsAreOrdered() {
        for (Map<String, Object> r : results.rows("latency")) {
            if (!"ok".equals(r.get("status"))) {
                continue;
            }
            double min = num(r, "minUs");
            double p50 = num(r, "p50Us");
            double p95 = num(r, "p95Us");
            double p99 = num(r, "p99Us");
            double max = num(r, "maxUs");
            assertTrue(min <= p50 && p50 <= p95 && p95 <= p99 && p99 <= max, r.toString());
            assertTrue(num(r, "repMedianMinUs") <= num(r, "repMedianMaxUs"));
            assertTrue(min > 0);
        }
        for (Map<String, Object> r : results.rows("throughput")) {
            if ("ok".equals(r.get("status"))) {
                assertTrue(num(r, "cutoutsPerSecMin") <= num(r, "cutoutsPerSecMedian")
                        && num(r, "cutoutsPerSecMedian") <= num(r, "cutoutsPerSecMax"), r.toString());
            }
        }
    }

    @Test
    void allValidationChecksPass() {
        List<Map<String, Object>> v = results.rows("validation");
        assertFalse(v.isEmpty());
        for (Map<String, Object> r : v) {
            assertEquals("pass", r.get("status"), r.toString());
        }
        assertTrue(v.stream().anyMatch(r -> r.get("check").toString().startsWith("equal checksums")));
    }

    @Test
    void memoryIsMeasuredPerStrategyInAFreshJvm() {
        long java = results.rows("memory").stream().filter(r -> "java".equals(r.get("impl"))).count();
        assertEquals(4 * 4, java, "4 phases x 4 strategies");
        for (Map<String, Object> r : results.rows("memory")) {
            assertEquals("ok", r.get("status"), r.toString());
            assertTrue(num(r, "rssMiB") > 0);
            assertTrue(num(r, "hwmMiB") >= num(r, "rssMiB") - 1e-9, r.toString());
        }
    }

    @Test
    void pythonPeerRanOrSaidWhyNot() {
        List<Map<String, Object>> py = results.rows("python");
        assertFalse(py.isEmpty());
        for (Map<String, Object> r : py) {
            String st = Objects.toString(r.get("status"));
            assertTrue(st.equals("ok") || st.startsWith("skipped: ") || st.startsWith("not-cold: "), st);
        }
        if (py.stream().anyMatch(r -> "latency".equals(r.get("kind")) && "ok".equals(r.get("status")))) {
            assertTrue(results.rows("latency").stream().anyMatch(r -> "python".equals(r.get("impl"))));
        }
    }

    private static double num(Map<String, Object> r, String k) {
        return ((Number) r.get(k)).doubleValue();
    }

    @Test
    void whatWeLearnedIsSaidInTheRunsNumbers() {
        List<String> lessons = org.cutouts.report.BenchmarkLessons.of(results);
        assertTrue(lessons.size() >= 4, lessons.toString());
        DiskRow files = results.rows("disk", DiskRow.class).stream().filter(d -> d.id().strategy().equals("INDIVIDUAL_FILES")).findFirst().orElseThrow();
        assertTrue(lessons.get(0).startsWith("Disk: one .npy per cutout allocated"), lessons.get(0));
        assertTrue(lessons.get(0).contains(String.format(java.util.Locale.ROOT, "in %,d files for %,d cutouts", files.files(), CUTOUTS)), lessons.get(0));
        for (String l : lessons) {
            assertTrue(l.matches(".*\\d.*") && !l.contains("NaN"), l);
        }
    }
}
