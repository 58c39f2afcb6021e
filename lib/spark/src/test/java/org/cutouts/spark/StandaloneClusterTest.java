package org.cutouts.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.sql.SparkSession;
import org.cutouts.store.Strategy;
import org.cutouts.survey.CutoutMeasurement;
import org.cutouts.survey.SurveyLoop;
import org.cutouts.survey.SurveyStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.cutouts.survey.JobSummary;

/**
 * A real standalone cluster (master and two workers on 127.0.0.1, child JVMs from the Maven
 * artifacts): the job's output equals the single-JVM loop (and so local[*]); then a worker is
 * killed mid-job, Spark retries its tasks elsewhere, and the output is still complete, each cutout once.
 */
class StandaloneClusterTest {
    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 170, unit = TimeUnit.SECONDS)
    void jobRunsOnTwoWorkersAndSurvivesLosingOne() {
        Path dir = SurveyFixtures.survey(tmp.resolve("survey"), Strategy.MEMORY_MAPPED);
        List<CutoutMeasurement> loop;
        try (SurveyStore survey = SurveyStore.open(dir)) {
            loop = SurveyLoop.measureAll(survey, 64);
        }
        long t0 = System.nanoTime();
        try (StandaloneCluster cluster = StandaloneCluster.start(2, 1, "768m")) {
            phase("cluster up", t0);
            // tiny data: executors start fastest on the quick JIT tier
            SparkSession spark = SparkSessions.clusterBuilder(cluster.masterUrl(), 2, "512m")
                    .config("spark.executor.extraJavaOptions", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC").getOrCreate();
            try {
                JobSummary first = SurveyJob.run(spark, SurveyJobConfig.of(dir, tmp.resolve("out1")).withPartitions(6));
                assertEquals(2, first.executors());
                assertEquals(loop, SurveyFixtures.table(spark, tmp.resolve("out1")), "cluster output equals the loop");
                phase("first job", t0);

                WorkerKiller killer = new WorkerKiller(cluster);
                spark.sparkContext().addSparkListener(killer);
                SurveyJob.run(spark, SurveyJobConfig.of(dir, tmp.resolve("out2")).withPartitions(24).withShards(true));
                assertTrue(killer.killed.get(), "a worker was killed while the job ran");
                assertTrue(killer.executorsLost.get() >= 1, "Spark noticed the lost executor");
                List<CutoutMeasurement> after = SurveyFixtures.table(spark, tmp.resolve("out2"));
                assertEquals(loop, after, "complete output, no duplicates, same bits");
                phase("job with a lost worker", t0);
            } finally {
                spark.stop();
            }
        }
    }

    private static void phase(String what, long t0) {
        System.err.printf("cluster test: %s after %.1f s%n", what, (System.nanoTime() - t0) / 1e9);
    }

    /** Kills worker 0 when the measuring stage's third task starts. */
    private static final class WorkerKiller extends SparkListener {
        final AtomicBoolean killed = new AtomicBoolean();
        final AtomicInteger executorsLost = new AtomicInteger();
        private final AtomicInteger measuringTasks = new AtomicInteger();
        private final StandaloneCluster cluster;

        WorkerKiller(StandaloneCluster cluster) {
            this.cluster = cluster;
        }

        @Override
        public void onTaskStart(SparkListenerTaskStart e) {
            // the stage with 24 tasks is the measuring one; the others are the catalogue scan and the count
            if (e.taskInfo() != null && measuringTasks.incrementAndGet() == 3 && !killed.getAndSet(true)) {
                cluster.killWorker(0);
            }
        }

        @Override
        public void onExecutorRemoved(SparkListenerExecutorRemoved e) {
            executorsLost.incrementAndGet();
        }
    }
}
