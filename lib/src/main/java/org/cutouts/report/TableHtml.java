package org.cutouts.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.cutouts.report.chart.StrategyStyle;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Renders a Tablesaw {@link Table} as an HTML {@code <table>} (Tablesaw's core has no HTML writer).
 * Every header, cell and caption is escaped; headers are the page names {@link ColumnHeaders} gives;
 * numeric columns are right-aligned and written as {@link CellFormat} says (three significant figures
 * unless {@link #decimals(int)} asks for more); text columns are left-aligned and wrap; missing values
 * are shown as an empty, grey cell. Immutable: each setter returns a new renderer.
 *
 * <pre>{@code TableHtml.of(table).caption("Read latency").maxRows(20).render()}</pre>
 */
public final class TableHtml {
    /**
     * Shared style, scoped to the class {@code cutouts-table}, named twice: JupyterLab right-aligns every
     * cell with {@code :not(.jp-RenderedMarkdown).jp-RenderedHTMLCommon td} (two classes), which one class would not outweigh.
     */
    static final String STYLE = "<style>"
            + "table.cutouts-table.cutouts-table{border-collapse:collapse;margin:0.4em 0;font-size:13px;font-family:system-ui,sans-serif}"
            + "table.cutouts-table.cutouts-table caption{caption-side:top;text-align:left;font-weight:600;padding:0.2em 0}"
            + "table.cutouts-table.cutouts-table th,table.cutouts-table.cutouts-table td{border:1px solid #ccc;padding:3px 8px;text-align:left;"
            + "vertical-align:top;max-width:" + TableLayout.TEXT_WRAP + "ch;overflow-wrap:break-word}"
            + "table.cutouts-table.cutouts-table caption .same{font-weight:400;color:#444}"
            + "table.cutouts-table.cutouts-table th.num{text-align:right}"
            + "table.cutouts-table.cutouts-table th{background:#f3f3f3}"
            + "table.cutouts-table.cutouts-table td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}"
            + "table.cutouts-table.cutouts-table td.missing{background:#fafafa}"
            + "table.cutouts-table.cutouts-table tr.more td{color:#777;font-style:italic;text-align:center}"
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

    /**
     * At most this many decimals for floating-point columns, and at most four significant figures of a
     * column's typical value; -1 (the default) for three significant figures.
     */
    public TableHtml decimals(int n) {
        if (n < -1 || n > 12) {
            throw new IllegalArgumentException("decimals must be between -1 and 12, got " + n);
        }
        return new TableHtml(table, caption, maxRows, n);
    }

    /**
     * The {@code <table>} element, preceded by its style block: headers named by {@link ColumnHeaders},
     * numbers by {@link CellFormat}, a column that says the same in every row moved to the caption, and a
     * table wider than the page cut into several that repeat the leading text columns ({@link TableLayout}).
     */
    public String render() {
        int rows = table.rowCount();
        int shown = maxRows == 0 ? rows : Math.min(rows, maxRows);
        List<Column<?>> columns = table.columns();
        int n = columns.size();
        String[] headers = new String[n];
        boolean[] numeric = new boolean[n];
        String[][] text = new String[n][];
        for (int c = 0; c < n; c++) {
            Column<?> col = columns.get(c);
            ColumnHeaders.Header h = ColumnHeaders.of(col.name());
            headers[c] = h.label();
            numeric[c] = CellFormat.isNumeric(col.type());
            text[c] = texts(col, numeric[c] ? CellFormat.of(col, h, decimals) : null);
        }
        List<Integer> constant = TableLayout.constantColumns(text);
        List<Integer> kept = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            if (!constant.contains(c)) {
                kept.add(c);
            }
        }
        int[] widths = new int[kept.size()];
        int keys = 0;
        for (int k = 0; k < kept.size(); k++) {
            int c = kept.get(k);
            widths[k] = TableLayout.width(headers[c], java.util.Arrays.copyOf(text[c], shown), numeric[c]);
            keys += keys == k && k < 3 && !numeric[c] ? 1 : 0;
        }
        List<List<Integer>> parts = TableLayout.parts(widths, Math.max(1, keys), TableLayout.BUDGET_PX);
        StringBuilder sb = new StringBuilder(256 + 40 * Math.max(1, shown) * Math.max(1, n));
        sb.append(STYLE);
        for (int p = 0; p < parts.size(); p++) {
            List<Integer> part = new ArrayList<>();
            parts.get(p).forEach(k -> part.add(kept.get(k)));
            String title = caption == null ? null : parts.size() == 1 ? caption : caption + " (" + (p + 1) + " of " + parts.size() + ")";
            appendTable(sb, title, p == 0 ? inEveryRow(constant, headers, text) : "", part, headers, numeric, text, shown, rows);
        }
        return sb.toString();
    }

    private void appendTable(StringBuilder sb, String title, String constants, List<Integer> part, String[] headers,
            boolean[] numeric, String[][] text, int shown, int rows) {
        sb.append("\n<table class=\"cutouts-table\">");
        if (title != null || !constants.isEmpty()) {
            sb.append("<caption>").append(title == null ? "" : Html.escape(title));
            if (!constants.isEmpty()) {
                sb.append(title == null ? "" : "<br>").append("<span class=\"same\">").append(Html.escape(constants)).append("</span>");
            }
            sb.append("</caption>");
        }
        sb.append("\n<thead><tr>");
        for (int c : part) {
            sb.append(numeric[c] ? "<th class=\"num\">" : "<th>").append(Html.escape(headers[c])).append("</th>");
        }
        sb.append("</tr></thead>\n<tbody>\n");
        Column<?>[] cols = table.columns().toArray(new Column<?>[0]);
        for (int r = 0; r < shown; r++) {
            sb.append("<tr>");
            for (int c : part) {
                if (cols[c].isMissing(r)) {
                    sb.append(numeric[c] ? "<td class=\"num missing\"></td>" : "<td class=\"missing\"></td>");
                    continue;
                }
                sb.append(numeric[c] ? "<td class=\"num\">" : "<td>").append(Html.escape(text[c][r])).append("</td>");
            }
            sb.append("</tr>\n");
        }
        int span = Math.max(1, part.size());
        if (shown < rows) {
            sb.append("<tr class=\"more\"><td colspan=\"").append(span).append("\">")
                    .append(rows - shown).append(" more rows (").append(rows).append(" in all)</td></tr>\n");
        }
        if (rows == 0) {
            sb.append("<tr class=\"more\"><td colspan=\"").append(span).append("\">no rows</td></tr>\n");
        }
        sb.append("</tbody></table>");
    }

    /** "In every row: order: random · status: ok." for the columns moved to the caption; empty for none. */
    private static String inEveryRow(List<Integer> constant, String[] headers, String[][] text) {
        if (constant.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("In every row: ");
        for (int i = 0; i < constant.size(); i++) {
            int c = constant.get(i);
            sb.append(i == 0 ? "" : " · ").append(headers[c]).append(": ").append(text[c][0]);
        }
        return sb.append('.').toString();
    }

    /** The column whose cells name a storage strategy: they show the strategy's label. */
    static final String STRATEGY_COLUMN = "strategy";
    /** The key column of a settings table: its cells are field names, shown as words. */
    static final String SETTING_COLUMN = "setting";

    /** Every cell's text (empty for a missing value). */
    private static String[] texts(Column<?> c, CellFormat number) {
        UnaryOperator<String> words = wording(c.name());
        String[] out = new String[c.size()];
        for (int r = 0; r < out.length; r++) {
            out[r] = c.isMissing(r) ? "" : number != null ? number.format(c.get(r)) : words.apply(c.getString(r));
        }
        return out;
    }

    /**
     * How a text column's cells read, by the column's name: a strategy by its one label on every page
     * and chart (not its enum or folder name), a settings table's keys (a run spec) as words by the
     * rule column headers follow, anything else as it is.
     */
    private static UnaryOperator<String> wording(String column) {
        if (STRATEGY_COLUMN.equalsIgnoreCase(column)) {
            return StrategyStyle::label;
        }
        if (SETTING_COLUMN.equalsIgnoreCase(column)) {
            return ColumnHeaders::label;
        }
        return UnaryOperator.identity();
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
}
