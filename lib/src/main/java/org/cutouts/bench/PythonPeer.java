package org.cutouts.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
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

    /** The column naming the section a peer row belongs to, and its value for throughput rows. */
    public static final String KIND = "kind";
    public static final String THROUGHPUT = "throughput";

    /** The rows the peer produced, each tagged with the section it belongs to ({@code kind}). */
    public record Output(List<Row> rows, String status) {
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

    static Output parse(JsonNode doc) {
        List<Row> rows = new ArrayList<>();
        for (JsonNode r : doc.path("rows")) {
            Row row = new Row();
            Iterator<Map.Entry<String, JsonNode>> it = r.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                row.put(e.getKey(), v.isNull() ? null : v.isBoolean() ? (Object) v.booleanValue()
                        : v.isIntegralNumber() ? (Object) v.longValue() : v.isNumber() ? (Object) v.doubleValue() : v.asText());
            }
            rows.add(row);
        }
        return new Output(rows, "ok: python " + doc.path("python").asText("?"));
    }

    private static Output skipped(String why) {
        Row r = new Row().put("impl", "python").put("strategy", "ALL").put("variant", "peer_bench.py").put("kind", "status")
                .put("status", why).put("method", "python/peer_bench.py run by the Java benchmark");
        return new Output(List.of(r), why);
    }
}
