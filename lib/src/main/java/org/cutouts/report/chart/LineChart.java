package org.cutouts.report.chart;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Lines of numeric x against y, one colour per series, with error bars where a point carries a spread. */
public final class LineChart {
    private final SeriesPoints points = new SeriesPoints();

    /** One point of {@code series}. */
    public LineChart add(StrategyStyle.Series series, double x, double y) {
        return add(series, x, y, Double.NaN, Double.NaN);
    }

    /** One point with its spread: an error bar from {@code low} to {@code high}. */
    public LineChart add(StrategyStyle.Series series, double x, double y, double low, double high) {
        points.add(series, x, y, low, high);
        return this;
    }

    /** What the error bars show, written under the title. */
    public LineChart spread(String note) {
        points.spread(note);
        return this;
    }

    public boolean isEmpty() {
        return points.isEmpty();
    }

    /** The chart, points sorted by x; each axis log (ticks from the data) when asked. */
    public PlotlyFigure figure(String title, String xTitle, boolean logX, String yTitle, boolean logY) {
        PlotlyFigure f = new PlotlyFigure(title, 980, 520);
        List<Double> xs = new ArrayList<>();
        for (StrategyStyle.Series s : points.series()) {
            points.points(s).forEach(p -> xs.add(((Number) p.x()).doubleValue()));
        }
        f.axis("x", xTitle, logX, xs.stream().mapToDouble(Double::doubleValue).toArray()).axis("y", yTitle, logY, points.allValues());
        for (StrategyStyle.Series s : points.series()) {
            List<SeriesPoints.Point> pts = points.points(s).stream().sorted(Comparator.comparingDouble(p -> ((Number) p.x()).doubleValue())).toList();
            var t = f.trace("scatter", s).put("mode", "lines+markers");
            SeriesPoints.fill(t, pts.stream().map(SeriesPoints.Point::x).toList(), pts);
        }
        points.noteSpread(f);
        return f;
    }
}
