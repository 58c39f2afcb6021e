package org.cutouts.os;


import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a store costs on disk, counted as {@code du} does: apparent bytes (file sizes), allocated bytes
 * ({@code st_blocks * 512} from {@code statx}), regular files and directories. Directories are
 * included in both byte counts (a folder of 100k entries has a large directory file of its own).
 */
public record DiskUsage(long apparentBytes, long allocatedBytes, long files, long directories, long emptyFiles) {

    /** Inodes used: one per file and per directory. */
    public long inodes() {
        return files + directories;
    }

    /** Walks {@code root} (not following symlinks). */
    public static DiskUsage of(Path root) {
        long apparent = 0;
        long allocated = 0;
        long files = 0;
        long dirs = 0;
        long empty = 0;
        for (Path p : walk(root)) {
            Posix.Stat st = Posix.stat(p);
            apparent += st.size();
            allocated += st.allocatedBytes();
            if (st.isRegularFile()) {
                files++;
                if (st.size() == 0) {
                    empty++;
                }
            } else if (st.isDirectory()) {
                dirs++;
            }
        }
        return new DiskUsage(apparent, allocated, files, dirs, empty);
    }

    /** Every path under {@code root}, including it. */
    static List<Path> walk(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            return s.toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot walk " + root, e);
        }
    }

    /** The regular files under {@code root}. */
    public static List<Path> regularFiles(Path root) {
        List<Path> out = new ArrayList<>();
        for (Path p : walk(root)) {
            if (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                out.add(p);
            }
        }
        return out;
    }
}
