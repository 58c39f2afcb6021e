package org.cutouts.fits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.cutouts.store.CutoutSpec;
import org.cutouts.store.Npy;
import org.cutouts.io.StoreException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The acceptance matrix on real images and headers from Debian packages: every one either matches
 * astropy or is refused with a message naming the cause. Matching means, on 54 positions (a 7x7 grid
 * from just outside one corner to just outside the opposite one, plus 5 inside): world-to-pixel within
 * 1e-6 px of {@code all_world2pix}; cutouts at native positions with 0 differing pixels; ICRS positions
 * converted into the image's frame within 5 mas of {@code SkyCoord.transform_to}; cutouts at ICRS
 * positions with 0 differing pixels. Each case appends its line to the agreement report.
 */
class RealHeadersTest {
    private static final int NX = 33;
    private static final int NY = 32;
    private static final double MAX_PIXEL_ERROR = 1e-6;
    private static final double MAX_FRAME_ERROR_MAS = 5;

    @TempDir
    Path tmp;

    /**
     * @param image    what the report calls it
     * @param property what it tests
     * @param file     the file (installed on first use)
     * @param hdu      HDU index or EXTNAME
     * @param plane    plane of a cube, or null
     * @param refusal  null when it must match astropy, else a fragment the refusal must contain
     */
    record Case(String image, String property, Supplier<Path> file, String hdu, Long plane, String refusal) {
        @Override
        public String toString() {
            return image + ": " + property;
        }
    }

