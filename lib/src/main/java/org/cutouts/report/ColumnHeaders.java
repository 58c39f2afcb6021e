package org.cutouts.report;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cutouts.bench.DiskRow;
import org.cutouts.bench.Identity;
import org.cutouts.bench.LatencyRow;
import org.cutouts.bench.LimitRow;
import org.cutouts.bench.MemoryRow;
import org.cutouts.bench.ReadConditions;
import org.cutouts.bench.ScalingRow;

/**
 * The one owner of how a table column is called on a page: the result records and the training tables
 * keep short machine keys ({@code p50Us}, {@code samples_per_s}) so that their CSV and JSON stay stable,
 * and every table a notebook shows is renamed here, with its unit, when {@link TableHtml} renders it.
 * A name not listed is made readable by rule (camelCase and snake_case split, a unit suffix in brackets,
 * Tablesaw's summary names {@code Min [flux]} turned round to {@code flux (min)}); a name that already
 * reads as words is kept.
 */
public final class ColumnHeaders {
    /** A column's page name; {@code decimals} fixes the decimals of its numbers (-1: chosen from the values). */
    public record Header(String label, int decimals) {
        /** True for a column of factors, shown as {@code 2.02x}. */
        public boolean ratio() {
            return label.endsWith("(x)") || label.matches("[x×] [\\p{L}.].*");
        }
    }

    private static final Map<String, Header> NAMES = Map.ofEntries(
            named(Identity.IMPL, "language"),
            named(Identity.VARIANT, "read variant"),
            named(ReadConditions.THREADS, "threads"),
            named(LatencyRow.P50, "p50 (µs)"),
            named(LatencyRow.P95, "p95 (µs)"),
            named(LatencyRow.P99, "p99 (µs)"),
            named(LatencyRow.MEAN, "mean (µs)"),
            named(LatencyRow.REP_MEDIAN_MIN, "median, fastest rep (µs)"),
            named(LatencyRow.REP_MEDIAN_MAX, "median, slowest rep (µs)"),
            named(DiskRow.APPARENT_BYTES, "apparent (bytes)"),
            named(DiskRow.ALLOCATED_BYTES, "allocated (bytes)"),
            named(DiskRow.ALLOCATED_PER_CUTOUT, "allocated per cutout (bytes)"),
            named(DiskRow.ALLOCATED_OVER_APPARENT, "allocated / apparent (x)"),
            named(LimitRow.MB_PER_SEC_MEDIAN, "MB/s (median)"),
            named(LimitRow.MB_PER_SEC_MIN, "MB/s (min)"),
            named(LimitRow.MB_PER_SEC_MAX, "MB/s (max)"),
            named(MemoryRow.RSS_DELTA, "RSS growth (MiB)"),
            named(MemoryRow.RSS_ANON_DELTA, "RssAnon growth (MiB)"),
            named(MemoryRow.RSS_FILE_DELTA, "RssFile growth (MiB)"),
            named(MemoryRow.HWM, "peak RSS (MiB)"),
            named(MemoryRow.HEAP_USED, "heap used (MiB)"),
            named(MemoryRow.MAPPED, "mapped (MiB)"),
            named(ScalingRow.MOSAIC, "mosaic (px)"),
            named(ScalingRow.WRITE_SECONDS, "write (s)"),
            named(ScalingRow.WARM_P50, "warm p50 (µs)"),
            named(ScalingRow.WARM_RATE, "warm cutouts/s"),
            named(ScalingRow.COLD_RATE, "cold cutouts/s"),
            named(ScalingRow.RSS_GROWTH, "RSS growth (MiB)"),
            named(ScalingRow.OWNED_GROWTH, "RssAnon growth (MiB)"),
            named("cutoutsPerSecMedian", "cutouts/s (median)"),
            named("cutoutsPerSec", "cutouts/s"),
            named("readAmplification", "device bytes / cutout bytes (x)"),
            named("requestsPerCutout", "read requests per cutout"),
            named("seconds", "time (s)"),
            named("warmup_steps", "warm-up steps"),
            named("samples_per_s", "samples/s (median)"),
            named("samples_per_s_min", "samples/s (min)"),
            named("samples_per_s_max", "samples/s (max)"),
            named("loader_samples_per_s", "loader alone (samples/s)"),
            named("load_share", "share of time waiting for the loader"),
            named("first_loss", "loss, first step"),
            named("last_loss", "loss, last step"),
            named("first3_loss", "loss, mean of first 3 steps"),
            named("last3_loss", "loss, mean of last 3 steps"),
            named("dataset_mb", "data set (MiB)"),
            named("heap_before_mb", "heap before (MiB)"),
            named("heap_after_mb", "heap after (MiB)"),
            named("heap_growth_mb", "heap growth (MiB)"),
            named("rss_before_mb", "RSS before (MiB)"),
            named("rss_after_mb", "RSS after (MiB)"),
            named("rss_anon_after_mb", "RssAnon after (MiB)"),
            named("rss_file_after_mb", "RssFile after (MiB)"),
            named("rss_anon_growth_mb", "RssAnon growth (MiB)"),
            named("centroid_dx", "centroid offset x (px)"),
            named("centroid_dy", "centroid offset y (px)"),
            named("nan_fraction", "NaN fraction"),
            named("rate", "cutouts/s"),
            Map.entry("x", new Header("x (px)", 2)),
            Map.entry("y", new Header("y (px)", 2)),
            Map.entry("ra", new Header("RA (deg)", 6)),
            Map.entry("dec", new Header("Dec (deg)", 6)),
            Map.entry("RA of centre", new Header("RA of centre (deg)", 5)),
            Map.entry("Dec of centre", new Header("Dec of centre (deg)", 5)));

    private static final Pattern SUMMARY = Pattern.compile("(\\w+) \\[(.+)]");
    private static final Pattern UNIT_SUFFIX = Pattern.compile("(.*?)_?(Us|MiB|Mb|_mb|Bytes|Seconds|PerSec)$");

    private ColumnHeaders() {
    }

    private static Map.Entry<String, Header> named(String key, String label) {
        return Map.entry(key, new Header(label, -1));
    }

    /** The page name of a column and its number format. */
    public static Header of(String key) {
        Header h = NAMES.get(key);
        return h != null ? h : new Header(readable(key), -1);
    }

    /** The page name of a column. */
    public static String label(String key) {
        return of(key).label();
    }

    /** A name not listed, made readable by rule; a name with a space in it is kept (it was written for people). */
    static String readable(String key) {
        Matcher summary = SUMMARY.matcher(key);
        if (summary.matches()) {
            return summary.group(2) + " (" + summary.group(1).toLowerCase(Locale.ROOT) + ")";
        }
        if (key.contains(" ") || !key.matches("[A-Za-z][A-Za-z0-9_]*")) {
            return key;
        }
        String unit = "";
        String stem = key;
        Matcher m = UNIT_SUFFIX.matcher(key);
        if (m.matches() && !m.group(1).isEmpty()) {
            stem = m.group(1);
            unit = switch (m.group(2)) {
                case "Us" -> " (µs)";
                case "MiB", "Mb", "_mb" -> " (MiB)";
                case "Bytes" -> " (bytes)";
                case "Seconds" -> " (s)";
                default -> "/s";
            };
        }
        String words = stem.replace('_', ' ').replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT).trim();
        return words + unit;
    }
}
