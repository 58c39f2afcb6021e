package org.cutouts.store;

import org.cutouts.io.StoreException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The header of {@code mosaic.nd4j} as {@code Nd4j.write} lays it out for a 2-D float32 C-order array,
 * checked field by field against the manifest's shape and the file size before ND4J reads the file:
 * ND4J trusts its length and shape fields and allocates or writes native memory from them, so one
 * lying field is a multi-GB allocation or a JVM crash. Big-endian throughout: the shape-information
 * buffer (allocation mode, length 8, "LONG", rank, shape, strides, extras, element-wise stride, order),
 * then the data buffer (allocation mode, element count, "FLOAT"), then the pixels.
 */
final class Nd4jTensorFile {
    static final String ALLOCATION = "MIXED_DATA_TYPES";
    /** ND4J's shape-information "extras" flag for a float32 array. */
    static final long EXTRAS_FLOAT = 8192;
    private static final int MAX_HEADER = 256;

    private Nd4jTensorFile() {
    }

    /** Throws unless {@code file} is exactly a {@code height x width} float32 C-order tensor as this store writes it. */
    static void validate(Path file, FileChannel ch, int width, int height) throws IOException {
        long size = ch.size();
        ByteBuffer b = ByteBuffer.allocate((int) Math.min(size, MAX_HEADER)).order(ByteOrder.BIG_ENDIAN);
        while (b.hasRemaining() && ch.read(b, b.position()) >= 0) {
            // read the header bytes the file has
        }
        b.flip();
        Reader r = new Reader(file, b);
        r.text("shape allocation mode", ALLOCATION);
        r.number("shape-information length", 8);
        r.text("shape-information type", "LONG");
        r.number("rank", 2);
        r.number("height", height);
        r.number("width", width);
        r.number("row stride", width);
        r.number("column stride", 1);
        r.number("extras (data type flags)", EXTRAS_FLOAT);
        r.number("element-wise stride", 1);
        r.number("order", 'c');
        r.text("data allocation mode", ALLOCATION);
        r.number("data length", (long) width * height);
        r.text("data type", "FLOAT");
        long expected = b.position() + 4L * width * height;
        if (size != expected) {
            throw new StoreException(file, (size < expected ? "truncated" : "corrupt") + " tensor file: " + size + " bytes, a "
                    + height + "x" + width + " float32 tensor is exactly " + expected);
        }
    }

    /** Reads header fields, naming the field and its offset when one is wrong. */
    private record Reader(Path file, ByteBuffer b) {
        void text(String field, String expected) {
            int at = b.position();
            int len = b.remaining() >= 2 ? b.getShort() & 0xFFFF : -1;
            if (len != expected.length() || b.remaining() < len) {
                throw wrong(field, at, "a " + expected.length() + "-byte string", len < 0 ? "end of file" : "length " + len);
            }
            byte[] s = new byte[len];
            b.get(s);
            String got = new String(s, StandardCharsets.ISO_8859_1);
            if (!got.equals(expected)) {
                throw wrong(field, at, "'" + expected + "'", "'" + got.replaceAll("[^\\x20-\\x7e]", "?") + "'");
            }
        }

        void number(String field, long expected) {
            int at = b.position();
            if (b.remaining() < 8) {
                throw wrong(field, at, String.valueOf(expected), "end of file");
            }
            long got = b.getLong();
            if (got != expected) {
                throw wrong(field, at, String.valueOf(expected), String.valueOf(got));
            }
        }

        private StoreException wrong(String field, int at, String expected, String got) {
            return new StoreException(file, "corrupt ND4J tensor header: " + field + " at offset 0x" + Integer.toHexString(at)
                    + " is " + got + ", expected " + expected);
        }
    }
}
