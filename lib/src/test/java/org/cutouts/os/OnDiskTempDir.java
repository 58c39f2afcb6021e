package org.cutouts.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * Temporary folders under the build directory ({@code target/}) instead of {@code java.io.tmpdir}, for tests
 * that evict files from the page cache: {@code /tmp} may be tmpfs, whose pages cannot be evicted and which
 * has no block device to count reads on. Use as {@code @TempDir(factory = OnDiskTempDir.class)}.
 */
public final class OnDiskTempDir implements TempDirFactory {
    @Override
    public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext context) throws IOException {
        return Files.createTempDirectory(Files.createDirectories(Path.of("target", "tmp-on-disk")), "junit");
    }
}
