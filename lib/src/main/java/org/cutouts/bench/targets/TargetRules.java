package org.cutouts.bench.targets;

import java.util.List;
import java.util.Locale;
import org.cutouts.bench.MemoryRow;
import org.cutouts.bench.RunSpec;
import org.cutouts.bench.Stats;
import org.cutouts.bench.ThroughputRow;

/**
 * Issue 6's targets, each computed from rows measured in the same run: the goal, the comparison and
 * the text saying how the value was obtained.
 */
record TargetRules(RunSpec c, TargetTable targets, long cutoutBytes) {

    /** The rows the targets are computed from. */
    record Measured(ThroughputRow rowMajor1, ThroughputRow h5direct, ThroughputRow h5jhdf, ThroughputRow coldRow, ThroughputRow coldTiled,
                    ThroughputRow passRow, ThroughputRow passTiled, List<MemoryRow> memory, NumpyPeer.Rows python, PairedNumpy pairedNumpy) {
    }

    /** numpy's two readers in the paired rounds. */
    record PairedNumpy(NumpyReader gather, NumpyReader loop) {
    }

    /** One numpy reader: where its passes sit among the paired rounds' rates, its label and its checksum. */
    record NumpyReader(int index, String label, String checksum) {
    }

    private static String f(String fmt, double v) {
        return String.format(Locale.ROOT, fmt, v);
    }

    /** Adds every target; {@code pm} describes the paired rounds. */
    void add(PairedRounds p, String pm, Measured m) {
        long batchBytes = c.batch() * cutoutBytes;
        double r1 = PairedRounds.median(p.toMemcpy(0, cutoutBytes));
        targets.add("1a warm random batch gather, 1 thread / memcpy", r1, 0.5, "x memcpy", ">=",
                "row-major mmap-npy, ThroughputRun batch " + c.batch() + " 1 thread; memcpy = Limits.memcpy of " + batchBytes + "-byte chunks; " + pm
                        + "; best round " + f("%.2f", Stats.of(p.toMemcpy(0, cutoutBytes)).max()));
        targets.add("1a' same, tiled layout / memcpy", PairedRounds.median(p.toMemcpy(2, cutoutBytes)), 0.5, "x memcpy", ">=", "mmap-tiled; " + pm);
        targets.add("1b 2 threads / 1 thread (row-major)", PairedRounds.median(p.ratio(1, 0)), 1.7, "x", ">=",
                "ThroughputRun threads=2 (each thread reads whole batches) over threads=1; " + pm + "; best round " + f("%.2f", Stats.of(p.ratio(1, 0)).max()));
        targets.add("1b' 2 threads / 1 thread (tiled)", PairedRounds.median(p.ratio(3, 2)), 1.7, "x", ">=", "as 1b on mmap-tiled; " + pm);
        targets.add("1b'' one batch split over 2 threads / 1 thread", PairedRounds.median(p.ratio(5, 0)), 1.7, "x", ">=",
                "readBatch splits each batch across the caller and one pool thread; " + pm);
        double rowMajor = p.medianRate(0);
        double tiled = p.medianRate(2);
        double h5direct = p.medianRate(4);
        targets.add("2 warm tiled / row-major", tiled / rowMajor, Double.NaN, "x", "info", "trade-off, warm random batch 256, 1 thread");
        double coldRowUs = m.coldRow().cold().coldLatencyUsMedian();
        double coldTiledUs = m.coldTiled().cold().coldLatencyUsMedian();
        targets.add("2' cold isolated cutout latency, row-major / tiled", coldRowUs / coldTiledUs, Double.NaN, "x", "info",
                "trade-off: median latency of one cutout read from an evicted file ("
                        + String.format(Locale.ROOT, "%.0f us row-major, %.0f us tiled", coldRowUs, coldTiledUs) + ")");
        targets.add("2'' cold pass of " + c.targets().coldReads() + " cutouts, tiled / row-major (cutouts/s)",
                m.passTiled().cutoutsPerSec() / m.passRow().cutoutsPerSec(), Double.NaN, "x", "info",
                "trade-off: one pass over an evicted file, later cutouts reuse pages earlier ones brought in");
        targets.add("3 cold bytes read per cutout, tiled", m.coldTiled().cold().readBytesPerCutoutRatio(), 4.0, "x cutout bytes", "<=",
                m.coldTiled().method());
        targets.add("3' cold bytes read per cutout, row-major", m.coldRow().cold().readBytesPerCutoutRatio(), 4.0, "x cutout bytes", "<=",
                m.coldRow().method());
        targets.add("4a HDF5 direct vs raw mmap (raw/direct time ratio)", PairedRounds.median(p.ratio(0, 4)), 1.5, "x", "<=",
                "ThroughputRun warm random batch " + c.batch() + " 1 thread: mmap-npy default over hdf5 with the direct mapping ("
                        + m.h5direct().path().readPath() + "); " + pm);
        double jhdf = m.h5jhdf().cutoutsPerSec();
        targets.add("4b HDF5 direct vs jhdf hyperslabs (speed-up)", h5direct / jhdf, 10, "x", ">=",
                "same, hdf5 direct over hdf5 nodirect (jhdf getData per cutout: " + f("%.1f", 1e6 / jhdf) + " us/cutout, "
                        + c.targets().jhdfReads() + " reads per rep)");
        for (MemoryRow r : m.memory()) {
            targets.add("5 RSS growth per cutout, " + r.id().strategy().toLowerCase(Locale.ROOT) + " " + r.mosaic() + ", " + r.cache()
                    + " cache, " + r.id().variant(), r.perCutout().rssPerCutoutKiB(), (cutoutBytes + 65536) / 1024.0, "KiB", "<=", r.method());
        }
        if (m.python() != null) {
            python(m, p, pm);
        }
    }

