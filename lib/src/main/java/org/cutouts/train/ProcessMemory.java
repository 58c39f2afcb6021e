package org.cutouts.train;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's memory as Linux and the JVM see it: heap used (after a full GC) and committed, and
 * from {@code /proc/self/status} the resident set {@code VmRSS}, split into {@code RssAnon} (heap,
 * ND4J's off-heap buffers, thread stacks: memory the process owns) and {@code RssFile} (mapped file pages,
 * e.g. a memory-mapped mosaic: page cache the kernel can drop and re-read at will). Values in MiB;
 * NaN where {@code /proc} is unavailable (not Linux).
 */
public record ProcessMemory(double heapUsedMb, double heapCommittedMb, double rssMb, double rssAnonMb, double rssFileMb) {

    /** A snapshot after {@code System.gc()} (called a few times so the figure settles). */
    public static ProcessMemory afterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return now();
    }

    /** A snapshot as things are. */
    public static ProcessMemory now() {
        java.lang.management.MemoryUsage h = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        double heap = h.getUsed() / 1048576.0;
        double committed = h.getCommitted() / 1048576.0;
        double rss = Double.NaN;
        double anon = Double.NaN;
        double file = Double.NaN;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = kib(line);
                } else if (line.startsWith("RssAnon:")) {
                    anon = kib(line);
                } else if (line.startsWith("RssFile:")) {
                    file = kib(line);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: leave NaN
        }
        return new ProcessMemory(heap, committed, rss, anon, file);
    }

    private static double kib(String line) {
        String[] p = line.trim().split("\\s+");
        return Long.parseLong(p[1]) / 1024.0;
    }
}
