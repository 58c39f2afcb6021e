package org.cutouts.report;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The progress log of a long notebook step, kept in a file instead of the page: the step prints to
 * {@link #out()}, the page shows one line from {@link #summary(String)}, e.g. "benchmark: 412 result rows
 * in 288 s; its log (130 lines) is build/workbook/logs/05-benchmark.benchmark.log".
 *
 * <pre>{@code
 * try (var log = StepLog.open(cfg, "benchmark")) {
 *     results = new BenchmarkRunner(spec, log.out()).run();
 *     wb.note(log.summary(ResultViews.rowCount(results) + " result rows"));
 * }
 * }</pre>
 */
public final class StepLog implements AutoCloseable {
    private final String step;
    private final Path file;
    private final WorkbookConfig cfg;
    private final LineCounter counter;
    private final PrintStream out;
    private final long started = System.nanoTime();

    private StepLog(String step, Path file, WorkbookConfig cfg) throws IOException {
        this.step = step;
        this.file = file;
        this.cfg = cfg;
        this.counter = new LineCounter(Files.newOutputStream(file));
        this.out = new PrintStream(counter, true, StandardCharsets.UTF_8);
    }

    /** A log for {@code step} at {@code <build dir>/logs/<notebook>.<step>.log}, replacing an earlier run's. */
    public static StepLog open(WorkbookConfig cfg, String step) {
        String name = Workbook.checkName(step);
        String nb = cfg.notebook();
        Path file = cfg.buildDir().resolve("logs").resolve((nb.isEmpty() ? "" : Workbook.sanitize(nb) + ".") + name + ".log");
        try {
            Files.createDirectories(file.getParent());
            return new StepLog(step, file, cfg);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write the step's log: " + e.getMessage(), e);
        }
    }

    /** Where the step prints its progress. */
    public PrintStream out() {
        return out;
    }

    public Path file() {
        return file;
    }

    /** Lines written so far. */
    public long lines() {
        out.flush();
        return counter.lines;
    }

    /** "step: what in N s; its log (L lines) is path", the one line the page shows. */
    public String summary(String what) {
        double seconds = (System.nanoTime() - started) / 1e9;
        return String.format(Locale.ROOT, "%s: %s in %.0f s; its log (%,d lines) is %s", step, what, seconds, lines(), cfg.display(file));
    }

    @Override
    public void close() {
        out.close();
    }

    /** Counts the newlines passing through. */
    private static final class LineCounter extends FilterOutputStream {
        private long lines;

        LineCounter(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            lines += b == '\n' ? 1 : 0;
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            for (int i = off; i < off + len; i++) {
                lines += b[i] == '\n' ? 1 : 0;
            }
            out.write(b, off, len);
        }
    }
}
