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
    private final char[] buffer = new char[8192];
    private int pos;
    private int limit;

    BoundedLines(BufferedReader in, int maxChars, java.nio.file.Path file) {
        this.in = in;
        this.maxChars = maxChars;
        this.file = file;
    }

    /**
     * The next line without its terminator, or null at the end of the file. The characters are read a
     * buffer at a time: {@code Reader.read()} per character takes the reader's lock each time, which
     * made reading a tile's catalogue a tenth of the survey job's time.
     */
    String readLine() throws IOException {
        line.setLength(0);
        while (true) {
            if (pos == limit && !fill()) {
                return line.isEmpty() ? null : stripCr();
            }
            int start = pos;
            while (pos < limit && buffer[pos] != '\n') {
                pos++;
            }
            int chunk = pos - start;
            if (line.length() + chunk > maxChars) {
                throw new StoreException(file, "a line is longer than " + maxChars + " characters: not a catalogue");
            }
            line.append(buffer, start, chunk);
            if (pos < limit) {
                pos++; // the newline
                return stripCr();
            }
        }
    }

    /** Refills the buffer; false at the end of the file. */
    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(buffer, 0, buffer.length);
        } while (n == 0);
        pos = 0;
        limit = Math.max(0, n);
        return n > 0;
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
