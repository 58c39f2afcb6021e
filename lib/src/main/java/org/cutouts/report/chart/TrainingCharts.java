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
