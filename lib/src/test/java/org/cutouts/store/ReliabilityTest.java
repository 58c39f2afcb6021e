package org.cutouts.store;

import org.cutouts.io.StoreException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.cutouts.data.SyntheticMosaic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Regression tests for every case of the reliability issue: a clear StoreException that starts with the file. */
class ReliabilityTest {
    @TempDir
    Path tmp;

    private Path write(Strategy s) {
        SyntheticMosaic m = TestData.mosaic(200, 150, 3);
        return Stores.write(s, m, m.catalogue(), CutoutSpec.square(16), tmp.resolve(s.folder()));
    }

    static StoreException assertStoreError(Path file, String problem, Runnable r) {
        StoreException e = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThrows(StoreException.class, r::run));
        assertTrue(e.getMessage().startsWith(file.toString()), "message names " + file + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(problem), "message says '" + problem + "': " + e.getMessage());
        return e;
    }

    static void poke(Path f, long at, byte[] bytes) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.seek(at);
            raf.write(bytes);
        }
    }

    static byte[] bigEndianLong(long v) {
        return java.nio.ByteBuffer.allocate(8).putLong(v).array();
    }

    // ---- JVM crashes ------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void closeWhileSixteenThreadsReadNeverCrashesNorReturnsWrongStamps(Strategy s) throws Exception {
        Path dir = write(s);
        List<float[]> expected = new ArrayList<>();
        try (CutoutStore ref = Stores.open(dir)) {
            for (int i = 0; i < ref.size(); i++) {
                expected.add(ref.read(i));
            }
        }
        for (int cycle = 0; cycle < 3; cycle++) {
            CutoutStore store = Stores.open(dir);
            AtomicInteger wrong = new AtomicInteger();
            AtomicReference<Throwable> unexpected = new AtomicReference<>();
            CountDownLatch started = new CountDownLatch(16);
            List<Thread> readers = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                int seed = t;
                Thread th = new Thread(() -> {
                    started.countDown();
                    for (int k = 0; ; k++) {
                        int i = (seed * 31 + k) % store.size();
                        try {
                            if (!java.util.Arrays.equals(store.read(i), expected.get(i))) {
                                wrong.incrementAndGet();
                            }
                        } catch (StoreException e) {
                            if (!e.getMessage().contains("closed")) {
                                unexpected.set(e);
                            }
                            return;
                        } catch (Throwable e) {
                            unexpected.set(e);
                            return;
                        }
                    }
                });
                th.start();
                readers.add(th);
            }
            started.await();
            Thread.sleep(20);
            store.close();
            store.close(); // a second close is harmless
            for (Thread th : readers) {
                th.join(30_000);
                assertFalse(th.isAlive(), "a reader hangs after close");
            }
            assertEquals(0, wrong.get(), "wrong stamps during the close race");
            if (unexpected.get() != null) {
                throw new AssertionError("unexpected failure in a reader", unexpected.get());
            }
            assertStoreError(dir, "store is closed", () -> store.read(0));
        }
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
            "114, 4611686018427387904, data length at offset 0x72", // the 2^62 that crashed in Unsafe_PutFloat
            "114, 10, data length at offset 0x72",                  // a length below the mosaic size
            "40, 1099511627776, height at offset 0x28",              // a lying shape
            "88, 1, order at offset 0x58"})
    void aLyingNd4jHeaderFieldIsRefusedBeforeNd4jSeesIt(long offset, long value, String problem) throws IOException {
        Path dir = write(Strategy.WHOLE_TENSOR);
        Path f = dir.resolve(WholeTensorStore.PAYLOAD);
        poke(f, offset, bigEndianLong(value));
        try (CutoutStore s = Stores.open(dir)) {
            assertStoreError(f, problem, () -> s.read(0));
        }
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void readsAfterCloseFailForEveryStrategyAndDoubleCloseIsHarmless(Strategy s) {
        Path dir = write(s);
        CutoutStore store = Stores.open(dir);
        float[] first = store.read(0);
        store.close();
        store.close();
        assertStoreError(dir, "store is closed", () -> store.read(0));
        assertStoreError(dir, "store is closed", () -> store.readBatch(new int[] {0, 1}, new float[2 * first.length]));
    }

    // ---- data loss ----------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void writingOverADirectoryThatIsNotAStoreRefusesAndDeletesNothing(Strategy s) throws IOException {
        Path mine = Files.createDirectories(tmp.resolve("mydata"));
        Files.writeString(mine.resolve("keep.txt"), "precious");
        SyntheticMosaic m = TestData.mosaic(64, 64, 1);
        assertStoreError(mine.toAbsolutePath(), "not a store this library wrote",
                () -> Stores.write(s, m, m.catalogue(), CutoutSpec.square(16), mine));
        assertEquals("precious", Files.readString(mine.resolve("keep.txt")));
        try (var left = Files.list(tmp)) {
            assertEquals(List.of("mydata"), left.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void writingOverAStoreOrAnEmptyDirectoryReplacesIt() throws IOException {
        Path dir = write(Strategy.MEMORY_MAPPED);
        Path again = write(Strategy.MEMORY_MAPPED);
        assertEquals(dir, again);
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        SyntheticMosaic m = TestData.mosaic(64, 64, 1);
        Stores.write(Strategy.MEMORY_MAPPED, m, m.catalogue(), CutoutSpec.square(16), empty);
        assertTrue(StoreManifest.isStore(empty));
    }

    /** The state a kill between the two renames leaves: the old store in .NAME.old-*, the new one in .NAME.tmp-*. */
    private Path killedBetweenRenames() throws IOException {
        Path dir = write(Strategy.MEMORY_MAPPED).toAbsolutePath();
        Path old = dir.resolveSibling("." + dir.getFileName() + ".old-1a2b");
        Files.move(dir, old);
        Path partial = Files.createDirectories(dir.resolveSibling("." + dir.getFileName() + ".tmp-3c4d"));
        Files.writeString(partial.resolve("mosaic.npy"), "half a mosaic");
        return dir;
    }

    @Test
    void theNextOpenRestoresTheOldStoreAndRemovesTheTemporaryOne() throws IOException {
        Path dir = killedBetweenRenames();
        Path unrelated = Files.createDirectories(tmp.resolve(".other.tmp-1234"));
        try (CutoutStore s = Stores.open(dir)) {
            assertEquals(s.manifest().count(), s.catalogue().size());
            s.read(0);
        }
        assertTrue(AtomicFilesLeftovers.of(dir).isEmpty(), "leftovers: " + AtomicFilesLeftovers.of(dir));
        assertTrue(Files.isDirectory(unrelated), "a directory of another name is never touched");
    }

    @Test
    void theNextWriteRecoversToo() throws IOException {
        Path dir = killedBetweenRenames();
        write(Strategy.MEMORY_MAPPED);
        assertTrue(StoreManifest.isStore(dir));
        assertTrue(AtomicFilesLeftovers.of(dir).isEmpty(), "leftovers: " + AtomicFilesLeftovers.of(dir));
    }

    @Test
    void aNewCatalogueBesideAnOldMosaicIsRefusedByWriteAndInfo() throws IOException {
        Path root = tmp.resolve("ws");
        Workspace ws = Workspace.generate(org.cutouts.data.MosaicSpec.of(120, 100, 10, 1), org.cutouts.data.CatalogueRecipe.sources(),
                root, WriteProgress.NONE);
        assertTrue(ws.hasMosaic());
        // what a kill after the catalogue and before the mosaic leaves: a new catalogue, the old mosaic, no workspace.json
        Workspace other = Workspace.generate(org.cutouts.data.MosaicSpec.of(120, 100, 12, 2), org.cutouts.data.CatalogueRecipe.sources(),
                tmp.resolve("ws2"), WriteProgress.NONE);
        Files.copy(other.catalogueFile(), ws.catalogueFile(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertStoreError(ws.catalogueFile(), "not the pair", () -> ws.writeStore(Strategy.MEMORY_MAPPED, CutoutSpec.square(16)));
        Files.delete(root.resolve(WorkspaceManifest.FILE_NAME));
        assertFalse(ws.hasMosaic());
        assertStoreError(root.resolve(WorkspaceManifest.FILE_NAME), "workspace is incomplete",
                () -> ws.writeStore(Strategy.MEMORY_MAPPED, CutoutSpec.square(16)));
        assertEquals(2, org.cutouts.cli.Main.run("info", root.toString()));
        assertEquals(2, org.cutouts.cli.Main.run("write", root.toString(), "--quiet"));
    }
}
