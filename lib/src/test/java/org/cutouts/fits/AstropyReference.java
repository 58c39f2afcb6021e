package org.cutouts.fits;

import org.cutouts.store.Npy;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs python/astropy_reference.py with Debian's /usr/bin/python3 (never the pyenv python3 on PATH). */
final class AstropyReference {
    static final ObjectMapper JSON = new ObjectMapper();
    private final Path dir;

    AstropyReference(Path dir) {
        this.dir = dir;
    }

    /** Cutouts of shape [n, bands, ny, nx]. */
    Npy.NpyArray cutouts(Path file, Object[] hdus, double[][] positions, boolean sky, int ny, int nx) {
        Map<String, Object> req = new HashMap<>();
        req.put("op", "cutouts");
        req.put("file", file.toString());
        req.put("hdus", hdus);
        req.put("positions", positions);
        req.put("sky", sky);
        req.put("size", new int[] {ny, nx});
        Path out = dir.resolve("cutouts-" + System.nanoTime() + ".npy");
        req.put("out", out.toString());
        run(req);
        return Npy.readArray(out);
    }

    Npy.NpyArray cutoutsArcsec(Path file, Object[] hdus, double[][] positions, double nyArcsec, double nxArcsec) {
        Map<String, Object> req = new HashMap<>();
        req.put("op", "cutouts");
        req.put("file", file.toString());
        req.put("hdus", hdus);
        req.put("positions", positions);
        req.put("sky", true);
        req.put("size_arcsec", new double[] {nyArcsec, nxArcsec});
        Path out = dir.resolve("cutouts-" + System.nanoTime() + ".npy");
        req.put("out", out.toString());
        run(req);
        return Npy.readArray(out);
    }

    /** all_world2pix(ra, dec, 0) as {x[], y[]}; tolerance null for astropy's default. */
    double[][] world2pix(Path file, Object hdu, double[] ra, double[] dec, Double tolerance) {
        Map<String, Object> req = new HashMap<>();
        req.put("op", "world2pix");
        req.put("file", file.toString());
        req.put("hdu", hdu);
        req.put("ra", ra);
        req.put("dec", dec);
        if (tolerance != null) {
            req.put("tolerance", tolerance);
        }
        JsonNode n = runJson(req);
        return new double[][] {doubles(n.get("x")), doubles(n.get("y"))};
    }

    /** all_pix2world(x, y, 0) as {ra[], dec[]}. */
    double[][] pix2world(Path file, Object hdu, double[] x, double[] y) {
        Map<String, Object> req = new HashMap<>();
        req.put("op", "pix2world");
        req.put("file", file.toString());
        req.put("hdu", hdu);
        req.put("x", x);
        req.put("y", y);
        JsonNode n = runJson(req);
        return new double[][] {doubles(n.get("ra")), doubles(n.get("dec"))};
    }

    /** The whole image as astropy's data (float32, BLANK as NaN). */
    Npy.NpyArray read(Path file, Object hdu) {
        Map<String, Object> req = new HashMap<>();
        req.put("op", "read");
        req.put("file", file.toString());
        req.put("hdu", hdu);
        Path out = dir.resolve("read-" + System.nanoTime() + ".npy");
        req.put("out", out.toString());
        run(req);
        return Npy.readArray(out);
    }

    private JsonNode runJson(Map<String, Object> req) {
        Path out = dir.resolve("answer-" + System.nanoTime() + ".json");
        req.put("out", out.toString());
        run(req);
        try {
            return JSON.readTree(out.toFile());
        } catch (IOException e) {
            throw new AssertionError("cannot read astropy's answer " + out, e);
        }
    }

    private void run(Map<String, Object> req) {
        try {
            Path reqFile = dir.resolve("request-" + System.nanoTime() + ".json");
            JSON.writeValue(reqFile.toFile(), req);
            Path log = dir.resolve("python-" + System.nanoTime() + ".log");
            Process p = new ProcessBuilder("/usr/bin/python3",
                    FitsTestData.repoRoot().resolve("python/astropy_reference.py").toString(), reqFile.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                fail("astropy_reference.py timed out");
            }
            if (p.exitValue() != 0) {
                fail("astropy_reference.py failed (" + p.exitValue() + "):\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run /usr/bin/python3", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static double[] doubles(JsonNode arr) {
        double[] d = new double[arr.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = arr.get(i).asDouble();
        }
        return d;
    }
}
