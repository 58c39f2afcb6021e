package org.cutouts.survey;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.cutouts.data.Catalogue;
import org.cutouts.io.AtomicFiles;
import org.cutouts.io.StoreException;

/**
 * {@code sources.csv}: the survey's catalogue with its tile assignment, one row per cutout:
 * {@code id,ra,dec,tile,local,x,y,flux,sigma,label}. Spark reads it as a Dataset as it is (or
 * converted to Parquet); doubles are written in shortest round-trip form, so nothing is lost.
 */
public final class SurveySources {
    public static final String FILE_NAME = "sources.csv";
    public static final List<String> COLUMNS = List.of("id", "ra", "dec", "tile", "local", "x", "y", "flux", "sigma", "label");

    private SurveySources() {
    }

    /** Writes the catalogue and its assignment. */
    public static void write(Catalogue sky, TileAssignment a, Path file) {
        AtomicFiles.writeStream(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write(String.join(",", COLUMNS));
            w.write('\n');
            StringBuilder sb = new StringBuilder(160);
            for (int i = 0; i < sky.size(); i++) {
                sb.setLength(0);
                sb.append(i).append(',').append(sky.ra(i)).append(',').append(sky.dec(i)).append(',')
                        .append(a.tile()[i]).append(',').append(a.local()[i]).append(',')
                        .append(a.x()[i]).append(',').append(a.y()[i]).append(',')
                        .append(sky.flux(i)).append(',').append(sky.sigma(i)).append(',').append(sky.label(i)).append('\n');
                w.write(sb.toString());
            }
            w.flush();
        });
    }

    /** What {@link #read} returns: the catalogue (x, y in the assigned tile) and the tile of each row. */
    public record Table(Catalogue catalogue, int[] tile, int[] local) {
    }

    /** Reads {@code sources.csv}; a malformed line is an error naming the file and the line. */
    public static Table read(Path file) {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null || !header.trim().equals(String.join(",", COLUMNS))) {
                throw new StoreException(file, "not a survey source table: header must be " + String.join(",", COLUMNS));
            }
            Columns c = new Columns();
            String line;
            int lineNo = 1;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (!line.isBlank()) {
                    c.add(line, lineNo, file);
                }
            }
            return c.table();
        } catch (NoSuchFileException e) {
            throw new StoreException(file, "survey source table is missing");
        } catch (IOException e) {
            throw new StoreException(file, "cannot read survey source table", e);
        }
    }

    /** Growing columns for {@link #read}. */
    private static final class Columns {
        private final GrowingDoubles ra = new GrowingDoubles();
        private final GrowingDoubles dec = new GrowingDoubles();
        private final GrowingDoubles x = new GrowingDoubles();
        private final GrowingDoubles y = new GrowingDoubles();
        private final GrowingDoubles flux = new GrowingDoubles();
        private final GrowingDoubles sigma = new GrowingDoubles();
        private final GrowingDoubles tile = new GrowingDoubles();
        private final GrowingDoubles local = new GrowingDoubles();
        private final GrowingDoubles label = new GrowingDoubles();

        void add(String line, int lineNo, Path file) {
            String[] p = line.split(",", -1);
            if (p.length != COLUMNS.size()) {
                throw new StoreException(file, "line " + lineNo + " has " + p.length + " fields, the header has " + COLUMNS.size());
            }
            try {
                if (Integer.parseInt(p[0]) != ra.size()) {
                    throw new StoreException(file, "line " + lineNo + " has id " + p[0] + ", expected " + ra.size());
                }
                ra.add(Double.parseDouble(p[1]));
                dec.add(Double.parseDouble(p[2]));
                tile.add(Integer.parseInt(p[3]));
                local.add(Integer.parseInt(p[4]));
                x.add(Double.parseDouble(p[5]));
                y.add(Double.parseDouble(p[6]));
                flux.add(Double.parseDouble(p[7]));
                sigma.add(Double.parseDouble(p[8]));
                label.add(Integer.parseInt(p[9]));
            } catch (NumberFormatException e) {
                throw new StoreException(file, "line " + lineNo + " has a value that is not a number: " + e.getMessage());
            }
        }

        Table table() {
            double[] xs = x.toArray();
            double[] ys = y.toArray();
            for (int i = 0; i < xs.length; i++) {
                if (!Double.isFinite(xs[i])) { // a source on no tile: keep the row, centre it anywhere
                    xs[i] = 0;
                    ys[i] = 0;
                }
            }
            Catalogue c = new Catalogue(xs, ys, flux.toArray(), sigma.toArray(), label.toInts(), ra.toArray(), dec.toArray());
            return new Table(c, tile.toInts(), local.toInts());
        }
    }
}
