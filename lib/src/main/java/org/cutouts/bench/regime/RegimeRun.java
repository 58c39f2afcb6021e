package org.cutouts.bench.regime;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.cutouts.os.FileMetadataCache;
import org.cutouts.os.FreshJvm;
import org.cutouts.os.MachineInfo;
import org.cutouts.os.MemoryCgroup;
import org.cutouts.os.PageCache;
import org.cutouts.os.Posix;
import org.cutouts.store.StoreManifest;
import org.cutouts.store.Strategy;

/**
 * One store measured in one memory regime: sync and evict the store's files (pages cached from outside
 * the cgroup would be read without being charged to it), check that they are not resident, then run
 * {@link RegimeReader} in a fresh JVM, inside a {@link MemoryCgroup} of {@code memoryLimitBytes} for
 * "larger than memory", without one for "fits in memory". A run whose sizes do not meet the regime's
 * definition is refused, one that cannot get a cgroup is skipped, each with the reason in its status.
 *
 * @param store            the store directory
 * @param options          {@code ReadOptions} label for the reader
 * @param regime           which regime this run claims
 * @param memoryLimitBytes the cgroup limit (larger than memory); ignored when the data set fits
 * @param threads          reader threads (1, 2, 4, 8 ...)
 * @param batch            cutouts per batch
 * @param cutoutsPerEpoch  the seeded sample every epoch reads
 * @param epochs           at least 2: the first is the warm-up
 * @param seed             for the sample and the epoch orders
 * @param heap             the reader's {@code -Xmx}, e.g. {@code 128m}
 * @param maxEpochSeconds  an epoch stops after this long (0: never): a row-major mosaic read cold can take an hour per epoch
 * @param timeout          how long the reader may take
 * @param localityGroupBytes  0: random order; otherwise data larger than memory is read in a locality-aware
 *                         order of groups of this many bytes ({@link RegimeReader.Sampling#LOCALITY})
 */
