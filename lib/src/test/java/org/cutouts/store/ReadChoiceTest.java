package org.cutouts.store;

import static org.cutouts.store.TestData.assertSameBits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.cutouts.data.InMemoryMosaic;
import org.cutouts.data.SyntheticMosaic;
import org.cutouts.os.OnDiskTempDir;
import org.cutouts.os.PageCache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code auto} read mode's choice and its reason, and the {@code auto} and {@code cache=} option strings. */
class ReadChoiceTest {
    @TempDir(factory = OnDiskTempDir.class)
    Path tmp;

    static final long MIB = 1L << 20;
    static final ReadOptions AUTO = ReadOptions.parse("auto");
    /** A 64x64 float32 tile. */
    static final long TILE = 16384;
    static final DoubleSupplier NOT_ASKED = () -> {
        throw new AssertionError("the size alone decides: residency must not be measured");
    };

    @Test
    void aSmallFileIsReadThroughTheMappingAndTheStoreSaysWhy() {
        SyntheticMosaic source = TestData.mosaic(400, 300, 1);
        InMemoryMosaic ref = source.toMemory();
        CutoutSpec spec = CutoutSpec.square(64);
        for (Strategy s : List.of(Strategy.MEMORY_MAPPED_TILED, Strategy.MEMORY_MAPPED, Strategy.STACKED, Strategy.HDF5)) {
            Path dir = Stores.write(s, source, TestData.withEdgeCentres(source), spec, tmp.resolve(s.folder()));
            try (CutoutStore store = Stores.open(dir, AUTO)) {
                ReadChoice c = store.readChoice().orElseThrow();
                assertEquals(ReadChoice.Mode.MAPPED, c.mode(), c.label());
                assertTrue(c.auto() && c.reason().contains("fits in a quarter of"), c.reason());
                assertTrue(ReadOptions.readPath(store).endsWith(", auto: mapped (" + c.reason() + ")"), ReadOptions.readPath(store));
                assertTrue(store.tileCacheStats().isEmpty(), "the mapped path keeps no tile cache");
                for (int i = 0; i < store.size(); i += 5) {
                    assertSameBits(TestData.expected(ref, store.catalogue(), i, spec), store.read(i), s + " cutout " + i);
                }
            }
        }
    }

    @Test
    void smallMemoryChoosesExplicitReadsWithATileCacheOnlyWhenOneIsAskedFor() {
        ReadChoice c = ReadChoice.decide(AUTO, TILE, 1600 * MIB, () -> 0.02, 256 * MIB);
        assertEquals(new ReadChoice(ReadChoice.Mode.EXPLICIT, true, "1600.0 MiB payload above a quarter of 256.0 MiB of memory, "
                + "2% in the page cache", 0), c, "uncached explicit reads keep a batch in flight; cached ones do not");
        assertEquals("auto: explicit (1600.0 MiB payload above a quarter of 256.0 MiB of memory, 2% in the page cache)", c.label());
        assertEquals(16, ReadChoice.decide(ReadOptions.parse("auto,cache=16m"), TILE, 100 * MIB, () -> 0, 256 * MIB).cacheMiB(),
                "the size asked for");
        assertEquals("auto: explicit + 16 MiB tile cache (100.0 MiB payload above a quarter of 256.0 MiB of memory, 0% in the page cache)",
                ReadChoice.decide(ReadOptions.parse("auto,cache=16m"), TILE, 100 * MIB, () -> 0, 256 * MIB).label());
        assertEquals(0, ReadChoice.decide(ReadOptions.parse("auto,cache=16m"), 0, 100 * MIB, () -> 0, 256 * MIB).cacheMiB(), "no tiles, no cache");
        assertEquals(ReadChoice.Mode.MAPPED, ReadChoice.decide(AUTO, TILE, 64 * MIB, NOT_ASKED, 256 * MIB).mode(), "a quarter fits");
        assertEquals(ReadChoice.Mode.EXPLICIT, ReadChoice.decide(AUTO, TILE, 64 * MIB + 1, () -> 0.89, 256 * MIB).mode());
        ReadChoice resident = ReadChoice.decide(AUTO, TILE, 1600 * MIB, () -> 0.95, 256 * MIB);
        assertEquals(ReadChoice.Mode.MAPPED, resident.mode());
        assertTrue(resident.reason().endsWith("but 95% in the page cache"), resident.reason());
        assertEquals(ReadChoice.Mode.MAPPED, ReadChoice.decide(AUTO, TILE, Long.MAX_VALUE / 2, NOT_ASKED, Long.MAX_VALUE).mode(),
                "no known limit");
    }

    @Test
    void withoutAutoTheOptionsDecideAndNothingIsMeasured() {
        ReadChoice explicit = ReadChoice.decide(ReadOptions.parse("explicit,cache=8m"), TILE, 0, NOT_ASKED, 0);
        assertEquals(new ReadChoice(ReadChoice.Mode.EXPLICIT, false, "explicit asked for", 8), explicit);
        assertEquals(new ReadChoice(ReadChoice.Mode.MAPPED, false, "mapped by default", 0), ReadChoice.decide(ReadOptions.defaults(), TILE, 0,
                NOT_ASKED, 0));
    }

