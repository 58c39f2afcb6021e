package org.cutouts.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Write-to-temporary-then-rename, for single files and for whole store directories, with I/O errors
 * turned into a {@link StoreException} that names the file and says what went wrong (disk full,
 * permission denied, destination not a directory).
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Something that writes, and may fail with an IOException. */
    @FunctionalInterface
    public interface IoAction<T> {
        void accept(T target) throws IOException;
    }

    /** Something that produces a value, and may fail with an IOException. */
    @FunctionalInterface
    public interface IoSupplier<T> {
        T get() throws IOException;
    }

    /** Writes {@code file} atomically from the bytes the supplier returns. */
    public static void writeBytes(Path file, IoSupplier<byte[]> bytes) {
        writeChannel(file, ch -> {
            byte[] b = bytes.get();
            ch.write(java.nio.ByteBuffer.wrap(b));
        });
    }

    /** Writes {@code file} atomically through a buffered stream. */
    public static void writeStream(Path file, IoAction<OutputStream> body) {
        writeChannel(file, ch -> {
            try (OutputStream out = new java.io.BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16) {
                @Override
                public void close() throws IOException {
                    flush(); // the channel is closed by writeChannel, after force()
                }
            }) {
                body.accept(out);
            }
        });
    }

    /** Writes {@code file} atomically: a temporary sibling is written, forced to disk, then renamed. */
    public static void writeChannel(Path file, IoAction<FileChannel> body) {
        Path target = file.toAbsolutePath();
        Path parent = target.getParent();
        Path tmp = parent.resolve("." + target.getFileName() + ".tmp-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                body.accept(ch);
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw failure(target, "cannot write", e);
        } catch (RuntimeException | Error e) {
            deleteQuietly(tmp);
            throw e;
        }
    }

    /**
     * Builds a directory atomically: {@code body} fills a temporary sibling, which then replaces
     * {@code dir} (an existing one is moved aside first and deleted afterwards).
     */
    public static Path writeDirectory(Path dir, IoAction<Path> body) {
        Path target = dir.toAbsolutePath();
        Path parent = target.getParent();
        String salt = Long.toHexString(ThreadLocalRandom.current().nextLong());
        Path tmp = parent.resolve("." + target.getFileName() + ".tmp-" + salt);
        try {
            Files.createDirectories(parent);
            Files.createDirectory(tmp);
        } catch (IOException e) {
            throw failure(target, "cannot create store directory", e);
        }
        try {
            body.accept(tmp);
            Path old = null;
            if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                old = parent.resolve("." + target.getFileName() + ".old-" + salt);
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            if (old != null) {
                deleteRecursively(old);
            }
            return dir;
        } catch (IOException e) {
            deleteRecursively(tmp);
            throw failure(target, "cannot write store", e);
        } catch (RuntimeException | Error e) {
            deleteRecursively(tmp);
            throw e;
        }
    }

    /** A StoreException that names the file and translates the usual errno causes into words. */
    public static StoreException failure(Path file, String action, IOException e) {
        if (e instanceof AtomicFilesFailure f) {
            return f.toStoreException();
        }
        String msg = String.valueOf(e.getMessage());
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            msg = msg + " / " + t.getMessage(); // libraries wrap the errno text; look through the chain
        }
        String why;
        if (msg.contains("No space left on device") || msg.contains("Disk quota exceeded")) {
            why = "disk full (No space left on device); nothing was left in place";
        } else if (e instanceof AccessDeniedException || msg.contains("Permission denied")) {
            why = "permission denied";
        } else if (e instanceof NotDirectoryException || msg.contains("Not a directory")) {
            why = "destination is not writable: a parent path is not a directory";
        } else if (e instanceof NoSuchFileException) {
            why = "destination directory does not exist";
        } else if (msg.contains("Read-only file system")) {
            why = "destination is on a read-only file system";
        } else if (e instanceof FileAlreadyExistsException f && f.getFile() != null && Files.isRegularFile(Path.of(f.getFile()))) {
            why = "destination is not writable: " + f.getFile() + " is a file, not a directory";
        } else if (e instanceof FileAlreadyExistsException) {
            why = "a file is in the way";
        } else if (e instanceof FileSystemException fse && fse.getReason() != null) {
            why = fse.getReason();
        } else {
            why = e.getClass().getSimpleName() + ": " + msg;
        }
        return new StoreException(file, action + ": " + why, e);
    }

    /** Lets a writer raise a StoreException from inside an IoAction without losing its message. */
    public static final class AtomicFilesFailure extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient StoreException cause;

        public AtomicFilesFailure(StoreException cause) {
            super(cause.getMessage(), cause);
            this.cause = cause;
        }

        StoreException toStoreException() {
            return cause;
        }
    }

    static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort: the temporary name never reads as a valid store
        }
    }

    /** Deletes a directory tree, best effort. */
    public static void deleteRecursively(Path root) {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(AtomicFiles::deleteQuietly);
        } catch (IOException ignored) {
            // best effort
        }
    }
}
