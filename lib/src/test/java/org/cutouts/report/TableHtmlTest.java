package org.cutouts.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class TableHtmlTest {

    @Test
    void escapesHeadersCellsAndCaption() {
        Table t = Table.create("<t>", StringColumn.create("a<b", "x&y", "<script>alert(1)</script>", "\"q'"));
        String html = TableHtml.of(t).caption("c <&> d").render();
        assertTrue(html.contains("<caption>c &lt;&amp;&gt; d</caption>"), html);
        assertTrue(html.contains("<th>a&lt;b</th>"), html);
        assertTrue(html.contains("<td>x&amp;y</td>"), html);
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), html);
        assertTrue(html.contains("&quot;q&#39;"), html);
        assertFalse(html.contains("<script>"), html);
    }

    @Test
    void numbersAreRightAlignedAndFormatted() {
        Table t = Table.create("n",
                IntColumn.create("i", new int[] {1234567}),
                DoubleColumn.create("d", 12345.678));
        String html = TableHtml.of(t).render();
        assertTrue(html.contains("<td class=\"num\">1,234,567</td>"), html);
        assertTrue(html.contains("<td class=\"num\">12,346</td>"), html);
        assertTrue(html.contains("<th class=\"num\">d</th>"), html);
        // four significant figures at most, whatever the decimals asked for
        assertTrue(TableHtml.of(t).decimals(2).render().contains("<td class=\"num\">12,346</td>"));
    }

    @Test
    void missingValuesAreEmptyCells() {
        DoubleColumn d = DoubleColumn.create("d", 1.0);
        d.appendMissing();
        String html = TableHtml.of(Table.create("m", d)).render();
        assertTrue(html.contains("<td class=\"num missing\"></td>"), html);
    }

    @Test
    void longTablesAreCutWithANote() {
        int[] v = new int[120];
        Table t = Table.create("long", IntColumn.create("v", v));
        String html = TableHtml.of(t).maxRows(10).render();
        assertEquals(10, html.split("<td class=\"num\">", -1).length - 1);
        assertTrue(html.contains("110 more rows (120 in all)"), html);
        assertEquals(120, TableHtml.of(t).maxRows(0).render().split("<td class=\"num\">", -1).length - 1);
    }

    @Test
    void emptyTableSaysSo() {
        assertTrue(TableHtml.of(Table.create("e", IntColumn.create("v"))).render().contains("no rows"));
    }

    @Test
    void headersAreHumanWithUnits() {
        Table t = Table.create("h", StringColumn.create("strategy", "a", "b"), DoubleColumn.create("p50Us", 1.5, 2.5),
                DoubleColumn.create("mbPerSecMedian", 1.5, 2.5), DoubleColumn.create("samples_per_s", 1.5, 2.5),
                DoubleColumn.create("Min [sigma]", 1.5, 2.5));
        String html = TableHtml.of(t).render();
        assertTrue(html.contains("<th>strategy</th><th class=\"num\">p50 (µs)</th><th class=\"num\">MB/s (median)</th>"
                + "<th class=\"num\">samples/s (median)</th><th class=\"num\">sigma (min)</th>"), html);
    }

    @Test
    void aColumnTheSameInEveryRowMovesToTheCaption() {
        Table t = Table.create("c", StringColumn.create("strategy", "a", "b", "c"), DoubleColumn.create("rate", 10.5, 20.5, 30.5),
                StringColumn.create("method", "the same long sentence", "the same long sentence", "the same long sentence"),
                StringColumn.create("status", "ok", "ok", "ok"));
        String html = TableHtml.of(t).caption("Rates").render();
        assertTrue(html.contains("<caption>Rates<br><span class=\"same\">In every row: method: the same long sentence · status: ok.</span></caption>"), html);
        assertFalse(html.contains("<th>method</th>"), html);
        assertEquals(1, html.split("the same long sentence", -1).length - 1, html);
    }

    @Test
    void aWideTableIsCutIntoTablesThatRepeatTheRowNames() {
        Table t = Table.create("w", StringColumn.create("strategy", "individual .npy files", "HDF5"));
        for (int i = 0; i < 16; i++) {
            t.addColumns(DoubleColumn.create("a rather long column name " + i, 1234567.5 + i, 7654321.5 + i));
        }
        String html = TableHtml.of(t).caption("Wide").render();
        int tables = html.split("<table ", -1).length - 1;
        assertTrue(tables >= 2, html);
        assertTrue(html.contains("<caption>Wide (1 of " + tables + ")</caption>"), html);
        assertEquals(tables, html.split("<th>strategy</th>", -1).length - 1, html);
        assertEquals(16, html.split("<th class=\"num\">a rather long", -1).length - 1, html);
    }

    @Test
    void textIsLeftAlignedNumbersRight() {
        assertTrue(TableHtml.STYLE.contains("table.cutouts-table.cutouts-table td.num{text-align:right"));
        assertTrue(TableHtml.STYLE.contains("th,table.cutouts-table.cutouts-table td{border:1px solid #ccc;padding:3px 8px;text-align:left"));
    }

    @Test
    void strategyCellsShowTheStrategysOneLabelWhateverNameTheRowsCarry() {
        Table t = Table.create("s", tech.tablesaw.api.StringColumn.create("strategy", "MEMORY_MAPPED_TILED", "mmap-tiled", "ALL", ""),
                tech.tablesaw.api.StringColumn.create("note", "MEMORY_MAPPED_TILED", "b", "c", "d"));
        String html = TableHtml.of(t).render();
        assertEquals(2, html.split("<td>memory-mapped tiles</td>", -1).length - 1, html);
        assertTrue(html.contains("<td>ALL</td>"), "a name no strategy has stays as it is");
        assertTrue(html.contains("<td>MEMORY_MAPPED_TILED</td>"), "other columns are left alone");
    }

    @Test
    void settingKeysReadAsWordsAndNamesWrittenForPeopleStay() {
        Table t = Table.create("spec", tech.tablesaw.api.StringColumn.create("setting", "mosaicWidth", "latencyReads", "quick mode"),
                tech.tablesaw.api.StringColumn.create("value", "5000", "2000", "false"));
        String html = TableHtml.of(t).render();
        assertTrue(html.contains("<td>mosaic width</td>"), html);
        assertTrue(html.contains("<td>latency reads</td>"), html);
        assertTrue(html.contains("<td>quick mode</td>"), html);
    }
}
