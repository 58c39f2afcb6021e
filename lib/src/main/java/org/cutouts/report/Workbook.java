package org.cutouts.report;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/**
 * What a notebook uses to show results: tables, charts and images inline in the cell's output, offline,
 * with every chart and image also saved as a PNG in {@code <build dir>/figures/}.
 *
 * <pre>{@code
 * var cfg = WorkbookConfig.fromEnvironment();
 * var wb = Workbook.start(cfg);
 * wb.table(cfg.toTable()).caption("This run").show();
 * wb.chart("read-latency", figure).caption("Median read time per cutout").show();
 * wb.image("mosaic", Images.asinh(pixels)).caption("The mosaic, asinh stretch").show();
 * wb.gallery("first-cutouts", stamps, 8).show();
 * }</pre>
 *
 * <p>PNG files are named {@code <notebook>-<name>.png} ({@code $CUTOUTS_NOTEBOOK}, set by
 * {@code environment/workbook}; just {@code <name>.png} when unset). Charts are rendered to PNG by
 * headless Chromium ({@link Chromium}); set {@code CUTOUTS_CHART_PNG=0} to skip that (the chart is
 * still shown), or {@code batch} to queue them for one browser start after the run ({@link PendingCharts},
 * {@code cli figures}; {@code environment/workbook} does this).
 */
public final class Workbook {
    /** 0 skips chart PNGs (e.g. on a machine without Chromium); batch queues them ({@link PendingCharts}). */
    public static final String CHART_PNG = "CUTOUTS_CHART_PNG";

    private final WorkbookConfig config;

