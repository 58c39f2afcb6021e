package org.cutouts.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real, tiny file system (tmpfs of a given size) so that "disk full" is the kernel's ENOSPC, not a
 * simulation. Needs root, as in CI; elsewhere the test is skipped with that reason.
 */
final class SmallDisk implements AutoCloseable {
    private final Path root;

    private SmallDisk(Path root) {
        this.root = root;
    }

    static SmallDisk mount(Path root, long bytes) throws IOException, InterruptedException {
        Files.createDirectories(root);
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + bytes, "tmpfs", root.toString())
                .redirectErrorStream(true).start();
        boolean ok = p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        String out = new String(p.getInputStream().readAllBytes());
        Assumptions.assumeTrue(ok, "cannot mount a small tmpfs to fill (needs root): " + out);
        return new SmallDisk(root);
    }

    Path root() {
        return root;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        // lazy: a library that leaks a file handle on a failed write must not keep the test's mount busy
        new ProcessBuilder("umount", "-l", root.toString()).inheritIO().start().waitFor(20, TimeUnit.SECONDS);
    }
}
