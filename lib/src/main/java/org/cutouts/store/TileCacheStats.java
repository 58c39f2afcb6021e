package org.cutouts.store;

/**
 * A snapshot of a store's tile cache ({@link TileCache}): what it may hold, what it holds, and how reads went.
 *
 * @param capacityBytes  the configured bound
 * @param tileBytes      the bytes of one tile
 * @param cachedTiles    tiles held now
 * @param allocatedBytes native memory the cache holds for tiles (never above {@code capacityBytes})
 * @param hits           tile reads served from the cache
 * @param misses         tile reads that went to the file
 * @param bytesRead      bytes read from the file to fill the cache
 */
public record TileCacheStats(long capacityBytes, long tileBytes, long cachedTiles, long allocatedBytes, long hits, long misses, long bytesRead) {
    /** hits / (hits + misses); NaN before the first read. */
    public double hitRate() {
        long n = hits + misses;
        return n == 0 ? Double.NaN : (double) hits / n;
    }
}
