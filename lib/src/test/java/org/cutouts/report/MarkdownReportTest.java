package org.cutouts.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MarkdownReportTest {
    @Test
    void aPathUnderTheCheckoutIsWrittenRelativeSoTheReportNamesNoBuildMachine() {
        String inside = Path.of("").toAbsolutePath().resolve("data").resolve("bench").toString();
        assertEquals("data/bench", MarkdownReport.withinCheckout(inside));
        assertEquals("/elsewhere/data", MarkdownReport.withinCheckout("/elsewhere/data"), "outside the checkout: as it is");
        assertEquals("ext4 (/dev/vda)", MarkdownReport.withinCheckout("ext4 (/dev/vda)"), "not a path: as it is");
    }
}
