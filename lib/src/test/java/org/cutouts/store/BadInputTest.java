package org.cutouts.store;

import org.cutouts.io.AtomicFiles;
import org.cutouts.io.StoreException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.cutouts.data.Catalogue;
import org.cutouts.data.SyntheticMosaic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every way a file or argument can be wrong gives an exception that names the file and the problem. */
class BadInputTest {
    @TempDir
    Path tmp;

    private Path write(Strategy s) {
        SyntheticMosaic m = TestData.mosaic(120, 100, 1);
        return Stores.write(s, m, m.catalogue(), CutoutSpec.square(16), tmp.resolve(s.folder()));
    }

    private static StoreException assertStoreError(Path file, String problem, Runnable r) {
        StoreException e = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThrows(StoreException.class, r::run));
        assertTrue(e.getMessage().startsWith(file.toString()), "message names " + file + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(problem), "message says '" + problem + "': " + e.getMessage());
        return e;
    }

    private static void truncate(Path f, long by) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(raf.length() - by);
        }
    }

    private static void readAll(CutoutStore s) {
        for (int i = 0; i < s.size(); i++) {
            s.read(i);
        }
    }

    // ---- missing files ------------------------------------------------------------------------

    @Test
    void aMissingStoreDirectory() {
        Path dir = tmp.resolve("nope");
        assertStoreError(dir, "no such store directory", () -> Stores.open(dir));
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void aMissingManifestMeansAnIncompleteStore(Strategy s) throws IOException {
        Path dir = write(s);
        Files.delete(dir.resolve(StoreManifest.FILE_NAME));
        assertStoreError(dir.resolve(StoreManifest.FILE_NAME), "not a complete store", () -> Stores.open(dir));
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void aMissingPayload(Strategy s) throws IOException {
        Path dir = write(s);
        Path payload = dir.resolve(StoreManifest.read(dir).payload());
        AtomicFiles.deleteRecursively(payload);
        assertStoreError(payload, "payload is missing", () -> Stores.open(dir));
    }

    @Test
    void aMissingCutoutFile() throws IOException {
        Path dir = write(Strategy.INDIVIDUAL_FILES);
        Path f = dir.resolve("cutouts/cutout_0000002.npy");
        Files.delete(f);
        try (CutoutStore s = Stores.open(dir)) {
            s.read(1);
            assertStoreError(f, "cutout file 2 is missing", () -> s.read(2));
        }
    }

    @Test
    void aMissingCatalogue() throws IOException {
        Path dir = write(Strategy.MEMORY_MAPPED);
        Files.delete(dir.resolve(StoreManifest.CATALOGUE_FILE));
        assertStoreError(dir.resolve(StoreManifest.CATALOGUE_FILE), "catalogue file is missing", () -> Stores.open(dir));
    }

    // ---- corrupt manifest and catalogue ------------------------------------------------------

    @Test
    void aCorruptManifest() throws IOException {
        Path dir = write(Strategy.MEMORY_MAPPED);
        StoreChecksumsTestSupport.forgetChecksums(dir); // test the parser behind the checksums, as for an older store
        Path f = dir.resolve(StoreManifest.FILE_NAME);
        String good = Files.readString(f);
        Files.writeString(f, "{\"format\": \"cutout-store\", \"version\": 1, ");
        assertStoreError(f, "corrupt manifest, not valid JSON", () -> Stores.open(dir));
        Files.writeString(f, good.replace("\"cutoutWidth\" : 16", "\"cutoutWidth\" : \"16\""));
        assertStoreError(f, "field 'cutoutWidth' is missing or not an int", () -> Stores.open(dir));
    }

    @Test
    void aManifestThatLiesAboutTheMosaicSize() throws IOException {
        Path dir = write(Strategy.MEMORY_MAPPED);
        StoreChecksumsTestSupport.forgetChecksums(dir); // test the parser behind the checksums, as for an older store
        Path f = dir.resolve(StoreManifest.FILE_NAME);
        Files.writeString(f, Files.readString(f).replace("\"mosaicWidth\" : 120", "\"mosaicWidth\" : 121"));
        assertStoreError(dir.resolve("mosaic.npy"), "mosaic is 120x100 but the manifest says 121x100", () -> Stores.open(dir));
    }

    @Test
    void aCatalogueWithABadRow() throws IOException {
        Path dir = write(Strategy.MEMORY_MAPPED);
        StoreChecksumsTestSupport.forgetChecksums(dir); // test the parser behind the checksums, as for an older store
        Path f = dir.resolve(StoreManifest.CATALOGUE_FILE);
        var lines = Files.readAllLines(f);
        lines.set(2, lines.get(2).replaceFirst(",[^,]*,", ",abc,"));
        Files.write(f, lines);
        assertStoreError(f, "line 3 has a value that is not a number", () -> Stores.open(dir));
        lines.set(2, "1,2,3");
        Files.write(f, lines);
        assertStoreError(f, "line 3 has 3 fields, the header has 8", () -> Stores.open(dir));
    }

    @Test
    void aCatalogueShorterThanTheManifest() throws IOException {
        Path dir = write(Strategy.MEMORY_MAPPED);
        StoreChecksumsTestSupport.forgetChecksums(dir); // test the parser behind the checksums, as for an older store
        Path f = dir.resolve(StoreManifest.CATALOGUE_FILE);
        var lines = Files.readAllLines(f);
        Files.write(f, lines.subList(0, lines.size() - 1));
        assertStoreError(f, "catalogue has " + (lines.size() - 2) + " rows but the manifest promises " + (lines.size() - 1),
                () -> Stores.open(dir));
    }

    // ---- truncated and corrupt payloads ------------------------------------------------------

    @Test
    void aTruncatedMosaic() throws IOException {
        Path dir = write(Strategy.MEMORY_MAPPED);
        Path f = dir.resolve("mosaic.npy");
        truncate(f, 4);
        assertStoreError(f, "truncated .npy file: shape [100, 120] needs", () -> Stores.open(dir));
    }

    @ParameterizedTest
    @EnumSource(value = Strategy.class, names = {"MEMORY_MAPPED", "MEMORY_MAPPED_TILED", "STACKED"})
    void aMappedFileTruncatedAfterOpeningFailsClearly(Strategy strategy) throws IOException {
        // enough cutouts that every payload spans several pages (a page cut short still reads as zeros)
        SyntheticMosaic m = TestData.mosaic(120, 100, 1);
        Path dir = Stores.write(strategy, m, TestData.withEdgeCentres(m), CutoutSpec.square(16), tmp.resolve(strategy.folder()));
        Path f = dir.resolve(StoreManifest.read(dir).payload());
        try (CutoutStore s = Stores.open(dir)) {
            s.read(0);
            try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
                raf.setLength(64); // the pages behind the mapping are gone: reading them faults
            }
            int last = s.size() - 1;
            assertStoreError(f, "truncated or replaced after it was opened", () -> {
                for (int i = last; i >= 0; i--) {
                    s.read(i);
                }
            });
        }
    }

    @ParameterizedTest
    @EnumSource(value = Strategy.class, names = {"MEMORY_MAPPED", "MEMORY_MAPPED_TILED", "STACKED", "HDF5"})
    void anExplicitReadOfAFileTruncatedAfterOpeningFailsClearly(Strategy strategy) throws IOException {
        SyntheticMosaic m = TestData.mosaic(120, 100, 1);
        Path dir = Stores.write(strategy, m, TestData.withEdgeCentres(m), CutoutSpec.square(16), tmp.resolve(strategy.folder()));
        Path f = dir.resolve(StoreManifest.read(dir).payload());
        try (CutoutStore s = Stores.open(dir, ReadOptions.parse("explicit"))) {
            s.read(0);
            try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
                raf.setLength(64);
            }
            assertStoreError(f, "truncated", () -> {
                for (int i = s.size() - 1; i >= 0; i--) {
                    s.read(i);
                }
            });
        }
    }

    @Test
    void aTruncatedStack() throws IOException {
        Path dir = write(Strategy.STACKED);
        Path f = dir.resolve("cutouts.npy");
        int n = StoreManifest.read(dir).count();
        truncate(f, 4);
        assertStoreError(f, "truncated .npy file: shape [" + n + ", 16, 16] needs", () -> Stores.open(dir));
    }

    @Test
    void aStackWhoseHeaderClaimsMoreCutoutsThanTheFileHolds() throws IOException {
        Path dir = write(Strategy.STACKED);
        Path f = dir.resolve("cutouts.npy");
        int n = StoreManifest.read(dir).count();
        replaceHeader(f, "{'descr': '<f4', 'fortran_order': False, 'shape': (" + (n + 1) + ", 16, 16), }");
        assertStoreError(f, "truncated .npy file: shape [" + (n + 1) + ", 16, 16] needs", () -> Stores.open(dir));
        replaceHeader(f, "{'descr': '<f4', 'fortran_order': False, 'shape': (" + n + ", 16, 17), }");
        assertStoreError(f, "truncated .npy file", () -> Stores.open(dir));
    }

    @Test
    void aStackWithTheWrongNumberOfCutouts() throws IOException {
        Path dir = write(Strategy.STACKED);
        Path f = dir.resolve("cutouts.npy");
        int n = StoreManifest.read(dir).count();
        // a consistent .npy (header and size agree) that holds one cutout fewer than the catalogue
        replaceHeader(f, "{'descr': '<f4', 'fortran_order': False, 'shape': (" + (n - 1) + ", 16, 16), }");
        truncate(f, 16 * 16 * 4);
        assertStoreError(f, "holds an array of shape [" + (n - 1) + ", 16, 16] but the manifest promises " + n + " cutouts of 16x16",
                () -> Stores.open(dir));
        replaceHeader(f, "{'descr': '<f4', 'fortran_order': False, 'shape': (" + (n - 1) + ", 256), }");
        assertStoreError(f, "holds an array of shape [" + (n - 1) + ", 256]", () -> Stores.open(dir));
    }

    @Test
    void aTruncatedCutoutFile() throws IOException {
        Path dir = write(Strategy.INDIVIDUAL_FILES);
        Path f = dir.resolve("cutouts/cutout_0000000.npy");
        truncate(f, 1);
        try (CutoutStore s = Stores.open(dir)) {
            assertStoreError(f, "truncated .npy file", () -> s.read(0));
        }
    }

    @Test
    void aCutoutFileOfTheWrongShape() throws IOException {
        Path dir = write(Strategy.INDIVIDUAL_FILES);
        Path f = dir.resolve("cutouts/cutout_0000001.npy");
        Npy.write(f, new float[15 * 16], 15, 16);
        try (CutoutStore s = Stores.open(dir)) {
            assertStoreError(f, "wrong shape [15, 16], expected [16, 16]", () -> s.read(1));
        }
    }

    @Test
    void aCutoutFileWithTrailingBytes() throws IOException {
        Path dir = write(Strategy.INDIVIDUAL_FILES);
        Path f = dir.resolve("cutouts/cutout_0000001.npy");
        Files.write(f, new byte[] {1, 2, 3, 4}, java.nio.file.StandardOpenOption.APPEND);
        try (CutoutStore s = Stores.open(dir)) {
            assertStoreError(f, "4 unexpected bytes after the data", () -> s.read(1));
        }
    }

    @Test
    void aWrongMagic() throws IOException {
        Path dir = write(Strategy.MEMORY_MAPPED);
        Path f = dir.resolve("mosaic.npy");
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.write(new byte[] {'P', 'K'});
        }
        assertStoreError(f, "not an .npy file: bad magic bytes", () -> Stores.open(dir));
    }

    @Test
    void aHeaderThatClaimsATrillionElementsIsRefusedWithoutAllocating() throws IOException {
        Path dir = write(Strategy.MEMORY_MAPPED);
        Path f = dir.resolve("mosaic.npy");
        replaceHeader(f, "{'descr': '<f4', 'fortran_order': False, 'shape': (1000000, 1000000), }");
        assertStoreError(f, "truncated .npy file: shape [1000000, 1000000] needs 4000000000128 bytes", () -> Stores.open(dir));
        replaceHeader(f, "{'descr': '<f4', 'fortran_order': False, 'shape': (9223372036854775807, 9), }");
        assertStoreError(f, "overflows a 64-bit size", () -> Stores.open(dir));
    }

    @Test
    void aWrongDtypeOrOrder() throws IOException {
        Path dir = write(Strategy.MEMORY_MAPPED);
        Path f = dir.resolve("mosaic.npy");
        replaceHeader(f, "{'descr': '>f4', 'fortran_order': False, 'shape': (100, 120), }");
        assertStoreError(f, "unsupported .npy dtype '>f4'", () -> Stores.open(dir));
        replaceHeader(f, "{'descr': '<f8', 'fortran_order': False, 'shape': (100, 120), }");
        assertStoreError(f, "unsupported .npy dtype '<f8'", () -> Stores.open(dir));
        replaceHeader(f, "{'descr': '<f4', 'fortran_order': True, 'shape': (100, 120), }");
        assertStoreError(f, "fortran_order is True", () -> Stores.open(dir));
        replaceHeader(f, "{'descr': '<f4', 'fortran_order': False, 'shape': (100, 12x), }");
        assertStoreError(f, "bad dimension '12x'", () -> Stores.open(dir));
        replaceHeader(f, "['not', 'a', 'dict']");
        assertStoreError(f, "not a Python dict literal", () -> Stores.open(dir));
        replaceHeader(f, "{'descr': '<f4', 'fortran_order': False, 'shape': (12000,), }");
        assertStoreError(f, "expected a 2-D mosaic", () -> Stores.open(dir));
    }

    /** Rewrites the header dict in place, keeping the header length (so only the dict is wrong). */
    private static void replaceHeader(Path f, String dict) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            byte[] pre = new byte[10];
            raf.readFully(pre);
            int len = ByteBuffer.wrap(pre, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xFFFF;
            byte[] h = new byte[len];
            Arrays.fill(h, (byte) ' ');
            byte[] d = dict.getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(d, 0, h, 0, d.length);
            h[len - 1] = '\n';
            raf.seek(10);
            raf.write(h);
        }
    }

    @Test
    void aCorruptHdf5File() throws IOException {
        Path dir = write(Strategy.HDF5);
        StoreChecksumsTestSupport.forgetChecksums(dir); // jhdf's own check, as for an older store (the manifest's comes first)
        Path f = dir.resolve("mosaic.h5");
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.write(new byte[64]); // destroys the superblock signature
        }
        assertStoreError(f, "not a readable HDF5 file", () -> Stores.open(dir));
    }

    @Test
    void aTruncatedHdf5File() throws IOException {
        Path dir = write(Strategy.HDF5);
        Path f = dir.resolve("mosaic.h5");
        truncate(f, Files.size(f) / 2);
        StoreException e = assertThrows(StoreException.class, () -> {
            try (CutoutStore s = Stores.open(dir)) {
                readAll(s);
            }
        });
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    }

    @Test
    void anHdf5FileWithoutTheMosaicDataset() throws Exception {
        Path dir = write(Strategy.HDF5);
        Path f = dir.resolve("mosaic.h5");
        try (var w = io.jhdf.HdfFile.write(f)) {
            w.putDataset("other", new float[] {1, 2, 3});
        }
        assertStoreError(f, "", () -> Stores.open(dir));
    }

    @Test
    void aTruncatedTensorFile() throws IOException {
        Path dir = write(Strategy.WHOLE_TENSOR);
        Path f = dir.resolve("mosaic.nd4j");
        truncate(f, 1000);
        try (CutoutStore s = Stores.open(dir)) {
            assertStoreError(f, "truncated tensor file", () -> s.read(0));
        }
    }

    @Test
    void aCorruptTensorFile() throws IOException {
        Path dir = write(Strategy.WHOLE_TENSOR);
        Path f = dir.resolve("mosaic.nd4j");
        byte[] junk = new byte[(int) Files.size(f)];
        new java.util.Random(1).nextBytes(junk);
        Files.write(f, junk);
        try (CutoutStore s = Stores.open(dir)) {
            assertStoreError(f, "corrupt", () -> s.read(0));
        }
    }

    @Test
    void anOversizedTensorFileIsRefusedBeforeLoading() throws IOException {
        Path dir = write(Strategy.WHOLE_TENSOR);
        Path f = dir.resolve("mosaic.nd4j");
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(raf.length() + (1 << 20));
        }
        try (CutoutStore s = Stores.open(dir)) {
            assertStoreError(f, "corrupt tensor file", () -> s.read(0));
        }
    }

    // ---- bad arguments -----------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void anIndexOutOfRange(Strategy strategy) {
        Path dir = write(strategy);
        try (CutoutStore s = Stores.open(dir)) {
            int n = s.size();
            CutoutOutOfBoundsException e = assertThrows(CutoutOutOfBoundsException.class, () -> s.read(n));
            assertEquals("cutout index " + n + " is out of range [0, " + n + ") for store " + dir, e.getMessage());
            assertThrows(CutoutOutOfBoundsException.class, () -> s.read(-1));
        }
    }

    @Test
    void anUnknownStrategyInTheManifest() throws IOException {
        Path dir = write(Strategy.MEMORY_MAPPED);
        StoreChecksumsTestSupport.forgetChecksums(dir); // test the parser behind the checksums, as for an older store
        Path f = dir.resolve(StoreManifest.FILE_NAME);
        Files.writeString(f, Files.readString(f).replace("MEMORY_MAPPED", "ZARR"));
        assertStoreError(f, "unknown strategy 'ZARR'", () -> Stores.open(dir));
    }

    // ---- unwritable destinations and full disks ----------------------------------------------

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void anUnwritableDestination(Strategy strategy) throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "not a directory");
        Path dir = file.resolve("store");
        SyntheticMosaic m = TestData.mosaic(50, 40, 1);
        StoreException e = assertThrows(StoreException.class,
                () -> Stores.write(strategy, m, m.catalogue(), CutoutSpec.square(8), dir));
        assertTrue(e.getMessage().startsWith(dir.toAbsolutePath().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("destination is not writable: " + file + " is a file, not a directory"), e.getMessage());
    }

    @Test
    void aSingleFileWriteIntoAMissingFolderNamesIt() {
        Path f = tmp.resolve("missing/sub/x.npy");
        StoreException e = assertThrows(StoreException.class, () -> Npy.write(f, new float[4], 2, 2));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("destination directory does not exist"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void aFullDiskFailsClearlyAndLeavesNothingBehind(Strategy strategy) throws Exception {
        try (SmallDisk disk = SmallDisk.mount(tmp.resolve("small"), 1 << 20)) {
            SyntheticMosaic m = TestData.mosaic(700, 700, 2); // 1.9 MiB of float32: cannot fit in 1 MiB
            Path dir = disk.root().resolve("store");
            StoreException e = assertThrows(StoreException.class,
                    () -> Stores.write(strategy, m, m.catalogue(), CutoutSpec.square(64), dir));
            assertTrue(e.getMessage().contains("disk full"), e.getMessage());
            assertTrue(e.getMessage().contains(disk.root().toString()), "names a file on the full disk: " + e.getMessage());
            assertFalse(Files.exists(dir), "no store after a failed write");
            try (var left = Files.list(disk.root())) {
                assertEquals(0, left.count(), "temporary files cleaned up");
            }
        }
    }

    // ---- interrupted writes ------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void anInterruptedWriteNeverLeavesAStoreThatOpens(Strategy strategy) throws IOException {
        SyntheticMosaic m = TestData.mosaic(300, 300, 4);
        Catalogue cat = m.catalogue();
        Path dir = tmp.resolve("interrupted");
        WriteProgress crash = (done, total) -> {
            throw new IllegalStateException("simulated crash at " + done + "/" + total);
        };
        assertThrows(IllegalStateException.class, () -> strategy.writer().write(m, cat, CutoutSpec.square(16), dir, crash));
        assertFalse(Files.exists(dir));
        assertThrows(StoreException.class, () -> Stores.open(dir));
        // an earlier good store survives a failed rewrite untouched
        Stores.write(strategy, m, cat, CutoutSpec.square(16), dir);
        byte[] manifest = Files.readAllBytes(dir.resolve(StoreManifest.FILE_NAME));
        assertThrows(IllegalStateException.class, () -> strategy.writer().write(m, cat, CutoutSpec.square(8), dir, crash));
        assertEquals(new String(manifest, StandardCharsets.UTF_8), Files.readString(dir.resolve(StoreManifest.FILE_NAME)));
        try (CutoutStore s = Stores.open(dir)) {
            assertEquals(16, s.spec().width());
            readAll(s);
        }
        try (var left = Files.list(tmp)) {
            assertEquals(1, left.count(), "only the store itself, no temporary directories");
        }
    }
}
