package org.cutouts.os;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A memory snapshot of this JVM: {@code VmRSS}, {@code VmHWM}, {@code RssAnon}, {@code RssFile} from
 * {@code /proc/self/status} (kB), the used heap, and the direct and mapped NIO buffer pools.
 * FFM mappings and native (ND4J/JavaCPP) memory appear only in the RSS numbers.
 */
public record ProcStatus(long vmRssKb, long vmHwmKb, long rssAnonKb, long rssFileKb, long heapUsedBytes,
                         long directBytes, long mappedBytes) {

    public static ProcStatus now() {
        Map<String, Long> kb = read(Path.of("/proc/self/status"));
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long direct = 0;
        long mapped = 0;
        for (BufferPoolMXBean b : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (b.getName().equals("direct")) {
                direct = b.getMemoryUsed();
            } else if (b.getName().equals("mapped")) {
                mapped = b.getMemoryUsed();
            }
        }
        return new ProcStatus(kb.getOrDefault("VmRSS", -1L), kb.getOrDefault("VmHWM", -1L), kb.getOrDefault("RssAnon", -1L),
                kb.getOrDefault("RssFile", -1L), heap, direct, mapped);
    }

    /**
     * Runs the GC a few times, a little apart, so that heap and RSS figures settle and buffers of
     * closed stores (unmapped only when collected) are released.
     */
    public static void settleGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static Map<String, Long> read(Path file) {
        Map<String, Long> out = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                int c = line.indexOf(':');
                if (c > 0 && line.endsWith(" kB")) {
                    out.put(line.substring(0, c), Long.parseLong(line.substring(c + 1, line.length() - 3).trim()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return out;
    }
}
