package org.cutouts.bench.regime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cutouts.bench.Checksum;
import org.cutouts.os.BlockDevice;
import org.cutouts.os.ProcIo;
import org.cutouts.os.ProcStatus;
import org.cutouts.store.CutoutStore;
import org.cutouts.store.ReadOptions;
import org.cutouts.store.Stores;
import org.cutouts.train.LocalityGroups;
import org.cutouts.train.LocalityOrder;

/**
 * The loader of a regime run, meant for a fresh JVM inside a memory cgroup ({@link RegimeRun} starts it):
 * opens one store and reads several epochs, split over reader threads the way loader workers split an
 * epoch (each thread its own contiguous range of the epoch's order, read in batches). What an epoch reads
 * follows the {@link Sampling}: the same seeded sample in a new order each epoch (data that fits in memory:
 * from the second epoch on, every read is a cache hit, as in training), or the next slice of one permutation
 * of the whole store (data larger than memory: no cutout is read twice, as within one real epoch, so a
 * steady-state read is cached only when readahead or a neighbour brought its pages in). Prints one JSON line: per epoch the rate and this
 * process's device reads ({@code /proc/self/io} read_bytes) and the device's read requests
 * ({@code /proc/diskstats}); the same per cutout over the steady-state epochs (all but the first); RSS at
 * the end; a checksum of the pixels read.
 *
 * <p>Usage: {@code RegimeReader <storeDir> <readOptions> <threads> <batch> <cutoutsPerEpoch> <epochs> <seed> <sampling> <maxEpochSeconds> <localityGroupBytes>}
 * (the group size matters to {@link Sampling#LOCALITY} only).
 */
public final class RegimeReader {
    private RegimeReader() {
    }

    /** A steady epoch of data that fits in memory lasts at least this long (passes over its sample repeat). */
    static final long MIN_WARM_EPOCH_NANOS = 1_000_000_000L;

    /** What each epoch reads. */
    public enum Sampling {
        /** The same seeded sample every epoch, in a new order. */
        REUSE,
        /** Epoch e reads the e-th slice of one seeded permutation of all cutouts: nothing is read twice. */
        FRESH,
        /**
         * Epoch e reads the next whole windows of one {@link LocalityOrder} of all cutouts (groups of the
         * given size, {@link LocalityOrder#WINDOW_GROUPS} per window, as the training iterators), as many as make at least its cutout count:
         * nothing is read twice, and no window is read in part, as in a full epoch.
         */
        LOCALITY
    }

