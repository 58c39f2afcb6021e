package org.cutouts.store;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import org.cutouts.io.StoreException;
import org.cutouts.os.Posix;

/**
 * The explicit read path of the mapped stores ({@link ReadOptions#explicit()}): positional reads of the store's
 * file instead of page faults on its mapping. A page fault lets the kernel read ahead (up to the device's
 * readahead per fault); an explicit read reads the pages it spans and no more, which is what a cold cutout of a
 * data set larger than memory should cost.
 *
 * <p>A batch announces its byte ranges first. With the ring ({@link ReadOptions#ring()}, the default where the
 * kernel allows io_uring) {@link #prefetch} reads them all at once into the thread's staging buffer, straight
 * from the device ({@code O_DIRECT}), and the copies that follow find them there. Without it, the ranges are
 * advised {@code POSIX_FADV_WILLNEED} and each copy {@code pread}s through the page cache on a descriptor with
 * readahead off ({@code POSIX_FADV_RANDOM}).
 *
 * <p>Offsets are relative to {@code base}, the file offset where the mapped data starts, so a store passes
 * the same offsets it would use on its mapping.
 */
final class ExplicitReads implements AutoCloseable {
    /** A span this much larger than its rows is still read in one call: a syscall costs more than a few KiB of copy. */
    private static final long SPAN_SLACK = 64 << 10;
    private static final ThreadLocal<MemorySegment[]> SCRATCH = ThreadLocal.withInitial(() -> new MemorySegment[1]);

    /** Staged ranges are aligned to this for {@code O_DIRECT} (a multiple of any logical block size up to 4 KiB). */
    static final long ALIGN = 4096;
    /**
     * A batch stages at most this much per reading thread; a larger one goes through the page cache ({@link #prefetch}).
     * A batch of 32 tiled cutouts needs about 1.3 MiB; 32 row-major ones 8 MiB (64 rows of 4 KiB blocks each), and 8
     * threads staging that much took more than the 64 MiB of native memory a JVM with {@code -Xmx64m} allows.
     */
    static final long MAX_STAGED = 4L << 20;
    /** Reads one ring keeps in flight: more than a batch of 32 cutouts needs (2 x 2 tiles each at most). */
    static final int RING_DEPTH = 128;

    private final Path file;
    private final int fd;
    private final long base;
    /** {@code O_DIRECT} descriptor of the ring path, or -1 (no ring, or a file system without direct I/O: the ring then reads through the page cache). */
    private final int directFd;
    /** Whether a batch's ranges are read through per-thread io_uring rings ({@link #prefetch}) rather than advised ({@link #willNeed}). */
    private final boolean ring;
    /** Each reading thread's ring and staged ranges, closed with this; entries of finished threads are closed as new ones come. */
    private final java.util.concurrent.ConcurrentHashMap<Thread, Lane> lanes = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean closed;
    /**
     * Reads between their open check and the end of their {@code pread}. {@link #close()} waits for them
     * before it releases the descriptor: the kernel hands a closed descriptor's number to the next file
     * opened, and a read that raced the close would read that file's bytes as pixels.
     */
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();

    private ExplicitReads(Path file, int fd, long base, int directFd, boolean ring) {
        this.file = file;
        this.fd = fd;
        this.base = base;
        this.directFd = directFd;
        this.ring = ring;
    }

    /** {@link #open(Path, long, boolean)} without the ring: each batch's ranges advised WILLNEED, then read with {@code pread}. */
    static ExplicitReads open(Path file, long base) {
        return open(file, base, false);
    }

    /**
     * Opens a second, read-only descriptor on {@code file} with readahead off; the mapped data starts at {@code base}.
     * With {@code ring}, a batch's ranges are read at once through io_uring, with {@code O_DIRECT} where the file
     * system allows it ({@link #prefetch}), when this kernel allows io_uring (else as without; {@link #ring()} says).
     */
    static ExplicitReads open(Path file, long base, boolean ring) {
        ring &= org.cutouts.os.IoUring.available();
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
        int direct = -1;
        if (ring) {
            try {
                direct = org.cutouts.os.IoUring.openDirect(file);
            } catch (Posix.NativeFailure e) {
                Posix.close(fd);
                throw new StoreException(file, "cannot open for direct reads", e);
            }
        }
        return new ExplicitReads(file, fd, base, direct, ring);
    }