    static Stream<Case> cases() {
        String astroquery = "astroquery";
        return Stream.of(
                match("ISAAC (eso-midas-testdata)", "TAN, FK5 J2000 (RADECSYS)", FitsTestData::isaac, "0"),
                match("NOT.fits (eso-midas-testdata)", "TAN, no RADESYS/EQUINOX: ICRS", FitsTestData::notFits, "im1"),
                match("j8bt06nyq_flt.fits (python-drizzle-testdata)", "TAN, HST FLT", FitsTestData::hst, "SCI"),
                match("comp.fits (python3-astropy)", "SIN, EQUINOX 1950 without RADESYS: FK4 B1950, Rice", FitsTestData::rice, "1"),
                match("scale.fits (python3-astropy)", "TAN, EQUINOX 2000 without RADESYS: FK5, CROTA2",
                        () -> FitsTestData.astropy("io/fits/tests/data/scale.fits"), "0"),
                match("magpis image.fits (python3-astroquery)", "GLON-SIN: Galactic, CTYPE3 on a 2-D image",
                        () -> FitsTestData.extracted(astroquery, "magpis/tests/data/image.fits"), "0"),
                match("FIRST image.fits (python3-astroquery)", "SIN, EQUINOX/EPOCH 2000: FK5",
                        () -> FitsTestData.extracted(astroquery, "image_cutouts/first/tests/data/image.fits"), "0"),
                match("IRSA dust test.fits (python3-astroquery)", "TAN, no RADESYS/EQUINOX: ICRS",
                        () -> FitsTestData.extracted(astroquery, "ipac/irsa/irsa_dust/tests/data/test.fits"), "0"),
                match("SHA img.fits (python3-astroquery)", "TAN-SIP order 3, ICRS",
                        () -> FitsTestData.extracted(astroquery, "ipac/irsa/sha/tests/data/img.fits"), "0"),
                match("CADC query_images.fits (python3-astroquery)", "TAN, FK5 (RADECSYS)",
                        () -> FitsTestData.extracted(astroquery, "cadc/tests/data/query_images.fits"), "0"),
                match("thumbnail-image.fit.gz (python3-astroquery)", "gzip; TAN-SIP with agreeing CD and PC, FK5",
                        () -> FitsTestData.extracted(astroquery, "astrometry_net/tests/data/thumbnail-image.fit.gz"), "0"),
                new Case("nocdelt.fits (eso-midas-testdata)", "cube NAXIS3 = 3, plane 1; PLTSCALE/XPIXELSZ left by a DSS plate",
                        () -> FitsTestData.midas("prim/nocdelt.fits"), "0", 1L, "DSS plate solution (PLTSCALE"),
                cube("3d_equ2gal.fits (python3-reproject)", "cube NAXIS3 = 4, plane 2, GLON-SIN",
                        () -> FitsTestData.extracted("reproject", "interpolation/tests/reference/test_reproject_celestial_3d_equ2gal.fits"), 2),
                match("badfitskeys.mt (eso-midas-testdata)", "TAN, CDELT + CROTA2 = 45.1, FK5 at equinox J2004.73",
                        () -> FitsTestData.midas("prim/badfitskeys.mt"), "0"),
                match("image_M12c.fits (eso-midas-testdata)", "TAN with CDELT, LTM/LTV, FK5; a CONTINUE card astropy rejects "
                        + "(dropped for the reference)", () -> FitsTestData.midas("prim/image_M12c.fits"), "0"),
                new Case("timmi2.fits (eso-midas-testdata)", "cube, plane 1: RA---TAN/DEC--TAN without CRVAL (astropy assumes 0, 0)",
                        () -> FitsTestData.midas("prim/timmi2.fits"), "0", 1L, "celestial WCS without CRVAL1"),
                match("checksum.fits (python3-astropy)", "SIN, EQUINOX 1950: FK4 B1950", () -> FitsTestData.astropy("io/fits/tests/data/checksum.fits"), "0"),
                match("test0.fits HDU 2 (python3-astropy)", "TAN with CD, no RADESYS/EQUINOX: ICRS", () -> FitsTestData.astropy("io/fits/tests/data/test0.fits"), "2"),
                match("sip-wcs.fits (python3-astropy)", "TAN-SIP with PC and CDELT, FK5", () -> FitsTestData.astropy("nddata/tests/data/sip-wcs.fits"), "0"),
                refused("wcstest.mt (eso-midas-testdata)", "DSS plate solution (1951 plate)", () -> FitsTestData.midas("prim/wcstest.mt"), "0",
                        "DSS plate solution"),
                match("1904-66_TAN.hdr (python3-astropy)", "TAN at the south pole, LONPOLE 180, FK5",
                        () -> header("wcs/tests/data/maps/1904-66_TAN.hdr"), "0"),
                match("siponly.hdr (python3-astropy)", "TAN-SIP order 4, ICRS", () -> header("wcs/tests/data/siponly.hdr"), "0"),
                match("irac_sip.hdr (python3-astropy)", "TAN-SIP order 2 with AP/BP, ICRS", () -> header("wcs/tests/data/irac_sip.hdr"), "0"),
                match("defunct_keywords.hdr (python3-astropy)", "old PC001001 spelling", () -> header("wcs/tests/data/defunct_keywords.hdr"), "0"),
                refused("dss_test1.fits (eso-midas-testdata)", "DSS plate solution", () -> FitsTestData.midas("prim/dss_test1.fits"),
                        "0", "DSS plate solution"),
                refused("dss.14.29.56-62.41.05.fits.gz (python3-astropy)", "gzip; DSS plate solution",
                        () -> FitsTestData.astropy("wcs/tests/data/dss.14.29.56-62.41.05.fits.gz"), "0", "DSS plate solution"),
                refused("vimos.fits (eso-midas-testdata)", "CRVAL2 = 172.18, CRVAL1 = -690.7", () -> FitsTestData.midas("prim/vimos.fits"),
                        "1", "CRVAL2 = 172.175331703 is a latitude outside [-90, 90]"),
                refused("tst0003.mt (eso-midas-testdata)", "CTYPE 'RA'/'DEC' without projection", () -> FitsTestData.midas("fits/tst0003.mt"),
                        "0", "has no projection code"),
                new Case("nocdelt.fits (eso-midas-testdata)", "cube without a plane", () -> FitsTestData.midas("prim/nocdelt.fits"),
                        "0", null, "is a cube of 3 planes"),
                refused("dist_lookup.fits.gz (python3-astropy)", "gzip; CPDIS/D2IMDIS lookup tables",
                        () -> FitsTestData.astropy("wcs/tests/data/dist_lookup.fits.gz"), "1", "lookup-table distortion"),
                refused("UKIDSS image.fits (python3-astroquery)", "ZPN projection",
                        () -> FitsTestData.extracted(astroquery, "ukidss/tests/data/image.fits"), "1", "projection 'ZPN'"),
                refused("fermi_counts.fits.gz (python3-photutils)", "gzip; GLON-CAR",
                        () -> FitsTestData.extracted("photutils", "datasets/data/fermi_counts.fits.gz"), "1", "projection 'CAR'"),
                new Case("equatorial_3d.fits (python3-reproject)", "cube, SFL projection",
                        () -> FitsTestData.extracted("reproject", "tests/data/equatorial_3d.fits"), "0", 0L, "projection 'SFL'"),
                refused("tpvonly.hdr (python3-astropy)", "TPV", () -> header("wcs/tests/data/tpvonly.hdr"), "0", "TPV distortion"),
                refused("too_many_pv.hdr (python3-astropy)", "TAN-SIP plus SCAMP PVi_j", () -> header("wcs/tests/data/too_many_pv.hdr"),
                        "0", "PVi_j"),
                refused("1904-66_NCP.hdr (python3-astropy)", "SIN with PV2_2 (NCP)", () -> header("wcs/tests/data/maps/1904-66_NCP.hdr"),
                        "0", "PV2_2"),
                refused("1904-66_AIT.hdr (python3-astropy)", "AIT projection", () -> header("wcs/tests/data/maps/1904-66_AIT.hdr"),
                        "0", "projection 'AIT'"));
    }

