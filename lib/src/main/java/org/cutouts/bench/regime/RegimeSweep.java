package org.cutouts.bench.regime;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.cutouts.bench.LimitRow;
import org.cutouts.bench.Limits;
import org.cutouts.bench.RunSpec;
import org.cutouts.bench.StoreWrites;
import org.cutouts.data.Catalogue;
import org.cutouts.data.Catalogues;
import org.cutouts.data.MosaicSpec;
import org.cutouts.data.SyntheticMosaic;
import org.cutouts.os.CacheState;
import org.cutouts.store.Strategy;

/**
 * The memory-regime sweep of a {@link RunSpec}: writes one store per strategy from the sweep's own mosaic
 * and catalogue (reusing stores already written with the same mosaic, catalogue and cutout: at the
 * pipeline's scale they take minutes to write), then measures every regime x strategy x read variant x
 * thread count with a {@link RegimeRun}. The stores are written with the spec's cutout, so a 32x32 run
 * measures 32x32 here too.
 */
public final class RegimeSweep {
    /** A store read through a mapping, whose read path has variants (advice, explicit reads); the others are read once, as "default". */
    public static boolean mapped(Strategy s) {
        return s != Strategy.INDIVIDUAL_FILES && s != Strategy.WHOLE_TENSOR;
    }

    private final RunSpec spec;
    private final PrintStream log;

    public RegimeSweep(RunSpec spec, PrintStream log) {
        this.spec = spec;
        this.log = log;
    }

    /** Where the sweep's stores live: one folder per mosaic, catalogue and cutout under the spec's data dir. */
    public Path dataDir() {
        RunSpec.Regimes r = spec.regimes();
        return spec.dataDir().resolve(String.format(Locale.ROOT, "regimes-%dx%d-n%d-s%d%s", r.mosaic(), r.mosaic(), r.cutouts(), spec.seed(),
                StoreWrites.folderSuffix(spec.cutout())));
    }

    /** Runs the sweep, handing each result to {@code sink} as it is measured; returns them all. */
    public List<RegimeResult> run(Consumer<RegimeResult> sink) {
        return run(sink, ceiling -> { });
    }

    /**
     * {@link #run(Consumer)}, and the device's random-read ceiling ({@link Limits#deviceRandomRead}) measured
     * right before the first larger-than-memory run and right after the last, handed to {@code ceilings}: a
     * cold row is then read against what the device gave at that time (this machine's disk has slow spells).
     */
    public List<RegimeResult> run(Consumer<RegimeResult> sink, Consumer<LimitRow> ceilings) {
        RunSpec.Regimes r = spec.regimes();
        List<Path> stores = writeStores();
        List<RegimeResult> out = new ArrayList<>();
        int runs = 0;
        boolean cold = false;
        for (Planned p : plan()) {
            if (p.regime() == Regime.LARGER_THAN_MEMORY && !cold) {
                cold = true;
                ceilings.accept(deviceCeiling(stores, BEFORE));
            }
            // a new sample per run: this machine's virtual disk is cached by its host, which the guest
            // cannot evict, and a second read of the same blocks measured 2.4x faster than the first
            RegimeResult res = measure(stores.get(r.strategies().indexOf(p.strategy())), p.strategy(), p.variant(), p.regime(), p.threads(),
                    p.order(), spec.seed() + runs++);
            out.add(res);
            sink.accept(res);
        }
        if (cold) {
            ceilings.accept(deviceCeiling(stores, AFTER));
            ReadPathTargets.coldOneThread(out).ifPresent(one -> {
                ceilings.accept(requestCeiling(stores, one));
                for (int threads : List.of(1, ReadPathTargets.COLD_THREADS)) {
                    ceilings.accept(batchedReads(stores, one, threads));
                }
            });
        }
        return out;
    }

