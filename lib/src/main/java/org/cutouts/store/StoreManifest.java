package org.cutouts.store;

import org.cutouts.io.AtomicFiles;
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

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public StoreManifest {
        if (mosaicWidth <= 0 || mosaicHeight <= 0) {
            throw new IllegalArgumentException("mosaic size must be positive, got " + mosaicWidth + "x" + mosaicHeight);
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
    }

    public void write(Path dir) {
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

    /** Reads and validates {@code dir/manifest.json}. */
    public static StoreManifest read(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        JsonNode n;
        try {
            if (Files.isRegularFile(dir)) {
                throw new StoreException(dir, "is a file, not a store directory");
            }
            if (!Files.isDirectory(dir)) {
                throw new StoreException(dir, "no such store directory");
            }
            n = JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new StoreException(file, "missing: not a complete store (an interrupted write leaves no manifest)");
        } catch (JacksonException e) {
            throw new StoreException(file, "corrupt manifest, not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new StoreException(file, "cannot read manifest", e);
        }
        try {
            if (n == null || !n.isObject()) {
                throw new StoreException(file, "corrupt manifest: not a JSON object");
            }
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
