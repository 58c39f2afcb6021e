package org.cutouts.report;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import tech.tablesaw.api.Table;

/**
 * A table of checks shown as one line when they all pass ("12 of 12 checks pass"), with a table of only
 * the rows that did not: a page should not spend sixty rows saying "ok".
 *
 * <pre>{@code CheckSummary.of(results.validation(), "status", "pass").what("internal consistency checks").show()}</pre>
 */
public final class CheckSummary {
    private final Table table;
    private final String statusColumn;
    private final Set<String> passing;
    private final String what;

    private CheckSummary(Table table, String statusColumn, Set<String> passing, String what) {
        this.table = Objects.requireNonNull(table, "table");
        this.statusColumn = Objects.requireNonNull(statusColumn, "statusColumn");
        this.passing = Set.copyOf(passing);
        this.what = what;
        if (!table.columnNames().contains(statusColumn)) {
            throw new IllegalArgumentException("table '" + table.name() + "' has no column '" + statusColumn + "'");
        }
    }

    /** The checks of {@code table}; a row passes when its {@code statusColumn} is one of {@code passing}. */
    public static CheckSummary of(Table table, String statusColumn, String... passing) {
        return new CheckSummary(table, statusColumn, Set.of(passing), "checks");
    }

    /** What the rows are, for the line: "12 of 12 <what> pass". */
    public CheckSummary what(String noun) {
        return new CheckSummary(table, statusColumn, passing, noun);
    }

    /** The rows that did not pass. */
    public Table failures() {
        return table.where(table.stringColumn(statusColumn).isNotIn(passing));
    }

    /** The one line. */
    public String line() {
        int all = table.rowCount();
        int bad = failures().rowCount();
        String verb = String.join(" or ", passing.stream().sorted().toList());
        return String.format(Locale.ROOT, "%,d of %,d %s %s", all - bad, all, what, verb)
                + (bad == 0 ? "." : String.format(Locale.ROOT, "; %,d did not:", bad));
    }

    /** The line, and a table of the rows that did not pass when there are any. */
    public Html html() {
        Html line = Html.paragraph(line());
        return failures().rowCount() == 0 ? line : line.then(TableHtml.of(failures()).caption(null).maxRows(0).html());
    }

    /** Displays it in the current cell's output. */
    public void show() {
        html().show();
    }
}
