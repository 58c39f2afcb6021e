package org.cutouts.fits;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cutouts.store.StoreException;

/** Minimal NumPy {@code .npy} (version 1.0, little-endian float32, C order) writing and reading. */
public final class NpyFiles {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    private NpyFiles() {
    }

    /** A float32 array with its shape, C order. */
    public record Array(int[] shape, float[] data) {
        @Override
        public String toString() {
            return "npy float32 " + Arrays.toString(shape);
        }
    }

    /** Writes {@code data} as a float32 {@code .npy} of {@code shape}. */
    public static void writeFloat32(Path file, float[] data, int... shape) {
        long n = 1;
        for (int s : shape) {
            n *= s;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " values, got " + data.length);
        }
        StringBuilder dims = new StringBuilder();
        for (int s : shape) {
            dims.append(s).append(", ");
        }
        String shapeText = shape.length == 1 ? shape[0] + "," : dims.substring(0, Math.max(0, dims.length() - 2));
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + shapeText + "), }";
        int headerLen = MAGIC.length + 2 + dict.length() + 1;
        int pad = (64 - headerLen % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteBuffer buf = ByteBuffer.allocate(MAGIC.length + 2 + header.length() + 4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC).putShort((short) header.length()).put(header.getBytes(StandardCharsets.US_ASCII));
        buf.asFloatBuffer().put(data);
        try {
            Files.write(file, buf.array());
        } catch (IOException e) {
            throw new StoreException(file, "cannot write .npy", e);
        }
    }

    /** Reads a little-endian float32 {@code .npy} in C order. */
    public static Array readFloat32(Path file) {
        try {
            byte[] b = Files.readAllBytes(file);
            if (b.length < 10 || !Arrays.equals(Arrays.copyOf(b, 6), Arrays.copyOf(MAGIC, 6))) {
                throw new StoreException(file, "not a .npy file");
            }
            ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
            int major = b[6];
            int headerLen = major == 1 ? Short.toUnsignedInt(bb.getShort(8)) : bb.getInt(8);
            int start = major == 1 ? 10 : 12;
            String header = new String(b, start, headerLen, StandardCharsets.US_ASCII);
            if (!header.contains("'descr': '<f4'") || header.contains("'fortran_order': True")) {
                throw new StoreException(file, "only little-endian float32 C-order .npy is supported: " + header.trim());
            }
            Matcher m = SHAPE.matcher(header);
            if (!m.find()) {
                throw new StoreException(file, "no shape in .npy header: " + header.trim());
            }
            int[] shape = Arrays.stream(m.group(1).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .mapToInt(Integer::parseInt).toArray();
            long n = 1;
            for (int s : shape) {
                n *= s;
            }
            float[] data = new float[Math.toIntExact(n)];
            bb.position(start + headerLen);
            bb.asFloatBuffer().get(data);
            return new Array(shape, data);
        } catch (IOException e) {
            throw new StoreException(file, "cannot read .npy", e);
        }
    }
}
