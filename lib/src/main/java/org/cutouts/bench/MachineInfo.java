package org.cutouts.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where a run happened: CPU, cores, RAM, kernel, the data directory's file system, the JDK. */
public final class MachineInfo {
    private MachineInfo() {
    }

    public static Row describe(Path dataDir) {
        Row r = new Row();
        r.put("hostname", firstLine(Path.of("/proc/sys/kernel/hostname"), "unknown"));
        r.put("cpuModel", cpuModel());
        r.put("logicalCpus", countProcessors());
        r.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        r.put("memTotalBytes", ProcStatus.read(Path.of("/proc/meminfo")).getOrDefault("MemTotal", -1L) * 1024);
        r.put("kernel", firstLine(Path.of("/proc/sys/kernel/osrelease"), System.getProperty("os.version")));
        r.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        r.put("dataDir", dataDir.toAbsolutePath().toString());
        r.put("filesystem", fileSystem(dataDir));
        r.put("pageSize", Posix.pageSize());
        r.put("jdk", System.getProperty("java.vm.name") + " " + Runtime.version());
        r.put("jdkVendor", System.getProperty("java.vendor"));
        r.put("javaHome", System.getProperty("java.home"));
        r.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        return r;
    }

    static String fileSystem(Path dir) {
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

    static String cpuModel() {
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

    private static List<String> lines(Path p) {
        try {
            return Files.readAllLines(p);
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String firstLine(Path p, String fallback) {
        List<String> l = lines(p);
        return l.isEmpty() ? fallback : l.getFirst().trim();
    }
}
