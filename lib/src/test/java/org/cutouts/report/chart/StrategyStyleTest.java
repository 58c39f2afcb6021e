package org.cutouts.report.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cutouts.bench.Identity;
import org.cutouts.bench.PythonPeer;
import org.cutouts.store.Strategy;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The palette: one hue and one label per strategy, shades per read path, never a colour twice in a chart. */
class StrategyStyleTest {
    @Test
    void everyStrategyHasItsOwnHueAndItsLabel() {
        Set<String> hues = new HashSet<>();
        for (Strategy s : Strategy.values()) {
            assertTrue(hues.add(StrategyStyle.colour(s)), s + " shares a hue");
            assertEquals(s.label(), StrategyStyle.of(s).name());
            assertEquals(StrategyStyle.colour(s), StrategyStyle.of(s.label()).colour(), "a label finds its strategy's hue");
            assertEquals(StrategyStyle.colour(s), StrategyStyle.of(new Identity("java", s.name(), "default", 1L)).colour());
        }
        assertEquals(StrategyStyle.palette().keySet().size(), Strategy.values().length);
    }

    @Test
    void thePythonTorchReaderIsNotLabelledWithTheJavaLibrary() {
        var s = StrategyStyle.of(new Identity("python", "WHOLE_TENSOR", "torch.load whole .pt", 1L));
        assertEquals("python whole tensor (torch.load whole .pt)", s.name());
        assertFalse(s.name().contains("ND4J"));
        assertTrue(s.peer());
        assertEquals("java whole tensor (ND4J)", StrategyStyle.of(new Identity("java", "WHOLE_TENSOR", "default", 1L)).name());
    }

    @Test
    void readPathsAndPeersAreShadesOfTheStrategysHue() {
        var java = StrategyStyle.of(new Identity("java", "HDF5", "mmap=default", 1L));
        var baseline = StrategyStyle.of(new Identity("java", "HDF5", "mmap=baseline", 1L));
        var reader = StrategyStyle.of(new Identity("python", "HDF5", "h5py hyperslab, per-cutout loop", 1L));
        var idiom = StrategyStyle.of(new Identity("python", "HDF5", "h5py hyperslabs, batch sorted by row", 1L));
        assertEquals("#2ca02c", java.colour());
        assertEquals(4, new HashSet<>(List.of(java.colour(), baseline.colour(), reader.colour(), idiom.colour())).size());
        assertEquals(StrategyStyle.shade("#2ca02c", -0.45), baseline.colour(), "darker");
        assertEquals(StrategyStyle.shade("#2ca02c", 0.45), reader.colour(), "lighter");
        assertEquals("#000000", StrategyStyle.shade("#2ca02c", -1));
        assertEquals("#ffffff", StrategyStyle.shade("#2ca02c", 1));
    }

    @Test
    void aChartOfManySeriesNeverReusesAColour() {
        LineChart lines = new LineChart();
        int n = 0;
        // every strategy with ten read paths the palette does not know, then a dozen series of no strategy
        for (Strategy s : Strategy.values()) {
            for (int v = 0; v < 7; v++) {
                lines.add(StrategyStyle.of(new Identity("java", s.name(), "variant-" + v, 1L)), 1, ++n);
            }
        }
        for (int i = 0; i < 8; i++) {
            lines.add(StrategyStyle.other("limit " + i), 1, ++n);
        }
        PlotlyFigure f = lines.figure("many", "x", false, "y", false);
        Set<String> colours = new HashSet<>();
        for (JsonNode t : f.data()) {
            assertTrue(colours.add(t.get("marker").get("color").asText()), "colour reused: " + t.get("name"));
            assertEquals(t.get("marker").get("color"), t.get("line").get("color"));
        }
        assertEquals(n, colours.size());
    }

    @Test
    void theSameSeriesHasTheSameColourInEveryChart() {
        var tiledBaseline = StrategyStyle.of(new Identity("java", "MEMORY_MAPPED_TILED", "mmap=baseline", 1L));
        PlotlyFigure one = new BarChart().add(tiledBaseline, "a", 1).figure("one", "x", "y", false);
        PlotlyFigure two = new LineChart().add(StrategyStyle.of(Strategy.HDF5), 1, 2).add(tiledBaseline, 1, 3).figure("two", "x", false, "y", false);
        assertEquals(one.trace(tiledBaseline.name()).get("marker").get("color"), two.trace(tiledBaseline.name()).get("marker").get("color"));
        assertEquals("MEMORY_MAPPED_TILED/mmap=baseline", two.trace(tiledBaseline.name()).get("meta").asText());
        assertEquals(tiledBaseline.colour(), two.layout().get("meta").get("series").get("MEMORY_MAPPED_TILED/mmap=baseline").asText());
        assertEquals(StrategyStyle.colour(Strategy.HDF5), two.layout().get("meta").get("palette").get("HDF5").asText());
    }

