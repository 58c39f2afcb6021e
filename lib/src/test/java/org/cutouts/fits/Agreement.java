package org.cutouts.fits;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Collects measured agreement numbers: each test appends one line to
 * {@code <build dir>/fits-agreement.md} (the build dir is the surefire working dir's target, or
 * -Dcutouts.fits.report=FILE), which docs/fits.md quotes.
 */
final class Agreement {
    private Agreement() {
    }

    static synchronized void record(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        System.out.println("[fits agreement] " + line);
        String target = System.getProperty("cutouts.fits.report");
        Path file = target != null ? Path.of(target) : Path.of(System.getProperty("java.io.tmpdir"), "fits-agreement.md");
        try {
            Files.writeString(file, "- " + line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("cannot record agreement in " + file + ": " + e);
        }
    }

    /** Bitwise float equality with every NaN equal to every NaN. */
    static boolean same(float a, float b) {
        return (Float.isNaN(a) && Float.isNaN(b)) || Float.floatToRawIntBits(a) == Float.floatToRawIntBits(b);
    }
}
