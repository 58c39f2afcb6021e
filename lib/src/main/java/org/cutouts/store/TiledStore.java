package org.cutouts.store;

import org.cutouts.io.AtomicFiles;
import org.cutouts.io.StoreException;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Instant;
import org.cutouts.data.Catalogue;
import org.cutouts.data.MosaicSource;

/**
 * The mosaic as page-aligned tiles ({@link TiledLayout}, {@code mosaic.tiles}), read through one FFM
 * mapping. A 64x64 cutout reads from at most four contiguous 16 KiB tiles: far fewer pages (TLB
 * entries, faults, and on a cold cache bytes read from disk) than the 64 rows of the row-major file.
 * The numpy-compatible row-major store stays the interchange format; {@link TileConverter} builds this
 * one from it.
 */
final class TiledStore extends AbstractStore {
    static final String PAYLOAD = "mosaic.tiles";

    private final Tiles tiles;
    private final ReadOptions options;

    private TiledStore(Path dir, StoreManifest m, Catalogue c, Tiles tiles, ReadOptions options) {
        super(dir, m, c);
        this.tiles = tiles;
        this.options = options;
    }

    static StoreWriter writer() {
        return writer(TiledLayout.DEFAULT_TILE);
    }

    static StoreWriter writer(int tile) {
        return new StoreWriter() {
            @Override
            public Strategy strategy() {
                return Strategy.MEMORY_MAPPED_TILED;
            }

            @Override
            public Path write(MosaicSource source, Catalogue catalogue, CutoutSpec spec, Path dir, WriteProgress progress) {
                TiledLayout layout = TiledLayout.of(source.width(), source.height(), tile);
                return writeStore(dir, tmp -> {
                    AtomicFiles.writeChannel(tmp.resolve(PAYLOAD), ch -> writeTiles(source, layout, ch, progress));
                    finish(tmp, catalogue, new StoreManifest(Strategy.MEMORY_MAPPED_TILED, source.width(), source.height(),
                            catalogue.size(), spec, PAYLOAD, source.describe(), Instant.now()), tile);
                });
            }
        };
    }

    /**
     * Streams {@code source} into tiles: one strip of {@code tile} mosaic rows at a time (never the
     * whole mosaic), one positional write per tile row. All-zero tiles are left as holes (the file
     * is sparse where the mosaic is empty), except the last tile, which fixes the file length.
     */
    static void writeTiles(MosaicSource source, TiledLayout l, FileChannel ch, WriteProgress progress) throws IOException {
        int w = l.width();
        int t = l.tile();
        int tx = l.tilesX();
        if ((long) t * w > Integer.MAX_VALUE - 8) {
            throw new IOException("a strip of " + t + " rows of " + w + " pixels does not fit one array");
        }
        ch.write(ByteBuffer.wrap(l.encodeHeader()), 0);
        float[] strip = new float[t * w];
        ByteBuffer row = ByteBuffer.allocateDirect((int) (tx * l.tileBytes())).order(ByteOrder.LITTLE_ENDIAN);
        var floats = row.asFloatBuffer();
        for (int ty = 0; ty < l.tilesY(); ty++) {
            int y0 = ty * t;
            int rows = Math.min(t, l.height() - y0);
            source.readRows(y0, rows, strip, 0);
            row.clear();
            floats.clear();
            for (int i = 0; i < tx; i++) {
                int x0 = i * t;
                int cols = Math.min(t, w - x0);
                int base = i * t * t;
                for (int r = 0; r < t; r++) {
                    floats.position(base + r * t);
                    if (r < rows) {
                        floats.put(strip, r * w + x0, cols);
                        for (int c = cols; c < t; c++) {
                            floats.put(0f);
                        }
                    } else {
                        for (int c = 0; c < t; c++) {
                            floats.put(0f);
                        }
                    }
                }
            }
            long pos = l.tileOffset(0, ty);
            boolean lastRow = ty == l.tilesY() - 1;
            int run = -1; // first tile of the current run of non-empty tiles
            for (int i = 0; i <= tx; i++) {
                boolean write = i < tx && (!zeroTile(row, i, l.tileBytes()) || lastRow && i == tx - 1);
                if (write && run < 0) {
                    run = i;
                } else if (!write && run >= 0) {
                    ByteBuffer slice = row.duplicate().limit((int) (i * l.tileBytes())).position((int) (run * l.tileBytes()));
                    long at = pos + run * l.tileBytes();
                    while (slice.hasRemaining()) {
                        at += ch.write(slice, at);
                    }
                    run = -1;
                }
            }
            progress.advanced(ty + 1L, l.tilesY());
        }
    }

