package org.cutouts.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shape of {@code results.json}, checked field by field: required fields and their JSON types,
 * top level and per section. Extra fields and extra sections are allowed (a later layout adds a
 * {@code variant}, a fast path adds rows; {@code targets} rows are defined here before anyone writes
 * them). A numeric field may be null only in a row whose {@code status} is not "ok" (a skipped or
 * not-applicable measurement).
 */
public final class ResultSchema {
    /** JSON types a field may have. */
    public enum Type { STRING, NUMBER, INTEGER, BOOLEAN, OBJECT, ARRAY }

    static final Map<String, Type> TOP = fields("schema", Type.STRING, "schemaVersion", Type.INTEGER, "startedAt", Type.STRING,
            "finishedAt", Type.STRING, "durationSeconds", Type.NUMBER, "machine", Type.OBJECT, "config", Type.OBJECT,
            "sections", Type.OBJECT);
    static final Map<String, Type> MACHINE = fields("cpuModel", Type.STRING, "logicalCpus", Type.INTEGER, "memTotalBytes", Type.INTEGER,
            "kernel", Type.STRING, "filesystem", Type.STRING, "jdk", Type.STRING);
    static final Map<String, Type> CONFIG = fields("mode", Type.STRING, "seed", Type.INTEGER, "mosaicWidth", Type.INTEGER,
            "mosaicHeight", Type.INTEGER, "cutouts", Type.INTEGER);
    static final Map<String, Map<String, Type>> SECTIONS = new LinkedHashMap<>();

    static {
        SECTIONS.put("writes", typed(WriteRow.class, WriteRow.requiredColumns()));
        SECTIONS.put("disk", typed(DiskRow.class, DiskRow.requiredColumns()));
        SECTIONS.put("latency", typed(LatencyRow.class, LatencyRow.requiredColumns()));
        SECTIONS.put("throughput", typed(ThroughputRow.class, ThroughputRow.requiredColumns()));
        SECTIONS.put("memory", typed(MemoryRow.class, MemoryRow.requiredColumns()));
        SECTIONS.put("limits", typed(LimitRow.class, LimitRow.requiredColumns()));
        SECTIONS.put("python", typed(PythonRow.class, PythonRow.requiredColumns()));
        SECTIONS.put("scaling", typed(ScalingRow.class, ScalingRow.requiredColumns()));
        SECTIONS.put("targets", typed(TargetRow.class, TargetRow.requiredColumns()));
        SECTIONS.put("regimes", typed(org.cutouts.bench.regime.RegimeResult.class, org.cutouts.bench.regime.RegimeResult.requiredColumns()));
        SECTIONS.put("validation", typed(Validation.Check.class, ResultRecords.columns(Validation.Check.class)));
    }

    private ResultSchema() {
    }

    private static Map<String, Type> fields(Object... kv) {
        Map<String, Type> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (Type) kv[i + 1]);
        }
        return m;
    }

    /** The required columns of a typed row, their JSON types from the record's component types. */
    private static Map<String, Type> typed(Class<? extends Record> row, List<String> required) {
        Map<String, Class<?>> types = ResultRecords.types(row);
        Map<String, Type> m = new LinkedHashMap<>();
        for (String c : required) {
            Class<?> t = types.get(c);
            m.put(c, t == String.class ? Type.STRING : t == Boolean.class ? Type.BOOLEAN
                    : t == Integer.class || t == Long.class ? Type.INTEGER : Type.NUMBER);
        }
        return m;
    }

    /** The required fields of a section, for documentation and for writers of new rows. */
    public static Map<String, Type> requiredFields(String section) {
        return Map.copyOf(SECTIONS.getOrDefault(section, Map.of()));
    }

    /** All problems in a results document; empty when it conforms. */
    public static List<String> validate(JsonNode root) {
        List<String> errors = new ArrayList<>();
        if (root == null || !root.isObject()) {
            errors.add("results: not a JSON object");
            return errors;
        }
        check(root, TOP, "results", false, errors);
        if (root.path("schemaVersion").asInt(-1) != BenchmarkResults.SCHEMA_VERSION) {
            errors.add("results.schemaVersion: expected " + BenchmarkResults.SCHEMA_VERSION);
        }
        check(root.path("machine"), MACHINE, "machine", false, errors);
        check(root.path("config"), CONFIG, "config", false, errors);
        JsonNode secs = root.path("sections");
        for (Map.Entry<String, Map<String, Type>> e : SECTIONS.entrySet()) {
            JsonNode rows = secs.get(e.getKey());
            if (rows == null || !rows.isArray()) {
                errors.add("sections." + e.getKey() + ": missing or not an array");
                continue;
            }
            int i = 0;
            for (JsonNode row : rows) {
                String where = "sections." + e.getKey() + "[" + i++ + "]";
                if (!row.isObject()) {
                    errors.add(where + ": not an object");
                    continue;
                }
                boolean ok = !row.has(ResultColumns.STATUS) || ResultColumns.OK.equals(row.path(ResultColumns.STATUS).asText());
                check(row, e.getValue(), where, !ok, errors);
                row.fields().forEachRemaining(f -> {
                    if (f.getValue().isContainerNode()) {
                        errors.add(where + "." + f.getKey() + ": rows must be flat (scalars only)");
                    }
                });
            }
        }
        return errors;
    }

    private static void check(JsonNode obj, Map<String, Type> required, String where, boolean nullableNumbers, List<String> errors) {
        if (!obj.isObject()) {
            errors.add(where + ": missing or not an object");
            return;
        }
        required.forEach((name, type) -> {
            JsonNode v = obj.get(name);
            if (v == null) {
                errors.add(where + "." + name + ": missing");
            } else if (v.isNull()) {
                if (!(nullableNumbers && (type == Type.NUMBER || type == Type.INTEGER))) {
                    errors.add(where + "." + name + ": null");
                }
            } else if (!matches(v, type)) {
                errors.add(where + "." + name + ": expected " + type.name().toLowerCase(java.util.Locale.ROOT) + ", got " + v.getNodeType());
            }
        });
    }

    private static boolean matches(JsonNode v, Type t) {
        return switch (t) {
            case STRING -> v.isTextual();
            case NUMBER -> v.isNumber();
            case INTEGER -> v.isIntegralNumber();
            case BOOLEAN -> v.isBoolean();
            case OBJECT -> v.isObject();
            case ARRAY -> v.isArray();
        };
    }
}
