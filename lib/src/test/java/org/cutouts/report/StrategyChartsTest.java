package org.cutouts.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.cutouts.bench.BenchmarkResults;
import org.cutouts.bench.Identity;
import org.cutouts.bench.ReadConditions;
import org.cutouts.bench.ResultSet;
import org.cutouts.bench.Row;
import org.cutouts.bench.RunSpec;
import org.cutouts.bench.ThroughputRow;
import org.cutouts.report.chart.PlotlyFigure;
import org.cutouts.report.chart.StrategyStyle;
import org.cutouts.store.CutoutSpec;
import org.cutouts.store.Strategy;
import org.junit.jupiter.api.Test;

/** The workbook's charts take colours and labels from the palette, and the storage chart marks its crossover. */
class StrategyChartsTest {
    /** The 17 series of the last full run's throughput section (9 Java read paths, 8 Python readers). */
    static final List<Identity> SERIES = List.of(
            id("java", "HDF5", "mmap=baseline"), id("java", "HDF5", "mmap=default"), id("java", "INDIVIDUAL_FILES", "default"),
            id("java", "MEMORY_MAPPED", "mmap=baseline"), id("java", "MEMORY_MAPPED", "mmap=default"),
            id("java", "MEMORY_MAPPED_TILED", "mmap=baseline"), id("java", "MEMORY_MAPPED_TILED", "mmap=default"),
            id("java", "STACKED", "default"), id("java", "WHOLE_TENSOR", "default"),
            id("python", "HDF5", "h5py hyperslab, per-cutout loop"), id("python", "HDF5", "h5py hyperslabs, batch sorted by row"),
            id("python", "INDIVIDUAL_FILES", "numpy.load per file"), id("python", "MEMORY_MAPPED", "numpy memmap slicing, per-cutout loop"),
            id("python", "MEMORY_MAPPED", "numpy sliding_window_view gather"), id("python", "STACKED", "numpy memmap [i], per-cutout loop"),
            id("python", "STACKED", "numpy memmap fancy index [idx]"), id("python", "WHOLE_TENSOR", "torch.load whole .pt"));

    static Identity id(String impl, String strategy, String variant) {
        return new Identity(impl, strategy, variant, 16384L);
    }

    static BenchmarkResults warmAndCold() {
        Row machine = new Row().put("cpuModel", "x").put("logicalCpus", 2).put("memTotalBytes", 1L << 30).put("kernel", "6")
                .put("filesystem", "ext4").put("jdk", "25");
        ResultSet rs = new ResultSet(machine, RunSpec.quick().toBuilder().mode("test").seed(1).mosaic(10).cutouts(5).build(), 5);
        double rate = 1000;
        for (String cache : List.of("warm", "cold")) {
            for (Identity id : SERIES) {
                rate *= 1.1;
                rs.add("throughput", new ThroughputRow(id, new ReadConditions("random", cache, 32, 1, 5, 2, 1, "fits in memory"),
                        new ThroughputRow.Rates(rate, rate * 0.9, rate * 1.2, rate * 0.1, 1.0, "00"), null, null, null, null, "ok", "m"));
            }
        }
        return rs.finish();
    }

    @Test
    void seventeenSeriesGetSeventeenColoursFromThePalette() {
        PlotlyFigure f = (PlotlyFigure) BenchmarkCharts.warmVsCold(warmAndCold(), 32);
        assertEquals(SERIES.size(), f.data().size());
        Set<String> colours = new HashSet<>();
        for (JsonNode t : f.data()) {
            assertTrue(colours.add(t.get("marker").get("color").asText()), "colour reused by " + t.get("name"));
        }
        JsonNode h5 = f.trace("java HDF5 (mmap=default)");
        assertEquals(StrategyStyle.colour(Strategy.HDF5), h5.get("marker").get("color").asText());
        assertEquals("HDF5", h5.get("meta").asText());
        assertEquals(StrategyStyle.colour(Strategy.INDIVIDUAL_FILES), f.trace("java individual .npy files").get("marker").get("color").asText());
        JsonNode h5py = f.trace("python HDF5 (h5py hyperslab, per-cutout loop)");
        assertTrue(h5py.get("marker").has("pattern"), "the peer's bars are hatched");
        assertTrue(f.data().toString().contains("python whole tensor (torch.load whole .pt)"));
        assertFalse(f.data().toString().contains("(ND4J) (torch"));
        // the categories are the read conditions; the long series names are in the legend
        assertEquals("warm page cache", h5.get("x").get(0).asText());
        // min-max of the repetitions as error bars
        double y = h5.get("y").get(0).asDouble();
        assertEquals(0.2 * y, h5.get("error_y").get("array").get(0).asDouble(), 1e-6 * y);
        assertEquals(0.1 * y, h5.get("error_y").get("arrayminus").get(0).asDouble(), 1e-6 * y);
        assertEquals("log", f.layout().get("yaxis").get("type").asText());
        assertEquals("array", f.layout().get("yaxis").get("tickmode").asText(), "log ticks chosen from the data");
    }

    @Test
    void aSeriesKeepsItsColourAcrossCharts() {
        BenchmarkResults r = warmAndCold();
        PlotlyFigure bars = (PlotlyFigure) BenchmarkCharts.warmVsCold(r, 32);
        PlotlyFigure lines = (PlotlyFigure) BenchmarkCharts.throughputByBatch(r);
        for (JsonNode t : lines.data()) {
            assertEquals(bars.trace(t.get("name").asText()).get("marker").get("color"), t.get("line").get("color"), t.get("name").asText());
        }
    }

    @Test
    void theStorageChartReachesAMillionCutoutsAndMarksTheCrossover() {
        StorageModel m = new StorageModel(CutoutSpec.square(64), 5000, 5000, 10_000);
        PlotlyFigure f = (PlotlyFigure) m.chart();
        assertEquals(6_057, m.crossover());
        JsonNode x = f.layout().get("xaxis");
        assertEquals("log", x.get("type").asText());
        JsonNode ticks = x.get("tickvals");
        assertEquals(1e6, ticks.get(ticks.size() - 1).asDouble(), 0);
        JsonNode stamps = f.trace("one .npy per cutout");
        assertEquals(1e6, stamps.get("x").get(stamps.get("x").size() - 1).asDouble(), 0);
        JsonNode marker = f.trace("crossover: 6,057 cutouts");
        assertEquals(6057, marker.get("x").get(0).asDouble(), 0);
        assertEquals(m.mosaicFileBytes() / 1048576.0, marker.get("y").get(0).asDouble(), 1e-9);
        assertEquals(6057, f.layout().get("shapes").get(0).get("x0").asDouble(), 0);
        assertEquals("crossover: 6,057 cutouts", f.layout().get("annotations").get(0).get("text").asText());
        assertEquals(StrategyStyle.colour(Strategy.INDIVIDUAL_FILES), stamps.get("line").get("color").asText());
        assertTrue(f.asJavascript("d").contains("Plotly.newPlot(document.getElementById('d')"));
    }
}
