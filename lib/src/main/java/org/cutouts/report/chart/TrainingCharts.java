package org.cutouts.report.chart;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/**
 * The training notebook's charts, from the tables of a training result: the loss per step (one line per
 * store, or one line for stores whose curves are identical, said so in the chart) and samples per second
 * into the model and from the loader alone, per store, with the repetitions' min-max.
 */
public final class TrainingCharts {
    private TrainingCharts() {
    }

    /**
     * Loss per step from a table of {@code strategy} (a label), {@code step}, {@code loss}. Stores whose
     * curves are equal step for step are drawn as one line, named for how many they are, and listed under
     * the title: five lines on top of each other would look like one under a five-entry legend.
     */
    public static Figure loss(Table curve) {
        // by hand, not with Tablesaw selections (see TrainingResult.lossChart)
        Map<String, List<double[]>> points = new LinkedHashMap<>();
        for (int row = 0; row < curve.rowCount(); row++) {
            points.computeIfAbsent(curve.stringColumn("strategy").get(row), k -> new ArrayList<>())
                    .add(new double[] {curve.numberColumn("step").getDouble(row), curve.numberColumn("loss").getDouble(row)});
        }
        Map<String, double[]> steps = new LinkedHashMap<>();
        Map<String, double[]> losses = new LinkedHashMap<>();
        points.forEach((s, p) -> {
            steps.put(s, p.stream().mapToDouble(q -> q[0]).toArray());
            losses.put(s, p.stream().mapToDouble(q -> q[1]).toArray());
        });
        List<List<String>> groups = identicalGroups(losses, steps);
        PlotlyFigure f = new PlotlyFigure("Training loss per step (first repetition)", 900, 480);
        f.axis("x", "training step").axis("y", "training loss (the network's objective)");
        List<String> notes = new ArrayList<>();
        for (List<String> g : groups) {
            String first = g.getFirst();
            var trace = g.size() == 1 ? f.trace("scatter", StrategyStyle.of(first))
                    : f.neutralTrace("scatter", g.size() + " identical curves");
            trace.put("mode", "lines");
            trace.set("x", PlotlyFigure.numbers(steps.get(first)));
            trace.set("y", PlotlyFigure.numbers(losses.get(first)));
            if (g.size() > 1) {
                notes.add(g.size() + " identical curves, step for step (same data, same order, same seed):<br>" + String.join(", ", g));
            }
        }
        if (!notes.isEmpty()) {
            f.subtitle(String.join("<br>", notes));
            // plotly hides the legend of a single trace; the line's name says what it stands for
            f.layout().put("showlegend", true);
        }
        return f;
    }

