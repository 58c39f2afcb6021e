package org.cutouts.report;

import java.util.Locale;
import java.util.Objects;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Renders a Tablesaw {@link Table} as an HTML {@code <table>} (Tablesaw's core has no HTML writer).
 * Every header, cell and caption is escaped; numeric columns are right-aligned; floating-point
 * values get four significant digits unless {@link #decimals(int)} fixes the decimals; missing values
 * are shown as an empty, grey cell. Immutable: each setter returns a new renderer.
 *
 * <pre>{@code TableHtml.of(table).caption("Read latency").maxRows(20).render()}</pre>
 */
public final class TableHtml {
    /** Shared style, scoped to the class {@code cutouts-table}. */
    static final String STYLE = "<style>"
            + "table.cutouts-table{border-collapse:collapse;margin:0.4em 0;font-size:13px;font-family:system-ui,sans-serif}"
            + "table.cutouts-table caption{caption-side:top;text-align:left;font-weight:600;padding:0.2em 0}"
            + "table.cutouts-table th,table.cutouts-table td{border:1px solid #ccc;padding:3px 8px;text-align:left}"
            + "table.cutouts-table th{background:#f3f3f3}"
            + "table.cutouts-table td.num{text-align:right;font-variant-numeric:tabular-nums}"
            + "table.cutouts-table td.missing{background:#fafafa}"
            + "table.cutouts-table tr.more td{color:#777;font-style:italic;text-align:center}"
            + "</style>";

    private final Table table;
    private final String caption;
    private final int maxRows;
    private final int decimals;

    private TableHtml(Table table, String caption, int maxRows, int decimals) {
        this.table = Objects.requireNonNull(table, "table");
        this.caption = caption;
        this.maxRows = maxRows;
        this.decimals = decimals;
    }

    /** A renderer with the table's name as caption (none if the name is blank), at most 50 rows. */
    public static TableHtml of(Table table) {
        String name = table.name();
        return new TableHtml(table, name == null || name.isBlank() ? null : name, 50, -1);
    }

    /** The caption above the table; null or blank for none. */
    public TableHtml caption(String text) {
        return new TableHtml(table, text == null || text.isBlank() ? null : text, maxRows, decimals);
    }

    /** Rows shown at most (a note says how many were left out); 0 for all. */
    public TableHtml maxRows(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("maxRows must be >= 0, got " + n);
        }
        return new TableHtml(table, caption, n, decimals);
    }

    /** Fixed decimals for floating-point columns; -1 (the default) for four significant digits. */
    public TableHtml decimals(int n) {
        if (n < -1 || n > 12) {
            throw new IllegalArgumentException("decimals must be between -1 and 12, got " + n);
        }
        return new TableHtml(table, caption, maxRows, n);
    }

    /** The {@code <table>} element, preceded by its style block. */
    public String render() {
        int rows = table.rowCount();
        int shown = maxRows == 0 ? rows : Math.min(rows, maxRows);
        StringBuilder sb = new StringBuilder(256 + 40 * Math.max(1, shown) * Math.max(1, table.columnCount()));
        sb.append(STYLE).append("\n<table class=\"cutouts-table\">");
        if (caption != null) {
            sb.append("<caption>").append(Html.escape(caption)).append("</caption>");
        }
        sb.append("\n<thead><tr>");
        for (Column<?> c : table.columns()) {
            sb.append("<th>").append(Html.escape(c.name())).append("</th>");
        }
        sb.append("</tr></thead>\n<tbody>\n");
        for (int r = 0; r < shown; r++) {
            sb.append("<tr>");
            for (Column<?> c : table.columns()) {
                boolean numeric = isNumeric(c.type());
                if (c.isMissing(r)) {
                    sb.append(numeric ? "<td class=\"num missing\"></td>" : "<td class=\"missing\"></td>");
                    continue;
                }
                sb.append(numeric ? "<td class=\"num\">" : "<td>").append(Html.escape(format(c, r))).append("</td>");
            }
            sb.append("</tr>\n");
        }
        if (shown < rows) {
            sb.append("<tr class=\"more\"><td colspan=\"").append(Math.max(1, table.columnCount())).append("\">")
                    .append(rows - shown).append(" more rows (").append(rows).append(" in all)</td></tr>\n");
        }
        if (rows == 0) {
            sb.append("<tr class=\"more\"><td colspan=\"").append(Math.max(1, table.columnCount()))
                    .append("\">no rows</td></tr>\n");
        }
        sb.append("</tbody></table>");
        return sb.toString();
    }

    public Html html() {
        return new Html(render());
    }

    /** Displays the table in the current cell's output. */
    public void show() {
        html().show();
    }

    @Override
    public String toString() {
        return render();
    }

    private static boolean isNumeric(ColumnType t) {
        return t == ColumnType.DOUBLE || t == ColumnType.FLOAT || t == ColumnType.INTEGER
                || t == ColumnType.LONG || t == ColumnType.SHORT;
    }

    private String format(Column<?> c, int r) {
        ColumnType t = c.type();
        if (t == ColumnType.DOUBLE || t == ColumnType.FLOAT) {
            Object v = c.get(r);
            return formatDouble(((Number) v).doubleValue(), decimals);
        }
        if (t == ColumnType.INTEGER || t == ColumnType.LONG || t == ColumnType.SHORT) {
            return String.format(Locale.ROOT, "%,d", ((Number) c.get(r)).longValue());
        }
        return c.getString(r);
    }

    /**
     * Four significant digits with thousands separators ({@code 12,346}, {@code 12.35}, {@code 0.001235}, {@code 2.000}),
     * scientific below 1e-4; or exactly {@code decimals} decimals when that is 0 or more.
     */
    static String formatDouble(double v, int decimals) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "-∞";
        }
        if (decimals >= 0) {
            return String.format(Locale.ROOT, "%,." + decimals + "f", v);
        }
        double a = Math.abs(v);
        if (a == 0) {
            return "0";
        }
        if (a < 1e-4) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        int magnitude = (int) Math.floor(Math.log10(a));
        int d = Math.max(0, Math.min(8, 3 - magnitude));
        return String.format(Locale.ROOT, "%,." + d + "f", v);
    }
}
