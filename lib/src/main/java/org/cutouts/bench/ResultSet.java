package org.cutouts.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects the rows of a run, section by section, and turns them into {@link BenchmarkResults}. */
public final class ResultSet {
    private final Instant started = Instant.now();
    private final Row machine;
    private final RunSpec spec;
    private final int catalogueSize;
    private final Map<String, List<Row>> sections = new LinkedHashMap<>();

    /** Rows of a run of {@code spec} over a catalogue of {@code catalogueSize} cutouts, on {@code machine}. */
    public ResultSet(Row machine, RunSpec spec, int catalogueSize) {
        this.machine = machine;
        this.spec = spec;
        this.catalogueSize = catalogueSize;
        for (String s : BenchmarkResults.SECTIONS) {
            sections.put(s, new ArrayList<>());
        }
    }

    /** Adds a flat row as it is (package-private: tests build malformed rows with it; the benchmark adds records). */
    synchronized ResultSet add(String section, Row row) {
        List<Row> rows = sections.get(section);
        if (rows == null) {
            throw new IllegalArgumentException("unknown section '" + section + "'; known: " + sections.keySet());
        }
        rows.add(row);
        return this;
    }

    /** Adds a typed row (its components are the columns, see {@link ResultRecords}). */
    public ResultSet add(String section, Record row) {
        return add(section, ResultRecords.toRow(row));
    }

    /** A section's rows so far, as records of {@code type} (see {@link ResultRecords}). */
    public synchronized <R extends Record> List<R> rows(String section, Class<R> type) {
        List<R> out = new ArrayList<>();
        for (Row r : sections.get(section)) {
            out.add(ResultRecords.fromJson(BenchJson.MAPPER.valueToTree(r.asMap()), type));
        }
        return out;
    }

    public RunSpec spec() {
        return spec;
    }

    public Row machine() {
        return machine;
    }

    public synchronized BenchmarkResults finish() {
        ObjectMapper json = BenchJson.MAPPER;
        ObjectNode root = json.createObjectNode();
        Instant finished = Instant.now();
        root.put("schema", BenchmarkResults.SCHEMA_NAME);
        root.put("schemaVersion", BenchmarkResults.SCHEMA_VERSION);
        root.put("startedAt", started.toString());
        root.put("finishedAt", finished.toString());
        root.put("durationSeconds", Duration.between(started, finished).toMillis() / 1000.0);
        root.set("machine", json.valueToTree(machine.asMap()));
        ObjectNode config = json.valueToTree(spec);
        config.put(BenchmarkResults.CATALOGUE_SIZE, catalogueSize);
        root.set("config", config);
        ObjectNode secs = root.putObject("sections");
        sections.forEach((name, rows) -> {
            ArrayNode a = secs.putArray(name);
            rows.forEach(r -> a.add(json.valueToTree(r.asMap())));
        });
        return new BenchmarkResults(root);
    }
}
