package org.cutouts.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.cutouts.io.AtomicFiles;
import org.cutouts.io.RegularFiles;
import org.cutouts.io.StoreException;

/**
 * The catalogue as CSV: {@code id,x,y,flux,sigma,label,ra,dec}, one row per cutout, read by pandas
 * or astropy as easily as by us. Doubles are written in full (shortest round-trip form), so a
 * catalogue survives the trip bit for bit.
 */
public final class CatalogueCsv {
    /** Pixel coordinates beyond this are corrupt: no mosaic is 2^30 pixels wide, and windows must stay in int range. */
    public static final double MAX_CENTRE = 1 << 30;
    static final List<String> COLUMNS = List.of("id", "x", "y", "flux", "sigma", "label", "ra", "dec");

    private CatalogueCsv() {
    }

    public static void write(Catalogue c, Path file) {
        AtomicFiles.writeStream(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write(String.join(",", COLUMNS));
            w.write('\n');
            StringBuilder sb = new StringBuilder(128);
            for (int i = 0; i < c.size(); i++) {
                sb.setLength(0);
                sb.append(i).append(',').append(c.x(i)).append(',').append(c.y(i)).append(',')
                        .append(c.flux(i)).append(',').append(c.sigma(i)).append(',').append(c.label(i)).append(',')
                        .append(c.ra(i)).append(',').append(c.dec(i)).append('\n');
                w.write(sb.toString());
            }
            w.flush();
        });
    }

    /** Lines longer than this are corrupt (a row is under 200 characters), so a file of NULs is not read as one line. */
    static final int MAX_LINE = 4096;

    /** Reads a catalogue of any length (a regular file; a FIFO or device is refused before it is opened). */
    public static Catalogue read(Path file) {
        return read(file, Integer.MAX_VALUE);
    }

    /**
     * Reads a catalogue that must have at most {@code maxRows} rows: reading stops with an error at the
     * first row too many, so a huge file is refused without being read whole.
     */
    public static Catalogue read(Path file, int maxRows) {
        RegularFiles.refuseSpecial(file, file);
        try (BoundedLines r = new BoundedLines(Files.newBufferedReader(file, StandardCharsets.UTF_8), MAX_LINE, file)) {
            String header = r.readLine();
            if (header == null) {
                throw new StoreException(file, "empty catalogue file, expected a header line " + String.join(",", COLUMNS));
            }
            List<String> cols = Arrays.asList(header.trim().split(","));
            int ix = need(cols, "x", file);
            int iy = need(cols, "y", file);
            int iflux = cols.indexOf("flux");
            int isig = cols.indexOf("sigma");
            int ilab = cols.indexOf("label");
            int ira = cols.indexOf("ra");
            int idec = cols.indexOf("dec");
            double[] x = new double[1024];
            double[] y = new double[1024];
            double[] f = new double[1024];
            double[] s = new double[1024];
            int[] l = new int[1024];
            double[] ra = new double[1024];
            double[] dec = new double[1024];
            int n = 0;
            String line;
            int lineNo = 1;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                if (n == maxRows) {
                    throw new StoreException(file, "has more than the " + maxRows + " rows the manifest promises (line " + lineNo + ")");
                }
                String[] p = line.split(",", -1);
                if (p.length != cols.size()) {
                    throw new StoreException(file, "line " + lineNo + " has " + p.length + " fields, the header has " + cols.size());
                }
                if (n == x.length) {
                    int m = n * 2;
                    x = Arrays.copyOf(x, m);
                    y = Arrays.copyOf(y, m);
                    f = Arrays.copyOf(f, m);
                    s = Arrays.copyOf(s, m);
                    l = Arrays.copyOf(l, m);
                    ra = Arrays.copyOf(ra, m);
                    dec = Arrays.copyOf(dec, m);
                }
                try {
                    x[n] = Double.parseDouble(p[ix]);
                    y[n] = Double.parseDouble(p[iy]);
                    f[n] = iflux >= 0 ? Double.parseDouble(p[iflux]) : 0;
                    s[n] = isig >= 0 ? Double.parseDouble(p[isig]) : 0;
                    l[n] = ilab >= 0 ? Integer.parseInt(p[ilab].trim()) : Catalogue.LABEL_SOURCE;
                    ra[n] = ira >= 0 ? Double.parseDouble(p[ira]) : Double.NaN;
                    dec[n] = idec >= 0 ? Double.parseDouble(p[idec]) : Double.NaN;
                } catch (NumberFormatException e) {
                    throw new StoreException(file, "line " + lineNo + " has a value that is not a number: " + e.getMessage());
                }
                if (!Double.isFinite(x[n]) || !Double.isFinite(y[n])) {
                    throw new StoreException(file, "line " + lineNo + " has a non-finite centre (" + p[ix] + ", " + p[iy] + ")");
                }
                if (Math.abs(x[n]) > MAX_CENTRE || Math.abs(y[n]) > MAX_CENTRE) {
                    throw new StoreException(file, "line " + lineNo + " has a centre (" + p[ix] + ", " + p[iy] + ") beyond +-" + MAX_CENTRE
                            + " pixels, outside any mosaic");
                }
                n++;
            }
            return new Catalogue(Arrays.copyOf(x, n), Arrays.copyOf(y, n), Arrays.copyOf(f, n), Arrays.copyOf(s, n),
                    Arrays.copyOf(l, n), Arrays.copyOf(ra, n), Arrays.copyOf(dec, n));
        } catch (NoSuchFileException e) {
            throw new StoreException(file, "catalogue file is missing");
        } catch (IOException e) {
            throw new StoreException(file, "cannot read catalogue", e);
        }
    }

    private static int need(List<String> cols, String name, Path file) {
        int i = cols.indexOf(name);
        if (i < 0) {
            throw new StoreException(file, "catalogue header lacks column '" + name + "' (header: " + String.join(",", cols) + ")");
        }
        return i;
    }
}
