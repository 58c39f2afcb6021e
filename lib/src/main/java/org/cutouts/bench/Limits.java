package org.cutouts.bench;

import org.cutouts.os.PageCache;
import org.cutouts.os.CacheState;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The ceilings a cutout read is compared with, measured in the same run on the same machine:
 * <ul>
 *   <li>memcpy: {@code MemorySegment.copy} of {@code batch * cutoutBytes} contiguous bytes from random
 *       offsets of a 256 MiB off-heap buffer (far above any L3) into a {@code float[]} batch buffer,
 *       the same bytes a batch of cutouts delivers;</li>
 *   <li>sequential read: the mosaic file read front to back with {@code FileChannel.read} into an
 *       8 MiB direct buffer, warm (after an untimed pass) and cold (evicted before each rep);</li>
 *   <li>device random read: reads of one cutout's bytes at random aligned offsets of a store's payload,
 *       straight from the device ({@code O_DIRECT}) with many in flight through io_uring: the most a read
 *       path making requests of that size can get from this device.</li>
 * </ul>
 */
public final class Limits {
    static final long SOURCE_BYTES = 256L << 20;
    public static final int CHUNK = 8 << 20;

    private Limits() {
    }

    /** memcpy bandwidth in bytes/s per rep, copying {@code totalBytes} per rep in chunks of {@code bytesPerOp}. */
    public static double[] memcpy(long bytesPerOp, long totalBytes, int warmups, int reps, long seed) {
        return memcpy(bytesPerOp, SOURCE_BYTES, totalBytes, warmups, reps, seed);
    }

