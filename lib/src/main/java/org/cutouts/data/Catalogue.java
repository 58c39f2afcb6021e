package org.cutouts.data;

import java.util.Arrays;
import java.util.Objects;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * The list of cutout centres, in the mosaic's 0-based pixel coordinates (pixel centres at integers,
 * the numpy/astropy convention), with what a training loop needs as labels.
 *
 * <p>Columns: {@code x, y} centre; {@code flux} and {@code sigma} of the source there (0 for a
 * negative); {@code label} 1 for a source, 0 for an empty "negative" position; optional sky
 * coordinates {@code ra, dec} in degrees (NaN when unknown). Immutable.
 */
public final class Catalogue {
    public static final int LABEL_SOURCE = 1;
    public static final int LABEL_NEGATIVE = 0;

    private final double[] x;
    private final double[] y;
    private final double[] flux;
    private final double[] sigma;
    private final int[] label;
    private final double[] ra;
    private final double[] dec;

    public Catalogue(double[] x, double[] y, double[] flux, double[] sigma, int[] label) {
        this(x, y, flux, sigma, label, null, null);
    }

    public Catalogue(double[] x, double[] y, double[] flux, double[] sigma, int[] label, double[] ra, double[] dec) {
        int n = Objects.requireNonNull(x, "x").length;
        requireLength("y", y, n);
        requireLength("flux", flux, n);
        requireLength("sigma", sigma, n);
        if (Objects.requireNonNull(label, "label").length != n) {
            throw new IllegalArgumentException("column label has " + label.length + " rows, expected " + n);
        }
        if (ra == null) {
            ra = nanColumn(n);
        }
        if (dec == null) {
            dec = nanColumn(n);
        }
        requireLength("ra", ra, n);
        requireLength("dec", dec, n);
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                throw new IllegalArgumentException("catalogue row " + i + " has a non-finite centre (" + x[i] + ", " + y[i] + ")");
            }
        }
        this.x = x.clone();
        this.y = y.clone();
        this.flux = flux.clone();
        this.sigma = sigma.clone();
        this.label = label.clone();
        this.ra = ra.clone();
        this.dec = dec.clone();
    }

    private static double[] nanColumn(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }

    private static void requireLength(String name, double[] col, int n) {
        if (Objects.requireNonNull(col, name).length != n) {
            throw new IllegalArgumentException("column " + name + " has " + col.length + " rows, expected " + n);
        }
    }

    public int size() {
        return x.length;
    }

    public double x(int i) {
        return x[i];
    }

    public double y(int i) {
        return y[i];
    }

    public double flux(int i) {
        return flux[i];
    }

    public double sigma(int i) {
        return sigma[i];
    }

    public int label(int i) {
        return label[i];
    }

    public double ra(int i) {
        return ra[i];
    }

    public double dec(int i) {
        return dec[i];
    }

    public boolean hasSkyCoordinates() {
        for (double v : ra) {
            if (!Double.isNaN(v)) {
                return true;
            }
        }
        return false;
    }

    public double[] xs() {
        return x.clone();
    }

    public double[] ys() {
        return y.clone();
    }

    public double[] fluxes() {
        return flux.clone();
    }

    public double[] sigmas() {
        return sigma.clone();
    }

    public int[] labels() {
        return label.clone();
    }

    public double[] ras() {
        return ra.clone();
    }

    public double[] decs() {
        return dec.clone();
    }

    /** The first {@code n} rows (or all, if fewer). */
    public Catalogue head(int n) {
        int m = Math.min(n, size());
        return new Catalogue(Arrays.copyOf(x, m), Arrays.copyOf(y, m), Arrays.copyOf(flux, m),
                Arrays.copyOf(sigma, m), Arrays.copyOf(label, m), Arrays.copyOf(ra, m), Arrays.copyOf(dec, m));
    }

    /** The catalogue as a Tablesaw table: {@code id, x, y, flux, sigma, label, ra, dec}. */
    public Table toTable() {
        int[] ids = new int[size()];
        Arrays.setAll(ids, i -> i);
        Table t = Table.create("catalogue",
                IntColumn.create("id", ids),
                DoubleColumn.create("x", x),
                DoubleColumn.create("y", y),
                DoubleColumn.create("flux", flux),
                DoubleColumn.create("sigma", sigma),
                IntColumn.create("label", label));
        if (hasSkyCoordinates()) {
            t.addColumns(DoubleColumn.create("ra", ra), DoubleColumn.create("dec", dec));
        }
        return t;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Catalogue c && Arrays.equals(x, c.x) && Arrays.equals(y, c.y)
                && Arrays.equals(flux, c.flux) && Arrays.equals(sigma, c.sigma) && Arrays.equals(label, c.label)
                && Arrays.equals(ra, c.ra) && Arrays.equals(dec, c.dec);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(x) * 31 + Arrays.hashCode(y);
    }

    @Override
    public String toString() {
        return "Catalogue[" + size() + " centres]";
    }
}
