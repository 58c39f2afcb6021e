package org.cutouts.data;

import java.io.BufferedReader;
import java.io.IOException;
import org.cutouts.io.StoreException;

/**
 * Lines of a text file, each at most {@code maxChars} long: {@link BufferedReader#readLine()} would
 * gather a file without newlines (a sparse file of NULs) into one string until the heap is gone.
 */
final class BoundedLines implements AutoCloseable {
    private final BufferedReader in;
    private final int maxChars;
    private final java.nio.file.Path file;
    private final StringBuilder line = new StringBuilder(128);

    BoundedLines(BufferedReader in, int maxChars, java.nio.file.Path file) {
        this.in = in;
        this.maxChars = maxChars;
        this.file = file;
    }

    /** The next line without its terminator, or null at the end of the file. */
    String readLine() throws IOException {
        line.setLength(0);
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                return stripCr();
            }
            if (line.length() == maxChars) {
                throw new StoreException(file, "a line is longer than " + maxChars + " characters: not a catalogue");
            }
            line.append((char) c);
        }
        return line.isEmpty() ? null : stripCr();
    }

    private String stripCr() {
        int n = line.length();
        return n > 0 && line.charAt(n - 1) == '\r' ? line.substring(0, n - 1) : line.toString();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
