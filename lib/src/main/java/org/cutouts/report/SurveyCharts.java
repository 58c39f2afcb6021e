package org.cutouts.report;

import java.util.ArrayList;
import java.util.List;
import org.cutouts.report.chart.BarChart;
import org.cutouts.report.chart.LineChart;
import org.cutouts.report.chart.StrategyStyle;
import org.cutouts.survey.ScaleOutModel;
import org.cutouts.survey.SurveyStore;
import org.cutouts.survey.SurveyTile;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Marker;
import tech.tablesaw.plotly.traces.HistogramTrace;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

/** The scaling-out notebook's charts: the survey on the sky, the job's measurements, its rates and the projection. */
public final class SurveyCharts {
    private SurveyCharts() {
    }

    /**
     * Tile footprints (closed outlines through the corner pixels, via each tile's WCS) and up to
     * {@code maxSources} sources, on RA/Dec with RA growing to the left as on the sky.
     */
    public static Figure footprints(SurveyStore survey, int maxSources) {
        List<Trace> traces = new ArrayList<>();
        for (SurveyTile t : survey.tiles()) {
            double[][] fp = t.footprint();
            traces.add(ScatterTrace.builder(fp[0], fp[1]).mode(ScatterTrace.Mode.LINE).name(t.name()).build());
        }
        int n = Math.min(maxSources, survey.size());
        int step = Math.max(1, survey.size() / Math.max(1, n));
        double[] ra = new double[(survey.size() + step - 1) / step];
        double[] dec = new double[ra.length];
        for (int i = 0, k = 0; i < survey.size(); i += step, k++) {
            ra[k] = survey.catalogue().ra(i);
            dec[k] = survey.catalogue().dec(i);
        }
        traces.add(ScatterTrace.builder(ra, dec).mode(ScatterTrace.Mode.MARKERS).name("sources (every " + step + ")")
                .marker(Marker.builder().size(3).opacity(0.5).build()).build());
        Layout layout = Layout.builder().title("Survey: " + survey.tiles().size() + " tile footprints and the sources")
                .width(800).height(640)
                .xAxis(Axis.builder().title("RA (deg, ICRS)").autoRange(Axis.AutoRange.REVERSED).build())
                .yAxis(Axis.builder().title("Dec (deg, ICRS)").build()).build();
        return new Figure(layout, traces.toArray(Trace[]::new));
    }

    /** Histogram of one numeric column of the measurement table. */
    public static Figure histogram(Table measurements, String column, String title) {
        DoubleColumn c = measurements.numberColumn(column).asDoubleColumn().removeMissing();
        Layout layout = Layout.builder().title(title).width(800).height(420)
                .xAxis(Axis.builder().title(column).build()).yAxis(Axis.builder().title("cutouts").build()).build();
        return new Figure(layout, HistogramTrace.builder(c).nBinsX(60).name(column).build());
    }

    /** Median rate per engine from a benchmark's {@code runs.csv}, with the min-max of the repetitions as error bars. */
    public static Figure rates(Table runs) {
        List<String> engines = new ArrayList<>();
        for (Row r : runs) {
            if (!engines.contains(r.getString("engine"))) {
                engines.add(r.getString("engine"));
            }
        }
        BarChart bars = new BarChart().spread("min-max of the repetitions");
        for (String e : engines) {
            var rate = runs.where(runs.stringColumn("engine").isEqualTo(e)).numberColumn("rate");
            bars.add(StrategyStyle.other(e), "cutouts per second", rate.median(), rate.min(), rate.max());
        }
        return bars.figure("Cutouts per second: the single-JVM loop and the Spark job (median of the repetitions)", "engine", "cutouts / s", false);
    }

    /** The model's projected rate over node counts, with the shared file system's ceiling. */
    public static Figure projection(ScaleOutModel m, int[] nodes) {
        LineChart lines = new LineChart();
        for (int n : nodes) {
            lines.add(StrategyStyle.other("projected rate"), n, m.rate(n));
            lines.add(StrategyStyle.other("shared file system ceiling"), n, m.ceiling());
        }
        return lines.figure("Projection to N nodes (a model, not a measurement)", "nodes (log scale)", true, "cutouts / s (log scale)", true);
    }
}
