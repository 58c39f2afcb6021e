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
 * <p>Where the library goes is {@link #PLACEMENT_ENV}'s choice. {@code page}, as {@code environment/workbook}
 * runs the notebooks: no cell output carries it (an executed {@code .ipynb} stays small) and the exported
 * page inlines it once ({@code environment/nbconvert}). Unset or {@code cell}, as in an interactive
 * Jupyter session: the first chart a notebook shows carries it (see {@link #needsLoading()}). Every
 * standalone page written for PNG rendering inlines it too. It is wrapped so that it defines
 * {@code window.Plotly} even where require.js is on the page (the classic notebook), and only if no
 * Plotly is loaded yet.
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
    /** {@code page}: cell outputs never carry plotly.js, the exported page loads it; unset or {@code cell}: the first chart does. */
    public static final String PLACEMENT_ENV = "CUTOUTS_PLOTLY_IN";
    /** What a chart's div says where plotly.js is not loaded (an executed notebook opened in Jupyter). */
    static final String NOT_LOADED = "This chart is drawn by plotly.js, which the exported HTML page loads; "
            + "in Jupyter, run wb.loadPlotly() once and show the chart again.";

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
     * {@link #forgetLoaded()}: the caller should then put {@link #scriptTag()} before its chart. Always
     * false when the page loads the library ({@link #PLACEMENT_ENV}{@code =page}).
     */
    public static boolean needsLoading() {
        return needsLoading(System.getenv(PLACEMENT_ENV));
    }

    /** {@link #needsLoading()} for a given placement ({@code page}, {@code cell} or null). */
    static boolean needsLoading(String placement) {
        return !pageLoadsLibrary(placement) && LOADED_IN_PAGE.compareAndSet(false, true);
    }

    /** True for {@code page}, false for unset, blank or {@code cell}; anything else is refused. */
    static boolean pageLoadsLibrary(String placement) {
        if (placement == null || placement.isBlank()) {
            return false;
        }
        return switch (placement.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "page" -> true;
            case "cell" -> false;
            default -> throw new IllegalArgumentException(PLACEMENT_ENV + " must be page or cell, got '" + placement + "'");
        };
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
     * {@code data-chart} attribute so that the browser test can say which chart failed. Where plotly.js is
     * not loaded the script writes {@link #NOT_LOADED} into the div instead of failing.
     */
    public static String chartFragment(Figure figure, String divId, String name) {
        return "<div class=\"cutouts-chart\" id=\"" + divId + "\" data-chart=\"" + Html.escape(name) + "\"></div>\n"
                + guarded(figure.asJavascript(divId), divId);
    }

    /** tablesaw's script with its {@code Plotly.newPlot(target_<id>, ...)} call run only where Plotly is defined. */
    static String guarded(String script, String divId) {
        String call = "Plotly.newPlot(target_" + divId;
        int at = script.lastIndexOf(call);
        if (at < 0) {
            return script; // not tablesaw's usual shape: leave it as it is
        }
        String otherwise = "else { target_" + divId + ".textContent = '" + NOT_LOADED + "'; }";
        int end = script.indexOf(';', at);
        return script.substring(0, at) + "if (typeof window.Plotly !== 'undefined') " + script.substring(at, end + 1)
                + " " + otherwise + script.substring(end + 1);
    }

    /** A standalone page with plotly.js inlined, for a browser: {@code body} goes after the library. */
    public static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + Html.escape(title)
                + "</title>\n" + scriptTag() + "\n</head>\n<body>\n" + body + "\n</body>\n</html>\n";
    }
}
