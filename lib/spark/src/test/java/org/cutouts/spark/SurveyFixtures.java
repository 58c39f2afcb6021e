package org.cutouts.spark;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.cutouts.store.CutoutSpec;
import org.cutouts.store.Strategy;
import org.cutouts.survey.CutoutMeasurement;
import org.cutouts.survey.SurveySpec;
import org.cutouts.survey.SurveyWriter;
import org.cutouts.survey.SyntheticSurvey;

/** A small synthetic survey and the measurement table of a job, read back, for the Spark tests. */
final class SurveyFixtures {
    /** 3x2 tiles of 160 px overlapping by 40, 40 sources per tile on average, 24 px cutouts. */
    static final SurveySpec SPEC = SurveySpec.of(3, 2, 160, 40, 40, 11);
    static final CutoutSpec CUT = CutoutSpec.square(24);

    private SurveyFixtures() {
    }

    static Path survey(Path dir, Strategy strategy) {
        return SurveyWriter.write(SyntheticSurvey.of(SPEC), strategy, CUT, dir);
    }

    /** The committed measurement table of {@code out}, ordered by id. */
    static List<CutoutMeasurement> table(SparkSession spark, Path out) {
        return MeasurementRows.fromRows(spark.read().parquet(out.resolve("measurements").toString())
                .orderBy("id").collectAsList());
    }
}
