package org.cutouts.store;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import org.cutouts.io.StoreException;
import org.cutouts.os.Posix;

/**
 * The explicit read path of the mapped stores ({@link ReadOptions#explicit()}): positional {@code pread}s
 * of the store's file into a per-thread native buffer, then one copy into the caller's array. A page
 * fault on a mapping lets the kernel read ahead (up to the device's readahead per fault); an explicit read
 * on a descriptor advised {@code POSIX_FADV_RANDOM} reads the pages it spans and no more, which is what a
 * cold cutout of a data set larger than memory should cost.
 *
 * <p>Offsets are relative to {@code base}, the file offset where the mapped data starts, so a store passes
 * the same offsets it would use on its mapping.
 */
final class ExplicitReads implements AutoCloseable {
    /** A span this much larger than its rows is still read in one call: a syscall costs more than a few KiB of copy. */
    private static final long SPAN_SLACK = 64 << 10;
    private static final ThreadLocal<MemorySegment[]> SCRATCH = ThreadLocal.withInitial(() -> new MemorySegment[1]);

    private final Path file;
    private final int fd;
    private final long base;
    private volatile boolean closed;
    /**
     * Reads between their open check and the end of their {@code pread}. {@link #close()} waits for them
     * before it releases the descriptor: the kernel hands a closed descriptor's number to the next file
     * opened, and a read that raced the close would read that file's bytes as pixels.
     */
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();

    private ExplicitReads(Path file, int fd, long base) {
        this.file = file;
        this.fd = fd;
        this.base = base;
    }

    /** Opens a second, read-only descriptor on {@code file} with readahead off; the mapped data starts at {@code base}. */
    static ExplicitReads open(Path file, long base) {
        int fd;
        try {
            fd = Posix.openReadOnly(file);
        } catch (Posix.NativeFailure e) {
            throw new StoreException(file, "cannot open for explicit reads", e);
        }
        int rc = Posix.adviseRandom(fd);
        if (rc != 0) {
            Posix.close(fd);
            throw new StoreException(file, "posix_fadvise(RANDOM) refused with errno " + rc);
        }
        return new ExplicitReads(file, fd, base);
    }

    /** Reads {@code len} bytes at {@code src} into {@code out} at {@code outByte}. */
    void read(long src, MemorySegment out, long outByte, long len) {
        MemorySegment buf = fill(src, len);
        MemorySegment.copy(buf, 0, out, outByte, len);
    }

    /**
     * Reads {@code rows} pieces of {@code len} bytes, {@code rowStep} apart in the file, into {@code out}
     * {@code outStep} apart: one read of the whole span when it is not much larger than the rows (the rows
     * of one tile), else one read per row (the rows of a row-major mosaic, a whole mosaic row apart).
     */
    void readRows(long src, long rowStep, long len, int rows, MemorySegment out, long outByte, long outStep) {
        if (rows <= 0 || len <= 0) {
            return;
        }
        long span = (rows - 1) * rowStep + len;
        if (span <= rows * len + SPAN_SLACK) {
            copyRows(fill(src, span), 0, rowStep, len, rows, out, outByte, outStep);
            return;
        }
        for (int r = 0; r < rows; r++) {
            read(src + r * rowStep, out, outByte + r * outStep, len);
        }
    }

    /** Copies {@code rows} pieces of {@code len} bytes, {@code rowStep} apart in {@code from} from {@code at}, to {@code out} {@code outStep} apart. */
    static void copyRows(MemorySegment from, long at, long rowStep, long len, int rows, MemorySegment out, long outByte, long outStep) {
        for (int r = 0; r < rows; r++) {
            MemorySegment.copy(from, at + r * rowStep, out, outByte + r * outStep, len);
        }
    }

    /**
     * Starts reading the byte ranges {@code [starts[i], ends[i])} (offsets as for {@link #read}, any order)
     * without waiting for them: sorted, merged where they touch or overlap, and each merged run advised
     * {@code POSIX_FADV_WILLNEED}, which queues its reads in the kernel and returns. The reads that follow
     * then wait for pages already on their way instead of each waiting for the device in turn, so one
     * thread keeps a whole batch's reads in flight. The device reads the same pages it would have read.
     * A refused advice loses only the overlap, so it is not an error.
     */
    void willNeed(long[] starts, long[] ends, int n) {
        if (n == 0) {
            return;
        }
        inFlight.incrementAndGet();
        try {
            if (closed) {
                return;
            }
            union(starts, ends, n, (from, to) -> Posix.adviseWillNeed(fd, base + from, to - from));
        } catch (Posix.NativeFailure ex) {
            throw new StoreException(file, "posix_fadvise(WILLNEED) failed", ex);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** Receives one merged range {@code [from, to)}. */
    @FunctionalInterface
    interface RangeSink {
        void accept(long from, long to);
    }

    /**
     * The union of the ranges {@code [starts[i], ends[i])}, {@code i < n}, as disjoint ranges in ascending
     * order; ranges that overlap or only touch become one. Empty ranges are dropped.
     */
    static void union(long[] starts, long[] ends, int n, RangeSink sink) {
        // a sweep over the sorted starts and the sorted ends; at equal offsets a start goes first, so that
        // touching ranges merge
        long[] s = java.util.Arrays.copyOf(starts, n);
        long[] e = java.util.Arrays.copyOf(ends, n);
        java.util.Arrays.sort(s);
        java.util.Arrays.sort(e);
        int active = 0;
        long runStart = 0;
        for (int i = 0, j = 0; j < n; ) {
            if (i < n && s[i] <= e[j]) {
                if (active++ == 0) {
                    runStart = s[i];
                }
                i++;
            } else {
                if (--active == 0 && e[j] > runStart) {
                    sink.accept(runStart, e[j]);
                }
                j++;
            }
        }
    }

    /**
     * The calling thread's buffer holding {@code len} bytes of the file at {@code src}: valid until the
     * thread's next read (the tile cache copies a tile out of it).
     */
    MemorySegment fill(long src, long len) {
        MemorySegment[] slot = SCRATCH.get();
        if (slot[0] == null || slot[0].byteSize() < len) {
            slot[0] = Arena.ofAuto().allocate(Math.max(len, 64 << 10), 4096);
        }
        long n;
        inFlight.incrementAndGet();
        try {
            // checked after registering: close() sets the flag before it waits, so either this read sees
            // the flag, or close() sees this read and waits for it
            if (closed) {
                throw new StoreException(file, "store is closed");
            }
            n = Posix.pread(fd, slot[0], len, base + src, file);
        } catch (Posix.NativeFailure e) {
            throw new StoreException(file, "explicit read failed", e);
        } finally {
            inFlight.decrementAndGet();
        }
        if (n < len) {
            throw new StoreException(file, "truncated: the store needs " + len + " bytes at offset " + (base + src) + " but the file ends after "
                    + n + " of them");
        }
        return slot[0];
    }

    /** Refuses new reads, waits for the reads under way, then closes the descriptor; a second call does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // a pread of a cutout's bytes takes microseconds to milliseconds: a short spin, then short sleeps
        for (int spins = 0; inFlight.get() > 0; spins++) {
            if (spins < 100) {
                Thread.onSpinWait();
            } else {
                java.util.concurrent.locks.LockSupport.parkNanos(50_000);
            }
        }
        Posix.close(fd);
    }
}
