package org.cutouts.store;

import org.cutouts.io.AtomicFiles;
import org.cutouts.io.Checksums;
import org.cutouts.io.RegularFiles;
import org.cutouts.io.StoreException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code workspace.json}: the sizes and CRC32C checksums of a workspace's {@code mosaic.npy} and
 * {@code catalogue.csv}, written by {@code generate} after both files (and removed before it
 * replaces them). A workspace is complete only when it is present and agrees with both files, so an
 * interrupted {@code generate} can never leave a new catalogue beside an old mosaic unnoticed.
 */
record WorkspaceManifest(long mosaicBytes, int mosaicCrc, long catalogueBytes, int catalogueCrc) {
    static final String FILE_NAME = "workspace.json";
    static final String FORMAT = "cutout-workspace";
    private static final long MAX_BYTES = 1 << 16;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Sizes and checksums of the two files as they are now. */
    static WorkspaceManifest of(Path mosaic, Path catalogue) {
        return new WorkspaceManifest(size(mosaic), Checksums.file(mosaic), size(catalogue), Checksums.file(catalogue));
    }

    void write(Path root) {
        ObjectNode n = JSON.createObjectNode();
        n.put("format", FORMAT);
        n.put("mosaicBytes", mosaicBytes);
        n.put("mosaicCrc32c", Checksums.hex(mosaicCrc));
        n.put("catalogueBytes", catalogueBytes);
        n.put("catalogueCrc32c", Checksums.hex(catalogueCrc));
        AtomicFiles.writeBytes(root.resolve(FILE_NAME), () -> JSON.writeValueAsBytes(n));
    }

    static WorkspaceManifest read(Path root) {
        Path file = root.resolve(FILE_NAME);
        if (!Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new StoreException(file, "missing: the workspace is incomplete ('generate' was interrupted, or the workspace "
                    + "predates this check); run 'cutouts generate' again");
        }
        try {
            JsonNode n = JSON.readTree(RegularFiles.readBounded(file, MAX_BYTES, "workspace manifest"));
            if (n == null || !FORMAT.equals(n.path("format").asText())) {
                throw new StoreException(file, "not a workspace manifest");
            }
            int[] mc = Checksums.parse(n.path("mosaicCrc32c").asText());
            int[] cc = Checksums.parse(n.path("catalogueCrc32c").asText());
            if (mc == null || cc == null || mc.length != 1 || cc.length != 1 || !n.path("mosaicBytes").canConvertToLong()
                    || !n.path("catalogueBytes").canConvertToLong()) {
                throw new StoreException(file, "corrupt workspace manifest: sizes or checksums missing");
            }
            return new WorkspaceManifest(n.get("mosaicBytes").asLong(), mc[0], n.get("catalogueBytes").asLong(), cc[0]);
        } catch (IOException e) {
            throw new StoreException(file, "corrupt workspace manifest, not valid JSON", e);
        }
    }

    /** Throws unless both files have the recorded sizes and the catalogue its checksum (and the mosaic too, when {@code deep}). */
    void check(Path mosaic, Path catalogue, boolean deep) {
        same(catalogue, catalogueBytes, catalogueCrc, true);
        same(mosaic, mosaicBytes, mosaicCrc, deep);
    }

    private static void same(Path file, long bytes, int crc, boolean checksum) {
        long size = size(file);
        if (size != bytes) {
            throw new StoreException(file, size + " bytes, the workspace manifest records " + bytes
                    + ": the mosaic and catalogue are not the pair 'generate' wrote; run 'cutouts generate' again");
        }
        if (checksum && Checksums.file(file) != crc) {
            throw new StoreException(file, "CRC32C differs from the workspace manifest: the mosaic and catalogue are not the pair "
                    + "'generate' wrote, or the file is corrupt; run 'cutouts generate' again");
        }
    }

    private static long size(Path file) {
        return RegularFiles.require(file).size();
    }
}
