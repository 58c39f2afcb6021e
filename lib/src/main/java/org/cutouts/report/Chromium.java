package org.cutouts.report;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tech.tablesaw.plotly.components.Figure;

/**
 * Headless Chromium (Debian's {@code chromium}), used to turn charts into PNG files offline.
 *
 * <p>A chart is rendered by writing a standalone page (plotly.js inlined, the chart, and a script that
 * calls {@code Plotly.toImage} and writes the resulting data URL into a {@code <pre>}), loading it with
 * {@code chromium --headless --dump-dom --virtual-time-budget=...}, and decoding the data URL from the
 * dumped DOM. Every run gets a fresh, deleted-afterwards profile directory and the flags that keep
 * Chromium off the network.
 */
public final class Chromium {
    /** Overrides the browser binary. */
    public static final String ENV = "CUTOUTS_CHROMIUM";

    private static final List<String> CANDIDATES = List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable");
    private static final Pattern RESULT = Pattern.compile(
            "<pre id=\"cutouts-png-result-(\\d+)\"([^>]*)>(.*?)</pre>", Pattern.DOTALL);

    private final Path binary;

    private Chromium(Path binary) {
        this.binary = binary;
    }

    /** The browser from {@code $CUTOUTS_CHROMIUM} or the PATH, if any. */
    public static Optional<Chromium> find() {
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            Path p = Path.of(env);
            return Files.isExecutable(p) ? Optional.of(new Chromium(p)) : Optional.empty();
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String name : CANDIDATES) {
            for (String dir : path.split(File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                    return Optional.of(new Chromium(p));
                }
            }
        }
        return Optional.empty();
    }

    /** The browser, or an exception that says how to get one. */
    public static Chromium require() {
        return find().orElseThrow(() -> new IllegalStateException(
                "headless Chromium not found (needed to save charts as PNG): install Debian's chromium "
                        + "(apt-get install -y chromium), or set " + ENV + " to a Chromium binary; "
                        + "or set " + Workbook.CHART_PNG + "=0 to show charts without saving PNGs"));
    }

    public Path binary() {
        return binary;
    }

    /** The flags every run uses: headless, no sandbox (root), no GPU, no network chatter. */
    public static List<String> baseFlags(Path userDataDir) {
        return List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--disable-dev-shm-usage", "--hide-scrollbars", "--mute-audio",
                "--user-data-dir=" + userDataDir.toAbsolutePath());
    }

    /**
     * Loads a local page and returns its DOM after the load event and {@code virtualTime} of (virtual)
     * script time.
     */
    public String dumpDom(Path page, Duration virtualTime, Duration timeout) {
        Path profile = null;
        try {
            profile = Files.createTempDirectory("cutouts-chromium-");
            Path out = profile.resolve("dom.html");
            Path err = profile.resolve("stderr.txt");
            List<String> cmd = new ArrayList<>();
            cmd.add(binary.toString());
            cmd.addAll(baseFlags(profile.resolve("profile")));
            cmd.add("--virtual-time-budget=" + virtualTime.toMillis());
            cmd.add("--dump-dom");
            cmd.add(page.toAbsolutePath().toUri().toString());
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("chromium did not finish within " + timeout.toSeconds() + " s on " + page);
            }
            String dom = Files.readString(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0 || dom.isBlank()) {
                throw new IllegalStateException("chromium failed on " + page + " (exit " + p.exitValue() + "): "
                        + tail(Files.readString(err, StandardCharsets.UTF_8), 1500));
            }
            return dom;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + binary + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while chromium rendered " + page, e);
        } finally {
            deleteTree(profile);
        }
    }

    /**
     * Renders a tablesaw figure to PNG bytes with {@code Plotly.toImage} at the figure's layout size
     * (plotly's default 700 x 450 when the layout sets none) times {@code scale}.
     */
    public byte[] renderPng(Figure figure, double scale) {
        return renderPngs(List.of(ChartImage.of(figure, scale))).get(0);
    }

    /** A chart to render: its fragment ({@link PlotlyJs#chartFragment}), the fragment's div id, the PNG scale. */
    public record ChartImage(String fragment, String divId, double scale) {
        public ChartImage {
            if (!(scale > 0 && scale <= 8)) {
                throw new IllegalArgumentException("scale must be in (0, 8], got " + scale);
            }
            if (!fragment.contains(divId)) {
                throw new IllegalArgumentException("the chart fragment has no element " + divId);
            }
        }

        public static ChartImage of(Figure figure, double scale) {
            String divId = PlotlyJs.newDivId();
            return new ChartImage(PlotlyJs.chartFragment(figure, divId, "png"), divId, scale);
        }
    }

    /**
     * Renders charts to PNG bytes, in order, in one browser start: starting Chromium and parsing
     * plotly.js cost about 8 s on this class of machine, one more chart about 0.1 s.
     */
    public List<byte[]> renderPngs(List<ChartImage> charts) {
        if (charts.isEmpty()) {
            return List.of();
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("cutouts-chart-");
            StringBuilder body = new StringBuilder("<script>window.__cutoutsErrors=[];window.addEventListener('error',function(e){"
                    + "window.__cutoutsErrors.push(String(e.message||e));});</script>\n");
            StringBuilder ids = new StringBuilder();
            StringBuilder scales = new StringBuilder();
            for (int i = 0; i < charts.size(); i++) {
                ChartImage c = charts.get(i);
                // ids from different kernels may repeat: give every chart of this page its own
                String id = "cutouts_png_" + i;
                body.append(c.fragment().replace(c.divId(), id)).append('\n');
                body.append("<pre id=\"cutouts-png-result-").append(i).append("\"></pre>\n");
                ids.append(i == 0 ? "" : ",").append('\'').append(id).append('\'');
                scales.append(i == 0 ? "" : ",").append(c.scale());
            }
            body.append("<script>(async function(){var ids=[").append(ids).append("],scales=[").append(scales).append("];"
                    + "for(var i=0;i<ids.length;i++){var out=document.getElementById('cutouts-png-result-'+i);"
                    + "try{if(typeof Plotly==='undefined'){throw new Error('Plotly is not defined');}"
                    + "var url=await Plotly.toImage(document.getElementById(ids[i]),{format:'png',scale:scales[i]});"
                    + "out.setAttribute('data-status','ok');out.textContent=url;"
                    + "}catch(e){out.setAttribute('data-status','error');"
                    + "out.textContent=String((e&&e.stack)||e)+' '+window.__cutoutsErrors.join('; ');}}})();</script>");
            Path page = dir.resolve("charts.html");
            Files.writeString(page, PlotlyJs.page("charts", body.toString()), StandardCharsets.UTF_8);
            String dom = dumpDom(page, Duration.ofSeconds(30 + 2L * charts.size()), Duration.ofSeconds(120 + 10L * charts.size()));
            List<byte[]> pngs = new ArrayList<>();
            Matcher m = RESULT.matcher(dom);
            while (m.find()) {
                int i = Integer.parseInt(m.group(1));
                if (i != pngs.size()) {
                    throw new IllegalStateException("chart page results out of order: " + i + " after " + pngs.size());
                }
                pngs.add(decode(m.group(2), m.group(3).trim(), i));
            }
            if (pngs.size() != charts.size()) {
                throw new IllegalStateException("chart page produced " + pngs.size() + " of " + charts.size()
                        + " results; DOM ends with: " + tail(dom, 500));
            }
            return pngs;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the chart page: " + e.getMessage(), e);
        } finally {
            deleteTree(dir);
        }
    }

    private static byte[] decode(String attrs, String text, int index) {
        if (!attrs.contains("data-status=\"ok\"")) {
            throw new IllegalStateException("Plotly.toImage failed in chromium on chart " + index + ": "
                    + (text.isEmpty() ? "no result (timed out?)" : unescape(text)));
        }
        String prefix = "data:image/png;base64,";
        if (!text.startsWith(prefix)) {
            throw new IllegalStateException("Plotly.toImage returned no PNG data URL for chart " + index + ": " + tail(text, 200));
        }
        return Base64.getDecoder().decode(text.substring(prefix.length()));
    }

    /** Renders and writes a PNG file, creating its folder. */
    public Path savePng(Figure figure, Path file, double scale) {
        return Images.savePng(renderPng(figure, scale), file);
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
    }

    private static String tail(String s, int n) {
        return s.length() <= n ? s : "..." + s.substring(s.length() - n);
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a temp folder left behind is harmless
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
