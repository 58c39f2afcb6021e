package org.cutouts.store;

import org.cutouts.io.AtomicFiles;
import org.cutouts.io.Checksums;
import org.cutouts.io.RegularFiles;
import org.cutouts.io.StoreException;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * {@code manifest.json}: what a store directory holds. Written last, so its presence means the
 * store is complete; every reader validates it before touching the payload.
 *
 * @param payload the main data file relative to the store directory (e.g. {@code mosaic.npy},
 *                or the folder of per-cutout files)
 */
public record StoreManifest(Strategy strategy, int mosaicWidth, int mosaicHeight, int count, CutoutSpec spec,
                            String payload, String source, Instant created) {
    public static final String FILE_NAME = "manifest.json";
    public static final String FORMAT = "cutout-store";
    public static final int VERSION = 1;
    public static final String CATALOGUE_FILE = "catalogue.csv";

    /** Room for a checksum per cutout file of a million cutouts; anything larger is not a manifest. */
    static final long MAX_BYTES = 64L << 20;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper CANONICAL = new ObjectMapper();
    static final String SELF_CHECKSUM = "manifestCrc32c";

    public StoreManifest {
        if (mosaicWidth <= 0 || mosaicHeight <= 0) {
            throw new IllegalArgumentException("mosaic size must be positive, got " + mosaicWidth + "x" + mosaicHeight);
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
    }

    /** Writes the manifest without checksums (as stores before checksums were). */
    public void write(Path dir) {
        write(dir, null);
    }

    /**
     * Writes the manifest with the store's checksums (when not null) and, last, {@code manifestCrc32c}: the
     * CRC32C of the manifest's own canonical content (its compact JSON without that field).
     */
    void write(Path dir, StoreChecksums checksums) {
        ObjectNode n = JSON.createObjectNode();
        n.put("format", FORMAT);
        n.put("version", VERSION);
        n.put("strategy", strategy.name());
        n.put("mosaicWidth", mosaicWidth);
        n.put("mosaicHeight", mosaicHeight);
        n.put("count", count);
        n.put("cutoutWidth", spec.width());
        n.put("cutoutHeight", spec.height());
        n.put("edgePolicy", spec.edgePolicy().name());
        // as a string: JSON has no NaN
        n.put("fill", Float.toString(spec.fill()));
        n.put("payload", payload);
        n.put("source", source);
        n.put("created", created.toString());
        if (checksums != null) {
            n.set(StoreChecksums.FIELD, checksums.toJson());
            n.put(SELF_CHECKSUM, Checksums.hex(canonicalCrc(n)));
        }
        Path file = dir.resolve(FILE_NAME);
        AtomicFiles.writeBytes(file, () -> JSON.writeValueAsBytes(n));
    }

    /** Whether {@code dir} holds a valid manifest: a store this library wrote, which a new write may replace. */
    public static boolean isStore(Path dir) {
        try {
            read(dir);
            return true;
        } catch (StoreException e) {
            return false;
        }
    }

    /** The CRC32C of a manifest's compact JSON without its own checksum field. */
    private static int canonicalCrc(ObjectNode n) {
        ObjectNode copy = n.deepCopy();
        copy.remove(SELF_CHECKSUM);
        try {
            return Checksums.of(CANONICAL.writeValueAsBytes(copy));
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot serialise a manifest", e);
        }
    }

    /** Reads and validates {@code dir/manifest.json}. */
    public static StoreManifest read(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        return fromJson(readJson(dir), file);
    }

    /**
     * The manifest's JSON object, after the checks of the file (a regular file, bounded size, valid JSON)
     * and of its own checksum when it records one.
     */
    static JsonNode readJson(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        JsonNode n;
        try {
            if (Files.isRegularFile(dir)) {
                throw new StoreException(dir, "is a file, not a store directory");
            }
            if (!Files.isDirectory(dir)) {
                throw new StoreException(dir, "no such store directory");
            }
            if (!Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new NoSuchFileException(file.toString());
            }
            n = JSON.readTree(RegularFiles.readBounded(file, MAX_BYTES, "manifest"));
        } catch (NoSuchFileException e) {
            throw new StoreException(file, "missing: not a complete store (an interrupted write leaves no manifest)");
        } catch (JacksonException e) {
            throw new StoreException(file, "corrupt manifest, not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new StoreException(file, "cannot read manifest", e);
        }
        if (n == null || !n.isObject()) {
            throw new StoreException(file, "corrupt manifest: not a JSON object");
        }
        JsonNode self = n.get(SELF_CHECKSUM);
        if (self != null) {
            int[] recorded = Checksums.parse(self.asText(null));
            int now = canonicalCrc((ObjectNode) n);
            if (recorded == null || recorded.length != 1 || recorded[0] != now) {
                throw new StoreException(file, "corrupt manifest: its CRC32C " + Checksums.hex(now) + " differs from the recorded "
                        + self.asText());
            }
        }
        return n;
    }

    private static StoreManifest fromJson(JsonNode n, Path file) {
        try {
            if (!FORMAT.equals(text(n, "format", file))) {
                throw new StoreException(file, "not a cutout store manifest (format is '" + n.get("format").asText() + "')");
            }
            int version = integer(n, "version", file);
            if (version != VERSION) {
                throw new StoreException(file, "unsupported manifest version " + version + " (this library reads " + VERSION + ")");
            }
            Strategy strategy;
            try {
                strategy = Strategy.valueOf(text(n, "strategy", file));
            } catch (IllegalArgumentException e) {
                throw new StoreException(file, "unknown strategy '" + n.get("strategy").asText() + "'");
            }
            EdgePolicy policy;
            try {
                policy = EdgePolicy.valueOf(text(n, "edgePolicy", file));
            } catch (IllegalArgumentException e) {
                throw new StoreException(file, "unknown edge policy '" + n.get("edgePolicy").asText() + "'");
            }
            float fill = Float.parseFloat(text(n, "fill", file));
            CutoutSpec spec = new CutoutSpec(integer(n, "cutoutWidth", file), integer(n, "cutoutHeight", file), policy, fill);
            return new StoreManifest(strategy, integer(n, "mosaicWidth", file), integer(n, "mosaicHeight", file),
                    integer(n, "count", file), spec, text(n, "payload", file), n.path("source").asText(""),
                    Instant.parse(text(n, "created", file)));
        } catch (StoreException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StoreException(file, "corrupt manifest: " + e.getMessage());
        }
    }

    private static String text(JsonNode n, String field, Path file) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new StoreException(file, "corrupt manifest: field '" + field + "' is missing or not a string");
        }
        return v.asText();
    }

    private static int integer(JsonNode n, String field, Path file) {
        JsonNode v = n.get(field);
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new StoreException(file, "corrupt manifest: field '" + field + "' is missing or not an int");
        }
        return v.intValue();
    }
}