public record RegimeRun(Path store, String options, Regime regime, long memoryLimitBytes, int threads, int batch, int cutoutsPerEpoch,
                        int epochs, long seed, String heap, double maxEpochSeconds, Duration timeout, long localityGroupBytes) {

    public RegimeRun(Path store, String options, Regime regime, long memoryLimitBytes, int threads, int batch, int cutoutsPerEpoch,
                     int epochs, long seed, String heap, double maxEpochSeconds, Duration timeout) {
        this(store, options, regime, memoryLimitBytes, threads, batch, cutoutsPerEpoch, epochs, seed, heap, maxEpochSeconds, timeout, 0);
    }

    /** How the store was made cold, for the method text. */
    static final String EVICTION = "the store's files synced and evicted (posix_fadvise DONTNEED) and checked not resident (mincore) "
            + "before the reader started; ";

    /** A run with the defaults: batch 32, two epochs, a 128 MiB heap, no epoch time limit, 30 minutes at most. */
    public static RegimeRun of(Path store, String options, Regime regime, long memoryLimitBytes, int threads, int cutoutsPerEpoch) {
        return new RegimeRun(store, options, regime, memoryLimitBytes, threads, 32, cutoutsPerEpoch, 2, 42, "128m", 0, Duration.ofMinutes(30));
    }

    public RegimeRun withHeap(String xmx) {
        return new RegimeRun(store, options, regime, memoryLimitBytes, threads, batch, cutoutsPerEpoch, epochs, seed, xmx, maxEpochSeconds, timeout, localityGroupBytes);
    }

    public RegimeRun withEpochs(int n) {
        return new RegimeRun(store, options, regime, memoryLimitBytes, threads, batch, cutoutsPerEpoch, n, seed, heap, maxEpochSeconds, timeout, localityGroupBytes);
    }

    public RegimeRun withBatch(int n) {
        return new RegimeRun(store, options, regime, memoryLimitBytes, threads, n, cutoutsPerEpoch, epochs, seed, heap, maxEpochSeconds, timeout, localityGroupBytes);
    }

    public RegimeRun withSeed(long s) {
        return new RegimeRun(store, options, regime, memoryLimitBytes, threads, batch, cutoutsPerEpoch, epochs, s, heap, maxEpochSeconds, timeout, localityGroupBytes);
    }

    public RegimeRun withMaxEpochSeconds(double seconds) {
        return new RegimeRun(store, options, regime, memoryLimitBytes, threads, batch, cutoutsPerEpoch, epochs, seed, heap, seconds, timeout, localityGroupBytes);
    }

    /**
     * The same run in a locality-aware order of groups of {@code groupBytes} (larger than memory only: data
     * that fits is cached whatever the order).
     */
    public RegimeRun withLocality(long groupBytes) {
        return new RegimeRun(store, options, regime, memoryLimitBytes, threads, batch, cutoutsPerEpoch, epochs, seed, heap, maxEpochSeconds,
                timeout, groupBytes);
    }

    /** Data larger than memory never re-reads a cutout (as within one real epoch); data that fits re-reads one sample (as epochs do). */
    public RegimeReader.Sampling sampling() {
        if (regime != Regime.LARGER_THAN_MEMORY) {
            return RegimeReader.Sampling.REUSE;
        }
        return localityGroupBytes > 0 ? RegimeReader.Sampling.LOCALITY : RegimeReader.Sampling.FRESH;
    }

    /** Measures, or says in the result's status why it did not. */
    public RegimeResult run() {
        StoreManifest manifest = StoreManifest.read(store);
        List<Path> files = PageCache.storeFiles(store);
        long dataSet = pageRoundedBytes(files);
        long memory = regime == Regime.LARGER_THAN_MEMORY ? memoryLimitBytes : MachineInfo.availableMemoryBytes();
        Partial p = new Partial(manifest, dataSet, memory);
        if (manifest.strategy() == Strategy.WHOLE_TENSOR && regime == Regime.LARGER_THAN_MEMORY) {
            return p.status("skipped: the negative control loads the whole data set into the heap, which cannot hold 4x its memory", "not run");
        }
        Optional<String> why = regime.whyNot(dataSet, memory);
        if (why.isPresent()) {
            return p.status("refused: " + why.get(), "not run");
        }
        MemoryCgroup.Availability cgroups = MemoryCgroup.availability();
        if (regime == Regime.LARGER_THAN_MEMORY && !cgroups.available()) {
            return p.status("skipped: no memory cgroup (" + cgroups.reason() + ")", "not run");
        }
        PageCache.Eviction eviction = PageCache.evict(files);
        if (!eviction.cold()) {
            return p.status(eviction.status(), "not run");
        }
        String residency = "evicted, " + eviction.after().residentPages() + " of " + eviction.after().totalPages() + " pages resident (mincore)"
                + (sampling() != RegimeReader.Sampling.REUSE ? "; no cutout read twice" : "; steady epochs re-read the sample (warm by design)");
        if (regime == Regime.LARGER_THAN_MEMORY) {
            // the eviction opened every file: without this, a store of many files would be read with every name
            // and inode cached, which memory this small cannot hold
            residency += "; " + FileMetadataCache.drop().description() + ", " + FileMetadataCache.dentries() + " names cached machine-wide after";
        }
        String xmx = manifest.strategy() == Strategy.WHOLE_TENSOR ? Math.max(dataSet * 3 / 2 + (256L << 20), parseBytes(heap)) / 1048576 + "m" : heap;
        FreshJvm reader = FreshJvm.of(RegimeReader.class, store.toString(), options, Integer.toString(threads), Integer.toString(batch),
                Integer.toString(cutoutsPerEpoch), Integer.toString(epochs), Long.toString(seed), sampling().name(),
                Double.toString(maxEpochSeconds), Long.toString(localityGroupBytes)).withJvmArgs("-Xmx" + xmx, "-XX:+UseSerialGC").withTimeout(timeout);
        if (regime == Regime.FITS_IN_MEMORY) {
            return measure(p, reader, residency, EVICTION + reader.describe() + " without a cgroup (memory = MemAvailable)", null);
        }
        try (MemoryCgroup cg = MemoryCgroup.create(memoryLimitBytes)) {
            return measure(p, reader.withWrapper(cg.wrapper()), residency, EVICTION + reader.describe() + " in a " + cg.describe(), cg);
        }
    }

    /** {@code 128m}, {@code 2g} or a byte count, in bytes. */
    static long parseBytes(String size) {
        String s = size.strip().toLowerCase(Locale.ROOT);
        long unit = s.endsWith("g") ? 1L << 30 : s.endsWith("m") ? 1L << 20 : s.endsWith("k") ? 1L << 10 : 1;
        return Long.parseLong(unit == 1 ? s : s.substring(0, s.length() - 1)) * unit;
    }

    private RegimeResult measure(Partial p, FreshJvm reader, String residency, String where, MemoryCgroup cg) {
        JsonNode j;
        try {
            j = reader.run();
        } catch (IllegalStateException e) {
            String oom = cg != null && cg.oomKills() > 0 ? " (the kernel OOM-killed it in the cgroup)" : "";
            return p.status("failed" + oom + ": " + e.getMessage(), where);
        }
        JsonNode steady = j.get("steady");
        long readahead = j.get("readaheadKb").asLong();
        String epochText = sampling() == RegimeReader.Sampling.LOCALITY
                ? "locality-aware order: groups of " + localityGroupBytes / 1048576.0 + " MiB of the store (" + j.get("localityWindows").asInt()
                        + " windows of " + org.cutouts.train.LocalityOrder.WINDOW_GROUPS + " groups) shuffled, cutouts shuffled within each window; epoch e "
                        + "reads the next whole windows, at least " + cutoutsPerEpoch + " cutouts (" + j.get("localityWindowsRead").asInt()
                        + " windows in all)"
                : sampling() == RegimeReader.Sampling.FRESH
                ? "epoch e reads the e-th slice of " + cutoutsPerEpoch + " cutouts of one seeded permutation of all " + j.get("storeCutouts").asInt()
                : "every epoch reads a new permutation of one seeded sample of " + cutoutsPerEpoch + " cutouts, in a steady epoch each "
                        + "thread repeating its share in new orders for at least " + j.get("minWarmEpochSeconds").asDouble() + " s, after untimed passes as long "
                        + "that follow the warm-up epoch (JIT warm-up)";
        String method = where + "; sample seed " + seed + "; " + threads + " reader threads, each reading its contiguous share of the epoch in batches of " + batch + "; "
                + epochText + (maxEpochSeconds <= 0 ? "" : sampling() == RegimeReader.Sampling.REUSE
                ? ", each epoch but the warm-up (which fills the cache) stopping after " + maxEpochSeconds + " s"
                : ", each epoch stopping after " + maxEpochSeconds + " s") + "; " + epochs
                + " epochs, steady = all but the first; device bytes = /proc/self/io read_bytes; requests = /proc/diskstats reads of "
                + (j.get("device").asText().isEmpty() ? "(no block device found)" : j.get("device").asText() + " (whole device)")
                + "; readahead " + readahead + " KiB"
                + (j.has("readPath") ? "; read path " + j.get("readPath").asText() : "")
                + (j.has("tileCache") ? "; " + j.get("tileCache").asText() + " (all epochs)" : "");
        double perCutout = steady.get("readBytesPerCutout").asDouble();
        long cutoutBytes = j.get("cutoutBytes").asLong();
        double requests = steady.get("requestsPerCutout").asDouble();
        // nothing is read twice larger than memory: a steady cutout that cost the device less than half its
        // bytes was served from pages cached outside the measurement, and the row must not pass as cold
        // and data that fits re-reads what the warm-up epoch cached: a steady cutout that still costs the device
        // more than a twentieth of its bytes was not served from memory
        // in a locality-aware order neighbours share pages, and a cold epoch reads about the data set's bytes
        // per stored cutout: the floor is half of that, or half the cutout's own bytes if smaller
        double floor = sampling() == RegimeReader.Sampling.LOCALITY
                ? 0.5 * Math.min(cutoutBytes, (double) p.dataSet / j.get("storeCutouts").asInt()) : 0.5 * cutoutBytes;
        String status = sampling() != RegimeReader.Sampling.REUSE && perCutout < floor
                ? String.format(Locale.ROOT, "not cold: a steady cutout read %.0f device bytes, under the %.0f a cold read needs at least",
                        perCutout, floor)
                : sampling() == RegimeReader.Sampling.REUSE && perCutout > 0.05 * cutoutBytes
                ? String.format(Locale.ROOT, "not warm: a steady cutout read %.0f device bytes, over a twentieth of its own %d", perCutout, cutoutBytes)
                        + (bypassesPageCache() ? "; explicit reads through the ring go around the page cache (O_DIRECT), so they have no warm "
                                + "regime (noring or the mapping has)" : "")
                : "ok";
        return new RegimeResult("java", p.manifest.strategy().name(), options, regime.label(), sampling().name(), p.memory, p.dataSet,
                (double) p.dataSet / p.memory, threads, batch, epochs, steady.get("cutouts").asLong(), steady.get("cutoutsPerSec").asDouble(),
                steady.get("cutoutsPerSecMin").asDouble(), steady.get("cutoutsPerSecMax").asDouble(),
                j.get("epochs").get(0).get("cutoutsPerSec").asDouble(), perCutout, perCutout / cutoutBytes, requests < 0 ? null : requests,
                cutoutBytes, readahead, j.get("rssAnonKb").asLong() / 1024.0, j.get("rssFileKb").asLong() / 1024.0,
                cg == null ? null : cg.peakBytes() / 1048576.0, residency, j.get("checksum").asText(), status, method);
    }

    /** Whether this run's read path reads straight from the device wherever it can: explicit (or auto) through the ring. */
    private boolean bypassesPageCache() {
        try {
            org.cutouts.store.ReadOptions o = org.cutouts.store.ReadOptions.parse(options);
            return o.explicit() && o.ring();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** What is known before the reader runs. */
    private final class Partial {
        final StoreManifest manifest;
        final long dataSet;
        final long memory;

        Partial(StoreManifest manifest, long dataSet, long memory) {
            this.manifest = manifest;
            this.dataSet = dataSet;
            this.memory = memory;
        }

        RegimeResult status(String status, String method) {
            return new RegimeResult("java", manifest.strategy().name(), options, regime.label(), sampling().name(), memory, dataSet,
                    memory > 0 ? (double) dataSet / memory : null, threads, batch, epochs, null, null, null, null, null, null, null, null,
                    manifest.spec().bytes(), null, null, null, null, "not read", "", status, method);
        }
    }

    /** The bytes the page cache needs to hold {@code files}: each rounded up to whole pages. */
    public static long pageRoundedBytes(List<Path> files) {
        long page = Posix.pageSize();
        long sum = 0;
        for (Path f : files) {
            long size = Posix.stat(f).size();
            sum += (size + page - 1) / page * page;
        }
        return sum;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s %s %s, %d threads", store.getFileName(), options, regime.label(), threads);
    }
}
