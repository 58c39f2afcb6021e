package org.cutouts.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.cutouts.bench.regime.RegimeResult;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class LocalityGainTest {
    static RegimeResult locality(String strategy, String variant, int threads, double rate, double amplification) {
        RegimeResult r = RegimeVerdictTest.row(RegimeVerdictTest.COLD, strategy, variant, threads, rate, rate, rate, 1600);
        return new RegimeResult(r.impl(), r.strategy(), r.variant(), r.regime(), "LOCALITY", r.memoryBytes(), r.dataSetBytes(), r.dataSetToMemory(),
                r.threads(), r.batch(), r.epochs(), r.cutoutsRead(), r.cutoutsPerSec(), r.cutoutsPerSecMin(), r.cutoutsPerSecMax(),
                r.firstEpochCutoutsPerSec(), r.deviceBytesPerCutout(), amplification, r.requestsPerCutout(), r.cutoutBytes(), r.readaheadKb(),
                r.rssAnonMiB(), r.rssFileMiB(), r.cgroupPeakMiB(), r.residency(), r.checksum(), r.status(), r.method());
    }

    @Test
    void eachLocalityRowStandsBesideItsRandomTwinAndTodaysFiles() {
        List<RegimeResult> rows = new ArrayList<>(RegimeVerdictTest.ROWS);
        rows.add(locality("MEMORY_MAPPED", "default", 4, 27_000, 0.8));
        rows.add(locality("STACKED", "explicit", 1, 4_350, 1.0));

        LocalityGain gain = LocalityGain.of(rows);
        Table t = gain.table();

        assertTrue(gain.measured());
        assertEquals(2, t.rowCount());
        assertEquals("memory-mapped .npy", t.stringColumn(LocalityGain.STORE).get(0));
        assertEquals(300, t.doubleColumn(LocalityGain.RANDOM).get(0), 1e-9);
        assertEquals(90.0, t.doubleColumn(LocalityGain.GAIN).get(0), 1e-9);
        // today's files in random order at the same thread count: 9,000 cutouts/s at 4 threads
        assertEquals(3.0, t.doubleColumn(LocalityGain.OVER_FILES).get(0), 1e-9);
        assertEquals(1.25, t.doubleColumn(LocalityGain.BYTES_RANDOM).get(0), 1e-9);
        assertEquals(0.8, t.doubleColumn(LocalityGain.BYTES_LOCALITY).get(0), 1e-9);
        assertEquals("stacked cutouts .npy (explicit)", t.stringColumn(LocalityGain.STORE).get(1));
        assertEquals(1.5, t.doubleColumn(LocalityGain.GAIN).get(1), 1e-9);
        assertEquals(4_350 / 3_000.0, t.doubleColumn(LocalityGain.OVER_FILES).get(1), 1e-9);
    }

    @Test
    void theRandomOrderVerdictLeavesLocalityRowsOut() {
        List<RegimeResult> rows = new ArrayList<>(RegimeVerdictTest.ROWS);
        rows.add(locality("MEMORY_MAPPED", "default", 4, 27_000, 0.8));
        assertEquals(RegimeVerdict.of(RegimeVerdictTest.ROWS).decisions().get(0).winner(), RegimeVerdict.of(rows).decisions().get(0).winner());
        assertFalse(LocalityGain.of(RegimeVerdictTest.ROWS).measured());
        assertEquals(0, LocalityGain.of(RegimeVerdictTest.ROWS).table().rowCount());
    }
}
