package org.cutouts.report.chart;

import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.Table;

/**
 * Bars grouped by category (a read condition, a metric), one colour per series (a strategy, a reader),
 * with error bars where a point carries a spread. Categories are short, so their labels are never cut off;
 * the long series names go to the legend.
 */
public final class BarChart {
    private final SeriesPoints points = new SeriesPoints();
    private final List<String> categories = new ArrayList<>();

    /** One bar per row of {@code t} (its {@code strategy} column holds labels) at each of {@code columns}, in its strategy's colour. */
    public static BarChart perStrategy(Table t, String... columns) {
        BarChart bars = new BarChart();
        for (int i = 0; i < t.rowCount(); i++) {
            for (String c : columns) {
                bars.add(StrategyStyle.of(t.stringColumn("strategy").get(i)), c, t.numberColumn(c).getDouble(i));
            }
        }
        return bars;
    }

    /**
     * One bar per row of {@code t} at {@code column}, with an error bar as wide as the row's interquartile
     * range ({@code iqrColumn}), centred on the value (the rows carry the IQR's width, not its quartiles).
     */
    public static BarChart perStrategyWithIqr(Table t, String column, String iqrColumn) {
        BarChart bars = new BarChart().spread("interquartile range of the repetitions, centred on the median");
        for (int i = 0; i < t.rowCount(); i++) {
            double v = t.numberColumn(column).getDouble(i);
            double half = t.numberColumn(iqrColumn).getDouble(i) / 2;
            bars.add(StrategyStyle.of(t.stringColumn("strategy").get(i)), column, v, v - half, v + half);
        }
        return bars;
    }

    /** One bar: {@code series} at {@code category}. */
    public BarChart add(StrategyStyle.Series series, String category, double value) {
        return add(series, category, value, Double.NaN, Double.NaN);
    }

    /** One bar with its spread: an error bar from {@code low} to {@code high}. */
    public BarChart add(StrategyStyle.Series series, String category, double value, double low, double high) {
        if (!categories.contains(category)) {
            categories.add(category);
        }
        points.add(series, category, value, low, high);
        return this;
    }

    /** What the error bars show ("min-max of the repetitions"), written under the title. */
    public BarChart spread(String note) {
        points.spread(note);
        return this;
    }

    /**
     * A log axis' range from a little below the smallest value: bars on a log axis grow from its bottom,
     * so plotly's own range would draw a bar of the smallest value (e.g. one file) with no height at all.
     */
    private static void logRange(PlotlyFigure f, double[] values) {
        double lo = java.util.Arrays.stream(values).filter(v -> v > 0 && Double.isFinite(v)).min().orElse(Double.NaN);
        double hi = java.util.Arrays.stream(values).filter(v -> v > 0 && Double.isFinite(v)).max().orElse(Double.NaN);
        if (Double.isFinite(lo)) {
            var range = ((com.fasterxml.jackson.databind.node.ObjectNode) f.layout().get("yaxis")).putArray("range");
            range.add(Math.log10(lo) - 0.3).add(Math.log10(hi) + 0.15);
        }
    }

    /** The chart; a log y axis when {@code logY} (its ticks from the values). */
    public PlotlyFigure figure(String title, String xTitle, String yTitle, boolean logY) {
        PlotlyFigure f = new PlotlyFigure(title, 980, 560).groupedBars();
        f.axis("x", xTitle).axis("y", yTitle, logY, points.allValues());
        if (logY) {
            logRange(f, points.allValues());
        }
        for (StrategyStyle.Series s : points.series()) {
            List<SeriesPoints.Point> pts = new ArrayList<>();
            List<Object> xs = new ArrayList<>();
            for (String c : categories) {
                SeriesPoints.Point p = points.points(s).stream().filter(q -> q.x().equals(c)).findFirst()
                        .orElse(new SeriesPoints.Point(c, Double.NaN, Double.NaN, Double.NaN));
                xs.add(c);
                pts.add(p);
            }
            SeriesPoints.fill(f.trace("bar", s), xs, pts);
        }
        points.noteSpread(f);
        return f;
    }
}
