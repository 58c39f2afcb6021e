package org.cutouts.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.cutouts.bench.BenchmarkResults;
import org.cutouts.bench.ResultSet;
import org.cutouts.bench.Row;
import org.cutouts.bench.RunSpec;
import org.cutouts.store.CutoutSpec;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class DecisionSummaryTest {
    @Test
    void everyLineIsANumberOfTheRun() {
        ResultSet rs = new ResultSet(new Row().put("cpuModel", "x"), RunSpec.quick(), 10);
        RegimeVerdictTest.ROWS.forEach(r -> rs.add("regimes", r));
        BenchmarkResults results = rs.finish();
        Table t = DecisionSummary.of(results, new StorageModel(CutoutSpec.square(64), 20_000, 20_000, 500_000));
        List<String> what = t.stringColumn("What").asList();
        List<String> value = t.stringColumn("This run").asList();
        assertEquals("Disk for 500,000 cutouts: one .npy per cutout", what.get(0));
        // 500,000 files of 128 + 16,384 bytes
        assertEquals(String.format(java.util.Locale.ROOT, "500,000 file(s), %.1f GiB", 500_000L * 16_512 / 1073741824.0), value.get(0));
        int cold = what.indexOf("Recommended, larger than memory");
        assertEquals("stacked cutouts .npy (explicit): 8,500 cutouts/s at 4 threads (0.94x one .npy per cutout)", value.get(cold));
        // 32 cutouts at 8,500/s take 3.76 ms; at 9,000/s 3.56 ms
        assertEquals("Shortest model step per batch of 32 the loader keeps busy, larger than memory", what.get(cold + 1));
        assertEquals("3.76 ms with stacked cutouts .npy (explicit); 3.56 ms with one .npy per cutout", value.get(cold + 1));
        assertTrue(what.contains("Recommended, fits in memory"), what.toString());
    }
}
