package org.cutouts.bench.targets;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.cutouts.bench.BenchJson;

/**
 * numpy's passes for the paired rounds: one {@code peer_bench.py --serve} process kept alive for the
 * whole of {@link PairedRounds}, asked for one warm-up and one timed pass of a reader whenever a round
 * reaches it. Java's and numpy's passes therefore alternate seconds apart, so a ratio between them is
 * not at the mercy of one lucky or unlucky moment on a shared machine.
 */
final class NumpyRounds implements AutoCloseable {
    /** The sliding-window gather, numpy's best idiom for windows of one mosaic. */
    static final String GATHER = "gather";
    /** The proof of concept's per-cutout slicing loop. */
    static final String LOOP = "loop";

    private final Process process;
    private final BufferedWriter in;
    private final BufferedReader out;
    private final List<String> command;
    private final JsonNode readers;
    /** Per reader, the distinct checksums of its passes, in the order first seen. */
    private final Map<String, Set<String>> checksums = new LinkedHashMap<>();

    private NumpyRounds(Process process, List<String> command) throws IOException {
        this.process = process;
        this.command = command;
        this.in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        JsonNode ready = answer();
        if (!ready.path("ready").asBoolean()) {
            throw new IOException("peer_bench.py --serve did not start: " + ready);
        }
        this.readers = ready.path("readers");
    }

    /**
     * Starts the peer on the row-major store of {@code storesDir}, reading the {@code random} indices of
     * {@code indicesFile}; its errors go to {@code log}.
     */
    static NumpyRounds start(String python, Path script, Path storesDir, Path indicesFile, int reads, int batch, Path log) {
        List<String> cmd = List.of(python, script.toString(), "--serve", "--data-dir", storesDir.toString(), "--indices",
                indicesFile.toString(), "--strategies", "MEMORY_MAPPED", "--batches", Integer.toString(batch), "--throughput-reads",
                Integer.toString(reads), "--warmups", "1");
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            try {
                return new NumpyRounds(p, cmd);
            } catch (IOException | RuntimeException e) {
                p.destroyForcibly();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", cmd) + " (see " + log + ")", e);
        }
    }

    /** One warm-up and one timed pass of {@code reader} ({@link #GATHER} or {@link #LOOP}): cutouts/s. */
    double pass(String reader) {
        try {
            in.write(reader);
            in.newLine();
            in.flush();
            JsonNode a = answer();
            if (a.has("error")) {
                throw new IllegalStateException("peer_bench.py --serve: " + a.get("error").asText());
            }
            checksums.computeIfAbsent(reader, k -> new LinkedHashSet<>()).add(a.path("checksum").asText());
            return a.path("cutoutsPerSec").asDouble();
        } catch (IOException e) {
            throw new UncheckedIOException("the numpy peer stopped answering (" + String.join(" ", command) + ")", e);
        }
    }

    /** The label peer_bench.py gives {@code reader}, as in its throughput rows. */
    String label(String reader) {
        return readers.path(reader).asText(reader);
    }

    /** The checksum of {@code reader}'s passes, if they all agree; otherwise every distinct one. */
    String checksum(String reader) {
        return String.join(", ", checksums.getOrDefault(reader, Set.of()));
    }

    String command() {
        return String.join(" ", command);
    }

    private JsonNode answer() throws IOException {
        String line = out.readLine();
        if (line == null) {
            throw new IOException("peer_bench.py --serve exited (status " + (process.isAlive() ? "running" : process.exitValue()) + ")");
        }
        return BenchJson.MAPPER.readTree(line);
    }

    @Override
    public void close() {
        try {
            in.close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
