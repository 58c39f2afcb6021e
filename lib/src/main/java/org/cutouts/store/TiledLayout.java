package org.cutouts.store;

import org.cutouts.io.StoreException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The tiled, page-aligned mosaic file {@code mosaic.tiles}: a 4 KiB header, then the mosaic cut into
 * square tiles of {@code tile x tile} little-endian float32 pixels, tiles in row-major order of the
 * tile grid, pixels row-major inside a tile. Every tile is contiguous and starts on a page boundary
 * (tile bytes are a multiple of 4096), so a 64x64 cutout touches at most four 16 KiB tiles instead of
 * 64 rows on 64 different pages. Edge tiles are padded with zeros that no window ever reads (windows
 * are clipped to the mosaic first).
 *
 * <p>numpy reads it as {@code np.memmap(f, '<f4', 'r', offset=4096, shape=(tilesY, tilesX, tile, tile))},
 * pixel {@code (y, x)} being {@code a[y // tile, x // tile, y % tile, x % tile]}.
 *
 * <p>Header (little-endian): magic {@code "CUTTILE1"}, int version (1), int dtype (1 = {@code <f4}),
 * long width, long height, int tile, int reserved, long dataOffset (4096), long tilesX, long tilesY,
 * then a human-readable ASCII line at byte 128, zero padding to 4096.
 */
public record TiledLayout(int width, int height, int tile, long dataOffset) {
    static final byte[] MAGIC = "CUTTILE1".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    static final int DTYPE_F4 = 1;
    public static final int HEADER_BYTES = 4096;
    /** The default tile edge: 64x64 float32 = 16 KiB = four pages, sized for the 64x64 stamp. */
    public static final int DEFAULT_TILE = 64;

    public TiledLayout {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("mosaic size must be positive, got " + width + "x" + height);
        }
        if (tile < 32 || tile > 4096 || tile % 32 != 0) {
            throw new IllegalArgumentException("tile edge must be a multiple of 32 in [32, 4096] so tiles are whole pages, got " + tile);
        }
        if (dataOffset % NativeMemory.PAGE != 0) {
            throw new IllegalArgumentException("tile data must start on a page boundary, got offset " + dataOffset);
        }
    }

    public static TiledLayout of(int width, int height, int tile) {
        return new TiledLayout(width, height, tile, HEADER_BYTES);
    }

    public int tilesX() {
        return (width + tile - 1) / tile;
    }

    public int tilesY() {
        return (height + tile - 1) / tile;
    }

    public long tileBytes() {
        return 4L * tile * tile;
    }

    public long dataBytes() {
        return (long) tilesX() * tilesY() * tileBytes();
    }

    public long fileBytes() {
        return dataOffset + dataBytes();
    }

    /** File offset of tile {@code (tx, ty)}'s first pixel. */
    public long tileOffset(int tx, int ty) {
        return dataOffset + ((long) ty * tilesX() + tx) * tileBytes();
    }

    /** File offset of pixel {@code (x, y)}. */
    public long pixelOffset(int x, int y) {
        int tx = x / tile;
        int ty = y / tile;
        return tileOffset(tx, ty) + 4L * ((long) (y - ty * tile) * tile + (x - tx * tile));
    }

    byte[] encodeHeader() {
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putInt(VERSION).putInt(DTYPE_F4).putLong(width).putLong(height).putInt(tile).putInt(0)
                .putLong(dataOffset).putLong(tilesX()).putLong(tilesY());
        b.position(128);
        String text = "cutouts tiled mosaic: '<f4', " + height + "x" + width + " pixels as (" + tilesY() + ", " + tilesX() + ", " + tile
                + ", " + tile + ") tiles at offset " + dataOffset + "\n";
        b.put(text.getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    /**
     * The whole 4096-byte header must be the one this layout encodes (text line and zero padding
     * included), so no flipped bit anywhere in it goes unnoticed.
     */
    private static void requireCanonical(Path file, FileChannel ch, TiledLayout l) throws IOException {
        ByteBuffer all = ByteBuffer.allocate(HEADER_BYTES);
        while (all.hasRemaining()) {
            if (ch.read(all, all.position()) < 0) {
                throw new StoreException(file, "truncated tiled mosaic header");
            }
        }
        byte[] want = l.encodeHeader();
        int at = Arrays.mismatch(all.array(), want);
        if (at >= 0) {
            throw new StoreException(file, "corrupt tiled mosaic header: byte " + at + " differs from the header of a " + l.width() + "x"
                    + l.height() + " mosaic in " + l.tile() + "x" + l.tile() + " tiles");
        }
    }

    /** Reads and validates the header of {@code file}, including that the file holds exactly every tile. */
    static TiledLayout read(Path file, FileChannel ch) {
        try {
            long size = ch.size();
            if (size < HEADER_BYTES) {
                throw new StoreException(file, "not a tiled mosaic: " + size + " bytes, too short for the 4096-byte header");
            }
            ByteBuffer b = ByteBuffer.allocate(128).order(ByteOrder.LITTLE_ENDIAN);
            while (b.hasRemaining()) {
                if (ch.read(b, b.position()) < 0) {
                    throw new StoreException(file, "truncated tiled mosaic header");
                }
            }
            b.flip();
            byte[] magic = new byte[8];
            b.get(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new StoreException(file, "not a tiled mosaic: bad magic bytes");
            }
            int version = b.getInt();
            int dtype = b.getInt();
            if (version != VERSION || dtype != DTYPE_F4) {
                throw new StoreException(file, "unsupported tiled mosaic version " + version + " / dtype code " + dtype);
            }
            long w = b.getLong();
            long h = b.getLong();
            int tile = b.getInt();
            b.getInt();
            long off = b.getLong();
            if (off != HEADER_BYTES) {
                throw new StoreException(file, "corrupt tiled mosaic header: data offset " + off + ", expected exactly " + HEADER_BYTES);
            }
            if (w <= 0 || h <= 0 || w > Integer.MAX_VALUE || h > Integer.MAX_VALUE) {
                throw new StoreException(file, "corrupt tiled mosaic header: size " + w + "x" + h);
            }
            TiledLayout l;
            try {
                l = new TiledLayout((int) w, (int) h, tile, off);
            } catch (IllegalArgumentException e) {
                throw new StoreException(file, "corrupt tiled mosaic header: " + e.getMessage());
            }
            if (b.getLong() != l.tilesX() || b.getLong() != l.tilesY()) {
                throw new StoreException(file, "corrupt tiled mosaic header: tile grid does not match the size");
            }
            if (size < l.fileBytes()) {
                throw new StoreException(file, "truncated tiled mosaic: " + size + " bytes, the header promises " + l.fileBytes());
            }
            if (size > l.fileBytes()) {
                throw new StoreException(file, "corrupt tiled mosaic: " + size + " bytes, the header promises exactly " + l.fileBytes());
            }
            requireCanonical(file, ch, l);
            return l;
        } catch (IOException e) {
            throw new StoreException(file, "cannot read tiled mosaic header", e);
        }
    }
}
