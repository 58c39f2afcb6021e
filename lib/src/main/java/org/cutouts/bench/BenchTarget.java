package org.cutouts.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.cutouts.store.CutoutStore;
import org.cutouts.store.Stores;

/**
 * Something to benchmark: a store directory, how to open it, and the names it carries in result rows.
 * {@code variant} distinguishes layouts or read paths of one strategy (e.g. a tiled layout, a fast
 * path); the default stores use {@code "default"}. Cold runs close the store, evict every regular file
 * under {@code dir} and reopen it through {@code opener}.
 */
public record BenchTarget(String strategy, String variant, Path dir, Function<Path, CutoutStore> opener) {
    public static final String DEFAULT_VARIANT = "default";

    public BenchTarget {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(opener, "opener");
    }

    /** A store written by {@link Stores}, opened by {@link Stores#open}. */
    public static BenchTarget of(Path dir) {
        String strategy;
        try (CutoutStore s = Stores.open(dir)) {
            strategy = s.strategy().name();
        }
        return new BenchTarget(strategy, DEFAULT_VARIANT, dir, Stores::open);
    }

    public BenchTarget withVariant(String v) {
        return new BenchTarget(strategy, v, dir, opener);
    }

    public CutoutStore open() {
        return opener.apply(dir);
    }

    /** The files a cold run evicts. */
    public List<Path> files() {
        return PageCache.storeFiles(dir);
    }

    /** Starts a result row with this target's identity columns. */
    public Row row() {
        return new Row().put("impl", "java").put("strategy", strategy).put("variant", variant);
    }
}
