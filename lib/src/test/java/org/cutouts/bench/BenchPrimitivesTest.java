package org.cutouts.bench;

import org.cutouts.os.DiskUsage;

import org.cutouts.os.PageCache;
import org.cutouts.os.Posix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchPrimitivesTest {
    @TempDir
    Path tmp;

    @Test
    void statsUseNearestRank() {
        double[] v = new double[100];
        for (int i = 0; i < 100; i++) {
            v[i] = 100 - i;
        }
        Stats s = Stats.of(v);
        assertEquals(1, s.min());
        assertEquals(50, s.median());
        assertEquals(95, s.p95());
        assertEquals(99, s.p99());
        assertEquals(100, s.max());
        assertEquals(50.5, s.mean(), 1e-12);
        assertEquals(7, Stats.of(new double[] {7}).p99());
    }

    @Test
    void randomOrderIsASeededPermutation() {
        int[] a = ReadOrder.RANDOM.indices(1000, 1000, 5);
        assertArrayEquals(a, ReadOrder.RANDOM.indices(1000, 1000, 5));
        int[] sorted = a.clone();
        Arrays.sort(sorted);
        assertArrayEquals(ReadOrder.SEQUENTIAL.indices(1000, 1000, 5), sorted);
        assertTrue(!Arrays.equals(a, sorted));
        assertEquals(10, ReadOrder.RANDOM.indices(1000, 10, 5).length);
    }

    @Test
    void diskUsageMatchesDu() throws Exception {
        Path d = Files.createDirectories(tmp.resolve("store"));
        Files.write(d.resolve("a"), new byte[5000]);
        Files.write(d.resolve("b"), new byte[1]);
        Files.createDirectories(d.resolve("sub"));
        Files.write(d.resolve("sub/c"), new byte[70_000]);
        DiskUsage u = DiskUsage.of(d);
        assertEquals(3, u.files());
        assertEquals(2, u.directories());
        assertTrue(u.allocatedBytes() >= 5000 + 1 + 70_000);
        assertEquals(du(d, "--apparent-size"), u.apparentBytes());
        assertEquals(du(d), u.allocatedBytes());
    }

    private static long du(Path d, String... extra) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("du", "-s", "-B1"));
        cmd.addAll(List.of(extra));
        cmd.add(d.toString());
        Process p = new ProcessBuilder(cmd).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertEquals(0, p.waitFor());
        return Long.parseLong(out.split("\\s+")[0]);
    }

    @Test
    void evictionEmptiesThePageCacheAndFincoreAgrees() throws Exception {
        Path f = tmp.resolve("blob");
        byte[] data = new byte[8 << 20];
        new Random(1).nextBytes(data);
        Files.write(f, data);
        Files.readAllBytes(f);
        PageCache.Eviction e = PageCache.evict(List.of(f));
        assertTrue(e.before().residentPages() > 0, "written and read pages are resident: " + e);
        assertTrue(e.after().residentPages() < e.before().residentPages(), e.toString());
        assertTrue(e.cold(), e.status());
        assertEquals(fincorePages(f), e.after().residentPages());
        Files.readAllBytes(f);
        assertEquals(fincorePages(f), PageCache.residency(List.of(f)).residentPages());
    }

    private static long fincorePages(Path f) throws Exception {
        Process p = new ProcessBuilder("fincore", "--raw", "--noheadings", "--output", "PAGES", f.toString()).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertEquals(0, p.waitFor());
        return Long.parseLong(out);
    }

    /** Direct random reads of a real file: a positive rate per rep, or none where direct I/O or io_uring is refused; a misaligned size is refused. */
    @Test
    void deviceRandomReadMeasuresEachRepOfAFile(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path f = dir.resolve("payload.bin");
        java.nio.file.Files.write(f, new byte[4 << 20]);
        // more in flight than the file has blocks (256): reads that share a slot must still all count
        double[] bw = Limits.deviceRandomRead(f, 16384, 512, 0.05, 2, 7);
        int fd = org.cutouts.os.IoUring.available() ? org.cutouts.os.IoUring.openDirect(f) : -1;
        if (fd >= 0) {
            Posix.close(fd);
            assertEquals(2, bw.length);
            for (double b : bw) {
                assertTrue(b > 1e6 && Double.isFinite(b), "bytes/s " + b);
            }
        } else {
            assertEquals(0, bw.length);
        }
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Limits.deviceRandomRead(f, 1000, 8, 0.05, 1, 7));
        assertTrue(e.getMessage().contains("multiple of 4096"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Limits.deviceRandomRead(f, 4096, 0, 0.05, 1, 7));
        assertTrue(e.getMessage().contains("at least one in flight"), e.getMessage());

        // the explicit path's pattern from several threads: one rate per rep over all of them
        double[] batched = Limits.deviceBatchedReads(f, 8192, 32, 3, 0.05, 2, 7);
        assertEquals(fd >= 0 ? 2 : 0, batched.length);
        for (double b : batched) {
            assertTrue(b > 1e6 && Double.isFinite(b), "bytes/s " + b);
        }
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Limits.deviceBatchedReads(f, 8192, 32, 0, 0.05, 1, 7));
        assertTrue(e.getMessage().contains("at least one read and one thread"), e.getMessage());
        // a file smaller than one read is refused, by name
        Path small = dir.resolve("small.bin");
        java.nio.file.Files.write(small, new byte[4096]);
        if (fd >= 0) {
            e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Limits.deviceBatchedReads(small, 8192, 4, 2, 0.05, 1, 7));
            assertTrue(e.getMessage().contains("small.bin") && e.getMessage().contains("smaller than one read"), e.getMessage());
        }
    }

    @Test
    void memcpyLimitIsPositive() {
        double[] bw = Limits.memcpy(32 * 16384, 16L << 20, 1, 2, 1);
        assertEquals(2, bw.length);
        for (double b : bw) {
            assertTrue(b > 0);
        }
    }

    @Test
    void statxSeesSizeAndBlocks() throws Exception {
        Path f = tmp.resolve("x");
        Files.write(f, new byte[10_000]);
        Posix.Stat s = Posix.stat(f);
        assertEquals(10_000, s.size());
        assertTrue(s.isRegularFile());
        assertTrue(s.allocatedBytes() >= 10_000);
        assertTrue(Posix.stat(tmp).isDirectory());
    }
}
