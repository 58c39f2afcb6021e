package org.cutouts.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * The one converter between typed result rows and their flat columns: a result record's components
 * are its columns, in declaration order, and a component that is itself a record (a group such as
 * the identity or the read conditions) is flattened into its own components. A null group, a NaN or an
 * absent value is a missing value. Column names therefore live in the records alone.
 */
public final class ResultRecords {
    private ResultRecords() {
    }

    /** The record as one flat row. */
    public static Row toRow(Record record) {
        return toRow(record.getClass(), record);
    }

    /** A record of {@code type}, possibly null (every column missing), as one flat row. */
    public static <R extends Record> Row toRow(Class<? extends R> type, R record) {
        Row row = new Row();
        put(row, type, record);
        return row;
    }

    private static void put(Row row, Class<?> type, Object record) {
        for (RecordComponent c : type.getRecordComponents()) {
            Object v = record == null ? null : value(c, record);
            if (c.getType().isRecord()) {
                put(row, c.getType(), v);
            } else {
                row.put(c.getName(), v);
            }
        }
    }

    private static Object value(RecordComponent c, Object record) {
        try {
            return c.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + c.getName() + " of " + record, e);
        }
    }

    /** The flat column names of a result record, in order. */
    public static List<String> columns(Class<? extends Record> type) {
        List<String> out = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            if (c.getType().isRecord()) {
                out.addAll(columns(c.getType().asSubclass(Record.class)));
            } else {
                out.add(c.getName());
            }
        }
        return out;
    }

    /** The flat column names of a result record without {@code optional} (its required columns, for the schema). */
    public static List<String> columnsExcept(Class<? extends Record> type, java.util.Collection<String> optional) {
        List<String> out = columns(type);
        out.removeAll(optional);
        return out;
    }

    /** The Java type of each flat column of a result record. */
    public static java.util.Map<String, Class<?>> types(Class<? extends Record> type) {
        java.util.Map<String, Class<?>> out = new java.util.LinkedHashMap<>();
        for (RecordComponent c : type.getRecordComponents()) {
            if (c.getType().isRecord()) {
                out.putAll(types(c.getType().asSubclass(Record.class)));
            } else {
                out.put(c.getName(), c.getType());
            }
        }
        return out;
    }

    /** A record of {@code type} from one flat JSON row; a group whose columns are all missing is null. */
    public static <R extends Record> R fromJson(JsonNode row, Class<R> type) {
        RecordComponent[] cs = type.getRecordComponents();
        Object[] args = new Object[cs.length];
        Class<?>[] types = new Class<?>[cs.length];
        boolean any = false;
        for (int i = 0; i < cs.length; i++) {
            types[i] = cs[i].getType();
            args[i] = types[i].isRecord() ? fromJson(row, types[i].asSubclass(Record.class)) : scalar(row.get(cs[i].getName()), types[i]);
            any |= args[i] != null;
        }
        if (!any) {
            return null;
        }
        try {
            Constructor<R> k = type.getDeclaredConstructor(types);
            k.setAccessible(true);
            return k.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getSimpleName() + " from " + row, e);
        }
    }

    private static Object scalar(JsonNode v, Class<?> t) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            if (t.isPrimitive()) {
                throw new IllegalArgumentException("a primitive result column is missing");
            }
            return null;
        }
        if (t == String.class) {
            return v.asText();
        } else if (t == Integer.class || t == int.class) {
            return v.asInt();
        } else if (t == Long.class || t == long.class) {
            return v.asLong();
        } else if (t == Double.class || t == double.class) {
            return v.asDouble();
        } else if (t == Boolean.class || t == boolean.class) {
            return v.asBoolean();
        }
        throw new IllegalArgumentException("result columns are String, Integer, Long, Double or Boolean, not " + t.getSimpleName());
    }
}
