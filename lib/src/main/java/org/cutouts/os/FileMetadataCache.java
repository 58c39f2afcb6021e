package org.cutouts.os;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The kernel's cache of file names and inodes (dentries and inodes). Evicting a store's pages leaves it
 * warm: the eviction itself opens every file, so a store of 200,000 files has all 200,000 names and inodes
 * cached, about 250 MB of kernel memory, and a "cold" open costs no metadata read. With data larger than
 * memory that cannot be the state a loader meets, so the regime runs drop it before reading.
 *
 * <p>The only way Linux offers is {@code echo 2 > /proc/sys/vm/drop_caches}: root only, and for the whole
 * machine (every unused dentry and inode is dropped; nothing is written or deleted).
 */
public final class FileMetadataCache {
    static final Path DROP_CACHES = Path.of("/proc/sys/vm/drop_caches");

    private FileMetadataCache() {
    }

    /** What {@link #drop()} did: whether the cache was dropped, and how, or why not, in words. */
    public record Drop(boolean dropped, String description) {
    }

    /** Syncs, then drops unused dentries and inodes, if this process may. */
    public static Drop drop() {
        if (!Files.isWritable(DROP_CACHES)) {
            return new Drop(false, "file names and inodes left cached (" + DROP_CACHES + " is not writable: not root)");
        }
        try {
            new ProcessBuilder("sync").inheritIO().start().waitFor();
            Files.writeString(DROP_CACHES, "2", StandardCharsets.US_ASCII);
            return new Drop(true, "file names and inodes dropped (sync, then 2 > " + DROP_CACHES + ")");
        } catch (IOException e) {
            return new Drop(false, "file names and inodes left cached (writing " + DROP_CACHES + " failed: " + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Drop(false, "file names and inodes left cached (interrupted)");
        }
    }

    /** Dentries in the kernel's cache now ({@code /proc/sys/fs/dentry-state}, first field), or -1 if unknown. */
    public static long dentries() {
        try {
            return Long.parseLong(Files.readString(Path.of("/proc/sys/fs/dentry-state")).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
