package org.cutouts.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cutouts.bench.BenchmarkResults;
import org.cutouts.bench.FastPathBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cutouts targets}: issue 6's fast-path targets, measured in one run, with a pass/short mark each. */
@Command(name = "targets", mixinStandardHelpOptions = true,
        description = "Measure the fast virtual-cutout targets (memcpy ratio, threads, tiled layout, cold bytes, HDF5 direct, RSS, numpy) "
                + "in one run; writes results.json + CSVs and prints the targets table.")
final class TargetsCommand implements Callable<Integer> {
    @Option(names = "--data", description = "Data directory (mosaic, stores; reused when present) (default: ${DEFAULT-VALUE}).")
    Path data = Path.of("data/fast-paths");

    @Option(names = "--out", description = "Output directory for results.json and CSVs (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("build/fast-paths");

    @Option(names = "--size", description = "Mosaic edge in pixels (default: ${DEFAULT-VALUE}).")
    int size = 5000;

    @Option(names = "--reads", description = "Cutouts per warm throughput rep (default: ${DEFAULT-VALUE}).")
    int reads = 8192;

    @Option(names = "--batch", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch = 256;

    @Option(names = "--reps", description = "Timed reps per warm measurement (default: ${DEFAULT-VALUE}).")
    int reps = 7;

    @Option(names = "--cold-reads", description = "Random cutouts per cold measurement (default: ${DEFAULT-VALUE}).")
    int coldReads = 1000;

    @Option(names = "--no-large", description = "Skip the sparse mosaic above 2 GiB in the memory measurement.")
    boolean noLarge;

    @Option(names = "--no-python", description = "Skip the numpy memmap comparison.")
    boolean noPython;

    @Option(names = "--no-experiments", description = "Only the rows the targets need (not the idea-by-idea variants).")
    boolean noExperiments;

    @Option(names = "--python", description = "Python with numpy (default: ${DEFAULT-VALUE}).")
    String python = "/usr/bin/python3";

    @Override
    public Integer call() {
        FastPathBench.Config c = new FastPathBench.Config();
        c.dataDir = data;
        c.outDir = out;
        c.mosaic = size;
        c.reads = reads;
        c.batch = batch;
        c.reps = reps;
        c.coldReads = coldReads;
        c.large = !noLarge;
        c.python = !noPython;
        c.experiments = !noExperiments;
        c.pythonExe = python;
        BenchmarkResults r = FastPathBench.run(c);
        System.out.println(FastPathBench.targetTable(r).printAll());
        System.out.println("results: " + out.resolve(BenchmarkResults.FILE_NAME).toAbsolutePath());
        return 0;
    }
}
