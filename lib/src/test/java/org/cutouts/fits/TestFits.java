package org.cutouts.fits;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Writes small FITS files card by card, so tests control every byte (including broken ones). */
final class TestFits {
    private final List<byte[]> parts = new ArrayList<>();
    private List<String> cards = new ArrayList<>();

    /** Starts the primary header of an image. */
    static TestFits primary(int bitpix, int w, int h) {
        TestFits f = new TestFits();
        f.card("SIMPLE", "T").card("BITPIX", bitpix).card("NAXIS", 2).card("NAXIS1", w).card("NAXIS2", h);
        return f;
    }

    /** Starts the primary header of a cube of {@code planes} images (NAXIS3). */
    static TestFits cube(int bitpix, int w, int h, int planes) {
        TestFits f = new TestFits();
        f.card("SIMPLE", "T").card("BITPIX", bitpix).card("NAXIS", 3).card("NAXIS1", w).card("NAXIS2", h).card("NAXIS3", planes);
        return f;
    }

    /** Starts an empty primary header (NAXIS = 0) for a multi-extension file. */
    static TestFits emptyPrimary() {
        TestFits f = new TestFits();
        f.card("SIMPLE", "T").card("BITPIX", 8).card("NAXIS", 0).card("EXTEND", "T");
        return f;
    }

    /** Ends the current header (with END) and starts an IMAGE extension header. */
    TestFits extension(int bitpix, int w, int h) {
        endHeader(true);
        cards = new ArrayList<>();
        card("XTENSION", "'IMAGE   '").card("BITPIX", bitpix).card("NAXIS", 2).card("NAXIS1", w).card("NAXIS2", h)
                .card("PCOUNT", 0).card("GCOUNT", 1);
        return this;
    }

    TestFits card(String key, Object value) {
        String v = value instanceof Double d ? String.format(Locale.ROOT, "%.17G", d).replace("E+", "E+") : String.valueOf(value);
        if (value instanceof String s && !s.startsWith("'") && !s.equals("T") && !s.equals("F")) {
            v = "'" + s + "'";
        }
        cards.add(String.format(Locale.ROOT, "%-8s= %20s", key, v));
        return this;
    }

    /** Appends one card exactly as given (up to 80 characters), e.g. from a real header. */
    TestFits raw(String card) {
        cards.add(card);
        return this;
    }

    TestFits sky(double ra, double dec, double crpix1, double crpix2, double scaleDeg) {
        return card("CTYPE1", "RA---TAN").card("CTYPE2", "DEC--TAN").card("CRVAL1", ra).card("CRVAL2", dec)
                .card("CRPIX1", crpix1).card("CRPIX2", crpix2).card("CD1_1", -scaleDeg).card("CD1_2", 0.0)
                .card("CD2_1", 0.0).card("CD2_2", scaleDeg);
    }

    /** Ends the header (with or without END) and appends the data bytes, padded to 2880. */
    TestFits data(ByteBuffer bytes, boolean withEnd) {
        endHeader(withEnd);
        byte[] b = new byte[bytes.remaining()];
        bytes.get(b);
        parts.add(padded(b, (byte) 0));
        cards = null;
        return this;
    }

    TestFits data(ByteBuffer bytes) {
        return data(bytes, true);
    }

    private void endHeader(boolean withEnd) {
        if (cards == null) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        for (String c : cards) {
            sb.append(String.format(Locale.ROOT, "%-80s", c));
        }
        if (withEnd) {
            sb.append(String.format(Locale.ROOT, "%-80s", "END"));
        }
        parts.add(padded(sb.toString().getBytes(StandardCharsets.US_ASCII), (byte) ' '));
        cards = null;
    }

    Path write(Path file) throws IOException {
        endHeader(true);
        int n = parts.stream().mapToInt(p -> p.length).sum();
        ByteBuffer all = ByteBuffer.allocate(n);
        parts.forEach(all::put);
        Files.write(file, all.array());
        return file;
    }

    private static byte[] padded(byte[] b, byte pad) {
        int n = (b.length + 2879) / 2880 * 2880;
        byte[] out = java.util.Arrays.copyOf(b, n);
        java.util.Arrays.fill(out, b.length, n, pad);
        return out;
    }

    static ByteBuffer shorts(short... v) {
        ByteBuffer b = ByteBuffer.allocate(2 * v.length);
        for (short s : v) {
            b.putShort(s);
        }
        return b.flip();
    }

    static ByteBuffer ints(int... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length);
        for (int s : v) {
            b.putInt(s);
        }
        return b.flip();
    }

    static ByteBuffer floats(float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length);
        for (float s : v) {
            b.putFloat(s);
        }
        return b.flip();
    }

    static ByteBuffer doubles(double... v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length);
        for (double s : v) {
            b.putDouble(s);
        }
        return b.flip();
    }
}
