package org.cutouts.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cutouts.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {
    @TempDir
    Path tmp;

    @Test
    void helpListsTheModes() {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true));
        try {
            assertEquals(0, Main.run("bench", "--help"));
            assertEquals(0, Main.run("bench-report", "--help"));
        } finally {
            System.setOut(old);
        }
        String help = buf.toString();
        assertTrue(help.contains("--quick") && help.contains("--scaling") && help.contains("--no-python") && help.contains("--data-dir"), help);
    }

    @Test
    void reportIsGeneratedFromAResultsFile() throws Exception {
        ResultSet rs = ResultSchemaTest.minimal();
        rs.add("latency", ResultSchemaTest.latencyRow());
        rs.add("validation", new Row().put("check", "c").put("status", "pass").put("detail", "d"));
        Path dir = tmp.resolve("res");
        rs.finish().write(dir);
        Path md = tmp.resolve("docs/benchmark-results.md");
        assertEquals(0, Main.run("bench-report", "--results", dir.toString(), "--out", md.toString()));
        String text = Files.readString(md);
        assertTrue(text.contains("# Benchmark results") && text.contains("Single-cutout latency") && text.contains("Methodology")
                && text.contains("bench-report"), text);
    }
}
