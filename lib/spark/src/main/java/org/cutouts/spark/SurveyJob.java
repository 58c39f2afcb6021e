package org.cutouts.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.cutouts.io.AtomicFiles;
import org.cutouts.io.StoreException;
import org.cutouts.survey.JobSummary;
import org.cutouts.survey.SurveyManifest;
import org.cutouts.survey.SurveySources;
import scala.Tuple2;

/**
 * The survey job: the catalogue as a Dataset, repartitioned by tile ({@link PartitionPlan}),
 * measured partition by partition ({@link MeasurePartition}), written as a Parquet table through
 * Spark's output committer ({@code _SUCCESS}), optionally with one training shard per partition,
 * and summarised in {@code job.json}, written last.
 */
public final class SurveyJob {
    /** The source table's columns as {@code sources.csv} has them; Parquet input needs at least id, tile and local. */
    public static final StructType SOURCE_SCHEMA = new StructType()
            .add("id", DataTypes.LongType).add("ra", DataTypes.DoubleType).add("dec", DataTypes.DoubleType)
            .add("tile", DataTypes.IntegerType).add("local", DataTypes.IntegerType)
            .add("x", DataTypes.DoubleType).add("y", DataTypes.DoubleType)
            .add("flux", DataTypes.DoubleType).add("sigma", DataTypes.DoubleType).add("label", DataTypes.IntegerType);

    private SurveyJob() {
    }

    /** Runs the job on {@code spark}; a tile that cannot be read fails it with a {@link StoreException}. */
    public static JobSummary run(SparkSession spark, SurveyJobConfig c) {
        SurveyManifest survey = SurveyManifest.read(c.survey());
        prepareOutput(c);
        long started = System.nanoTime();
        String job = java.util.UUID.randomUUID().toString();
        // kept in memory after the tile count, so the table is parsed once, not again for the shuffle
        Dataset<Row> sources = readSources(spark, c.sourceTable()).select("id", "tile", "local").persist(StorageLevel.MEMORY_ONLY());
        long[] counts = new long[survey.tiles().size()];
        long rows;
        PartitionPlan plan;
        try {
            rows = tileCounts(sources, counts);
            // eight per core: the last wave of tasks leaves at most an eighth of the cores idle
            int wanted = c.partitions() > 0 ? c.partitions() : 8 * spark.sparkContext().defaultParallelism();
            plan = PartitionPlan.of(counts, wanted);
            String shardDir = c.shards() ? c.shardDir().toAbsolutePath().toString() : null;
            JavaRDD<Row> measured = sources.javaRDD()
                    .mapToPair(SurveyJob::keyed)
                    .repartitionAndSortWithinPartitions(plan)
                    .mapPartitions(new MeasurePartition(job, c.survey().toAbsolutePath().toString(), c.batch(), shardDir));
            // no dictionary pages: the measurements are distinct doubles, so Parquet built each
            // column's dictionary only to throw it away (a tenth of the write's time)
            spark.createDataFrame(measured, MeasurementRows.SCHEMA).write().mode(SaveMode.ErrorIfExists)
                    .option("parquet.enable.dictionary", false)
                    .parquet(c.measurements().toAbsolutePath().toString());
        } catch (Exception e) { // Spark's SparkException is checked, though Scala does not declare it
            throw storeFailure(e);
        } finally {
            sources.unpersist();
            JobTiles.closeJob(job); // the executors' stores, when they ran in this JVM (local[n])
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        int shards = c.shards() ? ShardIndex.write(spark, c) : 0;
        JobSummary summary = new JobSummary(spark.sparkContext().master(), executors(spark), rows, plan.numPartitions(),
                survey.tiles().size(), seconds, shards);
        summary.write(c.out());
        return summary;
    }

    /** Reads the source table: Parquet by its extension or folder, CSV with a header otherwise. */
    public static Dataset<Row> readSources(SparkSession spark, Path table) {
        String p = table.toAbsolutePath().toString();
        if (!Files.exists(table)) {
            throw new StoreException(table, "source table is missing");
        }
        if (p.endsWith(".parquet") || Files.isDirectory(table)) {
            return spark.read().parquet(p);
        }
        return spark.read().option("header", true).option("mode", "FAILFAST").schema(SOURCE_SCHEMA).csv(p);
    }

    /**
     * (tile key, survey id): all that crosses the shuffle. The pixel and sky positions come from the
     * tile store's own catalogue on the executor, so the shuffle moves two longs per source.
     */
    private static Tuple2<Long, Long> keyed(Row r) {
        long id = r.getLong(0);
        int tile = r.getInt(1);
        return new Tuple2<>(TileKey.of(tile, tile < 0 ? (int) id : r.getInt(2)), id);
    }

    /** Fills the sources per tile into {@code counts}; returns all rows, sources on no tile included. */
    private static long tileCounts(Dataset<Row> sources, long[] counts) {
        int tiles = counts.length;
        long total = 0;
        for (Row r : sources.groupBy("tile").count().collectAsList()) {
            int t = r.getInt(0);
            if (t >= tiles) {
                throw new StoreException(Path.of("tile " + t), "the source table names tile " + t + " but the survey has " + tiles);
            }
            if (t >= 0) {
                counts[t] = r.getLong(1);
            }
            total += r.getLong(1);
        }
        return total;
    }

    private static int executors(SparkSession spark) {
        var status = spark.sparkContext().getExecutorMemoryStatus();
        int n = status.size() - (spark.sparkContext().isLocal() ? 0 : 1); // the driver is listed too on a cluster
        return spark.sparkContext().isLocal() ? spark.sparkContext().defaultParallelism() : Math.max(1, n);
    }

    /** Refuses to write over an output unless asked; with overwrite, removes only what this job writes. */
    private static void prepareOutput(SurveyJobConfig c) {
        boolean exists = Files.exists(c.measurements()) || Files.exists(c.summary()) || Files.exists(c.shardDir());
        if (exists && !c.overwrite()) {
            throw new StoreException(c.out(), "already holds a survey job output (use overwrite to replace it)");
        }
        AtomicFiles.deleteRecursively(c.summary());
        AtomicFiles.deleteRecursively(c.measurements());
        AtomicFiles.deleteRecursively(c.shardDir());
        try {
            Files.createDirectories(c.out());
        } catch (IOException e) {
            throw AtomicFiles.failure(c.out(), "cannot create output directory", e);
        }
    }

    /**
     * The tile failure behind a failed Spark job: Spark wraps the executor's exception (message
     * intact) in its own; the first {@link StoreException} in the chain is the one to show.
     */
    static RuntimeException storeFailure(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StoreException s) {
                return s;
            }
            if (t instanceof org.cutouts.store.CutoutOutOfBoundsException o) {
                return o;
            }
        }
        return e instanceof RuntimeException r ? r : new IllegalStateException("the survey job failed: " + e.getMessage(), e);
    }

    static List<Path> shardFiles(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("part-\\d+\\.npy")).sorted().toList();
        } catch (IOException e) {
            throw AtomicFiles.failure(dir, "cannot list shards", e);
        }
    }
}