    private static boolean zeroTile(ByteBuffer row, int i, long tileBytes) {
        int from = (int) (i * tileBytes);
        int to = (int) (from + tileBytes);
        for (int p = from; p < to; p += 8) {
            if (row.getLong(p) != 0L) {
                return false;
            }
        }
        return true;
    }

    static CutoutStore open(Path dir, StoreManifest m, ReadOptions options) {
        Catalogue c = readCatalogue(dir, m);
        Tiles t = Tiles.open(payload(dir, m), options);
        try {
            StoreChecksums sums = StoreChecksums.read(dir);
            if (sums != null && sums.tile() != t.layout.tile()) {
                throw new StoreException(t.file, "corrupt tiled mosaic header: tiles of " + t.layout.tile() + " pixels, the manifest records "
                        + sums.tile());
            }
            if (t.layout.width() != m.mosaicWidth() || t.layout.height() != m.mosaicHeight()) {
                throw new StoreException(t.file, "tiled mosaic is " + t.layout.width() + "x" + t.layout.height()
                        + " but the manifest says " + m.mosaicWidth() + "x" + m.mosaicHeight());
            }
            return new TiledStore(dir, m, c, t, options);
        } catch (RuntimeException e) {
            t.close();
            throw e;
        }
    }

    TiledLayout layout() {
        return tiles.layout;
    }

    @Override
    public java.util.Optional<ReadChoice> readChoice() {
        return java.util.Optional.of(tiles.mapped.choice());
    }

    @Override
    public java.util.Optional<TileCacheStats> tileCacheStats() {
        return java.util.Optional.ofNullable(tiles.cache).map(TileCache::stats);
    }

    @Override
    protected void readPixels(int index, float[] dst, int offset) {
        Window w = window(index);
        Windows.copy(w, tiles.width(), tiles.height(), manifest.spec().fill(), dst, offset, tiles);
    }

    @Override
    protected void readBatchPixels(int[] indices, float[] dst) {
        if (!options.gather()) {
            super.readBatchPixels(indices, dst);
            return;
        }
        BatchGather.readBatch(this, tiles, options, indices, dst);
    }

    @Override
    protected void checkIntact() {
        tiles.mapped.checkIntact();
    }

    @Override
    protected void release() {
        tiles.close();
    }

    /** The mapped tile file; copies in-bounds rectangles tile by tile. */
    static final class Tiles implements BatchGather.Raster, MosaicSource, AutoCloseable {
        final Path file;
        final TiledLayout layout;
        private final MappedFile mapped;
        private final MemorySegment data;
        private final int t;
        private final long tileBytes;
        private final long tileRowBytes;
        private final long rowStep;
        /** Non-null when pixels are copied with explicit reads instead of through the mapping. */
        private final ExplicitReads explicit;
        /** Non-null when the explicit reads go through a tile cache. */
        private final TileCache cache;

        private Tiles(MappedFile mapped, TiledLayout layout, MemorySegment data, TileCache cache) {
            this.file = mapped.file;
            this.layout = layout;
            this.mapped = mapped;
            this.data = data;
            this.t = layout.tile();
            this.tileBytes = layout.tileBytes();
            this.tileRowBytes = layout.tilesX() * tileBytes;
            this.rowStep = 4L * t;
            this.explicit = mapped.explicit();
            this.cache = cache;
        }

