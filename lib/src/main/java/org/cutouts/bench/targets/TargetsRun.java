package org.cutouts.bench.targets;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cutouts.bench.BenchTarget;
import org.cutouts.bench.BenchmarkResults;
import org.cutouts.bench.Evictions;
import org.cutouts.bench.Identity;
import org.cutouts.bench.LimitRow;
import org.cutouts.bench.Limits;
import org.cutouts.bench.ReadOrder;
import org.cutouts.bench.MemoryRow;
import org.cutouts.bench.ResultSet;
import org.cutouts.bench.Row;
import org.cutouts.bench.RunSpec;
import org.cutouts.bench.Stats;
import org.cutouts.bench.ReadConditions;
import org.cutouts.bench.ThroughputRow;
import org.cutouts.bench.ThroughputRun;
import org.cutouts.os.CacheState;
import org.cutouts.os.MachineInfo;
import org.cutouts.store.CutoutStore;
import org.cutouts.store.ReadOptions;
import org.cutouts.store.Stores;
import org.cutouts.store.Strategy;
import org.cutouts.store.Workspace;

/**
 * Issue 6, "fast virtual cutouts": measures every target in ONE run on this machine and reports each
 * as a {@code targets} row (name, measured, goal, unit, status pass/short, method), beside the rows
 * it was computed from (limits, throughput variants warm and cold, memory, python). Reuses the
 * engine's pieces: {@link Limits#memcpy}, {@link ThroughputRun}, the Python peer. Run it with
 * {@code cutouts targets} or {@code TargetsRun.run(RunSpec.fastPaths(), System.err)}.
 */
public final class TargetsRun {
    private final RunSpec c;
    private final PrintStream log;
    private final ResultSet results;
    private final TargetTable targets;
    private final long cutoutBytes;
    private ColdReads.Bounds bounds;

    private TargetsRun(RunSpec c, PrintStream log) {
        this.c = c;
        this.log = log;
        this.results = new ResultSet(Row.of(MachineInfo.describe(c.dataDir())), c, c.throughputReads());
        this.targets = new TargetTable(log);
        this.cutoutBytes = c.cutout().bytes();
    }

    /** Runs every target of {@code spec}; writes results.json and CSVs to its output folder. */
    public static BenchmarkResults run(RunSpec spec, PrintStream log) {
        return new TargetsRun(spec, log).runAll();
    }

    private void log(String fmt, Object... args) {
        log.printf(Locale.ROOT, fmt + "%n", args);
    }

