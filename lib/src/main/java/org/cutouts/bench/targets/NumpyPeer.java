package org.cutouts.bench.targets;

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
import org.cutouts.bench.PythonRow;
import org.cutouts.bench.ReadOrder;
import org.cutouts.bench.ResultSet;
import org.cutouts.bench.BenchJson;
import org.cutouts.bench.Identity;
import org.cutouts.bench.ThroughputRow;
import org.cutouts.bench.RunSpec;
import org.cutouts.data.Catalogue;
import org.cutouts.data.CatalogueCsv;
import org.cutouts.store.StoreManifest;
import org.cutouts.store.Strategy;
import org.cutouts.store.Workspace;

/**
 * Target 6: numpy memmap slicing of the same mosaic.npy, same random indices and batch, run by
 * {@code python/peer_bench.py}; one {@code python} row (with the
 * rates in a {@code throughput} row), or one saying why it was skipped.
 */
record NumpyPeer(RunSpec c, ResultSet results, PrintStream log) {

    /** The peer's warm random throughput row for the spec's batch (no rates when skipped, with the reason as its status). */
    ThroughputRow run(Workspace ws) {
        Path script = PythonPeer.locateScript();
        if (script == null) {
            return skipped("skipped: python/peer_bench.py not found", "-");
        }
        try {
            Path work = Files.createDirectories(c.outDir());
            Path idxFile = work.resolve("targets-indices.json");
            Path out = work.resolve("targets-peer.json");
            Catalogue cat = CatalogueCsv.read(ws.storeDir(Strategy.MEMORY_MAPPED).resolve(StoreManifest.CATALOGUE_FILE));
            ObjectMapper json = BenchJson.MAPPER;
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
                return skipped("skipped: peer_bench.py failed, see " + work.resolve("targets-peer.log"), String.join(" ", cmd));
            }
            for (ThroughputRow r : PythonPeer.parse(json.readTree(out.toFile())).throughput()) {
                if (r.isRandom("warm", c.batch())) {
                    ThroughputRow row = new ThroughputRow(new Identity(IDENTITY.impl(), IDENTITY.strategy(), IDENTITY.variant(),
                            r.id() == null ? null : r.id().cutoutBytes()), r.conditions(), r.rates(), null, null, null, null, r.status(),
                            r.method() + "; run as: " + String.join(" ", cmd));
                    add(row);
                    results.add("throughput", row);
                    log.printf(Locale.ROOT, "python numpy memmap: %.0f cutouts/s (checksum %s)%n", row.cutoutsPerSec(), row.rates().checksum());
                    return row;
                }
            }
            return skipped("skipped: no warm random throughput row", String.join(" ", cmd));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static final Identity IDENTITY = new Identity("python", "MEMORY_MAPPED", "numpy memmap", null);

    /** What the peer ran, in the python section (the rates themselves go to the throughput section). */
    private void add(ThroughputRow row) {
        results.add("python", new PythonRow(row.id(), "throughput", null, row.status(), row.method()));
    }

    private ThroughputRow skipped(String why, String method) {
        ThroughputRow row = new ThroughputRow(IDENTITY, null, null, null, null, null, null, why, method);
        add(row);
        return row;
    }
}
