package org.cutouts.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.traces.ScatterTrace;

/** Where plotly.js goes: the exported page (cell outputs stay small) or the first chart of a session. */
class PlotlyPlacementTest {

    private static Figure figure() {
        return new Figure(Layout.builder().title("t").build(), ScatterTrace.builder(new double[] {1, 2}, new double[] {3, 4}).build());
    }

    @Test
    void placementIsPageOrCellAndNothingElse() {
        assertTrue(PlotlyJs.pageLoadsLibrary("page"));
        assertTrue(PlotlyJs.pageLoadsLibrary(" PAGE "));
        assertFalse(PlotlyJs.pageLoadsLibrary("cell"));
        assertFalse(PlotlyJs.pageLoadsLibrary(null));
        assertFalse(PlotlyJs.pageLoadsLibrary(""));
        var e = assertThrows(IllegalArgumentException.class, () -> PlotlyJs.pageLoadsLibrary("cdn"));
        assertTrue(e.getMessage().startsWith(PlotlyJs.PLACEMENT_ENV), e.getMessage());
    }

    @Test
    void aChartFragmentCarriesNoLibraryAndSaysSoWherePlotlyIsMissing() {
        String id = PlotlyJs.newDivId();
        String html = PlotlyJs.chartFragment(figure(), id, "c");
        assertFalse(html.contains("data-cutouts=\"plotly.js\""), "the fragment must not inline the library");
        assertTrue(html.length() < 5_000, "a small chart's fragment is small: " + html.length());
        assertTrue(html.contains("if (typeof window.Plotly !== 'undefined') Plotly.newPlot(target_" + id + ", data, layout);"), html);
        assertTrue(html.contains("else { target_" + id + ".textContent = '" + PlotlyJs.NOT_LOADED + "'; }"), html);
    }

    @Test
    void aScriptOfAnotherShapeIsLeftAsItIs() {
        assertEquals("<script>draw();</script>", PlotlyJs.guarded("<script>draw();</script>", "x"));
    }
}
