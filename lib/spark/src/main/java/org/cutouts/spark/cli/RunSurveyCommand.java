package org.cutouts.spark.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.cutouts.cli.CliProgress;
import org.apache.spark.sql.SparkSession;
import org.cutouts.spark.MeasurementTable;
import org.cutouts.survey.JobSummary;
import org.cutouts.survey.MeasurementCsv;
import org.cutouts.spark.SparkSessions;
import org.cutouts.spark.StandaloneCluster;
import org.cutouts.spark.SurveyJob;
import org.cutouts.spark.SurveyJobConfig;
import org.cutouts.spark.TaskProgress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code survey run}: the Spark job over a survey, with a progress bar. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Cut and measure every source of a survey on Spark; write measurements/ (Parquet), optional shards/, job.json.")
final class RunSurveyCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "the survey directory")
    Path survey;
    @Option(names = "--out", required = true, description = "output directory")
    Path out;
    @Option(names = "--master",
            description = "Spark master: local[*] (default, embedded), local[N], spark://host:port; "
                    + "under spark-submit the launcher's master; ignored with --local-cluster")
    String master;
    @Option(names = "--local-cluster", defaultValue = "0",
            description = "start a standalone cluster of N one-core workers on 127.0.0.1 for this run, then stop it")
    int localCluster;
    @Option(names = "--catalogue", description = "source table (Parquet or CSV with the columns of sources.csv); default: the survey's sources.csv")
    Path catalogue;
    @Option(names = "--partitions", defaultValue = "0", description = "partitions wanted (default: eight per core)")
    int partitions;
    @Option(names = "--batch", defaultValue = "64", description = "cutouts per gather (default ${DEFAULT-VALUE})")
    int batch;
    @Option(names = "--shards", description = "also write one stacked [N,h,w] float32 .npy training shard per partition")
    boolean shards;
    @Option(names = "--csv", description = "also write measurements.csv (ordered by id) for readers without Parquet")
    boolean csv;
    @Option(names = "--overwrite", description = "replace this job's earlier output in --out")
    boolean overwrite;
    @Option(names = "--quiet", description = "no progress bar")
    boolean quiet;

    @Override
    public Integer call() {
        SurveyJobConfig config = new SurveyJobConfig(survey, catalogue, out, batch, partitions, shards, overwrite);
        StandaloneCluster cluster = localCluster > 0 ? StandaloneCluster.start(localCluster, 1, "1g") : null;
        try {
            SparkSession spark = cluster != null ? SparkSessions.cluster(cluster.masterUrl(), localCluster, "768m")
                    : SparkSessions.builder(masterUrl()).getOrCreate();
            try {
                JobSummary s;
                try (CliProgress bar = new CliProgress("tasks", quiet)) {
                    spark.sparkContext().addSparkListener(new TaskProgress(bar::advanced));
                    s = SurveyJob.run(spark, config);
                    if (csv) {
                        MeasurementCsv.write(MeasurementTable.read(spark, out), out.resolve(MeasurementCsv.FILE_NAME));
                    }
                }
                System.out.printf(Locale.ROOT, "%d cutouts from %d tiles in %d partitions on %s (%d executors): %.2f s, %.0f cutouts/s%n",
                        s.cutouts(), s.tiles(), s.partitions(), s.master(), s.executors(), s.seconds(), s.rate());
            } finally {
                spark.stop();
            }
        } finally {
            if (cluster != null) {
                cluster.close();
            }
        }
        return 0;
    }

    /** The --master given, else none when a launcher (spark-submit) already set one, else embedded local[*]. */
    private String masterUrl() {
        if (master != null) {
            return master;
        }
        return System.getProperty("spark.master") != null ? null : "local[*]";
    }
}
