package org.cutouts.report;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.cutouts.bench.BenchmarkResults;
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
        List<String[]> rows = describe(m::text);
        rows.add(new String[] {"JVM flags", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments())});
        try {
            FileStore store = Files.getFileStore(existingAncestor(cfg.dataDir()));
            rows.add(new String[] {"data disk free", gib(store.getUsableSpace()) + " of " + gib(store.getTotalSpace())});
        } catch (IOException e) {
            rows.add(new String[] {"data disk free", "unknown: " + e.getMessage()});
        }
        return twoColumns(rows);
    }

    /** The machine a benchmark ran on, from its results ({@link BenchmarkResults#machine(String)}), in the same words. */
    public static Table of(BenchmarkResults results) {
        List<String[]> rows = describe(results::machine);
        rows.add(0, new String[] {"host name", results.machine("hostname")});
        return twoColumns(rows);
    }

    /** The facts both tables show, from the recorded keys of {@code MachineInfo}. */
    static List<String[]> describe(Function<String, String> m) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"operating system", m.apply("os") + ", kernel " + m.apply("kernel")});
        rows.add(new String[] {"CPU", m.apply("cpuModel")});
        rows.add(new String[] {"logical cores", m.apply("availableProcessors")});
        rows.add(new String[] {"memory", gib(bytes(m.apply("memTotalBytes")))});
        rows.add(new String[] {"JVM", m.apply("jdk") + " (" + m.apply("jdkVendor") + ")"});
        rows.add(new String[] {"JVM max heap", gib(bytes(m.apply("maxHeapBytes")))});
        rows.add(new String[] {"data file system", m.apply("filesystem")});
        if (bytes(m.apply("pageSize")) > 0) {
            rows.add(new String[] {"page size", String.format(Locale.ROOT, "%,d KiB", bytes(m.apply("pageSize")) / 1024)});
        }
        if (bytes(m.apply("readaheadKb")) >= 0) {
            rows.add(new String[] {"device read-ahead", String.format(Locale.ROOT, "%,d KiB", bytes(m.apply("readaheadKb")))});
        }
        return rows;
    }

    private static Table twoColumns(List<String[]> rows) {
        StringColumn fact = StringColumn.create("fact");
        StringColumn value = StringColumn.create("value");
        for (String[] r : rows) {
            fact.append(r[0]);
            value.append(r[1] == null ? "unknown" : r[1]);
        }
        return Table.create("machine", fact, value);
    }

    /** A recorded number; -1 when it is missing or not a number (shown as "unknown"). */
    private static long bytes(String recorded) {
        try {
            return recorded == null ? -1 : (long) Double.parseDouble(recorded);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static String gib(long bytes) {
        return bytes < 0 ? "unknown" : String.format(Locale.ROOT, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
    }

    private static Path existingAncestor(Path p) {
        Path q = p.toAbsolutePath();
        while (q != null && !Files.exists(q)) {
            q = q.getParent();
        }
        return q == null ? Path.of("/") : q;
    }
}
