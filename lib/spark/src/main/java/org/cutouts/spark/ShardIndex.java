package org.cutouts.spark;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cutouts.io.AtomicFiles;

/**
 * {@code shards/index.csv}: for every shard row, the survey id and tile it holds
 * ({@code shard,row,id,tile}), taken from the committed measurement table, so it always matches the
 * shards the committed tasks wrote. Written after the table, before {@code job.json}.
 */
final class ShardIndex {
    static final String FILE_NAME = "index.csv";

    private ShardIndex() {
    }

    /** Writes the index; returns the number of shard files. */
    static int write(SparkSession spark, SurveyJobConfig c) {
        List<Row> rows = spark.read().parquet(c.measurements().toAbsolutePath().toString())
                .select("shard", "shard_row", "id", "tile").orderBy("shard", "shard_row").collectAsList();
        AtomicFiles.writeStream(c.shardDir().resolve(FILE_NAME), out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write("shard,row,id,tile\n");
            for (Row r : rows) {
                w.write(r.getString(0) + "," + r.getInt(1) + "," + r.getLong(2) + "," + r.getInt(3) + "\n");
            }
            w.flush();
        });
        return SurveyJob.shardFiles(c.shardDir()).size();
    }
}
