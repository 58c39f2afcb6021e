package org.cutouts.bench;

import org.cutouts.os.MachineInfo;
import org.cutouts.os.FreshJvm;
import org.cutouts.os.CacheState;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cutouts.data.Catalogue;
import org.cutouts.data.Catalogues;
import org.cutouts.data.MosaicSpec;
import org.cutouts.data.SyntheticMosaic;
import org.cutouts.store.Strategy;

/**
 * Runs the whole benchmark for one configuration: writes the stores, measures disk, the limits,
 * latency and throughput (warm and cold), memory in fresh JVMs, runs the Python peer on the same
 * files, checks the results for internal consistency, optionally runs the scaling sweep, and writes
 * {@code results.json} plus CSVs.
 */
public final class BenchmarkRunner {
    private final RunSpec c;
    private final PrintStream log;
    private final long t0 = System.nanoTime();

    public BenchmarkRunner(RunSpec config, PrintStream log) {
        this.c = config;
        this.log = log;
    }

    public BenchmarkResults run() {
        try {
            Files.createDirectories(c.dataDir());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create data dir " + c.dataDir(), e);
        }
        SyntheticMosaic mosaic = new SyntheticMosaic(MosaicSpec.of(c.mosaicWidth(), c.mosaicHeight(), c.sources(), c.seed()));
        Catalogue cat = c.cutouts() == 0 ? mosaic.catalogue() : Catalogues.uniform(c.mosaicWidth(), c.mosaicHeight(), c.cutouts(), c.seed());
        ResultSet rs = new ResultSet(Row.of(MachineInfo.describe(c.dataDir())), c, cat.size());
        Path work = c.dataDir().resolve(String.format(Locale.ROOT, "%s-%dx%d-n%d-s%d%s", c.mode(), c.mosaicWidth(), c.mosaicHeight(),
                cat.size(), c.seed(), StoreWrites.folderSuffix(c.cutout())));
        say("benchmark %s: %s, %d cutouts, data in %s", c.mode(), mosaic.describe(), cat.size(), work);

        Map<Strategy, BenchTarget> targets = new EnumMap<>(Strategy.class);
        for (Strategy s : c.strategies()) {
            say("writing %s", s.label());
            StoreWrites.Written w = StoreWrites.write(s, mosaic, cat, c.cutout(), work.resolve(s.folder()), c.reuse());
            rs.add("writes", w.row());
            w.target().ifPresent(t -> targets.put(s, t));
            say("  %s", w.row().ok() ? String.format(Locale.ROOT, "%.2f s", w.row().seconds()) : w.row().status());
        }
        for (BenchTarget t : targets.values()) {
            rs.add("disk", DiskRow.of(t, cat.size()));
        }

        Map<Integer, Double> memcpy = new HashMap<>();
        Map<CacheState, Double> seqRead = new EnumMap<>(CacheState.class);
        limits(rs, targets.get(Strategy.MEMORY_MAPPED), memcpy, seqRead);

        List<BenchTarget> measured = new ArrayList<>();
        for (BenchTarget t : targets.values()) {
            measured.addAll(variants(t, c.readOptions()));
        }
        for (BenchTarget t : measured) {
            measureReads(rs, t, memcpy, seqRead);
        }

        if (c.memory()) {
            for (BenchTarget t : measured) {
                say("memory (fresh JVM): %s %s", t.strategy(), t.variant());
                MemoryProbe.measure(t, c.memoryReads(), c.seed(), c.childMaxHeap()).forEach(r -> rs.add("memory", r));
            }
        }

        if (c.python()) {
            say("python peer (%s)", c.pythonExe());
            int size = cat.size();
            PythonPeer.Output out = PythonPeer.run(c, work, ReadOrder.RANDOM.indices(size, size, c.seed()),
                    ReadOrder.SEQUENTIAL.indices(size, size, c.seed()), c.latencyReads(), c.throughputReads());
            out.ran().forEach(r -> rs.add("python", r));
            // the peer reads the Java stores' files: its rows are in their regime
            Map<String, String> regime = new HashMap<>();
            targets.values().forEach(t -> regime.put(t.strategy(), t.regime()));
            String whole = org.cutouts.bench.regime.Regime.classify(org.cutouts.bench.regime.RegimeRun.pageRoundedBytes(
                    org.cutouts.os.PageCache.storeFiles(work)), MachineInfo.availableMemoryBytes());
            out.latency().forEach(r -> rs.add("latency", r.withRegime(regime.getOrDefault(r.id().strategy(), whole))));
            out.throughput().forEach(r -> rs.add("throughput", withRatios(r.withRegime(regime.getOrDefault(r.id().strategy(), whole)), memcpy, seqRead)));
            out.memory().forEach(r -> rs.add("memory", r));
            say("  %s", out.status());
        } else {
            rs.add("python", PythonRow.skipped("skipped: disabled with --no-python", "not run"));
        }

        Validation.check(rs, cat.size());
        if (c.scaling().on()) {
            new ScalingRun(c, log).run(rs);
        }
        if (c.regimes().on()) {
            sweep(c, rs);
        }
        BenchmarkResults results = rs.finish();
        Path file = results.write(c.outDir());
        say("results: %s (+ CSVs)", file);
        List<String> problems = results.validate();
        if (!problems.isEmpty()) {
            say("WARNING: results do not match the schema: %s", problems);
        }
        return results;
    }

