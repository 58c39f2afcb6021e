package org.cutouts.spark;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;
import org.cutouts.io.AtomicFiles;
import org.cutouts.survey.CutoutMeasurement;
import org.cutouts.survey.SurveyLoop;
import org.cutouts.survey.SurveyStore;
import org.cutouts.survey.JobSummary;

/**
 * The scale-out targets, measured side by side in one run on one survey (page cache warm for all):
 * the plain single-JVM loop, the job on {@code local[1]} and {@code local[2]}, after warm-up runs,
 * then interleaved round by round over several repetitions; optionally the job on a two-worker standalone cluster, compared
 * with {@code local[*]}. Rates are cutouts per second of wall time, from reading the catalogue to the
 * committed table (the loop: from the first read to the last measurement).
 *
 * <ul>
 *   <li>S1: median {@code local[2]} rate over median {@code local[1]} rate, at least 1.7;</li>
 *   <li>S2: median {@code local[1]} rate over the median loop rate, at least 0.7;</li>
 *   <li>S3: the standalone cluster's table equals {@code local[*]}'s, bit for bit.</li>
 * </ul>
 */
public final class SurveyBench {
    /** Jobs run and discarded before timing by default: Spark's generated code and the JIT settle over a few jobs. */
    public static final int WARM_UP_JOBS = 2;

    /** One timed run. */
    public record Run(String engine, int executors, int repetition, long cutouts, double seconds) {
        public double rate() {
            return cutouts / seconds;
        }
    }

    /** One target: the measured value, the threshold and the verdict. */
    public record Target(String id, String what, double value, double threshold, boolean pass) {
        public String verdict() {
            return pass ? "pass" : "short";
        }
    }

    /** Everything a benchmark run measured. */
    public record Report(List<Run> runs, List<Target> targets) {
    }

    private final Path survey;
    private final Path work;
    private final int repeats;
    private final int warmUps;
    private final Consumer<String> log;

    /** A benchmark of {@code repeats} timed runs per engine, each engine after {@code warmUps} discarded jobs. */
    public SurveyBench(Path survey, Path work, int repeats, int warmUps, Consumer<String> log) {
        if (repeats < 1 || warmUps < 0) {
            throw new IllegalArgumentException("need at least one repetition and no negative warm-up count");
        }
        this.survey = survey;
        this.work = work;
        this.repeats = repeats;
        this.warmUps = warmUps;
        this.log = log;
    }

    /** Measures S1 and S2, and S3 when {@code withCluster}; writes {@code runs.csv} and {@code targets.csv} to the work directory. */
    public Report run(boolean withCluster) {
        List<Run> runs = new ArrayList<>();
        try (SurveyStore s = SurveyStore.open(survey)) {
            for (int w = 0; w < Math.max(1, warmUps); w++) {
                SurveyLoop.measureAll(s, 64); // warm-up: JIT, tile stores open, pages resident
            }
            for (int threads = 1; threads <= 2; threads++) {
                localRun(threads, warmUps, -1, runs);
            }
            // interleaved, one run of each engine per round, so that load changing during the run
            // (other work on a shared machine) falls on all three alike
            for (int r = 0; r < repeats; r++) {
                loopRun(s, r, runs);
                localRun(1, 0, r, runs);
                localRun(2, 0, r, runs);
            }
        }
        List<Target> targets = new ArrayList<>();
        double loop = median(runs, "loop");
        double l1 = median(runs, "local[1]");
        double l2 = median(runs, "local[2]");
        targets.add(new Target("S1", "local[2] over local[1], median rates", l2 / l1, 1.7, l2 / l1 >= 1.7));
        targets.add(new Target("S2", "local[1] over the single-JVM loop, median rates", l1 / loop, 0.7, l1 / loop >= 0.7));
        if (withCluster) {
            boolean same = clusterEqualsLocal(runs);
            targets.add(new Target("S3", "standalone two-worker table equals local[*] (1 = identical)", same ? 1 : 0, 1, same));
        }
        Report r = new Report(runs, targets);
        write(r);
        return r;
    }

