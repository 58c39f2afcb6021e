package org.cutouts.store;

import org.cutouts.io.AtomicFiles;
import org.cutouts.io.StoreException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.cutouts.data.MosaicSource;

/** Reading and writing float32 {@code .npy} files that {@code numpy.load} opens. */
public final class Npy {
    private Npy() {
    }

    /** Writes {@code data} with {@code shape} atomically (temporary file, then rename). */
    public static void write(Path file, float[] data, long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n + " values, data has " + data.length);
        }
        AtomicFiles.writeChannel(file, ch -> writeTo(ch, data, shape));
    }

    /** Writes header and data through an open channel (no atomicity of its own). */
    static void writeTo(FileChannel ch, float[] data, long... shape) throws IOException {
        byte[] header = NpyHeader.encode(shape);
        ByteBuffer b = ByteBuffer.allocate(header.length + 4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(header);
        b.asFloatBuffer().put(data);
        b.position(0);
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    /** Streams a mosaic into a 2-D {@code .npy} file {@code (height, width)}, strip by strip, atomically. */
    public static void writeMosaic(MosaicSource mosaic, Path file, WriteProgress progress) {
        AtomicFiles.writeChannel(file, ch -> writeMosaicTo(ch, mosaic, progress));
    }

    static void writeMosaicTo(FileChannel ch, MosaicSource mosaic, WriteProgress progress) throws IOException {
        int w = mosaic.width();
        int h = mosaic.height();
        ch.write(ByteBuffer.wrap(NpyHeader.encode(h, w)));
        int strip = Math.max(1, (1 << 22) / w); // about 16 MiB per strip
        float[] rows = new float[strip * w];
        ByteBuffer bytes = ByteBuffer.allocateDirect(4 * strip * w).order(ByteOrder.LITTLE_ENDIAN);
        for (int y = 0; y < h; y += strip) {
            int n = Math.min(strip, h - y);
            mosaic.readRows(y, n, rows, 0);
            bytes.clear();
            bytes.asFloatBuffer().put(rows, 0, n * w);
            bytes.limit(4 * n * w);
            while (bytes.hasRemaining()) {
                ch.write(bytes);
            }
            progress.advanced((long) y + n, h);
        }
    }

    /** Reads a whole float32 {@code .npy} file, which must have exactly {@code expectedShape}. */
    public static float[] read(Path file, long... expectedShape) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            NpyHeader h = NpyHeader.read(file, ch);
            if (expectedShape.length > 0 && !Arrays.equals(h.shape(), expectedShape)) {
                throw new StoreException(file, "wrong shape " + Arrays.toString(h.shape()) + ", expected " + Arrays.toString(expectedShape));
            }
            if (h.elementCount() > Integer.MAX_VALUE - 8) {
                throw new StoreException(file, "array of " + h.elementCount() + " floats is too large to read whole; memory-map it");
            }
            ByteBuffer b = ByteBuffer.allocate((int) h.dataBytes()).order(ByteOrder.LITTLE_ENDIAN);
            long pos = h.dataOffset();
            while (b.hasRemaining()) {
                int r = ch.read(b, pos);
                if (r < 0) {
                    throw new StoreException(file, "truncated .npy file while reading data");
                }
                pos += r;
            }
            b.flip();
            float[] out = new float[(int) h.elementCount()];
            b.asFloatBuffer().get(out);
            return out;
        } catch (NoSuchFileException e) {
            throw new StoreException(file, "file is missing");
        } catch (IOException e) {
            throw new StoreException(file, "cannot read", e);
        }
    }

    /** A float32 array read from an {@code .npy} file, with the shape its header gives. */
    public record NpyArray(long[] shape, float[] data) {
        @Override
        public String toString() {
            return "npy float32 " + Arrays.toString(shape);
        }
    }

    /** Reads a whole float32 {@code .npy} file of any shape (validated as {@link #read} does). */
    public static NpyArray readArray(Path file) {
        return new NpyArray(shape(file), read(file));
    }

    /** The shape in the header of {@code file}, after validating it. */
    public static long[] shape(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return NpyHeader.read(file, ch).shape();
        } catch (NoSuchFileException e) {
            throw new StoreException(file, "file is missing");
        } catch (IOException e) {
            throw new StoreException(file, "cannot read", e);
        }
    }
}
