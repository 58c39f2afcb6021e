package org.cutouts.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a run happened: CPU, cores, RAM, kernel, the data directory's file system and its device's
 * readahead, the JDK. Read from {@code /proc} and {@code /sys}; a value that cannot be read is
 * "unknown" or -1, never a guess.
 */
public record MachineInfo(String hostname, String cpuModel, int logicalCpus, int availableProcessors, long memTotalBytes,
                          String kernel, String os, String dataDir, String filesystem, long pageSize, long readaheadKb,
                          String jdk, String jdkVendor, long maxHeapBytes) {

    /** This machine, with {@code dataDir}'s file system. */
    public static MachineInfo describe(Path dataDir) {
        return new MachineInfo(
                firstLine(Path.of("/proc/sys/kernel/hostname"), "unknown"),
                readCpuModel(),
                countProcessors(),
                Runtime.getRuntime().availableProcessors(),
                ProcStatus.read(Path.of("/proc/meminfo")).getOrDefault("MemTotal", -1L) * 1024,
                firstLine(Path.of("/proc/sys/kernel/osrelease"), System.getProperty("os.version")),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                dataDir.toAbsolutePath().toString(),
                readFileSystem(dataDir),
                Posix.pageSize(),
                BlockDevice.of(dataDir).map(BlockDevice::readaheadKb).orElse(-1L),
                System.getProperty("java.vm.name") + " " + Runtime.version(),
                System.getProperty("java.vendor"),
                Runtime.getRuntime().maxMemory());
    }

    /** {@code MemAvailable} from {@code /proc/meminfo}: what a new process may use without swapping, page cache included; -1 if unknown. */
    public static long availableMemoryBytes() {
        long kb = ProcStatus.read(Path.of("/proc/meminfo")).getOrDefault("MemAvailable", -1L);
        return kb < 0 ? -1 : kb * 1024;
    }

    static String readFileSystem(Path dir) {
        try {
            Path p = dir.toAbsolutePath();
            while (p != null && !Files.exists(p)) {
                p = p.getParent();
            }
            if (p == null) {
                return "unknown";
            }
            var fs = Files.getFileStore(p);
            return fs.type() + " (" + fs.name() + ")";
        } catch (IOException e) {
            return "unknown: " + e.getMessage();
        }
    }

    static String readCpuModel() {
        for (String line : lines(Path.of("/proc/cpuinfo"))) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return System.getProperty("os.arch");
    }

    static int countProcessors() {
        int n = 0;
        for (String line : lines(Path.of("/proc/cpuinfo"))) {
            if (line.startsWith("processor")) {
                n++;
            }
        }
        return n > 0 ? n : Runtime.getRuntime().availableProcessors();
    }

    static List<String> lines(Path p) {
        try {
            return Files.readAllLines(p);
        } catch (IOException e) {
            return List.of();
        }
    }

    static String firstLine(Path p, String fallback) {
        List<String> l = lines(p);
        return l.isEmpty() ? fallback : l.getFirst().trim();
    }
}