    /** The counters around one epoch. */
    record Epoch(int cutouts, long nanos, ProcIo io, Optional<BlockDevice.Counters> device) {
        double cutoutsPerSec() {
            return cutouts / (nanos / 1e9);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 10) {
            System.err.println("usage: RegimeReader <storeDir> <readOptions> <threads> <batch> <cutoutsPerEpoch> <epochs> <seed> <sampling> "
                    + "<maxEpochSeconds> <localityGroupBytes>");
            System.exit(64);
        }
        Path dir = Path.of(args[0]);
        ReadOptions options = ReadOptions.parse(args[1]);
        int threads = Integer.parseInt(args[2]);
        int batch = Integer.parseInt(args[3]);
        int perEpoch = Integer.parseInt(args[4]);
        int epochs = Integer.parseInt(args[5]);
        long seed = Long.parseLong(args[6]);
        Sampling sampling = Sampling.valueOf(args[7]);
        double maxEpochSeconds = Double.parseDouble(args[8]);
        long groupBytes = Long.parseLong(args[9]);
        if (threads < 1 || batch < 1 || perEpoch < 1 || epochs < 2) {
            throw new IllegalArgumentException("threads, batch and cutouts per epoch must be positive and epochs at least 2 (one warm-up)");
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode out = json.createObjectNode();
        try (CutoutStore store = Stores.open(dir, options); ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            long needed = sampling == Sampling.REUSE ? perEpoch : (long) perEpoch * epochs;
            if (needed > store.size()) {
                throw new IllegalArgumentException(dir + ": " + perEpoch + " cutouts per epoch (" + sampling.name().toLowerCase(java.util.Locale.ROOT)
                        + " sampling, " + epochs + " epochs) need " + needed + " cutouts, but the store holds " + store.size());
            }
            Optional<BlockDevice> device = BlockDevice.of(dir);
            int[] sample = sampling == Sampling.LOCALITY ? null : sample(store.size(), (int) needed, seed);
            LocalityOrder locality = sampling == Sampling.LOCALITY
                    ? LocalityOrder.of(LocalityGroups.of(store, groupBytes), LocalityOrder.WINDOW_GROUPS, seed, 0) : null;
            int nextWindow = 0;
            List<Epoch> done = new ArrayList<>();
            long checksum = 0;
            for (int e = 0; e < epochs; e++) {
                int[] order;
                if (sampling == Sampling.LOCALITY) {
                    // whole windows, as a full epoch reads them: at least perEpoch cutouts, never part of a window
                    int from = nextWindow;
                    int cutouts = 0;
                    while (cutouts < perEpoch && nextWindow < locality.windowStarts().length) {
                        cutouts += locality.windowSize(nextWindow++);
                    }
                    if (cutouts < perEpoch) {
                        throw new IllegalArgumentException(dir + ": " + epochs + " epochs of " + perEpoch + " cutouts in whole locality windows "
                                + "need more than the store's " + store.size() + " cutouts");
                    }
                    int at = locality.windowStarts()[from];
                    order = java.util.Arrays.copyOfRange(locality.order(), at, at + cutouts);
                } else {
                    order = sampling == Sampling.FRESH ? java.util.Arrays.copyOfRange(sample, e * perEpoch, (e + 1) * perEpoch)
                            : shuffled(sample, seed + 0x9E3779B97F4A7C15L * (e + 1));
                }
                ProcIo io0 = ProcIo.now();
                Optional<BlockDevice.Counters> dev0 = device.map(BlockDevice::counters);
                long t0 = System.nanoTime();
                // the warm-up epoch of data that fits reads its whole sample, however long: it is what makes the
                // steady epochs warm (cut short, they would re-read cutouts it never reached, from the device)
                boolean warming = sampling == Sampling.REUSE && e == 0;
                long deadline = maxEpochSeconds > 0 && !warming ? t0 + (long) (maxEpochSeconds * 1e9) : Long.MAX_VALUE;
                // a warm pass over the sample can take milliseconds: each thread repeats its share, each time in a
                // new order, until the epoch is long enough to time (the checksum counts the first pass only, as in
                // every regime). The threads meet once per epoch, not once per pass: a pass of 4,096 warm cutouts
                // lasts about 3 ms on 2 threads, and a meeting each pass cost the slower thread's lead every time.
                long repeatUntil = sampling == Sampling.REUSE && e > 0 ? t0 + MIN_WARM_EPOCH_NANOS : Long.MIN_VALUE;
                long[] read = readEpoch(store, pool, threads, batch, order, deadline, repeatUntil, seed + e);
                checksum += read[1];
                long nanos = System.nanoTime() - t0;
                done.add(new Epoch((int) read[0], nanos, ProcIo.now().minus(io0), dev0.map(d -> device.get().counters().minus(d))));
                if (warming) {
                    jitWarmup(store, pool, threads, batch, order, seed);
                }
            }
            report(out, store, options, threads, batch, device, done, checksum);
            out.put("sampling", sampling.name());
            if (locality != null) {
                out.put("localityGroupBytes", groupBytes);
                out.put("localityWindows", locality.windowStarts().length);
                out.put("localityWindowsRead", nextWindow);
            }
            out.put("minWarmEpochSeconds", MIN_WARM_EPOCH_NANOS / 1e9);
        }
        ProcStatus mem = ProcStatus.now();
        out.put("rssAnonKb", mem.rssAnonKb());
        out.put("rssFileKb", mem.rssFileKb());
        out.put("vmHwmKb", mem.vmHwmKb());
        out.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        out.put("jvm", Runtime.version().toString());
        System.out.println(json.writeValueAsString(out));
    }

    /**
     * Untimed passes over the warm sample after the warm-up epoch, for at least {@link #MIN_WARM_EPOCH_NANOS}:
     * the warm-up epoch fills the cache in a few thousand reads, too few for the JIT to finish compiling the
     * read path, and on a machine with as many cores as reader threads the compiler then competes with the
     * readers for CPU inside the first steady epoch (it measured 2 threads / 1 thread 1.53x in that epoch
     * against 1.71x in the next).
     */
    private static void jitWarmup(CutoutStore store, ExecutorService pool, int threads, int batch, int[] order, long seed) throws Exception {
        long t0 = System.nanoTime();
        for (int pass = 1; System.nanoTime() - t0 < MIN_WARM_EPOCH_NANOS; pass++) {
            readEpoch(store, pool, threads, batch, shuffled(order, seed - pass), Long.MAX_VALUE, Long.MIN_VALUE, seed);
        }
    }

    /** The cutouts every epoch reads: a seeded sample of {@code n} out of {@code size}, without repeats. */
    static int[] sample(int size, int n, long seed) {
        int[] all = new int[size];
        for (int i = 0; i < size; i++) {
            all[i] = i;
        }
        return java.util.Arrays.copyOf(shuffled(all, seed), n);
    }

