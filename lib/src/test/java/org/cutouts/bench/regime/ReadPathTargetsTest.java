package org.cutouts.bench.regime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.cutouts.bench.TargetRow;
import org.junit.jupiter.api.Test;

/** The read-path targets come from the right rows of a sweep: the fastest virtual store, its own twins, and "not measured" otherwise. */
class ReadPathTargetsTest {
    private static final String COLD = Regime.LARGER_THAN_MEMORY.label();
    private static final String WARM = Regime.FITS_IN_MEMORY.label();

    private static RegimeResult row(String strategy, String variant, String regime, int threads, boolean locality, double rate, double amplification,
                                    String status) {
        return new RegimeResult("java", strategy, variant, regime, locality ? "LOCALITY" : "FRESH", 256L << 20, 3L << 30, 12.0, threads, 32, 3,
                4096L, rate, rate * 0.9, rate * 1.1, rate / 2, amplification * 16384, amplification, 1.0, 16384L, 8192L, 100.0, 10.0, 200.0,
                "evicted", "00", status, "test row");
    }

    private static Map<String, TargetRow> byCode(List<TargetRow> rows) {
        return rows.stream().collect(Collectors.toMap(t -> t.name().substring(0, 2) + (t.name().contains("fits in memory") ? "w" : ""),
                Function.identity()));
    }

