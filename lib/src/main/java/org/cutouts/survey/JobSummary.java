package org.cutouts.survey;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.cutouts.io.AtomicFiles;
import org.cutouts.io.StoreException;

/**
 * {@code job.json}: what a finished survey job (module {@code lib/spark}) did. Written last, after Spark's committer has
 * written {@code measurements/_SUCCESS}; {@link #read} refuses an output without both, so a failed
 * or interrupted job never looks complete.
 *
 * @param master     the Spark master URL
 * @param executors  executors (or local threads) that ran it
 * @param cutouts    rows in the measurement table
 * @param partitions partitions of the measuring stage
 * @param tiles      tiles in the survey
 * @param seconds    wall time of the job, from reading the catalogue to the committed table
 * @param shards     shard files written (0 when none)
 */
public record JobSummary(String master, int executors, long cutouts, int partitions, int tiles, double seconds,
                         int shards) {
    public static final String FILE_NAME = "job.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The summary as a two-column table (what, value), for a notebook. */
    public tech.tablesaw.api.Table toTable() {
        var t = tech.tablesaw.api.Table.create("survey job", tech.tablesaw.api.StringColumn.create("what"),
                tech.tablesaw.api.StringColumn.create("value"));
        String[][] rows = {{"master", master}, {"executors", Integer.toString(executors)}, {"cutouts", Long.toString(cutouts)},
                {"partitions", Integer.toString(partitions)}, {"tiles", Integer.toString(tiles)},
                {"seconds", String.format(java.util.Locale.ROOT, "%.2f", seconds)},
                {"cutouts per second", String.format(java.util.Locale.ROOT, "%.0f", rate())}, {"shards", Integer.toString(shards)}};
        for (String[] r : rows) {
            t.stringColumn(0).append(r[0]);
            t.stringColumn(1).append(r[1]);
        }
        return t;
    }

    /** Cutouts per second of wall time. */
    public double rate() {
        return cutouts / seconds;
    }

    /** Writes {@code out/job.json} atomically: the last file a job writes. */
    public void write(Path out) {
        AtomicFiles.writeBytes(out.resolve(FILE_NAME), () -> JSON.writeValueAsBytes(this));
    }

    /** Reads the summary of a complete job output; an incomplete one is an error naming what is missing. */
    public static JobSummary read(Path out) {
        Path success = out.resolve("measurements").resolve("_SUCCESS");
        if (!Files.exists(success)) {
            throw new StoreException(success, "missing: the job's measurement table was never committed (failed or interrupted job)");
        }
        Path file = out.resolve(FILE_NAME);
        try {
            return JSON.readValue(Files.readAllBytes(file), JobSummary.class);
        } catch (NoSuchFileException e) {
            throw new StoreException(file, "missing: the job did not finish");
        } catch (IOException e) {
            throw new StoreException(file, "corrupt job summary", e);
        }
    }
}
