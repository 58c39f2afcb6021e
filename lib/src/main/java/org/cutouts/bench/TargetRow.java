package org.cutouts.bench;

/**
 * One {@code targets} row: the target's name, the measured value, the goal, the unit, how they
 * compare ({@code >=}, {@code <=} or {@code info}), the status (pass, short, info, not measured) and
 * how the value was measured.
 */
public record TargetRow(String name, Double measured, Double goal, String unit, String comparison, String status, String method) {
    /** How the measured value compares with the goal. */
    public static final String COMPARISON = "comparison";

    /** Columns every row has (the unit and the comparison may be absent). */
    public static java.util.List<String> requiredColumns() {
        return ResultRecords.columnsExcept(TargetRow.class, java.util.List.of("unit", COMPARISON));
    }

    /** A target judged against its goal; a value that is not finite is "not measured". */
    public static TargetRow judged(String name, double measured, double goal, String unit, String comparison, String method) {
        return new TargetRow(name, measured, goal, unit, comparison, status(measured, goal, comparison), method);
    }

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
}
