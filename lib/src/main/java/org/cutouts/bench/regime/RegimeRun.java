package org.cutouts.bench.regime;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.cutouts.os.FreshJvm;
import org.cutouts.os.MachineInfo;
import org.cutouts.os.MemoryCgroup;
import org.cutouts.os.PageCache;
import org.cutouts.os.Posix;
import org.cutouts.store.StoreManifest;

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
 * @param timeout          how long the reader may take
 */
public record RegimeRun(Path store, String options, Regime regime, long memoryLimitBytes, int threads, int batch, int cutoutsPerEpoch,
                        int epochs, long seed, String heap, Duration timeout) {

    /** A run with the defaults: batch 32, two epochs, a 128 MiB heap, 30 minutes at most. */
    public static RegimeRun of(Path store, String options, Regime regime, long memoryLimitBytes, int threads, int cutoutsPerEpoch) {
        return new RegimeRun(store, options, regime, memoryLimitBytes, threads, 32, cutoutsPerEpoch, 2, 42, "128m", Duration.ofMinutes(30));
    }

    public RegimeRun withHeap(String xmx) {
        return new RegimeRun(store, options, regime, memoryLimitBytes, threads, batch, cutoutsPerEpoch, epochs, seed, xmx, timeout);
    }

    public RegimeRun withEpochs(int n) {
        return new RegimeRun(store, options, regime, memoryLimitBytes, threads, batch, cutoutsPerEpoch, n, seed, heap, timeout);
    }

    /** Measures, or says in the result's status why it did not. */
    public RegimeResult run() {
        StoreManifest manifest = StoreManifest.read(store);
        List<Path> files = PageCache.storeFiles(store);
        long dataSet = pageRoundedBytes(files);
        long memory = regime == Regime.LARGER_THAN_MEMORY ? memoryLimitBytes : MachineInfo.availableMemoryBytes();
        Partial p = new Partial(manifest, dataSet, memory);
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
        String evicted = "store files synced and evicted (posix_fadvise DONTNEED), " + eviction.after().residentPages() + " of "
                + eviction.after().totalPages() + " pages resident after (mincore)";
        FreshJvm reader = FreshJvm.of(RegimeReader.class, store.toString(), options, Integer.toString(threads), Integer.toString(batch),
                Integer.toString(cutoutsPerEpoch), Integer.toString(epochs), Long.toString(seed))
                .withJvmArgs("-Xmx" + heap, "-XX:+UseSerialGC").withTimeout(timeout);
        if (regime == Regime.FITS_IN_MEMORY) {
            return measure(p, reader, evicted + "; " + reader.describe() + " without a cgroup (memory = MemAvailable)", null);
        }
        try (MemoryCgroup cg = MemoryCgroup.create(memoryLimitBytes)) {
            return measure(p, reader.withWrapper(cg.wrapper()), evicted + "; " + reader.describe() + " in a " + cg.describe(), cg);
        }
    }

    private RegimeResult measure(Partial p, FreshJvm reader, String where, MemoryCgroup cg) {
        JsonNode j;
        try {
            j = reader.run();
        } catch (IllegalStateException e) {
            String oom = cg != null && cg.oomKills() > 0 ? " (the kernel OOM-killed it in the cgroup)" : "";
            return p.status("failed" + oom + ": " + e.getMessage(), where);
        }
        List<Double> rates = new ArrayList<>();
        j.get("epochs").forEach(e -> rates.add(e.get("cutoutsPerSec").asDouble()));
        JsonNode steady = j.get("steady");
        long readahead = j.get("readaheadKb").asLong();
        String method = where + "; " + threads + " reader threads, each reading its contiguous share of a new permutation per epoch of a "
                + "fixed seeded sample of " + cutoutsPerEpoch + " cutouts, in batches of " + batch + "; " + epochs + " epochs, steady = all but "
                + "the first; device bytes = /proc/self/io read_bytes; requests = /proc/diskstats reads of "
                + (j.get("device").asText().isEmpty() ? "(no block device found)" : j.get("device").asText() + " (whole device)")
                + "; readahead " + readahead + " KiB";
        return new RegimeResult(p.manifest.strategy().name(), options, regime.label(), p.memory, p.dataSet, threads, batch, epochs,
                cutoutsPerEpoch, steady.get("cutoutsPerSec").asDouble(), rates, steady.get("readBytesPerCutout").asDouble(),
                steady.get("requestsPerCutout").asDouble(), j.get("cutoutBytes").asLong(), readahead, j.get("rssAnonKb").asLong(),
                j.get("rssFileKb").asLong(), cg == null ? -1 : cg.peakBytes(), j.get("checksum").asText(), "ok", method);
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
            return new RegimeResult(manifest.strategy().name(), options, regime.label(), memory, dataSet, threads, batch, epochs,
                    cutoutsPerEpoch, Double.NaN, List.of(), Double.NaN, Double.NaN, manifest.spec().bytes(), -1, -1, -1, -1, "", status, method);
        }
    }

    /** The bytes the page cache needs to hold {@code files}: each rounded up to whole pages. */
    static long pageRoundedBytes(List<Path> files) {
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
