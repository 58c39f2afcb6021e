package org.cutouts.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import org.cutouts.report.chart.LineChart;
import org.cutouts.report.chart.PlotlyFigure;
import org.cutouts.report.chart.StrategyStyle;
import org.cutouts.store.CutoutSpec;
import org.cutouts.store.NpyHeader;
import org.cutouts.store.Strategy;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/**
 * Bytes on disk of the two layouts, from the NPY format itself: {@code n} stamp files (header + pixels
 * each) against one mosaic file. The crossover is the number of stamps whose files hold as many bytes
 * as the whole mosaic; past it, the baseline stores more bytes than the sky it was cut from.
 *
 * @param spec         the cutout size
 * @param mosaicWidth  mosaic pixels along x
 * @param mosaicHeight mosaic pixels along y
 * @param cutouts      this run's catalogue size
 */
public record StorageModel(CutoutSpec spec, int mosaicWidth, int mosaicHeight, long cutouts) {
    /** Column names of {@link #table()}. */
    public static final String LAYOUT = "layout";
    public static final String FILES = "files";
    public static final String MIB_ON_DISK = "MiB on disk";

    /** The pipeline's scale: its catalogue, a model's default size. */
    public static final long PIPELINE_SCALE = 500_000;
    /** Charts of bytes against cutouts reach at least this many: twice the pipeline's scale. */
    public static final long CHART_REACH = 1_000_000;
    private static final double MIB = 1048576.0;

    /** Bytes of one stamp file: its NPY header plus its pixels. */
    public long stampFileBytes() {
        return NpyHeader.encode(spec.height(), spec.width()).length + spec.bytes();
    }

    /** Bytes of the one mosaic file. */
    public long mosaicFileBytes() {
        return NpyHeader.encode(mosaicHeight, mosaicWidth).length + 4L * mosaicWidth * mosaicHeight;
    }

    /** Stamps whose files together reach the mosaic's bytes. */
    public long crossover() {
        return (mosaicFileBytes() + stampFileBytes() - 1) / stampFileBytes();
    }

    /** Bytes of the stacked {@code [N, h, w]} file: one header, every stamp's pixels. */
    public long stackedFileBytes() {
        return NpyHeader.encode(cutouts, spec.height(), spec.width()).length + cutouts * spec.bytes();
    }

    /** Files, MiB and pixel copies of the three layouts for this run's catalogue (pixel payloads; catalogue and manifest aside). */
    public Table table() {
        double mosaicPixels = (double) mosaicWidth * mosaicHeight;
        double copies = cutouts * spec.pixels() / mosaicPixels;
        return Table.create("storage",
                StringColumn.create(LAYOUT, "one .npy per cutout", "one stacked [N, h, w] .npy", "one mosaic .npy + catalogue"),
                LongColumn.create(FILES, cutouts, 1, 1),
                DoubleColumn.create(MIB_ON_DISK, cutouts * stampFileBytes() / 1048576.0, stackedFileBytes() / 1048576.0,
                        mosaicFileBytes() / 1048576.0),
                DoubleColumn.create("pixel copies per mosaic pixel", copies, copies, 1.0));
    }

    /** The largest number of cutouts the chart shows: the pipeline's scale or more, past this run and the crossover. */
    public long chartReach() {
        return Math.max(CHART_REACH, Math.max(2 * cutouts, 10 * crossover()));
    }

    /**
     * MiB on disk against the number of cutouts, log-log, from 10 cutouts to {@link #chartReach()}: the
     * stamp files grow with the catalogue, the mosaic stays one file (the stacked file, a header less per
     * cutout, would hide the stamp line; the table gives it). The crossover is marked with a labelled line
     * at {@link #crossover()}.
     */
    public Figure chart() {
        int points = 60;
        double lo = Math.log10(10);
        double hi = Math.log10(chartReach());
        LineChart lines = new LineChart();
        var stamps = StrategyStyle.of(Strategy.INDIVIDUAL_FILES).named("one .npy per cutout");
        var mosaic = StrategyStyle.of(Strategy.MEMORY_MAPPED).named("one mosaic .npy (+ catalogue)");
        for (int i = 0; i <= points; i++) {
            long n = Math.round(Math.pow(10, lo + (hi - lo) * i / points));
            lines.add(stamps, n, n * stampFileBytes() / MIB);
            lines.add(mosaic, n, mosaicFileBytes() / MIB);
        }
        PlotlyFigure f = lines.figure("Bytes on disk vs number of cutouts", "cutouts in the catalogue (log scale)", true, "MiB on disk (log scale)", true);
        f.layout().put("width", 900).put("height", 480);
        // 61 points make a line; markers would hide it
        f.data().forEach(t -> ((ObjectNode) t).put("mode", "lines"));
        markCrossover(f);
        return f;
    }

    /** The crossover as a vertical line through the plot and a label at the point where the two lines cross. */
    private void markCrossover(PlotlyFigure f) {
        long x = crossover();
        double y = mosaicFileBytes() / MIB;
        String text = String.format(Locale.ROOT, "crossover: %,d cutouts", x);
        ObjectNode line = f.layout().putArray("shapes").addObject();
        line.put("type", "line").put("xref", "x").put("yref", "paper").put("x0", x).put("x1", x).put("y0", 0).put("y1", 1);
        line.putObject("line").put("color", "#444444").put("dash", "dot").put("width", 1.5);
        f.layout().putArray("annotations").addObject().put("text", text).put("x", Math.log10(x)).put("y", Math.log10(y))
                .put("xref", "x").put("yref", "y").put("showarrow", true).put("arrowhead", 2).put("ax", 60).put("ay", -50)
                .put("bgcolor", "rgba(255,255,255,0.85)");
        ObjectNode marker = f.neutralTrace("scatter", text).put("mode", "markers");
        marker.set("x", PlotlyFigure.numbers(x));
        marker.set("y", PlotlyFigure.numbers(y));
    }
}