    @Test
    void pythonSeriesAreDashedAndHatched() {
        var py = StrategyStyle.of(new Identity("python", "STACKED", "numpy memmap [i], per-cutout loop", 1L));
        assertEquals("dash", new LineChart().add(py, 1, 1).figure("t", "x", false, "y", false).trace(py.name()).get("line").get("dash").asText());
        assertEquals("/", new BarChart().add(py, "c", 1).figure("t", "x", "y", false).trace(py.name()).get("marker").get("pattern").get("shape").asText());
    }

    @Test
    void errorBarsSpanTheSpreadTheRowsCarry() {
        var s = StrategyStyle.of(Strategy.STACKED);
        PlotlyFigure f = new BarChart().spread("min-max").add(s, "warm", 100, 80, 130).figure("t", "x", "y", true);
        JsonNode e = f.trace(s.name()).get("error_y");
        assertEquals(30, e.get("array").get(0).asDouble(), 1e-9);
        assertEquals(20, e.get("arrayminus").get(0).asDouble(), 1e-9);
        assertTrue(f.title().contains("error bars: min-max"));
        JsonNode none = new BarChart().add(s, "warm", 100).figure("t", "x", "y", false).trace(s.name());
        assertFalse(none.has("error_y"), "no spread, no error bar");
    }

    @Test
    void everyAxisHasATitleAndRoomForItsLabels() {
        PlotlyFigure f = new BarChart().add(StrategyStyle.of(Strategy.HDF5), "a long category name", 5).figure("t", "category", "value", true);
        for (String a : List.of("xaxis", "yaxis")) {
            assertFalse(f.layout().get(a).get("title").get("text").asText().isBlank());
            assertTrue(f.layout().get(a).get("automargin").asBoolean());
        }
    }

    @Test
    void logTicksReadAsNumbers() {
        LogTicks wide = LogTicks.of(3, 2e5);
        assertEquals(List.of("1", "10", "100", "1k", "10k", "100k", "1M"), wide.labels());
        LogTicks narrow = LogTicks.of(2, 100);
        assertEquals(List.of("1", "2", "5", "10", "20", "50", "100"), narrow.labels());
        assertEquals(List.of(1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0), narrow.values());
        assertEquals(List.of("0.1", "0.2", "0.5", "1"), LogTicks.of(0.15, 0.9).labels());
        assertEquals(List.of(), LogTicks.of(Double.NaN, 0, -3).values(), "nothing to cover");
        assertEquals("2.5M", LogTicks.label(2.5e6));
    }

    @Test
    void identicalLossCurvesAreDrawnOnceAndSaidToBeIdentical() {
        Table curve = Table.create("c", StringColumn.create("strategy"), IntColumn.create("step"), DoubleColumn.create("loss"));
        for (Strategy s : List.of(Strategy.HDF5, Strategy.STACKED, Strategy.MEMORY_MAPPED)) {
            for (int step = 0; step < 4; step++) {
                curve.stringColumn(0).append(s.label());
                curve.intColumn(1).append(step);
                curve.doubleColumn(2).append(s == Strategy.MEMORY_MAPPED ? 2.0 / (step + 1) : 1.0 / (step + 1));
            }
        }
        PlotlyFigure f = (PlotlyFigure) TrainingCharts.loss(curve);
        assertEquals(2, f.data().size(), "HDF5 and stacked are one line, memory-mapped another");
        assertEquals("2 identical curves", f.data().get(0).get("name").asText());
        assertEquals(Strategy.MEMORY_MAPPED.label(), f.data().get(1).get("name").asText());
        assertEquals(StrategyStyle.colour(Strategy.MEMORY_MAPPED), f.data().get(1).get("marker").get("color").asText());
        assertTrue(f.title().contains("2 identical curves, step for step (same data, same order, same seed):<br>HDF5, stacked cutouts .npy"), f.title());
        assertFalse(f.layout().get("yaxis").get("title").get("text").asText().isBlank());
    }

    @Test
    void thePaletteKnowsThePeersBatchIdioms() throws Exception {
        String py = Files.readString(PythonPeer.locateScript());
        Matcher block = Pattern.compile("BATCH_IDIOMS = \\{(.*?)\\}", Pattern.DOTALL).matcher(py);
        assertTrue(block.find(), "peer_bench.py has no BATCH_IDIOMS");
        Set<String> idioms = new TreeSet<>();
        Matcher value = Pattern.compile("\"[A-Z0-9_]+\": \"([^\"]+)\"").matcher(block.group(1));
        while (value.find()) {
            idioms.add(value.group(1));
        }
        assertEquals(new TreeSet<>(StrategyStyle.PYTHON_BATCH_IDIOMS), idioms);
        assertNotEquals(0, idioms.size());
    }
}
