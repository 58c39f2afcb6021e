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

    private ScalingRow measure(Strategy s, SyntheticMosaic mosaic, Catalogue cat, Path dir) {
        StoreWrites.Written w = StoreWrites.write(s, mosaic, cat, c.cutout(), dir, c.reuse());
        WriteRow write = w.row();
        if (w.target().isEmpty()) {
            return new ScalingRow(write.id(), write.mosaic(), write.mosaicBytes(), write.cutouts(), write.seconds(), null, null, null,
                    write.status(), "Stores.write raised StoreException; nothing measured");
        }
        // the sweep follows the read path a user gets: "default" when the run measures it beside older paths
        List<BenchTarget> paths = BenchmarkRunner.variants(w.target().get(), c.readOptions());
        BenchTarget t = c.readOptions().contains("default") && paths.size() == c.readOptions().size()
                ? paths.get(c.readOptions().indexOf("default")) : paths.getFirst();
        ScalingRow.Footprint disk = ScalingRow.Footprint.of(DiskRow.of(t, cat.size()));
        int reads = Math.min(c.scaling().reads(), cat.size());
        LatencyRun.Result l = new LatencyRun(reads, ReadOrder.RANDOM, CacheState.WARM, 1, 3, c.seed(), c.minWarmupReads()).run(t);
        ThroughputRun.Result tw = new ThroughputRun(reads, 32, 1, ReadOrder.RANDOM, CacheState.WARM, 1, 3, c.seed(), c.minWarmupReads()).run(t);
        Double coldRate = null;
        String coldStatus = null;
        if (c.cold()) {
            ThroughputRun cold = new ThroughputRun(reads, 32, 1, ReadOrder.RANDOM, CacheState.COLD, 1, 2, c.seed(), Math.min(c.minWarmupReads(), reads));
            ThroughputRun.Result tc = cold.run(t);
            coldRate = tc.stats().median();
            coldStatus = tc.status();
        }
        ScalingRow.Speed speed = new ScalingRow.Speed(l.pooled().median(), l.pooled().p99(), tw.stats().median(), coldRate, coldStatus);
        ScalingRow.Memory memory = c.memory() ? ScalingRow.Memory.of(MemoryProbe.measure(t, reads, c.seed(), c.childMaxHeap()).getLast()) : null;
        return new ScalingRow(write.id().withVariant(t.variant()), write.mosaic(), write.mosaicBytes(), write.cutouts(), write.seconds(), disk,
                speed, memory, coldStatus == null ? ResultColumns.OK : coldStatus, method(reads));
    }

    private String method(int reads) {
        return "write: wall clock of Stores.write; disk: statx as du; latency: " + reads
                + " random single reads warm, 3 reps after 1 warm-up (p50/p99 pooled); throughput: " + reads
                + " random cutouts, batch 32, 1 thread, warm median of 3 reps" + (c.cold() ? ", cold median of 2 evicted reps" : "")
                + (c.memory() ? "; memory: fresh JVM, delta of VmRSS after open + " + reads + " random reads" : "");
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