    @Test
    void eachTargetIsARatioOfTheRightRowsOfTheRun() {
        List<RegimeResult> rows = List.of(
                row("INDIVIDUAL_FILES", "default", COLD, 4, false, 5000, 1.25, "ok"),
                row("INDIVIDUAL_FILES", "default", COLD, 1, false, 3000, 1.25, "ok"),
                row("MEMORY_MAPPED_TILED", "explicit", COLD, 4, false, 7500, 2.2, "ok"),
                row("MEMORY_MAPPED_TILED", "explicit", COLD, 1, false, 3000, 2.2, "ok"),
                row("MEMORY_MAPPED", "default", COLD, 4, false, 300, 15.4, "ok"),
                // faster, but not a virtual store: never C1's pick
                row("STACKED", "explicit", COLD, 4, false, 15000, 1.2, "ok"),
                // faster, but it failed
                row("HDF5", "explicit", COLD, 4, false, 9000, 2.0, "failed: test"),
                row("MEMORY_MAPPED_TILED", "advice=none", COLD, 4, true, 30000, 1.2, "ok"),
                row("MEMORY_MAPPED", "default", WARM, 1, false, 200000, 0, "ok"),
                row("MEMORY_MAPPED", "default", WARM, 2, false, 360000, 0, "ok"));
        Map<String, TargetRow> t = byCode(ReadPathTargets.of(rows));
        assertEquals(5, t.size(), t.toString());
        assertEquals(1.5, t.get("C1").measured(), 1e-9);
        assertEquals("pass", t.get("C1").status());
        assertTrue(t.get("C1").method().contains("memory-mapped tiles (explicit)"), t.get("C1").method());
        assertEquals(2.2, t.get("C2").measured(), 1e-9);
        assertEquals("pass", t.get("C2").status());
        assertEquals(2.5, t.get("W2").measured(), 1e-9);
        assertEquals(6.0, t.get("C3").measured(), 1e-9);
        assertTrue(t.get("C3").method().contains("compare-orders"), t.get("C3").method());
        // the device's side of the cold ratios: each row's MB/s beside the run's peak (the locality row: 30,000 x 1.2 x 16,384 B)
        assertTrue(t.get("W2").method().contains("device reads 108 MB/s at 1 thread, 270 MB/s at 4 threads, against the run's peak of 590 MB/s "
                + "(memory-mapped tiles (advice=none), 4 threads, locality-aware order)"), t.get("W2").method());
        assertTrue(t.get("C3").method().contains("device reads 590 MB/s at 4 threads, against the run's peak of 590 MB/s"), t.get("C3").method());
        assertEquals(1.8, t.get("W2w").measured(), 1e-9);
        assertEquals("pass", t.get("W2w").status());

        // with the device ceilings of the same sweep, the cold ratios name them; a skipped ceiling is left out
        List<org.cutouts.bench.LimitRow> ceilings = List.of(
                org.cutouts.bench.LimitRow.of(RegimeSweep.BEFORE, org.cutouts.os.CacheState.COLD, 32, 16384, new double[] {1.4e9, 1.5e9, 1.6e9},
                        16384, null, "ok", "test"),
                org.cutouts.bench.LimitRow.of("other", org.cutouts.os.CacheState.COLD, 32, 16384, new double[0], 16384, null, "skipped: test", "test"),
                org.cutouts.bench.LimitRow.of(RegimeSweep.AFTER, org.cutouts.os.CacheState.COLD, 32, 16384, new double[] {0.7e9}, 16384, null, "ok", "test"),
                // 12,288-byte requests at 1.2288 GB/s: 100,000 requests/s
                org.cutouts.bench.LimitRow.of(RegimeSweep.REQUESTS, org.cutouts.os.CacheState.COLD, 256, 12288, new double[] {1.2288e9}, 16384, null, "ok",
                        "test"),
                // the pattern with nothing copied: 60,000 and 90,000 reads/s
                org.cutouts.bench.LimitRow.of(RegimeSweep.BATCHED + 1, org.cutouts.os.CacheState.COLD, 32, 12288, new double[] {0.73728e9}, 16384, null,
                        "ok", "test"),
                org.cutouts.bench.LimitRow.of(RegimeSweep.BATCHED + 4, org.cutouts.os.CacheState.COLD, 32, 12288, new double[] {1.10592e9}, 16384, null,
                        "ok", "test"));
        Map<String, TargetRow> withCeiling = byCode(ReadPathTargets.of(rows, ceilings));
        assertEquals(2.5, withCeiling.get("W2").measured(), 1e-9);
        assertTrue(withCeiling.get("W2").method().contains("; the device's random-read ceiling 1500 MB/s before the larger-than-memory runs, "
                + "700 MB/s after the larger-than-memory runs (16384-byte O_DIRECT reads at random offsets, 32 in flight)"), withCeiling.get("W2").method());
        // one request per cutout in these rows: 3,000 and 7,500 requests/s against 100,000/s, so at most 33.33x
        assertTrue(withCeiling.get("W2").method().endsWith("; device read requests 3,000/s at 1 thread and 7,500/s at 4 threads (cutouts/s x requests "
                + "per cutout), against the device's ceiling of 100,000/s for 12288-byte requests at random offsets (256 in flight, after the runs): "
                + "one thread asked 3% of it, so more threads can gain at most 33.33x while the device's requests are the bound; the same request "
                + "pattern with nothing copied (batches of 32 reads waited for together): 60,000/s at 1 thread, 90,000/s at 4 threads, 1.50x"), withCeiling.get("W2").method());
        assertTrue(withCeiling.get("C3").method().contains("ceiling 1500 MB/s before"), withCeiling.get("C3").method());
        assertTrue(!withCeiling.get("C3").method().contains("12288"), withCeiling.get("C3").method());
        // the sweep sizes that ceiling's requests from W2 cold's one-thread row: the fastest virtual store's, not a failed or faster non-virtual one
        RegimeResult one = ReadPathTargets.coldOneThread(rows).orElseThrow();
        assertEquals(List.of("MEMORY_MAPPED_TILED", "explicit", 1, 3000.0), List.of(one.strategy(), one.variant(), one.threads(), one.cutoutsPerSec()));
    }

    @Test
    void aShortTargetIsShortAndAMissingRowIsNamed() {
        List<RegimeResult> rows = List.of(
                row("INDIVIDUAL_FILES", "default", COLD, 4, false, 5000, 1.25, "ok"),
                row("MEMORY_MAPPED", "default", COLD, 4, false, 400, 15.4, "ok"));
        Map<String, TargetRow> t = byCode(ReadPathTargets.of(rows));
        assertEquals(0.08, t.get("C1").measured(), 1e-9);
        assertEquals("short", t.get("C1").status());
        assertEquals("short", t.get("C2").status());
        assertEquals("not measured", t.get("W2").status());
        assertTrue(t.get("W2").method().contains("memory-mapped .npy at 1 thread"), t.get("W2").method());
        assertEquals("not measured", t.get("C3").status());
        assertEquals("not measured", t.get("W2w").status());
        assertTrue(ReadPathTargets.of(List.of()).stream().allMatch(r -> r.status().equals("not measured")));
        assertTrue(ReadPathTargets.coldOneThread(rows).isEmpty(), "no one-thread row of the virtual store");
    }
}
