package org.cutouts.bench.targets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.cutouts.bench.PythonPeer;
import org.cutouts.bench.ReadOrder;
import org.cutouts.bench.ResultSet;
import org.cutouts.bench.Row;
import org.cutouts.bench.RunSpec;
import org.cutouts.data.Catalogue;
import org.cutouts.data.CatalogueCsv;
import org.cutouts.store.StoreManifest;
import org.cutouts.store.Strategy;
import org.cutouts.store.Workspace;

/**
 * Target 6: numpy memmap slicing of the same mosaic.npy, same random indices and batch, run by
 * {@code python/peer_bench.py}; one {@code python} row, or one saying why it was skipped.
 */
record NumpyPeer(RunSpec c, ResultSet results, PrintStream log) {

    /** The peer's warm random throughput row for the spec's batch (cutoutsPerSecMedian NaN when skipped). */
    Row run(Workspace ws) {
        Path script = PythonPeer.locateScript();
        Row row = new Row().put("impl", "python").put("strategy", "MEMORY_MAPPED").put("variant", "numpy memmap").put("kind", "throughput");
        if (script == null) {
            return skipped(row, "skipped: python/peer_bench.py not found", "-");
        }
        try {
            Path work = Files.createDirectories(c.outDir());
            Path idxFile = work.resolve("targets-indices.json");
            Path out = work.resolve("targets-peer.json");
            Catalogue cat = CatalogueCsv.read(ws.storeDir(Strategy.MEMORY_MAPPED).resolve(StoreManifest.CATALOGUE_FILE));
            ObjectMapper json = new ObjectMapper();
            ObjectNode idx = json.createObjectNode();
            idx.set("random", json.valueToTree(ReadOrder.RANDOM.indices(cat.size(), c.throughputReads(), c.seed())));
            idx.set("sequential", json.valueToTree(ReadOrder.SEQUENTIAL.indices(cat.size(), c.throughputReads(), c.seed())));
            json.writeValue(idxFile.toFile(), idx);
            Files.deleteIfExists(out);
            List<String> cmd = List.of(c.pythonExe(), script.toString(), "--data-dir", ws.root().resolve(Workspace.STORES).toString(),
                    "--indices", idxFile.toString(), "--strategies", "MEMORY_MAPPED", "--batches", Integer.toString(c.batch()),
                    "--reads", "200", "--throughput-reads", Integer.toString(c.throughputReads()), "--reps", Integer.toString(Math.min(c.reps(), 5)),
                    "--warmups", "1", "--no-cold", "--no-memory", "--out", out.toString());
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(work.resolve("targets-peer.log").toFile()).start();
            if (!p.waitFor(20, TimeUnit.MINUTES) || p.exitValue() != 0 || !Files.exists(out)) {
                p.destroyForcibly();
                return skipped(row, "skipped: peer_bench.py failed, see " + work.resolve("targets-peer.log"), String.join(" ", cmd));
            }
            for (JsonNode r : json.readTree(out.toFile()).get("rows")) {
                if ("throughput".equals(r.path("kind").asText()) && "random".equals(r.path("order").asText())
                        && "warm".equals(r.path("cache").asText()) && r.path("batch").asInt() == c.batch()) {
                    row.put("order", "random").put("cache", "warm").put("batch", c.batch()).put("reads", r.path("reads").asInt())
                            .put("cutoutBytes", r.path("cutoutBytes").asLong())
                            .put("cutoutsPerSecMedian", r.path("cutoutsPerSecMedian").asDouble())
                            .put("checksum", r.path("checksum").asText()).put("status", r.path("status").asText())
                            .put("method", r.path("method").asText() + "; run as: " + String.join(" ", cmd));
                    results.add("python", row);
                    log.printf(Locale.ROOT, "python numpy memmap: %.0f cutouts/s (checksum %s)%n", row.number("cutoutsPerSecMedian"), row.text("checksum"));
                    return row;
                }
            }
            return skipped(row, "skipped: no warm random throughput row", String.join(" ", cmd));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Row skipped(Row row, String why, String method) {
        results.add("python", row.put("status", why).put("method", method));
        return row.copy().put("cutoutsPerSecMedian", Double.NaN);
    }
}
