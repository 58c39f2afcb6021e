package org.cutouts.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cutouts.store.CutoutStore;
import org.cutouts.store.StoreManifest;
import org.cutouts.store.Stores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code cutouts info}: what a store holds, after validating it. */
@Command(name = "info", mixinStandardHelpOptions = true, description = "Open a store, validate it and describe it.")
final class InfoCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "A store directory.")
    Path store;

    @Override
    public Integer call() {
        try (CutoutStore s = Stores.open(store)) {
            StoreManifest m = s.manifest();
            System.out.printf("store     %s%nstrategy  %s%nmosaic    %dx%d%ncutouts   %d of %s%nsource    %s%ncreated   %s%n",
                    s.location(), s.strategy().label(), m.mosaicWidth(), m.mosaicHeight(), s.size(), m.spec(), m.source(), m.created());
        }
        return 0;
    }
}