    /** The names of the device ceiling's rows, measured before and after the larger-than-memory runs. */
    public static final String BEFORE = "device-random-read-before";
    public static final String AFTER = "device-random-read-after";
    /** The ceiling for reads of the size W2 cold's one-thread row sent the device, measured after the runs. */
    public static final String REQUESTS = "device-random-read-requests";
    /** The prefix of the rows that read with W2 cold's pattern and copy nothing; the thread count follows. */
    public static final String BATCHED = "device-batched-reads-";
    static final int CEILING_REPS = 3;
    /**
     * Reads in flight the ceiling tries, keeping the best: where this machine's disk stops gaining moves between
     * 64 and 256 from one run to the next (16 KiB reads: 1,300-1,312 MB/s at 32, 1,607-1,615 at 64, 1,560-1,563 at
     * 128, 1,499-1,555 at 256 and 1,423-1,460 at 512 in two alternating rounds, 2026-12-03; docs/fast-paths.md, run 10).
     */
    static final List<Integer> CEILING_DEPTHS = List.of(64, 128, 256);
    static final double CEILING_SECONDS = 1;

    /**
     * The device's random-read ceiling for reads of one cutout's bytes (rounded up to 4 KiB), over the payload of
     * the sweep's tiled store, else its row-major store (the files the virtual stores read).
     */
    private LimitRow deviceCeiling(List<Path> stores, String name) {
        long cutoutBytes = spec.cutout().bytes();
        int block = (int) Math.min(1 << 20, Math.ceilDiv(cutoutBytes, 4096) * 4096);
        return deviceCeiling(stores, name, block, name.equals(BEFORE) ? "before the larger-than-memory runs" : "after the larger-than-memory runs");
    }

    /**
     * The device's random-read ceiling for reads of the mean size the given row's reads reached the device with
     * ({@code /proc/self/io} bytes over {@code /proc/diskstats} requests, to the nearest 4 KiB): what W2 cold's
     * one thread is compared with, since the device's requests per second, not its bytes, bound small reads.
     */
    private LimitRow requestCeiling(List<Path> stores, RegimeResult one) {
        return deviceCeiling(stores, REQUESTS, requestBlock(one), String.format(Locale.ROOT, "after the larger-than-memory runs, the mean request of %s at 1 thread "
                + "in random order (%.0f device bytes over %.2f requests per cutout) to the nearest 4 KiB", one.storeLabel(), one.deviceBytesPerCutout(),
                one.requestsPerCutout()));
    }

    /** The mean device request of a row, to the nearest 4 KiB (4 KiB without counters). */
    private static int requestBlock(RegimeResult one) {
        if (one.deviceBytesPerCutout() == null || one.requestsPerCutout() == null || one.requestsPerCutout() <= 0) {
            return 4096;
        }
        return (int) Math.min(1 << 20, Math.max(1, Math.round(one.deviceBytesPerCutout() / one.requestsPerCutout() / 4096)) * 4096);
    }

    /**
     * What the device gives W2 cold's read pattern with nothing copied: {@code threads} threads, each submitting a
     * batch's requests at once (requests per cutout times the batch, of the mean request size) and waiting for all
     * of them. Set beside the row's own rates, it separates the device's share of the ratio from the copies'.
     */
    private LimitRow batchedReads(List<Path> stores, RegimeResult one, int threads) {
        RunSpec.Regimes r = spec.regimes();
        int block = requestBlock(one);
        int batch = (int) Math.max(1, Math.round((one.requestsPerCutout() == null ? 1 : one.requestsPerCutout()) * r.batch()));
        Path payload = ceilingPayload(stores);
        String name = BATCHED + threads;
        if (payload == null) {
            return noPayload(name, batch, block);
        }
        say("regimes: %s: %d thread(s), batches of %d %d-byte direct reads of %s, nothing copied", name, threads, batch, block, payload.getFileName());
        double[] bw = Limits.deviceBatchedReads(payload, block, batch, threads, CEILING_SECONDS, CEILING_REPS, spec.seed() + name.hashCode());
        String method = String.format(Locale.ROOT, "%d thread(s), each with its own io_uring ring, submitting %d reads of %d bytes at random "
                        + "offsets of %s at once (O_DIRECT) and waiting for all of them before the next %d, copying nothing: the request pattern "
                        + "of %s at 1 thread in random order (%.2f requests per cutout, batches of %d cutouts); %d reps of %.0f s each after 0.5 s "
                        + "untimed; after the larger-than-memory runs", threads, batch, block, payload.getFileName(), batch, one.storeLabel(),
                one.requestsPerCutout(), r.batch(), CEILING_REPS, CEILING_SECONDS);
        return probeRow(name, batch, block, bw, method);
    }

