package org.cutouts.survey;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.cutouts.os.FreshJvm;

/**
 * Runs the survey job's command line ({@code lib/spark}, main class {@code org.cutouts.spark.cli.SurveyMain})
 * in a child JVM and waits for it. The notebook kernel drives Spark this way: Spark's 300 MB of jars
 * (and its newer Jackson) never enter the kernel's class path, and a SparkContext, one per JVM with
 * its threads and static state, never outlives a cell. Results come back as the small files the job
 * writes ({@code job.json}, {@code measurements.csv}, {@code runs.csv}, {@code targets.csv}).
 */
public final class SparkChild {
    static final String MAIN = "org.cutouts.spark.cli.SurveyMain";

    private SparkChild() {
    }

    /** The survey job's jar under the workbook root; an error saying how to build it when missing. */
    public static Path jar(Path root) {
        Path jar = root.resolve("lib/spark/target/cutouts-spark.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the Spark module (environment/workbook setup, or mvn package)");
        }
        return jar;
    }

    /**
     * Runs {@code survey ARGS} with at most {@code heap} through {@link FreshJvm}, the library's one
     * child-JVM launcher (its common flags, its timeout and clean-up) on the Spark module's class path;
     * returns its standard output. A non-zero exit or a timeout is an exception carrying the end of the
     * child's standard error.
     */
    public static String run(Path root, String heap, Duration timeout, String... args) {
        Path jar = jar(root);
        return FreshJvm.of(MAIN, jar + File.pathSeparator + jar.resolveSibling("lib").resolve("*"), args)
                .withJvmArgs("-Xmx" + heap)
                .withTimeout(timeout)
                .output();
    }
}
