package org.cutouts.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code python/peer_bench.py}, the proof of concept's way of reading cutouts (numpy.load per
 * file, numpy memmap slicing, h5py hyperslabs, whole-file torch.load), on the very store files the
 * Java benchmark wrote, with the same cutout indices (passed in a JSON file) and the same checksum,
 * and turns its JSON into rows of the same schema. A missing interpreter, script or module becomes a
 * row with a "skipped: ..." status, never a silent gap.
 */
public final class PythonPeer {
    private PythonPeer() {
    }

    private static final String METHOD = "python/peer_bench.py run by the Java benchmark";

    /**
     * What the peer produced: one {@code python} row per peer row (what ran, with its status), and its
     * measurements as rows of the latency, throughput and memory sections.
     */
    public record Output(List<PythonRow> ran, List<LatencyRow> latency, List<ThroughputRow> throughput, List<MemoryRow> memory, String status) {
    }

    /** Finds {@code python/peer_bench.py} in the working directory or one of its parents. */
    public static Path locateScript() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            Path s = p.resolve("python").resolve("peer_bench.py");
            if (Files.isRegularFile(s)) {
                return s;
            }
            p = p.getParent();
        }
        return null;
    }

    public static Output run(RunSpec c, Path workDir, int[] random, int[] sequential, int latencyReads, int throughputReads) {
        Path script = c.pythonScript() != null ? c.pythonScript() : locateScript();
        if (script == null || !Files.isRegularFile(script)) {
            return skipped("skipped: python/peer_bench.py not found (looked in the working directory and its parents)");
        }
        if (c.pythonExe().contains("/") && !Files.isExecutable(Path.of(c.pythonExe()))) {
            return skipped("skipped: no python interpreter at " + c.pythonExe());
        }
        ObjectMapper json = new ObjectMapper();
        try {
            Path indices = workDir.resolve("peer-indices.json");
            Path out = workDir.resolve("peer-results.json");
            ObjectNode idx = json.createObjectNode();
            idx.put("seed", c.seed());
            idx.set("random", json.valueToTree(random));
            idx.set("sequential", json.valueToTree(sequential));
            json.writeValue(indices.toFile(), idx);
            Files.deleteIfExists(out);
            List<String> cmd = new ArrayList<>(List.of(c.pythonExe(), script.toString(), "--data-dir", workDir.toString(),
                    "--indices", indices.toString(), "--reads", Integer.toString(latencyReads),
                    "--throughput-reads", Integer.toString(throughputReads), "--memory-reads", Integer.toString(c.memoryReads()),
                    "--reps", Integer.toString(c.pythonReps()), "--warmups", "1",
                    "--cold-reps", Integer.toString(Math.min(c.coldReps(), c.pythonReps())),
                    "--strategies", String.join(",", c.strategies().stream().map(Enum::name).toList()),
                    "--batches", String.join(",", c.batches().stream().map(String::valueOf).toList()),
                    "--out", out.toString()));
            if (!c.cold()) {
                cmd.add("--no-cold");
            }
            if (!c.sequential()) {
                cmd.add("--no-sequential");
            }
            if (!c.memory()) {
                cmd.add("--no-memory");
            }
            Path log = workDir.resolve("peer-stderr.txt");
            Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(30, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return skipped("skipped: peer_bench.py timed out after 30 minutes");
            }
            if (p.exitValue() != 0 || !Files.exists(out)) {
                String err = Files.readString(log);
                return skipped("skipped: peer_bench.py failed (exit " + p.exitValue() + "): "
                        + (err.length() > 1500 ? err.substring(err.length() - 1500) : err).strip());
            }
            return parse(json.readTree(out.toFile()));
        } catch (IOException e) {
            return skipped("skipped: cannot run " + c.pythonExe() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return skipped("skipped: interrupted");
        }
    }

    /**
     * The one place the peer's JSON becomes typed rows. The peer writes each row flat, with the Java
     * records' column names and a {@code kind} naming its section, so each row maps onto the record
     * of its section by name; the peer's extra fields (its {@code kind} in a measurement row) are
     * dropped there and kept in the {@code python} row.
     */
    public static Output parse(JsonNode doc) {
        List<PythonRow> ran = new ArrayList<>();
        List<LatencyRow> latency = new ArrayList<>();
        List<ThroughputRow> throughput = new ArrayList<>();
        List<MemoryRow> memory = new ArrayList<>();
        for (JsonNode r : doc.path("rows")) {
            PythonRow row = ResultRecords.fromJson(r, PythonRow.class);
            ran.add(row);
            switch (row.kind()) {
                case "latency" -> latency.add(ResultRecords.fromJson(r, LatencyRow.class));
                case "throughput" -> throughput.add(ResultRecords.fromJson(r, ThroughputRow.class));
                case "memory" -> memory.add(ResultRecords.fromJson(r, MemoryRow.class));
                default -> {
                    // status and load rows live in the python section only
                }
            }
        }
        return new Output(ran, latency, throughput, memory, "ok: python " + doc.path("python").asText("?"));
    }

    /** The peer did not run: one python row with the reason and no measurements. */
    static Output skipped(String why) {
        return new Output(List.of(PythonRow.skipped(why, METHOD)), List.of(), List.of(), List.of(), why);
    }
}
