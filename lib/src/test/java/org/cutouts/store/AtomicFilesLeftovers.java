package org.cutouts.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The .NAME.tmp-* and .NAME.old-* directories next to a store, as a test sees them. */
final class AtomicFilesLeftovers {
    private AtomicFilesLeftovers() {
    }

    static List<Path> of(Path dir) {
        Path abs = dir.toAbsolutePath();
        String prefix = "." + abs.getFileName() + ".";
        try (Stream<Path> s = Files.list(abs.getParent())) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
