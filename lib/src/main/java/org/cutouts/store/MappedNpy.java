package org.cutouts.store;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.cutouts.data.MosaicSource;

/**
 * A 2-D float32 {@code .npy} file mapped read-only through the FFM API. A {@link MemorySegment} is
 * addressed with longs, so mosaics far above the 2 GiB limit of a {@code MappedByteBuffer} map in
 * one piece. Only the pages a cutout touches are ever read from disk.
 *
 * <p>Safe for concurrent reads; {@link #close()} unmaps (later reads fail with a StoreException).
 */
public final class MappedNpy implements MosaicSource, AutoCloseable {
    /** Little-endian float32 at any byte offset (a mosaic row need not be 4-byte aligned relative to the page). */
    static final ValueLayout.OfFloat LE_FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final Path file;
    private final Arena arena;
    private final MemorySegment data;
    private final int width;
    private final int height;
    private final long rowBytes;

    private MappedNpy(Path file, Arena arena, MemorySegment data, int width, int height) {
        this.file = file;
        this.arena = arena;
        this.data = data;
        this.width = width;
        this.height = height;
        this.rowBytes = 4L * width;
    }

    /** Maps {@code file}, which must hold a 2-D {@code '<f4'} C-order array. */
    public static MappedNpy open(Path file) {
        Arena arena = Arena.ofShared();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            NpyHeader h = NpyHeader.read(file, ch);
            long[] s = h.shape();
            if (s.length != 2) {
                throw new StoreException(file, "expected a 2-D mosaic, the header has shape " + Arrays.toString(s));
            }
            if (s[0] <= 0 || s[1] <= 0 || s[0] > Integer.MAX_VALUE || s[1] > Integer.MAX_VALUE) {
                throw new StoreException(file, "unsupported mosaic shape " + Arrays.toString(s));
            }
            MemorySegment seg = ch.map(FileChannel.MapMode.READ_ONLY, h.dataOffset(), h.dataBytes(), arena);
            return new MappedNpy(file, arena, seg, (int) s[1], (int) s[0]);
        } catch (NoSuchFileException e) {
            arena.close();
            throw new StoreException(file, "file is missing");
        } catch (IOException e) {
            arena.close();
            throw new StoreException(file, "cannot map", e);
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    public Path file() {
        return file;
    }

    /** The mapped pixel data (no header): {@code height * width} little-endian floats. */
    public MemorySegment segment() {
        return data;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public void readRows(int y0, int rows, float[] dst, int offset) {
        copyRect(0, y0, width, rows, dst, offset, width);
    }

    /** Copies an in-bounds rectangle, one bulk copy per row. */
    public void copyRect(int x0, int y0, int cols, int rows, float[] dst, int dstOffset, int dstStride) {
        if (x0 < 0 || y0 < 0 || cols < 0 || rows < 0 || (long) x0 + cols > width || (long) y0 + rows > height) {
            throw new IndexOutOfBoundsException("rectangle x[" + x0 + ", " + ((long) x0 + cols) + ") y[" + y0 + ", "
                    + ((long) y0 + rows) + ") outside mosaic " + width + "x" + height + " of " + file);
        }
        try {
            long src = y0 * rowBytes + 4L * x0;
            for (int r = 0; r < rows; r++) {
                MemorySegment.copy(data, LE_FLOAT, src, dst, dstOffset + r * dstStride, cols);
                src += rowBytes;
            }
        } catch (IllegalStateException e) {
            throw new StoreException(file, "mapping is closed", e);
        }
    }

    @Override
    public String describe() {
        return "memory-mapped " + width + "x" + height + " mosaic " + file.getFileName();
    }

    @Override
    public void close() {
        if (arena.scope().isAlive()) {
            arena.close();
        }
    }
}
