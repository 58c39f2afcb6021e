package org.cutouts.os;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads through a ring return the file's bytes, wherever they lie, however many are queued, and report the file's end and bad descriptors. */
class IoUringTest {
    static final int FILE_BYTES = 3 * 1048576 + 1234;

    @TempDir
    Path tmp;

    @BeforeAll
    static void ringsAreAllowed() {
        assumeTrue(IoUring.available(), "this kernel refuses io_uring: " + IoUring.unavailableReason());
    }

    private Path file(byte[] bytes) throws IOException {
        new SplittableRandom(11).nextBytes(bytes);
        return Files.write(tmp.resolve("data.bin"), bytes);
    }

    @Test
    void manyMoreReadsThanTheRingHoldsReturnTheFilesBytes() throws IOException {
        byte[] want = new byte[FILE_BYTES];
        Path f = file(want);
        int n = 300;
        SplittableRandom r = new SplittableRandom(3);
        long[] offsets = new long[n];
        int[] lengths = new int[n];
        long[] addresses = new long[n];
        long[] results = new long[n];
        try (Arena a = Arena.ofConfined(); IoUring ring = IoUring.open(8)) {
            assertEquals(8, ring.depth());
            MemorySegment buf = a.allocate((long) n * 20000);
            for (int i = 0; i < n; i++) {
                offsets[i] = r.nextLong(FILE_BYTES - 20000);
                lengths[i] = 1 + r.nextInt(20000);
                addresses[i] = buf.address() + (long) i * 20000;
            }
            int fd = Posix.openReadOnly(f);
            try {
                ring.readAll(fd, offsets, lengths, addresses, results, n);
            } finally {
                Posix.close(fd);
            }
            for (int i = 0; i < n; i++) {
                assertEquals(lengths[i], results[i], "read " + i);
                byte[] got = buf.asSlice((long) i * 20000, lengths[i]).toArray(ValueLayout.JAVA_BYTE);
                assertArrayEquals(Arrays.copyOfRange(want, (int) offsets[i], (int) offsets[i] + lengths[i]), got, "read " + i + " at " + offsets[i]);
            }
        }
    }

    @Test
    void directReadsOfAlignedRangesReturnTheFilesBytesAndStopAtItsEnd() throws IOException {
        byte[] want = new byte[FILE_BYTES];
        Path f = file(want);
        int fd = IoUring.openDirect(f);
        assumeTrue(fd >= 0, "this file system refuses O_DIRECT");
        try (Arena a = Arena.ofConfined(); IoUring ring = IoUring.open(4)) {
            MemorySegment buf = a.allocate(3 * 65536, 4096);
            long last = FILE_BYTES / 4096 * 4096; // the last block: the file ends 1234 bytes into it
            long[] offsets = {0, 4096 * 77, last};
            int[] lengths = {65536, 65536, 65536};
            long[] addresses = {buf.address(), buf.address() + 65536, buf.address() + 2 * 65536};
            long[] results = new long[3];
            ring.readAll(fd, offsets, lengths, addresses, results, 3);
            assertEquals(65536, results[0]);
            assertEquals(65536, results[1]);
            assertEquals(FILE_BYTES - last, results[2], "a read past the end returns the bytes up to it");
            for (int i = 0; i < 3; i++) {
                int len = (int) results[i];
                assertArrayEquals(Arrays.copyOfRange(want, (int) offsets[i], (int) offsets[i] + len),
                        buf.asSlice(65536L * i, len).toArray(ValueLayout.JAVA_BYTE), "read " + i);
            }
        } finally {
            Posix.close(fd);
        }
    }

    @Test
    void aBadDescriptorGivesEachReadItsErrnoAndTheRingStaysUsable() throws IOException {
        byte[] want = new byte[FILE_BYTES];
        Path f = file(want);
        try (Arena a = Arena.ofConfined(); IoUring ring = IoUring.open(4)) {
            MemorySegment buf = a.allocate(4096);
            long[] results = new long[2];
            ring.readAll(-1, new long[] {0, 4096}, new int[] {100, 100}, new long[] {buf.address(), buf.address() + 100}, results, 2);
            assertEquals(-9, results[0], "EBADF");
            assertEquals(-9, results[1], "EBADF");
            int fd = Posix.openReadOnly(f);
            try {
                ring.readAll(fd, new long[] {10}, new int[] {50}, new long[] {buf.address()}, results, 1);
            } finally {
                Posix.close(fd);
            }
            assertEquals(50, results[0]);
            assertArrayEquals(Arrays.copyOfRange(want, 10, 60), buf.asSlice(0, 50).toArray(ValueLayout.JAVA_BYTE));
        }
    }

    @Test
    void aClosedRingRefusesReads() {
        IoUring ring = IoUring.open(2);
        ring.close();
        ring.close();
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> ring.readAll(0, new long[1], new int[1], new long[1], new long[1], 1));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }
}