    private BenchmarkResults runAll() {
        TargetData data = new TargetData(c, log);
        Workspace ws = data.prepare();
        Path mmapDir = ws.storeDir(Strategy.MEMORY_MAPPED);
        Path tiledDir = ws.storeDir(Strategy.MEMORY_MAPPED_TILED);
        Path h5Dir = ws.storeDir(Strategy.HDF5);
        limits(ws);
        jitWarmup(List.of(mmapDir, tiledDir, h5Dir));
        ReadOptions def = ReadOptions.defaults();
        ThroughputRow rowMajor1 = warm(mmapDir, "default", def, 1, c.throughputReads());
        warm(mmapDir, "default", def, 2, c.throughputReads());
        warm(tiledDir, "default", def, 1, c.throughputReads());
        warm(tiledDir, "default", def, 2, c.throughputReads());
        ThroughputRow h5direct = warm(h5Dir, "default", def, 1, c.throughputReads());
        ThroughputRow h5jhdf = warm(h5Dir, "jhdf", ReadOptions.parse("nodirect"), 1, c.targets().jhdfReads());
        warm(mmapDir, "batch split", ReadOptions.parse("threads=2"), 1, c.throughputReads());
        if (c.targets().experiments()) {
            experiments(mmapDir, tiledDir);
        }

        // --- cold: bytes read from storage per cutout ---
        // With readahead off, as the default (advice=auto) sets it for mosaics too large to cache: the
        // regime this target is about. The readahead-on rows below show the small-mosaic default.
        ColdReads cold = new ColdReads(c, results, log, bounds);
        int iso = Math.min(c.targets().coldReads(), 200);
        ReadOptions noReadahead = ReadOptions.parse("advice=random");
        ThroughputRow coldTiled = cold.isolated(tiledDir, "readahead off", noReadahead, iso);
        ThroughputRow coldRow = cold.isolated(mmapDir, "readahead off", noReadahead, iso);
        cold.isolated(h5Dir, "readahead off", noReadahead, iso);
        ThroughputRow passTiled = cold.pass(tiledDir, "readahead off", noReadahead);
        ThroughputRow passRow = cold.pass(mmapDir, "readahead off", noReadahead);
        if (c.targets().experiments()) {
            ReadOptions readahead = ReadOptions.parse("advice=none");
            cold.isolated(tiledDir, "readahead on", readahead, iso);
            cold.isolated(mmapDir, "readahead on", readahead, iso);
            cold.pass(tiledDir, "readahead on", readahead);
            cold.pass(mmapDir, "readahead on", readahead);
        }

        List<MemoryRow> mem = memory(data, mmapDir, tiledDir);
        NumpyPeer peer = new NumpyPeer(c, results, log, bounds, rowMajor1.conditions().regime());
        NumpyPeer.Rows py = c.python() ? peer.run(ws) : null;

        // --- targets: paired, interleaved rounds (see PairedRounds) ---
        log("paired rounds for the ratio targets (load average %s)...", loadAverage());
        String load0 = loadAverage();
        List<BenchTarget> pts = List.of(BenchTarget.of(mmapDir, "default", def), BenchTarget.of(mmapDir, "default", def),
                BenchTarget.of(tiledDir, "default", def), BenchTarget.of(tiledDir, "default", def), BenchTarget.of(h5Dir, "default", def),
                BenchTarget.of(mmapDir, "batch split", ReadOptions.parse("threads=2")));
        int[] threads = {1, 2, 1, 2, 1, 1};
        // numpy's passes join the rounds, so that target 6 is a ratio of passes seconds apart
        NumpyRounds numpy = py != null && py.gather().ok() && py.loop().ok() ? peer.rounds(ws) : null;
        PairedRounds p;
        try {
            p = PairedRounds.measure(c, cutoutBytes, pts, threads,
                    numpy == null ? List.of() : List.of(() -> numpy.pass(NumpyRounds.GATHER), () -> numpy.pass(NumpyRounds.LOOP)));
        } finally {
            if (numpy != null) {
                numpy.close();
            }
        }
        String load1 = loadAverage();
        addPairedRows(pts, threads, p, "; load average " + load0 + " -> " + load1);
        TargetRules.PairedNumpy pairedNumpy = numpy == null ? null : addNumpyRows(numpy, pts.size(), p, peer.regime(), "; load average " + load0 + " -> " + load1);
        String pm = "median over " + c.reps() + " interleaved rounds of per-round ratios (each round: memcpy rep, then every target's warm pass + timed pass); "
                + "load average before and after (other jobs on the machine show here) " + load0 + " -> " + load1;
        new TargetRules(c, targets, cutoutBytes).add(p, pm, new TargetRules.Measured(rowMajor1, h5direct, h5jhdf, coldRow, coldTiled, passRow,
                passTiled, mem, py, pairedNumpy));
        targets.addTo(results);
        BenchmarkResults r = results.finish();
        List<String> problems = r.validate();
        r.write(c.outDir());
        if (!problems.isEmpty()) {
            // written first, so that the rows can be inspected; a result that breaks the schema is a defect
            throw new IllegalStateException("the targets' results in " + c.outDir() + " do not match the schema: " + problems);
        }
        return r;
    }

    /** The memcpy bound and the warm sequential read of the mosaic, the denominators of the ratios. */
    private void limits(Workspace ws) {
        long batchBytes = c.batch() * cutoutBytes;
        log("memcpy bound (%d-byte copies)...", batchBytes);
        double[] memcpy = Limits.memcpy(batchBytes, 512L << 20, 1, 5, c.seed());
        results.add("limits", LimitRow.of("memcpy", CacheState.WARM, c.batch(), batchBytes, memcpy, cutoutBytes, null, "ok", "Limits.memcpy: random " + batchBytes + "-byte chunks of a 256 MiB off-heap buffer into a float[]"));
        Limits.SeqRead seq = Limits.sequentialRead(ws.mosaicFile(), CacheState.WARM, 1, 3);
        results.add("limits", LimitRow.of("sequential-read", CacheState.WARM, 0, Limits.CHUNK, seq.bytesPerSecond(), cutoutBytes,
                Evictions.of(seq.evictions()), seq.status(), "Limits.sequentialRead of mosaic.npy, warm"));
        bounds = new ColdReads.Bounds(Stats.of(memcpy).median(), Stats.of(seq.bytesPerSecond()).median());
    }

