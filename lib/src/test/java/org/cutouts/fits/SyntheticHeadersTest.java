package org.cutouts.fits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.cutouts.store.CutoutOutOfBoundsException;
import org.cutouts.store.CutoutSpec;
import org.cutouts.store.EdgePolicy;
import org.cutouts.io.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One synthetic header per property, so the rules do not depend on one package's file list: each
 * frame converts within 5 mas of astropy, each unapplied keyword family and each invalid value is
 * refused naming the keyword, cubes give the chosen plane, gzip files read like the plain file.
 */
class SyntheticHeadersTest {
    private static final int W = 120;
    private static final int H = 90;

    @TempDir
    Path tmp;

    /** A 120x90 float image with a ramp, TAN at (150.1, 2.2), plus {@code extra} cards. */
    private Path image(String name, UnaryOperator<TestFits> extra) throws IOException {
        TestFits f = TestFits.primary(-32, W, H).card("CTYPE1", "RA---TAN").card("CTYPE2", "DEC--TAN")
                .card("CRVAL1", 150.1).card("CRVAL2", 2.2).card("CRPIX1", 60.5).card("CRPIX2", 45.25);
        f = extra.apply(f);
        return f.data(TestFits.floats(ramp(W * H))).write(tmp.resolve(name));
    }

    private static TestFits cd(TestFits f) {
        return f.card("CD1_1", -1e-4).card("CD1_2", 1e-6).card("CD2_1", 2e-6).card("CD2_2", 1e-4);
    }

