package org.cutouts.store;

import org.cutouts.io.StoreException;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;
import org.cutouts.data.MosaicSource;

/**
 * A 2-D float32 {@code .npy} file mapped read-only through the FFM API. A {@link MemorySegment} is
 * addressed with longs, so mosaics far above the 2 GiB limit of a {@code MappedByteBuffer} map in
 * one piece. Only the pages a cutout touches are ever read from disk.
 *
 * <p>Safe for concurrent reads; {@link #close()} unmaps (later reads fail with a StoreException).
 */
public final class MappedNpy implements MosaicSource, AutoCloseable, BatchGather.Raster {
    /** Little-endian float32 at any byte offset (a mosaic row need not be 4-byte aligned relative to the page). */
    static final ValueLayout.OfFloat LE_FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);


    private final Path file;
    private final MappedFile mapped;
    private final MemorySegment data;
    private final int width;
    private final int height;
    private final long rowBytes;
    /** Where the pixels start in the file (the mapping's offset). */
    private final long dataOffset;
    private String refusedAdvice = "";
    /** Non-null when pixels are copied with explicit reads instead of through the mapping. */
    private ExplicitReads explicit;

    private MappedNpy(MappedFile mapped, MemorySegment data, long dataOffset, int width, int height) {
        this.file = mapped.file;
        this.dataOffset = dataOffset;
        this.mapped = mapped;
        this.data = data;
        this.width = width;
        this.height = height;
        this.rowBytes = 4L * width;
    }

    /**
     * Maps a raw little-endian float32 C-order raster of {@code height x width} that starts at byte
     * {@code offset} of {@code file} (the HDF5 direct path: a contiguous dataset's data address).
     */
    static MappedNpy mapRaw(Path file, long offset, int width, int height, ReadOptions options) {
        if (width <= 0 || height <= 0 || offset < 0) {
            throw new StoreException(file, "unsupported raster " + width + "x" + height + " at offset " + offset);
        }
        long bytes = 4L * width * height;
        return withMapping(file, (ch, mf) -> {
            if (ch.size() < offset + bytes) {
                throw new StoreException(file, "truncated: the " + height + "x" + width + " float32 raster at offset " + offset
                        + " needs " + (offset + bytes) + " bytes, the file has " + ch.size());
            }
            MemorySegment seg = ch.map(FileChannel.MapMode.READ_ONLY, offset, bytes, mf.arena);
            mf.mappedTo(offset + bytes);
            MappedNpy m = new MappedNpy(mf, seg, offset, width, height);
            m.refusedAdvice = options.apply(seg);
            mf.choose(options, offset, 0);
            m.explicit = mf.explicit();
            return m;
        });
    }

    /** Maps {@code file} and applies {@code options}' madvise advice and prefault. */
    static MappedNpy open(Path file, ReadOptions options) {
        MappedNpy m = open(file);
        try {
            m.refusedAdvice = options.apply(m.data);
            m.mapped.choose(options, m.dataOffset, 0);
            m.explicit = m.mapped.explicit();
            return m;
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /** Advice the kernel refused at open ("" when all was accepted). */
    public String refusedAdvice() {
        return refusedAdvice;
    }

    /** The read path chosen at open (by the options, or measured under {@code auto}). */
    public ReadChoice readChoice() {
        return mapped.choice();
    }

    /** What to do with an open file and the arena its mapping will live in (both in {@code mapped}). */
    @FunctionalInterface
    interface MappingBody<T> {
        T map(FileChannel channel, MappedFile mapped) throws IOException;
    }

    /**
     * Opens {@code file}, runs {@code body} with a shared arena, and closes the arena (unmapping
     * whatever was mapped) when the body fails; every failure names the file. The one place where
     * the memory-mapped stores open their files.
     */
    static <T> T withMapping(Path file, MappingBody<T> body) {
        org.cutouts.io.RegularFiles.require(file); // never a FIFO (the open would block) nor a link out of the store
        RandomAccessFile raf;
        try {
            raf = new RandomAccessFile(file.toFile(), "r");
        } catch (FileNotFoundException e) {
            throw new StoreException(file, "file is missing or unreadable", e);
        }
        MappedFile mapped = new MappedFile(file, Arena.ofShared(), raf);
        try {
            return body.map(raf.getChannel(), mapped);
        } catch (IOException e) {
            mapped.close();
            throw new StoreException(file, "cannot map", e);
        } catch (RuntimeException e) {
            mapped.close();
            throw e;
        }
    }

    /** Maps {@code file}, which must hold a 2-D {@code '<f4'} C-order array. */
    public static MappedNpy open(Path file) {
        return withMapping(file, (ch, mf) -> {
            NpyHeader h = NpyHeader.read(file, ch);
            long[] s = h.shape();
            if (s.length != 2) {
                throw new StoreException(file, "expected a 2-D mosaic, the header has shape " + Arrays.toString(s));
            }
            if (s[0] <= 0 || s[1] <= 0 || s[0] > Integer.MAX_VALUE || s[1] > Integer.MAX_VALUE) {
                throw new StoreException(file, "unsupported mosaic shape " + Arrays.toString(s));
            }
            MemorySegment seg = ch.map(FileChannel.MapMode.READ_ONLY, h.dataOffset(), h.dataBytes(), mf.arena);
            mf.mappedTo(h.dataOffset() + h.dataBytes());
            return new MappedNpy(mf, seg, h.dataOffset(), (int) s[1], (int) s[0]);
        });
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

    /** Copies an in-bounds rectangle row by row ({@link RowCopy}, or positioned reads on the explicit path). */
    public void copyRect(int x0, int y0, int cols, int rows, float[] dst, int dstOffset, int dstStride) {
        if (x0 < 0 || y0 < 0 || cols < 0 || rows < 0 || (long) x0 + cols > width || (long) y0 + rows > height) {
            throw new IndexOutOfBoundsException("rectangle x[" + x0 + ", " + ((long) x0 + cols) + ") y[" + y0 + ", "
                    + ((long) y0 + rows) + ") outside mosaic " + width + "x" + height + " of " + file);
        }
        if (dstOffset < 0 || rows > 0 && (long) dstOffset + (long) (rows - 1) * dstStride + cols > dst.length) {
            throw new IndexOutOfBoundsException("destination of " + dst.length + " floats cannot hold " + rows + " rows of " + cols
                    + " at offset " + dstOffset + " stride " + dstStride);
        }
        try {
            long src = y0 * rowBytes + 4L * x0;
            if (explicit != null) {
                explicit.readRows(src, rowBytes, 4L * cols, rows, MemorySegment.ofArray(dst), 4L * dstOffset, 4L * dstStride);
                return;
            }
            RowCopy.rows(data, src, rowBytes, dst, dstOffset, dstStride, cols, rows);
        } catch (IllegalStateException | InternalError e) {
            throw accessFailure(file, e);
        }
    }

    @Override
    public void copy(int x0, int y0, int cols, int rows, float[] dst, int dstOffset, int dstStride) {
        copyRect(x0, y0, cols, rows, dst, dstOffset, dstStride);
    }

    @Override
    public long sortKey(int x0, int y0) {
        return y0 * rowBytes + 4L * x0;
    }

    /** Explicit reads: every row of the batch's rectangles requested together (rows that touch merge). */
    @Override
    public void announce(int[] x0, int[] y0, int[] order, int n, int cols, int rows) {
        if (explicit == null || n == 0) {
            return;
        }
        long[] starts = new long[n * rows];
        long[] ends = new long[n * rows];
        int m = 0;
        for (int i = 0; i < n; i++) {
            int k = order[i];
            long src = y0[k] * rowBytes + 4L * x0[k];
            for (int r = 0; r < rows; r++) {
                starts[m] = src;
                ends[m] = src + 4L * cols;
                m++;
                src += rowBytes;
            }
        }
        explicit.prefetch(starts, ends, m);
    }

    /** Loads one byte per cache line of an in-bounds rectangle, so its misses are in flight together. */
    @Override
    public long touch(int x0, int y0, int cols, int rows) {
        long s = 0;
        try {
            long src = y0 * rowBytes + 4L * x0;
            long rowLen = 4L * cols;
            for (int r = 0; r < rows; r++) {
                for (long o = 0; o < rowLen; o += 64) {
                    s += data.get(ValueLayout.JAVA_BYTE, src + o);
                }
                s += data.get(ValueLayout.JAVA_BYTE, src + rowLen - 1);
                src += rowBytes;
            }
        } catch (IllegalStateException | InternalError e) {
            throw accessFailure(file, e);
        }
        return s;
    }

    /**
     * A read through a mapping failed: the mapping was closed, or the file shrank under it (the JVM turns
     * the SIGBUS of a page past the new end of file into an InternalError). Either way, name the file.
     */
    static StoreException accessFailure(Path file, Throwable e) {
        if (e instanceof IllegalStateException) {
            return new StoreException(file, "mapping is closed", e);
        }
        return new StoreException(file, "the mapped file was truncated or replaced after it was opened (access fault)", e);
    }

    @Override
    public String describe() {
        return "memory-mapped " + width + "x" + height + " mosaic " + file.getFileName();
    }

    /** Throws when the file no longer holds the mapped bytes (see {@link MappedFile#checkIntact}). */
    void checkIntact() {
        mapped.checkIntact();
    }

    @Override
    public void close() {
        mapped.close();
    }
}
