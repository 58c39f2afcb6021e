package org.cutouts.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.cutouts.data.SyntheticMosaic;
import org.cutouts.os.OnDiskTempDir;
import org.cutouts.os.PageCache;
import org.cutouts.os.ProcIo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A read counted as cold was not resident: the pages a cutout reads are out of the cache after eviction, in it after the read. */
class ColdResidencyTest {
    @TempDir(factory = OnDiskTempDir.class)
    Path tmp;

    @ParameterizedTest
    @EnumSource(value = Strategy.class, names = {"MEMORY_MAPPED", "MEMORY_MAPPED_TILED", "STACKED", "INDIVIDUAL_FILES"})
    void theCutoutsPagesAreNotResidentBeforeAColdReadAndAreAfterIt(Strategy strategy) {
        SyntheticMosaic m = TestData.mosaic(1200, 1000, 11);
        Path dir = Stores.write(strategy, m, TestData.withEdgeCentres(m), CutoutSpec.square(64), tmp.resolve(strategy.folder()));
        try (CutoutStore store = Stores.open(dir, ReadOptions.parse("advice=random"))) {
            CutoutFootprint footprint = CutoutFootprint.of(store).orElseThrow();
            int inside = m.catalogue().size() / 2;
            int edge = m.catalogue().size(); // the (0, 0) corner: a quarter of the window is in the mosaic
            PageCache.Eviction ev = PageCache.evict(PageCache.storeFiles(dir));
            assertTrue(ev.cold(), ev.status());
            for (int i : new int[] {inside, edge}) {
                PageCache.Residency before = footprint.residency(i);
                assertTrue(before.totalPages() > 0, "cutout " + i + " has a footprint");
                assertEquals(0, before.residentPages(), strategy + " cutout " + i + " resident before its cold read");
                store.read(i);
                PageCache.Residency after = footprint.residency(i);
                assertEquals(after.totalPages(), after.residentPages(), strategy + " cutout " + i + " pages after the read");
            }
        }
    }

    @Test
    void aMosaicWindowsFootprintIsItsRowsOnly() {
        SyntheticMosaic m = TestData.mosaic(3000, 200, 3);
        Path dir = Stores.write(Strategy.MEMORY_MAPPED, m, TestData.withEdgeCentres(m), CutoutSpec.square(32), tmp.resolve("fp"));
        try (CutoutStore store = Stores.open(dir)) {
            CutoutFootprint.Footprint f = CutoutFootprint.of(store).orElseThrow().at(m.catalogue().size()); // corner (0, 0)
            assertEquals(16, f.ranges().size(), "16 of the 32 rows lie in the mosaic");
            assertEquals(16 * 16 * 4, f.bytes(), "16 pixels of each");
            assertEquals(128, f.ranges().getFirst().offset(), "the first row starts right after the .npy header");
            assertEquals(128 + 3000 * 4, f.ranges().get(1).offset());
        }
    }

    @Test
    void manyFreshlyWrittenFilesAreFlushedOnceAndEvicted() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("many"));
        List<Path> files = new java.util.ArrayList<>();
        for (int i = 0; i < 2 * 256; i++) {
            files.add(Files.write(dir.resolve("f" + i), new byte[8192])); // dirty: DONTNEED alone would keep them
        }
        PageCache.Eviction ev = PageCache.evict(files);
        assertEquals(files.size() * 2L, ev.before().totalPages());
        assertTrue(ev.cold(), ev.status());
    }

    @Test
    void procIoCountsDeviceReadsForColdPagesAndNoneForCachedOnes() throws IOException {
        Path f = tmp.resolve("data.bin");
        Files.write(f, new byte[8 << 20]);
        assertTrue(PageCache.evict(List.of(f)).cold());
        ProcIo t0 = ProcIo.now();
        readAll(f);
        ProcIo cold = ProcIo.now().minus(t0);
        readAll(f);
        ProcIo warm = ProcIo.now().minus(t0).minus(cold);
        assertTrue(cold.readBytes() >= 8 << 20, "a cold read of 8 MiB read " + cold.readBytes() + " bytes from the device");
        assertTrue(warm.readBytes() < 64 << 10, "a warm read read " + warm.readBytes() + " bytes from the device");
        assertTrue(warm.readChars() >= 8 << 20, "and still returned the 8 MiB: " + warm.readChars());
    }

    /** The explicit path reads a cold cutout's rows and nothing else: one or two pages per row, never a fault's readahead. */
    @ParameterizedTest
    @EnumSource(value = Strategy.class, names = {"MEMORY_MAPPED", "MEMORY_MAPPED_TILED", "STACKED"})
    void anExplicitColdReadReadsOnlyThePagesItSpans(Strategy strategy) {
        SyntheticMosaic m = TestData.mosaic(4000, 1500, 5);
        Path dir = Stores.write(strategy, m, TestData.withEdgeCentres(m), CutoutSpec.square(64), tmp.resolve(strategy.folder()));
        try (CutoutStore store = Stores.open(dir, ReadOptions.parse("explicit"))) {
            CutoutFootprint footprint = CutoutFootprint.of(store).orElseThrow();
            int inside = m.catalogue().size() / 3;
            assertTrue(PageCache.evict(PageCache.storeFiles(dir)).cold());
            long pages = footprint.residency(inside).totalPages();
            ProcIo t0 = ProcIo.now();
            store.read(inside);
            long read = ProcIo.now().minus(t0).readBytes();
            assertTrue(read >= 16 << 10, strategy + ": a cold cutout of 16 KiB read " + read + " bytes from the device");
            // a tile read may take the whole tile span it covers; a row-major read one or two pages per row
            assertTrue(read <= (pages + 4) * 4096 + (strategy == Strategy.MEMORY_MAPPED_TILED ? 64 << 10 : 0),
                    strategy + ": " + read + " bytes read for a cutout spanning " + pages + " pages");
        }
    }

    private static void readAll(Path f) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(1 << 20);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            while (ch.read(b.clear()) > 0) {
                // only the I/O counts
            }
        }
    }
}
