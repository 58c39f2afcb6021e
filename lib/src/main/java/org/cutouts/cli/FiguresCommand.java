package org.cutouts.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.cutouts.report.Chromium;
import org.cutouts.report.PendingCharts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code cutouts figures}: renders the charts a batch run queued, in one browser start. */
@Command(name = "figures", mixinStandardHelpOptions = true,
        description = "Render the chart PNGs queued with CUTOUTS_CHART_PNG=batch (figures/pending/) in one headless Chromium start.")
final class FiguresCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "A figures folder, e.g. build/workbook/figures.")
    Path figures;

    @Override
    public Integer call() {
        int pending = PendingCharts.pending(figures).size();
        if (pending == 0) {
            System.out.println("no pending charts in " + figures);
            return 0;
        }
        long t0 = System.nanoTime();
        List<Path> written = PendingCharts.renderAll(figures, Chromium.require());
        System.out.printf("%d chart PNGs in %s (%.1f s)%n", written.size(), figures, (System.nanoTime() - t0) / 1e9);
        return 0;
    }
}
