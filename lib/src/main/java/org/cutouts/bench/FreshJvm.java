package org.cutouts.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts {@link MemoryProbe} in a new JVM with this JVM's java executable and class path, so every
 * strategy's memory is measured from the same clean start (no classes, caches or mappings of other
 * strategies), and turns its JSON into memory rows.
 */
public final class FreshJvm {
    private FreshJvm() {
    }

    public static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    public static List<String> command(Path storeDir, int many, long seed, String maxHeap) {
        return command(storeDir, many, seed, maxHeap, java.util.Map.of());
    }

    public static List<String> command(Path storeDir, int many, long seed, String maxHeap, java.util.Map<String, String> properties) {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaExecutable());
        properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-Xmx" + maxHeap);
        cmd.add("-XX:+UseSerialGC");
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("-cp");
        cmd.add(classpath());
        cmd.add(MemoryProbe.class.getName());
        cmd.add(storeDir.toString());
        cmd.add(Integer.toString(many));
        cmd.add(Long.toString(seed));
        return cmd;
    }

    /**
     * The class path for a child JVM that runs this library: this JVM's own, unless the library was
     * loaded some other way (a Jupyter kernel's {@code %jars}, where {@code java.class.path} is the
     * kernel's): then the library jar and the {@code lib/} folder of dependencies beside it.
     */
    public static String classpath() {
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

    /** Runs the probe; returns its JSON. Throws with the child's stderr when it fails. */
    public static JsonNode probe(Path storeDir, int many, long seed, String maxHeap) {
        return probe(storeDir, many, seed, maxHeap, java.util.Map.of());
    }

    /** Probes a target: its directory, with its system properties. */
    public static JsonNode probe(BenchTarget t, int many, long seed, String maxHeap) {
        return probe(t.dir(), many, seed, maxHeap, t.properties());
    }

    public static JsonNode probe(Path storeDir, int many, long seed, String maxHeap, java.util.Map<String, String> properties) {
        ProcessBuilder pb = new ProcessBuilder(command(storeDir, many, seed, maxHeap, properties));
        try {
            Path err = java.nio.file.Files.createTempFile("memory-probe", ".err");
            pb.redirectError(err.toFile());
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(15, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("memory probe for " + storeDir + " timed out");
            }
            String errText = java.nio.file.Files.readString(err);
            java.nio.file.Files.deleteIfExists(err);
            if (p.exitValue() != 0) {
                throw new IllegalStateException("memory probe for " + storeDir + " exited with " + p.exitValue() + ": " + tail(errText));
            }
            String text = new String(out, StandardCharsets.UTF_8).trim();
            int brace = text.lastIndexOf("\n{");
            return new ObjectMapper().readTree(brace >= 0 ? text.substring(brace + 1) : text);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run memory probe: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String tail(String s) {
        return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
    }

    public static String method(int many, String maxHeap) {
        return "fresh JVM per strategy (same java and class path, -Xmx" + maxHeap + " -XX:+UseSerialGC); System.gc() then /proc/self/status "
                + "VmRSS/VmHWM/RssAnon/RssFile, heap used, direct and mapped BufferPoolMXBeans after: JVM start (baseline), open, 1 read, "
                + many + " random reads; deltas are against the baseline";
    }

    /** Memory rows (one per phase) from a probe's JSON. */
    public static List<Row> rows(BenchTarget target, JsonNode probe, int many, String maxHeap) {
        List<Row> rows = new ArrayList<>();
        JsonNode base = probe.get("phases").get(0);
        for (JsonNode p : probe.get("phases")) {
            rows.add(target.row()
                    .put("phase", p.get("phase").asText())
                    .put("reads", p.get("reads").asInt())
                    .put("elapsedMs", p.get("elapsedMs").asDouble())
                    .put("rssMiB", kib(p, "vmRssKb"))
                    .put("rssDeltaMiB", kib(p, "vmRssKb") - kib(base, "vmRssKb"))
                    .put("rssAnonDeltaMiB", kib(p, "rssAnonKb") - kib(base, "rssAnonKb"))
                    .put("rssFileDeltaMiB", kib(p, "rssFileKb") - kib(base, "rssFileKb"))
                    .put("hwmMiB", kib(p, "vmHwmKb"))
                    .put("heapUsedMiB", p.get("heapUsedBytes").asLong() / 1048576.0)
                    .put("directMiB", p.get("directBytes").asLong() / 1048576.0)
                    .put("mappedMiB", p.get("mappedBytes").asLong() / 1048576.0)
                    .put("checksum", probe.path("checksum").asText(""))
                    .put("status", "ok")
                    .put("method", method(many, maxHeap)));
        }
        return rows;
    }

    private static double kib(JsonNode p, String field) {
        return p.get(field).asLong() / 1024.0;
    }
}