    /** The memory-regime sweep's rows, then the read-path targets computed from them. */
    private void sweep(RunSpec spec, ResultSet rs) {
        List<LimitRow> ceilings = new ArrayList<>();
        List<org.cutouts.bench.regime.RegimeResult> rows = new org.cutouts.bench.regime.RegimeSweep(spec, log).run(r -> rs.add("regimes", r),
                l -> {
                    rs.add("limits", l);
                    ceilings.add(l);
                });
        for (TargetRow t : org.cutouts.bench.regime.ReadPathTargets.of(rows, ceilings)) {
            rs.add("targets", t);
            say("  target %s: %s (%s)", t.name(), t.measured() == null || t.measured().isNaN() ? "-"
                    : String.format(java.util.Locale.ROOT, "%.2f", t.measured()), t.status());
        }
    }

    /** Strategies whose read path follows {@code -Dcutouts.mmap}; the others are measured once, as "default". */
    static final java.util.Set<String> MAPPED = java.util.Set.of("MEMORY_MAPPED", "HDF5", "MEMORY_MAPPED_TILED");

    /** One target per read-path setting for the mapped strategies; one for the others. */
    static List<BenchTarget> variants(BenchTarget t, List<String> mmapOptions) {
        if (!MAPPED.contains(t.strategy()) || mmapOptions.isEmpty()) {
            return List.of(t);
        }
        return mmapOptions.stream().map(t::withMmapOptions).toList();
    }

    /** Only the scaling sweep (for {@code --scaling-only}): machine, config, scaling rows. */
    public BenchmarkResults runScalingOnly() {
        ResultSet rs = new ResultSet(Row.of(MachineInfo.describe(c.dataDir())), c.toBuilder().mode(c.mode() + "-scaling").build(),
                c.scaling().baseCutouts());
        new ScalingRun(c, log).run(rs);
        BenchmarkResults results = rs.finish();
        say("results: %s (+ CSVs)", results.write(c.outDir()));
        return results;
    }

    /** Only the memory-regime sweep (for {@code --regimes-only}): machine, config, regime rows. */
    public BenchmarkResults runRegimesOnly() {
        RunSpec spec = c.toBuilder().mode(c.mode() + "-regimes").build();
        ResultSet rs = new ResultSet(Row.of(MachineInfo.describe(c.dataDir())), spec, c.regimes().cutouts());
        sweep(spec, rs);
        BenchmarkResults results = rs.finish();
        say("results: %s (+ CSVs)", results.write(c.outDir()));
        return results;
    }

