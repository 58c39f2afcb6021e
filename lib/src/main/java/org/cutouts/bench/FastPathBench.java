package org.cutouts.bench;

import org.cutouts.os.PageCache;
import org.cutouts.os.Posix;
import org.cutouts.os.MachineInfo;
import org.cutouts.os.FreshJvm;
import org.cutouts.os.CacheState;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.cutouts.data.Catalogue;
import org.cutouts.data.CatalogueCsv;
import org.cutouts.data.CatalogueRecipe;
import org.cutouts.data.MosaicSpec;
import org.cutouts.store.CutoutSpec;
import org.cutouts.store.CutoutStore;
import org.cutouts.store.ReadOptions;
import org.cutouts.store.NpyHeader;
import org.cutouts.store.StoreManifest;
import org.cutouts.store.Stores;
import org.cutouts.store.Strategy;
import org.cutouts.store.TileConverter;
import org.cutouts.store.TiledLayout;
import org.cutouts.store.Workspace;
import tech.tablesaw.api.Table;

/**
 * Issue 6, "fast virtual cutouts": measures every target in ONE run on this machine and reports each
 * as a {@code targets} row (target, measured, goal, unit, result pass/short, method), beside the rows
 * it was computed from (limits, throughput variants warm and cold, memory, python). The engine's
 * pieces are reused: {@link Limits#memcpy}, {@link ThroughputRun}, {@link PageCache}, the Python peer
 * script {@code python/peer_bench.py}. Run it with {@code cutouts targets}.
 */
public final class FastPathBench {
    /** What to run; the defaults are the setting (5000x5000, batch 256, random order). */
    public static final class Config {
        public Path dataDir = Path.of("data/fast-paths");
        public Path outDir = Path.of("build/fast-paths");
        public int mosaic = 5000;
        public int sources = 10_000;
        public long seed = 42;
        public int reads = 8192;
        public int batch = 256;
        public int warmups = 2;
        public int reps = 7;
        public int coldReads = 1000;
        public int jhdfReads = 512;
        public int memoryReads = 200;
        public boolean python = true;
        public String pythonExe = "/usr/bin/python3";
        public boolean large = true;
        public int largeSize = 24_000;
        public boolean experiments = true;
        public PrintStream log = System.err;
    }

    private final Config c;
    private final ResultSet results;
    private final List<Row> targets = new ArrayList<>();
    private double memcpyBps = Double.NaN;
    private double seqBps = Double.NaN;

    private FastPathBench(Config c) {
        this.c = c;
        this.results = new ResultSet(Row.of(MachineInfo.describe(c.dataDir)), new Row().put("mode", "targets").put("seed", c.seed)
                .put("mosaicWidth", c.mosaic).put("mosaicHeight", c.mosaic).put("cutouts", c.reads).put("batch", c.batch)
                .put("warmups", c.warmups).put("reps", c.reps).put("coldReads", c.coldReads).put("jhdfReads", c.jhdfReads)
                .put("memoryReads", c.memoryReads).put("large", c.large ? c.largeSize + "x" + c.largeSize : "off")
                .put("defaults", ReadOptions.defaults().label()).put("dataDir", c.dataDir.toAbsolutePath().toString()));
    }

    public static BenchmarkResults run(Config c) {
        return new FastPathBench(c).runAll();
    }

    private void log(String fmt, Object... args) {
        c.log.printf(Locale.ROOT, fmt + "%n", args);
    }

