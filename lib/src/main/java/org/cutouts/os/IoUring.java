package org.cutouts.os;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;

/**
 * One Linux io_uring instance used for positioned reads only, through raw system calls (no liburing): a
 * caller queues many reads, and one {@code io_uring_enter} submits them all and waits, so the device works on
 * all of them at once. A {@code pread} keeps one read in flight per thread; fadvise(WILLNEED) queues many
 * reads but through the page cache, whose reclaim in a small memory cgroup costs CPU on every page.
 *
 * <p>Not thread-safe: one ring per thread. {@link #readAll} always waits for every read it submitted before it
 * returns or throws, so no buffer is written after it returns.
 */
public final class IoUring implements AutoCloseable {
    static final int SYS_IO_URING_SETUP = 425;
    static final int SYS_IO_URING_ENTER = 426;
    static final int IORING_ENTER_GETEVENTS = 1;
    static final int IORING_FEAT_SINGLE_MMAP = 1;
    static final byte IORING_OP_READ = 22;
    static final long IORING_OFF_SQ_RING = 0;
    static final long IORING_OFF_CQ_RING = 0x8000000L;
    static final long IORING_OFF_SQES = 0x10000000L;
    static final int PROT_READ_WRITE = 3;
    static final int MAP_POPULATE = 0x8000;
    static final int SQE_BYTES = 64;
    static final int CQE_BYTES = 16;
    static final int PARAMS_BYTES = 120;
    static final int EAGAIN = 11;
    static final int EBUSY = 16;

