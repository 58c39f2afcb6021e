package org.cutouts.report.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;

/**
 * A plotly.js figure written as plotly's own JSON, for what tablesaw-jsplot's builders cannot say: error
 * bars, automargins, annotations, log-axis tick values, trace {@code meta}. It is a tablesaw {@link Figure},
 * so {@code Workbook.chart} and the PNG renderer take it as any other; {@link #asJavascript} writes the
 * {@code <script>} that draws it.
 *
 * <p>Series of a strategy take their colour from {@link StrategyStyle}; each trace carries its series key
 * in {@code meta}, and the layout's {@code meta} carries the shared palette and this chart's key-to-colour
 * map, which the browser test compares with the colours plotly drew.
 */
public final class PlotlyFigure extends Figure {
    static final ObjectMapper JSON = new ObjectMapper();
    private final ObjectNode layout = JSON.createObjectNode();
    private final ArrayNode data = JSON.createArrayNode();
    private final Map<String, String> seriesColours = new LinkedHashMap<>();
    private final List<String> taken = new ArrayList<>();

    public PlotlyFigure(String title, int width, int height) {
        super(Layout.builder().build());
        layout.putObject("title").put("text", title);
        layout.put("width", width).put("height", height);
        layout.putObject("margin").put("t", 60);
        ObjectNode meta = layout.putObject("meta");
        StrategyStyle.palette().forEach(meta.putObject("palette")::put);
        meta.putObject("series");
    }

    /** The layout, for attributes this class has no method for. */
    public ObjectNode layout() {
        return layout;
    }

    /** The traces, in drawing order. */
    public ArrayNode data() {
        return data;
    }

    /** A linear axis ({@code "x"} or {@code "y"}) with a title; tick labels get the room they need. */
    public PlotlyFigure axis(String which, String title) {
        axisNode(which).putObject("title").put("text", title);
        return this;
    }

    /** A log axis with a title and ticks at readable values over {@code values} (see {@link LogTicks}). */
    public PlotlyFigure logAxis(String which, String title, double... values) {
        ObjectNode a = axisNode(which);
        a.putObject("title").put("text", title);
        a.put("type", "log");
        LogTicks.of(values).applyTo(a);
        return this;
    }

    /** A log axis over {@code values} when {@code log}, else a linear one. */
    public PlotlyFigure axis(String which, String title, boolean log, double... values) {
        return log ? logAxis(which, title, values) : axis(which, title);
    }

    private ObjectNode axisNode(String which) {
        ObjectNode a = layout.has(which + "axis") ? (ObjectNode) layout.get(which + "axis") : layout.putObject(which + "axis");
        a.put("automargin", true);
        return a;
    }

    /** Bars of one category side by side, one per trace. */
    public PlotlyFigure groupedBars() {
        layout.put("barmode", "group");
        return this;
    }

    /**
     * A trace of {@code type} ("scatter", "bar") for a series: its name, its colour (the series' own
     * unless another series of this chart has it), its key as {@code meta}; Python lines dashed, bars hatched.
     */
    public ObjectNode trace(String type, StrategyStyle.Series s) {
        String colour = s.key() != null && seriesColours.containsKey(s.key()) ? seriesColours.get(s.key()) : s.colourAvoiding(taken);
        if (!taken.contains(colour)) {
            taken.add(colour);
        }
        ObjectNode t = data.addObject();
        t.put("type", type).put("name", s.name());
        t.putObject("marker").put("color", colour);
        if (type.equals("scatter")) {
            ObjectNode line = t.putObject("line").put("color", colour);
            if (s.peer()) {
                line.put("dash", "dash");
            }
        } else if (s.peer()) {
            ((ObjectNode) t.get("marker")).putObject("pattern").put("shape", "/");
        }
        if (s.key() != null) {
            t.put("meta", s.key());
            seriesColours.put(s.key(), colour);
            ((ObjectNode) layout.get("meta").get("series")).put(s.key(), colour);
        }
        return t;
    }

    /** A trace in a colour of its own that is no strategy's (e.g. "5 identical curves"). */
    public ObjectNode neutralTrace(String type, String name) {
        return trace(type, StrategyStyle.other(name));
    }

    /** Numbers as JSON, non-finite values as null (a gap, never "NaN"). */
    public static ArrayNode numbers(double... values) {
        ArrayNode a = JSON.createArrayNode();
        for (double v : values) {
            if (Double.isFinite(v)) {
                a.add(v);
            } else {
                a.addNull();
            }
        }
        return a;
    }

    /** Strings as JSON. */
    public static ArrayNode strings(List<String> values) {
        ArrayNode a = JSON.createArrayNode();
        values.forEach(a::add);
        return a;
    }

    /**
     * Asymmetric error bars on {@code trace}'s y: from {@code low} to {@code high} around each y value
     * (non-finite bounds draw no bar).
     */
    public static void errorBars(ObjectNode trace, double[] y, double[] low, double[] high) {
        double[] plus = new double[y.length];
        double[] minus = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            plus[i] = Math.max(0, high[i] - y[i]);
            minus[i] = Math.max(0, y[i] - low[i]);
        }
        ObjectNode e = trace.putObject("error_y");
        e.put("type", "data").put("symmetric", false).put("visible", true).put("thickness", 1.2).put("width", 3);
        e.set("array", numbers(plus));
        e.set("arrayminus", numbers(minus));
        e.put("color", "#444444");
    }

    /** A text note at paper coordinates (0..1 over the plot area). */
    public PlotlyFigure note(String text, double x, double y) {
        ArrayNode a = layout.has("annotations") ? (ArrayNode) layout.get("annotations") : layout.putArray("annotations");
        a.addObject().put("text", text).put("xref", "paper").put("yref", "paper").put("x", x).put("y", y)
                .put("showarrow", false).put("xanchor", "left").put("align", "left");
        return this;
    }

    /** A second, smaller line under the title (what error bars show, what a line means). */
    public PlotlyFigure subtitle(String text) {
        ObjectNode title = (ObjectNode) layout.get("title");
        title.put("text", title.get("text").asText() + "<br><sup>" + text + "</sup>");
        ((ObjectNode) layout.get("margin")).put("t", 90);
        return this;
    }

    /** The layout's title text. */
    public String title() {
        return layout.get("title").get("text").asText();
    }

    /** {@code {"data": [...], "layout": {...}}}, as plotly takes it. */
    public String json() {
        ObjectNode f = JSON.createObjectNode();
        f.set("data", data);
        f.set("layout", layout);
        return f.toString();
    }

    /** The trace of a name, for tests and callers that add attributes. */
    public JsonNode trace(String name) {
        for (JsonNode t : data) {
            if (t.get("name").asText().equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("no trace '" + name + "' in the chart '" + title() + "'");
    }

    /** The script that draws the figure into the element {@code divName}; "&lt;/" is escaped so the JSON cannot end the script. */
    @Override
    public String asJavascript(String divName) {
        String json = json().replace("</", "<\\/");
        return "<script>\n(function () {\n  var f = " + json + ";\n  Plotly.newPlot(document.getElementById('" + divName
                + "'), f.data, f.layout, {displaylogo: false});\n})();\n</script>";
    }
}
