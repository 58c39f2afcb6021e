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
        CloseRace.Outcome o = CloseRace.run(write(s), 3);
        assertEquals(0, o.wrongStamps() + o.otherFailures() + o.hangs(), o.toString());
        assertEquals(3 * 16, o.closedErrors(), "every reader ends with a clear closed-store error: " + o);
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

    // ---- silent wrong data --------------------------------------------------------------------

    static byte[] littleEndianLong(long v) {
        return java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(v).array();
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(longs = {0, -4096, Long.MIN_VALUE, 8192})
    void aTiledDataOffsetOtherThan4096IsRefused(long offset) throws IOException {
        Path dir = write(Strategy.MEMORY_MAPPED_TILED);
        Path f = dir.resolve(TiledStore.PAYLOAD);
        poke(f, 40, littleEndianLong(offset));
        assertStoreError(f, "data offset " + offset, () -> Stores.open(dir));
    }

    @Test
    void aTiledFileLongerThanItsTilesIsRefused() throws IOException {
        Path dir = write(Strategy.MEMORY_MAPPED_TILED);
        Path f = dir.resolve(TiledStore.PAYLOAD);
        poke(f, Files.size(f), new byte[4096]);
        assertStoreError(f, "promises exactly", () -> Stores.open(dir));
    }

    @Test
    void aConsistentLieAboutTileSizeAndGridIsRefused() throws IOException {
        SyntheticMosaic m = TestData.mosaic(256, 256, 3);
        Path dir = Stores.write(Strategy.MEMORY_MAPPED_TILED, m, m.catalogue(), CutoutSpec.square(16), tmp.resolve("t"));
        Path f = dir.resolve(TiledStore.PAYLOAD);
        // 256x256 in 128-pixel tiles has exactly the bytes of 64-pixel tiles: only the header tells them apart
        byte[] lie = TiledLayout.of(256, 256, 128).encodeHeader();
        poke(f, 0, lie);
        assertStoreError(f, "corrupt tiled mosaic", () -> Stores.open(dir));
    }

    @Test
    void aTruncatedHdf5FileIsRefused() throws IOException {
        Path dir = write(Strategy.HDF5);
        Path f = dir.resolve(Hdf5Store.PAYLOAD);
        setLength(f, Files.size(f) - 35);
        assertStoreError(f, "", () -> Stores.open(dir));
    }

    @Test
    void anHdf5CatalogueThatDiffersFromTheCsvIsRefused() throws IOException {
        Path dir = write(Strategy.HDF5);
        editCatalogue(dir, 5, "16777217");
        assertStoreError(dir.resolve(Hdf5Store.PAYLOAD), "differs from catalogue.csv", () -> Stores.open(dir));
    }

    /** Where the pixels start in a payload: the cut below lands 100 bytes into them, inside a page. */
    private static long pixelStart(Strategy s, Path dir) {
        try (CutoutStore store = Stores.open(dir)) {
            return switch (s) {
                case MEMORY_MAPPED -> NpyHeader.encode(150, 200).length;
                case MEMORY_MAPPED_TILED -> TiledLayout.HEADER_BYTES;
                default -> ((io.jhdf.api.dataset.ContiguousDataset) ((Hdf5Store) store).mosaicDataset()).getDataAddress();
            };
        }
    }

    @ParameterizedTest
    @EnumSource(value = Strategy.class, names = {"MEMORY_MAPPED", "MEMORY_MAPPED_TILED", "HDF5"})
    void aMappedFileTruncatedWhileOpenNeverYieldsAWrongStamp(Strategy s) throws IOException {
        Path dir = write(s);
        Path f = dir.resolve(StoreManifest.read(dir).payload());
        long cut = pixelStart(s, dir) + 100; // not page-aligned: the rest of that page reads as zeros, later pages fault
        List<float[]> expected = new ArrayList<>();
        try (CutoutStore store = Stores.open(dir)) {
            for (int i = 0; i < store.size(); i++) {
                expected.add(store.read(i));
            }
            setLength(f, cut);
            int failed = 0;
            for (int i = 0; i < store.size(); i++) {
                try {
                    assertArrayEquals(expected.get(i), store.read(i), "stamp " + i + " after truncation");
                } catch (StoreException e) {
                    assertTrue(e.getMessage().startsWith(f.toString()) && e.getMessage().contains("truncated"), e.getMessage());
                    failed++;
                }
            }
            assertTrue(failed > 0, "reads of the truncated part are refused");
            int[] all = java.util.stream.IntStream.range(0, store.size()).toArray();
            assertStoreError(f, "truncated", () -> store.readBatch(all, new float[all.length * store.cutoutPixels()]));
        }
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
            "{'descr': '>f4', 'descr': '<f4', 'fortran_order': False, 'shape': (150, 200), }",
            "{'descr': '<f4', 'fortran_order': False, 'shape': (150, 200), 'extra': 1, }",
            "{'descr': '<f4', 'fortran_order': False, }",
            "{'descr': '<f4', 'fortran_order': False, 'shape': (150, 200), 'shape': (150, 200)}",
            "{'descr': '<f4', 'fortran_order': False, 'shape': (150, 200), } junk"})
    void theNpyParserIsAsStrictAsNumpy(String dict) throws IOException {
        Path dir = write(Strategy.MEMORY_MAPPED);
        Path f = dir.resolve(MemoryMappedStore.PAYLOAD);
        byte[] header = NpyHeader.encode(150, 200);
        byte[] text = (dict + " ".repeat(header.length - 10 - dict.length() - 1) + "\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertEquals(header.length - 10, text.length);
        poke(f, 10, text);
        assertStoreError(f, "corrupt .npy header", () -> Stores.open(dir));
    }

    // ---- escapes, hangs, OOM ------------------------------------------------------------------

    private static void setPayload(Path dir, String payload) throws IOException {
        Path m = dir.resolve(StoreManifest.FILE_NAME);
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var n = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(m.toFile());
        n.put("payload", payload);
        Files.write(m, json.writeValueAsBytes(n));
        StoreChecksumsTestSupport.forgetChecksums(dir);
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void aPayloadOutsideTheStoreIsRefused(Strategy s) throws IOException {
        Path dir = write(s);
        Path other = Files.createDirectories(tmp.resolve("elsewhere"));
        String name = StoreManifest.read(dir).payload();
        Path manifest = dir.resolve(StoreManifest.FILE_NAME);
        setPayload(dir, dir.resolve(name).toAbsolutePath().toString());
        assertStoreError(manifest, "absolute path", () -> Stores.open(dir));
        setPayload(dir, "../" + s.folder() + "/" + name);
        assertStoreError(manifest, "leaves the store directory", () -> Stores.open(dir));
        setPayload(dir, "moz\0aic");
        assertStoreError(manifest, "", () -> Stores.open(dir));
        setPayload(dir, name.replace("", "").substring(0, name.length() - 1) + "\u0000");
        assertStoreError(manifest, "NUL", () -> Stores.open(dir));
        Files.move(dir.resolve(name), other.resolve(name));
        Files.createSymbolicLink(dir.resolve(name), other.resolve(name).toAbsolutePath());
        setPayload(dir, name);
        assertStoreError(dir.resolve(name), "symbolic link", () -> Stores.open(dir));
    }

    @Test
    void symlinkedCatalogueAndCutoutFilesAreRefused() throws IOException {
        Path dir = write(Strategy.INDIVIDUAL_FILES);
        Path cut = dir.resolve("cutouts").resolve(IndividualFilesStore.fileName(1));
        Path away = Files.move(cut, tmp.resolve("away.npy"));
        Files.createSymbolicLink(cut, away.toAbsolutePath());
        try (CutoutStore s = Stores.open(dir)) {
            assertStoreError(cut, "symbolic link", () -> s.read(1));
        }
        Path csv = dir.resolve(StoreManifest.CATALOGUE_FILE);
        Path awayCsv = Files.move(csv, tmp.resolve("away.csv"));
        Files.createSymbolicLink(csv, awayCsv.toAbsolutePath());
        assertStoreError(csv, "symbolic link", () -> Stores.open(dir));
    }

    static void mkfifo(Path p) throws IOException, InterruptedException {
        Files.deleteIfExists(p);
        assertEquals(0, new ProcessBuilder("mkfifo", p.toString()).inheritIO().start().waitFor());
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void aFifoInPlaceOfAnyFileIsRefusedWithoutBlocking(Strategy s) throws Exception {
        Path dir = write(s);
        String payload = StoreManifest.read(dir).payload();
        Path target = s == Strategy.INDIVIDUAL_FILES ? dir.resolve(payload).resolve(IndividualFilesStore.fileName(0)) : dir.resolve(payload);
        StoreChecksumsTestSupport.forgetChecksums(dir);
        mkfifo(target);
        if (s == Strategy.INDIVIDUAL_FILES) {
            try (CutoutStore store = Stores.open(dir)) {
                assertStoreError(target, "not a regular file", () -> store.read(0));
            }
        } else if (s == Strategy.WHOLE_TENSOR) {
            try (CutoutStore store = Stores.open(dir)) {
                assertStoreError(target, "not a regular file", () -> store.read(0));
            }
        } else {
            assertStoreError(target, "not a regular file", () -> Stores.open(dir));
        }
        for (String name : List.of(StoreManifest.CATALOGUE_FILE, StoreManifest.FILE_NAME)) {
            Path f = write(s).resolve(name);
            mkfifo(f);
            assertStoreError(f, "not a regular file", () -> Stores.open(dir));
        }
    }

    static void setLength(Path f, long length) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(length);
        }
    }

    /** Sets one column of the first catalogue row, as an older store without checksums would take it. */
    static Path editCatalogue(Path dir, int column, String value) throws IOException {
        Path c = dir.resolve(StoreManifest.CATALOGUE_FILE);
        StoreChecksumsTestSupport.forgetChecksums(dir);
        List<String> lines = new ArrayList<>(Files.readAllLines(c));
        String[] p = lines.get(1).split(",");
        p[column] = value;
        lines.set(1, String.join(",", p));
        Files.write(c, lines);
        return c;
    }

    @Test
    void aHugeSparseManifestIsRefusedBeforeReading() throws IOException {
        Path dir = write(Strategy.MEMORY_MAPPED);
        Path m = dir.resolve(StoreManifest.FILE_NAME);
        setLength(m, 3L << 30);
        assertStoreError(m, "larger than", () -> Stores.open(dir));
    }

    @Test
    void aHugeSparseCatalogueIsRefusedWithoutReadingItWhole() throws IOException {
        Path dir = write(Strategy.MEMORY_MAPPED);
        Path c = dir.resolve(StoreManifest.CATALOGUE_FILE);
        StoreChecksumsTestSupport.forgetChecksums(dir);
        setLength(c, 3L << 30);
        assertStoreError(c, "", () -> Stores.open(dir));
    }

    @Test
    void aCatalogueWithFarMoreRowsThanTheManifestIsRefusedWhileStreaming() throws IOException {
        Path dir = write(Strategy.MEMORY_MAPPED);
        Path c = dir.resolve(StoreManifest.CATALOGUE_FILE);
        StoreChecksumsTestSupport.forgetChecksums(dir);
        try (var w = Files.newBufferedWriter(c, java.nio.file.StandardOpenOption.APPEND)) {
            for (int i = 0; i < 200_000; i++) {
                w.write(i + ",1.0,1.0,1.0,1.0,1,0,0\n");
            }
        }
        assertStoreError(c, "more than the", () -> Stores.open(dir));
    }

    @Test
    void aCentreFarOutsideAnyMosaicIsAStoreException() throws IOException {
        Path dir = write(Strategy.MEMORY_MAPPED);
        Path c = editCatalogue(dir, 1, "1e10");
        assertStoreError(c, "outside any mosaic", () -> Stores.open(dir));
    }

    @Test
    void anHdf5StoreOfAnEmptyCatalogueIsAStoreException() {
        SyntheticMosaic m = TestData.mosaic(64, 64, 1);
        org.cutouts.data.Catalogue empty = new org.cutouts.data.Catalogue(new double[0], new double[0], new double[0], new double[0], new int[0]);
        Path dir = tmp.resolve("h");
        assertStoreError(dir.resolve(Hdf5Store.PAYLOAD), "empty catalogue",
                () -> Stores.write(Strategy.HDF5, m, empty, CutoutSpec.square(16), dir));
    }

    // ---- checksums ----------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void verifyNamesTheFirstBadBlockOrFileAfterAPixelFlip(Strategy s) throws IOException {
        Path dir = write(s);
        assertTrue(StoreVerifier.verify(dir).ok(), StoreVerifier.verify(dir).toString());
        assertEquals(0, org.cutouts.cli.Main.run("verify", dir.toString()));
        String payload = StoreManifest.read(dir).payload();
        Path f = s == Strategy.INDIVIDUAL_FILES ? dir.resolve(payload).resolve(IndividualFilesStore.fileName(3)) : dir.resolve(payload);
        long at = Files.size(f) - 4; // the last pixel (for HDF5 the last catalogue bytes come after the mosaic: pick the mosaic)
        if (s == Strategy.HDF5) {
            try (CutoutStore store = Stores.open(dir)) {
                at = ((io.jhdf.api.dataset.ContiguousDataset) ((Hdf5Store) store).mosaicDataset()).getDataAddress() + 400;
            }
        }
        byte[] one = new byte[1];
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.seek(at);
            one[0] = (byte) (raf.read() ^ 0x10);
        }
        poke(f, at, one);
        StoreVerifier.Result r = StoreVerifier.verify(dir);
        assertFalse(r.ok());
        assertTrue(r.problem().startsWith(f.toString()), r.problem());
        assertTrue(r.problem().contains(s == Strategy.INDIVIDUAL_FILES ? "cutout file 3" : "block 0"), r.problem());
        assertEquals(1, org.cutouts.cli.Main.run("verify", dir.toString()));
    }

    @Test
    void aStoreWithoutChecksumsStillOpensAndVerifySaysSo() throws IOException {
        Path dir = write(Strategy.MEMORY_MAPPED);
        StoreChecksumsTestSupport.forgetChecksums(dir);
        try (CutoutStore s = Stores.open(dir)) {
            s.read(0);
        }
        StoreVerifier.Result r = StoreVerifier.verify(dir);
        assertTrue(r.ok() && !r.checksums(), r.toString());
        assertTrue(r.toString().contains("no checksums recorded"), r.toString());
    }

    @Test
    void aFlippedCatalogueByteIsRefusedAtOpen() throws IOException {
        Path dir = write(Strategy.MEMORY_MAPPED);
        Path c = dir.resolve(StoreManifest.CATALOGUE_FILE);
        poke(c, Files.size(c) - 3, new byte[] {'7'});
        assertStoreError(c, "CRC32C", () -> Stores.open(dir));
    }
}
