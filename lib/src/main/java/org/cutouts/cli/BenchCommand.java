package org.cutouts.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.cutouts.bench.RunSpec;
import org.cutouts.bench.BenchmarkResults;
import org.cutouts.bench.BenchmarkRunner;
import org.cutouts.report.MarkdownReport;
import org.cutouts.store.CutoutSpec;
import org.cutouts.store.Strategy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cutouts bench}: disk, latency, throughput, page cache and memory of every strategy, with the Python peer. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {
                "Benchmarks the storage strategies on a synthetic mosaic: disk (apparent/allocated bytes, files, inodes), "
                        + "single-cutout latency (random and sequential), batch throughput (1/32/256), warm and cold page cache "
                        + "(posix_fadvise eviction, mincore-verified), memory in a fresh JVM per strategy, memcpy and sequential-read "
                        + "limits, and the Python proof of concept's readers on the same files.",
                "Writes <out>/results.json and one CSV per section; load them with BenchmarkResults.load(path).",
                "Full mode: 5000x5000 mosaic, one cutout per source (10,000), about 5-10 minutes. --quick: about a minute."},
        footer = {"", "Examples:",
                "  cutouts bench --quick",
                "  cutouts bench --out build/bench --report docs/benchmark-results.md",
                "  cutouts bench --scaling-only --out build/bench-scaling   (1k/10k/100k cutouts, 1000^2/5000^2/20000^2/25000^2 mosaics; run with -Xmx12g)"})
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--quick", description = "Small and fast (1000x1000, 1000 cutouts, fewer reps): CI and smoke tests.")
    boolean quick;

    @Option(names = "--scaling", description = "Also run the scaling sweep (cutout count and mosaic size).")
    boolean scaling;

    @Option(names = "--scaling-only", description = "Run only the scaling sweep (plus machine info and limits-free validation).")
    boolean scalingOnly;

    @Option(names = "--data-dir", description = "Where stores are written (default: data/bench).")
    Path dataDir;

    @Option(names = "--out", description = "Results folder (default: build/bench).")
    Path out;

    @Option(names = "--report", description = "Also write the Markdown report to this file (e.g. docs/benchmark-results.md).")
    Path report;

    @Option(names = "--seed", description = "Seed of the mosaic, catalogue and read order (default: 42).")
    Long seed;

    @Option(names = "--cutout-size", description = "Side of the square cutouts in pixels (default: 64; edge policy PAD with NaN).")
    Integer cutoutSize;

    @Option(names = "--mosaic", description = "Mosaic side in pixels (square); default 5000, 1000 with --quick.")
    Integer mosaic;

    @Option(names = "--sources", description = "Sources in the synthetic mosaic; default 10000, 1000 with --quick.")
    Integer sources;

    @Option(names = "--cutouts", description = "Uniformly placed cutouts instead of one per source.")
    Integer cutouts;

    @Option(names = "--strategies", split = ",", description = "Strategies to run (default: individual-npy,mmap-npy,hdf5,nd4j-tensor; any Strategy folder name, e.g. mmap-tiled, can be added).")
    List<String> strategies;

    @Option(names = "--mmap", paramLabel = "SPEC", description = {
            "Read-path setting of the memory-mapped and HDF5 stores (ReadOptions.parse(SPEC)); repeat to measure several "
                    + "variants side by side (rows carry variant=mmap=SPEC). Default: baseline (per-cutout readInto, jhdf hyperslabs, "
                    + "no madvise: the strategies as issue 3 defines them). 'default' = the library's current defaults."})
    List<String> mmap;

    @Option(names = "--reads", description = "Single-cutout reads per latency rep.")
    Integer reads;

    @Option(names = "--throughput-reads", description = "Cutouts per throughput rep.")
    Integer throughputReads;

    @Option(names = "--reps", description = "Timed repetitions (warm).")
    Integer reps;

    @Option(names = "--cold-reps", description = "Timed repetitions (cold).")
    Integer coldReps;

    @Option(names = "--warmups", description = "Untimed warm-up repetitions.")
    Integer warmups;

    @Option(names = "--batches", split = ",", description = "Batch sizes for throughput (default 1,32,256).")
    List<Integer> batches;

    @Option(names = "--threads", split = ",", description = "Reader thread counts for throughput (default 1).")
    List<Integer> threads;

    @Option(names = "--no-cold", description = "Skip cold-cache runs.")
    boolean noCold;

    @Option(names = "--no-memory", description = "Skip the fresh-JVM memory probes.")
    boolean noMemory;

    @Option(names = "--child-heap", description = "-Xmx of the memory-probe JVMs (default: 4g).")
    String childHeap;

    @Option(names = "--python", negatable = true,
            description = "Run the Python peer (python/peer_bench.py) on the same files (default: on; --no-python to skip).")
    Boolean python;

    @Option(names = "--python-exe", description = "Python interpreter with numpy/h5py/torch (default: /usr/bin/python3).")
    String pythonExe;

    @Option(names = "--python-script", description = "Path of peer_bench.py (default: python/peer_bench.py in the working directory or a parent).")
    Path pythonScript;

    @Option(names = "--reuse", description = "Reuse stores already in the data dir instead of rewriting (write times then not measured).")
    boolean reuse;

    @Option(names = "--keep-scaling-data", description = "Keep the scaling sweep's stores (several GB) instead of deleting each after use.")
    boolean keepScalingData;

    @Option(names = "--regimes", negatable = true,
            description = "Run the memory-regime sweep: every strategy read with data that fits in memory and with data at least 4x a "
                    + "cgroup's memory (default: on; --no-regimes to skip).")
    Boolean regimes;

    @Option(names = "--regimes-only", description = "Run only the memory-regime sweep (plus machine info).")
    boolean regimesOnly;

    @Option(names = "--regime-mosaic", description = "Side of the regime sweep's mosaic (default 20000; 8400 with --quick).")
    Integer regimeMosaic;

    @Option(names = "--regime-cutouts", description = "Cutouts in the regime sweep's stores (default 200000; 20000 with --quick).")
    Integer regimeCutouts;

    @Option(names = "--memory-limit-mib", description = "The cgroup limit of the larger-than-memory reader (default 256; 64 with --quick).")
    Long memoryLimitMiB;

    @Option(names = "--regime-threads", split = ",", description = "Reader threads of the regime sweep (default 1,2,4,8; 2 with --quick).")
    List<Integer> regimeThreads;

    @Option(names = "--regime-variants", split = ";", paramLabel = "SPEC",
            description = "Read variants of the mapped strategies in the regime sweep, ';'-separated ReadOptions specs "
                    + "(default: default;advice=random;explicit).")
    List<String> regimeVariants;

    @Option(names = "--regime-strategies", split = ",", description = "Strategies of the regime sweep (default: individual-npy,stacked-npy,mmap-npy,mmap-tiled,hdf5).")
    List<String> regimeStrategies;

    @Option(names = "--regime-readahead", split = ",", paramLabel = "STORE[,STORE...]",
            description = "Mapped stores also read with readahead on (advice=none) larger than memory, in locality-aware and random order "
                    + "(default: every mapped store of the sweep; none: no store).")
    List<String> readaheadStores;

    @Option(names = "--epoch-cutouts", description = "Cutouts per epoch of the regime sweep (default 4096; 512 with --quick).")
    Integer epochCutouts;

    @Option(names = "--epoch-orders", split = ",", paramLabel = "ORDER",
            description = "Epoch orders of the larger-than-memory runs: random, locality (default both).")
    List<String> epochOrders;

    @Option(names = "--epoch-seconds", description = "An epoch of the regime sweep stops after this long (default 10; 3 with --quick; 0: never).")
    Double epochSeconds;

    @Override
    public Integer call() {
        RunSpec parent = quick ? RunSpec.quick() : RunSpec.full();
        RunSpec c = spec(parent);
        BenchmarkRunner runner = new BenchmarkRunner(c, System.err);
        BenchmarkResults r = scalingOnly ? runner.runScalingOnly() : regimesOnly ? runner.runRegimesOnly() : runner.run();
        if (report != null) {
            MarkdownReport.write(r, report);
            System.err.println("report: " + report);
        }
        List<String> problems = r.validate();
        System.out.println(c.outDir().resolve(BenchmarkResults.FILE_NAME));
        return problems.isEmpty() ? 0 : 1;
    }

    /** The options over {@code parent}: an option not given keeps the parent's value. */
    RunSpec spec(RunSpec parent) {
        RunSpec.Scaling sc = parent.scaling();
        return parent.toBuilder().seed(seed).dataDir(dataDir).outDir(out).mosaic(mosaic).sources(sources).cutouts(cutouts)
                .cutout(cutoutSize == null ? null : new CutoutSpec(cutoutSize, cutoutSize, parent.cutout().edgePolicy(), parent.cutout().fill()))
                .strategies(strategies == null ? null : strategies.stream().map(Strategy::parse).toList()).readOptions(mmap)
                .latencyReads(reads).throughputReads(throughputReads).reps(reps).coldReps(coldReps).warmups(warmups).batches(batches)
                .threads(threads).cold(noCold ? false : null).memory(noMemory ? false : null).childMaxHeap(childHeap).python(python)
                .pythonExe(pythonExe).pythonScript(pythonScript).reuse(reuse ? true : null)
                .scaling(new RunSpec.Scaling(sc.on() || scaling || scalingOnly, sc.mosaics(), sc.cutouts(), sc.largeMosaics(), sc.baseMosaic(),
                        sc.baseCutouts(), sc.reads(), sc.keepData() || keepScalingData))
                .regimes(regimes(parent.regimes()))
                .build();
    }

    /** The regime options over the parent's sweep. */
    private RunSpec.Regimes regimes(RunSpec.Regimes p) {
        return new RunSpec.Regimes(regimes == null ? p.on() || regimesOnly : regimes || regimesOnly, p.regimes(),
                regimeStrategies == null ? p.strategies() : regimeStrategies.stream().map(Strategy::parse).toList(),
                or(regimeVariants, p.variants()), or(regimeMosaic, p.mosaic()), or(regimeCutouts, p.cutouts()),
                memoryLimitMiB == null ? p.memoryLimitBytes() : memoryLimitMiB << 20, or(regimeThreads, p.threads()), p.batch(),
                or(epochCutouts, p.cutoutsPerEpoch()), p.epochs(), or(epochSeconds, p.maxEpochSeconds()), p.heap(), or(epochOrders, p.orders()),
                // stores named on the command line: readahead for the mapped ones among them, unless --regime-readahead says
                readaheadStores != null ? readaheadStores.stream().filter(n -> !n.equals("none")).map(Strategy::parse).toList()
                        : regimeStrategies == null ? p.readahead() : null);
    }

    private static <T> T or(T v, T parent) {
        return v != null ? v : parent;
    }
}
