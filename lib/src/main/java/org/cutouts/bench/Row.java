package org.cutouts.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One flat result row: column name to a String, Number or Boolean, in insertion order. Non-finite
 * doubles become null (JSON has no NaN), so a missing measurement is a missing value, not a string.
 */
public final class Row {
    private final LinkedHashMap<String, Object> values = new LinkedHashMap<>();

    /** A row of a record's components, in declaration order (the machine description, for one). */
    public static Row of(Record record) {
        Row r = new Row();
        for (var c : record.getClass().getRecordComponents()) {
            try {
                r.put(c.getName(), c.getAccessor().invoke(record));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + c.getName() + " of " + record, e);
            }
        }
        return r;
    }

    public Row put(String key, Object value) {
        if (value instanceof Double d && !Double.isFinite(d)) {
            value = null;
        } else if (value instanceof Float f && !Float.isFinite(f)) {
            value = null;
        } else if (value instanceof Enum<?> e) {
            value = e.name().toLowerCase(java.util.Locale.ROOT);
        } else if (value != null && !(value instanceof String || value instanceof Number || value instanceof Boolean)) {
            value = value.toString();
        }
        values.put(key, value);
        return this;
    }

    public Row putAll(Row other) {
        other.values.forEach(this::put);
        return this;
    }

    public Object get(String key) {
        return values.get(key);
    }

    public double number(String key) {
        Object v = values.get(key);
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    public String text(String key) {
        Object v = values.get(key);
        return v == null ? null : v.toString();
    }

    public Map<String, Object> asMap() {
        return values;
    }

    public Row copy() {
        Row r = new Row();
        r.values.putAll(values);
        return r;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