    private BenchmarkResults runAll() {
        Workspace ws = prepare();
        Path mmapDir = ws.storeDir(Strategy.MEMORY_MAPPED);
        Path tiledDir = ws.storeDir(Strategy.MEMORY_MAPPED_TILED);
        Path h5Dir = ws.storeDir(Strategy.HDF5);
        long cutoutBytes = CutoutSpec.DEFAULT.bytes();
        long batchBytes = c.batch * cutoutBytes;

        log("memcpy bound (%d-byte copies)...", batchBytes);
        double[] memcpy = Limits.memcpy(batchBytes, 512L << 20, 1, 5, c.seed);
        memcpyBps = Stats.of(memcpy).median();
        results.add("limits", Limits.row("memcpy", CacheState.WARM, c.batch, batchBytes, memcpy, cutoutBytes)
                .put("status", "ok").put("method", "Limits.memcpy: random " + batchBytes + "-byte chunks of a 256 MiB off-heap buffer into a float[]"));
        Limits.SeqRead seq = Limits.sequentialRead(ws.mosaicFile(), CacheState.WARM, 1, 3);
        seqBps = Stats.of(seq.bytesPerSecond()).median();
        results.add("limits", Limits.row("sequential-read", CacheState.WARM, 0, Limits.CHUNK, seq.bytesPerSecond(), cutoutBytes)
                .put("status", seq.status()).put("method", "Limits.sequentialRead of mosaic.npy, warm"));

        // --- warm throughput: the kept path, its ideas one by one, the layouts, HDF5 ---
        ReadOptions def = ReadOptions.defaults();
        // JIT warm-up over every read path first (untimed), so the first measured variant is not
        // measured half-compiled and every variant sees the same (megamorphic) steady state
        log("JIT warm-up...");
        for (int i = 0; i < 3; i++) {
            for (Path d : List.of(mmapDir, tiledDir, h5Dir)) {
                for (ReadOptions o : List.of(def, ReadOptions.parse("touch"), ReadOptions.baseline().direct() ? def
                        : ReadOptions.parse("baseline,direct"))) {
                    new ThroughputRun(c.reads, c.batch, 1, ReadOrder.RANDOM, CacheState.WARM, 2, 1, c.seed).run(target(d, "jit", o));
                }
            }
        }
        Row rowMajor1 = warm(mmapDir, "default", def, 1, c.reads, memcpyBps, seqBps);
        double javaWarm1 = rowMajor1.number("cutoutsPerSecMedian");
        String javaWarm1Checksum = rowMajor1.text("checksum");
        Row rowMajor2 = warm(mmapDir, "default", def, 2, c.reads, memcpyBps, seqBps);
        Row tiled1 = warm(tiledDir, "default", def, 1, c.reads, memcpyBps, seqBps);
        Row tiled2 = warm(tiledDir, "default", def, 2, c.reads, memcpyBps, seqBps);
        Row h5direct = warm(h5Dir, "default", def, 1, c.reads, memcpyBps, seqBps);
        Row h5jhdf = warm(h5Dir, "jhdf", ReadOptions.parse("nodirect"), 1, c.jhdfReads, memcpyBps, seqBps);
        Row rowMajorSplit = warm(mmapDir, "batch split", ReadOptions.parse("threads=2"), 1, c.reads, memcpyBps, seqBps);
        if (c.experiments) {
            warm(mmapDir, "before issue 6", ReadOptions.baseline(), 1, c.reads, memcpyBps, seqBps);
            warm(mmapDir, "gather only", ReadOptions.parse("advice=none,nosort,notouch"), 1, c.reads, memcpyBps, seqBps);
            warm(mmapDir, "gather+sort", ReadOptions.parse("advice=none,sort,notouch"), 1, c.reads, memcpyBps, seqBps);
            warm(mmapDir, "gather+touch", ReadOptions.parse("advice=none,nosort,touch"), 1, c.reads, memcpyBps, seqBps);
            warm(mmapDir, "gather+sort+touch", ReadOptions.parse("advice=none,sort,touch"), 1, c.reads, memcpyBps, seqBps);
            warm(mmapDir, "default +touch", ReadOptions.parse("touch"), 1, c.reads, memcpyBps, seqBps);
            warm(mmapDir, "+hugepage", ReadOptions.parse("advice=random+hugepage"), 1, c.reads, memcpyBps, seqBps);
            warm(mmapDir, "+willneed", ReadOptions.parse("advice=random+willneed"), 1, c.reads, memcpyBps, seqBps);
            warm(mmapDir, "+prefault", ReadOptions.parse("prefault"), 1, c.reads, memcpyBps, seqBps);
            warm(tiledDir, "before issue 6", ReadOptions.baseline(), 1, c.reads, memcpyBps, seqBps);
            warm(tiledDir, "gather +touch", ReadOptions.parse("touch"), 1, c.reads, memcpyBps, seqBps);
            warm(tiledDir, "gather, no sort", ReadOptions.parse("nosort"), 1, c.reads, memcpyBps, seqBps);
            // first pass after open: page-table faults included (the pages are in the page cache)
            firstPass(mmapDir, "first pass", def, memcpyBps, seqBps);
            firstPass(mmapDir, "first pass +prefault", ReadOptions.parse("prefault"), memcpyBps, seqBps);
            firstPass(tiledDir, "first pass", def, memcpyBps, seqBps);
        }

        // --- cold: bytes read from storage per cutout ---
        // With readahead off, as the default (advice=auto) sets it for mosaics too large to cache: the
        // regime this target is about. The readahead-on rows below show the small-mosaic default.
        int iso = Math.min(c.coldReads, 200);
        ReadOptions noReadahead = ReadOptions.parse("advice=random");
        Row coldTiled = coldIsolated(tiledDir, "readahead off", noReadahead, cutoutBytes, iso);
        Row coldRow = coldIsolated(mmapDir, "readahead off", noReadahead, cutoutBytes, iso);
        coldIsolated(h5Dir, "readahead off", noReadahead, cutoutBytes, iso);
        Row passTiled = cold(tiledDir, "readahead off", noReadahead, cutoutBytes);
        Row passRow = cold(mmapDir, "readahead off", noReadahead, cutoutBytes);
        if (c.experiments) {
            coldIsolated(tiledDir, "readahead on", ReadOptions.parse("advice=none"), cutoutBytes, iso);
            coldIsolated(mmapDir, "readahead on", ReadOptions.parse("advice=none"), cutoutBytes, iso);
            cold(tiledDir, "readahead on", ReadOptions.parse("advice=none"), cutoutBytes);
            cold(mmapDir, "readahead on", ReadOptions.parse("advice=none"), cutoutBytes);
        }

        // --- memory per cutout, fresh JVMs, including a mosaic above 2 GiB ---
        // Both the default mapping (advice=auto: readahead stays on for a mosaic that fits the page cache,
        // and the kernel then maps its readahead and fault-around pages into RSS) and advice=random (what
        // auto picks for mosaics too large to cache). The extra RSS is file-backed page cache; the
        // rssAnonPerCutoutKiB column shows what the process owns.
        List<Row> mem = new ArrayList<>();
        String size = c.mosaic + "x" + c.mosaic;
        for (String options : List.of("default", "advice=random")) {
            for (boolean cold : new boolean[] {true, false}) {
                mem.add(memory(mmapDir, size, cutoutBytes, cold, options));
                mem.add(memory(tiledDir, size, cutoutBytes, cold, options));
            }
        }
        if (c.large) {
            Path[] large = prepareLarge();
            for (String options : List.of("default", "advice=random")) {
                for (boolean cold : new boolean[] {true, false}) {
                    mem.add(memory(large[0], c.largeSize + "x" + c.largeSize + " sparse", cutoutBytes, cold, options));
                    mem.add(memory(large[1], c.largeSize + "x" + c.largeSize + " sparse", cutoutBytes, cold, options));
                }
            }
        }

        // --- python numpy memmap on the same file, indices and batch ---
        Row py = c.python ? python(ws) : null;

        // --- targets: paired, interleaved rounds (see paired()) ---
        log("paired rounds for the ratio targets (load average %s)...", loadAverage());
        String load0 = loadAverage();
        List<BenchTarget> pts = List.of(target(mmapDir, "default", def), target(mmapDir, "default", def), target(tiledDir, "default", def),
                target(tiledDir, "default", def), target(h5Dir, "default", def), target(mmapDir, "batch split", ReadOptions.parse("threads=2")));
        Paired p = paired(batchBytes, pts, new int[] {1, 2, 1, 2, 1, 1});
        String load1 = loadAverage();
        for (int i = 0; i < pts.size(); i++) {
            Stats st = Stats.of(p.rates()[i]);
            results.add("throughput", pts.get(i).row().put("order", "random").put("cache", "warm").put("batch", c.batch)
                    .put("threads", i == 1 || i == 3 ? 2 : 1).put("reads", c.reads).put("reps", c.reps).put("warmups", 1)
                    .put("cutoutsPerSecMedian", st.median()).put("cutoutsPerSecMin", st.min()).put("cutoutsPerSecMax", st.max())
                    .put("mbPerSec", st.median() * cutoutBytes / 1e6).put("ratioToMemcpy", median(p.toMemcpy(i, cutoutBytes)))
                    .put("ratioToSeqRead", st.median() * cutoutBytes / seqBps).put("checksum", "").put("options", "paired round")
                    .put("status", "ok").put("method", "paired interleaved rounds: " + c.reps + " rounds of {memcpy, each target: 1 warm + 1 timed pass of "
                            + c.reads + " random cutouts, batch " + c.batch + "}; load average " + load0 + " -> " + load1));
        }
        String pm = "median over " + c.reps + " interleaved rounds of per-round ratios (each round: memcpy rep, then every target's warm pass + timed pass); "
                + "machine shared with other jobs, load average " + load0 + " -> " + load1;
        double r1 = median(p.toMemcpy(0, cutoutBytes));
        target("1a warm random batch gather, 1 thread / memcpy", r1, 0.5, "x memcpy", ">=",
                "row-major mmap-npy, ThroughputRun batch " + c.batch + " 1 thread; memcpy = Limits.memcpy of " + batchBytes + "-byte chunks; " + pm
                        + "; best round " + String.format(Locale.ROOT, "%.2f", Stats.of(p.toMemcpy(0, cutoutBytes)).max()));
        double rt = median(p.toMemcpy(2, cutoutBytes));
        target("1a' same, tiled layout / memcpy", rt, 0.5, "x memcpy", ">=", "mmap-tiled; " + pm);
        target("1b 2 threads / 1 thread (row-major)", median(p.ratio(1, 0)), 1.7, "x", ">=",
                "ThroughputRun threads=2 (each thread reads whole batches) over threads=1; " + pm + "; best round "
                        + String.format(Locale.ROOT, "%.2f", Stats.of(p.ratio(1, 0)).max()));
        target("1b' 2 threads / 1 thread (tiled)", median(p.ratio(3, 2)), 1.7, "x", ">=", "as 1b on mmap-tiled; " + pm);
        target("1b'' one batch split over 2 threads / 1 thread", median(p.ratio(5, 0)), 1.7, "x", ">=",
                "readBatch splits each batch across the caller and one pool thread; " + pm);
        rowMajor1 = rowMajor1.copy().put("cutoutsPerSecMedian", median(p.rates()[0]));
        tiled1 = tiled1.copy().put("cutoutsPerSecMedian", median(p.rates()[2]));
        h5direct = h5direct.copy().put("cutoutsPerSecMedian", median(p.rates()[4]));
        target("2 warm tiled / row-major", tiled1.number("cutoutsPerSecMedian") / rowMajor1.number("cutoutsPerSecMedian"), Double.NaN,
                "x", "info", "trade-off, warm random batch 256, 1 thread");
        target("2' cold isolated cutout latency, row-major / tiled", coldRow.number("coldLatencyUsMedian") / coldTiled.number("coldLatencyUsMedian"),
                Double.NaN, "x", "info", "trade-off: median latency of one cutout read from an evicted file (" 
                        + String.format(Locale.ROOT, "%.0f us row-major, %.0f us tiled", coldRow.number("coldLatencyUsMedian"), coldTiled.number("coldLatencyUsMedian")) + ")");
        target("2'' cold pass of " + c.coldReads + " cutouts, tiled / row-major (cutouts/s)", passTiled.number("cutoutsPerSecMedian") / passRow.number("cutoutsPerSecMedian"),
                Double.NaN, "x", "info", "trade-off: one pass over an evicted file, later cutouts reuse pages earlier ones brought in");
        target("3 cold bytes read per cutout, tiled", coldTiled.number("readBytesPerCutoutRatio"), 4.0, "x cutout bytes", "<=",
                coldTiled.text("method"));
        target("3' cold bytes read per cutout, row-major", coldRow.number("readBytesPerCutoutRatio"), 4.0, "x cutout bytes", "<=",
                coldRow.text("method"));
        target("4a HDF5 direct vs raw mmap (raw/direct time ratio)", median(p.ratio(0, 4)),
                1.5, "x", "<=", "ThroughputRun warm random batch " + c.batch + " 1 thread: mmap-npy default over hdf5 with the direct mapping ("
                        + h5direct.text("readPath") + "); " + pm);
        target("4b HDF5 direct vs jhdf hyperslabs (speed-up)", h5direct.number("cutoutsPerSecMedian") / h5jhdf.number("cutoutsPerSecMedian"),
                10, "x", ">=", "same, hdf5 direct over hdf5 nodirect (jhdf getData per cutout: "
                        + String.format(Locale.ROOT, "%.1f", 1e6 / h5jhdf.number("cutoutsPerSecMedian")) + " us/cutout, " + c.jhdfReads + " reads per rep)");
        for (Row m : mem) {
            target("5 RSS growth per cutout, " + m.text("strategy").toLowerCase(Locale.ROOT) + " " + m.text("mosaic") + ", " + m.text("cache") + " cache, "
                    + m.text("variant"),
                    m.number("rssPerCutoutKiB"), (cutoutBytes + 65536) / 1024.0, "KiB", "<=", m.text("method"));
        }
        if (py != null) {
            double pyRate = py.number("cutoutsPerSecMedian");
            target("6 Java batch gather / numpy memmap slicing", javaWarm1 / pyRate, 3, "x", ">=",
                    "same mosaic.npy, same " + c.reads + " random indices (checksums " + javaWarm1Checksum + " / " + py.text("checksum")
                            + "), batch " + c.batch + ", 1 thread each, both back-to-back reps (Java: ThroughputRun " + c.reps + " reps after "
                            + c.warmups + " warm-ups, " + String.format(Locale.ROOT, "%.0f", javaWarm1) + " cutouts/s; Python: peer_bench.py 5 reps after 1 warm-up, "
                            + String.format(Locale.ROOT, "%.0f", pyRate) + " cutouts/s); against the paired-round Java median it is "
                            + String.format(Locale.ROOT, "%.2f", rowMajor1.number("cutoutsPerSecMedian") / pyRate) + "x (" + py.text("status") + ")");
        }
        for (Row t : targets) {
            results.add("targets", t);
        }
        BenchmarkResults r = results.finish();
        List<String> problems = r.validate();
        r.write(c.outDir);
        if (!problems.isEmpty()) {
            log("results do not match the schema: %s", problems);
        }
        return r;
    }

