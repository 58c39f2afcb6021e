package org.cutouts.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Opening the files of a store without trusting them: only regular files, never through a symbolic
 * link (which could lead out of the store), never a FIFO or device (opening a FIFO blocks forever,
 * {@code /dev/zero} never ends), names confined to the store directory, sizes bounded before reading.
 * Every refusal is a {@link StoreException} that names the file.
 */
public final class RegularFiles {
    private RegularFiles() {
    }

    /** The attributes of {@code file}, which must be a regular file and not a symbolic link. */
    public static BasicFileAttributes require(Path file) {
        return require(file, "file is missing");
    }

    /** {@link #require(Path)}, saying {@code missing} when there is no such file. */
    public static BasicFileAttributes require(Path file, String missing) {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new StoreException(file, missing);
        } catch (IOException e) {
            throw new StoreException(file, "cannot read file attributes", e);
        }
        if (a.isSymbolicLink()) {
            throw new StoreException(file, "is a symbolic link; refused (a store's files must be inside it)");
        }
        if (!a.isRegularFile()) {
            throw new StoreException(file, "is not a regular file (" + (a.isDirectory() ? "a directory" : "a FIFO, socket or device")
                    + "); refused");
        }
        return a;
    }

    /**
     * For a user's own file, which may be a symbolic link: refuses one that exists but is not a regular
     * file (a FIFO would block the open forever, a device never ends), reporting it as {@code named}.
     * A missing file is left to the caller's open, whose error names it.
     */
    public static void refuseSpecial(Path file, Path named) {
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new StoreException(named, "is not a regular file (a FIFO, socket, device or directory); refused");
        }
    }

    /** Opens a regular file for reading, after {@link #require}; the open itself refuses a link swapped in meanwhile. */
    public static FileChannel open(Path file) {
        require(file);
        try {
            return FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new StoreException(file, "file is missing");
        } catch (IOException e) {
            throw new StoreException(file, "cannot open", e);
        }
    }

    /** Reads a whole regular file of at most {@code maxBytes} bytes (checked before anything is allocated). */
    public static byte[] readBounded(Path file, long maxBytes, String what) {
        try (FileChannel ch = open(file)) {
            long size = ch.size();
            if (size > maxBytes) {
                throw new StoreException(file, what + " of " + size + " bytes is larger than the " + maxBytes + " bytes allowed; refused");
            }
            ByteBuffer b = ByteBuffer.allocate((int) size);
            while (b.hasRemaining()) {
                if (ch.read(b, b.position()) < 0) {
                    throw new StoreException(file, what + " shrank while it was read");
                }
            }
            return b.array();
        } catch (IOException e) {
            throw new StoreException(file, "cannot read " + what, e);
        }
    }

    /**
     * {@code dir/relative}, where {@code relative} must stay inside {@code dir}: a plain relative name, no
     * absolute path, no {@code ..}, no NUL, and no symbolic link on the way (the real path is inside
     * the real directory).
     */
    public static Path confined(Path dir, String relative, Path declaredIn) {
        if (relative == null || relative.isEmpty() || relative.indexOf('\0') >= 0) {
            throw new StoreException(declaredIn, "payload name is empty or contains a NUL byte; refused");
        }
        Path rel;
        try {
            rel = Path.of(relative);
        } catch (InvalidPathException e) {
            throw new StoreException(declaredIn, "payload name '" + relative + "' is not a valid path; refused");
        }
        if (rel.isAbsolute() || rel.getRoot() != null) {
            throw new StoreException(declaredIn, "payload '" + relative + "' is an absolute path; a store's payload must be inside it");
        }
        for (Path part : rel) {
            if (part.toString().equals("..") || part.toString().equals(".")) {
                throw new StoreException(declaredIn, "payload '" + relative + "' leaves the store directory; refused");
            }
        }
        Path p = dir.resolve(rel);
        if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            try {
                if (!p.toRealPath().startsWith(dir.toRealPath())) {
                    throw new StoreException(p, "payload leads outside the store directory " + dir + " through a symbolic link; refused");
                }
            } catch (IOException e) {
                throw new StoreException(p, "cannot resolve the payload path", e);
            }
            if (Files.isSymbolicLink(p)) {
                throw new StoreException(p, "payload is a symbolic link; refused (a store's files must be inside it)");
            }
        }
        return p;
    }
}