    private Workbook(WorkbookConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** A workbook for the configuration in the environment. */
    public static Workbook start() {
        return start(WorkbookConfig.fromEnvironment());
    }

    public static Workbook start(WorkbookConfig config) {
        return new Workbook(config);
    }

    public WorkbookConfig config() {
        return config;
    }

    /** A table to show: {@code wb.table(t).caption("...").maxRows(20).decimals(2).show()}. */
    public TableHtml table(Table table) {
        return TableHtml.of(table);
    }

    /** A tablesaw-jsplot chart to show and save as {@code figures/<notebook>-<name>.png}. */
    public Chart chart(String name, Figure figure) {
        return new Chart(this, checkName(name), Objects.requireNonNull(figure, "figure"), null, 2.0);
    }

    /** An image to show and save as {@code figures/<notebook>-<name>.png}. */
    public Image image(String name, BufferedImage image) {
        return new Image(this, checkName(name), Objects.requireNonNull(image, "image"), null);
    }

    /** A gallery of cutouts ({@link Images#gallery(List, int)}) to show and save. */
    public Image gallery(String name, List<float[][]> stamps, int columns) {
        return image(name, Images.gallery(stamps, columns));
    }

    /** Displays an HTML fragment as it is. */
    public void html(String html) {
        new Html(html).show();
    }

    /** Displays text as a paragraph (escaped). */
    public void note(String text) {
        Html.paragraph(text).show();
    }

    /**
     * Shows plotly.js now, so that the charts that follow render even if the page was reloaded while the
     * kernel kept running. The first chart of a kernel session does this by itself.
     */
    public void loadPlotly() {
        PlotlyJs.needsLoading();
        new Html(PlotlyJs.scriptTag()).show();
    }

    /** Where a figure of this name is saved. */
    public Path figureFile(String name) {
        String base = checkName(name);
        String nb = config.notebook();
        return config.figuresDir().resolve((nb.isEmpty() ? "" : sanitize(nb) + "-") + base + ".png");
    }

    static String checkName(String name) {
        Objects.requireNonNull(name, "name");
        String s = sanitize(name);
        if (s.isEmpty()) {
            throw new IllegalArgumentException("a figure needs a name with letters or digits, got '" + name + "'");
        }
        return s;
    }

    /** Lower case, runs of anything but {@code a-z 0-9 . _ -} become one {@code -}. */
    static String sanitize(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-");
        return s.replaceAll("^[-.]+|[-.]+$", "");
    }

    /** When a chart's PNG is rendered, from {@code CUTOUTS_CHART_PNG}. */
    enum PngMode {
        /** unset or 1: at {@code show()}, one browser start per chart */
        NOW,
        /** {@code batch}: queued by {@code show()}, rendered by {@code cli figures} ({@link PendingCharts}) */
        BATCH,
        /** 0, false, off or no */
        OFF;

        static PngMode of(String v) {
            if (v == null || v.isBlank()) {
                return NOW;
            }
            String s = v.trim().toLowerCase(Locale.ROOT);
            return switch (s) {
                case "0", "false", "off", "no" -> OFF;
                case "batch" -> BATCH;
                case "1", "true", "on", "yes" -> NOW;
                default -> throw new IllegalArgumentException(CHART_PNG + " must be 1, 0 or batch, got '" + v + "'");
            };
        }
    }

    static String captionHtml(String caption) {
        return caption == null || caption.isBlank() ? ""
                : "\n<div class=\"cutouts-caption\" style=\"font-size:12px;color:#444;margin:2px 0 10px\">"
                + Html.escape(caption) + "</div>";
    }

    /** A chart on its way to the page: set a caption or PNG scale, then {@link #show()}. */
    public static final class Chart {
        private final Workbook wb;
        private final String name;
        private final Figure figure;
        private final String caption;
        private final double scale;

        Chart(Workbook wb, String name, Figure figure, String caption, double scale) {
            this.wb = wb;
            this.name = name;
            this.figure = figure;
            this.caption = caption;
            this.scale = scale;
        }

        /** A line of text under the chart. */
        public Chart caption(String text) {
            return new Chart(wb, name, figure, text, scale);
        }

        /** Pixel density of the PNG relative to the layout size (default 2). */
        public Chart scale(double pngScale) {
            if (!(pngScale > 0 && pngScale <= 8)) {
                throw new IllegalArgumentException("scale must be in (0, 8], got " + pngScale);
            }
            return new Chart(wb, name, figure, caption, pngScale);
        }

        /** Saves the PNG only (headless Chromium); returns its path. */
        public Path save() {
            return Chromium.require().savePng(figure, wb.figureFile(name), scale);
        }

        /** The inline HTML: plotly.js (first chart of the session only), the chart's div and script, the caption. */
        public Html html() {
            String lib = PlotlyJs.needsLoading() ? PlotlyJs.scriptTag() + "\n" : "";
            return new Html(lib + PlotlyJs.chartFragment(figure, PlotlyJs.newDivId(), name) + captionHtml(caption));
        }

        /**
         * Saves the PNG (or queues it with {@code CUTOUTS_CHART_PNG=batch}; none with {@code 0}) and shows
         * the chart in the cell's output.
         */
        public void show() {
            switch (PngMode.of(System.getenv(CHART_PNG))) {
                case NOW -> save();
                case BATCH -> PendingCharts.enqueue(figure, scale, wb.figureFile(name));
                case OFF -> { }
            }
            html().show();
        }
    }

    /** An image on its way to the page: set a caption, then {@link #show()}. */
    public static final class Image {
        private final Workbook wb;
        private final String name;
        private final BufferedImage image;
        private final String caption;

        Image(Workbook wb, String name, BufferedImage image, String caption) {
            this.wb = wb;
            this.name = name;
            this.image = image;
            this.caption = caption;
        }

        public Image caption(String text) {
            return new Image(wb, name, image, text);
        }

        public BufferedImage image() {
            return image;
        }

        /** Saves the PNG only; returns its path. */
        public Path save() {
            return Images.save(image, wb.figureFile(name));
        }

        public Html html() {
            return Images.html(image, caption != null ? caption : name).then(new Html(captionHtml(caption)));
        }

        /** Saves the PNG and shows the image inline (as a data URL). */
        public void show() {
            byte[] png = Images.png(image);
            Images.savePng(png, wb.figureFile(name));
            Images.html(png, caption != null ? caption : name, image.getWidth()).then(new Html(captionHtml(caption))).show();
        }
    }
}
