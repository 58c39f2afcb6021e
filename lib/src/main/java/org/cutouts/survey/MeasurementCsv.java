package org.cutouts.survey;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cutouts.io.AtomicFiles;
import org.cutouts.io.StoreException;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

/**
 * {@code measurements.csv}: the survey job's per-cutout table ordered by id, for readers without
 * Parquet (the notebook, a spreadsheet): {@code id,tile,x,y,peak,sum,centroid_dx,centroid_dy,nan_fraction}.
 * Numbers in shortest round-trip form, so a measurement survives the trip bit for bit.
 */
public final class MeasurementCsv {
    public static final String FILE_NAME = "measurements.csv";
    static final String HEADER = "id,tile,x,y,peak,sum,centroid_dx,centroid_dy,nan_fraction";

    private MeasurementCsv() {
    }

    /** Writes {@code rows} to {@code file} atomically. */
    public static void write(List<CutoutMeasurement> rows, Path file) {
        AtomicFiles.writeStream(file, os -> {
            Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
            w.write(HEADER + "\n");
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

    /** Reads a file written by {@link #write}; a malformed line is an error naming the file and the line. */
    public static List<CutoutMeasurement> read(Path file) {
        List<CutoutMeasurement> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            if (!HEADER.equals(r.readLine())) {
                throw new StoreException(file, "not a measurement table: the header must be " + HEADER);
            }
            String line;
            int lineNo = 1;
            while ((line = r.readLine()) != null) {
                lineNo++;
                String[] f = line.split(",", -1);
                try {
                    out.add(new CutoutMeasurement(Long.parseLong(f[0]), Integer.parseInt(f[1]), Double.parseDouble(f[2]),
                            Double.parseDouble(f[3]), Float.parseFloat(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6]),
                            Double.parseDouble(f[7]), Double.parseDouble(f[8])));
                } catch (RuntimeException e) {
                    throw new StoreException(file, "line " + lineNo + " is not a measurement row: " + e.getMessage());
                }
            }
        } catch (NoSuchFileException e) {
            throw new StoreException(file, "measurement table is missing (run the job with --csv)");
        } catch (IOException e) {
            throw new StoreException(file, "cannot read measurement table", e);
        }
        return out;
    }

    /** The measurements as a Tablesaw table, one column per field. */
    public static Table toTable(List<CutoutMeasurement> rows) {
        Table t = Table.create("measurements", LongColumn.create("id"), IntColumn.create("tile"), DoubleColumn.create("x"),
                DoubleColumn.create("y"), FloatColumn.create("peak"), DoubleColumn.create("sum"),
                DoubleColumn.create("centroid_dx"), DoubleColumn.create("centroid_dy"), DoubleColumn.create("nan_fraction"));
        for (CutoutMeasurement m : rows) {
            t.longColumn(0).append(m.id());
            t.intColumn(1).append(m.tile());
            t.doubleColumn(2).append(m.x());
            t.doubleColumn(3).append(m.y());
            t.floatColumn(4).append(m.peak());
            t.doubleColumn(5).append(m.sum());
            t.doubleColumn(6).append(m.centroidDx());
            t.doubleColumn(7).append(m.centroidDy());
            t.doubleColumn(8).append(m.nanFraction());
        }
        return t;
    }

    /** Rows of {@code a} equal, field by field and bit for bit, to the row at the same place in {@code b}. */
    public static long identical(List<CutoutMeasurement> a, List<CutoutMeasurement> b) {
        long n = 0;
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            n += a.get(i).equals(b.get(i)) ? 1 : 0;
        }
        return n;
    }
}
