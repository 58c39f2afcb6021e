package org.cutouts.spark;

import org.apache.spark.sql.SparkSession;

/**
 * Spark sessions for the survey job, bound to 127.0.0.1 with no web UI: embedded {@code local[n]}
 * (nothing to install) or a cluster master URL. On a cluster the executors get this JVM's class
 * path, which assumes they see the same files (a shared file system, or the same machine).
 */
public final class SparkSessions {
    private SparkSessions() {
    }

    /** An embedded session with {@code threads} executor threads ({@code 0}: one per core, {@code local[*]}). */
    public static SparkSession local(int threads) {
        return builder(threads > 0 ? "local[" + threads + "]" : "local[*]").getOrCreate();
    }

    /**
     * A session on a standalone cluster at {@code masterUrl}, using at most {@code cores} executor
     * cores of {@code executorMemory} each.
     */
    public static SparkSession cluster(String masterUrl, int cores, String executorMemory) {
        return clusterBuilder(masterUrl, cores, executorMemory).getOrCreate();
    }

    /** The builder behind {@link #cluster}, for callers that add settings. */
    public static SparkSession.Builder clusterBuilder(String masterUrl, int cores, String executorMemory) {
        return builder(masterUrl)
                .config("spark.executor.extraClassPath", System.getProperty("java.class.path"))
                .config("spark.cores.max", cores)
                .config("spark.executor.cores", 1)
                .config("spark.executor.memory", executorMemory);
    }

    /** A session for any master URL, as spark-submit would give it. */
    public static SparkSession.Builder builder(String master) {
        SparkSession.Builder b = SparkSession.builder().appName("cutouts-survey")
                .config("spark.ui.enabled", false)
                .config("spark.ui.showConsoleProgress", false)
                .config("spark.sql.shuffle.partitions", 8);
        if (master != null) {
            b.master(master)
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1");
        }
        return b;
    }
}
