package org.cutouts.spark;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.cutouts.io.AtomicFiles;
import org.cutouts.survey.CutoutMeasurement;
import org.cutouts.survey.JobSummary;

/**
 * The committed measurement table as one CSV ordered by id ({@code id,tile,x,y,peak,sum,centroid_dx,
 * centroid_dy,nan_fraction}), for readers without Parquet: the notebook, a spreadsheet. Doubles in
 * shortest round-trip form.
 */
public final class MeasurementCsv {
    public static final String FILE_NAME = "measurements.csv";

    private MeasurementCsv() {
    }

    /** The table of job output {@code out}, ordered by id. */
    public static List<CutoutMeasurement> read(SparkSession spark, Path out) {
        JobSummary.read(out); // refuses an output that never completed
        return MeasurementRows.fromRows(spark.read().parquet(out.resolve("measurements").toAbsolutePath().toString())
                .orderBy("id").collectAsList());
    }

    /** Writes {@code rows} to {@code file} atomically. */
    public static void write(List<CutoutMeasurement> rows, Path file) {
        AtomicFiles.writeStream(file, os -> {
            Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
            w.write("id,tile,x,y,peak,sum,centroid_dx,centroid_dy,nan_fraction\n");
            StringBuilder sb = new StringBuilder(160);
            for (CutoutMeasurement m : rows) {
                sb.setLength(0);
                sb.append(m.id()).append(',').append(m.tile()).append(',').append(m.x()).append(',').append(m.y()).append(',')
                        .append(m.peak()).append(',').append(m.sum()).append(',').append(m.centroidDx()).append(',')
                        .append(m.centroidDy()).append(',').append(m.nanFraction()).append('\n');
                w.write(sb.toString());
            }
            w.flush();
        });
    }
}