    /**
     * JIT warm-up over every read path first (untimed), so the first measured variant is not measured
     * half-compiled and every variant sees the same (megamorphic) steady state.
     */
    private void jitWarmup(List<Path> dirs) {
        log("JIT warm-up...");
        ReadOptions def = ReadOptions.defaults();
        ReadOptions direct = ReadOptions.baseline().direct() ? def : ReadOptions.parse("baseline,direct");
        for (int i = 0; i < 3; i++) {
            for (Path d : dirs) {
                for (ReadOptions o : List.of(def, ReadOptions.parse("touch"), direct)) {
                    new ThroughputRun(c.throughputReads(), c.batch(), 1, ReadOrder.RANDOM, CacheState.WARM, 2, 1, c.seed())
                            .run(BenchTarget.of(d, "jit", o));
                }
            }
        }
    }

    /** The kept path's ideas one by one, and the first pass after open (page-table faults included). */
    private void experiments(Path mmapDir, Path tiledDir) {
        int n = c.throughputReads();
        warm(mmapDir, "before issue 6", ReadOptions.baseline(), 1, n);
        for (String[] v : new String[][] {{"gather only", "advice=none,nosort,notouch"}, {"gather+sort", "advice=none,sort,notouch"},
                {"gather+touch", "advice=none,nosort,touch"}, {"gather+sort+touch", "advice=none,sort,touch"}, {"default +touch", "touch"},
                {"+hugepage", "advice=random+hugepage"}, {"+willneed", "advice=random+willneed"}, {"+prefault", "prefault"}}) {
            warm(mmapDir, v[0], ReadOptions.parse(v[1]), 1, n);
        }
        warm(tiledDir, "before issue 6", ReadOptions.baseline(), 1, n);
        warm(tiledDir, "gather +touch", ReadOptions.parse("touch"), 1, n);
        warm(tiledDir, "gather, no sort", ReadOptions.parse("nosort"), 1, n);
        firstPass(mmapDir, "first pass", ReadOptions.defaults());
        firstPass(mmapDir, "first pass +prefault", ReadOptions.parse("prefault"));
        firstPass(tiledDir, "first pass", ReadOptions.defaults());
    }

    /**
     * Memory per cutout in fresh JVMs, including a mosaic above 2 GiB. Both the default mapping
     * (advice=auto: readahead stays on for a mosaic that fits the page cache, and the kernel then maps
     * its readahead and fault-around pages into RSS) and advice=random (what auto picks for mosaics too
     * large to cache). The extra RSS is file-backed page cache; rssAnonPerCutoutKiB shows what the
     * process owns.
     */
    private List<MemoryRow> memory(TargetData data, Path mmapDir, Path tiledDir) {
        MemoryPerCutout probe = new MemoryPerCutout(c, results, log);
        List<MemoryRow> mem = new ArrayList<>();
        List<Path[]> stores = new ArrayList<>();
        stores.add(new Path[] {mmapDir, tiledDir});
        if (c.targets().large()) {
            stores.add(data.prepareLarge());
        }
        for (Path[] pair : stores) {
            String size = pair[0] == mmapDir ? c.mosaicWidth() + "x" + c.mosaicHeight()
                    : c.targets().largeSize() + "x" + c.targets().largeSize() + " sparse";
            for (String options : List.of("default", "advice=random")) {
                for (boolean cold : new boolean[] {true, false}) {
                    mem.add(probe.measure(pair[0], size, cold, options));
                    mem.add(probe.measure(pair[1], size, cold, options));
                }
            }
        }
        return mem;
    }

    /** The paired rounds' rates as throughput rows. */
    private void addPairedRows(List<BenchTarget> pts, int[] threads, PairedRounds p, String load) {
        for (int i = 0; i < pts.size(); i++) {
            results.add("throughput", pairedRow(pts.get(i).identity(), threads[i], pts.get(i).regime(), p, i, "",
                    "paired interleaved rounds: " + c.reps() + " rounds of {memcpy, each target: 1 warm + 1 timed pass of "
                            + c.throughputReads() + " random cutouts, batch " + c.batch() + "}" + load));
        }
    }

