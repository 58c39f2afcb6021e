package org.cutouts.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cutouts.data.InMemoryMosaic;
import org.cutouts.data.MosaicSpec;
import org.cutouts.data.SyntheticMosaic;
import org.cutouts.store.CutoutSpec;
import org.cutouts.store.Npy;
import org.cutouts.store.Strategy;
import org.cutouts.store.Window;
import org.cutouts.store.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CliTest {
    @TempDir
    Path tmp;

    /** Runs the CLI, capturing what it prints. */
    static String[] run(int expectedExit, String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            assertEquals(expectedExit, code, "exit code of " + String.join(" ", args) + "\n" + o + e);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return new String[] {o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void everyCommandHasHelp() {
        CommandLine cl = new CommandLine(new Main());
        assertTrue(run(0, "--help")[0].contains("Usage: cutouts"));
        for (String name : cl.getSubcommands().keySet()) {
            if (name.equals("help")) {
                continue;
            }
            String[] r = run(0, name, "--help");
            assertTrue(r[0].contains("Usage: cutouts " + name), name + " --help printed: " + r[0] + r[1]);
        }
    }

    @Test
    void generateWriteExportAndInfo() throws Exception {
        Path data = tmp.resolve("ws");
        run(0, "generate", "--width", "300", "--height", "200", "--sources", "40", "--seed", "3", "--out", data.toString(), "--quiet");
        run(0, "write", data.toString(), "--strategy", "mmap-npy,individual-npy", "--cutout", "21", "--quiet");
        Workspace ws = Workspace.at(data);
        assertTrue(ws.hasStore(Strategy.MEMORY_MAPPED) && ws.hasStore(Strategy.INDIVIDUAL_FILES));
        Path npy = tmp.resolve("c.npy");
        String[] r = run(0, "export", ws.storeDir(Strategy.MEMORY_MAPPED).toString(), "--index", "7", "--out", npy.toString());
        assertTrue(r[0].contains("cutout 7"), r[0]);
        InMemoryMosaic ref = new SyntheticMosaic(MosaicSpec.of(300, 200, 40, 3)).toMemory();
        var cat = ws.catalogue();
        Window w = CutoutSpec.square(21).windowAt(cat.x(7), cat.y(7));
        float[] want = ref.slice(w.x0(), w.y0(), 21, 21, Float.NaN);
        float[] got = Npy.read(npy, 21, 21);
        for (int k = 0; k < want.length; k++) {
            assertEquals(Float.floatToRawIntBits(want[k]), Float.floatToRawIntBits(got[k]), "pixel " + k);
        }
        Path png = tmp.resolve("c.png");
        run(0, "export", ws.storeDir(Strategy.INDIVIDUAL_FILES).toString(), "-i", "7", "-o", png.toString());
        byte[] head = Files.readAllBytes(png);
        assertEquals((byte) 0x89, head[0]);
        assertEquals('P', head[1]);
        String info = run(0, "info", ws.storeDir(Strategy.INDIVIDUAL_FILES).toString())[0];
        assertTrue(info.contains("cutouts   40 of 21x21 PAD fill=NaN"), info);
    }

    @Test
    void errorsAreOneClearLineAndAnExitCode() {
        String[] r = run(2, "info", tmp.resolve("nothing").toString());
        assertTrue(r[1].contains("error: " + tmp.resolve("nothing") + ": no such store directory"), r[1]);
        r = run(2, "write", tmp.toString());
        assertTrue(r[1].contains("no mosaic.npy and catalogue.csv here; run 'cutouts generate' first"), r[1]);
        r = run(2, "write", tmp.toString(), "--strategy", "zarr");
        assertTrue(r[1].contains("no mosaic.npy") || r[1].contains("unknown strategy 'zarr'"), r[1]);
        r = run(2, "export", tmp.toString(), "-i", "0", "-o", tmp.resolve("x.tiff").toString());
        assertTrue(r[1].contains("the output must end in .npy or .png"), r[1]);
    }
}
