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
        assertTrue(TableHtml.of(t).decimals(2).render().contains("<td class=\"num\">12,345.68</td>"));
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
    void fourSignificantDigits() {
        assertEquals("12.35", TableHtml.formatDouble(12.3456, -1));
        assertEquals("0.001235", TableHtml.formatDouble(0.00123456, -1));
        assertEquals("1.235e-05", TableHtml.formatDouble(0.0000123456, -1));
        assertEquals("1,234,568", TableHtml.formatDouble(1234567.8, -1));
        assertEquals("0", TableHtml.formatDouble(0.0, -1));
        assertEquals("-2.000", TableHtml.formatDouble(-2.0, -1));
        assertEquals("NaN", TableHtml.formatDouble(Double.NaN, -1));
    }
}