    /** A Fisher-Yates shuffle of a copy of {@code a}. */
    static int[] shuffled(int[] a, long seed) {
        int[] p = a.clone();
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = p.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /**
     * Reads {@code order} in batches, thread {@code t} taking the t-th contiguous share, each thread stopping
     * at {@code deadline} (slow stores on a cold device would otherwise take an hour per epoch); returns
     * {cutouts read, checksum}.
     */
    private static long[] readEpoch(CutoutStore store, ExecutorService pool, int threads, int batch, int[] order, long deadline,
                                    long repeatUntil, long seed) throws Exception {
        int per = (order.length + threads - 1) / threads;
        List<Future<long[]>> parts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int from = Math.min(order.length, t * per);
            int to = Math.min(order.length, from + per);
            long threadSeed = seed + 0x9E3779B97F4A7C15L * (t + 1);
            parts.add(pool.submit(() -> readRange(store, batch, order, from, to, deadline, repeatUntil, threadSeed)));
        }
        long[] sum = new long[2];
        for (Future<long[]> f : parts) {
            long[] p = f.get();
            sum[0] += p[0];
            sum[1] += p[1];
        }
        return sum;
    }

    /**
     * One thread's share {@code order[from, to)} of an epoch, then its share again in new orders while
     * {@code repeatUntil} is ahead; returns the cutouts read over all passes, the checksum of the first, and that
     * of the rest (kept so the JIT cannot drop their checksums).
     */
    private static long[] readRange(CutoutStore store, int batch, int[] order, int from, int to, long deadline, long repeatUntil, long seed) {
        int px = store.cutoutPixels();
        float[] buf = new float[batch * px];
        long sum = 0;
        long repeats = 0;
        long n = 0;
        int[] share = java.util.Arrays.copyOfRange(order, from, to);
        for (int pass = 0; pass == 0 || (System.nanoTime() < repeatUntil && share.length > 0); pass++) {
            if (pass > 0) {
                share = shuffled(share, seed + pass);
            }
            for (int k = 0; k < share.length && System.nanoTime() < deadline; k += batch) {
                int[] idx = java.util.Arrays.copyOfRange(share, k, Math.min(share.length, k + batch));
                store.readBatch(idx, buf);
                // every pass checksums what it read, so each cutout costs the same work in every pass
                long c = 0;
                for (int j = 0; j < idx.length; j++) {
                    c += Checksum.of(idx[j], buf, j * px, px);
                }
                if (pass == 0) {
                    sum += c;
                } else {
                    repeats += c;
                }
                n += idx.length;
            }
        }
        return new long[] {n, sum, repeats};
    }

    private static void report(ObjectNode out, CutoutStore store, ReadOptions options, int threads, int batch,
                               Optional<BlockDevice> device, List<Epoch> epochs, long checksum) {
        out.put("strategy", store.strategy().name());
        out.put("options", options.label());
        out.put("readPath", ReadOptions.readPath(store)); // what auto chose, and how mapped rows are copied
        store.tileCacheStats().ifPresent(s -> out.put("tileCache", String.format(java.util.Locale.ROOT,
                "tile cache %d MiB: hit rate %.3f (%d hits, %d misses), %.1f MiB read into it, %.1f MiB held at the end",
                s.capacityBytes() >> 20, s.hitRate(), s.hits(), s.misses(), s.bytesRead() / 1048576.0, s.allocatedBytes() / 1048576.0)));
        out.put("threads", threads);
        out.put("batch", batch);
        out.put("cutoutBytes", store.spec().bytes());
        out.put("storeCutouts", store.size());
        out.put("device", device.map(BlockDevice::name).orElse(""));
        out.put("readaheadKb", device.map(BlockDevice::readaheadKb).orElse(-1L));
        ArrayNode list = out.putArray("epochs");
        long cutouts = 0;
        long nanos = 0;
        long readBytes = 0;
        long requests = 0;
        double minRate = Double.POSITIVE_INFINITY;
        double maxRate = 0;
        for (int e = 0; e < epochs.size(); e++) {
            Epoch ep = epochs.get(e);
            ObjectNode n = list.addObject();
            n.put("cutouts", ep.cutouts());
            n.put("seconds", ep.nanos() / 1e9);
            n.put("cutoutsPerSec", ep.cutoutsPerSec());
            n.put("readBytes", ep.io().readBytes());
            n.put("deviceReadRequests", ep.device().map(BlockDevice.Counters::readRequests).orElse(-1L));
            n.put("deviceBytes", ep.device().map(BlockDevice.Counters::bytesRead).orElse(-1L));
            if (e > 0) {
                minRate = Math.min(minRate, ep.cutoutsPerSec());
                maxRate = Math.max(maxRate, ep.cutoutsPerSec());
                cutouts += ep.cutouts();
                nanos += ep.nanos();
                readBytes += ep.io().readBytes();
                requests += ep.device().map(BlockDevice.Counters::readRequests).orElse(0L);
            }
        }
        ObjectNode steady = out.putObject("steady");
        steady.put("cutouts", cutouts);
        steady.put("cutoutsPerSec", cutouts / (nanos / 1e9));
        steady.put("cutoutsPerSecMin", minRate);
        steady.put("cutoutsPerSecMax", maxRate);
        steady.put("readBytesPerCutout", (double) readBytes / cutouts);
        steady.put("requestsPerCutout", device.isPresent() ? (double) requests / cutouts : -1);
        out.put("checksum", Checksum.hex(checksum));
    }
}
