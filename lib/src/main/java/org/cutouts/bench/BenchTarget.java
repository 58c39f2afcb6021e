package org.cutouts.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.cutouts.os.PageCache;
import org.cutouts.store.CutoutStore;
import org.cutouts.store.ReadOptions;
import org.cutouts.store.StoreManifest;
import org.cutouts.store.Stores;

/**
 * Something to benchmark: a store directory and the read options it is opened with, and the names it
 * carries in result rows. {@code variant} distinguishes layouts or read paths of one strategy (e.g.
 * {@code mmap=baseline}); the default stores use {@code "default"}. Cold runs close the store, evict
 * every regular file under {@code dir} and reopen it.
 */
public record BenchTarget(String strategy, String variant, Path dir, ReadOptions options) {
    public static final String DEFAULT_VARIANT = "default";

    public BenchTarget {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(options, "options");
    }

    /** A store as written, opened with {@code options}, labelled {@code variant}. */
    public static BenchTarget of(Path dir, String variant, ReadOptions options) {
        return new BenchTarget(StoreManifest.read(dir).strategy().name(), variant, dir, options);
    }

    /** A store as written, opened with the default read options. */
    public static BenchTarget of(Path dir) {
        return of(dir, DEFAULT_VARIANT, ReadOptions.defaults());
    }

    /** The same store opened with {@link ReadOptions#parse(String) spec}, labelled {@code mmap=spec}. */
    public BenchTarget withMmapOptions(String spec) {
        return new BenchTarget(strategy, "mmap=" + spec, dir, ReadOptions.parse(spec));
    }

    public BenchTarget withVariant(String v) {
        return new BenchTarget(strategy, v, dir, options);
    }

    /**
     * The memory regime of this store read without a cgroup: its files (page-rounded) against the
     * memory available now ({@code MemAvailable}).
     */
    public String regime() {
        return org.cutouts.bench.regime.Regime.classify(org.cutouts.bench.regime.RegimeRun.pageRoundedBytes(files()),
                org.cutouts.os.MachineInfo.availableMemoryBytes());
    }

    /** Opens the store through the one door, {@link Stores#open(Path, ReadOptions)}. */
    public CutoutStore open() {
        return Stores.open(dir, options);
    }

    /**
     * The start of a cold repetition: closes {@code open}, lets the GC release its mappings, evicts the
     * target's files (the eviction, verified or not, is appended to {@code log}) and opens it again.
     */
    public CutoutStore evictAndReopen(CutoutStore open, List<PageCache.Eviction> log) {
        open.close();
        PageCache.releaseMappings();
        log.add(PageCache.evict(files()));
        return open();
    }

    /** The files a cold run evicts. */
    public List<Path> files() {
        return PageCache.storeFiles(dir);
    }

    /** Bytes of one cutout of this store, as its manifest records the stamp it was written with. */
    public long cutoutBytes() {
        return StoreManifest.read(dir).spec().bytes();
    }

    /** This target's identity in result rows: java, strategy, variant and the stamp size it reads. */
    public Identity identity() {
        return new Identity("java", strategy, variant, cutoutBytes());
    }

    /** Starts a result row with this target's identity columns. */
    public Row row() {
        return ResultRecords.toRow(identity());
    }
}
