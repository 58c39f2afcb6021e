package org.cutouts.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.cutouts.bench.regime.RegimeResult;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class RegimeVerdictTest {
    static final String WARM = "fits in memory";
    static final String COLD = "larger than memory";

    /** A measured row: rate with its steady-epoch range, data set bytes, threads. */
    static RegimeResult row(String regime, String strategy, String variant, int threads, double rate, double min, double max, long dataSet) {
        return new RegimeResult("java", strategy, variant, regime, "FRESH", 100L, dataSet, dataSet / 100.0, threads, 32, 3, 1000L, rate, min, max,
                rate, 20480.0, 1.25, 1.0, 16384L, 8192L, 12.0, 0.0, 60.0, "evicted", "c", "ok", "m");
    }

    static RegimeResult refused(String regime, String strategy) {
        return new RegimeResult("java", strategy, "default", regime, "FRESH", 100L, 10L, 0.1, 1, 32, 3, null, null, null, null, null, null, null,
                null, 16384L, null, null, null, null, "not read", "", "refused: too small", "not run");
    }

    static final List<RegimeResult> ROWS = List.of(
            row(COLD, "INDIVIDUAL_FILES", "default", 1, 3000, 2900, 3100, 4000),
            row(COLD, "INDIVIDUAL_FILES", "default", 4, 9000, 8800, 9200, 4000),
            row(COLD, "STACKED", "explicit", 1, 2900, 2800, 3000, 3300),
            row(COLD, "STACKED", "explicit", 4, 8500, 8400, 8600, 3300), // 5.6% below the files: a tie, and fewer bytes
            row(COLD, "MEMORY_MAPPED", "default", 4, 300, 200, 400, 1600),
            row(WARM, "INDIVIDUAL_FILES", "default", 4, 6000, 5900, 6100, 4000),
            row(WARM, "STACKED", "default", 4, 200_000, 150_000, 250_000, 3300), // spread ±25%: widens the band
            row(WARM, "MEMORY_MAPPED", "advice=random", 4, 165_000, 160_000, 170_000, 1600), // tied, same store: the default path wins
            row(WARM, "MEMORY_MAPPED", "default", 4, 160_000, 150_000, 170_000, 1600),
            refused(WARM, "MEMORY_MAPPED_TILED"));

    @Test
    void aTieGoesToTheSmallerStoreAndTheBandWidensToTheMeasuredSpread() {
        List<RegimeVerdict.Decision> ds = RegimeVerdict.of(ROWS).decisions();
        assertEquals(List.of(COLD, WARM), ds.stream().map(RegimeVerdict.Decision::regime).toList());
        RegimeVerdict.Decision cold = ds.get(0);
        assertEquals("STACKED", cold.winner().strategy(), "within 10% of the files and 700 bytes smaller");
        assertEquals(List.of("INDIVIDUAL_FILES"), cold.ties().stream().map(RegimeResult::strategy).toList());
        assertEquals(0.10, cold.tieBand(), 1e-9);
        assertEquals(8500 / 9000.0, cold.overBaseline(), 1e-9, "both at their best thread count");
        RegimeVerdict.Decision warm = ds.get(1);
        // stacked is 25% faster, but its own epochs spread ±25%: the run cannot tell them apart
        assertEquals(0.25, warm.tieBand(), 1e-9);
        assertEquals("MEMORY_MAPPED", warm.winner().strategy(), "tied, and the mosaic is the smaller store");
        assertEquals("default", warm.winner().variant(), "tied with advice=random on the same store: nothing to configure");
        assertEquals(160_000 / 6000.0, warm.overBaseline(), 1e-9);
    }

    @Test
    void throughputHasAColumnPerThreadCountAndRefusedRowsAreListedNotRanked() {
        RegimeVerdict v = RegimeVerdict.of(ROWS);
        Table t = v.throughput();
        assertEquals(List.of("Regime", "Store (read variant)", "1 thread (cutouts/s)", "4 threads (cutouts/s)", "Steady-epoch spread (±%)"),
                t.columnNames());
        assertEquals(7, t.rowCount(), "3 stores larger than memory, 4 that fit; the refused tiled run is not ranked");
        assertEquals("stacked cutouts .npy (explicit)", t.stringColumn(1).get(1));
        assertEquals(2900, t.doubleColumn(2).get(1), 1e-9);
        assertTrue(t.doubleColumn(2).isMissing(2), "memory-mapped .npy was not measured with 1 thread");
        Table nm = v.notMeasured();
        assertEquals(1, nm.rowCount());
        assertEquals("refused: too small", nm.stringColumn("Status").get(0));
    }

    @Test
    void endToEndTakesTheSlowerOfLoaderAndModel() {
        Table t = RegimeVerdict.of(ROWS).endToEnd(32, 1, 10, 100);
        // the first row is the fastest cold store: files at 9000/s; a 1 ms step wants 32,000/s, a 10 ms step 3,200/s
        assertEquals(9000, t.doubleColumn("1 ms step: samples/s").get(0), 1e-9);
        assertEquals(100 * 9000 / 32_000.0, t.doubleColumn("1 ms step: model busy (%)").get(0), 1e-9);
        assertEquals(3200, t.doubleColumn("10 ms step: samples/s").get(0), 1e-9);
        assertEquals(100, t.doubleColumn("10 ms step: model busy (%)").get(0), 1e-9);
        assertEquals(300, t.doubleColumn("100 ms step: samples/s").get(2), 1e-9, "memory-mapped .npy at 300/s cannot feed even a 100 ms step");
    }

    @Test
    void theSummarySaysWhereTheRecommendationChanges() {
        List<String> s = RegimeVerdict.of(ROWS).summary();
        assertTrue(s.get(0).startsWith("Larger than memory (data set 33.00x the reader's memory): stacked cutouts .npy (explicit), 8,500 cutouts/s at 4 threads"),
                s.get(0));
        assertTrue(s.get(2).startsWith("The recommendation changes between the regimes"), s.get(2));
    }
}
