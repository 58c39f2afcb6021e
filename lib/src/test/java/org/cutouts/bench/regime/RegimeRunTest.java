package org.cutouts.bench.regime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.cutouts.data.Catalogue;
import org.cutouts.data.MosaicSpec;
import org.cutouts.data.SyntheticMosaic;
import org.cutouts.os.MemoryCgroup;
import org.cutouts.os.OnDiskTempDir;
import org.cutouts.store.CutoutSpec;
import org.cutouts.store.Stores;
import org.cutouts.store.Strategy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both regimes on small data, for two strategies. The cgroup limit is 64 MiB: a -Xmx64m reader was
 * OOM-killed at 48 MiB and ran at 52 MiB (peak charge 47-51 MiB, RssAnon about 47 MiB), so 64 MiB is the
 * smallest round limit it starts in; "larger than memory" then needs stores of at least 256 MiB, hence
 * 4,200 cutouts of 128x128 (64 KiB each). The stores live under {@code target/} ({@link OnDiskTempDir}).
 */
class RegimeRunTest {
    static final long LIMIT = 64L << 20;
    static final List<Strategy> STRATEGIES = List.of(Strategy.STACKED, Strategy.INDIVIDUAL_FILES);
    @TempDir(factory = OnDiskTempDir.class)
    static Path root;
    static final Map<Strategy, Path> STORES = new EnumMap<>(Strategy.class);

    @BeforeAll
    static void writeStores() {
        SyntheticMosaic mosaic = new SyntheticMosaic(MosaicSpec.of(2000, 2000, 500, 3));
        Catalogue cat = uniformCentres(4200, 2000, 5);
        for (Strategy s : STRATEGIES) {
            STORES.put(s, Stores.write(s, mosaic, cat, CutoutSpec.square(128), root.resolve(s.folder())));
        }
    }

    private static Catalogue uniformCentres(int n, int side, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextDouble(side);
            y[i] = r.nextDouble(side);
        }
        return new Catalogue(x, y, new double[n], new double[n], new int[n]);
    }

    private static RegimeRun run(Strategy s, Regime regime) {
        return RegimeRun.of(STORES.get(s), "default", regime, LIMIT, 2, 500).withHeap("64m");
    }

    @Test
    void bothRegimesForTwoStrategies() {
        List<RegimeResult> all = new ArrayList<>();
        for (Strategy s : STRATEGIES) {
            RegimeResult warm = run(s, Regime.FITS_IN_MEMORY).run();
            assertEquals("ok", warm.status(), warm.method());
            assertShape(warm, s, Regime.FITS_IN_MEMORY);
            assertEquals(null, warm.cgroupPeakMiB(), "no cgroup for the data set that fits");
            assertEquals("REUSE", warm.sampling());
            assertTrue(warm.deviceBytesPerCutout() < 0.01 * warm.cutoutBytes(),
                    s + ": after a warm-up epoch the data set in cache reads ~0 device bytes per cutout, read " + warm.deviceBytesPerCutout());
            all.add(warm);
        }
        MemoryCgroup.Availability a = MemoryCgroup.availability();
        for (Strategy s : STRATEGIES) {
            RegimeResult cold = run(s, Regime.LARGER_THAN_MEMORY).run();
            if (!a.available()) {
                assertTrue(cold.status().startsWith("skipped: no memory cgroup (" + a.reason()), cold.status());
                assumeTrue(false, cold.status());
            }
            assertEquals("ok", cold.status(), cold.method());
            assertShape(cold, s, Regime.LARGER_THAN_MEMORY);
            assertTrue(cold.dataSetBytes() >= 4 * LIMIT, "the store is at least 4x the limit: " + cold.dataSetBytes());
            assertTrue(cold.cgroupPeakMiB() > 0 && cold.cgroupPeakMiB() <= LIMIT / 1048576.0, "cgroup peak " + cold.cgroupPeakMiB() + " MiB");
            // nothing is read twice, so every steady cutout comes from the device: at least its own bytes
            assertTrue(cold.readAmplification() >= 0.9, s + ": larger than memory, a steady cutout read " + cold.deviceBytesPerCutout() + " device bytes");
            assertEquals("FRESH", cold.sampling());
            assertTrue(cold.method().contains("cgroup v"), cold.method());
            assertTrue(cold.residency().contains("pages resident (mincore)") && cold.residency().contains("no cutout read twice"),
                    cold.residency());
            all.add(cold);
        }
        for (RegimeResult r : all) {
            RegimeResult first = all.stream().filter(x -> x.regime().equals(r.regime())).findFirst().orElseThrow();
            assertEquals(first.checksum(), r.checksum(), "same cutouts, same pixels: " + r.strategy() + " " + r.regime());
        }
    }

    private static void assertShape(RegimeResult r, Strategy s, Regime regime) {
        assertEquals(s.name(), r.strategy());
        assertEquals(regime.label(), r.regime());
        assertEquals(2, r.threads());
        assertEquals(32, r.batch());
        assertEquals(2, r.epochs());
        if (regime == Regime.LARGER_THAN_MEMORY) {
            assertEquals(500, r.cutoutsRead(), "one steady epoch of 500, nothing read twice");
        } else {
            // each of the 2 threads repeats its own share of 250 until the epoch has lasted a second
            assertTrue(r.cutoutsRead() >= 500 && r.cutoutsRead() % 250 == 0, "whole passes over each thread's share for at least a second: " + r.cutoutsRead());
            assertTrue(r.method().contains("each thread repeating its share in new orders"), r.method());
        }
        assertTrue(r.firstEpochCutoutsPerSec() > 0);
        assertTrue(r.cutoutsPerSec() > 0);
        assertEquals(128 * 128 * 4, r.cutoutBytes());
        assertTrue(r.rssAnonMiB() > 0 && r.rssFileMiB() >= 0, r.toString());
        assertTrue(r.method().contains("steady = all but the first"), r.method());
    }

    @Test
    void aRunWhoseSizesDoNotMeetTheRegimeIsRefusedWithTheReason() {
        RegimeResult r = RegimeRun.of(STORES.get(Strategy.STACKED), "default", Regime.LARGER_THAN_MEMORY, 1L << 30, 1, 100).run();
        assertTrue(r.status().startsWith("refused: the data set of "), r.status());
        assertTrue(r.status().contains("'larger than memory' needs at least 4x"), r.status());
        assertEquals(null, r.cutoutsPerSec(), "nothing was measured");
    }

    @Test
    void theRegimeDefinitions() {
        long mib = 1L << 20;
        assertTrue(Regime.FITS_IN_MEMORY.whyNot(25 * mib, 100 * mib).isEmpty());
        assertTrue(Regime.FITS_IN_MEMORY.whyNot(26 * mib, 100 * mib).orElseThrow().contains("at most 1/4"));
        assertTrue(Regime.LARGER_THAN_MEMORY.whyNot(400 * mib, 100 * mib).isEmpty());
        assertTrue(Regime.LARGER_THAN_MEMORY.whyNot(399 * mib, 100 * mib).orElseThrow().contains("3.99x"));
        assertEquals(Regime.LARGER_THAN_MEMORY, Regime.parse("larger than memory"));
    }
}
