package org.cutouts.report.chart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Points of several series, each with an optional spread (low, high), in the order added: what
 * {@link BarChart} and {@link LineChart} draw. A series is identified by its legend name.
 */
final class SeriesPoints {
    /** One point: x (a category or a number), y, and the spread's bounds (NaN for none). */
    record Point(Object x, double y, double low, double high) {
        boolean hasSpread() {
            return Double.isFinite(low) && Double.isFinite(high);
        }
    }

    private final Map<String, StrategyStyle.Series> series = new LinkedHashMap<>();
    private final Map<String, List<Point>> points = new LinkedHashMap<>();
    private String spreadNote;

    /** What the error bars show ("min-max of the repetitions"). */
    void spread(String note) {
        this.spreadNote = note;
    }

    /** Says under the title what the error bars show, when any point has a spread. */
    void noteSpread(PlotlyFigure f) {
        if (spreadNote != null && points.values().stream().flatMap(List::stream).anyMatch(Point::hasSpread)) {
            f.subtitle("error bars: " + spreadNote);
        }
    }

    void add(StrategyStyle.Series s, Object x, double y, double low, double high) {
        series.putIfAbsent(s.name(), s);
        points.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(new Point(x, y, low, high));
    }

    List<StrategyStyle.Series> series() {
        return List.copyOf(series.values());
    }

    List<Point> points(StrategyStyle.Series s) {
        return points.get(s.name());
    }

    boolean isEmpty() {
        return series.isEmpty();
    }

    /** Every y and every spread bound: what a log axis must cover. */
    double[] allValues() {
        return points.values().stream().flatMap(List::stream).flatMapToDouble(p -> java.util.stream.DoubleStream.of(p.y(), p.low(), p.high()))
                .toArray();
    }

    /** Draws a series' y values (and error bars when any point has a spread) into a trace. */
    static void fill(com.fasterxml.jackson.databind.node.ObjectNode trace, List<Object> xs, List<Point> pts) {
        com.fasterxml.jackson.databind.node.ArrayNode x = trace.putArray("x");
        for (Object o : xs) {
            if (o instanceof Number n) {
                x.add(n.doubleValue());
            } else {
                x.add(String.valueOf(o));
            }
        }
        double[] y = pts.stream().mapToDouble(Point::y).toArray();
        trace.set("y", PlotlyFigure.numbers(y));
        if (pts.stream().anyMatch(Point::hasSpread)) {
            PlotlyFigure.errorBars(trace, y, pts.stream().mapToDouble(Point::low).toArray(), pts.stream().mapToDouble(Point::high).toArray());
        }
    }
}
