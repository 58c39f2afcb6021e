package org.cutouts.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.cutouts.io.AtomicFiles;
import tech.tablesaw.plotly.components.Figure;

/**
 * Chart PNGs saved after the run, all in one browser start ({@code CUTOUTS_CHART_PNG=batch}, which
 * {@code environment/workbook run} and {@code test} set). Starting Chromium and parsing plotly.js costs
 * seconds per chart; a workbook run shows about twenty-five charts.
 *
 * <p>{@link #enqueue} writes {@code figures/pending/<png name>.chart.html}: a header line and the chart's
 * fragment. {@link #renderAll} renders every pending chart, writes {@code figures/<png name>.png} and
 * removes the pending files it rendered ({@code cli figures}).
 */
public final class PendingCharts {
    static final String SUFFIX = ".chart.html";
    private static final Pattern HEADER = Pattern.compile("<!-- cutouts-pending-chart div=(\\S+) scale=(\\S+) -->");

    private PendingCharts() {
    }

    /** Where pending charts of a figures folder wait. */
    public static Path dir(Path figuresDir) {
        return figuresDir.resolve("pending");
    }

    /** Queues {@code figure} for {@code pngFile} (in a figures folder); returns the pending file. */
    public static Path enqueue(Figure figure, double scale, Path pngFile) {
        Chromium.ChartImage chart = Chromium.ChartImage.of(figure, scale);
        String name = pngFile.getFileName().toString();
        if (!name.endsWith(".png")) {
            throw new IllegalArgumentException("a chart PNG's name ends with .png, got " + pngFile);
        }
        Path dir = dir(pngFile.toAbsolutePath().getParent());
        Path file = dir.resolve(name.substring(0, name.length() - 4) + SUFFIX);
        String text = "<!-- cutouts-pending-chart div=" + chart.divId() + " scale=" + chart.scale() + " -->\n" + chart.fragment();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot queue the chart " + file + ": " + e.getMessage(), e);
        }
        AtomicFiles.writeBytes(file, () -> text.getBytes(StandardCharsets.UTF_8));
        return file;
    }

    /** The pending chart files of a figures folder, by name. */
    public static List<Path> pending(Path figuresDir) {
        Path dir = dir(figuresDir);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Renders every pending chart of {@code figuresDir} in one browser start, writes the PNGs and removes
     * the pending files. A pending file this class did not write is refused, by name, before anything
     * is rendered or removed.
     *
     * @return the PNG files written, in the pending files' order
     */
    public static List<Path> renderAll(Path figuresDir, Chromium chromium) {
        List<Path> files = pending(figuresDir);
        if (files.isEmpty()) {
            return List.of();
        }
        List<Chromium.ChartImage> charts = new ArrayList<>();
        for (Path f : files) {
            charts.add(read(f));
        }
        List<byte[]> pngs = chromium.renderPngs(charts);
        List<Path> written = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            String name = files.get(i).getFileName().toString();
            Path png = figuresDir.resolve(name.substring(0, name.length() - SUFFIX.length()) + ".png");
            written.add(Images.savePng(pngs.get(i), png));
            try {
                Files.delete(files.get(i));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove the rendered pending chart " + files.get(i) + ": " + e.getMessage(), e);
            }
        }
        return written;
    }

    static Chromium.ChartImage read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the pending chart " + file + ": " + e.getMessage(), e);
        }
        int nl = text.indexOf('\n');
        Matcher m = HEADER.matcher(nl < 0 ? text : text.substring(0, nl));
        if (nl < 0 || !m.matches()) {
            throw new IllegalArgumentException(file + " is not a pending chart (no cutouts-pending-chart header line)");
        }
        double scale;
        try {
            scale = Double.parseDouble(m.group(2));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ": the pending chart's scale is not a number: " + m.group(2), e);
        }
        try {
            return new Chromium.ChartImage(text.substring(nl + 1), m.group(1), scale);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }
}
