package org.cutouts.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.cutouts.store.CutoutStore;
import org.cutouts.store.Stores;

/**
 * Something to benchmark: a store directory, how to open it, and the names it carries in result rows.
 * {@code variant} distinguishes layouts or read paths of one strategy (e.g. a tiled layout, a fast
 * path); the default stores use {@code "default"}. Cold runs close the store, evict every regular file
 * under {@code dir} and reopen it through {@code opener}.
 *
 * <p>{@code properties} are system properties in force while the store opens (and passed with
 * {@code -D} to the fresh JVM of the memory probe), e.g. {@code cutouts.mmap=baseline} to choose the
 * memory-mapped read path.
 */
public record BenchTarget(String strategy, String variant, Path dir, Function<Path, CutoutStore> opener, Map<String, String> properties) {
    public static final String DEFAULT_VARIANT = "default";
    /** The system property the mapped stores read their options from at open (see MappingOptions). */
    public static final String MMAP_PROPERTY = "cutouts.mmap";

    public BenchTarget {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(opener, "opener");
        properties = Map.copyOf(properties);
    }

    public BenchTarget(String strategy, String variant, Path dir, Function<Path, CutoutStore> opener) {
        this(strategy, variant, dir, opener, Map.of());
    }

    /** The same store opened with {@code -Dcutouts.mmap=spec}, labelled {@code mmap=spec}. */
    public BenchTarget withMmapOptions(String spec) {
        return new BenchTarget(strategy, "mmap=" + spec, dir, opener, Map.of(MMAP_PROPERTY, spec));
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
        return new BenchTarget(strategy, v, dir, opener, properties);
    }

    /** Opens the store with {@link #properties} set, restoring the previous values afterwards. */
    public CutoutStore open() {
        if (properties.isEmpty()) {
            return opener.apply(dir);
        }
        synchronized (BenchTarget.class) {
            Map<String, String> old = new HashMap<>();
            properties.forEach((k, v) -> old.put(k, System.setProperty(k, v)));
            try {
                return opener.apply(dir);
            } finally {
                old.forEach((k, v) -> {
                    if (v == null) {
                        System.clearProperty(k);
                    } else {
                        System.setProperty(k, v);
                    }
                });
            }
        }
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
