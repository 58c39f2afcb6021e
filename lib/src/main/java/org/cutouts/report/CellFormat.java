package org.cutouts.report;

import java.util.Arrays;
import java.util.Locale;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.columns.Column;

/**
 * How the numbers of one column are written on a page. One format per column, so that right-aligned
 * digits line up: integers and whole-valued floating-point columns (counts) as integers with thousands
 * separators; factors ({@link ColumnHeaders.Header#ratio()}) as {@code 2.02x}; other floating-point
 * columns to three significant figures of the column's typical (median) value, or at most a requested
 * number of decimals and four significant figures; a column whose header fixes its decimals (RA, Dec,
 * pixel positions) with those.
 */
final class CellFormat {
    /** No decimals requested: three significant figures. */
    static final int AUTO = -1;

    private final boolean integral;
    private final boolean ratio;
    private final int decimals;

    private CellFormat(boolean integral, boolean ratio, int decimals) {
        this.integral = integral;
        this.ratio = ratio;
        this.decimals = decimals;
    }

    /** True for the column types written as numbers (right-aligned). */
    static boolean isNumeric(ColumnType t) {
        return t == ColumnType.DOUBLE || t == ColumnType.FLOAT || t == ColumnType.INTEGER
                || t == ColumnType.LONG || t == ColumnType.SHORT;
    }

    /** The format of a numeric column, from its values, its header and the decimals requested ({@link #AUTO} for none). */
    static CellFormat of(Column<?> c, ColumnHeaders.Header header, int requested) {
        ColumnType t = c.type();
        boolean floating = t == ColumnType.DOUBLE || t == ColumnType.FLOAT;
        double[] v = finite(c);
        if (header.ratio()) {
            return new CellFormat(false, true, AUTO);
        }
        if (!floating || Arrays.stream(v).allMatch(x -> x == Math.rint(x) && Math.abs(x) < 1e15)) {
            return new CellFormat(true, false, 0);
        }
        if (header.decimals() >= 0) {
            return new CellFormat(false, false, header.decimals());
        }
        int magnitude = magnitude(typical(v));
        int d = requested >= 0 ? Math.min(requested, 3 - magnitude) : 2 - magnitude;
        return new CellFormat(false, false, Math.max(0, Math.min(6, d)));
    }

    /** The cell's text; NaN and infinities spelled out, nothing for a missing value. */
    String format(Object value) {
        if (value == null) {
            return "";
        }
        double v = ((Number) value).doubleValue();
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "-∞";
        }
        if (integral) {
            return String.format(Locale.ROOT, "%,d", Math.round(v));
        }
        if (ratio) {
            return ratio(v);
        }
        return String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }

    /** A factor to three significant figures below 100 ({@code 0.0290x}, {@code 2.02x}, {@code 45.9x}), whole above ({@code 2,500x}). */
    static String ratio(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        double a = Math.abs(v);
        int d = a == 0 ? 2 : Math.max(0, Math.min(6, 2 - magnitude(a)));
        return String.format(Locale.ROOT, "%,." + d + "f", v) + "x";
    }

    private static double[] finite(Column<?> c) {
        double[] out = new double[c.size()];
        int n = 0;
        for (int r = 0; r < c.size(); r++) {
            if (!c.isMissing(r)) {
                double x = ((Number) c.get(r)).doubleValue();
                if (Double.isFinite(x)) {
                    out[n++] = x;
                }
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** The median of the non-zero magnitudes (1 when there are none). */
    private static double typical(double[] v) {
        double[] a = Arrays.stream(v).map(Math::abs).filter(x -> x > 0).sorted().toArray();
        return a.length == 0 ? 1 : a[a.length / 2];
    }

    private static int magnitude(double a) {
        return (int) Math.floor(Math.log10(a));
    }
}
