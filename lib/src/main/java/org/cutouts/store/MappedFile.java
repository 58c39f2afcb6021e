package org.cutouts.store;

import org.cutouts.io.StoreException;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.foreign.Arena;
import java.nio.file.Path;

/**
 * The open file behind a mapping and the arena the mapping lives in, closed together. It also answers
 * whether the file still holds the mapped bytes: when a mapped file is truncated, the pages past the new
 * end fault, but the rest of the page holding the new end reads as zeros, silently. A read is trusted
 * only when the file still reaches the end of the mapping after the copy. The length comes from
 * {@link RandomAccessFile#length()} (one {@code fstat} of the open descriptor, unlike a path it follows
 * this file even when it is renamed, and unlike a FileChannel it is not closed when a reading thread is
 * interrupted); its native call is also where a fault of the copy that compiled code deferred is raised.
 */
final class MappedFile implements AutoCloseable {
    final Path file;
    final Arena arena;
    private final RandomAccessFile raf;
    private volatile long mappedEnd;
    private ExplicitReads explicit;
    private ReadChoice choice;

    MappedFile(Path file, Arena arena, RandomAccessFile raf) {
        this.file = file;
        this.arena = arena;
        this.raf = raf;
    }

    /** Records the end of the mapped range, which {@link #checkIntact} requires the file to reach. */
    void mappedTo(long end) {
        mappedEnd = end;
    }

    /**
     * Chooses the read path for {@code options} ({@link ReadChoice#at}: asked for, or measured under
     * {@code auto}) and opens the explicit reads over this file when it is explicit (data starting at file
     * offset {@code base}); they are closed with the mapping. {@code tileBytes}: the size of the store's tiles,
     * 0 when it has none to cache.
     */
    ReadChoice choose(ReadOptions options, long base, long tileBytes) {
        choice = ReadChoice.at(options, file, tileBytes);
        if (choice.mode() == ReadChoice.Mode.EXPLICIT) {
            explicit = ExplicitReads.open(file, base, options.ring());
            if (explicit.ring()) {
                choice = choice.withReason(explicit.direct() ? "a batch's reads at once through io_uring, O_DIRECT"
                        : "a batch's reads at once through io_uring, page cache (no O_DIRECT here)");
            } else if (options.ring()) {
                choice = choice.withReason("this kernel refuses io_uring (" + org.cutouts.os.IoUring.unavailableReason() + "): WILLNEED + pread");
            }
        }
        return choice;
    }

    /** The read path {@link #choose} took. */
    ReadChoice choice() {
        return choice;
    }

    /** The explicit read path opened by {@link #choose}, or null. */
    ExplicitReads explicit() {
        return explicit;
    }

    /** Throws when the file was truncated below the end of the mapping, or the mapping was closed. */
    void checkIntact() {
        long now;
        try {
            now = raf.length();
        } catch (IOException e) {
            throw arena.scope().isAlive() ? new StoreException(file, "cannot check the mapped file's size", e)
                    : new StoreException(file, "mapping is closed");
        }
        if (now < mappedEnd) {
            throw new StoreException(file, "the mapped file was truncated or replaced after it was opened: " + now
                    + " bytes, the mapping needs " + mappedEnd);
        }
    }

    @Override
    public void close() {
        try {
            if (explicit != null) {
                explicit.close();
            }
        } finally {
            closeMapping();
        }
    }

    private void closeMapping() {
        try {
            if (arena.scope().isAlive()) {
                arena.close();
            }
        } finally {
            try {
                raf.close();
            } catch (IOException ignored) {
                // read-only descriptor: nothing was buffered
            }
        }
    }
}
