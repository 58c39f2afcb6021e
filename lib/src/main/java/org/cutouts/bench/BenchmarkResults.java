package org.cutouts.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A benchmark run's results ({@code results.json}), with each section as a Tablesaw table for
 * notebooks: {@code BenchmarkResults.load(Path.of("build/bench")).throughput()}.
 *
 * <p>Sections: {@code writes, disk, latency, throughput, memory, limits, python, scaling, targets,
 * validation}. Every measurement row has {@code impl} (java/python), {@code strategy},
 * {@code variant}, {@code status} ("ok", "skipped: ...", "not-cold: ...", "not applicable: ...") and a
 * {@code method} text saying how it was measured.
 */
public final class BenchmarkResults {
    public static final String SCHEMA_NAME = "cutouts-benchmark";
    /**
     * 2: {@code config} is the {@link RunSpec} that produced the run (plus {@link #CATALOGUE_SIZE}); rows carry {@code cutoutBytes}.
     * 3: every section is a typed record ({@link WriteRow}, {@link MemoryRow}, {@link PythonRow}, {@link ScalingRow}, ...); a
     * {@code python} row says what the peer ran, its measurements are only in the latency, throughput and memory sections.
     */
    public static final int SCHEMA_VERSION = 3;
    /** The {@code config} field with the number of cutouts in the run's catalogue. */
    public static final String CATALOGUE_SIZE = "catalogueSize";
    public static final String FILE_NAME = "results.json";
    public static final List<String> SECTIONS = List.of("writes", "disk", "latency", "throughput", "memory", "limits",
            "python", "scaling", "targets", "validation", "regimes");

    private static final ObjectMapper JSON = BenchJson.MAPPER;

    private final ObjectNode root;

    public BenchmarkResults(ObjectNode root) {
        this.root = root;
    }

    /** Loads {@code results.json}, given the file or the folder holding it. */
    public static BenchmarkResults load(Path path) {
        Path file = Files.isDirectory(path) ? path.resolve(FILE_NAME) : path;
        try {
            JsonNode n = JSON.readTree(file.toFile());
            if (!(n instanceof ObjectNode o)) {
                throw new IllegalArgumentException(file + " is not a JSON object");
            }
            int version = o.path("schemaVersion").asInt(-1);
            if (version != SCHEMA_VERSION) {
                throw new IllegalArgumentException(file + ": results schema version " + version + ", this library reads version "
                        + SCHEMA_VERSION + " only; run the benchmark again to rewrite it");
            }
            return new BenchmarkResults(o);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read benchmark results " + file, e);
        }
    }

    public ObjectNode json() {
        return root;
    }

    /** Problems found by {@link ResultSchema}; empty when the file is well formed. */
    public List<String> validate() {
        return ResultSchema.validate(root);
    }

    public Table writes() {
        return table("writes");
    }

    public Table disk() {
        return table("disk");
    }

    /** The throughput rows, typed. */
    public List<ThroughputRow> throughputRows() {
        return rows("throughput", ThroughputRow.class);
    }

    /** The writes rows, typed. */
    public List<WriteRow> writeRows() {
        return rows("writes", WriteRow.class);
    }

    /** The memory rows, typed. */
    public List<MemoryRow> memoryRows() {
        return rows("memory", MemoryRow.class);
    }

    /** The python rows (what the peer ran), typed. */
    public List<PythonRow> pythonRows() {
        return rows("python", PythonRow.class);
    }

    /** The scaling rows, typed. */
    public List<ScalingRow> scalingRows() {
        return rows("scaling", ScalingRow.class);
    }

    /** A section's rows as records of {@code type} (see {@link ResultRecords}). */
    public <R extends Record> List<R> rows(String section, Class<R> type) {
        List<R> out = new ArrayList<>();
        for (JsonNode r : root.path("sections").path(section)) {
            out.add(ResultRecords.fromJson(r, type));
        }
        return out;
    }

