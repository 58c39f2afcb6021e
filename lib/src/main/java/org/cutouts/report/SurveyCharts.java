package org.cutouts.report;

import java.util.ArrayList;
import java.util.List;
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
import tech.tablesaw.plotly.traces.BarTrace;
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

    /** Median rate per engine from a benchmark's {@code runs.csv}, with the min and max as text. */
    public static Figure rates(Table runs) {
        List<String> engines = new ArrayList<>();
        for (Row r : runs) {
            if (!engines.contains(r.getString("engine"))) {
                engines.add(r.getString("engine"));
            }
        }
        double[] median = new double[engines.size()];
        for (int i = 0; i < engines.size(); i++) {
            String e = engines.get(i);
            median[i] = runs.where(runs.stringColumn("engine").isEqualTo(e)).numberColumn("rate").median();
        }
        Layout layout = Layout.builder().title("Cutouts per second: the single-JVM loop and the Spark job (median of the repetitions)")
                .width(800).height(420).yAxis(Axis.builder().title("cutouts / s").build()).build();
        return new Figure(layout, BarTrace.builder(engines.toArray(String[]::new), median).name("median").build());
    }

    /** The model's projected rate over node counts, with the shared file system's ceiling. */
    public static Figure projection(ScaleOutModel m, int[] nodes) {
        double[] x = new double[nodes.length];
        double[] y = new double[nodes.length];
        double[] cap = new double[nodes.length];
        for (int i = 0; i < nodes.length; i++) {
            x[i] = nodes[i];
            y[i] = m.rate(nodes[i]);
            cap[i] = m.ceiling();
        }
        Layout layout = Layout.builder().title("Projection to N nodes (a model, not a measurement)").width(800).height(420)
                .xAxis(Axis.builder().title("nodes (log scale)").type(Axis.Type.LOG).build())
                .yAxis(Axis.builder().title("cutouts / s (log scale)").type(Axis.Type.LOG).build()).build();
        return new Figure(layout,
                ScatterTrace.builder(x, y).mode(ScatterTrace.Mode.LINE_AND_MARKERS).name("projected rate").build(),
                ScatterTrace.builder(x, cap).mode(ScatterTrace.Mode.LINE).name("shared file system ceiling").build());
    }
}