    /**
     * Target 6 and 6': Java's default path (the row-major store, 1 thread) over numpy's readers, as the
     * median of per-round ratios of the paired rounds, where numpy's passes alternate with Java's.
     */
    private void python(Measured m, PairedRounds p, String pm) {
        PairedNumpy n = m.pairedNumpy();
        String java = m.rowMajor1().rates().checksum();
        if (n == null) {
            String why = "not measured: " + m.python().gather().status();
            targets.add("6 Java batch gather / numpy sliding-window gather (numpy's best)", Double.NaN, 1.2, "x", ">=", why);
            targets.add("6' Java batch gather / numpy per-cutout slicing loop", Double.NaN, Double.NaN, "x", "info", why);
            return;
        }
        String same = "same mosaic.npy, same " + c.throughputReads() + " random indices, batch " + c.batch() + ", 1 thread each; Java "
                + f("%.0f", p.medianRate(0)) + " cutouts/s (row-major mmap-npy, default options, " + readPath(m.rowMajor1()) + ", checksum " + java + "); ";
        againstNumpy("6 Java batch gather / numpy sliding-window gather (numpy's best)", 1.2, ">=", n.gather(), p, java, same, pm);
        againstNumpy("6' Java batch gather / numpy per-cutout slicing loop", Double.NaN, "info", n.loop(), p, java, same,
                "the proof of concept's idiom, not the bar; " + pm);
    }

    /**
     * Java's default path over one numpy reader: the median of the per-round ratios. A ratio between readers
     * that did not read the same pixels compares nothing: no value, and the method says why.
     */
    private void againstNumpy(String name, double goal, String comparison, NumpyReader r, PairedRounds p, String java, String same,
                              String how) {
        double[] ratios = p.ratio(0, r.index());
        targets.add(name, java.equals(r.checksum()) ? PairedRounds.median(ratios) : Double.NaN, goal, "x", comparison,
                same + "numpy " + r.label() + " " + f("%.0f", p.medianRate(r.index())) + " cutouts/s (checksum " + r.checksum()
                        + agree(java, r.checksum()) + "); per-round ratios " + range(ratios) + "; " + how);
    }

    private static String readPath(ThroughputRow row) {
        return row.path() == null ? "read path not recorded" : row.path().readPath();
    }

    private static String agree(String java, String numpy) {
        return java.equals(numpy) ? ", equal to Java's" : ", DIFFERS from Java's";
    }

    private static String range(double[] v) {
        Stats s = Stats.of(v);
        return f("%.2f", s.min()) + " to " + f("%.2f", s.max());
    }
}
