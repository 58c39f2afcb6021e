package org.cutouts.os;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;

/**
 * The few libc calls Java has no API for, through the FFM API (Linux, x86_64/aarch64): {@code statx}
 * for allocated blocks, {@code posix_fadvise} to evict a file from the page cache, and
 * {@code mmap}+{@code mincore} to count its resident pages. Every call returns or throws with errno.
 */
public final class Posix {
    static final int O_RDONLY = 0;
    static final int AT_FDCWD = -100;
    static final int AT_SYMLINK_NOFOLLOW = 0x100;
    static final int STATX_BASIC_STATS = 0x7ff;
    public static final int POSIX_FADV_DONTNEED = 4;
    public static final int POSIX_FADV_WILLNEED = 3;
    static final int POSIX_FADV_RANDOM = 1;
    static final int EINTR = 4;
    static final int PROT_READ = 1;
    static final int MAP_SHARED = 1;
    static final int SC_PAGESIZE = 30;
    /** struct statx is architecture independent: stx_size at 40, stx_blocks at 48, 256 bytes in all. */
    static final long STATX_SIZE_OFFSET = 40;
    static final long STATX_BLOCKS_OFFSET = 48;
    static final long STATX_MODE_OFFSET = 28;
    static final long STATX_NLINK_OFFSET = 16;
    static final long STATX_BYTES = 256;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    static final Linker.Option ERRNO_OPT = Linker.Option.captureCallState("errno");

