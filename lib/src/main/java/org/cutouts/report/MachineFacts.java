package org.cutouts.report;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Facts about the machine a run measured, read at run time (never typed into a notebook): OS, CPU,
 * cores, memory, JVM, and the file system under the data directory. Benchmarks mean little without them.
 */
public final class MachineFacts {

    private MachineFacts() {
    }

    /** {@code fact, value} rows for this machine and the configuration's data directory. */
    public static Table table(WorkbookConfig cfg) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"operating system", System.getProperty("os.name") + " " + System.getProperty("os.version")
                + " (" + System.getProperty("os.arch") + ")"});
        rows.add(new String[] {"CPU", cpuModel()});
        rows.add(new String[] {"logical cores", Integer.toString(Runtime.getRuntime().availableProcessors())});
        rows.add(new String[] {"memory", memTotal()});
        rows.add(new String[] {"JVM", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vendor") + ")"});
        rows.add(new String[] {"JVM max heap", gib(Runtime.getRuntime().maxMemory())});
        rows.add(new String[] {"JVM flags", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments())});
        Path data = existingAncestor(cfg.dataDir());
        try {
            FileStore store = Files.getFileStore(data);
            rows.add(new String[] {"data file system", store.type() + " (" + store.name() + ")"});
            rows.add(new String[] {"data disk free", gib(store.getUsableSpace()) + " of " + gib(store.getTotalSpace())});
        } catch (IOException e) {
            rows.add(new String[] {"data file system", "unknown: " + e.getMessage()});
        }
        StringColumn fact = StringColumn.create("fact");
        StringColumn value = StringColumn.create("value");
        for (String[] r : rows) {
            fact.append(r[0]);
            value.append(r[1]);
        }
        return Table.create("machine", fact, value);
    }

    static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
    }

    private static Path existingAncestor(Path p) {
        Path q = p.toAbsolutePath();
        while (q != null && !Files.exists(q)) {
            q = q.getParent();
        }
        return q == null ? Path.of("/") : q;
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }

    private static String memTotal() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return gib(kib * 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return gib(os.getTotalMemorySize());
        }
        return "unknown";
    }
}
