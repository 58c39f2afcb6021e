package org.cutouts.report;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cutouts.os.MachineInfo;
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
        // the same facts the benchmark records with its results (bench.MachineInfo), worded for people
        org.cutouts.bench.Row m = org.cutouts.bench.Row.of(MachineInfo.describe(cfg.dataDir()));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"operating system", m.text("os") + ", kernel " + m.text("kernel")});
        rows.add(new String[] {"CPU", m.text("cpuModel")});
        rows.add(new String[] {"logical cores", m.text("availableProcessors")});
        rows.add(new String[] {"memory", gib((long) m.number("memTotalBytes"))});
        rows.add(new String[] {"JVM", m.text("jdk") + " (" + m.text("jdkVendor") + ")"});
        rows.add(new String[] {"JVM max heap", gib((long) m.number("maxHeapBytes"))});
        rows.add(new String[] {"JVM flags", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments())});
        rows.add(new String[] {"data file system", m.text("filesystem")});
        try {
            FileStore store = Files.getFileStore(existingAncestor(cfg.dataDir()));
            rows.add(new String[] {"data disk free", gib(store.getUsableSpace()) + " of " + gib(store.getTotalSpace())});
        } catch (IOException e) {
            rows.add(new String[] {"data disk free", "unknown: " + e.getMessage()});
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
}