    /** Whether batches are read through io_uring ({@link #prefetch}). */
    boolean ring() {
        return ring;
    }

    /** Whether the ring reads bypass the page cache ({@code O_DIRECT}). */
    boolean direct() {
        return directFd >= 0;
    }

    /**
     * One reading thread's ring, the ranges its last {@link #prefetch} announced ({@code all*}: offsets as for
     * {@link #read}, aligned, ascending, disjoint), and the chunk of them staged now: ranges {@code first} to
     * {@code first + n - 1}, range {@code first + i} ending at {@code to[i]} (earlier when the file ends) and held
     * in {@code buf} at {@code at[i]}.
     */
    private static final class Lane {
        final org.cutouts.os.IoUring ring = org.cutouts.os.IoUring.open(RING_DEPTH);
        MemorySegment buf;
        /** Set when the staging buffer could not be allocated: asking again each batch would cost a GC each time. */
        boolean noStaging;
        long[] allFrom = new long[0];
        long[] allTo = new long[0];
        int all;
        int first;
        long[] to = new long[0];
        long[] at = new long[0];
        int n;

        /** The announced range holding {@code [src, src + len)}, or -1. */
        int range(long src, long len) {
            int lo = 0;
            int hi = all - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (allFrom[mid] <= src) {
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return hi >= 0 && src + len <= allTo[hi] ? hi : -1;
        }

        /** Where {@code [src, src + len)} of announced range {@code r} is in {@link #buf}, or -1 when that range is not staged (or ends early). */
        long find(int r, long src, long len) {
            int i = r - first;
            return i >= 0 && i < n && src + len <= to[i] ? at[i] + (src - allFrom[r]) : -1;
        }
    }

    /** The calling thread's lane, made on first use; lanes of threads that have ended are closed here. */
    private Lane lane() {
        Thread me = Thread.currentThread();
        Lane l = lanes.get(me);
        if (l != null) {
            return l;
        }
        lanes.entrySet().removeIf(e -> {
            if (e.getKey().isAlive()) {
                return false;
            }
            e.getValue().ring.close();
            return true;
        });
        l = new Lane();
        lanes.put(me, l);
        return l;
    }

