package org.cutouts.report;

import org.cutouts.store.CutoutSpec;
import org.cutouts.store.NpyHeader;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.traces.ScatterTrace;

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

    /** The pipeline's scale: charts reach at least this many cutouts. */
    public static final long PIPELINE_SCALE = 500_000;

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

    /** MiB on disk against the number of cutouts, up to the pipeline's scale, with the crossover marked. */
    public Figure chart() {
        int points = 50;
        long maxN = Math.max(PIPELINE_SCALE, Math.max(2 * cutouts, 2 * crossover()));
        double[] n = new double[points + 1];
        double[] stamps = new double[points + 1];
        double[] mosaic = new double[points + 1];
        for (int i = 0; i <= points; i++) {
            n[i] = (double) maxN * i / points;
            stamps[i] = n[i] * stampFileBytes() / 1048576.0;
            mosaic[i] = mosaicFileBytes() / 1048576.0;
        }
        double x = crossover();
        double top = stamps[points];
        Layout layout = Layout.builder()
                .title("Bytes on disk vs number of cutouts")
                .xAxis(Axis.builder().title("cutouts in the catalogue").build())
                .yAxis(Axis.builder().title("MiB on disk").build())
                .width(760).height(430)
                .build();
        return new Figure(layout,
                ScatterTrace.builder(n, stamps).mode(ScatterTrace.Mode.LINE).name("one .npy per cutout").build(),
                ScatterTrace.builder(n, mosaic).mode(ScatterTrace.Mode.LINE).name("one mosaic .npy").build(),
                ScatterTrace.builder(new double[] {x, x}, new double[] {0, top}).mode(ScatterTrace.Mode.LINE)
                        .name(String.format(java.util.Locale.ROOT, "crossover: %,d cutouts", crossover())).build());
    }
}
