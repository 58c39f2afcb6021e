package org.cutouts.bench;

import org.cutouts.io.StoreException;
import org.cutouts.os.FreshJvm;
import org.cutouts.os.CacheState;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.cutouts.data.Catalogue;
import org.cutouts.data.Catalogues;
import org.cutouts.data.MosaicSpec;
import org.cutouts.data.SyntheticMosaic;
import org.cutouts.store.Strategy;

/**
 * Disk, write time, read speed and memory against the number of cutouts (mosaic fixed) and the mosaic
 * size (cutouts fixed), plus large mosaics where only the memory-mapped writer applies (the others
 * record "not applicable" with the writer's reason). One row per (configuration, strategy) in the
 * {@code scaling} section. Stores are deleted after each configuration unless kept.
 */
public final class ScalingRun {
    private final RunSpec c;
    private final PrintStream log;
    private final long t0 = System.nanoTime();

    public ScalingRun(RunSpec config, PrintStream log) {
        this.c = config;
        this.log = log;
    }

    /** (mosaic side, cutouts) pairs, without repeats. */
    List<int[]> configurations() {
        Set<List<Integer>> seen = new LinkedHashSet<>();
        for (int n : c.scaling().cutouts()) {
            seen.add(List.of(c.scaling().baseMosaic(), n));
        }
        for (int m : c.scaling().mosaics()) {
            seen.add(List.of(m, c.scaling().baseCutouts()));
        }
        for (int m : c.scaling().largeMosaics()) {
            seen.add(List.of(m, c.scaling().baseCutouts()));
        }
        List<int[]> out = new ArrayList<>();
        seen.forEach(l -> out.add(new int[] {l.get(0), l.get(1)}));
        return out;
    }

    public void run(ResultSet rs) {
        for (int[] cfg : configurations()) {
            int side = cfg[0];
            int n = cfg[1];
            SyntheticMosaic mosaic = new SyntheticMosaic(MosaicSpec.of(side, side, c.sources(), c.seed()));
            Catalogue cat = Catalogues.uniform(side, side, n, c.seed());
            Path work = c.dataDir().resolve(String.format(Locale.ROOT, "scaling-%dx%d-n%d-s%d%s", side, side, n, c.seed(), StoreWrites.folderSuffix(c.cutout())));
            for (Strategy s : c.strategies()) {
                say("scaling %dx%d, %d cutouts: %s", side, side, n, s.label());
                rs.add("scaling", measure(s, mosaic, cat, work.resolve(s.folder())));
            }
            if (!c.scaling().keepData()) {
                deleteTree(work);
            }
        }
    }

    private Row measure(Strategy s, SyntheticMosaic mosaic, Catalogue cat, Path dir) {
        StoreWrites.Written w = StoreWrites.write(s, mosaic, cat, c.cutout(), dir, c.reuse());
        Row row = new Row().put("impl", "java").put("strategy", s.name()).put("variant", BenchTarget.DEFAULT_VARIANT)
                .put("mosaic", mosaic.width() + "x" + mosaic.height()).put("mosaicBytes", 4L * mosaic.pixelCount())
                .put("cutouts", cat.size()).put("cutoutBytes", c.cutout().bytes()).put("writeSeconds", w.row().get("seconds"));
        if (w.target().isEmpty()) {
            return row.put("status", w.row().text("status")).put("method", "Stores.write raised StoreException; nothing measured");
        }
        BenchTarget t = BenchmarkRunner.variants(w.target().get(), c.readOptions()).getFirst();
        row.put("variant", t.variant());
        DiskRow disk = DiskRow.of(t, cat.size());
        row.put("apparentBytes", disk.apparentBytes()).put("allocatedBytes", disk.allocatedBytes()).put("files", disk.files())
                .put("inodes", disk.inodes()).put("allocatedBytesPerCutout", disk.allocatedBytesPerCutout());
        int reads = Math.min(c.scaling().reads(), cat.size());
        LatencyRun lr = new LatencyRun(reads, ReadOrder.RANDOM, CacheState.WARM, 1, 3, c.seed(), c.minWarmupReads());
        LatencyRun.Result l = lr.run(t);
        row.put("warmP50Us", l.pooled().median()).put("warmP99Us", l.pooled().p99());
        ThroughputRun warm = new ThroughputRun(reads, 32, 1, ReadOrder.RANDOM, CacheState.WARM, 1, 3, c.seed(), c.minWarmupReads());
        ThroughputRun.Result tw = warm.run(t);
        row.put("warmCutoutsPerSec", tw.stats().median());
        String status = "ok";
        if (c.cold()) {
            ThroughputRun cold = new ThroughputRun(reads, 32, 1, ReadOrder.RANDOM, CacheState.COLD, 1, 2, c.seed(), Math.min(c.minWarmupReads(), reads));
            ThroughputRun.Result tc = cold.run(t);
            row.put("coldCutoutsPerSec", tc.stats().median()).put("coldStatus", tc.status());
            status = tc.status();
        }
        if (c.memory()) {
            try {
                var phases = MemoryProbe.measure(t, reads, c.seed(), c.childMaxHeap());
                Row many = phases.getLast();
                row.put("rssDeltaManyMiB", many.get("rssDeltaMiB")).put("rssAnonDeltaManyMiB", many.get("rssAnonDeltaMiB"))
                        .put("hwmMiB", many.get("hwmMiB")).put("heapUsedMiB", many.get("heapUsedMiB"));
            } catch (RuntimeException e) {
                row.put("rssDeltaManyMiB", null).put("memoryStatus", "failed: " + e.getMessage());
            }
        }
        return row.put("status", status).put("method", "write: wall clock of Stores.write; disk: statx as du; latency: " + reads
                + " random single reads warm, 3 reps after 1 warm-up (p50/p99 pooled); throughput: " + reads
                + " random cutouts, batch 32, 1 thread, warm median of 3 reps" + (c.cold() ? ", cold median of 2 evicted reps" : "")
                + (c.memory() ? "; memory: fresh JVM, delta of VmRSS after open + " + reads + " random reads" : ""));
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }

    private void say(String fmt, Object... args) {
        log.printf(Locale.ROOT, "[scaling %6.1f s] %s%n", (System.nanoTime() - t0) / 1e9, String.format(Locale.ROOT, fmt, args));
        log.flush();
    }
}
