package org.cutouts.store;

import static org.cutouts.store.TestData.assertSameBits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cutouts.data.Catalogue;
import org.cutouts.data.SyntheticMosaic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's python3 with numpy and h5py reads what our writers wrote and cuts the same pixels (the stacked
 * store through {@code np.load(mmap_mode='r')[i]}, checked against numpy's own cuts of the mosaic); its
 * numpy.save output reads back through our own .npy reader. {@code .ci/run} installs python3-numpy
 * and python3-h5py; without them this test fails (it is the interoperability guarantee).
 */
class PythonInteropTest {
    static final String PYTHON = System.getProperty("cutouts.python", "/usr/bin/python3");
    /** The stores whose files check_interop.py reads. */
    static final List<Strategy> READ_BY_PYTHON = List.of(Strategy.INDIVIDUAL_FILES, Strategy.MEMORY_MAPPED, Strategy.HDF5, Strategy.STACKED);

    @TempDir
    Path tmp;

    static Path script() {
        Path p = Path.of("..", "python", "check_interop.py").toAbsolutePath().normalize();
        if (!Files.exists(p)) {
            p = Path.of("python", "check_interop.py").toAbsolutePath();
        }
        return p;
    }

    static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + cmd);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), "python failed (needs python3-numpy and python3-h5py):\n" + out);
        return out;
    }

    @Test
    void numpyAndH5pyReadOurFilesAndCutTheSamePixels() throws Exception {
        SyntheticMosaic source = TestData.mosaic(257, 190, 77);
        Catalogue cat = TestData.withEdgeCentres(source);
        CutoutSpec spec = new CutoutSpec(31, 20, EdgePolicy.PAD, Float.NaN);
        Path root = tmp.resolve("stores");
        for (Strategy s : READ_BY_PYTHON) {
            Stores.write(s, source, cat, spec, root.resolve(s.folder()));
        }
        Path out = tmp.resolve("python-out");
        String report = run(List.of(PYTHON, script().toString(), root.toString(), out.toString()));
        assertTrue(report.contains("\"hdf5\": " + cat.size()), report);
        assertTrue(report.contains("\"stacked-npy\": " + cat.size()), report);
        assertTrue(report.contains("\"cutout_width\": 31"), report);

        for (Strategy s : READ_BY_PYTHON) {
            float[] fromPython = Npy.read(out.resolve(s.folder() + ".npy"), cat.size(), spec.height(), spec.width());
            try (CutoutStore store = Stores.open(root.resolve(s.folder()))) {
                for (int i = 0; i < cat.size(); i++) {
                    float[] py = Arrays.copyOfRange(fromPython, i * spec.pixels(), (i + 1) * spec.pixels());
                    assertSameBits(store.read(i), py, s + " cutout " + i + " as numpy/h5py read it");
                }
            }
        }
        float[] x = Npy.read(out.resolve("hdf5-catalogue-x.npy"), cat.size());
        for (int i = 0; i < cat.size(); i++) {
            assertEquals((float) cat.x(i), x[i], "catalogue x of row " + i + " read by h5py");
        }
    }
}