        static Tiles open(Path file, ReadOptions options) {
            return MappedNpy.withMapping(file, (ch, mf) -> {
                TiledLayout l = TiledLayout.read(file, ch);
                MemorySegment seg = ch.map(FileChannel.MapMode.READ_ONLY, 0, l.fileBytes(), mf.arena);
                mf.mappedTo(l.fileBytes());
                options.apply(seg.asSlice(l.dataOffset()));
                ReadChoice choice = mf.choose(options, 0, l.tileBytes());
                TileCache cache = mf.explicit() != null && choice.cacheMiB() > 0
                        ? TileCache.open(file, mf.explicit(), l.tileBytes(), (long) choice.cacheMiB() << 20) : null;
                return new Tiles(mf, l, seg, cache);
            });
        }

        @Override
        public int width() {
            return layout.width();
        }

        @Override
        public int height() {
            return layout.height();
        }

        @Override
        public void readRows(int y0, int rows, float[] dst, int offset) {
            copy(0, y0, width(), rows, dst, offset, width());
        }

        @Override
        public String describe() {
            return "tiled " + width() + "x" + height() + " mosaic (" + t + "x" + t + " tiles) " + file.getFileName();
        }

        @Override
        public long sortKey(int x0, int y0) {
            return layout.tileOffset(x0 / t, y0 / t);
        }

        @Override
        public void copy(int x0, int y0, int cols, int rows, float[] dst, int dstOffset, int dstStride) {
            if (x0 < 0 || y0 < 0 || cols < 0 || rows < 0 || (long) x0 + cols > width() || (long) y0 + rows > height()) {
                throw new IndexOutOfBoundsException("rectangle x[" + x0 + ", " + ((long) x0 + cols) + ") y[" + y0 + ", "
                        + ((long) y0 + rows) + ") outside mosaic " + width() + "x" + height() + " of " + file);
            }
            if (rows == 0 || cols == 0) {
                return;
            }
            if (dstOffset < 0 || (long) dstOffset + (long) (rows - 1) * dstStride + cols > dst.length) {
                throw new IndexOutOfBoundsException("destination of " + dst.length + " floats cannot hold " + rows + " rows of " + cols
                        + " at offset " + dstOffset + " stride " + dstStride);
            }
            try {
                MemorySegment out = MemorySegment.ofArray(dst);
                int ty0 = y0 / t;
                int ty1 = (y0 + rows - 1) / t;
                int tx0 = x0 / t;
                int tx1 = (x0 + cols - 1) / t;
                for (int ty = ty0; ty <= ty1; ty++) {
                    int ya = Math.max(y0, ty * t);
                    int yb = Math.min(y0 + rows, (ty + 1) * t);
                    long tileRow = layout.dataOffset() + ty * tileRowBytes;
                    for (int tx = tx0; tx <= tx1; tx++) {
                        int xa = Math.max(x0, tx * t);
                        int xb = Math.min(x0 + cols, (tx + 1) * t);
                        long src = tileRow + tx * tileBytes + 4L * ((long) (ya - ty * t) * t + (xa - tx * t));
                        long len = 4L * (xb - xa);
                        long d = 4L * (dstOffset + (long) (ya - y0) * dstStride + (xa - x0));
                        long dStep = 4L * dstStride;
                        if (cache != null) {
                            long tile = tileRow + tx * tileBytes;
                            cache.copyRows((long) ty * layout.tilesX() + tx, tile, src - tile, rowStep, len, yb - ya, out, d, dStep);
                            continue;
                        }
                        if (explicit != null) {
                            explicit.readRows(src, rowStep, len, yb - ya, out, d, dStep);
                            continue;
                        }
                        // Per-row segment copies, not RowCopy's vectors: a tile piece is a few hundred bytes at
                        // most, and the vector loop measured 0.77-0.94x of this here (docs/fast-paths.md).
                        for (int y = ya; y < yb; y++) {
                            MemorySegment.copy(data, src, out, d, len);
                            src += rowStep;
                            d += dStep;
                        }
                    }
                }
            } catch (IllegalStateException | InternalError e) {
                throw MappedNpy.accessFailure(file, e);
            }
        }

