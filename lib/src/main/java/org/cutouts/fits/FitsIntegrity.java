package org.cutouts.fits;

import java.nio.file.Path;
import java.util.List;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.fits.FitsIntegrityException;
import org.cutouts.io.StoreException;

/**
 * A FITS file's own integrity check: the {@code DATASUM} and {@code CHECKSUM} keywords of the FITS
 * checksum convention, verified by nom-tam-fits over every HDU that carries them. A file without them
 * cannot be checked, and the result says so instead of passing it silently.
 *
 * @param hdus        HDUs in the file
 * @param withChecksum HDUs that carry {@code CHECKSUM} or {@code DATASUM}
 * @param problem     "" when every recorded checksum matched, else what nom-tam-fits found
 */
public record FitsIntegrity(int hdus, int withChecksum, String problem) {

    /** Verifies {@code file}; a missing or unreadable file is a {@link StoreException} naming it. */
    public static FitsIntegrity verify(Path file) {
        List<FitsHdu> all = FitsScanner.scan(file);
        int with = (int) all.stream().filter(h -> h.header().containsKey("CHECKSUM") || h.header().containsKey("DATASUM")).count();
        if (with == 0) {
            return new FitsIntegrity(all.size(), 0, "");
        }
        try (Fits fits = new Fits(file.toFile())) {
            fits.verifyIntegrity();
            return new FitsIntegrity(all.size(), with, "");
        } catch (FitsIntegrityException e) {
            return new FitsIntegrity(all.size(), with, e.getMessage());
        } catch (FitsException | java.io.IOException e) {
            throw new StoreException(file, "cannot verify the FITS checksums", e);
        }
    }

    /** True when at least one checksum was recorded and all matched. */
    public boolean ok() {
        return withChecksum > 0 && problem.isEmpty();
    }

    @Override
    public String toString() {
        if (withChecksum == 0) {
            return "no FITS checksums recorded (CHECKSUM/DATASUM) in any of " + hdus + " HDUs: nothing to verify";
        }
        return problem.isEmpty() ? "FITS checksums match in " + withChecksum + " of " + hdus + " HDUs"
                : "FITS checksum mismatch: " + problem;
    }
}
