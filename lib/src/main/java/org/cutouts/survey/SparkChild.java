package org.cutouts.survey;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cutouts.os.FreshJvm;
import org.cutouts.os.JvmFlags;

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
     * Runs {@code survey ARGS} with at most {@code heap}; returns its standard output. A non-zero
     * exit or a timeout is an exception carrying the end of the child's output.
     */
    public static String run(Path root, String heap, Duration timeout, String... args) {
        Path jar = jar(root);
        List<String> cmd = new ArrayList<>(List.of(FreshJvm.javaExecutable(), "-Xmx" + heap));
        cmd.addAll(JvmFlags.common()); // the library's one flag file, as for every other child JVM
        cmd.addAll(List.of("-cp", jar + File.pathSeparator + jar.resolveSibling("lib").resolve("*"), MAIN));
        cmd.addAll(List.of(args));
        try {
            Path log = Files.createTempFile("survey-child", ".log");
            try {
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                    throw new IllegalStateException("survey " + String.join(" ", args) + " did not finish within "
                            + timeout.toSeconds() + " s; output ends:\n" + tail(Files.readString(log)));
                }
                String out = Files.readString(log);
                if (p.exitValue() != 0) {
                    throw new IllegalStateException("survey " + String.join(" ", args) + " failed (exit " + p.exitValue()
                            + "); output ends:\n" + tail(out));
                }
                return out;
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run the survey job in a child JVM: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the survey job ran", e);
        }
    }

    private static String tail(String s) {
        return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
    }
}
