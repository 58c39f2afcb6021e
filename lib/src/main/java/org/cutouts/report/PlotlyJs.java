package org.cutouts.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import tech.tablesaw.plotly.components.Figure;

/**
 * plotly.js, offline: the pinned {@code plotly.min.js} that {@code environment/workbook} takes from the
 * npm registry ({@code plotly.js-dist-min}, checked against its integrity hash) into
 * {@code build/vendor/plotly.min.js}. Nothing here ever links to a CDN.
 *
 * <p>The library is inlined into the page once: into the first chart a notebook shows (see
 * {@link #needsLoading()}), and into every standalone page written for PNG rendering. It is wrapped
 * so that it defines {@code window.Plotly} even where require.js is on the page (the classic notebook),
 * and only if no Plotly is loaded yet.
 *
 * <p>Charts come from tablesaw-jsplot: {@link Figure#asJavascript(String)} renders a
 * {@code <script>} that looks up the div by id and calls {@code Plotly.newPlot(div, data, layout)}.
 * tablesaw writes plotly.js 1.x/2.x attributes (string titles, {@code titlefont}), which is why the
 * pinned plotly.js is the last 2.x release and not 3.x.
 */
public final class PlotlyJs {
    /** Overrides where plotly.min.js is read from. */
    public static final String ENV = "CUTOUTS_PLOTLY_JS";
    /** Where {@code environment/workbook} puts it, relative to the project root. */
    public static final String DEFAULT_LOCATION = "build/vendor/plotly.min.js";

    private static final AtomicBoolean LOADED_IN_PAGE = new AtomicBoolean();
    private static final AtomicInteger DIV_COUNTER = new AtomicInteger();
    private static volatile String source;

    private PlotlyJs() {
    }

    /** The plotly.min.js file: {@code $CUTOUTS_PLOTLY_JS}, else {@code <root>/build/vendor/plotly.min.js}. */
    public static Path locate() {
        String env = System.getenv(ENV);
        Path p = env != null && !env.isBlank() ? Path.of(env)
                : WorkbookConfig.fromEnvironment().root().resolve(DEFAULT_LOCATION);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("plotly.min.js not found at " + p.toAbsolutePath()
                    + ": run environment/workbook setup (it fetches the pinned plotly.js-dist-min from the npm registry)"
                    + (env == null ? "" : ", or fix " + ENV));
        }
        return p;
    }

    /** The library's source, read once. */
    public static String source() {
        String s = source;
        if (s == null) {
            synchronized (PlotlyJs.class) {
                s = source;
                if (s == null) {
                    Path p = locate();
                    try {
                        s = Files.readString(p, StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
                    }
                    if (!s.contains("Plotly")) {
                        throw new IllegalStateException(p + " does not look like plotly.js; delete it and rerun environment/workbook setup");
                    }
                    source = s;
                }
            }
        }
        return s;
    }

    /**
     * A {@code <script>} element that defines {@code window.Plotly} from the inlined library, unless the
     * page already has it. The library's own UMD wrapper sees no {@code define}, {@code module} or
     * {@code exports}, so it always assigns the global.
     */
    public static String scriptTag() {
        return scriptTag(source());
    }

    static String scriptTag(String librarySource) {
        // "</script" cannot appear inside a script element; "<\/script" means the same in JS strings and regexes
        String js = librarySource.replace("</script", "<\\/script");
        return "<script type=\"text/javascript\" data-cutouts=\"plotly.js\">\n"
                + "if (typeof window.Plotly === 'undefined') {\n"
                + "(function (define, module, exports) {\n"
                + js
                + "\n}).call(window);\n}\n</script>";
    }

    /**
     * True the first time it is called in this JVM (this kernel session), and again after
     * {@link #forgetLoaded()}: the caller should then put {@link #scriptTag()} before its chart.
     */
    public static boolean needsLoading() {
        return LOADED_IN_PAGE.compareAndSet(false, true);
    }

    /** Makes the next chart carry plotly.js again (e.g. after the notebook page was reloaded). */
    public static void forgetLoaded() {
        LOADED_IN_PAGE.set(false);
    }

    /**
     * A fresh div id that is also a valid JavaScript identifier: tablesaw declares
     * {@code var target_<divId>} with it.
     */
    public static String newDivId() {
        return "cutouts_chart_" + DIV_COUNTER.incrementAndGet() + "_" + Long.toHexString(System.nanoTime() & 0xffffffL);
    }

    /**
     * The chart's div and tablesaw's plotting script, without the library. {@code name} is recorded in a
     * {@code data-chart} attribute so that the browser test can say which chart failed.
     */
    public static String chartFragment(Figure figure, String divId, String name) {
        return "<div class=\"cutouts-chart\" id=\"" + divId + "\" data-chart=\"" + Html.escape(name) + "\"></div>\n"
                + figure.asJavascript(divId);
    }

    /** A standalone page with plotly.js inlined, for a browser: {@code body} goes after the library. */
    public static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + Html.escape(title)
                + "</title>\n" + scriptTag() + "\n</head>\n<body>\n" + body + "\n</body>\n</html>\n";
    }
}
