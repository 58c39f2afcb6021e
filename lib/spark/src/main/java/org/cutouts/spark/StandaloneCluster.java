package org.cutouts.spark;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cutouts.io.AtomicFiles;

/**
 * A Spark standalone cluster on 127.0.0.1 (one master, {@code n} workers) started from this JVM's
 * class path, with no Spark distribution: each daemon is a child JVM running Spark's own
 * {@code Master} or {@code Worker} class. Workers launch executors through Spark's launcher, which
 * needs a {@code SPARK_HOME} holding an empty {@code RELEASE} file and a {@code jars/} folder (links
 * to the class path's jars) and {@code SPARK_SCALA_VERSION=2.13}. {@link #close()} stops every
 * process it started, executors included, and removes its scratch directory.
 */
public final class StandaloneCluster implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(100);
    private static final Pattern ALIVE = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");
    private final Path home;
    private final int masterPort;
    private final int masterUiPort;
    private final Process master;
    private final List<Process> workers = new ArrayList<>();
    private final Set<ProcessHandle> started = new HashSet<>();
    /** Stops the cluster if the JVM exits without {@link #close()} (a killed test run, say). */
    private final Thread cleanup = new Thread(this::close, "spark-cluster-cleanup");

    private StandaloneCluster(Path home, int masterPort, int masterUiPort, Process master) {
        this.home = home;
        this.masterPort = masterPort;
        this.masterUiPort = masterUiPort;
        this.master = master;
        started.add(master.toHandle());
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    /** Starts a master and {@code workerCount} workers of {@code cores} cores and {@code memory} each, and waits until all registered. */
    public static StandaloneCluster start(int workerCount, int cores, String memory) {
        Path home = sparkHome();
        int port = freePort();
        int ui = freePort();
        StandaloneCluster c = null;
        try {
            c = new StandaloneCluster(home, port, ui, launch(home, "master", "org.apache.spark.deploy.master.Master",
                    "--host", "127.0.0.1", "--port", Integer.toString(port), "--webui-port", Integer.toString(ui)));
            for (int i = 0; i < workerCount; i++) {
                c.addWorker(i, cores, memory);
            }
            c.awaitAliveWorkers(workerCount);
            return c;
        } catch (RuntimeException | Error e) {
            if (c != null) {
                c.close();
            } else {
                AtomicFiles.deleteRecursively(home);
            }
            throw e;
        }
    }

    /** The master URL to give a driver. */
    public String masterUrl() {
        return "spark://127.0.0.1:" + masterPort;
    }

    public int workerCount() {
        return workers.size();
    }

    /** Kills worker {@code i} and its executors at once (SIGKILL), as a lost node would vanish. */
    public void killWorker(int i) {
        Process w = workers.get(i);
        w.descendants().forEach(ProcessHandle::destroyForcibly);
        w.destroyForcibly();
        try {
            w.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void addWorker(int i, int cores, String memory) {
        Path work = home.resolve("work-" + i);
        Process p = launch(home, "worker-" + i, "org.apache.spark.deploy.worker.Worker",
                "--host", "127.0.0.1", "--port", Integer.toString(freePort()), "--webui-port", Integer.toString(freePort()),
                "--cores", Integer.toString(cores), "--memory", memory, "--work-dir", work.toString(), masterUrl());
        workers.add(p);
        started.add(p.toHandle());
    }

    private static Process launch(Path home, String name, String mainClass, String... args) {
        List<String> cmd = new ArrayList<>(List.of(javaBinary(), "-Xmx512m",
                // the daemons only schedule: the quick JIT tier and the serial collector start them fastest
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(home.resolve(name + ".log").toFile());
        Map<String, String> env = pb.environment();
        env.put("SPARK_HOME", home.toString());
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        try {
            return pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Spark " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Waits until the master's status page ({@code /json/}) counts {@code n} alive workers; fails with
     * the daemons' log tails when one dies or the wait times out.
     */
    private void awaitAliveWorkers(int n) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest status = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + masterUiPort + "/json/"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!master.isAlive() || workers.stream().anyMatch(w -> !w.isAlive())) {
                throw new IllegalStateException("a Spark daemon died while the cluster started\n" + logTails());
            }
            try {
                String body = http.send(status, HttpResponse.BodyHandlers.ofString()).body();
                Matcher m = ALIVE.matcher(body);
                if (m.find() && Integer.parseInt(m.group(1)) >= n) {
                    return;
                }
            } catch (IOException e) {
                // the master's page is not up yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the Spark cluster started", e);
            }
            sleep(250);
        }
        throw new IllegalStateException("the Spark cluster did not start within " + START_TIMEOUT.toSeconds() + " s\n" + logTails());
    }

    private String logTails() {
        StringBuilder sb = new StringBuilder();
        for (String name : daemonNames()) {
            sb.append("--- ").append(name).append(" log ends:\n").append(tail(log(name))).append('\n');
        }
        return sb.toString();
    }

    private List<String> daemonNames() {
        List<String> names = new ArrayList<>(List.of("master"));
        for (int i = 0; i < workers.size(); i++) {
            names.add("worker-" + i);
        }
        return names;
    }

    /** The log of one daemon ("master", "worker-0", ...), for diagnostics. */
    public String log(String name) {
        return readQuietly(home.resolve(name + ".log"));
    }

    /** A scratch SPARK_HOME: an empty RELEASE file and jars/ linking every jar of this JVM's class path. */
    private static Path sparkHome() {
        try {
            Path home = Files.createTempDirectory("cutouts-spark-home");
            Files.createFile(home.resolve("RELEASE"));
            Path jars = Files.createDirectory(home.resolve("jars"));
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                Path p = Path.of(entry).toAbsolutePath();
                if (entry.endsWith(".jar") && Files.isRegularFile(p) && !Files.exists(jars.resolve(p.getFileName()))) {
                    Files.createSymbolicLink(jars.resolve(p.getFileName()), p);
                }
            }
            return home;
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare a SPARK_HOME for the test cluster: " + e.getMessage(), e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String readQuietly(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static String tail(String s) {
        return s.length() > 3000 ? s.substring(s.length() - 3000) : s;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Spark cluster", e);
        }
    }

    /** Stops every process this cluster started (workers' executors first), then removes SPARK_HOME. */
    @Override
    public synchronized void close() {
        List<ProcessHandle> all = new ArrayList<>();
        for (ProcessHandle h : started) {
            h.descendants().forEach(all::add);
        }
        all.addAll(started);
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                // timed out or interrupted: kill it below, whatever happens, nothing may be left running
            }
            h.destroyForcibly();
        }
        started.clear();
        AtomicFiles.deleteRecursively(home);
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: this is the hook running
        }
    }
}