    private void limits(ResultSet rs, BenchTarget mmap, Map<Integer, Double> memcpy, Map<CacheState, Double> seqRead) {
        long cutoutBytes = c.cutout().bytes();
        long workingSet = (long) c.throughputReads() * cutoutBytes;
        for (int b : c.batches()) {
            say("limit: memcpy, %d cutouts' bytes per copy", b);
            double[] bw = Limits.memcpy(b * cutoutBytes, workingSet, c.memcpyBytesPerRep(), 1, c.reps(), c.seed());
            LimitRow r = LimitRow.of("memcpy", CacheState.WARM, b, b * cutoutBytes, bw, cutoutBytes, null, "ok",
                    "MemorySegment.copy of " + b * cutoutBytes + " contiguous bytes from random offsets of an off-heap buffer "
                            + "of " + Math.max(workingSet, 2L * b * cutoutBytes) / 1048576 + " MiB (the bytes one throughput rep reads: same "
                            + "working set, same cache reuse across reps) into a float[]; " + c.memcpyBytesPerRep() / 1048576
                            + " MiB per rep, " + c.reps() + " reps after 1 warm-up; the ratioToMemcpy reference");
            rs.add("limits", r);
            memcpy.put(b, r.bytesPerSecond());
        }
        say("limit: memcpy from 256 MiB (DRAM-bound reference)");
        int ref = c.batches().contains(32) ? 32 : c.batches().getFirst();
        double[] dram = Limits.memcpy(ref * cutoutBytes, Limits.SOURCE_BYTES, c.memcpyBytesPerRep(), 1, c.reps(), c.seed());
        rs.add("limits", LimitRow.of("memcpy-256MiB", CacheState.WARM, ref, ref * cutoutBytes, dram, cutoutBytes, null, "ok",
                "as memcpy, but from random offsets of a 256 MiB buffer (far above any L3): the DRAM-bound copy rate"));
        if (mmap == null) {
            rs.add("limits", LimitRow.of("sequential-read", CacheState.WARM, 0, 0, new double[0], cutoutBytes, null,
                    "skipped: no memory-mapped store (its mosaic.npy is the file read)", "not run"));
            return;
        }
        Path file = mmap.dir().resolve("mosaic.npy");
        for (CacheState cs : c.cold() ? List.of(CacheState.WARM, CacheState.COLD) : List.of(CacheState.WARM)) {
            say("limit: sequential read of %s, %s", file.getFileName(), cs.label());
            int reps = cs == CacheState.COLD ? c.coldReps() : c.reps();
            Limits.SeqRead sr = Limits.sequentialRead(file, cs, 1, reps);
            LimitRow r = LimitRow.of("sequential-read", cs, 0, Limits.CHUNK, sr.bytesPerSecond(), cutoutBytes, Evictions.of(sr.evictions()),
                    sr.status(), "FileChannel.read of the whole mosaic.npy (" + fileSize(file) + " bytes) in 8 MiB chunks, " + reps
                            + " reps after 1 untimed pass" + (cs == CacheState.COLD ? ", file fdatasync+POSIX_FADV_DONTNEED and mincore-checked before each rep" : ""));
            rs.add("limits", r);
            seqRead.put(cs, r.bytesPerSecond());
        }
    }

    private static long fileSize(Path f) {
        try {
            return Files.size(f);
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    private void measureReads(ResultSet rs, BenchTarget t, Map<Integer, Double> memcpy, Map<CacheState, Double> seqRead) {
        List<ReadOrder> orders = c.sequential() ? List.of(ReadOrder.RANDOM, ReadOrder.SEQUENTIAL) : List.of(ReadOrder.RANDOM);
        for (ReadOrder o : orders) {
            say("latency: %s %s, %s, warm", t.strategy(), t.variant(), o.label());
            LatencyRun lr = new LatencyRun(c.latencyReads(), o, CacheState.WARM, c.warmups(), c.reps(), c.seed(), c.minWarmupReads());
            rs.add("latency", lr.toRow(t, lr.run(t)));
        }
        if (c.cold()) {
            say("latency: %s, random, cold", t.strategy());
            LatencyRun lr = new LatencyRun(c.latencyReads(), ReadOrder.RANDOM, CacheState.COLD, c.warmups(), c.coldReps(), c.seed(), c.minWarmupReads());
            rs.add("latency", lr.toRow(t, lr.run(t)));
        }
        for (int threads : c.threads()) {
            for (int b : c.batches()) {
                List<ThroughputRun> runs = new ArrayList<>();
                for (ReadOrder o : orders) {
                    runs.add(new ThroughputRun(c.throughputReads(), b, threads, o, CacheState.WARM, c.warmups(), c.reps(), c.seed(), c.minWarmupReads()));
                }
                if (c.cold()) {
                    runs.add(new ThroughputRun(c.throughputReads(), b, threads, ReadOrder.RANDOM, CacheState.COLD, c.warmups(), c.coldReps(), c.seed(), c.minWarmupReads()));
                }
                for (ThroughputRun tr : runs) {
                    say("throughput: %s %s, batch %d, %d thread(s), %s, %s", t.strategy(), t.variant(), b, threads, tr.order().label(), tr.cache().label());
                    rs.add("throughput", withRatios(tr.toRow(t, tr.run(t)), memcpy, seqRead));
                }
            }
        }
    }

    /** The row with its delivered bytes/s over the memcpy bound of its batch and the sequential read of its cache state. */
    static ThroughputRow withRatios(ThroughputRow r, Map<Integer, Double> memcpy, Map<CacheState, Double> seqRead) {
        double bytesPerSec = r.rates() == null || r.rates().mbPerSec() == null ? Double.NaN : r.rates().mbPerSec() * 1e6;
        Double m = r.conditions() == null ? null : memcpy.get(r.conditions().batch());
        Double s = seqRead.get(r.conditions() != null && ReadConditions.COLD.equals(r.conditions().cache()) ? CacheState.COLD : CacheState.WARM);
        return r.withRatios(ThroughputRow.Ratios.of(bytesPerSec, m, s));
    }

    private void say(String fmt, Object... args) {
        log.printf(Locale.ROOT, "[%6.1f s] %s%n", (System.nanoTime() - t0) / 1e9, String.format(Locale.ROOT, fmt, args));
        log.flush();
    }
}
