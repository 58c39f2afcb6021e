package org.cutouts.spark.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.cutouts.spark.SurveyBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code survey bench}: the scale-out targets S1-S3 as same-run ratios, with pass or short. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure the loop, local[1], local[2] (and a two-worker standalone cluster) on one survey; print S1-S3.")
final class SurveyBenchCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "the survey directory")
    Path survey;
    @Option(names = "--out", required = true, description = "work directory: job outputs, runs.csv, targets.csv")
    Path out;
    @Option(names = "--repeats", defaultValue = "3", description = "timed runs per engine after a warm-up (default ${DEFAULT-VALUE})")
    int repeats;
    @Option(names = "--warm-ups", defaultValue = "" + SurveyBench.WARM_UP_JOBS,
            description = "discarded jobs per engine before timing (default ${DEFAULT-VALUE})")
    int warmUps;
    @Option(names = "--no-cluster", description = "skip S3 (the standalone cluster)")
    boolean noCluster;

    @Override
    public Integer call() {
        SurveyBench.Report r = new SurveyBench(survey, out, repeats, warmUps, System.out::println).run(!noCluster);
        System.out.println();
        for (String engine : r.runs().stream().map(SurveyBench.Run::engine).distinct().toList()) {
            double[] s = SurveyBench.spread(r.runs(), engine);
            System.out.printf(Locale.ROOT, "%-22s cutouts/s min %.0f  median %.0f  max %.0f%n", engine, s[0], s[1], s[2]);
        }
        for (SurveyBench.Target t : r.targets()) {
            System.out.printf(Locale.ROOT, "%s %-62s %.3f (target %.2f) %s%n", t.id(), t.what(), t.value(), t.threshold(),
                    t.verdict().toUpperCase(Locale.ROOT));
        }
        return 0;
    }
}
