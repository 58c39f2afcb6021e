package org.cutouts.store;

import org.cutouts.io.StoreException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The header of a NumPy {@code .npy} file (format versions 1.0, 2.0 and 3.0), restricted to what
 * this workbook stores: little-endian float32 ({@code '<f4'}), C order.
 *
 * <p>Reading is defensive: the header is checked against the actual file size before anything is
 * allocated, so a lying header (say, one claiming 10^12 elements) is an error, not an
 * OutOfMemoryError, and a truncated file is reported as such rather than read as a wrong stamp.
 *
 * @param shape      the array shape, slowest axis first (numpy's {@code shape})
 * @param dataOffset where the float32 data starts in the file (a multiple of 64 for files we write)
 */
public record NpyHeader(long[] shape, long dataOffset) {
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** numpy aligns the data to 64 bytes since 1.23; so do we (the spec's minimum is 16). */
    static final int ALIGN = 64;
    /** Headers are small; anything bigger is corrupt. */
    static final int MAX_HEADER = 1 << 20;


    public NpyHeader {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public long elementCount() {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    public long dataBytes() {
        return Math.multiplyExact(elementCount(), 4L);
    }

    /** The header bytes for a float32 C-order array of {@code shape}, padded so the data is 64-byte aligned. */
    public static byte[] encode(long... shape) {
        StringBuilder dims = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            dims.append(shape[i]).append(shape.length == 1 ? "," : (i + 1 < shape.length ? ", " : ""));
        }
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }";
        int prefix = 10; // magic(6) + version(2) + uint16 length
        int total = align(prefix + dict.length() + 1);
        boolean v2 = total - prefix > 0xFFFF;
        if (v2) {
            prefix = 12;
            total = align(prefix + dict.length() + 1);
        }
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) (v2 ? 2 : 1)).put((byte) 0);
        if (v2) {
            b.putInt(total - prefix);
        } else {
            b.putShort((short) (total - prefix));
        }
        b.put(dict.getBytes(StandardCharsets.US_ASCII));
        while (b.position() < total - 1) {
            b.put((byte) ' ');
        }
        b.put((byte) '\n');
        return b.array();
    }

    private static int align(int n) {
        return (n + ALIGN - 1) / ALIGN * ALIGN;
    }

    /**
     * Reads and validates the header of {@code file} through {@code ch}: magic, version, dtype
     * ({@code <f4} only), C order, and that the file holds exactly the data the shape promises.
     */
    public static NpyHeader read(Path file, FileChannel ch) {
        try {
            long size = ch.size();
            if (size < 10) {
                throw new StoreException(file, "not an .npy file: only " + size + " bytes, too short for the NPY magic and header");
            }
            ByteBuffer pre = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, pre, 0, file);
            pre.flip();
            byte[] magic = new byte[6];
            pre.get(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new StoreException(file, "not an .npy file: bad magic bytes " + hex(magic) + " (expected \\x93NUMPY)");
            }
            int major = pre.get() & 0xFF;
            int minor = pre.get() & 0xFF;
            long headerLen;
            int prefix;
            if (major == 1) {
                headerLen = pre.getShort() & 0xFFFF;
                prefix = 10;
            } else if (major == 2 || major == 3) {
                if (size < 12) {
                    throw new StoreException(file, "truncated .npy header");
                }
                headerLen = pre.getInt() & 0xFFFFFFFFL;
                prefix = 12;
            } else {
                throw new StoreException(file, "unsupported .npy format version " + major + "." + minor);
            }
            if (minor != 0) {
                throw new StoreException(file, "unsupported .npy format version " + major + "." + minor + " (numpy writes x.0 only)");
            }
            if (headerLen > MAX_HEADER) {
                throw new StoreException(file, "corrupt .npy header: header length " + headerLen + " bytes is implausible");
            }
            long dataOffset = prefix + headerLen;
            if (dataOffset > size) {
                throw new StoreException(file, "truncated .npy file: header claims " + headerLen + " bytes but the file has " + size);
            }
            ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
            readFully(ch, hb, prefix, file);
            String dict = new String(hb.array(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            long[] shape = parseDict(dict, file);
            NpyHeader h = new NpyHeader(shape, dataOffset);
            long expected;
            try {
                expected = Math.addExact(dataOffset, h.dataBytes());
            } catch (ArithmeticException e) {
                throw new StoreException(file, "corrupt .npy header: shape " + Arrays.toString(shape) + " overflows a 64-bit size");
            }
            if (size < expected) {
                throw new StoreException(file, "truncated .npy file: shape " + Arrays.toString(shape) + " needs "
                        + expected + " bytes but the file has " + size);
            }
            if (size > expected) {
                throw new StoreException(file, "corrupt .npy file: " + (size - expected) + " unexpected bytes after the data of shape "
                        + Arrays.toString(shape));
            }
            return h;
        } catch (IOException e) {
            throw new StoreException(file, "cannot read .npy header", e);
        }
    }

    /** The shape of a {@code '<f4'} C-order header dictionary (with its padding), parsed strictly ({@link NpyDict}). */
    static long[] parseDict(String dict, Path file) {
        NpyDict.Parsed d = NpyDict.parse(file, dict);
        if (!d.descr().equals("<f4")) {
            throw new StoreException(file, "unsupported .npy dtype '" + d.descr() + "': this store holds little-endian float32 ('<f4') only");
        }
        if (d.fortranOrder()) {
            throw new StoreException(file, "unsupported .npy layout: fortran_order is True, only C order is supported");
        }
        return d.shape();
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long pos, Path file) throws IOException {
        long p = pos;
        while (b.hasRemaining()) {
            int n = ch.read(b, p);
            if (n < 0) {
                throw new StoreException(file, "truncated .npy header");
            }
            p += n;
        }
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(String.format("%02x", x & 0xFF));
        }
        return sb.toString();
    }
}
