package org.cutouts.store;

import org.cutouts.io.Checksums;
import org.cutouts.io.StoreException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CRC32C checksums a store records in its manifest at write time (the {@code checksums} object):
 * the catalogue file; the mosaic payload per {@link Checksums#BLOCK 1 MiB} block, or each cutout file
 * of the individual-files strategy; and, for the tiled strategy, the tile edge (the one header field
 * that a consistent lie could change without changing the file size). Stores written before this have
 * none, and still open; {@link StoreVerifier} then says so.
 *
 * <p>For HDF5 it also records where the mosaic's raw data lies and one checksum of every other byte of the
 * file (superblock, object headers, heaps, the catalogue datasets): checked at every open before jhdf
 * parses anything, since a flipped bit in that metadata can send jhdf into an endless loop or a 1 GiB
 * allocation.
 *
 * @param tile 0 unless the payload is a tiled mosaic
 * @param hdf5 null unless the payload is an HDF5 file with a contiguous mosaic
 */
public record StoreChecksums(int catalogue, int[] payload, int tile, Hdf5Metadata hdf5) {
    /** The raw mosaic data's place in the HDF5 file, the file's size, and the CRC32C of all bytes outside the raw data. */
    public record Hdf5Metadata(long rawOffset, long rawBytes, long fileBytes, int crc) {
        long[][] ranges() {
            return new long[][] {{0, rawOffset}, {rawOffset + rawBytes, fileBytes}};
        }

        /** Throws unless the file has the recorded size and its metadata the recorded checksum. */
        void check(Path file) {
            long size = org.cutouts.io.RegularFiles.require(file).size();
            if (size != fileBytes) {
                throw new StoreException(file, (size < fileBytes ? "truncated" : "corrupt") + " HDF5 file: " + size
                        + " bytes, the manifest records " + fileBytes);
            }
            int now = Checksums.ranges(file, ranges());
            if (now != crc) {
                throw new StoreException(file, "HDF5 metadata (every byte outside the mosaic's raw data) has CRC32C " + Checksums.hex(now)
                        + ", the manifest records " + Checksums.hex(crc) + ": the file is corrupt");
            }
        }
    }

    static final String FIELD = "checksums";

    /** Computes the checksums of a store just written into {@code dir}. */
    static StoreChecksums compute(Path dir, StoreManifest m, int tile) {
        int cat = Checksums.file(dir.resolve(StoreManifest.CATALOGUE_FILE));
        Path payload = dir.resolve(m.payload());
        int[] sums;
        if (m.strategy() == Strategy.INDIVIDUAL_FILES) {
            sums = new int[m.count()];
            for (int i = 0; i < sums.length; i++) {
                sums[i] = Checksums.file(payload.resolve(IndividualFilesStore.fileName(i)));
            }
        } else {
            sums = Checksums.blocks(payload);
        }
        Hdf5Metadata meta = null;
        if (m.strategy() == Strategy.HDF5) {
            long[] raw = Hdf5Store.rawMosaicRange(payload);
            if (raw != null) {
                long size = org.cutouts.io.RegularFiles.require(payload).size();
                Hdf5Metadata unsummed = new Hdf5Metadata(raw[0], raw[1], size, 0);
                meta = new Hdf5Metadata(raw[0], raw[1], size, Checksums.ranges(payload, unsummed.ranges()));
            }
        }
        return new StoreChecksums(cat, sums, tile, meta);
    }

    ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("algorithm", "CRC32C");
        n.put("blockBytes", Checksums.BLOCK);
        n.put("catalogue", Checksums.hex(catalogue));
        n.put("payload", Checksums.hex(payload));
        if (tile > 0) {
            n.put("tile", tile);
        }
        if (hdf5 != null) {
            ObjectNode h = n.putObject("hdf5");
            h.put("rawOffset", hdf5.rawOffset());
            h.put("rawBytes", hdf5.rawBytes());
            h.put("fileBytes", hdf5.fileBytes());
            h.put("metadata", Checksums.hex(hdf5.crc()));
        }
        return n;
    }

    /** The checksums recorded in {@code dir}'s manifest, or null when it has none (an older store). */
    public static StoreChecksums read(Path dir) {
        Path file = dir.resolve(StoreManifest.FILE_NAME);
        JsonNode n = StoreManifest.readJson(dir).get(FIELD);
        if (n == null) {
            return null;
        }
        int[] cat = Checksums.parse(n.path("catalogue").asText(null));
        int[] payload = Checksums.parse(n.path("payload").asText(null));
        if (!n.isObject() || !"CRC32C".equals(n.path("algorithm").asText()) || n.path("blockBytes").asInt() != Checksums.BLOCK
                || cat == null || cat.length != 1 || payload == null || !n.path("tile").asText("0").matches("[0-9]{1,5}")) {
            throw new StoreException(file, "corrupt manifest: the checksums are malformed");
        }
        JsonNode h = n.get("hdf5");
        Hdf5Metadata meta = null;
        if (h != null) {
            int[] crc = Checksums.parse(h.path("metadata").asText(null));
            long off = h.path("rawOffset").asLong(-1);
            long len = h.path("rawBytes").asLong(-1);
            long size = h.path("fileBytes").asLong(-1);
            if (crc == null || crc.length != 1 || off < 0 || len < 0 || size < 0 || off > size || len > size - off) {
                throw new StoreException(file, "corrupt manifest: the HDF5 checksums are malformed");
            }
            meta = new Hdf5Metadata(off, len, size, crc[0]);
        }
        return new StoreChecksums(cat[0], payload, n.path("tile").asInt(0), meta);
    }

    /** Throws unless {@code file} (the catalogue) has the recorded checksum. */
    void checkCatalogue(Path file) {
        int now = Checksums.file(file);
        if (now != catalogue) {
            throw new StoreException(file, "CRC32C " + Checksums.hex(now) + " differs from the " + Checksums.hex(catalogue)
                    + " recorded in the manifest: the catalogue is corrupt");
        }
    }

    /** The payload's checksum count must fit the payload, or the manifest was written for another one. */
    void checkCount(Path payloadFile, StoreManifest m) {
        long expected;
        try {
            expected = m.strategy() == Strategy.INDIVIDUAL_FILES ? m.count()
                    : Math.max(1, (Files.size(payloadFile) + Checksums.BLOCK - 1) / Checksums.BLOCK);
        } catch (IOException e) {
            throw new StoreException(payloadFile, "cannot read the payload's size", e);
        }
        if (payload.length != expected) {
            throw new StoreException(payloadFile, "the manifest records " + payload.length + " checksums, the payload has "
                    + expected + (m.strategy() == Strategy.INDIVIDUAL_FILES ? " files" : " blocks"));
        }
    }
}