    private void loopRun(SurveyStore s, int repetition, List<Run> runs) {
        long t0 = System.nanoTime();
        int n = SurveyLoop.measureAll(s, 64).size();
        runs.add(new Run("loop", 1, repetition, n, (System.nanoTime() - t0) / 1e9));
        log.accept(describe(runs.getLast()));
    }

    /**
     * One embedded session of {@code threads}: {@code warm} discarded jobs, then, unless
     * {@code repetition} is negative, one timed job. Generated code and the JIT stay warm across
     * sessions of one JVM, so a new session per round costs only its start, which is not timed.
     */
    private void localRun(int threads, int warm, int repetition, List<Run> runs) {
        SparkSession spark = SparkSessions.local(threads);
        try {
            for (int w = 0; w < warm; w++) {
                job(spark, "warm-up-" + threads);
            }
            if (repetition >= 0) {
                JobSummary s = job(spark, "local-" + threads);
                runs.add(new Run("local[" + threads + "]", threads, repetition, s.cutouts(), s.seconds()));
                log.accept(describe(runs.getLast()));
            }
        } finally {
            spark.stop();
        }
    }

    private JobSummary job(SparkSession spark, String name) {
        return SurveyJob.run(spark, SurveyJobConfig.of(survey, work.resolve(name)).withOverwrite(true));
    }

    private boolean clusterEqualsLocal(List<Run> runs) {
        try (StandaloneCluster cluster = StandaloneCluster.start(2, 1, "1g")) {
            SparkSession spark = SparkSessions.cluster(cluster.masterUrl(), 2, "768m");
            try {
                JobSummary s = job(spark, "cluster");
                runs.add(new Run("standalone 2 workers", s.executors(), 0, s.cutouts(), s.seconds()));
                log.accept(describe(runs.getLast()));
            } finally {
                spark.stop();
            }
        }
        SparkSession spark = SparkSessions.local(0);
        try {
            job(spark, "local-all");
            List<CutoutMeasurement> local = MeasurementTable.read(spark, work.resolve("local-all"));
            List<CutoutMeasurement> cluster = MeasurementTable.read(spark, work.resolve("cluster"));
            return local.equals(cluster);
        } finally {
            spark.stop();
        }
    }

    private static double median(List<Run> runs, String engine) {
        double[] r = runs.stream().filter(x -> x.engine().equals(engine)).mapToDouble(Run::rate).sorted().toArray();
        int n = r.length;
        return n % 2 == 1 ? r[n / 2] : (r[n / 2 - 1] + r[n / 2]) / 2;
    }

    private static String describe(Run r) {
        return String.format(Locale.ROOT, "%-22s rep %d: %d cutouts in %.3f s = %.0f cutouts/s", r.engine(), r.repetition(),
                r.cutouts(), r.seconds(), r.rate());
    }

    private void write(Report r) {
        AtomicFiles.writeStream(work.resolve("runs.csv"), os -> {
            Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
            w.write("engine,executors,repetition,cutouts,seconds,rate\n");
            for (Run x : r.runs()) {
                w.write(String.format(Locale.ROOT, "%s,%d,%d,%d,%.6f,%.3f%n", x.engine(), x.executors(), x.repetition(),
                        x.cutouts(), x.seconds(), x.rate()));
            }
            w.flush();
        });
        AtomicFiles.writeStream(work.resolve("targets.csv"), os -> {
            Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
            w.write("target,what,value,threshold,verdict\n");
            for (Target t : r.targets()) {
                w.write(String.format(Locale.ROOT, "%s,%s,%.4f,%.2f,%s%n", t.id(), t.what().replace(',', ';'), t.value(),
                        t.threshold(), t.verdict()));
            }
            w.flush();
        });
    }

    /** The spread of one engine's rates, {min, median, max}. */
    public static double[] spread(List<Run> runs, String engine) {
        double[] r = runs.stream().filter(x -> x.engine().equals(engine)).mapToDouble(Run::rate).sorted().toArray();
        return new double[] {r[0], median(runs, engine), r[r.length - 1]};
    }
}
