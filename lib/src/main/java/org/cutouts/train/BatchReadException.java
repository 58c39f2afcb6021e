package org.cutouts.train;

import java.nio.file.Path;

/**
 * A batch could not be produced: the message names the store, the cutout index that failed and the
 * original problem (which for a {@code StoreException} starts with the file concerned). Thrown from
 * the iterator's {@code next()} whichever thread did the reading.
 */
public class BatchReadException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Path store;
    private final int index;

    public BatchReadException(Path store, int index, String message, Throwable cause) {
        super(message, cause);
        this.store = store;
        this.index = index;
    }

    /** The store directory. */
    public Path store() {
        return store;
    }

    /** The catalogue index of the cutout that failed, or -1 when no single cutout is to blame (e.g. a timeout). */
    public int index() {
        return index;
    }
}