    /**
     * Announces the byte ranges {@code [starts[i], ends[i])} (offsets as for {@link #read}, any order) that this
     * thread is about to copy: sorted, merged, widened to {@link #ALIGN} for direct I/O, and read now, all at once,
     * through this thread's io_uring ring into its staging buffer, where this thread's following {@link #read}s,
     * {@link #readRows} and {@link #fill}s find them. One thread so keeps a batch's reads in flight without the
     * page cache. A batch needing more than {@link #MAX_STAGED} (a row-major batch: each 256-byte row is a 4 KiB
     * block) is advised {@link #willNeed} instead and read through the page cache, where neighbouring cutouts share
     * pages; staging it in pieces re-read ranges, since its copies do not follow file order. Without the ring this is
     * {@link #willNeed}.
     */
    void prefetch(long[] starts, long[] ends, int n) {
        if (!ring) {
            willNeed(starts, ends, n);
            return;
        }
        if (n == 0) {
            return;
        }
        inFlight.incrementAndGet();
        try {
            if (closed) {
                throw new StoreException(file, "store is closed");
            }
            Lane lane = lane();
            lane.all = 0; // stale until this batch's ranges are in
            lane.n = 0;
            long[] from = new long[n];
            long[] to = new long[n];
            int[] m = {0};
            union(starts, ends, n, (a, b) -> {
                long fa = Math.floorDiv(base + a, ALIGN) * ALIGN - base;
                long fb = Math.ceilDiv(base + b, ALIGN) * ALIGN - base;
                if (m[0] > 0 && fa <= to[m[0] - 1]) {
                    to[m[0] - 1] = Math.max(to[m[0] - 1], fb); // widening made neighbours touch
                } else {
                    from[m[0]] = fa;
                    to[m[0]] = fb;
                    m[0]++;
                }
            });
            long total = 0;
            for (int i = 0; i < m[0]; i++) {
                total += to[i] - from[i];
            }
            if (total > MAX_STAGED || lane.noStaging) {
                willNeed(starts, ends, n);
                return;
            }
            lane.allFrom = from;
            lane.allTo = to;
            lane.all = m[0];
            stage(lane, 0);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** Reads announced ranges {@code first}, {@code first + 1}, ... into the lane's buffer, as many as fit {@link #MAX_STAGED}, all in flight at once. */
    private void stage(Lane lane, int first) {
        lane.n = 0;
        int k = first;
        long total = 0;
        while (k < lane.all && total + (lane.allTo[k] - lane.allFrom[k]) <= MAX_STAGED) {
            total += lane.allTo[k] - lane.allFrom[k];
            k++;
        }
        int count = k - first;
        if (count == 0) {
            return;
        }
        if (lane.buf == null || lane.buf.byteSize() < total) {
            try {
                // 1 MiB, else straight to the cap: one reallocation at most
                lane.buf = Arena.ofAuto().allocate(total <= 1 << 20 ? 1 << 20 : MAX_STAGED, ALIGN);
            } catch (OutOfMemoryError e) {
                // native memory is short (-XX:MaxDirectMemorySize): this thread's batches go through the page cache
                lane.buf = null;
                lane.all = 0;
                lane.noStaging = true;
                return;
            }
        }
        long[] offsets = new long[count];
        int[] lengths = new int[count];
        long[] addresses = new long[count];
        long[] at = new long[count];
        long[] ends = new long[count];
        long pos = 0;
        for (int i = 0; i < count; i++) {
            offsets[i] = base + lane.allFrom[first + i];
            lengths[i] = (int) (lane.allTo[first + i] - lane.allFrom[first + i]);
            at[i] = pos;
            addresses[i] = lane.buf.address() + pos;
            pos += lengths[i];
        }
        long[] results = new long[count];
        try {
            lane.ring.readAll(directFd >= 0 ? directFd : fd, offsets, lengths, addresses, results, count);
        } catch (Posix.NativeFailure e) {
            throw new StoreException(file, "io_uring read failed", e);
        }
        for (int i = 0; i < count; i++) {
            if (results[i] < 0) {
                throw new StoreException(file, "io_uring read of " + lengths[i] + " bytes at offset " + offsets[i] + " failed with errno "
                        + -results[i]);
            }
            // a short read ends the staged range: the file ends there (the copy's own read reports it), or the
            // kernel split the read (the copy reads the rest)
            ends[i] = lane.allFrom[first + i] + results[i];
        }
        lane.first = first;
        lane.to = ends;
        lane.at = at;
        lane.n = count;
    }

    /** Where this thread's last {@link #prefetch} staged {@code [src, src + len)}, as a segment starting there, or null. */
    private MemorySegment staged(long src, long len) {
        if (!ring) {
            return null;
        }
        Lane lane = lanes.get(Thread.currentThread());
        if (lane == null || lane.all == 0) {
            return null;
        }
        int r = lane.range(src, len);
        long at = r < 0 ? -1 : lane.find(r, src, len);
        return at < 0 ? null : lane.buf.asSlice(at, len);
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
        MemorySegment staged = staged(src, span);
        if (staged != null) {
            copyRows(staged, 0, rowStep, len, rows, out, outByte, outStep);
            return;
        }
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
        MemorySegment staged = staged(src, len);
        if (staged != null) {
            return staged;
        }
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
        try {
            for (Lane l : lanes.values()) {
                l.ring.close();
            }
            lanes.clear();
            if (directFd >= 0) {
                Posix.close(directFd);
            }
        } finally {
            Posix.close(fd);
        }
    }
}
