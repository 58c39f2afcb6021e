package org.cutouts.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepLogTest {

    @Test
    void theLogGoesToAFileAndThePageGetsOneLine(@TempDir Path root) throws Exception {
        var cfg = WorkbookConfig.fromMap(Map.of(WorkbookConfig.ROOT, root.toString(), WorkbookConfig.NOTEBOOK, "05-benchmark"));
        String line;
        try (var log = StepLog.open(cfg, "benchmark")) {
            log.out().println("[   0.1 s] writing individual .npy files");
            log.out().print("[   7.2 s]   7.08 s\nlast line\n");
            line = log.summary("412 result rows");
        }
        Path file = root.resolve("build/workbook/logs/05-benchmark.benchmark.log");
        assertEquals(List.of("[   0.1 s] writing individual .npy files", "[   7.2 s]   7.08 s", "last line"), Files.readAllLines(file));
        assertTrue(line.matches("benchmark: 412 result rows in \\d+ s; its log \\(3 lines\\) is build/workbook/logs/05-benchmark.benchmark.log"), line);
    }
}
