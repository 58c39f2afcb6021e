package org.cutouts.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.cutouts.fits.FitsIntegrity;
import java.util.concurrent.Callable;
import org.cutouts.store.StoreVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code cutouts verify}: a whole store against the CRC32C checksums recorded when it was written. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check a store against the checksums in its manifest (catalogue, every 1 MiB block of the mosaic or every "
                + "cutout file, the manifest itself) and read every cutout; names the first bad block or file. Given a FITS file, "
                + "check its own CHECKSUM/DATASUM keywords. Exit 1 when it fails.")
final class VerifyCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "A store directory, or a FITS file.")
    Path store;

    @Override
    public Integer call() {
        if (Files.isRegularFile(store)) {
            FitsIntegrity f = FitsIntegrity.verify(store);
            System.out.println(store + ": " + f);
            return f.problem().isEmpty() ? 0 : 1;
        }
        StoreVerifier.Result r = StoreVerifier.verify(store);
        System.out.println(store + ": " + r);
        return r.ok() ? 0 : 1;
    }
}
