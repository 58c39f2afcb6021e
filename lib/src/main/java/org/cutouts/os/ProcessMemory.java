package org.cutouts.os;

import java.lang.management.ManagementFactory;
import org.cutouts.os.ProcStatus;

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
        ProcStatus.settleGc();
        return now();
    }

    /** A snapshot as things are (the benchmark's {@link ProcStatus}, in MiB). */
    public static ProcessMemory now() {
        java.lang.management.MemoryUsage h = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        double heap = h.getUsed() / 1048576.0;
        double committed = h.getCommitted() / 1048576.0;
        try {
            ProcStatus p = ProcStatus.now();
            return new ProcessMemory(heap, committed, mib(p.vmRssKb()), mib(p.rssAnonKb()), mib(p.rssFileKb()));
        } catch (RuntimeException e) {
            // not Linux: no /proc/self/status
            return new ProcessMemory(heap, committed, Double.NaN, Double.NaN, Double.NaN);
        }
    }

    /** kB from /proc as MiB; NaN where the field was absent (-1). */
    private static double mib(long kb) {
        return kb < 0 ? Double.NaN : kb / 1024.0;
    }
}
