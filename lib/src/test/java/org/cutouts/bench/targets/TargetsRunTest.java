package org.cutouts.bench.targets;

import org.cutouts.bench.TargetRow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.cutouts.bench.BenchmarkResults;
import org.cutouts.bench.RunSpec;
import org.cutouts.bench.ThroughputRow;
import org.cutouts.store.CutoutSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The targets run at tiny scale with a 32x32 stamp: every target row judged, every read of the stamp asked
 * for, and numpy's two idioms (Debian's python3-numpy, which environment/workbook installs) on the same pixels.
 */
class TargetsRunTest {
    @TempDir
    static Path tmp;

    static RunSpec spec;
    static BenchmarkResults results;

    @BeforeAll
    static void run() {
        spec = RunSpec.fastPaths().toBuilder().cutout(CutoutSpec.square(32)).mosaic(400).sources(300).throughputReads(256)
                .batches(List.of(32)).reps(2).warmups(1).memoryReads(50).python(true).dataDir(tmp.resolve("data")).outDir(tmp.resolve("out"))
                .targets(new RunSpec.Targets(40, 32, false, 24_000, false)).build();
        results = TargetsRun.run(spec, new PrintStream(new ByteArrayOutputStream(), true));
    }

    @Test
    void everyTargetHasOneNameAndOneStatus() {
        assertEquals(List.of(), results.validate());
        List<TargetRow> rows = TargetTable.rows(results);
        assertTrue(rows.size() >= 12, rows.toString());
        for (TargetRow t : rows) {
            assertTrue(Set.of("pass", "short", "info", "not measured").contains(t.status()), t.toString());
            assertFalse(t.method().isBlank(), t.toString());
        }
        assertEquals(List.of("name", "measured", "goal", "unit", "status"), TargetTable.of(results).columnNames());
        assertEquals(rows.size(), TargetTable.count(results, "pass") + TargetTable.count(results, "short") + TargetTable.count(results, "info")
                + TargetTable.count(results, "not measured"));
    }

    @Test
    void everyReadIsOfTheSpecsStamp() {
        assertEquals(spec, results.spec());
        for (ThroughputRow r : results.throughputRows()) {
            assertEquals(32L * 32 * 4, r.id().cutoutBytes(), r.toString());
        }
        for (var m : results.rows("memory")) {
            assertEquals(32L * 32 * 4, ((Number) m.get("cutoutBytes")).longValue(), m.toString());
        }
    }

    @Test
    void numpysLoopAndGatherReadTheSamePixelsAsJavaAndCarryTheStoresRegime() {
        List<ThroughputRow> java = results.throughputRows().stream()
                .filter(r -> r.id().java() && r.id().strategy().equals("MEMORY_MAPPED") && r.isRandom("warm", 32) && r.ok()).toList();
        List<ThroughputRow> numpy = results.throughputRows().stream().filter(r -> !r.id().java()).toList();
        assumeTrue(numpy.stream().allMatch(ThroughputRow::ok), "the numpy peer did not run here: " + numpy);
        // the peer's own reps, then its passes in the paired rounds, for the loop and the gather each
        assertEquals(4, numpy.size(), numpy.toString());
        assertEquals(2, numpy.stream().filter(r -> r.id().variant().contains(NumpyPeer.GATHER)).count(), numpy.toString());
        assertEquals(2, numpy.stream().filter(r -> r.path() != null && "paired round".equals(r.path().options())).count(), numpy.toString());
        for (ThroughputRow r : numpy) {
            assertEquals(java.getFirst().rates().checksum(), r.rates().checksum(), r.toString());
            assertEquals(java.getFirst().conditions().regime(), r.conditions().regime(), r.toString());
        }
        TargetRow w1 = TargetTable.rows(results).stream().filter(t -> t.name().contains("numpy sliding-window gather")).findFirst().orElseThrow();
        assertTrue(Double.isFinite(w1.measured()) && w1.measured() > 0, w1.toString());
        assertTrue(w1.method().contains("equal to Java's") && w1.method().contains("per-round ratios"), w1.method());
    }
}