    private LimitRow noPayload(String name, int batch, int block) {
        return LimitRow.of(name, CacheState.COLD, batch, block, new double[0], spec.cutout().bytes(), null,
                "skipped: the sweep has no tiled or row-major store whose payload to read", "not run");
    }

    /** A device probe's row: skipped when the probe measured nothing (no io_uring, or no {@code O_DIRECT}), else its rates. */
    private LimitRow probeRow(String name, int batch, int block, double[] bw, String method) {
        if (bw.length == 0) {
            return LimitRow.of(name, CacheState.COLD, batch, block, bw, spec.cutout().bytes(), null,
                    "skipped: this kernel refuses io_uring or this file system O_DIRECT", method);
        }
        LimitRow row = LimitRow.of(name, CacheState.COLD, batch, block, bw, spec.cutout().bytes(), null, "ok", method);
        say("regimes: %s: %.0f MB/s (%.0f-%.0f), %,.0f reads/s", name, row.mbPerSecMedian(), row.mbPerSecMin(), row.mbPerSecMax(),
                row.bytesPerSecond() / block);
        return row;
    }

    /** The file the device probes read: the tiled store's payload, else the row-major store's (what the virtual stores read). */
    private Path ceilingPayload(List<Path> stores) {
        RunSpec.Regimes r = spec.regimes();
        for (Strategy s : List.of(Strategy.MEMORY_MAPPED_TILED, Strategy.MEMORY_MAPPED)) {
            int i = r.strategies().indexOf(s);
            if (i >= 0) {
                Path dir = stores.get(i);
                return dir.resolve(org.cutouts.store.StoreManifest.read(dir).payload());
            }
        }
        return null;
    }

    private LimitRow deviceCeiling(List<Path> stores, String name, int block, String when) {
        Path payload = ceilingPayload(stores);
        if (payload == null) {
            return noPayload(name, CEILING_DEPTHS.getFirst(), block);
        }
        say("regimes: device random-read ceiling (%s), %d-byte direct reads of %s, %s in flight", name, block, payload.getFileName(), CEILING_DEPTHS);
        double[] bw = new double[0];
        int depth = CEILING_DEPTHS.getFirst();
        double best = -1;
        for (int d : CEILING_DEPTHS) {
            // each probe its own offsets: this machine's virtual disk is cached by its host, and a probe re-reading the
            // blocks of the one before it would measure that cache
            double[] at = Limits.deviceRandomRead(payload, block, d, CEILING_SECONDS, CEILING_REPS, spec.seed() + name.hashCode() + d);
            double median = org.cutouts.bench.Stats.of(at).median();
            if (at.length > 0 && median > best) {
                best = median;
                bw = at;
                depth = d;
            }
        }
        String method = String.format(Locale.ROOT, "%d-byte reads at random %d-byte-aligned offsets of %s, O_DIRECT (not from or into the page "
                        + "cache), through one io_uring ring at %s in flight, the best median kept (%d here); %d reps of %.0f s each after 0.5 s "
                        + "untimed; %s", block, block, payload.getFileName(), CEILING_DEPTHS, depth, CEILING_REPS, CEILING_SECONDS, when);
        return probeRow(name, depth, block, bw, method);
    }

    /**
     * Writes the sweep's stores, or reuses them when a complete one is there; returns their folders in the
     * order of the spec's strategies. Nothing here is timed (every run evicts what it reads first), so it
     * can run ahead of the sweep, while the machine does something else ({@code cli prepare}).
     */
    public List<Path> writeStores() {
        RunSpec.Regimes r = spec.regimes();
        SyntheticMosaic mosaic = new SyntheticMosaic(MosaicSpec.of(r.mosaic(), r.mosaic(), Math.max(1, r.cutouts() / 20), spec.seed()));
        Catalogue cat = Catalogues.uniform(r.mosaic(), r.mosaic(), r.cutouts(), spec.seed());
        List<Path> stores = new ArrayList<>();
        for (Strategy s : r.strategies()) {
            Path dir = dataDir().resolve(s.folder());
            say("regimes: writing %s (%d cutouts of a %dx%d mosaic) in %s, or reusing it", s.folder(), cat.size(), r.mosaic(), r.mosaic(), dir);
            StoreWrites.Written w = StoreWrites.write(s, mosaic, cat, spec.cutout(), dir, true);
            if (w.target().isEmpty()) {
                throw new IllegalStateException("regimes: cannot write " + s.folder() + ": " + w.row().status());
            }
            stores.add(dir);
        }
        return stores;
    }

