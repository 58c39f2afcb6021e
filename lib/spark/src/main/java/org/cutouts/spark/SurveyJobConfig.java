package org.cutouts.spark;

import java.nio.file.Path;
import org.cutouts.survey.JobSummary;
import org.cutouts.survey.SurveySources;

/**
 * What the survey job does.
 *
 * @param survey     the survey directory (on a path every executor can read)
 * @param catalogue  the source table to cut: Parquet or CSV with the columns of {@code sources.csv};
 *                   null for the survey's own {@code sources.csv}
 * @param out        the output directory: {@code measurements/} (Parquet), {@code shards/}, {@code job.json}
 * @param batch      cutouts gathered per read
 * @param partitions partitions wanted (0: eight per core Spark reports)
 * @param shards     also write the stacked training shards
 * @param overwrite  replace an earlier output of this job in {@code out}
 */
public record SurveyJobConfig(Path survey, Path catalogue, Path out, int batch, int partitions, boolean shards,
                              boolean overwrite) {

    public SurveyJobConfig {
        if (batch <= 0 || partitions < 0) {
            throw new IllegalArgumentException("batch must be positive and partitions not negative");
        }
    }

    /** Defaults: the survey's own catalogue, batches of 64, automatic partitions, no shards. */
    public static SurveyJobConfig of(Path survey, Path out) {
        return new SurveyJobConfig(survey, null, out, 64, 0, false, false);
    }

    public SurveyJobConfig withShards(boolean on) {
        return new SurveyJobConfig(survey, catalogue, out, batch, partitions, on, overwrite);
    }

    public SurveyJobConfig withPartitions(int n) {
        return new SurveyJobConfig(survey, catalogue, out, batch, n, shards, overwrite);
    }

    public SurveyJobConfig withOverwrite(boolean on) {
        return new SurveyJobConfig(survey, catalogue, out, batch, partitions, shards, on);
    }

    public SurveyJobConfig withCatalogue(Path table) {
        return new SurveyJobConfig(survey, table, out, batch, partitions, shards, overwrite);
    }

    /** The source table the job reads. */
    public Path sourceTable() {
        return catalogue != null ? catalogue : survey.resolve(SurveySources.FILE_NAME);
    }

    public Path measurements() {
        return out.resolve("measurements");
    }

    public Path shardDir() {
        return out.resolve("shards");
    }

    public Path summary() {
        return out.resolve(JobSummary.FILE_NAME);
    }
}
