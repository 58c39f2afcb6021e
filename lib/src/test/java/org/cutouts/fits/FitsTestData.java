package org.cutouts.fits;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

/**
 * The real telescope images from Debian packages. Missing ones are fetched once with
 * python/fetch_fits_testdata.sh; a test is skipped only when that script cannot install them.
 * Override the cache with -Dcutouts.fits.testdata=DIR or CUTOUTS_FITS_TESTDATA=DIR.
 */
final class FitsTestData {
    static final Path HST = Path.of("/usr/share/python-drizzle/test_data/j8bt06nyq_flt.fits");
    static final Path DRIZZLED = Path.of("/usr/share/python-drizzle/test_data/reference_square_image.fits");
    static final Path RICE = Path.of("/usr/lib/python3/dist-packages/astropy/io/fits/tests/data/comp.fits");
    private static String fetchLog;
    private static boolean fetched;

    private FitsTestData() {
    }

    static Path repoRoot() {
        Path p = Paths.get("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("python/fetch_fits_testdata.sh"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("cannot find the repository root (python/fetch_fits_testdata.sh) above " + Paths.get("").toAbsolutePath());
        }
        return p;
    }

    static Path cacheDir() {
        String dir = System.getProperty("cutouts.fits.testdata", System.getenv("CUTOUTS_FITS_TESTDATA"));
        return dir != null ? Path.of(dir) : repoRoot().resolve("build/cache/fits-testdata");
    }

    static Path hst() {
        return require(HST);
    }

    static Path drizzled() {
        return require(DRIZZLED);
    }

    static Path rice() {
        return require(RICE);
    }

    static Path isaac() {
        return require(cacheDir().resolve("eso-midas/ISAAC.2006-04-13T06:32:38.944.fits"));
    }

    static Path notFits() {
        return require(cacheDir().resolve("eso-midas/NOT.fits"));
    }

    /** A file of eso-midas-testdata's test/ folder, e.g. "prim/vimos.fits" (extracted by python/fetch_fits_testdata.sh). */
    static Path midas(String file) {
        return require(cacheDir().resolve("eso-midas/pkg/usr/lib/eso-midas/22FEB/test/" + file));
    }

    /** A file of a Python package's tree under dist-packages, extracted into the cache: ("astroquery", "magpis/tests/data/image.fits"). */
    static Path extracted(String pkg, String file) {
        return require(cacheDir().resolve(pkg + "/usr/lib/python3/dist-packages/" + pkg + "/" + file));
    }

    /** A file of the installed python3-astropy, e.g. "wcs/tests/data/tpvonly.hdr". */
    static Path astropy(String file) {
        return require(Path.of("/usr/lib/python3/dist-packages/astropy/" + file));
    }

    /** The file, fetching the Debian packages first when needed; skips the test only if they cannot be installed. */
    static synchronized Path require(Path file) {
        if (!Files.isRegularFile(file) || !astropyPresent()) {
            fetch();
        }
        assumeTrue(Files.isRegularFile(file) && astropyPresent(), () -> "SKIPPED: the Debian test data package for " + file
                + " could not be installed by python/fetch_fits_testdata.sh:\n" + fetchLog);
        return file;
    }

    private static boolean astropyPresent() {
        return Files.isRegularFile(RICE);
    }

    private static void fetch() {
        if (fetched) {
            return;
        }
        fetched = true;
        try {
            Path log = Files.createTempFile("fits-testdata", ".log");
            Process p = new ProcessBuilder("bash", repoRoot().resolve("python/fetch_fits_testdata.sh").toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(15, TimeUnit.MINUTES)) {
                p.destroyForcibly();
            }
            fetchLog = Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            fetchLog = e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fetchLog = e.toString();
        }
    }
}
