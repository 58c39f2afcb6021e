package org.cutouts.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.cutouts.store.CutoutSpec;
import org.cutouts.store.ReadOptions;
import org.cutouts.store.Strategy;
import tech.tablesaw.api.Table;

/**
 * What a benchmark run measures and how hard: one immutable value that every run consumes
 * ({@link BenchmarkRunner}, {@link ScalingRun}, {@link StoreWrites}, the targets run) and that the
 * results record as their {@code config}. Start from {@link #quick()}, {@link #full()} or
 * {@link #fastPaths()} and change what differs with a {@link Builder} whose unset values come from its
 * parent (layered defaults, as JMH's {@code OptionsBuilder.parent}):
 *
 * <pre>{@code RunSpec s = RunSpec.builder(RunSpec.quick()).cutout(CutoutSpec.square(32)).seed(7).build();}</pre>
 *
 * @param mode            a label: quick, full, targets, or the caller's
 * @param cutout          the stamp every store is written with (size, edge policy, fill)
 * @param readOptions     read-path variants of the mapped strategies, as {@link ReadOptions#parse} specs
 * @param cutouts         0: one cutout per source (the mosaic's catalogue); else a uniform catalogue of this size
 * @param minWarmupReads  untimed reads before each timed run, at least (JIT warm-up)
 * @param childMaxHeap    -Xmx of the fresh-JVM memory probes
 * @param pythonScript    null: python/peer_bench.py in the working directory or a parent
 * @param reuse           reuse stores already in the data dir (matching manifest) instead of writing them again
 */
