package org.cutouts.bench.regime;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.cutouts.bench.RunSpec;
import org.cutouts.store.ReadOptions;
import org.cutouts.store.Strategy;
import org.junit.jupiter.api.Test;

/** The new ways a regime sweep or a read variant can be asked for wrongly each fail with what is wrong. */
class RegimeArgumentsTest {
    @Test
    void explicitReadsCannotBeCombinedWithMappingOnlyOptions() {
        for (String spec : List.of("explicit,touch", "explicit,prefault")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReadOptions.parse(spec), spec);
            assertTrue(e.getMessage().contains("explicit reads copy from the file, not the mapping"), e.getMessage());
        }
    }

    @Test
    void aSweepNeedsAWarmUpEpochAndAnUnknownVariantFailsBeforeTheRun() {
        IllegalArgumentException oneEpoch = assertThrows(IllegalArgumentException.class, () -> new RunSpec.Regimes(true,
                List.of(Regime.FITS_IN_MEMORY), List.of(Strategy.STACKED), List.of("default"), 100, 10, 1 << 20, List.of(1), 32, 10, 1, 0, "48m"));
        assertTrue(oneEpoch.getMessage().contains("at least 2 epochs"), oneEpoch.getMessage());
        IllegalArgumentException variant = assertThrows(IllegalArgumentException.class, () -> new RunSpec.Regimes(true,
                List.of(Regime.FITS_IN_MEMORY), List.of(Strategy.STACKED), List.of("explicitly"), 100, 10, 1 << 20, List.of(1), 32, 10, 2, 0, "48m"));
        assertTrue(variant.getMessage().contains("unknown mapping option 'explicitly'"), variant.getMessage());
    }

    @Test
    void anUnknownOrNoEpochOrderFailsBeforeTheRun() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> new RunSpec.Regimes(true,
                List.of(Regime.FITS_IN_MEMORY), List.of(Strategy.STACKED), List.of("default"), 100, 10, 1 << 20, List.of(1), 32, 10, 2, 0, "48m",
                List.of("random", "sorted")));
        assertTrue(unknown.getMessage().equals("an epoch order is random or locality, got 'sorted'"), unknown.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> new RunSpec.Regimes(true,
                List.of(Regime.FITS_IN_MEMORY), List.of(Strategy.STACKED), List.of("default"), 100, 10, 1 << 20, List.of(1), 32, 10, 2, 0, "48m",
                List.of()));
        assertTrue(none.getMessage().startsWith("a regime sweep needs an epoch order"), none.getMessage());
    }

    @Test
    void readaheadOnAStoreTheSweepDoesNotMapFailsBeforeTheRun() {
        RunSpec.Regimes quick = RunSpec.quick().regimes();
        IllegalArgumentException unmapped = assertThrows(IllegalArgumentException.class,
                () -> quick.withReadahead(List.of(Strategy.INDIVIDUAL_FILES)));
        assertTrue(unmapped.getMessage().equals("readahead is measured on the mapped stores the sweep reads [stacked-npy, mmap-npy], got "
                + "'individual-npy'"), unmapped.getMessage());
        IllegalArgumentException absent = assertThrows(IllegalArgumentException.class, () -> quick.withReadahead(List.of(Strategy.HDF5)));
        assertTrue(absent.getMessage().endsWith("got 'hdf5'"), absent.getMessage());
    }
}
