package org.cutouts.spark;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.cutouts.survey.CutoutMeasurement;
import org.cutouts.survey.JobSummary;

/** The committed measurement table of a job output, read back through Spark. */
public final class MeasurementTable {
    private MeasurementTable() {
    }

    /** The table of job output {@code out}, ordered by id; an output that never completed is refused. */
    public static List<CutoutMeasurement> read(SparkSession spark, Path out) {
        JobSummary.read(out);
        return MeasurementRows.fromRows(spark.read().parquet(out.resolve("measurements").toAbsolutePath().toString())
                .orderBy("id").collectAsList());
    }
}
