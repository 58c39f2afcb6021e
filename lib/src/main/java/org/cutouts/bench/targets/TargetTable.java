package org.cutouts.bench.targets;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cutouts.bench.BenchmarkResults;
import org.cutouts.bench.ResultSet;
import org.cutouts.bench.ResultColumns;
import org.cutouts.bench.ResultRecords;
import org.cutouts.bench.TargetRow;
import tech.tablesaw.api.Table;

/**
 * The {@code targets} rows of a run ({@link TargetRow}), collected while it measures, and read back
 * from its results.
 */
public final class TargetTable {
    private final List<TargetRow> rows = new ArrayList<>();
    private final PrintStream log;

    TargetTable(PrintStream log) {
        this.log = log;
    }

    /** Adds one target row (and logs it). */
    void add(String name, double measured, double goal, String unit, String comparison, String method) {
        TargetRow row = TargetRow.judged(name, measured, goal, unit, comparison, method);
        rows.add(row);
        log.printf(Locale.ROOT, "TARGET %-55s measured %8.3f goal %s %s %s -> %s%n", name, measured, comparison,
                Double.isFinite(goal) ? String.format(Locale.ROOT, "%.3f", goal) : "-", unit, row.status());
    }

    /** Appends the rows to the run's {@code targets} section. */
    void addTo(ResultSet results) {
        rows.forEach(r -> results.add("targets", r));
    }

    /** The targets of a run, typed. */
    public static List<TargetRow> rows(BenchmarkResults r) {
        List<TargetRow> out = new ArrayList<>();
        r.json().path("sections").path("targets").forEach(n -> out.add(ResultRecords.fromJson(n, TargetRow.class)));
        return out;
    }

    /** The targets of a run as a table: every column but the comparison and the method. */
    public static Table of(BenchmarkResults r) {
        List<String> shown = new ArrayList<>(ResultRecords.columns(TargetRow.class));
        shown.removeAll(List.of(TargetRow.COMPARISON, ResultColumns.METHOD));
        return r.table("targets").selectColumns(shown.toArray(String[]::new));
    }

    /** How many targets of a run have {@code status} (pass, short, info, not measured). */
    public static long count(BenchmarkResults r, String status) {
        return rows(r).stream().filter(t -> status.equals(t.status())).count();
    }
}