    /** The real measurement against a memory figure that stands in for a small cgroup: resident, then evicted. */
    @Test
    void aLargeFileIsMappedWhileResidentAndReadExplicitlyOnceEvicted() {
        SyntheticMosaic source = TestData.mosaic(1000, 800, 3);
        Path dir = Stores.write(Strategy.MEMORY_MAPPED_TILED, source, source.catalogue(), CutoutSpec.square(64), tmp.resolve("t"));
        Path payload = dir.resolve(TiledStore.PAYLOAD);
        DoubleSupplier residency = () -> PageCache.residency(List.of(payload)).fraction();
        try (CutoutStore store = Stores.open(dir)) {
            int[] all = java.util.stream.IntStream.range(0, store.size()).toArray();
            store.readBatch(all, new float[all.length * store.cutoutPixels()]);
        }
        ReadChoice warm = ReadChoice.decide(AUTO, TILE, sizeOf(payload), residency, MIB);
        assumeTrue(residency.getAsDouble() >= ReadChoice.RESIDENT, "the file just written and read is in the page cache");
        assertEquals(ReadChoice.Mode.MAPPED, warm.mode(), warm.label());
        PageCache.Eviction ev = PageCache.evict(List.of(payload));
        assumeTrue(ev.cold(), ev.status());
        ReadChoice cold = ReadChoice.decide(AUTO, TILE, sizeOf(payload), residency, MIB);
        assertEquals(ReadChoice.Mode.EXPLICIT, cold.mode(), cold.label());
        assertEquals(0, cold.cacheMiB(), "no cache unless one is asked for");
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void autoAndCacheParseAndRoundTripThroughTheLabel() {
        Map<String, String> labels = Map.of(
                "explicit,cache=64m", "advice=auto,gather,sort,notouch,threads=1,explicit,cache=64m,ring",
                "auto", "advice=auto,gather,sort,notouch,threads=1,auto,ring",
                "cache=2g,auto", "advice=auto,gather,sort,notouch,threads=1,auto,cache=2048m,ring",
                "baseline,explicit,cache=1", "advice=none,nogather,threads=1,nodirect,explicit,cache=1m,noring",
                "auto,cache=16m,nocache", "advice=auto,gather,sort,notouch,threads=1,auto,ring",
                "explicit,noexplicit,auto,CACHE=3M", "advice=auto,gather,sort,notouch,threads=1,auto,cache=3m,ring",
                "explicit,noring", "advice=auto,gather,sort,notouch,threads=1,explicit,noring",
                "default", "advice=auto,gather,sort,notouch,threads=1");
        labels.forEach((spec, label) -> {
            ReadOptions o = ReadOptions.parse(spec);
            assertEquals(label, o.label(), spec);
            ReadOptions again = ReadOptions.parse(o.label());
            assertEquals(label, again.label(), "round trip of " + spec);
            assertTrue(again.explicit() == o.explicit() && again.auto() == o.auto() && again.cacheMiB() == o.cacheMiB(), spec);
            assertEquals(o.ring() || !(o.explicit() || o.auto()), again.ring(), "ring of " + spec);
        });
        ReadOptions o = ReadOptions.parse("auto,cache=2g");
        assertTrue(o.auto() && !o.explicit());
        assertEquals(2048, o.cacheMiB());
        assertFalse(ReadOptions.defaults().auto());
        assertEquals(0, ReadOptions.defaults().cacheMiB());
    }

    @Test
    void aBadOptionStringNamesTheProblem() {
        Map<String, String> problems = Map.of(
                "cache=64m", "read options 'cache=64m': cache=64m caches the tiles of explicit reads: add explicit or auto",
                "explicit,cache=lots", "tile cache size 'lots' in 'explicit,cache=lots' is not a size in MiB like cache=64m",
                "explicit,cache=-3m", "tile cache size '-3m' in 'explicit,cache=-3m' is not a size in MiB",
                "explicit,cache=2000g", "tile cache size '2000g' in 'explicit,cache=2000g' is not a size in MiB like cache=64m or cache=1g "
                        + "(at most 1048576 MiB)",
                "auto,explicit", "read options 'auto,explicit': auto chooses between the mapped and the explicit path at open: "
                        + "it cannot be combined with explicit",
                "auto,touch", "read options 'auto,touch': auto may choose explicit reads, which copy from the file, not the mapping",
                "auto,prefault", "touch and prefault would page the mapping in",
                "automatic", "unknown mapping option 'automatic' in 'automatic'");
        problems.forEach((spec, message) -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReadOptions.parse(spec), spec);
            assertTrue(e.getMessage().contains(message), e.getMessage());
        });
    }
}
