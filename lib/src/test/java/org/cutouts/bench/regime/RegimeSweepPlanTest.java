package org.cutouts.bench.regime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import org.cutouts.bench.RunSpec;
import org.cutouts.report.WorkbookConfig;
import org.cutouts.store.Strategy;
import org.junit.jupiter.api.Test;

/** Which runs a regime sweep makes, before any of them is measured: the readahead variant goes where the spec says. */
class RegimeSweepPlanTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    private static List<String> readaheadRuns(RunSpec spec) {
        return new RegimeSweep(spec, QUIET).plan().stream().filter(p -> p.variant().equals(RegimeSweep.READAHEAD))
                .map(p -> p.strategy().folder() + " " + p.order()).toList();
    }

    @Test
    void byDefaultEveryMappedStoreIsAlsoReadWithReadaheadInBothOrders() {
        RunSpec quick = RunSpec.quick();
        assertEquals(List.of("stacked-npy locality", "stacked-npy random", "mmap-npy locality", "mmap-npy random").stream().sorted().toList(),
                readaheadRuns(quick).stream().sorted().toList());
        assertTrue(new RegimeSweep(quick, QUIET).plan().stream()
                .filter(p -> p.regime() == Regime.FITS_IN_MEMORY).noneMatch(p -> p.variant().equals(RegimeSweep.READAHEAD)));
    }

    @Test
    void theWorkbookRunReadsOnlyTheStackedStoreWithReadahead() {
        RunSpec spec = WorkbookConfig.fromMap(Map.of(WorkbookConfig.ROOT, "/proj")).benchSpec(false);
        assertEquals(List.of(Strategy.STACKED), spec.regimes().readahead());
        assertEquals(List.of("stacked-npy locality", "stacked-npy random").stream().sorted().toList(), readaheadRuns(spec).stream().sorted().toList());
        List<RegimeSweep.Planned> plan = new RegimeSweep(spec, QUIET).plan();
        // fits in memory: 1 + 2 + 2 (one file per cutout has no variants); larger: 2 + (2 x 2 + 2) + 2 x 2
        assertEquals(17, plan.size(), plan.toString());
        assertTrue(plan.stream().allMatch(p -> p.threads() == 4), plan.toString());
    }

    @Test
    void theStoresAreWrittenAheadOnceAndReusedByTheNextWrite(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        RunSpec spec = RunSpec.quick().toBuilder().dataDir(tmp).regimes(new RunSpec.Regimes(true, List.of(Regime.FITS_IN_MEMORY),
                List.of(Strategy.INDIVIDUAL_FILES, Strategy.MEMORY_MAPPED), List.of("default"), 300, 40, 64L << 20, List.of(1), 8, 16, 2, 1, "48m"))
                .build();
        List<java.nio.file.Path> first = new RegimeSweep(spec, QUIET).writeStores();
        assertEquals(List.of("individual-npy", "mmap-npy"), first.stream().map(p -> p.getFileName().toString()).toList());
        java.nio.file.Path mosaic = first.get(1).resolve("mosaic.npy");
        assertEquals(128 + 300L * 300 * 4, java.nio.file.Files.size(mosaic));
        java.nio.file.attribute.FileTime written = java.nio.file.Files.getLastModifiedTime(mosaic);
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        assertEquals(first, new RegimeSweep(spec, new PrintStream(log, true)).writeStores());
        assertEquals(written, java.nio.file.Files.getLastModifiedTime(mosaic), "a complete store is reused, not written again");
        try (var store = org.cutouts.store.Stores.open(first.get(0))) {
            assertEquals(40, store.size());
        }
    }

    @Test
    void theTiledStoreIsAlsoReadWithATileCacheOfOneLocalityWindowInBothOrders() {
        RunSpec quick = RunSpec.quick();
        RunSpec tiled = quick.toBuilder().regimes(new RunSpec.Regimes(true, quick.regimes().regimes(),
                List.of(Strategy.INDIVIDUAL_FILES, Strategy.MEMORY_MAPPED_TILED), List.of("default", "explicit"), 8400, 20_000, 64L << 20,
                List.of(1, 2), 32, 512, 2, 3, "48m", List.of(RunSpec.Regimes.RANDOM, RunSpec.Regimes.LOCALITY))).build();
        RegimeSweep sweep = new RegimeSweep(tiled, QUIET);
        assertEquals("explicit,cache=16m", sweep.tileCache());
        List<String> cached = sweep.plan().stream().filter(p -> p.variant().equals("explicit,cache=16m"))
                .map(p -> p.regime().name() + " " + p.threads() + " " + p.order()).sorted().toList();
        int t = tiled.regimes().localityThreads();
        assertEquals(List.of("LARGER_THAN_MEMORY " + t + " locality", "LARGER_THAN_MEMORY " + t + " random"), cached);
        RunSpec randomOnly = tiled.toBuilder().regimes(new RunSpec.Regimes(true, quick.regimes().regimes(),
                List.of(Strategy.MEMORY_MAPPED_TILED), List.of("explicit"), 8400, 20_000, 64L << 20, List.of(1, 2), 32, 512, 2, 3, "48m",
                List.of(RunSpec.Regimes.RANDOM))).build();
        assertTrue(new RegimeSweep(randomOnly, QUIET).plan().stream().noneMatch(p -> p.variant().contains("cache")), "no locality order, no cache");
    }

    @Test
    void noReadaheadWhenTheSpecNamesNoStore() {
        RunSpec quick = RunSpec.quick();
        RunSpec none = quick.toBuilder().regimes(quick.regimes().withReadahead(List.of())).build();
        assertEquals(List.of(), readaheadRuns(none));
        assertEquals(new RegimeSweep(quick, QUIET).plan().size() - 4, new RegimeSweep(none, QUIET).plan().size());
    }
}
