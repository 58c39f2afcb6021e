package org.cutouts.bench.targets;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.cutouts.bench.BenchTarget;
import org.cutouts.bench.Checksum;
import org.cutouts.bench.ReadOrder;
import org.cutouts.bench.ResultSet;
import org.cutouts.bench.Evictions;
import org.cutouts.bench.ReadConditions;
import org.cutouts.bench.ThroughputRow;
import org.cutouts.bench.RunSpec;
import org.cutouts.bench.Stats;
import org.cutouts.os.PageCache;
import org.cutouts.os.Posix;
import org.cutouts.store.CutoutStore;
import org.cutouts.store.ReadOptions;
import org.cutouts.store.StoreManifest;

/**
 * Cold reads of the targets run, as {@code throughput} rows: bytes read from storage per cutout
 * (/proc/self/io {@code read_bytes}) and pages brought into the page cache (mincore), for one pass
 * over an evicted file and for cutouts each read alone from an evicted file.
 */
record ColdReads(RunSpec c, ResultSet results, PrintStream log, Bounds bounds) {

    /** The run's memcpy and sequential-read rates in bytes/s, the denominators of the ratio columns. */
    record Bounds(double memcpyBps, double seqBps) {
    }

    /**
     * Cold random reads: evict the store's files (fdatasync + POSIX_FADV_DONTNEED, verified with
     * mincore), open, then read {@code coldReads} random cutouts one at a time, measuring
     * /proc/self/io read_bytes and the payload's resident pages before and after (opening, which
     * reads catalogue.csv, happens before the first sample).
     */
    ThroughputRow pass(Path dir, String variant, ReadOptions o) {
        BenchTarget t = BenchTarget.of(dir, variant, o);
        long cutoutBytes = t.cutoutBytes();
        PageCache.releaseMappings();
        PageCache.Eviction ev = PageCache.evict(t.files());
        Path payload = dir.resolve(StoreManifest.read(dir).payload());
        long sum = 0;
        int n;
        long readBytes;
        long pagesIn;
        long nanos;
        try (CutoutStore s = t.open()) {
            n = Math.min(c.targets().coldReads(), s.size());
            int[] idx = ReadOrder.RANDOM.indices(s.size(), n, c.seed() + 7);
            int px = s.cutoutPixels();
            float[] buf = new float[px];
            long res0 = Posix.residentPages(payload)[0];
            long io0 = readBytes();
            long t0 = System.nanoTime();
            for (int k = 0; k < n; k++) {
                s.readInto(idx[k], buf, 0);
                sum += Checksum.of(idx[k], buf, 0, px);
            }
            nanos = System.nanoTime() - t0;
            readBytes = readBytes() - io0;
            pagesIn = Posix.residentPages(payload)[0] - res0;
        }
        double perCutout = (double) readBytes / n;
        double rate = n / (nanos / 1e9);
        ThroughputRow row = new ThroughputRow(t.identity(), new ReadConditions("random", "cold", 1, 1, n, 1, null, t.regime()),
                ThroughputRow.Rates.single(rate, cutoutBytes, Checksum.hex(sum)), Evictions.of(ev), ratios(rate * cutoutBytes),
                new ThroughputRow.ReadPath(o.label(), null),
                new ThroughputRow.ColdBytes(null, null, perCutout, perCutout / cutoutBytes, null, (double) pagesIn / n, pagesIn * 4096.0 / n / cutoutBytes),
                ev.cold() ? "ok" : ev.status(),
                "evict store files (fdatasync+POSIX_FADV_DONTNEED), verify with mincore (" + ev.after().residentPages() + " of "
                        + ev.after().totalPages() + " pages left), open, " + n + " random single readInto; /proc/self/io read_bytes delta and "
                        + "mincore pages-in delta of the payload over the reads, per cutout; options " + o.label());
        results.add("throughput", row);
        log.printf(Locale.ROOT, "cold %-12s %-14s %8.0f cutouts/s  read %.2fx cutout bytes (page cache +%.2fx) evicted=%s%n", t.strategy(),
                variant, rate, perCutout / cutoutBytes, pagesIn * 4096.0 / n / cutoutBytes, ev.cold());
        return row;
    }

