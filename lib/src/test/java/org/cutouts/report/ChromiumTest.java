package org.cutouts.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Renders a real chart to PNG; skipped where Chromium or build/vendor/plotly.min.js is missing. */
class ChromiumTest {

    /** Chromium, or the test is skipped where it or build/vendor/plotly.min.js is missing. */
    static Chromium chromiumWithPlotly() {
        var chromium = Chromium.find();
        assumeTrue(chromium.isPresent(), "no chromium on this machine");
        Path plotly = System.getenv(PlotlyJs.ENV) != null ? Path.of(System.getenv(PlotlyJs.ENV))
                : WorkbookConfig.fromEnvironment().root().resolve(PlotlyJs.DEFAULT_LOCATION);
        assumeTrue(Files.isRegularFile(plotly), "no plotly.min.js (run environment/workbook setup)");
        return chromium.get();
    }

    @Test
    void rendersATablesawFigureToPng() throws Exception {
        byte[] png = chromiumWithPlotly().renderPng(WorkbookTest.figure(), 1.0);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        // plotly's default size when the layout sets none
        assertEquals(700, img.getWidth());
        assertEquals(450, img.getHeight());
    }
}
