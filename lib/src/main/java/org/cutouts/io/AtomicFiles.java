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
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
     * Builds a directory atomically: {@code body} fills a temporary sibling {@code .NAME.tmp-*}, which then
     * replaces {@code dir}; an existing one is moved aside to {@code .NAME.old-*} first and deleted
     * afterwards. An existing {@code dir} is replaced only when {@code ours} says this library wrote it
     * (or it is empty): anything else is refused, never deleted. Leftovers of an interrupted replace are
     * {@linkplain #recover recovered} first. The temporary names carry the writer's process id, so
     * recovery never touches the directories of a write still running in another process.
     */
    public static Path writeDirectory(Path dir, Predicate<Path> ours, IoAction<Path> body) {
        Path target = dir.toAbsolutePath();
        Path parent = target.getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw failure(target, "cannot create store directory", e);
        }
        recover(target, ours);
        refuseForeign(target, ours);
        return replace(dir, target, body);
    }

    private static Path replace(Path dir, Path target, IoAction<Path> body) {
        Path parent = target.getParent();
        String salt = ProcessHandle.current().pid() + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        Path tmp = parent.resolve("." + target.getFileName() + ".tmp-" + salt);
        try {
            Files.createDirectory(tmp);
        } catch (IOException e) {
            throw failure(target, "cannot create store directory", e);
        }
        try {
            body.accept(tmp);
            Path old = null;
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                old = parent.resolve("." + target.getFileName() + ".old-" + salt);
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            // a kill here leaves no target: the next open or write restores .old-* (recover)
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

    /** Refuses to replace a path this library did not write: a file, a link, or a non-empty directory without a valid manifest. */
    private static void refuseForeign(Path target, Predicate<Path> ours) {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new StoreException(target, "exists and is not a directory (a file or a link); refusing to replace it");
        }
        if (isEmptyDirectory(target) || ours.test(target)) {
            return;
        }
        throw new StoreException(target, "exists and is not a store this library wrote (no valid manifest.json); refusing to "
                + "replace it: choose another destination or remove it yourself");
    }

    private static boolean isEmptyDirectory(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Repairs what an interrupted {@link #writeDirectory} left next to {@code dir}: when {@code dir} is missing,
     * the {@code .NAME.old-*} directory that {@code ours} accepts is moved back; then every other
     * {@code .NAME.tmp-*} and {@code .NAME.old-*} directory is removed. Only names of exactly that pattern,
     * only next to {@code dir}, and only those of writers no longer running (their process id is in the name).
     */
    public static void recover(Path dir, Predicate<Path> ours) {
        Path target = dir.toAbsolutePath();
        List<Path> left = leftovers(target);
        if (left.isEmpty()) {
            return;
        }
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            String old = "." + target.getFileName() + ".old-";
            left.stream().filter(p -> p.getFileName().toString().startsWith(old) && ours.test(p))
                    .max(Comparator.comparing(AtomicFiles::modified))
                    .ifPresent(previous -> {
                        try {
                            Files.move(previous, target, StandardCopyOption.ATOMIC_MOVE);
                        } catch (IOException e) {
                            if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) { // else another process restored it first
                                throw failure(target, "cannot restore the previous store from " + previous.getFileName(), e);
                            }
                        }
                    });
        }
        for (Path p : leftovers(target)) {
            deleteRecursively(p);
        }
    }

    /** The {@code .NAME.tmp-*} and {@code .NAME.old-*} directories next to {@code target} of writers that are gone. */
    static List<Path> leftovers(Path target) {
        Pattern ours = Pattern.compile("\\." + Pattern.quote(target.getFileName().toString())
                + "\\.(?:tmp|old)-(?:([0-9]{1,19})-)?[0-9a-f]{1,16}");
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(target.getParent(), "." + globQuote(target.getFileName().toString()) + ".*-*")) {
            for (Path p : s) {
                Matcher m = ours.matcher(p.getFileName().toString());
                if (m.matches() && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && !running(m.group(1))) {
                    out.add(p);
                }
            }
        } catch (IOException | DirectoryIteratorException e) {
            return out; // no parent, or unreadable: nothing we could recover
        }
        return out;
    }

    /** Whether the writer with this process id (null: a name without one) still runs. */
    private static boolean running(String pid) {
        if (pid == null) {
            return false;
        }
        try {
            return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String globQuote(String name) {
        return name.replaceAll("([\\\\*?\\[\\]{}])", "\\\\$1");
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
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
