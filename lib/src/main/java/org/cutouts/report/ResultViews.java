package org.cutouts.report;

import org.cutouts.bench.BenchmarkResults;
import org.cutouts.bench.DiskRow;
import org.cutouts.bench.Identity;
import org.cutouts.bench.LatencyRow;
import org.cutouts.bench.LimitRow;
import org.cutouts.bench.MemoryRow;
import org.cutouts.bench.PythonRow;
import org.cutouts.bench.ReadConditions;
import org.cutouts.bench.ResultColumns;
import org.cutouts.bench.ScalingRow;
import tech.tablesaw.api.Table;

/**
 * The section tables notebook 05 shows, each narrowed to the columns worth reading there; the
 * columns are named by the records' constants. The full tables are {@link BenchmarkResults#table}.
 */
public final class ResultViews {
    private ResultViews() {
    }

    /** Files, inodes and bytes per store. */
    public static Table disk(BenchmarkResults r) {
        return r.disk().selectColumns(Identity.IMPL, Identity.STRATEGY, DiskRow.FILES, DiskRow.INODES, DiskRow.APPARENT_BYTES,
                DiskRow.ALLOCATED_BYTES, DiskRow.ALLOCATED_PER_CUTOUT, DiskRow.ALLOCATED_OVER_APPARENT);
    }

    /** Latency percentiles and the spread of the per-repetition medians. */
    public static Table latency(BenchmarkResults r) {
        return r.latency().selectColumns(Identity.IMPL, Identity.STRATEGY, Identity.VARIANT, ReadConditions.ORDER, ReadConditions.CACHE,
                LatencyRow.P50, LatencyRow.P95, LatencyRow.P99, LatencyRow.MEAN, LatencyRow.REP_MEDIAN_MIN, LatencyRow.REP_MEDIAN_MAX,
                ResultColumns.STATUS);
    }

    /** The memcpy and sequential-read bounds. */
    public static Table limits(BenchmarkResults r) {
        return r.limits().selectColumns(LimitRow.NAME, ReadConditions.CACHE, ReadConditions.BATCH, LimitRow.MB_PER_SEC_MEDIAN,
                LimitRow.MB_PER_SEC_MIN, LimitRow.MB_PER_SEC_MAX, ResultColumns.STATUS);
    }

    /** Memory growth per phase of the fresh-process probes. */
    public static Table memory(BenchmarkResults r) {
        return r.memory().selectColumns(Identity.IMPL, Identity.STRATEGY, Identity.VARIANT, MemoryRow.PHASE, MemoryRow.READS,
                MemoryRow.RSS_DELTA, MemoryRow.RSS_ANON_DELTA, MemoryRow.RSS_FILE_DELTA, MemoryRow.HWM, MemoryRow.HEAP_USED, MemoryRow.MAPPED,
                ResultColumns.STATUS);
    }

    /** What the Python peer ran and what it skipped. */
    public static Table python(BenchmarkResults r) {
        return r.python().selectColumns(Identity.STRATEGY, Identity.VARIANT, PythonRow.KIND, ResultColumns.STATUS);
    }

    /** Rows in every section of the results: the measurements, skips and checks of the run. */
    public static int rowCount(BenchmarkResults r) {
        int n = 0;
        for (String section : BenchmarkResults.SECTIONS) {
            n += r.rows(section).size();
        }
        return n;
    }

    /** The scaling sweep. */
    public static Table scaling(BenchmarkResults r) {
        return r.scaling().selectColumns(Identity.STRATEGY, Identity.VARIANT, ScalingRow.MOSAIC, ScalingRow.CUTOUTS, ScalingRow.WRITE_SECONDS,
                ScalingRow.ALLOCATED_BYTES, ScalingRow.FILES, ScalingRow.WARM_P50, ScalingRow.WARM_RATE, ScalingRow.COLD_RATE,
                ScalingRow.RSS_GROWTH, ScalingRow.OWNED_GROWTH, ResultColumns.STATUS);
    }
}
