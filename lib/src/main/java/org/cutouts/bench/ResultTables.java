package org.cutouts.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The one place result rows become a Tablesaw table: a column per field, in first-seen order, typed
 * by its values (boolean, int, long, double, else text), missing where a row has no value.
 */
final class ResultTables {
    private ResultTables() {
    }

    /** The rows as a table called {@code name}. */
    static Table toTable(String name, List<Map<String, Object>> rows) {
        List<String> keys = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            for (String k : r.keySet()) {
                if (!keys.contains(k)) {
                    keys.add(k);
                }
            }
        }
        Table t = Table.create(name);
        for (String k : keys) {
            t.addColumns(column(k, rows));
        }
        return t;
    }

    private static Column<?> column(String key, List<Map<String, Object>> rows) {
        boolean allBool = true;
        boolean allNum = true;
        boolean allInt = true;
        boolean allLong = true;
        boolean any = false;
        for (Map<String, Object> r : rows) {
            Object v = r.get(key);
            if (v == null) {
                continue;
            }
            any = true;
            allBool &= v instanceof Boolean;
            allNum &= v instanceof Number;
            allLong &= v instanceof Long || v instanceof Integer;
            allInt &= (v instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) || v instanceof Integer;
        }
        if (!any) {
            allBool = false;
            allNum = false;
        }
        if (allBool) {
            return fill(BooleanColumn.create(key), key, rows, (c, v) -> c.append((Boolean) v));
        }
        if (allNum && allInt) {
            return fill(IntColumn.create(key), key, rows, (c, v) -> c.append(((Number) v).intValue()));
        }
        if (allNum && allLong) {
            return fill(LongColumn.create(key), key, rows, (c, v) -> c.append(((Number) v).longValue()));
        }
        if (allNum) {
            return fill(DoubleColumn.create(key), key, rows, (c, v) -> c.append(((Number) v).doubleValue()));
        }
        return fill(StringColumn.create(key), key, rows, (c, v) -> c.append(v.toString()));
    }

    /** Appends each row's value of {@code key} to {@code c}, missing where the row has none. */
    private static <C extends Column<?>> C fill(C c, String key, List<Map<String, Object>> rows, BiConsumer<C, Object> append) {
        for (Map<String, Object> r : rows) {
            Object v = r.get(key);
            if (v == null) {
                c.appendMissing();
            } else {
                append.accept(c, v);
            }
        }
        return c;
    }
}