    public Table latency() {
        return table("latency");
    }

    public Table throughput() {
        return table("throughput");
    }

    public Table memory() {
        return table("memory");
    }

    public Table limits() {
        return table("limits");
    }

    /** What the Python peer ran (kind, status, method); its measurements are in latency(), throughput() and memory(), with impl = python. */
    public Table python() {
        return table("python");
    }

    public Table scaling() {
        return table("scaling");
    }

    /** The memory-regime sweep: one row per regime, strategy, read variant and thread count. */
    public Table regimes() {
        return table("regimes");
    }

    /** The memory-regime rows, typed. */
    public List<org.cutouts.bench.regime.RegimeResult> regimeRows() {
        return rows("regimes", org.cutouts.bench.regime.RegimeResult.class);
    }

    public Table targets() {
        return table("targets");
    }

    public Table validation() {
        return table("validation");
    }

    /** The machine description as a two-column table. */
    public Table machine() {
        return keyValues("machine");
    }

    /** The run's configuration as a two-column table. */
    public Table config() {
        return keyValues("config");
    }

    public String machine(String key) {
        return root.path("machine").path(key).asText(null);
    }

    public String config(String key) {
        return root.path("config").path(key).asText(null);
    }

    /** The spec that produced this run, as recorded in its {@code config}. */
    public RunSpec spec() {
        try {
            return JSON.treeToValue(root.path("config"), RunSpec.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("the results' config is not a run spec: " + e.getMessage(), e);
        }
    }

    /** Cutouts in the run's catalogue (the spec says 0 for "one per source"). */
    public int catalogueSize() {
        return root.path("config").path(CATALOGUE_SIZE).asInt();
    }

    public String startedAt() {
        return root.path("startedAt").asText();
    }

    public List<Map<String, Object>> rows(String section) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (JsonNode r : root.path("sections").path(section)) {
            Map<String, Object> m = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = r.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                m.put(e.getKey(), v.isNull() ? null : v.isBoolean() ? v.booleanValue() : v.isIntegralNumber() ? v.longValue()
                        : v.isNumber() ? v.doubleValue() : v.asText());
            }
            out.add(m);
        }
        return out;
    }

    /** Any section as a table, with a column per field (types inferred: int, long, double, boolean, string). */
    public Table table(String section) {
        if (!SECTIONS.contains(section) && !root.path("sections").has(section)) {
            throw new IllegalArgumentException("unknown section '" + section + "'; known: " + SECTIONS);
        }
        return ResultTables.toTable(section, rows(section));
    }

    private Table keyValues(String field) {
        StringColumn k = StringColumn.create("key");
        StringColumn v = StringColumn.create("value");
        Iterator<Map.Entry<String, JsonNode>> it = root.path(field).fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            k.append(e.getKey());
            JsonNode value = e.getValue();
            v.append(value.isNull() ? "" : value.isContainerNode() ? value.toString() : value.asText());
        }
        return Table.create(field, k, v);
    }

    /** Writes {@code results.json} and one CSV per non-empty section into {@code dir}; returns the JSON file. */
    public Path write(Path dir) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(FILE_NAME);
            Path tmp = dir.resolve(FILE_NAME + ".tmp");
            JSON.writeValue(tmp.toFile(), root);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            for (String s : sectionNames()) {
                Path csv = dir.resolve(s + ".csv");
                Table t = table(s);
                if (t.rowCount() > 0) {
                    t.write().csv(csv.toFile());
                } else {
                    Files.deleteIfExists(csv);
                }
            }
            keyValues("machine").write().csv(dir.resolve("machine.csv").toFile());
            keyValues("config").write().csv(dir.resolve("config.csv").toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write results to " + dir, e);
        }
    }

    public List<String> sectionNames() {
        List<String> out = new ArrayList<>();
        root.path("sections").fieldNames().forEachRemaining(out::add);
        return out;
    }
}
