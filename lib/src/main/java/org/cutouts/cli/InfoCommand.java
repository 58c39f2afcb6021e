package org.cutouts.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cutouts.store.CutoutStore;
import org.cutouts.store.StoreManifest;
import org.cutouts.store.Stores;
import org.cutouts.store.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code cutouts info}: what a store (or a data directory) holds, after validating it. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Open a store, validate it and describe it; or check a data directory's mosaic and catalogue are one pair.")
final class InfoCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "A store directory, or a data directory made by 'generate'.")
    Path store;

    @Override
    public Integer call() {
        Workspace ws = Workspace.at(store);
        if (!Files.exists(store.resolve(StoreManifest.FILE_NAME)) && (Files.exists(ws.mosaicFile()) || Files.exists(ws.catalogueFile()))) {
            ws.requireComplete(false); // refuses a new catalogue beside an old mosaic
            System.out.printf("workspace %s%nmosaic    %s%ncatalogue %s (%d rows)%nstores    %s%n", ws.root(), ws.mosaicFile(),
                    ws.catalogueFile(), ws.catalogue().size(), ws.stores().keySet());
            return 0;
        }
        try (CutoutStore s = Stores.open(store)) {
            StoreManifest m = s.manifest();
            System.out.printf("store     %s%nstrategy  %s%nmosaic    %dx%d%ncutouts   %d of %s%nsource    %s%ncreated   %s%n",
                    s.location(), s.strategy().label(), m.mosaicWidth(), m.mosaicHeight(), s.size(), m.spec(), m.source(), m.created());
        }
        return 0;
    }
}
