package org.cutouts.io;

import java.nio.file.Path;

/**
 * Any failure to read or write a store: missing, truncated or corrupt files, lying headers, a full
 * disk. The message always starts with the file concerned, then says what is wrong with it.
 * Unchecked, so notebook cells and lambdas stay short.
 */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;

    public StoreException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public StoreException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem + (cause != null && cause.getMessage() != null ? " (" + cause.getMessage() + ")" : ""), cause);
        this.file = file;
    }

    /** The file (or store directory) the problem is about. */
    public Path file() {
        return file;
    }
}