    private static final StructLayout CALL_STATE = Posix.CALL_STATE;
    private static final VarHandle ERRNO = Posix.ERRNO;
    /** {@code long syscall(long number, ...)}: every argument passed as a long, as the kernel reads registers. */
    private static final MethodHandle SYSCALL6 = Posix.handle("syscall", FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_LONG), Posix.ERRNO_OPT, Linker.Option.firstVariadicArg(1));
    /** Ring heads and tails are shared with the kernel: read with acquire, written with release. */
    private static final VarHandle U32 = ValueLayout.JAVA_INT.varHandle();

    private static final class Probe {
        static final String UNAVAILABLE = probe();

        private static String probe() {
            try (IoUring ring = open(2)) {
                return null;
            } catch (RuntimeException | LinkageError e) {
                return e.getMessage();
            }
        }
    }

    private final int fd;
    private final MemorySegment sqRing;
    private final MemorySegment cqRing;
    private final MemorySegment sqes;
    private final long sqRingBytes;
    private final long cqRingBytes;
    private final boolean singleMmap;
    private final int sqEntries;
    private final int sqMask;
    private final int cqMask;
    private final long sqTail;
    private final long cqHead;
    private final long cqTail;
    private final long cqes;
    private final MemorySegment state = Arena.ofAuto().allocate(CALL_STATE);
    private boolean closed;

    private IoUring(int fd, MemorySegment params, MemorySegment sqRing, MemorySegment cqRing, MemorySegment sqes, boolean singleMmap) {
        this.fd = fd;
        this.sqRing = sqRing;
        this.cqRing = cqRing;
        this.sqes = sqes;
        this.sqRingBytes = sqRing.byteSize();
        this.cqRingBytes = cqRing.byteSize();
        this.singleMmap = singleMmap;
        this.sqEntries = params.get(ValueLayout.JAVA_INT, 0);
        this.sqMask = sqRing.get(ValueLayout.JAVA_INT, params.get(ValueLayout.JAVA_INT, 48));
        this.cqMask = cqRing.get(ValueLayout.JAVA_INT, params.get(ValueLayout.JAVA_INT, 88));
        this.sqTail = params.get(ValueLayout.JAVA_INT, 44);
        this.cqHead = params.get(ValueLayout.JAVA_INT, 80);
        this.cqTail = params.get(ValueLayout.JAVA_INT, 84);
        this.cqes = params.get(ValueLayout.JAVA_INT, 100);
        // the submission array maps ring slot i to SQE i, once: slots and SQEs are then used in the same order
        long array = params.get(ValueLayout.JAVA_INT, 64);
        for (int i = 0; i < sqEntries; i++) {
            sqRing.set(ValueLayout.JAVA_INT, array + 4L * i, i);
        }
    }

    /** Whether this kernel lets this process set up a ring (a container may forbid it); checked once. */
    public static boolean available() {
        return Probe.UNAVAILABLE == null;
    }

    /** Why {@link #available()} is false, or empty. */
    public static String unavailableReason() {
        return Probe.UNAVAILABLE == null ? "" : Probe.UNAVAILABLE;
    }

    /** A ring with room for at least {@code entries} reads in flight (rounded up to a power of two by the kernel). */
    @SuppressWarnings("restricted")
    public static IoUring open(int entries) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment state = a.allocate(CALL_STATE);
            MemorySegment params = Arena.ofAuto().allocate(PARAMS_BYTES, 8);
            long fd = (long) SYSCALL6.invokeExact(state, (long) SYS_IO_URING_SETUP, (long) entries, params.address(), 0L, 0L, 0L, 0L);
            if (fd < 0) {
                throw new Posix.NativeFailure("io_uring_setup(" + entries + ") failed with errno " + (int) ERRNO.get(state, 0L));
            }
            int sqEntries = params.get(ValueLayout.JAVA_INT, 0);
            int cqEntries = params.get(ValueLayout.JAVA_INT, 4);
            boolean single = (params.get(ValueLayout.JAVA_INT, 20) & IORING_FEAT_SINGLE_MMAP) != 0;
            long sqBytes = params.get(ValueLayout.JAVA_INT, 64) + 4L * sqEntries;
            long cqBytes = params.get(ValueLayout.JAVA_INT, 100) + (long) CQE_BYTES * cqEntries;
            MemorySegment sq = null;
            MemorySegment cq = null;
            try {
                if (single) {
                    sq = map(state, Math.max(sqBytes, cqBytes), (int) fd, IORING_OFF_SQ_RING);
                    cq = sq;
                } else {
                    sq = map(state, sqBytes, (int) fd, IORING_OFF_SQ_RING);
                    cq = map(state, cqBytes, (int) fd, IORING_OFF_CQ_RING);
                }
                MemorySegment sqes = map(state, (long) SQE_BYTES * sqEntries, (int) fd, IORING_OFF_SQES);
                return new IoUring((int) fd, params, sq, cq, sqes, single);
            } catch (RuntimeException e) {
                unmap(sq);
                if (!single) {
                    unmap(cq);
                }
                Posix.close((int) fd);
                throw e;
            }
        } catch (Posix.NativeFailure e) {
            throw e;
        } catch (Throwable t) {
            throw new Posix.NativeFailure("io_uring_setup failed: " + t, t);
        }
    }

    @SuppressWarnings("restricted")
    private static MemorySegment map(MemorySegment state, long bytes, int fd, long offset) throws Throwable {
        MemorySegment addr = (MemorySegment) Posix.MMAP.invokeExact(state, MemorySegment.NULL, bytes, PROT_READ_WRITE, Posix.MAP_SHARED | MAP_POPULATE, fd, offset);
        if (addr.address() == -1L) {
            throw new Posix.NativeFailure("mmap of an io_uring ring failed with errno " + (int) ERRNO.get(state, 0L));
        }
        return addr.reinterpret(bytes);
    }

    private static void unmap(MemorySegment seg) {
        if (seg == null) {
            return;
        }
        try {
            int rc = (int) Posix.MUNMAP.invokeExact(seg, seg.byteSize());
        } catch (Throwable ignored) {
            // closing after a failure: the first failure is the one reported
        }
    }

    /** The most reads one {@link #readAll} keeps in flight at once. */
    public int depth() {
        return sqEntries;
    }

    /**
     * Reads {@code lengths[i]} bytes at file offset {@code offsets[i]} of descriptor {@code fd} into native memory at
     * address {@code addresses[i]}, for {@code i < n}, with up to {@link #depth()} reads in flight. On return
     * {@code results[i]} is the bytes read (fewer only at the end of the file, or on a partial read the caller
     * completes) or a negative errno. Waits for every read it submitted before it returns or throws.
     */
    public void readAll(int fd, long[] offsets, int[] lengths, long[] addresses, long[] results, int n) {
        if (closed) {
            throw new IllegalStateException("io_uring is closed");
        }
        int submitted = 0;
        int completed = 0;
        int tail = (int) U32.getAcquire(sqRing, sqTail);
        while (completed < n) {
            int queued = 0;
            while (submitted < n && submitted - completed < sqEntries) {
                MemorySegment sqe = sqes.asSlice((long) (tail & sqMask) * SQE_BYTES, SQE_BYTES);
                sqe.fill((byte) 0);
                sqe.set(ValueLayout.JAVA_BYTE, 0, IORING_OP_READ);
                sqe.set(ValueLayout.JAVA_INT, 4, fd);
                sqe.set(ValueLayout.JAVA_LONG, 8, offsets[submitted]);
                sqe.set(ValueLayout.JAVA_LONG, 16, addresses[submitted]);
                sqe.set(ValueLayout.JAVA_INT, 24, lengths[submitted]);
                sqe.set(ValueLayout.JAVA_LONG, 32, submitted);
                tail++;
                submitted++;
                queued++;
            }
            U32.setRelease(sqRing, sqTail, tail);
            // once every read is queued, one wait for all of them; before that, room for the next
            completed += enter(queued, submitted == n ? n - completed : 1, results);
        }
    }

    /** Submits {@code toSubmit} queued reads, waits for at least {@code minComplete} completions, and reaps every completion there is. */
    private int enter(int toSubmit, int minComplete, long[] results) {
        int reaped = 0;
        while (true) {
            long rc;
            try {
                // the kernel counts completions not yet reaped, so wait only for those still missing
                rc = (long) SYSCALL6.invokeExact(state, (long) SYS_IO_URING_ENTER, (long) fd, (long) Math.max(toSubmit, 0),
                        (long) Math.max(minComplete - reaped, 0),
                        (long) IORING_ENTER_GETEVENTS, 0L, 0L);
            } catch (Throwable t) {
                throw new Posix.NativeFailure("io_uring_enter failed: " + t, t);
            }
            if (rc >= 0) {
                toSubmit -= (int) rc;
            } else {
                int errno = (int) ERRNO.get(state, 0L);
                if (errno != Posix.EINTR && errno != EAGAIN && errno != EBUSY) {
                    throw new Posix.NativeFailure("io_uring_enter failed with errno " + errno);
                }
            }
            reaped += reap(results);
            if (toSubmit <= 0 && reaped >= minComplete) {
                return reaped;
            }
        }
    }

    private int reap(long[] results) {
        int head = cqRing.get(ValueLayout.JAVA_INT, cqHead);
        int tail = (int) U32.getAcquire(cqRing, cqTail);
        int n = 0;
        for (; head != tail; head++, n++) {
            long cqe = cqes + (long) (head & cqMask) * CQE_BYTES;
            long id = cqRing.get(ValueLayout.JAVA_LONG, cqe);
            results[(int) id] = cqRing.get(ValueLayout.JAVA_INT, cqe + 8);
        }
        U32.setRelease(cqRing, cqHead, head);
        return n;
    }

    /** Unmaps the rings and closes the ring's descriptor; a second call does nothing. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        unmap(sqes);
        unmap(sqRing);
        if (!singleMmap) {
            unmap(cqRing);
        }
        Posix.close(fd);
    }

    /** Bytes mapped for the rings: what one ring costs besides its descriptor. */
    public long mappedBytes() {
        return sqes.byteSize() + sqRingBytes + (singleMmap ? 0 : cqRingBytes);
    }

    /** {@code path} opened read-only with {@code O_DIRECT} (reads bypass the page cache), or -1 when its file system refuses it. */
    public static int openDirect(Path path) {
        return Posix.openReadOnlyDirect(path);
    }
}
