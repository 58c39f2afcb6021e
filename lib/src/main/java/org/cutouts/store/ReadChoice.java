package org.cutouts.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleSupplier;
import org.cutouts.io.StoreException;
import org.cutouts.os.PageCache;

/**
 * The read path a mapped store took at open, and why. With {@link ReadOptions#auto()} the store measures
 * its regime once: the mapping wins while the payload is in the page cache (a copy from memory, no system
 * call), explicit reads win once it cannot stay there (a cold cutout then costs the pages it spans, not a
 * fault's readahead). Without {@code auto} the options decide and the reason says so.
 *
 * @param mode     the path the pixels are copied through
 * @param auto     whether {@code auto} chose it (else it was asked for)
 * @param reason   one line: what was measured and the rule it met
 * @param cacheMiB the tile cache of the explicit path (tiled store only), 0 for none
 */
public record ReadChoice(Mode mode, boolean auto, String reason, int cacheMiB) {
    /** Mostly resident: at least this fraction of the payload's pages is in the page cache. */
    static final double RESIDENT = 0.9;

    /** How pixels are copied. */
    public enum Mode {
        /** From the memory mapping (page faults on a cold cache). */
        MAPPED,
        /** With positional reads of the file, readahead off. */
        EXPLICIT;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** For result rows, e.g. {@code auto: explicit + 32 MiB tile cache (1.6 GiB payload above ...)}. */
    public String label() {
        return (auto ? "auto: " : "") + mode.label() + (cacheMiB > 0 ? " + " + cacheMiB + " MiB tile cache" : "") + " (" + reason + ")";
    }

    /** This choice with {@code more} added to its reason (how the chosen path reads). */
    ReadChoice withReason(String more) {
        return new ReadChoice(mode, auto, reason + "; " + more, cacheMiB);
    }

    /**
     * The path for {@code payload} under {@code options}, against the memory this process may use
     * ({@link ReadOptions#processMemoryBytes()}) and what of it is still free; {@code tileBytes} is the size of
     * the store's tiles, 0 when it has none to cache.
     */
    static ReadChoice at(ReadOptions options, Path payload, long tileBytes) {
        if (!options.auto()) {
            return decide(options, tileBytes, 0, () -> 0, 0);
        }
        long bytes;
        try {
            bytes = Files.size(payload);
        } catch (IOException e) {
            throw new StoreException(payload, "cannot read its size to choose a read path", e);
        }
        return decide(options, tileBytes, bytes, () -> PageCache.residency(List.of(payload)).fraction(), ReadOptions.processMemoryBytes());
    }

    /**
     * The rule, with its measurements given (the seam tests use to stand in for a small machine): mapped when
     * the payload fits in a quarter of {@code memoryBytes} (the threshold of {@link ReadOptions.Advice#AUTO},
     * so readahead and the path agree) or is mostly resident, else explicit. {@code residentFraction} is asked
     * only when the size alone does not decide. The explicit path of a store with tiles gets the tile cache
     * asked for ({@code auto,cache=64m}) and none otherwise: in random order larger than memory, uncached explicit
     * reads measured 1.29x (1 thread) and 1.24x (4 threads) the cached ones, which read whole tiles; in a
     * locality-aware order the cache won, 1.56x (docs/fast-paths.md, run 7).
     */
    static ReadChoice decide(ReadOptions options, long tileBytes, long payloadBytes, DoubleSupplier residentFraction, long memoryBytes) {
        if (!options.auto()) {
            return options.explicit() ? new ReadChoice(Mode.EXPLICIT, false, "explicit asked for", tileBytes > 0 ? options.cacheMiB() : 0)
                    : new ReadChoice(Mode.MAPPED, false, "mapped by default", 0);
        }
        String size = mib(payloadBytes) + " payload";
        String memory = memoryBytes == Long.MAX_VALUE ? "unknown memory" : mib(memoryBytes) + " of memory";
        if (payloadBytes <= ReadOptions.quarterOf(memoryBytes)) {
            return new ReadChoice(Mode.MAPPED, true, size + " fits in a quarter of " + memory, 0);
        }
        double resident = residentFraction.getAsDouble();
        String cached = String.format(Locale.ROOT, "%.0f%% in the page cache", 100 * resident);
        if (resident >= RESIDENT) {
            return new ReadChoice(Mode.MAPPED, true, size + " above a quarter of " + memory + " but " + cached, 0);
        }
        String over = size + " above a quarter of " + memory + ", " + cached;
        return new ReadChoice(Mode.EXPLICIT, true, over, tileBytes > 0 ? options.cacheMiB() : 0);
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