    private static float[] ramp(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = i % W + 1000f * (i / W);
        }
        return v;
    }

    static Stream<Arguments> frames() {
        return Stream.of(
                Arguments.of("icrs", (UnaryOperator<TestFits>) f -> f.card("RADESYS", "ICRS"), "ICRS"),
                Arguments.of("none", (UnaryOperator<TestFits>) f -> f, "ICRS"),
                Arguments.of("fk5", (UnaryOperator<TestFits>) f -> f.card("RADESYS", "FK5"), "FK5 (equinox J2000.0)"),
                Arguments.of("fk5-1975", (UnaryOperator<TestFits>) f -> f.card("RADESYS", "FK5").card("EQUINOX", 1975.0),
                        "FK5 (equinox J1975.0)"),
                Arguments.of("equinox-2000", (UnaryOperator<TestFits>) f -> f.card("EQUINOX", 2000.0), "FK5 (equinox J2000.0)"),
                Arguments.of("fk4", (UnaryOperator<TestFits>) f -> f.card("EQUINOX", 1950.0), "FK4 (equinox B1950.0, with E-terms)"),
                Arguments.of("fk4-epoch", (UnaryOperator<TestFits>) f -> f.card("EPOCH", 1950.0), "FK4 (equinox B1950.0, with E-terms)"),
                Arguments.of("radecsys-fk4", (UnaryOperator<TestFits>) f -> f.card("RADECSYS", "FK4"), "FK4 (equinox B1950.0, with E-terms)"),
                Arguments.of("galactic", (UnaryOperator<TestFits>) f -> f.card("CTYPE1", "GLON-TAN").card("CTYPE2", "GLAT-TAN"),
                        "Galactic"));
    }

    /** 200 random ICRS positions over the sky, converted by us and by astropy's transform_to. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("frames")
    void frameConversionWithin5MasOfAstropy(String name, UnaryOperator<TestFits> header, String expected) throws IOException {
        Path f = image(name + ".fits", h -> cd(header.apply(h)));
        SplittableRandom r = new SplittableRandom(name.hashCode());
        int n = 200;
        double[] ra = new double[n];
        double[] dec = new double[n];
        for (int i = 0; i < n; i++) {
            ra[i] = r.nextDouble() * 360;
            dec[i] = Math.toDegrees(Math.asin(2 * r.nextDouble() - 1));
        }
        try (FitsMosaic m = FitsMosaic.open(f)) {
            assertEquals(expected, m.frame().toString());
            AstropyReference.Frames astropy = new AstropyReference(tmp).frames(f, "0", ra, dec);
            double[][] ours = m.frame().fromIcrs(ra, dec);
            double worst = 0;
            for (int i = 0; i < n; i++) {
                worst = Math.max(worst, RealHeadersTest.separationMas(ours[0][i], ours[1][i], astropy.lon()[i], astropy.lat()[i]));
                double[] back = m.frame().toIcrs(ours[0][i], ours[1][i]);
                assertTrue(RealHeadersTest.separationMas(back[0], back[1], ra[i], dec[i]) < 0.01, "round trip " + i);
            }
            assertTrue(worst <= 5, name + ": " + worst + " mas from astropy's " + astropy.frame());
            Agreement.record("synthetic %s header: ICRS -> %s, 200 random positions over the sky: max %.4f mas from astropy %s",
                    name, m.frame(), worst, astropy.frame());
        }
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("dss", (UnaryOperator<TestFits>) f -> cd(f).card("PLTRAH", 17).card("AMDX1", 67.2), "DSS plate solution (PLTRAH"),
                Arguments.of("cpdis", (UnaryOperator<TestFits>) f -> cd(f).card("CPDIS1", "Lookup"), "lookup-table distortion (CPDIS1"),
                Arguments.of("d2im", (UnaryOperator<TestFits>) f -> cd(f).card("D2IMDIS1", "Lookup"), "lookup-table distortion (D2IMDIS1"),
                Arguments.of("dp", (UnaryOperator<TestFits>) f -> cd(f).card("DP1", "EXTVER: 1"), "lookup-table distortion (DP1"),
                Arguments.of("tpv", (UnaryOperator<TestFits>) f -> cd(f).card("CTYPE1", "RA---TPV").card("CTYPE2", "DEC--TPV"), "TPV distortion"),
                Arguments.of("pv-on-tan", (UnaryOperator<TestFits>) f -> cd(f).card("PV1_5", 1e-3), "PV1_5"),
                Arguments.of("sip-on-sin", (UnaryOperator<TestFits>) f -> cd(f).card("CTYPE1", "RA---SIN-SIP").card("CTYPE2", "DEC--SIN-SIP")
                        .card("A_ORDER", 2).card("B_ORDER", 2), "SIP distortion (A_ORDER, A_p_q...) on a SIN projection"),
                Arguments.of("sip-without-order", (UnaryOperator<TestFits>) f -> cd(f).card("CTYPE1", "RA---TAN-SIP")
                        .card("CTYPE2", "DEC--TAN-SIP"), "names SIP but the header has no A_ORDER"),
                Arguments.of("sip-bad-order", (UnaryOperator<TestFits>) f -> cd(f).card("CTYPE1", "RA---TAN-SIP")
                        .card("CTYPE2", "DEC--TAN-SIP").card("A_ORDER", 2).card("B_ORDER", 2).card("AP_ORDER", -3),
                        "SIP needs AP_ORDER as an integer between 0 and 9, found -3"),
                Arguments.of("zea", (UnaryOperator<TestFits>) f -> cd(f).card("CTYPE1", "RA---ZEA").card("CTYPE2", "DEC--ZEA"), "projection 'ZEA'"),
                Arguments.of("no-projection", (UnaryOperator<TestFits>) f -> cd(f).card("CTYPE1", "RA").card("CTYPE2", "DEC"),
                        "CTYPE 'RA' has no projection code"),
                Arguments.of("fk4-1900", (UnaryOperator<TestFits>) f -> cd(f).card("EQUINOX", 1900.0), "FK4 at equinox B1900.0"),
                Arguments.of("fk4-no-e", (UnaryOperator<TestFits>) f -> cd(f).card("RADESYS", "FK4-NO-E"), "RADESYS = 'FK4-NO-E'"),
                Arguments.of("gappt", (UnaryOperator<TestFits>) f -> cd(f).card("RADESYS", "GAPPT"), "RADESYS = 'GAPPT'"),
                Arguments.of("nan", (UnaryOperator<TestFits>) f -> cd(f).raw("CRVAL1  =                  NaN"), "CRVAL1 = 'NaN' is not a finite number"),
                Arguments.of("latitude", (UnaryOperator<TestFits>) f -> cd(f).card("CRVAL2", 172.18), "CRVAL2 = 172.18 is a latitude outside"),
                Arguments.of("singular", (UnaryOperator<TestFits>) f -> f.card("CD1_1", 1e-4).card("CD1_2", 2e-4).card("CD2_1", 1e-4)
                        .card("CD2_2", 2e-4), "the CDi_j matrix [1.0E-4, 2.0E-4, 1.0E-4, 2.0E-4] is singular"),
                Arguments.of("ill-conditioned", (UnaryOperator<TestFits>) f -> f.card("CD1_1", 1e-4).card("CD1_2", 1e-4).card("CD2_1", 1e-4)
                        .card("CD2_2", 1.0000000000001e-4), "is ill-conditioned"),
                Arguments.of("zero-cdelt", (UnaryOperator<TestFits>) f -> f.card("CDELT1", 0.0).card("CDELT2", 1e-4), "CDELT1 = 0"),
                Arguments.of("cd-vs-pc", (UnaryOperator<TestFits>) f -> cd(f).card("PC1_1", 1.0).card("PC2_2", 1.0).card("CDELT1", -2e-4)
                        .card("CDELT2", 2e-4), "CDi_j [-1.0E-4, 1.0E-6, 2.0E-6, 1.0E-4] and PCi_j x CDELTi"),
                Arguments.of("cd-vs-cdelt", (UnaryOperator<TestFits>) f -> cd(f).card("CDELT1", -3e-4), "CDELT1 = -3.0E-4 conflicts with CD1_j"),
                Arguments.of("crota1", (UnaryOperator<TestFits>) f -> f.card("CDELT1", -1e-4).card("CDELT2", 1e-4).card("CROTA1", 30.0),
                        "CROTA1 = 30.0 differs from CROTA2 = 0.0"),
                Arguments.of("crota2-vs-cd", (UnaryOperator<TestFits>) f -> cd(f).card("CROTA2", 30.0), "CROTA2 = 30.0 conflicts"),
                Arguments.of("cunit", (UnaryOperator<TestFits>) f -> cd(f).card("CUNIT1", "rad"), "CUNIT1 = 'rad'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void unappliedOrInvalidHeadersAreRefusedNamingTheKeyword(String name, UnaryOperator<TestFits> header, String fragment)
            throws IOException {
        Path f = image(name + ".fits", header);
        StoreException e = assertThrows(StoreException.class, () -> {
            try (FitsMosaic m = FitsMosaic.open(f)) {
                m.pixelOf(150.1, 2.2);
            }
        });
        assertTrue(e.getMessage().startsWith(f + ": HDU 0: "), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), "should say '" + fragment + "': " + e.getMessage());
        Agreement.record("synthetic %s header: refused: %s", name, e.getMessage().substring(f.toString().length() + 2));
    }

    @Test
    void redundantButAgreeingKeywordsAreAccepted() throws IOException {
        Path f = image("agreeing.fits", h -> cd(h).card("PC1_1", -1.0).card("PC1_2", 0.01).card("PC2_1", 0.02).card("PC2_2", 1.0)
                .card("CDELT1", 1e-4).card("CDELT2", 1e-4).card("PV1_0", 0.0).card("PV2_1", 0.0));
        try (FitsMosaic m = FitsMosaic.open(f)) {
            assertArrayEquals(new double[] {-1e-4, 1e-6, 2e-6, 1e-4}, m.wcs().cd(), 1e-18);
        }
    }

    @Test
    void eclipticImagesTakeOnlyNativePositions() throws IOException {
        Path f = image("ecliptic.fits", h -> cd(h).card("CTYPE1", "ELON-TAN").card("CTYPE2", "ELAT-TAN"));
        try (FitsMosaic m = FitsMosaic.open(f)) {
            assertFalse(m.frame().convertible());
            StoreException e = assertThrows(StoreException.class, () -> m.pixelOf(150.1, 2.2));
            assertTrue(e.getMessage().contains("ELON/ELAT, which is not converted from ICRS"), e.getMessage());
            double[] p = m.pixelOf(150.1, 2.2, PositionFrame.NATIVE);
            assertEquals(59.5, p[0], 1e-9);
            assertEquals(44.25, p[1], 1e-9);
        }
    }

    @Test
    void icrsPositionsLandWhereAstropyPutsThem() throws IOException {
        Path f = image("fk4-pixels.fits", h -> cd(h).card("EQUINOX", 1950.0));
        try (FitsMosaic m = FitsMosaic.open(f)) {
            double[][] grid = RealHeadersTest.grid(W, H);
            double[][] icrs = m.frame().toIcrs(m.wcs().pixelToWorld(grid[0], grid[1])[0], m.wcs().pixelToWorld(grid[0], grid[1])[1]);
            double[][] astropy = new AstropyReference(tmp).world2pix(f, "0", icrs[0], icrs[1], "icrs", null);
            double[][] ours = m.pixelsOf(icrs[0], icrs[1], PositionFrame.ICRS);
            double worst = 0;
            for (int i = 0; i < grid[0].length; i++) {
                worst = Math.max(worst, Math.hypot(ours[0][i] - astropy[0][i], ours[1][i] - astropy[1][i]));
            }
            // 0.36 arcsec pixels: 5 mas is 0.014 px
            assertTrue(worst < 0.014, "FK4 image, ICRS positions: " + worst + " px from astropy");
        }
    }

    @Test
    void cubePlanesAreSeparateImagesWithTheCelestialWcs() throws IOException {
        int planes = 3;
        Path f = tmp.resolve("cube.fits");
        float[] data = new float[planes * W * H];
        for (int i = 0; i < data.length; i++) {
            data[i] = i;
        }
        TestFits cube = TestFits.cube(-32, W, H, planes)
                .card("CTYPE1", "RA---TAN").card("CTYPE2", "DEC--TAN").card("CTYPE3", "FREQ")
                .card("CRVAL1", 150.1).card("CRVAL2", 2.2).card("CRVAL3", 1.4e9).card("CRPIX1", 60.5).card("CRPIX2", 45.25)
                .card("CRPIX3", 1.0).card("CDELT1", -1e-4).card("CDELT2", 1e-4).card("CDELT3", 1e6);
        cube.data(TestFits.floats(data)).write(f);
        StoreException noPlane = assertThrows(StoreException.class, () -> FitsMosaic.open(f).close());
        assertTrue(noPlane.getMessage().contains("is a cube of 3 planes") && noPlane.getMessage().contains("--plane"), noPlane.getMessage());
        StoreException tooFar = assertThrows(StoreException.class, () -> FitsMosaic.open(f, 3).close());
        assertTrue(tooFar.getMessage().contains("plane 3 does not exist"), tooFar.getMessage());
        try (FitsMosaic m = FitsMosaic.open(f, 2)) {
            float[] c = m.cutout(10, 20, 3, 3);
            assertEquals(2 * W * H + 19 * W + 9, c[0], 0);
            assertEquals("HDU 0 plane 2", m.bandNames().get(0));
            assertEquals(59.5, m.pixelOf(150.1, 2.2, PositionFrame.NATIVE)[0], 1e-9);
        }
        Path coupled = tmp.resolve("coupled.fits");
        TestFits.cube(-32, W, H, planes).card("CTYPE1", "RA---TAN").card("CTYPE2", "DEC--TAN").card("CRVAL1", 150.1)
                .card("CRVAL2", 2.2).card("CRPIX1", 1.0).card("CRPIX2", 1.0).card("CDELT1", -1e-4).card("CDELT2", 1e-4)
                .card("PC1_3", 0.5).data(TestFits.floats(data)).write(coupled);
        try (FitsMosaic m = FitsMosaic.open(coupled, 0)) {
            StoreException e = assertThrows(StoreException.class, m::wcs);
            assertTrue(e.getMessage().contains("PC1_3 couples axis 3"), e.getMessage());
        }
    }

    @Test
    void gzipFilesReadLikeThePlainFileAndLeaveNoTemporaryCopy() throws IOException {
        Path plain = image("plain.fits", SyntheticHeadersTest::cd);
        Path gz = tmp.resolve("plain.fits.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(plain, out);
        }
        Path tmpdir = Path.of(System.getProperty("java.io.tmpdir"));
        long before = countCopies(tmpdir);
        try (FitsMosaic a = FitsMosaic.open(plain); FitsMosaic b = FitsMosaic.open(gz)) {
            assertEquals(before + 1, countCopies(tmpdir));
            assertArrayEquals(a.cutoutSky(150.1, 2.2, 17, 16), b.cutoutSky(150.1, 2.2, 17, 16));
            assertEquals(a.frame(), b.frame());
        }
        assertEquals(before, countCopies(tmpdir), "the temporary copy is deleted on close");
        byte[] bytes = Files.readAllBytes(gz);
        Path truncated = tmp.resolve("truncated.fits.gz");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        StoreException e = assertThrows(StoreException.class, () -> FitsMosaic.open(truncated).close());
        assertTrue(e.getMessage().startsWith(truncated + ": gzip-compressed, but the gzip stream is corrupt or truncated"), e.getMessage());
        assertEquals(before, countCopies(tmpdir), "no copy is left after a failure");
    }

    private static long countCopies(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("cutouts-fits-")).count();
        }
    }

    @Test
    void cutoutsTakeTheCallersSpec() throws IOException {
        Path f = image("spec.fits", SyntheticHeadersTest::cd);
        try (FitsMosaic m = FitsMosaic.open(f)) {
            float[] padded = m.cutoutAllBands(new CutoutSpec(5, 4, EdgePolicy.PAD, -7f), 0, 0);
            assertEquals(-7f, padded[0], 0);
            assertEquals(0f, padded[2 * 5 + 2], 0); // pixel (0, 0)
            CutoutSpec strict = new CutoutSpec(5, 4, EdgePolicy.STRICT, Float.NaN);
            assertThrows(CutoutOutOfBoundsException.class, () -> m.cutoutAllBands(strict, 0, 0));
            assertArrayEquals(m.cutout(30, 40, 5, 4), m.cutoutAllBands(strict, 30, 40));
        }
    }
}