    /**
     * Cold bytes per cutout, each cutout isolated: for each of {@code n} random cutouts, evict the
     * payload (verified with mincore), open the store, read that ONE cutout, and take the
     * /proc/self/io read_bytes and resident-page deltas over the read alone (open, which reads
     * catalogue.csv, is outside). No cutout can profit from pages an earlier one brought in.
     */
    ThroughputRow isolated(Path dir, String variant, ReadOptions o, int n) {
        BenchTarget t = BenchTarget.of(dir, variant, o);
        long cutoutBytes = t.cutoutBytes();
        Path payload = dir.resolve(StoreManifest.read(dir).payload());
        int[] idx;
        try (CutoutStore s = t.open()) {
            idx = ReadOrder.RANDOM.indices(s.size(), Math.min(n, s.size()), c.seed() + 13);
        }
        double[] bytes = new double[idx.length];
        double[] pages = new double[idx.length];
        double[] micros = new double[idx.length];
        long maxLeft = 0;
        long sum = 0;
        PageCache.releaseMappings();
        for (int k = 0; k < idx.length; k++) {
            PageCache.Eviction ev = PageCache.evict(List.of(payload));
            maxLeft = Math.max(maxLeft, ev.after().residentPages());
            try (CutoutStore s = t.open()) {
                float[] buf = new float[s.cutoutPixels()];
                long res0 = Posix.residentPages(payload)[0];
                long io0 = readBytes();
                long t0 = System.nanoTime();
                s.readInto(idx[k], buf, 0);
                micros[k] = (System.nanoTime() - t0) / 1e3;
                bytes[k] = readBytes() - io0;
                pages[k] = Posix.residentPages(payload)[0] - res0;
                sum += Checksum.of(idx[k], buf, 0, s.cutoutPixels());
            }
        }
        Stats b = Stats.of(bytes);
        Stats us = Stats.of(micros);
        double pageRatio = Stats.of(pages).mean() * 4096 / cutoutBytes;
        double rate = 1e6 / us.median();
        String status = maxLeft <= 0.01 * (Files.exists(payload) ? Posix.residentPages(payload)[1] : 1) ? "ok"
                : "not-cold: up to " + maxLeft + " pages left after eviction";
        ThroughputRow row = new ThroughputRow(t.identity(), new ReadConditions("random", "cold-isolated", 1, 1, idx.length, 1, null, t.regime()),
                new ThroughputRow.Rates(rate, 1e6 / us.max(), 1e6 / us.min(), null, cutoutBytes / us.median(), Checksum.hex(sum)),
                new Evictions(null, maxLeft, null, "the payload evicted (posix_fadvise DONTNEED) before each of " + idx.length
                        + " single reads; mincore: at most " + maxLeft + " pages resident after an eviction"), ratios(rate * cutoutBytes), new ThroughputRow.ReadPath(o.label(), null),
                new ThroughputRow.ColdBytes(us.median(), us.p95(), b.mean(), b.mean() / cutoutBytes, b.max() / cutoutBytes, Stats.of(pages).mean(),
                        pageRatio), status,
                "per cutout: fdatasync+POSIX_FADV_DONTNEED of the payload (mincore-verified, at most " + maxLeft
                        + " pages left), open, ONE random readInto; /proc/self/io read_bytes delta over that read (mean over " + idx.length
                        + " cutouts; max " + String.format(Locale.ROOT, "%.2f", b.max() / cutoutBytes) + "x); mincore pages-in delta beside it; options "
                        + o.label());
        results.add("throughput", row);
        log.printf(Locale.ROOT, "cold-isolated %-12s %-14s %7.0f us/cutout  read %.2fx cutout bytes (max %.2fx, page cache +%.2fx)%n", t.strategy(),
                variant, us.median(), b.mean() / cutoutBytes, b.max() / cutoutBytes, pageRatio);
        return row;
    }

    private ThroughputRow.Ratios ratios(double bytesPerSec) {
        return ThroughputRow.Ratios.of(bytesPerSec, bounds.memcpyBps(), bounds.seqBps());
    }

    /** This process's bytes read from storage so far ({@code read_bytes} of /proc/self/io). */
    static long readBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
                if (line.startsWith("read_bytes:")) {
                    return Long.parseLong(line.substring(11).trim());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return -1;
    }
}
