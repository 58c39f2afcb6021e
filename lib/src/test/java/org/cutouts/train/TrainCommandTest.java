package org.cutouts.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cutouts.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cutouts train}: help, and a tiny comparison on generated data. */
class TrainCommandTest {
    @TempDir
    Path tmp;

    private static String captured(Runnable r) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpDescribesTheOptions() {
        int[] code = new int[1];
        String out = captured(() -> code[0] = Main.run("train", "--help"));
        assertEquals(0, code[0]);
        assertTrue(out.contains("--steps") && out.contains("--store") && out.contains("--prefetch"), out);
    }

    @Test
    void trainsOnGeneratedDataAndPrintsTheSummary() {
        int[] code = new int[1];
        Path csv = tmp.resolve("summary.csv");
        String out = captured(() -> code[0] = Main.run("train", "--mosaic", "200", "--sources", "40", "--cutout", "12",
                "--steps", "6", "--warmup", "1", "--batch", "8", "--strategy", "mmap-npy,hdf5", "--data-dir", tmp.resolve("data").toString(),
                "--csv", csv.toString()));
        assertEquals(0, code[0], out);
        assertTrue(out.contains("samples_per_s") && out.contains("memory-mapped") && out.contains("HDF5"), out);
        assertTrue(Files.exists(csv));
    }
}