        /**
         * Explicit reads: the spans {@link ExplicitReads#readRows} will read for each tile a rectangle touches,
         * started together ({@link ExplicitReads#prefetch}). With a tile cache, the whole tiles it does not hold,
         * when a ring reads them at once; without a ring its misses read whole tiles one by one, and it is left
         * as it is.
         */
        @Override
        public void announce(int[] x0, int[] y0, int[] order, int n, int cols, int rows) {
            if (explicit == null || n == 0 || (cache != null && !explicit.ring())) {
                return;
            }
            // at most 2 x 2 tiles per rectangle no larger than a tile; more for larger cutouts
            int per = ((cols + t - 1) / t + 1) * ((rows + t - 1) / t + 1);
            long[] starts = new long[n * per];
            long[] ends = new long[n * per];
            int m = 0;
            for (int i = 0; i < n; i++) {
                int k = order[i];
                int ty0 = y0[k] / t;
                int ty1 = (y0[k] + rows - 1) / t;
                int tx0 = x0[k] / t;
                int tx1 = (x0[k] + cols - 1) / t;
                for (int ty = ty0; ty <= ty1; ty++) {
                    int ya = Math.max(y0[k], ty * t);
                    int yb = Math.min(y0[k] + rows, (ty + 1) * t);
                    long tileRow = layout.dataOffset() + ty * tileRowBytes;
                    for (int tx = tx0; tx <= tx1; tx++) {
                        long tile = tileRow + tx * tileBytes;
                        if (cache != null) {
                            if (!cache.holds((long) ty * layout.tilesX() + tx)) {
                                starts[m] = tile;
                                ends[m] = tile + tileBytes;
                                m++;
                            }
                            continue;
                        }
                        int xa = Math.max(x0[k], tx * t);
                        int xb = Math.min(x0[k] + cols, (tx + 1) * t);
                        long src = tile + 4L * ((long) (ya - ty * t) * t + (xa - tx * t));
                        starts[m] = src;
                        ends[m] = src + (yb - ya - 1) * rowStep + 4L * (xb - xa);
                        m++;
                    }
                }
            }
            explicit.prefetch(starts, ends, m);
        }

        @Override
        public long touch(int x0, int y0, int cols, int rows) {
            long s = 0;
            try {
                int ty0 = y0 / t;
                int ty1 = (y0 + rows - 1) / t;
                int tx0 = x0 / t;
                int tx1 = (x0 + cols - 1) / t;
                for (int ty = ty0; ty <= ty1; ty++) {
                    int ya = Math.max(y0, ty * t);
                    int yb = Math.min(y0 + rows, (ty + 1) * t);
                    long tileRow = layout.dataOffset() + ty * tileRowBytes;
                    for (int tx = tx0; tx <= tx1; tx++) {
                        int xa = Math.max(x0, tx * t);
                        int xb = Math.min(x0 + cols, (tx + 1) * t);
                        long src = tileRow + tx * tileBytes + 4L * ((long) (ya - ty * t) * t + (xa - tx * t));
                        long len = 4L * (xb - xa);
                        for (int y = ya; y < yb; y++) {
                            for (long o = 0; o < len; o += 64) {
                                s += data.get(ValueLayout.JAVA_BYTE, src + o);
                            }
                            s += data.get(ValueLayout.JAVA_BYTE, src + len - 1);
                            src += rowStep;
                        }
                    }
                }
            } catch (IllegalStateException | InternalError e) {
                throw MappedNpy.accessFailure(file, e);
            }
            return s;
        }

        @Override
        public void close() {
            try {
                if (cache != null) {
                    cache.close();
                }
            } finally {
                mapped.close();
            }
        }
    }
}
