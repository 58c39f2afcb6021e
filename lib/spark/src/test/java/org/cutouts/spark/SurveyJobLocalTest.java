package org.cutouts.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.cutouts.io.AtomicFiles;
import org.cutouts.store.Npy;
import org.cutouts.io.StoreException;
import org.cutouts.store.Strategy;
import org.cutouts.survey.CutoutMeasurement;
import org.cutouts.survey.SurveyLoop;
import org.cutouts.survey.SurveyStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.cutouts.survey.JobSummary;

/** The job on embedded local[2]: bit-for-bit agreement with the single-JVM loop, shards, a broken tile. */
class SurveyJobLocalTest {
    static SparkSession spark;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        spark = SparkSessions.local(2);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void sparkMeasuresEveryCutoutExactlyAsTheSingleJvmLoopAndWritesShards() {
        Path dir = SurveyFixtures.survey(tmp.resolve("survey"), Strategy.MEMORY_MAPPED_TILED);
        Path out = tmp.resolve("out");
        JobSummary s = SurveyJob.run(spark, SurveyJobConfig.of(dir, out).withPartitions(5).withShards(true));
        List<CutoutMeasurement> viaSpark = SurveyFixtures.table(spark, out);
        try (SurveyStore survey = SurveyStore.open(dir)) {
            List<CutoutMeasurement> loop = SurveyLoop.measureAll(survey, 7);
            assertEquals(loop, viaSpark, "Spark and the loop must agree bit for bit");
            assertEquals(survey.size(), s.cutouts());
            assertTrue(viaSpark.stream().anyMatch(m -> m.nanFraction() > 0), "edge sources are padded");
            // every shard row holds the stamp the index says, and every id appears once
            List<String> index = readLines(out.resolve("shards/index.csv"));
            assertEquals(survey.size() + 1, index.size());
            int[] seen = new int[survey.size()];
            for (String line : index.subList(1, index.size())) {
                String[] f = line.split(",");
                Npy.NpyArray shard = Npy.readArray(out.resolve("shards").resolve(f[0]));
                int row = Integer.parseInt(f[1]);
                int id = Integer.parseInt(f[2]);
                int n = SurveyFixtures.CUT.pixels();
                assertArrayEquals(survey.read(id), Arrays.copyOfRange(shard.data(), row * n, (row + 1) * n));
                seen[id]++;
            }
            assertTrue(Arrays.stream(seen).allMatch(k -> k == 1));
        }
        assertEquals(s.shards(), SurveyJob.shardFiles(out.resolve("shards")).size());
        assertEquals(s, JobSummary.read(out));
        assertThrows(StoreException.class, () -> SurveyJob.run(spark, SurveyJobConfig.of(dir, out)), "no silent overwrite");
    }

    @Test
    void aMissingTileFailsTheJobNamingTheTileAndTheSourceAndLeavesNothingComplete() throws Exception {
        Path dir = SurveyFixtures.survey(tmp.resolve("survey"), Strategy.MEMORY_MAPPED);
        Path tile = dir.resolve("tiles/tile-01-02");
        AtomicFiles.deleteRecursively(tile);
        Path out = tmp.resolve("out");
        StoreException e = assertThrows(StoreException.class,
                () -> SurveyJob.run(spark, SurveyJobConfig.of(dir, out).withPartitions(3)));
        assertTrue(e.getMessage().startsWith(tile.toAbsolutePath().toString()), e.getMessage());
        assertTrue(e.getMessage().matches("(?s).*needed for source \\d+\\).*"), e.getMessage());
        assertFalse(Files.exists(out.resolve("measurements/_SUCCESS")));
        assertFalse(Files.exists(out.resolve(JobSummary.FILE_NAME)));
        assertThrows(StoreException.class, () -> JobSummary.read(out));
    }

    private static List<String> readLines(Path p) {
        try {
            return Files.readAllLines(p);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