    /** Per-round rates (cutouts/s) of several targets measured in interleaved rounds, plus memcpy per round. */
    private record Paired(double[] memcpyBps, double[][] rates, String[] names) {
        double[] ratio(int a, int b) {
            double[] r = new double[rates[a].length];
            for (int i = 0; i < r.length; i++) {
                r[i] = rates[a][i] / rates[b][i];
            }
            return r;
        }

        double[] toMemcpy(int a, long cutoutBytes) {
            double[] r = new double[rates[a].length];
            for (int i = 0; i < r.length; i++) {
                r[i] = rates[a][i] * cutoutBytes / memcpyBps[i];
            }
            return r;
        }
    }

    /**
     * Interleaved rounds: each round runs the memcpy bound once and every target once (one untimed
     * warm pass, one timed pass, same indices), so a ratio is taken between measurements seconds
     * apart. The machine is shared (other builds and benchmarks run beside this one); pairing per
     * round keeps their load from landing on one side of a ratio only.
     */
    private Paired paired(long batchBytes, List<BenchTarget> ts, int[] threads) {
        int rounds = c.reps;
        double[] mem = new double[rounds];
        double[][] rates = new double[ts.size()][rounds];
        for (int r = 0; r < rounds; r++) {
            mem[r] = Limits.memcpy(batchBytes, (long) c.reads * CutoutSpec.DEFAULT.bytes(), 1, 1, c.seed + r)[0];
            for (int i = 0; i < ts.size(); i++) {
                ThroughputRun run = new ThroughputRun(c.reads, c.batch, threads[i], ReadOrder.RANDOM, CacheState.WARM, 1, 1, c.seed);
                rates[i][r] = run.run(ts.get(i)).stats().median();
            }
        }
        String[] names = ts.stream().map(t -> t.strategy() + "/" + t.variant()).toArray(String[]::new);
        return new Paired(mem, rates, names);
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "?";
        }
    }

    static double median(double[] v) {
        return Stats.of(v).median();
    }

    /** The targets as a Tablesaw table (target, measured, goal, unit, status). */
    public static Table targetTable(BenchmarkResults r) {
        Table t = r.table("targets");
        return t.selectColumns("target", "measured", "goal", "unit", "status");
    }

    private void target(String name, double measured, double goal, String unit, String cmp, String method) {
        String status;
        if (!Double.isFinite(measured)) {
            status = "not measured";
        } else if (cmp.equals("info")) {
            status = "info";
        } else {
            boolean pass = cmp.equals(">=") ? measured >= goal : measured <= goal;
            status = pass ? "pass" : "short";
        }
        targets.add(new Row().put("name", name).put("target", name).put("measured", measured).put("goal", goal).put("unit", unit)
                .put("comparison", cmp).put("result", status).put("status", status).put("method", method));
        log("TARGET %-55s measured %8.3f goal %s %s %s -> %s", name, measured, cmp, Double.isFinite(goal) ? String.format(Locale.ROOT, "%.3f", goal) : "-", unit, status);
    }

    private BenchTarget target(Path dir, String variant, ReadOptions o) {
        String strategy = StoreManifest.read(dir).strategy().name();
        return new BenchTarget(strategy, variant, dir, o);
    }

    private Row warm(Path dir, String variant, ReadOptions o, int threads, int reads, double memcpyBps, double seqBps) {
        BenchTarget t = target(dir, variant, o);
        ThroughputRun run = new ThroughputRun(reads, c.batch, threads, ReadOrder.RANDOM, CacheState.WARM, c.warmups, c.reps, c.seed);
        ThroughputRun.Result res = run.run(t);
        String path;
        try (CutoutStore s = Stores.open(dir, o)) {
            path = ReadOptions.readPath(s);
        }
        Row row = run.toRow(t, res).put("ratioToMemcpy", res.bytesPerSecond() / memcpyBps).put("ratioToSeqRead", res.bytesPerSecond() / seqBps)
                .put("options", o.label()).put("readPath", path);
        results.add("throughput", row);
        log("warm %-12s %-22s threads=%d %10.0f cutouts/s  %.3fx memcpy  [%s]", t.strategy(), variant, threads, res.stats().median(),
                res.bytesPerSecond() / memcpyBps, o.label());
        return row;
    }

    private void firstPass(Path dir, String variant, ReadOptions o, double memcpyBps, double seqBps) {
        BenchTarget t = target(dir, variant, o);
        ThroughputRun run = new ThroughputRun(c.reads, c.batch, 1, ReadOrder.RANDOM, CacheState.WARM, 0, 1, c.seed + 1);
        ThroughputRun.Result res = run.run(t);
        results.add("throughput", run.toRow(t, res).put("ratioToMemcpy", res.bytesPerSecond() / memcpyBps)
                .put("ratioToSeqRead", res.bytesPerSecond() / seqBps).put("options", o.label()).put("readPath", "first pass after open")
                .put("method", "first pass after opening (page cache warm, page tables empty; prefault, if any, is part of open and not timed), "
                        + "fresh indices (seed+1), " + c.reads + " cutouts, batch " + c.batch));
        log("first %-12s %-22s %10.0f cutouts/s", t.strategy(), variant, res.stats().median());
    }

    /**
     * Cold random reads: evict the store's files (fdatasync + POSIX_FADV_DONTNEED, verified with
     * mincore), open, then read {@code coldReads} random cutouts one at a time, measuring
     * /proc/self/io read_bytes and the payload's resident pages before and after (opening, which
     * reads catalogue.csv, happens before the first sample).
     */
    private Row cold(Path dir, String variant, ReadOptions o, long cutoutBytes) {
        BenchTarget t = target(dir, variant, o);
        PageCache.releaseMappings();
        PageCache.Eviction ev = PageCache.evict(t.files());
        Path payload = dir.resolve(StoreManifest.read(dir).payload());
        long sum = 0;
        int n;
        long readBytes;
        long pagesIn;
        long nanos;
        try (CutoutStore s = t.open()) {
            n = Math.min(c.coldReads, s.size());
            int[] idx = ReadOrder.RANDOM.indices(s.size(), n, c.seed + 7);
            int px = s.cutoutPixels();
            float[] buf = new float[px];
            long res0 = Posix.residentPages(payload)[0];
            long io0 = readBytes();
            long t0 = System.nanoTime();
            for (int k = 0; k < n; k++) {
                s.readInto(idx[k], buf, 0);
                sum += Checksum.of(idx[k], buf, 0, px);
            }
            nanos = System.nanoTime() - t0;
            readBytes = readBytes() - io0;
            pagesIn = Posix.residentPages(payload)[0] - res0;
        }
        double perCutout = (double) readBytes / n;
        Row row = t.row().put("order", "random").put("cache", "cold").put("batch", 1).put("threads", 1).put("reads", n).put("reps", 1)
                .put("cutoutsPerSecMedian", n / (nanos / 1e9)).put("cutoutsPerSecMin", n / (nanos / 1e9)).put("cutoutsPerSecMax", n / (nanos / 1e9))
                .put("mbPerSec", n * cutoutBytes / (nanos / 1e9) / 1e6).put("ratioToMemcpy", n * cutoutBytes / (nanos / 1e9) / memcpyBps)
                .put("ratioToSeqRead", n * cutoutBytes / (nanos / 1e9) / seqBps)
                .put("checksum", Checksum.hex(sum)).put("options", o.label())
                .put("readBytesPerCutout", perCutout).put("readBytesPerCutoutRatio", perCutout / cutoutBytes)
                .put("pagesInPerCutout", (double) pagesIn / n).put("pageCacheBytesPerCutoutRatio", pagesIn * 4096.0 / n / cutoutBytes)
                .put("residentPagesBefore", ev.before().residentPages()).put("residentPagesAfter", ev.after().residentPages())
                .put("filePages", ev.before().totalPages())
                .put("status", ev.cold() ? "ok" : ev.status())
                .put("method", "evict store files (fdatasync+POSIX_FADV_DONTNEED), verify with mincore (" + ev.after().residentPages() + " of "
                        + ev.after().totalPages() + " pages left), open, " + n + " random single readInto; /proc/self/io read_bytes delta and "
                        + "mincore pages-in delta of the payload over the reads, per cutout; options " + o.label());
        results.add("throughput", row);
        log("cold %-12s %-14s %8.0f cutouts/s  read %.2fx cutout bytes (page cache +%.2fx) evicted=%s", t.strategy(), variant,
                n / (nanos / 1e9), perCutout / cutoutBytes, pagesIn * 4096.0 / n / cutoutBytes, ev.cold());
        return row;
    }

    /**
     * Cold bytes per cutout, each cutout isolated: for each of {@code n} random cutouts, evict the
     * payload (verified with mincore), open the store, read that ONE cutout, and take the
     * /proc/self/io read_bytes and resident-page deltas over the read alone (open, which reads
     * catalogue.csv, is outside). No cutout can profit from pages an earlier one brought in.
     */
    private Row coldIsolated(Path dir, String variant, ReadOptions o, long cutoutBytes, int n) {
        BenchTarget t = target(dir, variant, o);
        Path payload = dir.resolve(StoreManifest.read(dir).payload());
        int[] idx;
        try (CutoutStore s = t.open()) {
            idx = ReadOrder.RANDOM.indices(s.size(), Math.min(n, s.size()), c.seed + 13);
        }
        double[] bytes = new double[idx.length];
        double[] pages = new double[idx.length];
        double[] micros = new double[idx.length];
        long maxLeft = 0;
        long sum = 0;
        PageCache.releaseMappings();
        for (int k = 0; k < idx.length; k++) {
            PageCache.Eviction ev = PageCache.evict(List.of(payload));
            maxLeft = Math.max(maxLeft, ev.after().residentPages());
            try (CutoutStore s = t.open()) {
                float[] buf = new float[s.cutoutPixels()];
                long res0 = Posix.residentPages(payload)[0];
                long io0 = readBytes();
                long t0 = System.nanoTime();
                s.readInto(idx[k], buf, 0);
                micros[k] = (System.nanoTime() - t0) / 1e3;
                bytes[k] = readBytes() - io0;
                pages[k] = Posix.residentPages(payload)[0] - res0;
                sum += Checksum.of(idx[k], buf, 0, s.cutoutPixels());
            }
        }
        Stats b = Stats.of(bytes);
        Stats us = Stats.of(micros);
        Row row = t.row().put("order", "random").put("cache", "cold-isolated").put("batch", 1).put("threads", 1).put("reads", idx.length)
                .put("reps", 1).put("cutoutsPerSecMedian", 1e6 / us.median()).put("cutoutsPerSecMin", 1e6 / us.max())
                .put("cutoutsPerSecMax", 1e6 / us.min()).put("mbPerSec", cutoutBytes / us.median()).put("ratioToMemcpy", cutoutBytes * 1e6 / us.median() / memcpyBps)
                .put("ratioToSeqRead", cutoutBytes * 1e6 / us.median() / seqBps).put("checksum", Checksum.hex(sum)).put("options", o.label())
                .put("coldLatencyUsMedian", us.median()).put("coldLatencyUsP95", us.p95())
                .put("readBytesPerCutout", b.mean()).put("readBytesPerCutoutRatio", b.mean() / cutoutBytes)
                .put("readBytesPerCutoutMaxRatio", b.max() / cutoutBytes)
                .put("pagesInPerCutout", Stats.of(pages).mean()).put("pageCacheBytesPerCutoutRatio", Stats.of(pages).mean() * 4096 / cutoutBytes)
                .put("residentPagesAfter", maxLeft).put("status", maxLeft <= 0.01 * (Files.exists(payload) ? Posix.residentPages(payload)[1] : 1) ? "ok"
                        : "not-cold: up to " + maxLeft + " pages left after eviction")
                .put("method", "per cutout: fdatasync+POSIX_FADV_DONTNEED of the payload (mincore-verified, at most " + maxLeft
                        + " pages left), open, ONE random readInto; /proc/self/io read_bytes delta over that read (mean over " + idx.length
                        + " cutouts; max " + String.format(Locale.ROOT, "%.2f", b.max() / cutoutBytes) + "x); mincore pages-in delta beside it; options " + o.label());
        results.add("throughput", row);
        log("cold-isolated %-12s %-14s %7.0f us/cutout  read %.2fx cutout bytes (max %.2fx, page cache +%.2fx)", t.strategy(), variant,
                us.median(), b.mean() / cutoutBytes, b.max() / cutoutBytes, Stats.of(pages).mean() * 4096 / cutoutBytes);
        return row;
    }

    static long readBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
                if (line.startsWith("read_bytes:")) {
                    return Long.parseLong(line.substring(11).trim());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return -1;
    }

    /** Fresh-JVM probe, warm page cache (the harder case: fault-around maps cached neighbours). */
    private Row memory(Path dir, String mosaic, long cutoutBytes, boolean cold, String options) {
        StoreManifest manifest = StoreManifest.read(dir);
        String strategy = manifest.strategy().name();
        Path payload = dir.resolve(manifest.payload());
        if (cold) {
            PageCache.evict(List.of(payload));
        } else {
            Limits.sequentialRead(payload, CacheState.WARM, 0, 1); // warm the page cache
        }
        JsonNode j = FreshJvm.of(FastPathMemoryProbe.class, dir.toString(), options, Integer.toString(c.memoryReads), Long.toString(c.seed))
                .withJvmArgs("-Xms128m", "-Xmx128m", "-XX:+AlwaysPreTouch", "-XX:+UseSerialGC")
                .withTimeout(java.time.Duration.ofMinutes(10))
                .run();
        int many = j.get("many").asInt();
        double perCutout = j.get("manyRssDeltaKb").asDouble() / many;
        double one = j.get("oneRssDeltaKb").asDouble();
        Row row = new Row().put("impl", "java").put("strategy", strategy).put("variant", options).put("mosaic", mosaic)
                .put("cache", cold ? "cold" : "warm")
                .put("phase", "per-cutout").put("reads", many).put("rssMiB", j.get("rssKb").asDouble() / 1024)
                .put("rssDeltaMiB", j.get("manyRssDeltaKb").asDouble() / 1024).put("hwmMiB", null).put("heapUsedMiB", null)
                .put("oneCutoutRssDeltaKiB", one).put("oneCutoutRssFileDeltaKiB", j.get("oneRssFileDeltaKb").asDouble())
                .put("rssPerCutoutKiB", perCutout)
                .put("rssFilePerCutoutKiB", j.get("manyRssFileDeltaKb").asDouble() / many)
                .put("rssAnonPerCutoutKiB", j.get("manyRssAnonDeltaKb").asDouble() / many)
                .put("cutoutKiB", cutoutBytes / 1024.0).put("checksum", j.get("checksum").asText())
                .put("status", "measured")
                .put("method", "fresh JVM (-Xms=-Xmx=128m, AlwaysPreTouch, SerialGC), page cache " + (cold ? "cold (payload evicted before the JVM starts)" : "warm")
                        + ", mapping options '" + options + "' (" + ReadOptions.parse(options).label() + "); 8 warm-up reads; VmRSS delta over " + many + " more random cutouts, per cutout (the delta over ONE cutout is in oneCutoutRssDeltaKiB)");
        results.add("memory", row);
        log("memory %-5s %-20s %-24s one cutout %+.0f KiB, per cutout over %d: %.1f KiB (file %.1f, anon %.1f)", cold ? "cold" : "warm", strategy, mosaic, one, many,
                perCutout, j.get("manyRssFileDeltaKb").asDouble() / many, j.get("manyRssAnonDeltaKb").asDouble() / many);
        return row;
    }

    private Row python(Workspace ws) {
        Path script = PythonPeer.locateScript();
        Row row = new Row().put("impl", "python").put("strategy", "MEMORY_MAPPED").put("variant", "numpy memmap").put("kind", "throughput");
        if (script == null) {
            results.add("python", row.put("status", "skipped: python/peer_bench.py not found").put("method", "-"));
            return row.put("cutoutsPerSecMedian", Double.NaN);
        }
        try {
            Path work = Files.createDirectories(c.outDir);
            Path idxFile = work.resolve("targets-indices.json");
            Path out = work.resolve("targets-peer.json");
            Catalogue cat = CatalogueCsv.read(ws.storeDir(Strategy.MEMORY_MAPPED).resolve(StoreManifest.CATALOGUE_FILE));
            ObjectMapper json = new ObjectMapper();
            ObjectNode idx = json.createObjectNode();
            idx.set("random", json.valueToTree(ReadOrder.RANDOM.indices(cat.size(), c.reads, c.seed)));
            idx.set("sequential", json.valueToTree(ReadOrder.SEQUENTIAL.indices(cat.size(), c.reads, c.seed)));
            json.writeValue(idxFile.toFile(), idx);
            Files.deleteIfExists(out);
            List<String> cmd = List.of(c.pythonExe, script.toString(), "--data-dir", ws.root().resolve(Workspace.STORES).toString(),
                    "--indices", idxFile.toString(), "--strategies", "MEMORY_MAPPED", "--batches", Integer.toString(c.batch),
                    "--reads", "200", "--throughput-reads", Integer.toString(c.reads), "--reps", Integer.toString(Math.min(c.reps, 5)),
                    "--warmups", "1", "--no-cold", "--no-memory", "--out", out.toString());
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(work.resolve("targets-peer.log").toFile()).start();
            if (!p.waitFor(20, TimeUnit.MINUTES) || p.exitValue() != 0 || !Files.exists(out)) {
                p.destroyForcibly();
                String why = "skipped: peer_bench.py failed, see " + work.resolve("targets-peer.log");
                results.add("python", row.put("status", why).put("method", String.join(" ", cmd)));
                return row.put("cutoutsPerSecMedian", Double.NaN);
            }
            for (JsonNode r : json.readTree(out.toFile()).get("rows")) {
                if ("throughput".equals(r.path("kind").asText()) && "random".equals(r.path("order").asText())
                        && "warm".equals(r.path("cache").asText()) && r.path("batch").asInt() == c.batch) {
                    row.put("order", "random").put("cache", "warm").put("batch", c.batch).put("reads", r.path("reads").asInt())
                            .put("cutoutsPerSecMedian", r.path("cutoutsPerSecMedian").asDouble())
                            .put("checksum", r.path("checksum").asText()).put("status", r.path("status").asText())
                            .put("method", r.path("method").asText() + "; run as: " + String.join(" ", cmd));
                    results.add("python", row);
                    log("python numpy memmap: %.0f cutouts/s (checksum %s)", row.number("cutoutsPerSecMedian"), row.text("checksum"));
                    return row;
                }
            }
            results.add("python", row.put("status", "skipped: no warm random throughput row").put("method", String.join(" ", cmd)));
            return row.put("cutoutsPerSecMedian", Double.NaN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The 5000x5000 workspace with its row-major, tiled and HDF5 stores (reused when present). */
    private Workspace prepare() {
        Workspace ws = Workspace.at(c.dataDir);
        if (!ws.hasMosaic()) {
            log("generating %dx%d mosaic in %s", c.mosaic, c.mosaic, c.dataDir);
            ws = Workspace.generate(MosaicSpec.of(c.mosaic, c.mosaic, c.sources, c.seed), CatalogueRecipe.sources(), c.dataDir,
                    (d, t) -> { });
        }
        if (!ws.hasStore(Strategy.MEMORY_MAPPED)) {
            ws.writeStore(Strategy.MEMORY_MAPPED, CutoutSpec.DEFAULT);
        }
        if (!ws.hasStore(Strategy.HDF5)) {
            ws.writeStore(Strategy.HDF5, CutoutSpec.DEFAULT);
        }
        if (!ws.hasStore(Strategy.MEMORY_MAPPED_TILED)) {
            TileConverter.convert(ws.storeDir(Strategy.MEMORY_MAPPED), ws.storeDir(Strategy.MEMORY_MAPPED_TILED));
        }
        return ws;
    }

    /**
     * A sparse mosaic above 2 GiB ({@code largeSize}^2 float32, a noise patch in the far corner, holes
     * elsewhere) as a row-major store, and its tiled conversion; catalogue: 2000 uniform centres.
     */
    private Path[] prepareLarge() {
        Path root = c.dataDir.resolve("large-" + c.largeSize);
        Path rm = root.resolve(Strategy.MEMORY_MAPPED.folder());
        Path tl = root.resolve(Strategy.MEMORY_MAPPED_TILED.folder());
        int w = c.largeSize;
        if (!Files.isRegularFile(rm.resolve(StoreManifest.FILE_NAME))) {
            log("writing sparse %dx%d mosaic (%.2f GiB)", w, w, 4.0 * w * w / (1 << 30));
            try {
                Files.createDirectories(rm);
                byte[] header = NpyHeader.encode(w, w);
                try (FileChannel ch = FileChannel.open(rm.resolve("mosaic.npy"), StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE, StandardOpenOption.SPARSE)) {
                    ch.write(ByteBuffer.wrap(header));
                    int patch = 512;
                    ByteBuffer row = ByteBuffer.allocate(4 * patch).order(ByteOrder.LITTLE_ENDIAN);
                    SplittableRandom r = new SplittableRandom(c.seed);
                    for (int y = w - patch; y < w; y++) {
                        row.clear();
                        for (int x = 0; x < patch; x++) {
                            row.putFloat((float) r.nextDouble());
                        }
                        row.flip();
                        ch.write(row, header.length + 4L * ((long) y * w + (w - patch)));
                    }
                    ch.write(ByteBuffer.wrap(new byte[] {0, 0, 0, 0}), header.length + 4L * w * w - 4);
                }
                int n = 2000;
                SplittableRandom r = new SplittableRandom(c.seed + 1);
                double[] x = new double[n];
                double[] y = new double[n];
                for (int i = 0; i < n; i++) {
                    x[i] = 32 + r.nextDouble() * (w - 64);
                    y[i] = 32 + r.nextDouble() * (w - 64);
                }
                Catalogue cat = new Catalogue(x, y, new double[n], new double[n], new int[n]);
                CatalogueCsv.write(cat, rm.resolve(StoreManifest.CATALOGUE_FILE));
                new StoreManifest(Strategy.MEMORY_MAPPED, w, w, n, CutoutSpec.DEFAULT, "mosaic.npy", "sparse " + w + "x" + w, Instant.now()).write(rm);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (!Files.isRegularFile(tl.resolve(StoreManifest.FILE_NAME))) {
            log("converting it to tiles");
            TileConverter.convert(rm, tl, TiledLayout.DEFAULT_TILE, (d, t) -> { });
        }
        return new Path[] {rm, tl};
    }
}
