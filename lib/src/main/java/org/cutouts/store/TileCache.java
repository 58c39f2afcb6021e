package org.cutouts.store;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.cutouts.io.StoreException;

/**
 * Whole tiles of a tiled store's explicit read path ({@code cache=64m}), shared by every reader of the open
 * store, so a tile that neighbouring cutouts share is read from the file once while it stays cached.
 *
 * <p>Memory is bounded by the configured size whatever the mosaic's: at most {@code capacity / tileBytes}
 * tile slots, allocated in native memory on first use (no heap, no GC churn, nothing against {@code -Xmx}),
 * reused on eviction and freed at close. The slots are split into shards by tile index, each with its own
 * lock and least-recently-used order, so concurrent readers of different tiles rarely wait on each other
 * (eviction is least recently used within a shard). A miss reads the tile outside any lock; two readers
 * missing the same tile at once both read it, and both reads are counted.
 */
final class TileCache implements AutoCloseable {
    /** At most this many shards; fewer when the cache holds few tiles, so that each shard keeps enough of them. */
    private static final int MAX_SHARDS = 16;
    private static final int MIN_TILES_PER_SHARD = 16;

    private final ExplicitReads reads;
    private final long tileBytes;
    private final long capacityBytes;
    private final Arena arena = Arena.ofShared();
    private final Shard[] shards;
    private final int shardBits;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder bytesRead = new LongAdder();

    private TileCache(ExplicitReads reads, long tileBytes, long capacityBytes) {
        this.reads = reads;
        this.tileBytes = tileBytes;
        this.capacityBytes = capacityBytes;
        long slots = capacityBytes / tileBytes;
        int n = 1;
        while (n < MAX_SHARDS && slots / (2L * n) >= MIN_TILES_PER_SHARD) {
            n *= 2;
        }
        this.shardBits = Integer.numberOfTrailingZeros(n);
        this.shards = new Shard[n];
        for (int i = 0; i < n; i++) {
            shards[i] = new Shard((int) (slots / n + (i < slots % n ? 1 : 0)));
        }
    }

    /** A cache of up to {@code capacityBytes} of {@code tileBytes}-byte tiles read through {@code reads} from {@code file}. */
    static TileCache open(Path file, ExplicitReads reads, long tileBytes, long capacityBytes) {
        if (capacityBytes < tileBytes) {
            throw new StoreException(file, "a tile cache of " + (capacityBytes >> 20) + " MiB cannot hold one tile of " + (tileBytes >> 10)
                    + " KiB: ask for cache=" + Math.ceilDiv(tileBytes, 1L << 20) + "m or more");
        }
        if (capacityBytes / tileBytes > Integer.MAX_VALUE) {
            throw new StoreException(file, "a tile cache of " + (capacityBytes >> 20) + " MiB holds more than " + Integer.MAX_VALUE + " tiles");
        }
        return new TileCache(reads, tileBytes, capacityBytes);
    }

    /**
     * Copies {@code rows} rows of {@code len} bytes of tile {@code tile} (its first byte at {@code tileOffset}
     * in the explicit reads' offsets), starting {@code inTile} bytes into the tile, {@code rowStep} apart, into
     * {@code out} at {@code outByte}, {@code outStep} apart.
     */
    void copyRows(long tile, long tileOffset, long inTile, long rowStep, long len, int rows, MemorySegment out, long outByte, long outStep) {
        Shard shard = shards[shardBits == 0 ? 0 : (int) ((tile * 0x9E3779B97F4A7C15L) >>> (64 - shardBits))];
        if (shard.copyIfCached(tile, inTile, rowStep, len, rows, out, outByte, outStep)) {
            hits.increment();
            return;
        }
        MemorySegment read = reads.fill(tileOffset, tileBytes); // this thread's buffer, valid until its next read
        misses.increment();
        bytesRead.add(tileBytes);
        shard.put(tile, read);
        ExplicitReads.copyRows(read, inTile, rowStep, len, rows, out, outByte, outStep);
    }

    /** Whether tile {@code tile} is cached now (without making it recently used): a batch reads ahead only the tiles it lacks. */
    boolean holds(long tile) {
        Shard shard = shards[shardBits == 0 ? 0 : (int) ((tile * 0x9E3779B97F4A7C15L) >>> (64 - shardBits))];
        synchronized (shard) {
            return shard.lru.containsKey(tile);
        }
    }

    /** The counters and what the cache holds now. */
    TileCacheStats stats() {
        long tiles = 0;
        long slots = 0;
        for (Shard s : shards) {
            synchronized (s) {
                tiles += s.lru.size();
                slots += s.allocated;
            }
        }
        return new TileCacheStats(capacityBytes, tileBytes, tiles, slots * tileBytes, hits.sum(), misses.sum(), bytesRead.sum());
    }

    /** Frees the tiles; a read racing the close fails with an IllegalStateException (the store reports it as closed). */
    @Override
    public void close() {
        if (arena.scope().isAlive()) {
            arena.close();
        }
    }

    /** Up to {@code maxSlots} tiles in least-recently-used order, behind one lock. */
    private final class Shard {
        private final int maxSlots;
        private final LinkedHashMap<Long, MemorySegment> lru = new LinkedHashMap<>(16, 0.75f, true);
        private int allocated;

        Shard(int maxSlots) {
            this.maxSlots = maxSlots;
        }

        synchronized boolean copyIfCached(long tile, long inTile, long rowStep, long len, int rows, MemorySegment out, long outByte,
                                          long outStep) {
            MemorySegment slot = lru.get(tile);
            if (slot == null) {
                return false;
            }
            ExplicitReads.copyRows(slot, inTile, rowStep, len, rows, out, outByte, outStep);
            return true;
        }

        /** Keeps a copy of {@code data}, evicting the least recently used tile when every slot is taken. */
        synchronized void put(long tile, MemorySegment data) {
            if (lru.containsKey(tile)) {
                return; // another reader brought it in meanwhile
            }
            MemorySegment slot;
            if (allocated < maxSlots) {
                slot = arena.allocate(tileBytes, NativeMemory.PAGE);
                allocated++;
            } else {
                Iterator<Map.Entry<Long, MemorySegment>> eldest = lru.entrySet().iterator();
                slot = eldest.next().getValue();
                eldest.remove();
            }
            MemorySegment.copy(data, 0, slot, 0, tileBytes);
            lru.put(tile, slot);
        }
    }
}
