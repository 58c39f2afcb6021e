package org.cutouts.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.cutouts.bench.RunSpec;
import org.cutouts.bench.regime.RegimeSweep;
import org.cutouts.report.WorkbookConfig;
import picocli.CommandLine.Command;

/**
 * {@code cutouts prepare}: writes ahead the data the workbook's notebooks read but never time: the regime
 * sweep's stores of notebook 05, for the configuration in the environment (the CUTOUTS_* variables the
 * notebooks read). {@code environment/workbook run} calls it while the Debian packages install; a notebook
 * that finds a complete store reuses it, and one that does not writes it itself.
 */
@Command(name = "prepare", mixinStandardHelpOptions = true,
        description = "Write the untimed data of the workbook's run ahead (the regime sweep's stores of notebook 05), for the "
                + "CUTOUTS_* configuration in the environment; complete stores are reused.")
final class PrepareCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        WorkbookConfig cfg = WorkbookConfig.fromEnvironment();
        RunSpec spec = cfg.benchSpec(false);
        if (!spec.regimes().on()) {
            System.out.println("nothing to prepare: this configuration runs no regime sweep");
            return 0;
        }
        long t0 = System.nanoTime();
        List<Path> stores = new RegimeSweep(spec, System.out).writeStores();
        System.out.printf("prepared %d regime stores in %s (%.1f s)%n", stores.size(), cfg.display(stores.getFirst().getParent()),
                (System.nanoTime() - t0) / 1e9);
        return 0;
    }
}
