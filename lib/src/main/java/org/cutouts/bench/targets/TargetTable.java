package org.cutouts.bench.targets;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cutouts.bench.BenchmarkResults;
import org.cutouts.bench.ResultSet;
import org.cutouts.bench.Row;
import tech.tablesaw.api.Table;

/**
 * The {@code targets} rows of a run: each target's name, the measured value, the goal, the unit, how
 * they compare ({@code >=}, {@code <=} or {@code info}) and the status: pass, short, info or "not
 * measured" when the value is not finite.
 */
public final class TargetTable {
    private final List<Row> rows = new ArrayList<>();
    private final PrintStream log;

    TargetTable(PrintStream log) {
        this.log = log;
    }

    /** The status of a measured value against its goal. */
    static String status(double measured, double goal, String comparison) {
        if (!Double.isFinite(measured)) {
            return "not measured";
        }
        if (comparison.equals("info")) {
            return "info";
        }
        boolean pass = comparison.equals(">=") ? measured >= goal : measured <= goal;
        return pass ? "pass" : "short";
    }

    /** Adds one target row (and logs it). */
    void add(String name, double measured, double goal, String unit, String comparison, String method) {
        String status = status(measured, goal, comparison);
        rows.add(new Row().put("name", name).put("measured", measured).put("goal", goal).put("unit", unit)
                .put("comparison", comparison).put("status", status).put("method", method));
        log.printf(Locale.ROOT, "TARGET %-55s measured %8.3f goal %s %s %s -> %s%n", name, measured, comparison,
                Double.isFinite(goal) ? String.format(Locale.ROOT, "%.3f", goal) : "-", unit, status);
    }

    /** Appends the rows to the run's {@code targets} section. */
    void addTo(ResultSet results) {
        rows.forEach(r -> results.add("targets", r));
    }

    /** The targets of a run as a table: name, measured, goal, unit, status. */
    public static Table of(BenchmarkResults r) {
        return r.table("targets").selectColumns("name", "measured", "goal", "unit", "status");
    }

    /** How many targets of a run have {@code status} (pass, short, info, not measured). */
    public static long count(BenchmarkResults r, String status) {
        return r.rows("targets").stream().filter(row -> status.equals(row.get("status"))).count();
    }
}
