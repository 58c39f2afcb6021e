package org.cutouts.fits;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.cutouts.io.RegularFiles;
import org.cutouts.io.StoreException;

/**
 * A gzip-compressed FITS file ({@code .fits.gz}, recognised by its magic bytes, not its name) is
 * stream-decompressed into a private temporary file so that it can be memory-mapped like any other.
 * The copy lives in {@code java.io.tmpdir}, never next to the user's file; it is written under a
 * {@code .part} name and moved to its final name only when complete, and deleted when the mosaic closes.
 */
final class GzipFits {
    private static final int BUFFER = 1 << 16;

    private GzipFits() {
    }

    /** Whether {@code file} starts with the gzip magic bytes 1f 8b. */
    static boolean isGzip(Path file) {
        RegularFiles.refuseSpecial(file, file);
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        } catch (NoSuchFileException e) {
            throw new StoreException(file, "no such file");
        } catch (IOException e) {
            throw new StoreException(file, "cannot read", e);
        }
    }

    /** Decompresses {@code file} into a new temporary file (owner-only permissions) and returns its path. */
    static Path decompress(Path file) {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"));
        Path part = null;
        try {
            part = Files.createTempFile(dir, "cutouts-fits-", ".fits.part");
            try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file), BUFFER), BUFFER);
                 OutputStream out = Files.newOutputStream(part)) {
                in.transferTo(out);
            }
            String name = part.getFileName().toString();
            Path done = part.resolveSibling(name.substring(0, name.length() - ".part".length()));
            Files.move(part, done, StandardCopyOption.ATOMIC_MOVE);
            done.toFile().deleteOnExit(); // a safety net only: close() deletes it
            return done;
        } catch (ZipException | java.io.EOFException e) {
            deleteQuietly(part);
            throw new StoreException(file, "gzip-compressed, but the gzip stream is corrupt or truncated: " + e.getMessage());
        } catch (IOException e) {
            deleteQuietly(part);
            throw new StoreException(file, "gzip-compressed, and decompressing it into " + dir + " failed: " + e, e);
        }
    }

    /** Deletes a temporary copy made by {@link #decompress}; null is ignored. */
    static void deleteQuietly(Path temporary) {
        if (temporary == null) {
            return;
        }
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException e) {
            // nothing else to do: deleteOnExit stays registered for the final name
        }
    }
}
