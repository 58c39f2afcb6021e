package org.cutouts.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PendingChartsTest {
    @TempDir
    Path figures;

    @Test
    void queuedChartsAreRenderedInOneBrowserStartAndTheirPendingFilesRemoved() throws Exception {
        Chromium chromium = ChromiumTest.chromiumWithPlotly();
        PendingCharts.enqueue(WorkbookTest.figure(), 1.0, figures.resolve("05-benchmark-latency.png"));
        PendingCharts.enqueue(WorkbookTest.figure(), 0.5, figures.resolve("05-benchmark-memory.png"));
        assertEquals(2, PendingCharts.pending(figures).size());

        List<Path> written = PendingCharts.renderAll(figures, chromium);

        assertEquals(List.of(figures.resolve("05-benchmark-latency.png"), figures.resolve("05-benchmark-memory.png")), written);
        BufferedImage full = ImageIO.read(written.get(0).toFile());
        BufferedImage half = ImageIO.read(written.get(1).toFile());
        assertEquals(700, full.getWidth());
        assertEquals(450, full.getHeight());
        // each chart keeps its own scale
        assertEquals(350, half.getWidth());
        assertTrue(PendingCharts.pending(figures).isEmpty());
    }

    @Test
    void aFileThisLibraryDidNotQueueIsRefusedByNameAndNothingIsRemoved() throws Exception {
        Path ours = PendingCharts.enqueue(WorkbookTest.figure(), 1.0, figures.resolve("a.png"));
        Path foreign = PendingCharts.dir(figures).resolve("notes.chart.html");
        Files.writeString(foreign, "<p>someone's page</p>\n");

        var e = assertThrows(IllegalArgumentException.class, () -> PendingCharts.renderAll(figures, null));

        assertTrue(e.getMessage().contains(foreign.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("not a pending chart"), e.getMessage());
        assertTrue(Files.exists(ours));
        assertTrue(Files.exists(foreign));
        assertFalse(Files.exists(figures.resolve("a.png")));
    }

    @Test
    void aPendingChartWithABadScaleIsNamed() throws Exception {
        Path ours = PendingCharts.enqueue(WorkbookTest.figure(), 1.0, figures.resolve("a.png"));
        Files.writeString(ours, Files.readString(ours).replaceFirst("scale=1.0", "scale=12"));

        var e = assertThrows(IllegalArgumentException.class, () -> PendingCharts.renderAll(figures, null));

        assertTrue(e.getMessage().startsWith(ours.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("scale must be in (0, 8], got 12.0"), e.getMessage());
    }

    @Test
    void theEnvironmentVariableChoosesWhenPngsAreRendered() {
        assertEquals(Workbook.PngMode.NOW, Workbook.PngMode.of(null));
        assertEquals(Workbook.PngMode.NOW, Workbook.PngMode.of("1"));
        assertEquals(Workbook.PngMode.OFF, Workbook.PngMode.of("off"));
        assertEquals(Workbook.PngMode.BATCH, Workbook.PngMode.of(" Batch "));
        var e = assertThrows(IllegalArgumentException.class, () -> Workbook.PngMode.of("later"));
        assertEquals("CUTOUTS_CHART_PNG must be 1, 0 or batch, got 'later'", e.getMessage());
    }

    @Test
    void nothingPendingRendersNothing() {
        assertEquals(List.of(), PendingCharts.renderAll(figures, null));
    }
}