public record RunSpec(String mode, CutoutSpec cutout, List<String> readOptions, int mosaicWidth, int mosaicHeight, int sources,
                      int cutouts, long seed, List<Strategy> strategies, List<Integer> batches, List<Integer> threads,
                      int latencyReads, int throughputReads, int warmups, int minWarmupReads, int reps, int coldReps,
                      boolean cold, boolean sequential, boolean memory, int memoryReads, String childMaxHeap,
                      long memcpyBytesPerRep, boolean python, String pythonExe, Path pythonScript, int pythonReps,
                      Scaling scaling, Targets targets, Regimes regimes, Path dataDir, Path outDir, boolean reuse) {

    /**
     * The scaling sweep: disk, write time, speed and memory against the cutout count (mosaic fixed at
     * {@code baseMosaic}) and the mosaic side (cutouts fixed at {@code baseCutouts}); {@code largeMosaics}
     * run where only the memory-mapped writer applies.
     */
    public record Scaling(boolean on, List<Integer> mosaics, List<Integer> cutouts, List<Integer> largeMosaics, int baseMosaic,
                          int baseCutouts, int reads, boolean keepData) {
        public Scaling {
            mosaics = List.copyOf(mosaics);
            cutouts = List.copyOf(cutouts);
            largeMosaics = List.copyOf(largeMosaics);
        }

        public Scaling withOn(boolean v) {
            return new Scaling(v, mosaics, cutouts, largeMosaics, baseMosaic, baseCutouts, reads, keepData);
        }
    }

    /**
     * The fast-path targets run ({@code cutouts targets}): cutouts per cold measurement, reads per rep of
     * the slow jhdf path, the sparse mosaic above 2 GiB of side {@code largeSize}, and the idea-by-idea
     * experiment rows.
     */
    public record Targets(int coldReads, int jhdfReads, boolean large, int largeSize, boolean experiments) {
    }

    /**
     * The memory-regime sweep (issue 11): every strategy in {@code strategies} written once from a
     * {@code mosaic}x{@code mosaic} mosaic with {@code cutouts} uniform positions, then read in each regime
     * ({@link org.cutouts.bench.regime.RegimeRun}) with each thread count, the mapped strategies once per
     * read variant. "Larger than memory" confines the reader to a cgroup of {@code memoryLimitBytes}.
     *
     * @param maxEpochSeconds an epoch stops after this long (0: never)
     * @param heap            the reader's -Xmx
     */
    public record Regimes(boolean on, List<org.cutouts.bench.regime.Regime> regimes, List<Strategy> strategies, List<String> variants,
                          int mosaic, int cutouts, long memoryLimitBytes, List<Integer> threads, int batch, int cutoutsPerEpoch,
                          int epochs, double maxEpochSeconds, String heap, List<String> orders, List<Strategy> readahead) {
        /** Epoch orders of data larger than memory: a full shuffle, and the locality-aware order of the training iterators. */
        public static final String RANDOM = "random";
        public static final String LOCALITY = "locality";

        /** A sweep in random order only. */
        public Regimes(boolean on, List<org.cutouts.bench.regime.Regime> regimes, List<Strategy> strategies, List<String> variants,
                       int mosaic, int cutouts, long memoryLimitBytes, List<Integer> threads, int batch, int cutoutsPerEpoch,
                       int epochs, double maxEpochSeconds, String heap) {
            this(on, regimes, strategies, variants, mosaic, cutouts, memoryLimitBytes, threads, batch, cutoutsPerEpoch, epochs, maxEpochSeconds,
                    heap, List.of(RANDOM), null);
        }

        /** A sweep that reads every mapped store with readahead on too ({@link #readahead()} = null). */
        public Regimes(boolean on, List<org.cutouts.bench.regime.Regime> regimes, List<Strategy> strategies, List<String> variants,
                       int mosaic, int cutouts, long memoryLimitBytes, List<Integer> threads, int batch, int cutoutsPerEpoch,
                       int epochs, double maxEpochSeconds, String heap, List<String> orders) {
            this(on, regimes, strategies, variants, mosaic, cutouts, memoryLimitBytes, threads, batch, cutoutsPerEpoch, epochs, maxEpochSeconds,
                    heap, orders, null);
        }

        public Regimes {
            orders = List.copyOf(orders);
            for (String o : orders) {
                if (!o.equals(RANDOM) && !o.equals(LOCALITY)) {
                    throw new IllegalArgumentException("an epoch order is " + RANDOM + " or " + LOCALITY + ", got '" + o + "'");
                }
            }
            if (orders.isEmpty()) {
                throw new IllegalArgumentException("a regime sweep needs an epoch order (" + RANDOM + " or " + LOCALITY + ")");
            }
            regimes = List.copyOf(regimes);
            strategies = List.copyOf(strategies);
            // readahead: the mapped stores also read with readahead on (advice=none) when data larger than memory
            // is read in a locality-aware order; null (and older results files) means every mapped store of the sweep
            List<Strategy> mappedStores = strategies.stream().filter(org.cutouts.bench.regime.RegimeSweep::mapped).toList();
            readahead = readahead == null ? mappedStores : List.copyOf(readahead);
            for (Strategy s : readahead) {
                if (!mappedStores.contains(s)) {
                    throw new IllegalArgumentException("readahead is measured on the mapped stores the sweep reads "
                            + mappedStores.stream().map(Strategy::folder).toList() + ", got '" + s.folder() + "'");
                }
            }
            variants = List.copyOf(variants);
            variants.forEach(ReadOptions::parse);
            threads = List.copyOf(threads);
            if (epochs < 2 || batch < 1 || cutoutsPerEpoch < 1 || threads.isEmpty()) {
                throw new IllegalArgumentException("a regime sweep needs at least 2 epochs (one warm-up), a batch, cutouts and a thread count");
            }
        }

        public Regimes withOn(boolean v) {
            return new Regimes(v, regimes, strategies, variants, mosaic, cutouts, memoryLimitBytes, threads, batch, cutoutsPerEpoch, epochs,
                    maxEpochSeconds, heap, orders, readahead);
        }

        /** The same sweep with readahead on measured for these stores only (of the mapped ones it reads). */
        public Regimes withReadahead(List<Strategy> stores) {
            return new Regimes(on, regimes, strategies, variants, mosaic, cutouts, memoryLimitBytes, threads, batch, cutoutsPerEpoch, epochs,
                    maxEpochSeconds, heap, orders, stores);
        }

        /**
         * The group size of a locality-aware order: a sixteenth of the memory limit, so that a window of four
         * groups takes a quarter of it and stays cached while it is read. (A thirty-second, bands of mosaic rows
         * barely taller than a cutout, measured 1.56x the cutout's bytes from the device for the row-major
         * mosaic with readahead, against 1.00x.)
         */
        public long localityGroupBytes() {
            return memoryLimitBytes / 16;
        }

        /** The thread count the locality-aware order is measured at: 4 (the targets), or the largest below it. */
        public int localityThreads() {
            return threads.stream().filter(t -> t <= 4).max(Integer::compare).orElse(threads.getFirst());
        }
    }

    public RunSpec {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(cutout, "cutout");
        readOptions = List.copyOf(readOptions);
        readOptions.forEach(ReadOptions::parse); // fail here, not an hour into the run
        strategies = List.copyOf(strategies);
        batches = List.copyOf(batches);
        threads = List.copyOf(threads);
        Objects.requireNonNull(scaling, "scaling");
        Objects.requireNonNull(targets, "targets");
        if (regimes == null) {
            regimes = full().regimes().withOn(false); // results written before the regime sweep existed
        }
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(outDir, "outDir");
        if (mosaicWidth <= 0 || mosaicHeight <= 0 || batches.isEmpty() || threads.isEmpty() || reps <= 0) {
            throw new IllegalArgumentException("a run needs a mosaic, a batch size, a thread count and a repetition: " + mosaicWidth + "x"
                    + mosaicHeight + ", batches " + batches + ", threads " + threads + ", reps " + reps);
        }
    }

    /** The proof of concept's scale: 5000x5000, one cutout per source, the four strategies of issue 3. */
    public static RunSpec full() {
        return new RunSpec("full", CutoutSpec.DEFAULT, List.of("baseline"), 5000, 5000, 10_000, 0, 42,
                List.of(Strategy.INDIVIDUAL_FILES, Strategy.MEMORY_MAPPED, Strategy.HDF5, Strategy.WHOLE_TENSOR), List.of(1, 32, 256),
                List.of(1), 2000, 2048, 2, LatencyRun.DEFAULT_MIN_WARMUP_READS, 5, 3, true, true, true, 2000, "4g", 512L << 20,
                true, "/usr/bin/python3", null, 3,
                new Scaling(false, List.of(1000, 5000, 20000), List.of(1000, 10_000, 100_000), List.of(25000), 5000, 10_000, 1024, false),
                new Targets(1000, 512, true, 24_000, true), FULL_REGIMES, Path.of("data/bench"), Path.of("build/bench"), false);
    }

    /**
     * The pipeline's scale: 200,000 cutouts of a 20000x20000 mosaic (1.6 GB; the stores 1.6 to 4.1 GB), a
     * 256 MiB cgroup (every store at least 6x it), 1 to 8 loader threads, three epochs of at most 10 s.
     */
    private static final Regimes FULL_REGIMES = new Regimes(true,
            List.of(org.cutouts.bench.regime.Regime.FITS_IN_MEMORY, org.cutouts.bench.regime.Regime.LARGER_THAN_MEMORY),
            List.of(Strategy.INDIVIDUAL_FILES, Strategy.STACKED, Strategy.MEMORY_MAPPED, Strategy.MEMORY_MAPPED_TILED, Strategy.HDF5),
            List.of("default", "advice=random", "explicit"), 20_000, 200_000, 256L << 20, List.of(1, 2, 4, 8), 32, 4096, 3, 10, "64m",
            List.of(Regimes.RANDOM, Regimes.LOCALITY));

    /**
     * Both regimes on the smallest data that meets their definitions: a 64 MiB cgroup, stores of 270 to
     * 400 MB (8400x8400, 20,000 cutouts), two threads, three strategies.
     */
    static final Regimes QUICK_REGIMES = new Regimes(true, FULL_REGIMES.regimes(),
            List.of(Strategy.INDIVIDUAL_FILES, Strategy.STACKED, Strategy.MEMORY_MAPPED), List.of("default", "explicit"), 8400, 20_000,
            64L << 20, List.of(2), 32, 512, 2, 3, "48m", List.of(Regimes.RANDOM, Regimes.LOCALITY));

    /** About a minute: CI and smoke tests. */
    public static RunSpec quick() {
        return builder(full()).mode("quick").mosaic(1000).sources(1000).latencyReads(500).throughputReads(512).warmups(1)
                .minWarmupReads(3000).reps(3).coldReps(2).memoryReads(500).memcpyBytesPerRep(128L << 20).pythonReps(2)
                .scaling(new Scaling(false, List.of(500, 1000), List.of(100, 1000), List.of(), 1000, 1000, 256, false)).regimes(QUICK_REGIMES).build();
    }

    /** The fast-path targets' setting: 5000x5000, batch 256, random order, 8192 cutouts per rep, 7 reps. */
    public static RunSpec fastPaths() {
        return builder(full()).mode("targets").throughputReads(8192).batches(List.of(256)).reps(7).memoryReads(200)
                .dataDir(Path.of("data/fast-paths")).outDir(Path.of("build/fast-paths")).build();
    }

    public static Builder builder(RunSpec parent) {
        return new Builder(parent);
    }

    /** A builder with this spec as its parent. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The batch the targets run measures (its first batch size). */
    public int batch() {
        return batches.getFirst();
    }

    /** What a run measures, at a glance and in words: a two-column table (setting, value); results.json keeps the fields. */
    public Table toTable() {
        return RunSpecDescription.of(this);
    }

    /** The parsed read options, in order. */
    public List<ReadOptions> parsedReadOptions() {
        return readOptions.stream().map(ReadOptions::parse).toList();
    }

    /**
     * Changes to a parent spec; a value left unset (or set to null, as an absent command-line option
     * is) comes from the parent, so one chain maps every option.
     */
    public static final class Builder {
        private final RunSpec p;
        private String mode;
        private CutoutSpec cutout;
        private List<String> readOptions;
        private Integer mosaicWidth;
        private Integer mosaicHeight;
        private Integer sources;
        private Integer cutouts;
        private Long seed;
        private List<Strategy> strategies;
        private List<Integer> batches;
        private List<Integer> threads;
        private Integer latencyReads;
        private Integer throughputReads;
        private Integer warmups;
        private Integer minWarmupReads;
        private Integer reps;
        private Integer coldReps;
        private Boolean cold;
        private Boolean sequential;
        private Boolean memory;
        private Integer memoryReads;
        private String childMaxHeap;
        private Long memcpyBytesPerRep;
        private Boolean python;
        private String pythonExe;
        private Path pythonScript;
        private Integer pythonReps;
        private Scaling scaling;
        private Targets targets;
        private Regimes regimes;
        private Path dataDir;
        private Path outDir;
        private Boolean reuse;

        private Builder(RunSpec parent) {
            this.p = Objects.requireNonNull(parent, "parent");
        }

        public Builder mode(String v) { mode = v; return this; }
        public Builder cutout(CutoutSpec v) { cutout = v; return this; }
        public Builder readOptions(List<String> v) { readOptions = v; return this; }
        /** A square mosaic of side {@code v}. */
        public Builder mosaic(Integer v) { mosaicWidth = v; mosaicHeight = v; return this; }
        public Builder sources(Integer v) { sources = v; return this; }
        public Builder cutouts(Integer v) { cutouts = v; return this; }
        public Builder seed(Long v) { seed = v; return this; }
        public Builder strategies(List<Strategy> v) { strategies = v; return this; }
        public Builder batches(List<Integer> v) { batches = v; return this; }
        public Builder threads(List<Integer> v) { threads = v; return this; }
        public Builder latencyReads(Integer v) { latencyReads = v; return this; }
        public Builder throughputReads(Integer v) { throughputReads = v; return this; }
        public Builder warmups(Integer v) { warmups = v; return this; }
        public Builder minWarmupReads(Integer v) { minWarmupReads = v; return this; }
        public Builder reps(Integer v) { reps = v; return this; }
        public Builder coldReps(Integer v) { coldReps = v; return this; }
        public Builder cold(Boolean v) { cold = v; return this; }
        public Builder sequential(Boolean v) { sequential = v; return this; }
        public Builder memory(Boolean v) { memory = v; return this; }
        public Builder memoryReads(Integer v) { memoryReads = v; return this; }
        public Builder childMaxHeap(String v) { childMaxHeap = v; return this; }
        public Builder memcpyBytesPerRep(Long v) { memcpyBytesPerRep = v; return this; }
        public Builder python(Boolean v) { python = v; return this; }
        public Builder pythonExe(String v) { pythonExe = v; return this; }
        public Builder pythonScript(Path v) { pythonScript = v; return this; }
        public Builder pythonReps(Integer v) { pythonReps = v; return this; }
        public Builder scaling(Scaling v) { scaling = v; return this; }
        public Builder targets(Targets v) { targets = v; return this; }
        public Builder regimes(Regimes v) { regimes = v; return this; }
        public Builder dataDir(Path v) { dataDir = v; return this; }
        public Builder outDir(Path v) { outDir = v; return this; }
        public Builder reuse(Boolean v) { reuse = v; return this; }

        public Builder seed(long v) { return seed(Long.valueOf(v)); }

        public Builder memcpyBytesPerRep(long v) { return memcpyBytesPerRep(Long.valueOf(v)); }

        public RunSpec build() {
            return new RunSpec(or(mode, p.mode), or(cutout, p.cutout), or(readOptions, p.readOptions), or(mosaicWidth, p.mosaicWidth),
                    or(mosaicHeight, p.mosaicHeight), or(sources, p.sources), or(cutouts, p.cutouts), or(seed, p.seed),
                    or(strategies, p.strategies), or(batches, p.batches), or(threads, p.threads), or(latencyReads, p.latencyReads),
                    or(throughputReads, p.throughputReads), or(warmups, p.warmups), or(minWarmupReads, p.minWarmupReads), or(reps, p.reps),
                    or(coldReps, p.coldReps), or(cold, p.cold), or(sequential, p.sequential), or(memory, p.memory),
                    or(memoryReads, p.memoryReads), or(childMaxHeap, p.childMaxHeap), or(memcpyBytesPerRep, p.memcpyBytesPerRep),
                    or(python, p.python), or(pythonExe, p.pythonExe), or(pythonScript, p.pythonScript), or(pythonReps, p.pythonReps),
                    or(scaling, p.scaling), or(targets, p.targets), or(regimes, p.regimes), or(dataDir, p.dataDir), or(outDir, p.outDir), or(reuse, p.reuse));
        }

        private static <T> T or(T v, T parent) {
            return v != null ? v : parent;
        }
    }
}