    /**
     * Training loss per step of several runs per epoch order ({@code orderCol}, {@code stepCol},
     * {@code lossCol}, one row per run and step): for each order the mean over its runs as a line, and the
     * runs' min to max as a band of the same colour, so that two orders' spreads can be seen overlapping
     * or not.
     */
    public static Figure orderLoss(Table curves, String orderCol, String stepCol, String lossCol) {
        Map<String, java.util.TreeMap<Integer, List<Double>>> byOrder = new LinkedHashMap<>();
        for (int row = 0; row < curves.rowCount(); row++) {
            byOrder.computeIfAbsent(curves.stringColumn(orderCol).get(row), k -> new java.util.TreeMap<>())
                    .computeIfAbsent((int) curves.numberColumn(stepCol).getDouble(row), k -> new ArrayList<>())
                    .add(curves.numberColumn(lossCol).getDouble(row));
        }
        PlotlyFigure f = new PlotlyFigure("Training loss per step: mean over the seeds (line) and their min to max (band)", 900, 480);
        f.axis("x", "training step").axis("y", "training loss (the network's objective)");
        byOrder.forEach((order, steps) -> {
            int n = steps.size();
            double[] x = new double[n];
            double[] mean = new double[n];
            double[] lo = new double[n];
            double[] hi = new double[n];
            int i = 0;
            int runs = 0;
            for (Map.Entry<Integer, List<Double>> e : steps.entrySet()) {
                java.util.DoubleSummaryStatistics st = e.getValue().stream().mapToDouble(Double::doubleValue).summaryStatistics();
                x[i] = e.getKey();
                mean[i] = st.getAverage();
                lo[i] = st.getMin();
                hi[i] = st.getMax();
                runs = Math.max(runs, (int) st.getCount());
                i++;
            }
            var line = f.neutralTrace("scatter", order + ", mean of " + runs + " seeds");
            line.put("mode", "lines");
            line.set("x", PlotlyFigure.numbers(x));
            line.set("y", PlotlyFigure.numbers(mean));
            String colour = line.get("line").get("color").asText();
            // the band: the min line, then the max line filled down to it, both without a legend entry
            var low = f.data().addObject().put("type", "scatter").put("mode", "lines").put("showlegend", false).put("hoverinfo", "skip");
            low.putObject("line").put("width", 0).put("color", colour);
            low.set("x", PlotlyFigure.numbers(x));
            low.set("y", PlotlyFigure.numbers(lo));
            var high = f.data().addObject().put("type", "scatter").put("mode", "lines").put("showlegend", false).put("hoverinfo", "skip")
                    .put("fill", "tonexty").put("fillcolor", translucent(colour)).put("name", order + ", min to max");
            high.putObject("line").put("width", 0).put("color", colour);
            high.set("x", PlotlyFigure.numbers(x));
            high.set("y", PlotlyFigure.numbers(hi));
        });
        return f;
    }

    /** A "#rrggbb" colour at a quarter opacity, for a band behind its line. */
    static String translucent(String hex) {
        if (hex.length() != 7 || hex.charAt(0) != '#') {
            return hex;
        }
        int rgb = Integer.parseInt(hex.substring(1), 16);
        return String.format(java.util.Locale.ROOT, "rgba(%d,%d,%d,0.25)", rgb >> 16 & 255, rgb >> 8 & 255, rgb & 255);
    }

    /** Stores in groups whose curves are equal step for step, in first-seen order. */
    static List<List<String>> identicalGroups(Map<String, double[]> losses, Map<String, double[]> steps) {
        List<List<String>> groups = new ArrayList<>();
        for (String s : losses.keySet()) {
            List<String> home = groups.stream().filter(g -> Arrays.equals(losses.get(g.getFirst()), losses.get(s))
                    && Arrays.equals(steps.get(g.getFirst()), steps.get(s))).findFirst().orElse(null);
            if (home == null) {
                groups.add(new ArrayList<>(List.of(s)));
            } else {
                home.add(s);
            }
        }
        return groups;
    }

    /**
     * Samples per second from a training summary ({@code strategy}, {@code samples_per_s} with
     * {@code samples_per_s_min}/{@code _max} when present, {@code loader_samples_per_s}): the model fed,
     * and the loader alone, one colour per store.
     */
    public static Figure throughput(Table summary) {
        BarChart bars = new BarChart().spread("min-max of the repetitions (model fed)");
        boolean spread = summary.columnNames().contains("samples_per_s_min") && summary.columnNames().contains("samples_per_s_max");
        for (int i = 0; i < summary.rowCount(); i++) {
            var s = StrategyStyle.of(summary.stringColumn("strategy").get(i));
            double rate = summary.numberColumn("samples_per_s").getDouble(i);
            bars.add(s, "model fed by the loader", rate, spread ? summary.numberColumn("samples_per_s_min").getDouble(i) : Double.NaN,
                    spread ? summary.numberColumn("samples_per_s_max").getDouble(i) : Double.NaN);
            bars.add(s, "loader alone", summary.numberColumn("loader_samples_per_s").getDouble(i));
        }
        return bars.figure("Samples per second (model fed vs loader alone)", "what was timed", "samples per second (log scale)", true);
    }
}
