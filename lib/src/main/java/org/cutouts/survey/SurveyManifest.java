package org.cutouts.survey;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.cutouts.io.AtomicFiles;
import org.cutouts.store.CutoutSpec;
import org.cutouts.store.EdgePolicy;
import org.cutouts.io.StoreException;
import org.cutouts.store.Strategy;

/**
 * {@code survey.json}: what a survey directory holds (the tiles, their WCS and store folders, the
 * cutout geometry, the source count). Written last, so its presence means the survey is complete.
 */
public record SurveyManifest(Strategy strategy, CutoutSpec spec, int count, List<SurveyTile> tiles, String source,
                             Instant created) implements java.io.Serializable {
    public static final String FILE_NAME = "survey.json";
    public static final String FORMAT = "cutout-survey";
    public static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public SurveyManifest {
        tiles = List.copyOf(tiles);
    }

    /** The directory of tile {@code t}'s store inside survey directory {@code dir}. */
    public Path tileDir(Path dir, int t) {
        return dir.resolve(tiles.get(t).store());
    }

    public void write(Path dir) {
        ObjectNode n = JSON.createObjectNode();
        n.put("format", FORMAT);
        n.put("version", VERSION);
        n.put("strategy", strategy.name());
        n.put("count", count);
        n.put("cutoutWidth", spec.width());
        n.put("cutoutHeight", spec.height());
        n.put("edgePolicy", spec.edgePolicy().name());
        n.put("fill", Float.toString(spec.fill())); // a string: JSON has no NaN
        ArrayNode ts = n.putArray("tiles");
        for (SurveyTile t : tiles) {
            ts.add(JSON.valueToTree(t));
        }
        n.put("source", source);
        n.put("created", created.toString());
        AtomicFiles.writeBytes(dir.resolve(FILE_NAME), () -> JSON.writeValueAsBytes(n));
    }

    /** Reads and validates {@code dir/survey.json}. */
    public static SurveyManifest read(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        JsonNode n;
        try {
            if (!Files.isDirectory(dir)) {
                throw new StoreException(dir, "no such survey directory");
            }
            n = JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new StoreException(file, "missing: not a complete survey (an interrupted write leaves no survey.json)");
        } catch (JacksonException e) {
            throw new StoreException(file, "corrupt survey manifest, not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new StoreException(file, "cannot read survey manifest", e);
        }
        try {
            if (n == null || !FORMAT.equals(n.path("format").asText())) {
                throw new StoreException(file, "not a survey manifest (format is '" + (n == null ? "" : n.path("format").asText()) + "')");
            }
            if (n.path("version").asInt() != VERSION) {
                throw new StoreException(file, "unsupported survey manifest version " + n.path("version"));
            }
            CutoutSpec spec = new CutoutSpec(n.get("cutoutWidth").intValue(), n.get("cutoutHeight").intValue(),
                    EdgePolicy.valueOf(n.get("edgePolicy").asText()), Float.parseFloat(n.get("fill").asText()));
            List<SurveyTile> tiles = new ArrayList<>();
            for (JsonNode t : n.withArray("tiles")) {
                tiles.add(JSON.treeToValue(t, SurveyTile.class));
            }
            return new SurveyManifest(Strategy.valueOf(n.get("strategy").asText()), spec, n.get("count").intValue(),
                    tiles, n.path("source").asText(""), Instant.parse(n.get("created").asText()));
        } catch (StoreException e) {
            throw e;
        } catch (RuntimeException | IOException e) {
            throw new StoreException(file, "corrupt survey manifest: " + e.getMessage());
        }
    }
}