    /** Row {@code i} of the paired rounds as a throughput row: median, min and max over the rounds, and its ratios to the bounds. */
    private ThroughputRow pairedRow(Identity id, int threads, String regime, PairedRounds p, int i, String checksum, String method) {
        Stats st = Stats.of(p.rates()[i]);
        ThroughputRow.Rates rates = new ThroughputRow.Rates(st.median(), st.min(), st.max(), null, st.median() * cutoutBytes / 1e6, checksum);
        ThroughputRow.Ratios ratios = new ThroughputRow.Ratios(PairedRounds.median(p.toMemcpy(i, cutoutBytes)),
                st.median() * cutoutBytes / bounds.seqBps());
        return new ThroughputRow(id, new ReadConditions("random", "warm", c.batch(), threads, c.throughputReads(), c.reps(), 1, regime), rates,
                null, ratios, new ThroughputRow.ReadPath("paired round", null), null, "ok", method);
    }

    /** numpy's paired-round rates as python throughput rows; where they sit in {@code p}. */
    private TargetRules.PairedNumpy addNumpyRows(NumpyRounds numpy, int first, PairedRounds p, String regime, String load) {
        List<TargetRules.NumpyReader> readers = new ArrayList<>();
        for (String reader : List.of(NumpyRounds.GATHER, NumpyRounds.LOOP)) {
            TargetRules.NumpyReader r = new TargetRules.NumpyReader(first + readers.size(), numpy.label(reader), numpy.checksum(reader));
            readers.add(r);
            results.add("throughput", pairedRow(new Identity("python", Strategy.MEMORY_MAPPED.name(), r.label(), cutoutBytes), 1, regime, p,
                    r.index(), r.checksum(), "paired interleaved rounds: " + c.reps() + " rounds, numpy's pass after the Java targets in even "
                            + "rounds and before them in odd ones, each 1 warm + 1 timed pass of the same " + c.throughputReads()
                            + " random cutouts, batch " + c.batch() + ", one peer_bench.py --serve process for all rounds" + load
                            + "; run as: " + numpy.command()));
        }
        return new TargetRules.PairedNumpy(readers.get(0), readers.get(1));
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "?";
        }
    }

    private ThroughputRow warm(Path dir, String variant, ReadOptions o, int threads, int reads) {
        BenchTarget t = BenchTarget.of(dir, variant, o);
        ThroughputRun run = new ThroughputRun(reads, c.batch(), threads, ReadOrder.RANDOM, CacheState.WARM, c.warmups(), c.reps(), c.seed());
        ThroughputRun.Result res = run.run(t);
        String path;
        try (CutoutStore s = Stores.open(dir, o)) {
            path = ReadOptions.readPath(s);
        }
        ThroughputRow row = run.toRow(t, res).withRatios(ratios(res.bytesPerSecond())).withPath(new ThroughputRow.ReadPath(o.label(), path));
        results.add("throughput", row);
        log("warm %-12s %-22s threads=%d %10.0f cutouts/s  %.3fx memcpy  [%s]", t.strategy(), variant, threads, res.stats().median(),
                res.bytesPerSecond() / bounds.memcpyBps(), o.label());
        return row;
    }

    private ThroughputRow.Ratios ratios(double bytesPerSec) {
        return ThroughputRow.Ratios.of(bytesPerSec, bounds.memcpyBps(), bounds.seqBps());
    }

    private void firstPass(Path dir, String variant, ReadOptions o) {
        BenchTarget t = BenchTarget.of(dir, variant, o);
        ThroughputRun run = new ThroughputRun(c.throughputReads(), c.batch(), 1, ReadOrder.RANDOM, CacheState.WARM, 0, 1, c.seed() + 1);
        ThroughputRun.Result res = run.run(t);
        results.add("throughput", run.toRow(t, res).withRatios(ratios(res.bytesPerSecond()))
                .withPath(new ThroughputRow.ReadPath(o.label(), "first pass after open"))
                .withMethod("first pass after opening (page cache warm, page tables empty; prefault, if any, is part of open and not timed), "
                        + "fresh indices (seed+1), " + c.throughputReads() + " cutouts, batch " + c.batch()));
        log("first %-12s %-22s %10.0f cutouts/s", t.strategy(), variant, res.stats().median());
    }
}