    /**
     * memcpy bandwidth with a source of {@code sourceBytes}: the same working set as a run that reads
     * that many bytes of cutouts per rep (so cache reuse across reps is the same for both), or 256 MiB
     * for a DRAM-bound reference.
     */
    public static double[] memcpy(long bytesPerOp, long sourceBytes, long totalBytes, int warmups, int reps, long seed) {
        sourceBytes = Math.max(sourceBytes, 2 * bytesPerOp);
        if (bytesPerOp % 4 != 0 || bytesPerOp <= 0 || sourceBytes % 4 != 0) {
            throw new IllegalArgumentException("bytesPerOp and sourceBytes must be positive multiples of 4");
        }
        final long SOURCE_BYTES = sourceBytes;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment src = arena.allocate(SOURCE_BYTES, 64);
            for (long o = 0; o < SOURCE_BYTES; o += 4) {
                src.set(ValueLayout.JAVA_FLOAT_UNALIGNED, o, (float) o);
            }
            float[] dst = new float[(int) (bytesPerOp / 4)];
            long ops = Math.max(1, totalBytes / bytesPerOp);
            long slots = (SOURCE_BYTES - bytesPerOp) / 4 + 1;
            double[] out = new double[reps];
            long sink = 0;
            for (int r = -warmups; r < reps; r++) {
                SplittableRandom rnd = new SplittableRandom(seed + r);
                long t0 = System.nanoTime();
                for (long k = 0; k < ops; k++) {
                    long off = rnd.nextLong(slots) * 4;
                    MemorySegment.copy(src, ValueLayout.JAVA_FLOAT_UNALIGNED, off, dst, 0, dst.length);
                    sink += Float.floatToRawIntBits(dst[(int) (k % dst.length)]);
                }
                long t1 = System.nanoTime();
                if (r >= 0) {
                    out[r] = ops * bytesPerOp / ((t1 - t0) / 1e9);
                }
            }
            if (sink == 42) {
                System.out.print("");
            }
            return out;
        }
    }

    /** Sequential read bandwidth of {@code file} in bytes/s per rep; evicts (and reports) before each cold rep. */
    public static SeqRead sequentialRead(Path file, CacheState cache, int warmups, int reps) {
        double[] out = new double[reps];
        List<PageCache.Eviction> evictions = new java.util.ArrayList<>();
        ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK);
        for (int r = -warmups; r < reps; r++) {
            if (cache == CacheState.COLD && r >= 0) {
                evictions.add(PageCache.evict(List.of(file)));
            }
            long bytes = 0;
            long t0 = System.nanoTime();
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                int k;
                while ((k = ch.read(buf.clear())) >= 0) {
                    bytes += k;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
            long t1 = System.nanoTime();
            if (r >= 0) {
                out[r] = bytes / ((t1 - t0) / 1e9);
            }
        }
        return new SeqRead(out, evictions);
    }

    /**
     * Random-read bandwidth of the device under {@code file}, in bytes/s per rep: reads of {@code blockBytes} (a
     * multiple of 4 KiB) at random {@code blockBytes}-aligned offsets, {@code depth} in flight through one
     * io_uring ring, on an {@code O_DIRECT} descriptor, so the page cache neither serves nor keeps them and nothing
     * needs evicting; each rep lasts {@code seconds}, after an untimed half second. Empty when the kernel refuses
     * io_uring or the file system direct I/O.
     */
    public static double[] deviceRandomRead(Path file, int blockBytes, int depth, double seconds, int reps, long seed) {
        if (depth < 1) {
            throw new IllegalArgumentException("device reads need at least one in flight, got " + depth);
        }
        // rounds long enough that the ring's drain at the end of each is a small part: at 8x the depth the
        // drains cost about a tenth of the rate at 32 in flight
        return directReads(file, blockBytes, depth, 32 * depth, 1, seconds, reps, seed);
    }

    /**
     * Random-read bandwidth of the device under {@code file} for the explicit read path's pattern, in bytes/s per
     * rep over all threads: each of {@code threads} threads, with its own io_uring ring and {@code O_DIRECT}
     * descriptor, submits {@code batch} reads of {@code blockBytes} at random offsets at once and waits for all of
     * them before the next batch, as a reader does for one batch of cutouts, but copies nothing. Each rep lasts
     * {@code seconds}, after an untimed half second. Empty when the kernel refuses io_uring or direct I/O.
     */
    public static double[] deviceBatchedReads(Path file, int blockBytes, int batch, int threads, double seconds, int reps, long seed) {
        if (batch < 1 || threads < 1) {
            throw new IllegalArgumentException("batched device reads need at least one read and one thread, got " + batch + " and " + threads);
        }
        return directReads(file, blockBytes, batch, batch, threads, seconds, reps, seed);
    }

    /** {@code threads} threads, each reading rounds of {@code perRound} random blocks with up to {@code depth} in flight; bytes/s per rep. */
    private static double[] directReads(Path file, int blockBytes, int depth, int perRound, int threads, double seconds, int reps, long seed) {
        if (blockBytes <= 0 || blockBytes % 4096 != 0) {
            throw new IllegalArgumentException("device reads must be a positive multiple of 4096 bytes, got " + blockBytes);
        }
        if (!org.cutouts.os.IoUring.available()) {
            return new double[0];
        }
        long blocks;
        try {
            blocks = java.nio.file.Files.size(file) / blockBytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + file, e);
        }
        if (blocks < 1) {
            throw new IllegalArgumentException(file + " is smaller than one read of " + blockBytes + " bytes");
        }
        int probe = org.cutouts.os.IoUring.openDirect(file);
        if (probe < 0) {
            return new double[0];
        }
        org.cutouts.os.Posix.close(probe);
        double[] out = new double[reps];
        for (int r = -1; r < reps; r++) {
            long limit = (long) ((r < 0 ? 0.5 : seconds) * 1e9);
            long t0 = System.nanoTime();
            long[] bytes = new long[threads];
            long[] ends = new long[threads];
            RuntimeException[] failure = new RuntimeException[1];
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                SplittableRandom random = new SplittableRandom(seed + 1_000_003L * (r + 1) + id);
                workers.add(Thread.ofPlatform().name("device-reads-" + id).start(() -> {
                    try {
                        bytes[id] = readUntil(file, blocks, blockBytes, depth, perRound, random, t0 + limit);
                    } catch (RuntimeException e) {
                        synchronized (failure) {
                            failure[0] = e;
                        }
                    }
                    ends[id] = System.nanoTime();
                }));
            }
            for (Thread w : workers) {
                try {
                    w.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while measuring device reads of " + file, e);
                }
            }
            if (failure[0] != null) {
                throw failure[0];
            }
            if (r >= 0) {
                out[r] = java.util.Arrays.stream(bytes).sum() / ((java.util.Arrays.stream(ends).max().orElseThrow() - t0) / 1e9);
            }
        }
        return out;
    }

    /** One thread's rounds of random direct reads until {@code deadline}; the bytes read. */
    private static long readUntil(Path file, long blocks, int blockBytes, int depth, int n, SplittableRandom random, long deadline) {
        int fd = org.cutouts.os.IoUring.openDirect(file);
        if (fd < 0) {
            throw new UncheckedIOException(new IOException("direct I/O on " + file + " was refused after a first descriptor was given"));
        }
        long[] offsets = new long[n];
        int[] lengths = new int[n];
        long[] addresses = new long[n];
        long[] results = new long[n];
        long bytes = 0;
        try (Arena a = Arena.ofConfined(); org.cutouts.os.IoUring ring = org.cutouts.os.IoUring.open(depth)) {
            // one slot per read in flight; the bytes are thrown away, so two reads that share a slot do no harm
            MemorySegment buf = a.allocate((long) depth * blockBytes, 4096);
            java.util.Arrays.fill(lengths, blockBytes);
            for (int i = 0; i < n; i++) {
                addresses[i] = buf.address() + (long) (i % depth) * blockBytes;
            }
            while (System.nanoTime() < deadline) {
                for (int i = 0; i < n; i++) {
                    offsets[i] = random.nextLong(blocks) * blockBytes;
                }
                ring.readAll(fd, offsets, lengths, addresses, results, n);
                for (int i = 0; i < n; i++) {
                    if (results[i] < 0) {
                        throw new UncheckedIOException(new IOException("direct read of " + blockBytes + " bytes at " + offsets[i] + " of " + file
                                + " failed with errno " + -results[i]));
                    }
                    bytes += results[i];
                }
            }
        } finally {
            org.cutouts.os.Posix.close(fd);
        }
        return bytes;
    }

    public record SeqRead(double[] bytesPerSecond, List<PageCache.Eviction> evictions) {
        public String status() {
            for (PageCache.Eviction e : evictions) {
                if (!e.cold()) {
                    return e.status();
                }
            }
            return "ok";
        }
    }
}
