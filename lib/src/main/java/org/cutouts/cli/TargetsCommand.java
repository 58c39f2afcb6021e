package org.cutouts.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.cutouts.bench.BenchmarkResults;
import org.cutouts.bench.RunSpec;
import org.cutouts.bench.targets.TargetTable;
import org.cutouts.bench.targets.TargetsRun;
import org.cutouts.store.CutoutSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cutouts targets}: issue 6's fast-path targets, measured in one run, with a pass/short mark each. */
@Command(name = "targets", mixinStandardHelpOptions = true,
        description = "Measure the fast virtual-cutout targets (memcpy ratio, threads, tiled layout, cold bytes, HDF5 direct, RSS, numpy) "
                + "in one run; writes results.json + CSVs and prints the targets table.")
final class TargetsCommand implements Callable<Integer> {
    @Option(names = "--data", description = "Data directory (mosaic, stores; reused when present) (default: data/fast-paths).")
    Path data;

    @Option(names = "--out", description = "Output directory for results.json and CSVs (default: build/fast-paths).")
    Path out;

    @Option(names = "--size", description = "Mosaic edge in pixels (default: 5000).")
    Integer size;

    @Option(names = "--cutout-size", description = "Side of the square cutouts in pixels (default: 64; edge policy PAD with NaN).")
    Integer cutoutSize;

    @Option(names = "--reads", description = "Cutouts per warm throughput rep (default: 8192).")
    Integer reads;

    @Option(names = "--batch", description = "Batch size (default: 256).")
    Integer batch;

    @Option(names = "--reps", description = "Timed reps per warm measurement (default: 7).")
    Integer reps;

    @Option(names = "--cold-reads", description = "Random cutouts per cold measurement (default: 1000).")
    Integer coldReads;

    @Option(names = "--no-large", description = "Skip the sparse mosaic above 2 GiB in the memory measurement.")
    boolean noLarge;

    @Option(names = "--no-python", description = "Skip the numpy memmap comparison.")
    boolean noPython;

    @Option(names = "--no-experiments", description = "Only the rows the targets need (not the idea-by-idea variants).")
    boolean noExperiments;

    @Option(names = "--python", description = "Python with numpy (default: /usr/bin/python3).")
    String python;

    /** The options over {@code parent}: an option not given keeps the parent's value. */
    RunSpec spec(RunSpec parent) {
        RunSpec.Targets t = parent.targets();
        return parent.toBuilder().dataDir(data).outDir(out).mosaic(size).throughputReads(reads).batches(batch == null ? null : List.of(batch))
                .reps(reps).python(noPython ? false : null).pythonExe(python)
                .cutout(cutoutSize == null ? null : new CutoutSpec(cutoutSize, cutoutSize, parent.cutout().edgePolicy(), parent.cutout().fill()))
                .targets(new RunSpec.Targets(coldReads == null ? t.coldReads() : coldReads, t.jhdfReads(), t.large() && !noLarge, t.largeSize(),
                        t.experiments() && !noExperiments))
                .build();
    }

    @Override
    public Integer call() {
        RunSpec spec = spec(RunSpec.fastPaths());
        BenchmarkResults r = TargetsRun.run(spec, System.err);
        System.out.println(TargetTable.of(r).printAll());
        System.out.println("results: " + spec.outDir().resolve(BenchmarkResults.FILE_NAME).toAbsolutePath());
        return 0;
    }
}
