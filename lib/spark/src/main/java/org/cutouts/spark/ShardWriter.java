package org.cutouts.spark;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.cutouts.io.AtomicFiles;
import org.cutouts.store.NpyHeader;
import org.cutouts.io.StoreException;

/**
 * One partition's training shard: its cutouts stacked as a {@code [N, h, w]} little-endian float32
 * {@code .npy} ({@code numpy.load} reads it). Pixels stream to a hidden scratch file while the
 * partition runs; {@link #finish()} writes the shard atomically under its final name, so a retried
 * or failed task never leaves a partial shard, and a retry replaces the shard with the same bytes.
 */
final class ShardWriter implements AutoCloseable {
    private final Path target;
    private final Path scratch;
    private final FileChannel ch;
    private final int height;
    private final int width;
    private final ByteBuffer buf;
    private int rows;

    ShardWriter(Path target, int height, int width) {
        this.target = target;
        this.height = height;
        this.width = width;
        this.scratch = target.resolveSibling("." + target.getFileName() + ".scratch-" + ProcessHandle.current().pid()
                + "-" + Thread.currentThread().threadId());
        try {
            Files.createDirectories(target.getParent());
            this.ch = FileChannel.open(scratch, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE, StandardOpenOption.READ);
        } catch (IOException e) {
            throw AtomicFiles.failure(scratch, "cannot start shard", e);
        }
        this.buf = ByteBuffer.allocate(4 * height * width).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The file name of the shard, as the measurement table records it. */
    String name() {
        return target.getFileName().toString();
    }

    /** Appends {@code count} stamps from {@code pixels}; returns the row of the first. */
    int append(float[] pixels, int count) {
        int first = rows;
        int n = height * width;
        try {
            for (int k = 0; k < count; k++) {
                buf.clear();
                buf.asFloatBuffer().put(pixels, k * n, n);
                buf.limit(4 * n);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                rows++;
            }
        } catch (IOException e) {
            throw AtomicFiles.failure(scratch, "cannot write shard", e);
        }
        return first;
    }

    /** Writes the shard under its final name (header, then the scratch pixels) and removes the scratch file. */
    void finish() {
        byte[] header = NpyHeader.encode(rows, height, width);
        AtomicFiles.writeChannel(target, out -> {
            out.write(ByteBuffer.wrap(header));
            long size = ch.size();
            for (long pos = 0; pos < size; ) {
                pos += ch.transferTo(pos, size - pos, out);
            }
        });
        close();
    }

    @Override
    public void close() {
        try {
            ch.close();
            Files.deleteIfExists(scratch);
        } catch (IOException e) {
            throw new StoreException(scratch, "cannot remove shard scratch file", e);
        }
    }
}
