package org.cutouts.report;

import java.util.Locale;
import org.cutouts.bench.BenchmarkResults;
import org.cutouts.bench.regime.RegimeResult;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The few lines at the top of the decision page, each a number of this run: disk and files at the
 * pipeline's scale, the recommended store and its rate per regime, the shortest model step that rate
 * keeps busy, the fastest store in a locality-aware order, and the Python readers' ratio to today's loader.
 */
public final class DecisionSummary {
    private DecisionSummary() {
    }

    /** Two columns, "what" and "this run": one line per fact. */
    public static Table of(BenchmarkResults results, StorageModel pipeline) {
        StringColumn what = StringColumn.create("What");
        StringColumn value = StringColumn.create("This run");
        Table storage = pipeline.table();
        for (int i = 0; i < storage.rowCount(); i++) {
            what.append(String.format(Locale.ROOT, "Disk for %,d cutouts: %s", pipeline.cutouts(), storage.stringColumn(StorageModel.LAYOUT).get(i)));
            value.append(String.format(Locale.ROOT, "%,d file(s), %.1f GiB", storage.longColumn(StorageModel.FILES).get(i),
                    storage.doubleColumn(StorageModel.MIB_ON_DISK).get(i) / 1024));
        }
        RegimeVerdict v = RegimeVerdict.of(results);
        int batch = results.spec().regimes().batch();
        for (RegimeVerdict.Decision d : v.decisions()) {
            RegimeResult w = d.winner();
            what.append("Recommended, " + d.regime());
            value.append(String.format(Locale.ROOT, "%s: %,.0f cutouts/s at %d threads (%.2fx one .npy per cutout)", RegimeVerdict.store(w),
                    w.cutoutsPerSec(), w.threads(), d.overBaseline()));
            // the loader feeds a model whose step per batch is at least batch / rate: below that the model waits
            what.append(String.format(Locale.ROOT, "Shortest model step per batch of %d the loader keeps busy, %s", batch, d.regime()));
            value.append(String.format(Locale.ROOT, "%.2f ms with %s%s", batch * 1000.0 / w.cutoutsPerSec(), RegimeVerdict.store(w),
                    d.baseline().map(b -> String.format(Locale.ROOT, "; %.2f ms with one .npy per cutout", batch * 1000.0 / b.cutoutsPerSec()))
                            .orElse("")));
        }
        // the fastest store read in a locality-aware order, against today's files in random order
        Table loc = LocalityGain.of(results).table();
        int best = -1;
        for (int i = 0; i < loc.rowCount(); i++) {
            if (best < 0 || loc.doubleColumn(LocalityGain.LOCALITY).get(i) > loc.doubleColumn(LocalityGain.LOCALITY).get(best)) {
                best = i;
            }
        }
        if (best >= 0) {
            double top = loc.doubleColumn(LocalityGain.LOCALITY).get(best);
            StringBuilder ties = new StringBuilder();
            for (int i = 0; i < loc.rowCount(); i++) {
                double rate = loc.doubleColumn(LocalityGain.LOCALITY).get(i);
                if (i != best && rate >= top * (1 - RegimeVerdict.MIN_TIE)) {
                    ties.append(ties.isEmpty() ? "; tied within 10% with " : ", ").append(String.format(Locale.ROOT, "%s (%,.0f/s)",
                            loc.stringColumn(LocalityGain.STORE).get(i), rate));
                }
            }
            what.append("Fastest in a locality-aware epoch order, larger than memory");
            value.append(String.format(Locale.ROOT, "%s: %,.0f cutouts/s at %d threads (%.2fx one .npy per cutout in random order)%s",
                    loc.stringColumn(LocalityGain.STORE).get(best), top, loc.intColumn(LocalityGain.THREADS).get(best),
                    loc.doubleColumn(LocalityGain.OVER_FILES).get(best), ties));
        }
        Table py = PythonRatios.of(results);
        for (int i = 0; i < py.rowCount(); i++) {
            double ratio = py.doubleColumn(PythonRatios.RATIO).get(i);
            if (py.intColumn(PythonRatios.BATCH).get(i) == 32 && !Double.isNaN(ratio) && ratio != 1.0) {
                what.append("Python, " + py.stringColumn(PythonRatios.READER).get(i) + ", " + py.stringColumn(PythonRatios.CACHE).get(i)
                        + ", batch 32");
                value.append(String.format(Locale.ROOT, "%.2fx numpy.load per file", ratio));
            }
        }
        return Table.create("the decision at a glance", what, value);
    }
}
