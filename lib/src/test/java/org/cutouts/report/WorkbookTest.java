package org.cutouts.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.traces.ScatterTrace;

class WorkbookTest {

    static Figure figure() {
        return new Figure(Layout.builder().title("t").build(),
                ScatterTrace.builder(new double[] {1, 2, 3}, new double[] {3, 1, 2}).build());
    }

    static Workbook workbook(Path build, String notebook) {
        return Workbook.start(WorkbookConfig.fromMap(Map.of(
                WorkbookConfig.ROOT, build.toString(), WorkbookConfig.BUILD_DIR, build.toString(),
                WorkbookConfig.NOTEBOOK, notebook)));
    }

    @Test
    void figureFilesAreNamedAfterNotebookAndName(@TempDir Path dir) {
        assertEquals(dir.resolve("figures/02-bench-read-latency.png"), workbook(dir, "02-bench").figureFile("Read latency"));
        assertEquals(dir.resolve("figures/x.png"), workbook(dir, "").figureFile("x"));
        assertThrows(IllegalArgumentException.class, () -> workbook(dir, "").figureFile("  !! "));
    }

    @Test
    void imageShowSavesThePngAndPrintsANoteOutsideAKernel(@TempDir Path dir) {
        var wb = workbook(dir, "01-t");
        wb.image("stamp", Images.asinh(ImagesTest.noiseWithSource(8, 8, 1))).caption("c").show();
        assertTrue(Files.isRegularFile(dir.resolve("figures/01-t-stamp.png")));
        assertFalse(KernelDisplay.available());
    }

    @Test
    void chartFragmentUsesAValidIdentifierAndNamesTheChart() {
        String id = PlotlyJs.newDivId();
        assertTrue(id.matches("[A-Za-z_][A-Za-z0-9_]*"), id);
        String html = PlotlyJs.chartFragment(figure(), id, "a<b");
        assertTrue(html.contains("<div class=\"cutouts-chart\" id=\"" + id + "\" data-chart=\"a&lt;b\"></div>"), html);
        assertTrue(html.contains("Plotly.newPlot"), html);
        assertTrue(html.contains("document.getElementById('" + id + "')"), html);
    }

    @Test
    void plotlyIsInlinedSafelyAndOnlyOncePerSession() {
        String tag = PlotlyJs.scriptTag("var a = '</script>'; self.Plotly = {};");
        assertFalse(tag.substring(tag.indexOf('\n')).replace("\n</script>", "").contains("</script"), tag);
        assertTrue(tag.contains("<\\/script>"), tag);
        assertTrue(tag.contains("if (typeof window.Plotly === 'undefined')"), tag);
        // the placement is passed, not read from the environment: environment/workbook exports page for its runs
        PlotlyJs.forgetLoaded();
        assertTrue(PlotlyJs.needsLoading("cell"));
        assertFalse(PlotlyJs.needsLoading("cell"));
        PlotlyJs.forgetLoaded();
        assertFalse(PlotlyJs.needsLoading("page"), "a page that loads plotly.js never needs it in a cell");
        assertTrue(PlotlyJs.needsLoading(null));
    }

    @Test
    void namesAreSanitised() {
        assertEquals("read-latency_p50.x", Workbook.sanitize("  Read latency_p50.x "));
        assertEquals("a-b", Workbook.sanitize("a / b"));
        assertEquals("x", Workbook.sanitize("../x"));
    }
}
