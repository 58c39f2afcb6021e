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
        }
        return out;
    }

    /** The names of the device ceiling's rows, measured before and after the larger-than-memory runs. */
    public static final String BEFORE = "device-random-read-before";
    public static final String AFTER = "device-random-read-after";
    static final int CEILING_REPS = 3;
    static final double CEILING_SECONDS = 1;

    /**
     * The device's random-read ceiling for reads of one cutout's bytes (rounded up to 4 KiB), over the payload of
     * the sweep's tiled store, else its row-major store (the files the virtual stores read).
     */
    private LimitRow deviceCeiling(List<Path> stores, String name) {
        RunSpec.Regimes r = spec.regimes();
        long cutoutBytes = spec.cutout().bytes();
        int block = (int) Math.min(1 << 20, Math.ceilDiv(cutoutBytes, 4096) * 4096);
        Path payload = null;
        for (Strategy s : List.of(Strategy.MEMORY_MAPPED_TILED, Strategy.MEMORY_MAPPED)) {
            int i = r.strategies().indexOf(s);
            if (i >= 0) {
                Path dir = stores.get(i);
                payload = dir.resolve(org.cutouts.store.StoreManifest.read(dir).payload());
                break;
            }
        }
        if (payload == null) {
            return LimitRow.of(name, CacheState.COLD, Limits.DEVICE_DEPTH, block, new double[0], cutoutBytes, null,
                    "skipped: the sweep has no tiled or row-major store whose payload to read", "not run");
        }
        say("regimes: device random-read ceiling (%s), %d-byte direct reads of %s", name, block, payload.getFileName());
        double[] bw = Limits.deviceRandomRead(payload, block, CEILING_SECONDS, CEILING_REPS, spec.seed());
        String method = String.format(Locale.ROOT, "%d-byte reads at random %d-byte-aligned offsets of %s, O_DIRECT (not from or into the page "
                        + "cache), %d in flight through one io_uring ring; %d reps of %.0f s after 0.5 s untimed; %s the larger-than-memory runs",
                block, block, payload.getFileName(), Limits.DEVICE_DEPTH, CEILING_REPS, CEILING_SECONDS, name.equals(BEFORE) ? "before" : "after");
        if (bw.length == 0) {
            return LimitRow.of(name, CacheState.COLD, Limits.DEVICE_DEPTH, block, bw, cutoutBytes, null,
                    "skipped: this kernel refuses io_uring or this file system O_DIRECT", method);
        }
        LimitRow row = LimitRow.of(name, CacheState.COLD, Limits.DEVICE_DEPTH, block, bw, cutoutBytes, null, "ok", method);
        say("regimes: device ceiling %.0f MB/s (%.0f-%.0f)", row.mbPerSecMedian(), row.mbPerSecMin(), row.mbPerSecMax());
        return row;
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
