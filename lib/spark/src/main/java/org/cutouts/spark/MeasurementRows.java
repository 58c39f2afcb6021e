package org.cutouts.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.cutouts.survey.CutoutMeasurement;

/**
 * The per-cutout measurement table as Spark rows: the columns of {@link CutoutMeasurement} plus the
 * tile's name and, when shards are written, the shard file and the row in it.
 */
public final class MeasurementRows {
    /** The Parquet schema of the measurement table. */
    public static final StructType SCHEMA = new StructType(new StructField[] {
            DataTypes.createStructField("id", DataTypes.LongType, false),
            DataTypes.createStructField("tile", DataTypes.IntegerType, false),
            DataTypes.createStructField("tile_name", DataTypes.StringType, true),
            DataTypes.createStructField("x", DataTypes.DoubleType, false),
            DataTypes.createStructField("y", DataTypes.DoubleType, false),
            DataTypes.createStructField("peak", DataTypes.FloatType, false),
            DataTypes.createStructField("sum", DataTypes.DoubleType, false),
            DataTypes.createStructField("centroid_dx", DataTypes.DoubleType, false),
            DataTypes.createStructField("centroid_dy", DataTypes.DoubleType, false),
            DataTypes.createStructField("nan_fraction", DataTypes.DoubleType, false),
            DataTypes.createStructField("shard", DataTypes.StringType, true),
            DataTypes.createStructField("shard_row", DataTypes.IntegerType, false),
    });

    private MeasurementRows() {
    }

    /** One row; {@code shard} is null and {@code shardRow} -1 when no shards are written. */
    public static Row toRow(CutoutMeasurement m, String tileName, String shard, int shardRow) {
        return RowFactory.create(m.id(), m.tile(), tileName, m.x(), m.y(), m.peak(), m.sum(), m.centroidDx(),
                m.centroidDy(), m.nanFraction(), shard, shardRow);
    }

    /** The measurement of a row read back from the table. */
    public static CutoutMeasurement fromRow(Row r) {
        return new CutoutMeasurement(r.getLong(r.fieldIndex("id")), r.getInt(r.fieldIndex("tile")),
                r.getDouble(r.fieldIndex("x")), r.getDouble(r.fieldIndex("y")), r.getFloat(r.fieldIndex("peak")),
                r.getDouble(r.fieldIndex("sum")), r.getDouble(r.fieldIndex("centroid_dx")),
                r.getDouble(r.fieldIndex("centroid_dy")), r.getDouble(r.fieldIndex("nan_fraction")));
    }

    /** Measurements of rows read back, in the rows' order. */
    public static List<CutoutMeasurement> fromRows(List<Row> rows) {
        List<CutoutMeasurement> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            out.add(fromRow(r));
        }
        return out;
    }
}
