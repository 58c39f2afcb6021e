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
record NumpyPeer(RunSpec c, ResultSet results, PrintStream log, ColdReads.Bounds bounds, String regime) {

    /**
     * The peer's warm random rows at the spec's batch: numpy's per-cutout slicing loop and its best idiom,
     * one fancy index of a sliding-window view per batch. A reader that was skipped has no rates and the
     * reason as its status.
     */
    record Rows(ThroughputRow loop, ThroughputRow gather) {
    }

    /** Runs peer_bench.py on the row-major store of {@code ws}. */
    Rows run(Workspace ws) {
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
            ThroughputRow loop = null;
            ThroughputRow gather = null;
            for (ThroughputRow r : PythonPeer.parse(json.readTree(out.toFile())).throughput()) {
                if (!r.isRandom("warm", c.batch())) {
                    continue;
                }
                ThroughputRow row = new ThroughputRow(new Identity(IDENTITY_IMPL, Strategy.MEMORY_MAPPED.name(), r.id().variant(), r.id().cutoutBytes()),
                        r.conditions().withRegime(regime), r.rates(), null,
                        ThroughputRow.Ratios.of(r.cutoutsPerSec() * c.cutout().bytes(), bounds.memcpyBps(), bounds.seqBps()), null, null,
                        r.status(), r.method() + "; run as: " + String.join(" ", cmd));
                add(row);
                results.add("throughput", row);
                log.printf(Locale.ROOT, "python %s: %.0f cutouts/s (checksum %s)%n", row.id().variant(), row.cutoutsPerSec(), row.rates().checksum());
                if (row.id().variant().contains(GATHER)) {
                    gather = row;
                } else {
                    loop = row;
                }
            }
            if (loop == null || gather == null) {
                return skipped("skipped: peer_bench.py wrote no warm random throughput row for the " + (loop == null ? "loop" : "gather"),
                        String.join(" ", cmd));
            }
            return new Rows(loop, gather);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A live peer for the paired rounds, on the same store and indices as {@link #run}, which must have
     * run first (it writes the indices); null when the peer cannot run here.
     */
    NumpyRounds rounds(Workspace ws) {
        Path script = PythonPeer.locateScript();
        Path idxFile = c.outDir().resolve("targets-indices.json");
        if (script == null || !Files.exists(idxFile)) {
            return null;
        }
        return NumpyRounds.start(c.pythonExe(), script, ws.root().resolve(Workspace.STORES), idxFile, c.throughputReads(), c.batch(),
                c.outDir().resolve("targets-peer-rounds.log"));
    }

    /** The word that marks numpy's batch idiom in peer_bench.py's variant label. */
    static final String GATHER = "sliding_window_view gather";
    private static final String IDENTITY_IMPL = "python";

    private static final Identity IDENTITY = new Identity(IDENTITY_IMPL, Strategy.MEMORY_MAPPED.name(), "numpy memmap", null);

    /** What the peer ran, in the python section (the rates themselves go to the throughput section). */
    private void add(ThroughputRow row) {
        results.add("python", new PythonRow(row.id(), "throughput", null, row.status(), row.method()));
    }

    private Rows skipped(String why, String method) {
        ThroughputRow row = new ThroughputRow(IDENTITY, null, null, null, null, null, null, why, method);
        add(row);
        return new Rows(row, row);
    }
}