    private static final MethodHandle OPEN = handle("open", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT), ERRNO_OPT, Linker.Option.firstVariadicArg(2));
    private static final MethodHandle CLOSE = handle("close", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle FDATASYNC = handle("fdatasync", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT), ERRNO_OPT);
    private static final MethodHandle SYNCFS = handle("syncfs", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT), ERRNO_OPT);
    private static final MethodHandle FADVISE = handle("posix_fadvise", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
            ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
    private static final MethodHandle STATX = handle("statx", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
            ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS), ERRNO_OPT);
    static final MethodHandle MMAP = handle("mmap", FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS,
            ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG), ERRNO_OPT);
    static final MethodHandle MUNMAP = handle("munmap", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
    private static final MethodHandle MINCORE = handle("mincore", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
            ValueLayout.JAVA_LONG, ValueLayout.ADDRESS), ERRNO_OPT);
    private static final MethodHandle PREAD = handle("pread", FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT,
            ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG), ERRNO_OPT);
    private static final MethodHandle SYSCONF = handle("sysconf", FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));

    private static final long PAGE_SIZE = sysconf(SC_PAGESIZE);
    /** errno of calls made per cutout (pread): allocating the call state per call would cost more than the call. */
    private static final ThreadLocal<MemorySegment> THREAD_STATE = ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(CALL_STATE));

    private Posix() {
    }

    /** A downcall handle to libc's {@code name}; the other classes of this package use it too. */
    @SuppressWarnings("restricted")
    static MethodHandle handle(String name, FunctionDescriptor fd, Linker.Option... options) {
        MemorySegment sym = LIBC.find(name).orElseThrow(() -> new UnsupportedOperationException("libc has no " + name + "()"));
        return LINKER.downcallHandle(sym, fd, options);
    }

    /** {@code stat}-like numbers for one path (not following a final symlink). */
    public record Stat(long size, long blocks, int mode, long links) {
        public long allocatedBytes() {
            return blocks * 512;
        }

        public boolean isRegularFile() {
            return (mode & 0xF000) == 0x8000;
        }

        public boolean isDirectory() {
            return (mode & 0xF000) == 0x4000;
        }
    }

    public static long pageSize() {
        return PAGE_SIZE;
    }

    private static long sysconf(int name) {
        try {
            long v = (long) SYSCONF.invokeExact(name);
            return v > 0 ? v : 4096;
        } catch (Throwable t) {
            return 4096;
        }
    }

    public static Stat stat(Path path) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment state = a.allocate(CALL_STATE);
            MemorySegment buf = a.allocate(STATX_BYTES, 8);
            int rc = (int) STATX.invokeExact(state, AT_FDCWD, a.allocateFrom(path.toString()), AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, buf);
            if (rc != 0) {
                throw failure("statx", path, state);
            }
            return new Stat(buf.get(ValueLayout.JAVA_LONG, STATX_SIZE_OFFSET), buf.get(ValueLayout.JAVA_LONG, STATX_BLOCKS_OFFSET),
                    Short.toUnsignedInt(buf.get(ValueLayout.JAVA_SHORT, STATX_MODE_OFFSET)),
                    Integer.toUnsignedLong(buf.get(ValueLayout.JAVA_INT, STATX_NLINK_OFFSET)));
        } catch (NativeFailure e) {
            throw e;
        } catch (Throwable t) {
            throw new NativeFailure("statx(" + path + ") failed: " + t, t);
        }
    }

    /** Opens read-only; the caller must {@link #close(int)}. */
    public static int openReadOnly(Path path) {
        return open(path, O_RDONLY, "open", false);
    }

    /** {@code open(path, flags)}: the descriptor, or -1 for EINVAL when {@code einvalMeansNo}; any other failure throws, naming {@code call}. */
    private static int open(Path path, int flags, String call, boolean einvalMeansNo) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment state = a.allocate(CALL_STATE);
            int fd = (int) OPEN.invokeExact(state, a.allocateFrom(path.toString()), flags, 0);
            if (fd < 0) {
                if (einvalMeansNo && (int) ERRNO.get(state, 0L) == EINVAL) {
                    return -1;
                }
                throw failure(call, path, state);
            }
            return fd;
        } catch (NativeFailure e) {
            throw e;
        } catch (Throwable t) {
            throw new NativeFailure(call + "(" + path + ") failed: " + t, t);
        }
    }

    /** Linux's O_DIRECT: 0x4000 on x86_64, 0x10000 on aarch64. */
    static final int O_DIRECT = "aarch64".equals(System.getProperty("os.arch")) ? 0x10000 : 0x4000;
    static final int EINVAL = 22;

    /**
     * Opens read-only with {@code O_DIRECT}: reads go from the device to the caller's buffer without the page
     * cache, so they need offsets, lengths and buffers aligned to the logical block size. Returns -1 when the
     * file system refuses direct I/O (EINVAL, as tmpfs does); the caller must {@link #close(int)} any other result.
     */
    public static int openReadOnlyDirect(Path path) {
        return open(path, O_RDONLY | O_DIRECT, "open(O_DIRECT)", true);
    }

    public static void close(int fd) {
        try {
            int rc = (int) CLOSE.invokeExact(fd);
            if (rc != 0) {
                throw new NativeFailure("close(" + fd + ") failed");
            }
        } catch (NativeFailure e) {
            throw e;
        } catch (Throwable t) {
            throw new NativeFailure("close failed: " + t, t);
        }
    }

    /**
     * {@code pread} until {@code count} bytes are in {@code buf} (a native segment) or the file ends;
     * returns the bytes read, fewer than {@code count} only at the end of the file. {@code file} names
     * the descriptor in errors.
     */
    public static long pread(int fd, MemorySegment buf, long count, long offset, Path file) {
        MemorySegment state = THREAD_STATE.get();
        long done = 0;
        try {
            while (done < count) {
                long n = (long) PREAD.invokeExact(state, fd, buf.asSlice(done), count - done, offset + done);
                if (n == 0) {
                    break;
                }
                if (n < 0) {
                    int errno = (int) ERRNO.get(state, 0L);
                    if (errno == EINTR) {
                        continue;
                    }
                    throw new NativeFailure("pread(" + file + ", " + (count - done) + " bytes at " + (offset + done) + ") failed: errno " + errno);
                }
                done += n;
            }
        } catch (NativeFailure e) {
            throw e;
        } catch (Throwable t) {
            throw new NativeFailure("pread(" + file + ") failed: " + t, t);
        }
        return done;
    }

    /** {@code posix_fadvise(POSIX_FADV_RANDOM)} on the whole file: read() on this descriptor reads no more than it is asked for. Returns 0 or the errno. */
    public static int adviseRandom(int fd) {
        try {
            return (int) FADVISE.invokeExact(fd, 0L, 0L, POSIX_FADV_RANDOM);
        } catch (Throwable t) {
            throw new NativeFailure("posix_fadvise(RANDOM) failed: " + t, t);
        }
    }

    /**
     * {@code posix_fadvise(POSIX_FADV_WILLNEED)} on {@code [offset, offset + len)}: the kernel starts reading
     * those pages into the page cache and returns without waiting for them, so many ranges can be in flight
     * at once. Returns 0 or the errno.
     */
    public static int adviseWillNeed(int fd, long offset, long len) {
        try {
            return (int) FADVISE.invokeExact(fd, offset, len, POSIX_FADV_WILLNEED);
        } catch (Throwable t) {
            throw new NativeFailure("posix_fadvise(WILLNEED) failed: " + t, t);
        }
    }

    /**
     * Flushes dirty pages (a freshly written file's pages are dirty, and DONTNEED skips those), then
     * advises the kernel to drop the file's cached pages. Returns 0 or the error number.
     */
    public static int evict(Path path) {
        return evict(path, true);
    }

    /**
     * {@link #evict(Path)}, with the flush left to the caller when {@code flush} is false (after one
     * {@link #syncFileSystem} for many files: an fdatasync costs about a millisecond even on a clean file).
     */
    public static int evict(Path path, boolean flush) {
        int fd = openReadOnly(path);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment state = a.allocate(CALL_STATE);
            int rc = flush ? (int) FDATASYNC.invokeExact(state, fd) : 0;
            if (rc != 0) {
                return (int) ERRNO.get(state, 0L);
            }
            return (int) FADVISE.invokeExact(fd, 0L, 0L, POSIX_FADV_DONTNEED);
        } catch (Throwable t) {
            throw new NativeFailure("posix_fadvise(" + path + ") failed: " + t, t);
        } finally {
            close(fd);
        }
    }

    /** {@code syncfs}: writes back the dirty pages of the whole file system holding {@code path}. Returns 0 or the errno. */
    public static int syncFileSystem(Path path) {
        int fd = openReadOnly(path);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment state = a.allocate(CALL_STATE);
            int rc = (int) SYNCFS.invokeExact(state, fd);
            return rc == 0 ? 0 : (int) ERRNO.get(state, 0L);
        } catch (Throwable t) {
            throw new NativeFailure("syncfs(" + path + ") failed: " + t, t);
        } finally {
            close(fd);
        }
    }

    /**
     * Pages of {@code path} in the page cache, by mapping it (without touching it) and asking
     * {@code mincore}. Returns {resident, total}.
     */
    public static long[] residentPages(Path path) {
        byte[] vec = residency(path, 0, Long.MAX_VALUE);
        long resident = 0;
        for (byte b : vec) {
            resident += b & 1;
        }
        return new long[] {resident, vec.length};
    }

    /**
     * Which pages of {@code path} overlapping {@code [offset, offset + length)} (clipped to the file) are in
     * the page cache: one entry per page from the page holding {@code offset}, bit 0 set when resident.
     * Maps only that span, without touching it, and asks {@code mincore}.
     */
    public static byte[] residency(Path path, long offset, long length) {
        int fd = openReadOnly(path);
        try (Arena a = Arena.ofConfined()) {
            long size = stat(path).size();
            if (offset >= size) {
                return new byte[0];
            }
            long start = offset / PAGE_SIZE * PAGE_SIZE;
            long end = length > size - offset ? size : offset + length;
            long span = end - start;
            if (span <= 0) {
                return new byte[0];
            }
            long pages = (span + PAGE_SIZE - 1) / PAGE_SIZE;
            MemorySegment state = a.allocate(CALL_STATE);
            MemorySegment addr = (MemorySegment) MMAP.invokeExact(state, MemorySegment.NULL, span, PROT_READ, MAP_SHARED, fd, start);
            if (addr.address() == -1L) {
                throw failure("mmap", path, state);
            }
            try {
                MemorySegment vec = a.allocate(pages);
                int rc = (int) MINCORE.invokeExact(state, addr, span, vec);
                if (rc != 0) {
                    throw failure("mincore", path, state);
                }
                return vec.toArray(ValueLayout.JAVA_BYTE);
            } finally {
                int rc = (int) MUNMAP.invokeExact(addr, span);
                if (rc != 0) {
                    throw new NativeFailure("munmap failed for " + path);
                }
            }
        } catch (NativeFailure e) {
            throw e;
        } catch (Throwable t) {
            throw new NativeFailure("mincore(" + path + ") failed: " + t, t);
        } finally {
            close(fd);
        }
    }

    private static NativeFailure failure(String call, Path path, MemorySegment state) {
        int errno = (int) ERRNO.get(state, 0L);
        return new NativeFailure(call + "(" + path + ") failed with errno " + errno);
    }

    /** A failed libc call. */
    public static final class NativeFailure extends RuntimeException {
        NativeFailure(String message) {
            super(message);
        }

        NativeFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
