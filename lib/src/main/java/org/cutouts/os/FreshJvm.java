package org.cutouts.os;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The one way this library runs a measurement in a new JVM: the same java executable and class path,
 * the {@link JvmFlags common flags} plus the caller's (heap, GC), optionally behind a wrapper command
 * (a memory-limited cgroup), with a time bound. The child prints one JSON object as its last line of
 * standard output; {@link #run} returns it. Memory figures are only honest from a fresh JVM: no classes,
 * caches, mappings or heap sizing inherited from other measurements.
 *
 * @param mainClass the fully qualified class whose {@code main} the child runs (compiled code, never a
 *                notebook cell's)
 * @param classpath the child's class path, or null for this library's ({@link #libraryClasspath()}); another
 *                module's (the Spark job's) when its jars must stay out of this JVM
 * @param args    its arguments
 * @param jvmArgs heap and GC flags for this measurement, e.g. {@code -Xmx128m -XX:+UseSerialGC}
 * @param env     extra environment variables
 * @param wrapper a command the java command line is appended to (empty for none), e.g. one that moves
 *                itself into a cgroup and {@code exec}s the rest
 * @param timeout how long the child may run before it is killed and the run fails
 */
public record FreshJvm(String mainClass, String classpath, List<String> args, List<String> jvmArgs, Map<String, String> env,
                       List<String> wrapper, Duration timeout) {

    public FreshJvm {
        Objects.requireNonNull(mainClass, "mainClass");
        args = List.copyOf(args);
        jvmArgs = List.copyOf(jvmArgs);
        env = Map.copyOf(env);
        wrapper = List.copyOf(wrapper);
        Objects.requireNonNull(timeout, "timeout");
    }

    /** A child running {@code main(args)} with the common flags, no wrapper, a 15-minute bound. */
    public static FreshJvm of(Class<?> main, String... args) {
        return of(main.getName(), null, args);
    }

    /** A child running {@code mainClass} from {@code classpath} (null: this library's); see {@link #of(Class, String...)}. */
    public static FreshJvm of(String mainClass, String classpath, String... args) {
        return new FreshJvm(mainClass, classpath, List.of(args), List.of(), Map.of(), List.of(), Duration.ofMinutes(15));
    }

    public FreshJvm withJvmArgs(String... flags) {
        return new FreshJvm(mainClass, classpath, args, List.of(flags), env, wrapper, timeout);
    }

    public FreshJvm withEnv(Map<String, String> extra) {
        return new FreshJvm(mainClass, classpath, args, jvmArgs, extra, wrapper, timeout);
    }

    public FreshJvm withWrapper(List<String> command) {
        return new FreshJvm(mainClass, classpath, args, jvmArgs, env, command, timeout);
    }

    public FreshJvm withTimeout(Duration bound) {
        return new FreshJvm(mainClass, classpath, args, jvmArgs, env, wrapper, bound);
    }

    /** The full command line. */
    public List<String> command() {
        List<String> cmd = new ArrayList<>(wrapper);
        cmd.add(javaExecutable());
        cmd.addAll(JvmFlags.common());
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(classpath != null ? classpath : libraryClasspath());
        cmd.add(mainClass);
        cmd.addAll(args);
        return cmd;
    }

    /** A short description for result rows' {@code method} column, e.g. "fresh JVM (-Xmx128m -XX:+UseSerialGC)". */
    public String describe() {
        return "fresh JVM (" + (jvmArgs.isEmpty() ? "default heap" : String.join(" ", jvmArgs)) + ")";
    }

    /**
     * Runs the child and returns the JSON object on the last line of its standard output.
     *
     * @throws IllegalStateException as {@link #output()}, or when the last line is no JSON object
     */
    public JsonNode run() {
        String text = output().strip();
        int line = text.lastIndexOf('\n');
        String last = line >= 0 ? text.substring(line + 1) : text;
        if (!last.startsWith("{")) {
            throw new IllegalStateException(name() + " in a fresh JVM printed no JSON result: " + tail(text));
        }
        try {
            return new ObjectMapper().readTree(last);
        } catch (IOException e) {
            throw new IllegalStateException(name() + " in a fresh JVM printed a broken JSON result: " + tail(last), e);
        }
    }

    /**
     * Runs the child and returns its standard output.
     *
     * @throws IllegalStateException when it cannot start, times out (it and its children are then killed),
     *                               or exits non-zero (with the tail of its standard error)
     */
    public String output() {
        ProcessBuilder pb = new ProcessBuilder(command());
        pb.environment().putAll(env);
        Path err = null;
        try {
            err = Files.createTempFile("cutouts-child", ".err");
            pb.redirectError(err.toFile());
            Process p = pb.start();
            // Drain stdout on another thread so a chatty child cannot block on a full pipe past the timeout.
            var out = java.util.concurrent.CompletableFuture.supplyAsync(() -> readAll(p));
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new IllegalStateException(name() + " in a fresh JVM did not finish within " + timeout + "; its standard error ends: "
                        + tail(Files.readString(err)));
            }
            String text = out.join();
            if (p.exitValue() != 0) {
                throw new IllegalStateException(name() + " in a fresh JVM exited with " + p.exitValue() + ": "
                        + tail(Files.readString(err)));
            }
            return text;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + name() + " in a fresh JVM: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + name(), e);
        } finally {
            if (err != null) {
                try {
                    Files.deleteIfExists(err);
                } catch (IOException ignored) {
                    // a temporary file we created; nothing to report
                }
            }
        }
    }

    /** The main class's simple name, for messages. */
    private String name() {
        return mainClass.substring(Math.max(mainClass.lastIndexOf('.'), mainClass.lastIndexOf('$')) + 1);
    }

    private static String readAll(Process p) {
        try {
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String tail(String s) {
        return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
    }

    /** This JVM's java executable. */
    public static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /**
     * The class path for a child JVM that runs this library: this JVM's own, unless the library was
     * loaded some other way (a Jupyter kernel's {@code %jars}, where {@code java.class.path} is the
     * kernel's): then the library jar and the {@code lib/} folder of dependencies beside it.
     */
    public static String libraryClasspath() {
        String cp = System.getProperty("java.class.path", "");
        try {
            Path self = Path.of(FreshJvm.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(self) && !cp.contains(self.toString())) {
                return self + java.io.File.pathSeparator + self.resolveSibling("lib").resolve("*");
            }
        } catch (java.net.URISyntaxException | RuntimeException e) {
            // fall back to this JVM's class path
        }
        return cp;
    }
}