    private static Case match(String image, String property, Supplier<Path> file, String hdu) {
        return new Case(image, property, file, hdu, null, null);
    }

    private static Case cube(String image, String property, Supplier<Path> file, long plane) {
        return new Case(image, property, file, "0", plane, null);
    }

    private static Case refused(String image, String property, Supplier<Path> file, String hdu, String fragment) {
        return new Case(image, property, file, hdu, null, fragment);
    }

    /** A real header shipped without data (astropy's .hdr files) as a small FITS image with a ramp. */
    private static Path header(String hdr) {
        Path src = FitsTestData.astropy(hdr);
        try {
            Path out = Files.createTempDirectory("real-hdr").resolve(src.getFileName() + ".fits");
            int w = 200;
            int h = 150;
            TestFits f = TestFits.primary(-32, w, h);
            Set<String> structural = Set.of("SIMPLE", "BITPIX", "NAXIS", "NAXIS1", "NAXIS2", "NAXIS3", "EXTEND", "END", "XTENSION",
                    "PCOUNT", "GCOUNT", "WCSAXES");
            String text = Files.readString(src, StandardCharsets.ISO_8859_1).replace("\n", "");
            for (int i = 0; i + 80 <= text.length(); i += 80) {
                String card = text.substring(i, i + 80);
                String key = card.substring(0, 8).trim();
                if (key.equals("END")) {
                    break;
                }
                if (!structural.contains(key)) {
                    f.raw(card);
                }
            }
            float[] ramp = new float[w * h];
            for (int i = 0; i < ramp.length; i++) {
                ramp[i] = i % w + 1000f * (i / w);
            }
            return f.data(TestFits.floats(ramp)).write(out);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesAstropyOrIsRefusedNamingTheCause(Case c) {
        Path file = c.file().get();
        if (c.refusal() != null) {
            StoreException e = assertThrows(StoreException.class, () -> {
                try (FitsMosaic m = open(file, c)) {
                    m.pixelOf(10, 10);
                }
            });
            assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
            assertTrue(e.getMessage().contains(c.refusal()), "refusal should say '" + c.refusal() + "': " + e.getMessage());
            Agreement.record("%s | %s | refused: %s", c.image(), c.property(), e.getMessage().substring(file.toString().length() + 2));
            return;
        }
        try (FitsMosaic m = open(file, c)) {
            compare(file, c, m);
        }
    }

    private static FitsMosaic open(Path file, Case c) {
        long plane = c.plane() == null ? FitsMosaic.NO_PLANE : c.plane();
        return c.hdu() == null ? FitsMosaic.open(file, plane) : FitsMosaic.open(file, plane, c.hdu());
    }

    private void compare(Path file, Case c, FitsMosaic m) {
        CelestialWcs wcs = m.wcs();
        AstropyReference ref = new AstropyReference(tmp);
        double[][] px = grid(m.width(), m.height());
        double[][] world = wcs.pixelToWorld(px[0], px[1]);
        double[][] astro = ref.world2pix(file, c.hdu(), world[0], world[1], "native", c.plane());
        double[][] ours = wcs.worldToPixel(world[0], world[1]);
        double maxPix = 0;
        for (int i = 0; i < px[0].length; i++) {
            maxPix = Math.max(maxPix, Math.max(Math.abs(ours[0][i] - astro[0][i]), Math.abs(ours[1][i] - astro[1][i])));
        }
        assertTrue(maxPix <= MAX_PIXEL_ERROR, c + ": max |ours - all_world2pix| = " + maxPix + " px");
        long nativeDiff = differingPixels(m, ref, file, c, world, PositionFrame.NATIVE);
        assertEquals(0, nativeDiff, c + ": pixels differing from astropy at native positions");
        double[][] icrs = m.frame().toIcrs(world[0], world[1]);
        AstropyReference.Frames frames = ref.frames(file, c.hdu(), icrs[0], icrs[1]);
        double[][] mine = m.frame().fromIcrs(icrs[0], icrs[1]);
        double maxMas = 0;
        for (int i = 0; i < icrs[0].length; i++) {
            maxMas = Math.max(maxMas, separationMas(mine[0][i], mine[1][i], frames.lon()[i], frames.lat()[i]));
        }
        assertTrue(maxMas <= MAX_FRAME_ERROR_MAS, c + ": ICRS -> " + m.frame() + " differs from astropy's " + frames.frame()
                + " by " + maxMas + " mas");
        long icrsDiff = differingPixels(m, ref, file, c, icrs, PositionFrame.ICRS);
        assertEquals(0, icrsDiff, c + ": pixels differing from astropy at ICRS positions");
        Agreement.record("%s | %s | matches astropy: frame %s (astropy %s), max |world->pixel - all_world2pix| = %.1e px, "
                + "ICRS->frame within %.3f mas of transform_to, %d cutouts of %dx%d at native and at ICRS positions, 0 differing pixels",
                c.image(), c.property(), m.frame(), frames.frame(), maxPix, maxMas, px[0].length * 2, NX, NY);
    }

    private long differingPixels(FitsMosaic m, AstropyReference ref, Path file, Case c, double[][] sky, PositionFrame frame) {
        int n = sky[0].length;
        double[][] positions = new double[n][];
        for (int i = 0; i < n; i++) {
            positions[i] = new double[] {sky[0][i], sky[1][i]};
        }
        Npy.NpyArray expected = ref.cutouts(file, new Object[] {c.hdu()}, positions,
                frame == PositionFrame.ICRS ? "icrs" : "native", c.plane(), NY, NX);
        CutoutSpec spec = FitsMosaic.partial(NX, NY);
        long differing = 0;
        for (int i = 0; i < n; i++) {
            float[] ours = m.cutoutSkyAllBands(spec, sky[0][i], sky[1][i], frame);
            for (int k = 0; k < ours.length; k++) {
                if (!Agreement.same(ours[k], expected.data()[i * ours.length + k])) {
                    differing++;
                }
            }
        }
        return differing;
    }

    /** 7x7 from just outside one corner to just outside the opposite one (never on a window tie), plus 5 inside. */
    static double[][] grid(int w, int h) {
        List<double[]> pts = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) {
            for (int j = 0; j < 7; j++) {
                pts.add(new double[] {offTie(-3.3 + i * (w + 6.0) / 6), offTie(-1.3 + j * (h + 0.6) / 6)});
            }
        }
        java.util.SplittableRandom r = new java.util.SplittableRandom(w * 31L + h);
        for (int i = 0; i < 5; i++) {
            pts.add(new double[] {0.137 + r.nextDouble() * (w - 1), 0.291 + r.nextDouble() * (h - 1)});
        }
        double[] x = pts.stream().mapToDouble(p -> p[0]).toArray();
        double[] y = pts.stream().mapToDouble(p -> p[1]).toArray();
        return new double[][] {x, y};
    }

    /** Moves a centre off x.0 and x.5, where {@code ceil(c - n/2)} is a tie that 1e-10 px can tip either way. */
    private static double offTie(double c) {
        double f = c * 2 - Math.floor(c * 2);
        return f < 0.05 || f > 0.95 ? c + 0.173 : c;
    }

    static double separationMas(double lon1, double lat1, double lon2, double lat2) {
        double[] a = {Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lon1)),
            Math.cos(Math.toRadians(lat1)) * Math.sin(Math.toRadians(lon1)), Math.sin(Math.toRadians(lat1))};
        double[] b = {Math.cos(Math.toRadians(lat2)) * Math.cos(Math.toRadians(lon2)),
            Math.cos(Math.toRadians(lat2)) * Math.sin(Math.toRadians(lon2)), Math.sin(Math.toRadians(lat2))};
        double cx = a[1] * b[2] - a[2] * b[1];
        double cy = a[2] * b[0] - a[0] * b[2];
        double cz = a[0] * b[1] - a[1] * b[0];
        double dot = a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
        return Math.toDegrees(Math.atan2(Math.sqrt(cx * cx + cy * cy + cz * cz), dot)) * 3.6e6;
    }
}
