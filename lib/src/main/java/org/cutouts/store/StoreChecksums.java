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
 * @param tile 0 unless the payload is a tiled mosaic
 */
public record StoreChecksums(int catalogue, int[] payload, int tile) {
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
        return new StoreChecksums(cat, sums, tile);
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
        return new StoreChecksums(cat[0], payload, n.path("tile").asInt(0));
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
