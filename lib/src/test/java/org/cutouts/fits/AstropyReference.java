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

    /** Cutouts of shape [n, bands, ny, nx]: sky positions in the image's own frame, or pixel positions. */
    Npy.NpyArray cutouts(Path file, Object[] hdus, double[][] positions, boolean sky, int ny, int nx) {
        Map<String, Object> req = request("cutouts", file, null, null);
        req.put("hdus", hdus);
        req.put("positions", positions);
        req.put("sky", sky);
        req.put("size", new int[] {ny, nx});
        return runNpy(req, "cutouts");
    }

    /** Cutouts at sky positions given in {@code frame} ("native" or "icrs"), of plane {@code plane} (null: a 2-D image). */
    Npy.NpyArray cutouts(Path file, Object[] hdus, double[][] positions, String frame, Long plane, int ny, int nx) {
        Map<String, Object> req = request("cutouts", file, null, plane);
        req.put("hdus", hdus);
        req.put("positions", positions);
        req.put("sky", true);
        req.put("frame", frame);
        req.put("size", new int[] {ny, nx});
        return runNpy(req, "cutouts");
    }

    private static Map<String, Object> request(String op, Path file, Object hdu, Long plane) {
        Map<String, Object> req = new HashMap<>();
        req.put("op", op);
        req.put("file", file.toString());
        if (hdu != null) {
            req.put("hdu", hdu);
        }
        if (plane != null) {
            req.put("plane", plane);
        }
        return req;
    }

    private Npy.NpyArray runNpy(Map<String, Object> req, String name) {
        Path out = dir.resolve(name + "-" + System.nanoTime() + ".npy");
        req.put("out", out.toString());
        run(req);
        return Npy.readArray(out);
    }

    /**
     * all_world2pix of positions given in {@code frame} ("native" or "icrs", converted by astropy), solved
     * to 1e-10 px (astropy's default tolerance, 1e-4 px, would hide SIP differences below it).
     */
    double[][] world2pix(Path file, Object hdu, double[] ra, double[] dec, String frame, Long plane) {
        Map<String, Object> req = request("world2pix", file, hdu, plane);
        req.put("tolerance", 1e-10);
        req.put("ra", ra);
        req.put("dec", dec);
        req.put("frame", frame);
        JsonNode n = runJson(req);
        return new double[][] {doubles(n.get("x")), doubles(n.get("y"))};
    }

    /** astropy's frame of the image (repr) and ICRS positions transformed into it. */
    record Frames(String frame, double[] lon, double[] lat) {
    }

    Frames frames(Path file, Object hdu, double[] ra, double[] dec) {
        Map<String, Object> req = request("frames", file, hdu, null);
        req.put("ra", ra);
        req.put("dec", dec);
        JsonNode n = runJson(req);
        return new Frames(n.get("frame").asText(), doubles(n.get("lon")), doubles(n.get("lat")));
    }

    Npy.NpyArray cutoutsArcsec(Path file, Object[] hdus, double[][] positions, double nyArcsec, double nxArcsec) {
        Map<String, Object> req = request("cutouts", file, null, null);
        req.put("hdus", hdus);
        req.put("positions", positions);
        req.put("sky", true);
        req.put("size_arcsec", new double[] {nyArcsec, nxArcsec});
        return runNpy(req, "cutouts");
    }

    /** all_world2pix(ra, dec, 0) as {x[], y[]}; tolerance null for astropy's default. */
    double[][] world2pix(Path file, Object hdu, double[] ra, double[] dec, Double tolerance) {
        Map<String, Object> req = request("world2pix", file, hdu, null);
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
        Map<String, Object> req = request("pix2world", file, hdu, null);
        req.put("x", x);
        req.put("y", y);
        JsonNode n = runJson(req);
        return new double[][] {doubles(n.get("ra")), doubles(n.get("dec"))};
    }

    /** The whole image as astropy's data (float32, BLANK as NaN). */
    Npy.NpyArray read(Path file, Object hdu) {
        return runNpy(request("read", file, hdu, null), "read");
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