    /** One run of the sweep, before it is measured. */
    public record Planned(Regime regime, Strategy strategy, String variant, int threads, String order) {
    }

    /** The runs of the sweep, in the order they are measured: regime, store, read variant, threads, epoch order. */
    public List<Planned> plan() {
        RunSpec.Regimes r = spec.regimes();
        List<Planned> plan = new ArrayList<>();
        for (Regime regime : r.regimes()) {
            for (Strategy s : r.strategies()) {
                for (String variant : variants(s, regime)) {
                    for (int threads : r.threads()) {
                        for (String order : orders(regime, threads, variant)) {
                            plan.add(new Planned(regime, s, variant, threads, order));
                        }
                    }
                }
            }
        }
        return plan;
    }

    /** One run of the sweep, logged. */
    private RegimeResult measure(Path store, Strategy s, String variant, Regime regime, int threads, String order, long seed) {
        RunSpec.Regimes r = spec.regimes();
        RegimeRun run = new RegimeRun(store, variant, regime, r.memoryLimitBytes(), threads, r.batch(), r.cutoutsPerEpoch(), r.epochs(), seed,
                r.heap(), r.maxEpochSeconds(), java.time.Duration.ofMinutes(30));
        if (order.equals(RunSpec.Regimes.LOCALITY)) {
            run = run.withLocality(r.localityGroupBytes());
        }
        RegimeResult res = run.run();
        say("regimes: %s %s, %s, %s order, %d thread(s): %s", s.folder(), variant, regime.label(), order, threads, res.ok()
                ? String.format(Locale.ROOT, "%.0f cutouts/s, %.2fx bytes, %.2f requests per cutout", res.cutoutsPerSec(),
                        res.readAmplification(), res.requestsPerCutout() == null ? Double.NaN : res.requestsPerCutout())
                : res.status());
        return res;
    }

    /**
     * The read variants of a store: the sweep's for the mapped stores, plus readahead on ({@code advice=none})
     * for the stores the sweep names ({@link RunSpec.Regimes#readahead()}) and a tile cache for the tiled store
     * ({@link #tileCache()}) when data larger than memory is also read in a locality-aware order, the one order
     * they serve.
     */
    private List<String> variants(Strategy s, Regime regime) {
        RunSpec.Regimes r = spec.regimes();
        if (!mapped(s)) {
            return List.of("default");
        }
        List<String> v = new ArrayList<>(r.variants());
        boolean locality = regime == Regime.LARGER_THAN_MEMORY && r.orders().contains(RunSpec.Regimes.LOCALITY);
        if (locality && r.readahead().contains(s) && !v.contains(READAHEAD)) {
            v.add(READAHEAD);
        }
        if (locality && s == Strategy.MEMORY_MAPPED_TILED && !v.contains(tileCache())) {
            v.add(tileCache());
        }
        return v;
    }

    /** Readahead on: the variant a locality-aware order is also read with. */
    static final String READAHEAD = "advice=none";

    /**
     * The tiled store's explicit path with a tile cache of one locality window (four groups, a quarter of the memory
     * limit): the variant a locality-aware order is made for (a window's tiles read once while they stay cached),
     * read like {@link #READAHEAD}.
     */
    String tileCache() {
        return "explicit,cache=" + Math.max(1, 4 * spec.regimes().localityGroupBytes() >> 20) + "m";
    }

    /** Random order always; the locality-aware order larger than memory, at the sweep's locality thread count. */
    private List<String> orders(Regime regime, int threads, String variant) {
        RunSpec.Regimes r = spec.regimes();
        boolean addedForLocality = (variant.equals(READAHEAD) || variant.equals(tileCache())) && !r.variants().contains(variant);
        if (regime != Regime.LARGER_THAN_MEMORY || threads != r.localityThreads()) {
            return addedForLocality ? List.of() : List.of(RunSpec.Regimes.RANDOM);
        }
        // readahead added for the locality-aware order is measured once in random order too, at the same threads, to show why not
        return r.orders();
    }

    private void say(String fmt, Object... args) {
        log.printf(Locale.ROOT, "%s%n", String.format(Locale.ROOT, fmt, args));
        log.flush();
    }
}
