package org.cutouts.train;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.cutouts.store.CutoutStore;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * An ND4J {@link DataSetIterator} over the cutouts of any {@link CutoutStore}: features
 * {@code [batch, 1, height, width]} float, labels from the catalogue ({@link LabelMode}). Cutouts are
 * read batch by batch, on demand; the iterator never holds more than the prefetched batches, so with
 * the memory-mapped and HDF5 stores nothing grows with the number of cutouts except the epoch order
 * ({@code int[n]}) and the catalogue.
 *
 * <pre>{@code
 * try (var it = CutoutDataSetIterator.over(store).batchSize(32).seed(1).normalisation(Normalisation.ASINH).build()) {
 *     net.fit(it, 3);   // three epochs, three different orders
 * }
 * }</pre>
 *
 * <p><b>Epochs.</b> Epoch {@code e} visits the cutouts in {@link EpochOrder#shuffled(int, long, int)
 * EpochOrder.shuffled(n, seed, e)} (or a {@link LocalityOrder} with {@code localityAware(groupBytes)}, or
 * catalogue order with {@code shuffle(false)}). The iterator starts
 * at epoch 0; {@link #reset()} moves to the next epoch if the current one has handed out any batch,
 * and otherwise just restarts it (so the extra {@code reset()} DL4J may call before {@code fit} does not
 * skip an epoch). {@link #startEpoch(int)} jumps to any epoch.
 *
 * <p><b>Batches.</b> {@code n / batchSize} full batches, then a last partial one of {@code n % batchSize}
 * cutouts unless {@code dropLast(true)}.
 *
 * <p><b>Normalisation</b> is per cutout ({@link Normalisation}); NaN padding becomes 0 after it.
 * {@link Normalisation#NONE} passes pixels (NaN included) through unchanged.
 *
 * <p><b>Threads.</b> With {@code prefetch(depth, threads)} and {@code depth > 0}, batches are read on a
 * bounded pool of daemon threads, at most {@code depth} ahead of the consumer, and delivered in order.
 * A read failure surfaces from {@code next()} as a {@link BatchReadException} naming the store, the
 * cutout index and the file; a batch slower than {@code timeout} surfaces the same way: nothing hangs.
 * {@link #close()} stops the threads (it does not close the store, which the caller owns).
 * The public methods are synchronised, so the iterator may be driven from another thread than the
 * one that built it, but it is one sequence: concurrent consumers would split the batches between them.
 *
 * <p><b>asyncSupported()</b> is {@code false} while the iterator prefetches itself, so DL4J's
 * {@code fit} does not wrap it in a second {@code AsyncDataSetIterator} (a second queue and thread that
 * would add nothing), and {@code true} with {@code depth == 0}, where DL4J's wrapper may prefetch on
 * its own single thread. A {@link DataSetPreProcessor}, if set, runs on the consumer's thread in
 * {@code next()}, never on the prefetch threads.
 */
public final class CutoutDataSetIterator implements DataSetIterator, AutoCloseable {
    private static final long serialVersionUID = 1L;

    private final transient CutoutStore store;
    private final transient BatchReader reader;
    private final int batchSize;
    private final LabelMode labelMode;
    private final Normalisation normalisation;
    private final long seed;
    private final boolean shuffle;
    /** Locality group of each cutout, or null for a full shuffle. */
    private final int[] localityGroups;
    private final boolean dropLast;
    private final int prefetchDepth;
    private final transient Prefetcher<DataSet> prefetcher;
    private transient DataSetPreProcessor preProcessor;

    private int epoch;
    private int[] order;
    /** Position in {@code order} of the next cutout to hand out. */
    private int cursor;
    /** Whether the prefetcher's plan starts at {@link #cursor} for the current epoch. */
    private boolean planned;
    private boolean closed;

    private CutoutDataSetIterator(Builder b) {
        this.store = b.store;
        this.batchSize = b.batchSize;
        this.labelMode = b.labelMode;
        this.normalisation = b.normalisation;
        this.seed = b.seed;
        this.shuffle = b.shuffle;
        this.localityGroups = b.localityGroupBytes > 0 ? LocalityGroups.of(b.store, b.localityGroupBytes) : null;
        this.dropLast = b.dropLast;
        this.prefetchDepth = b.prefetchDepth;
        this.reader = new BatchReader(store, labelMode, normalisation);
        this.prefetcher = new Prefetcher<>(store.strategy().label() + " store " + store.location(), store.location(),
                b.prefetchDepth, b.prefetchThreads, b.timeout);
        startEpoch(0);
    }

    /** Starts configuring an iterator over {@code store}. */
    public static Builder over(CutoutStore store) {
        return new Builder(store);
    }

    /** Configuration, with defaults: batch 32, classification, no normalisation, seed 0, shuffled, keep the last partial batch, prefetch depth 4 on 1 thread, timeout 60 s. */
    public static final class Builder {
        private final CutoutStore store;
        private int batchSize = 32;
        private LabelMode labelMode = LabelMode.CLASSIFICATION;
        private Normalisation normalisation = Normalisation.NONE;
        private long seed;
        private boolean shuffle = true;
        private long localityGroupBytes;
        private boolean dropLast;
        private int prefetchDepth = 4;
        private int prefetchThreads = 1;
        private Duration timeout = Duration.ofSeconds(60);

        private Builder(CutoutStore store) {
            this.store = Objects.requireNonNull(store, "store");
        }

        public Builder batchSize(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("batch size must be at least 1, got " + n);
            }
            this.batchSize = n;
            return this;
        }

        public Builder labels(LabelMode mode) {
            this.labelMode = Objects.requireNonNull(mode, "label mode");
            return this;
        }

        public Builder normalisation(Normalisation n) {
            this.normalisation = Objects.requireNonNull(n, "normalisation");
            return this;
        }

        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /**
         * A locality-aware order instead of a full shuffle ({@link LocalityOrder}): groups of about
         * {@code groupBytes} of the store ({@link LocalityGroups}), four to a window. For data larger than
         * memory: size the groups so that a window (four groups) stays cached, e.g. an eighth of the memory.
         */
        public Builder localityAware(long groupBytes) {
            if (groupBytes < 1) {
                throw new IllegalArgumentException("a locality group needs a positive size in bytes, got " + groupBytes);
            }
            this.localityGroupBytes = groupBytes;
            return this;
        }

        /** {@code false}: every epoch in catalogue order. */
        public Builder shuffle(boolean on) {
            this.shuffle = on;
            return this;
        }

        /** {@code true}: drop the last batch when it is smaller than the batch size. */
        public Builder dropLast(boolean on) {
            this.dropLast = on;
            return this;
        }

        /** Batches read ahead ({@code depth}, 0 = read in {@code next()}) on {@code threads} background threads. */
        public Builder prefetch(int depth, int threads) {
            if (depth < 0 || threads < 1) {
                throw new IllegalArgumentException("prefetch depth must be >= 0 and threads >= 1, got " + depth + ", " + threads);
            }
            this.prefetchDepth = depth;
            this.prefetchThreads = threads;
            return this;
        }

        /** Longest wait in {@code next()} for one batch before it fails. */
        public Builder timeout(Duration t) {
            if (t == null || t.isZero() || t.isNegative()) {
                throw new IllegalArgumentException("timeout must be positive, got " + t);
            }
            this.timeout = t;
            return this;
        }

        public CutoutDataSetIterator build() {
            return new CutoutDataSetIterator(this);
        }
    }

    // ---- epochs -------------------------------------------------------------------------------

    /** Jumps to the start of epoch {@code e}, with its order. */
    public synchronized void startEpoch(int e) {
        ensureOpen();
        if (e < 0) {
            throw new IllegalArgumentException("epoch must not be negative: " + e);
        }
        epoch = e;
        order = !shuffle ? EpochOrder.identity(store.size())
                : localityGroups != null ? LocalityOrder.epoch(localityGroups, LocalityOrder.WINDOW_GROUPS, seed, e)
                : EpochOrder.shuffled(store.size(), seed, e);
        cursor = 0;
        planned = false;
    }

    /** The current epoch (0-based). */
    public synchronized int epoch() {
        return epoch;
    }

    /** The current epoch's visiting order, a copy. */
    public synchronized int[] epochOrder() {
        return order.clone();
    }

    /** Batches per epoch. */
    public int batchesPerEpoch() {
        int n = store.size();
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /** Moves to the next epoch, or restarts the current one if nothing of it has been handed out yet. */
    @Override
    public synchronized void reset() {
        startEpoch(cursor > 0 ? epoch + 1 : epoch);
    }

    // ---- iteration ----------------------------------------------------------------------------

    @Override
    public synchronized boolean hasNext() {
        return !closed && store.size() - cursor >= (dropLast ? batchSize : 1);
    }

    @Override
    public synchronized DataSet next() {
        ensureOpen();
        if (!hasNext()) {
            throw new NoSuchElementException("epoch " + epoch + " of " + store.location() + " is finished; call reset()");
        }
        if (!planned) {
            plan();
        }
        DataSet ds = prefetcher.take();
        cursor += ds.numExamples();
        return preProcessed(ds);
    }

    /**
     * The next {@code num} cutouts (fewer at the end of the epoch), read on this thread. Batches already
     * prefetched are dropped and prefetching resumes after these.
     */
    @Override
    public synchronized DataSet next(int num) {
        ensureOpen();
        if (num < 1) {
            throw new IllegalArgumentException("num must be at least 1, got " + num);
        }
        if (num == batchSize) {
            return next();
        }
        if (cursor >= store.size()) {
            throw new NoSuchElementException("epoch " + epoch + " of " + store.location() + " is finished; call reset()");
        }
        int end = Math.min(store.size(), cursor + num);
        DataSet ds = reader.read(Arrays.copyOfRange(order, cursor, end));
        cursor = end;
        planned = false;
        return preProcessed(ds);
    }

    private DataSet preProcessed(DataSet ds) {
        if (preProcessor != null) {
            preProcessor.preProcess(ds);
        }
        return ds;
    }

    /** Hands the prefetcher the rest of the epoch from the cursor, batch by batch. */
    private void plan() {
        final int[] o = order;
        final int base = cursor;
        final int n = o.length;
        int remaining = n - base;
        int batches = dropLast ? remaining / batchSize : (remaining + batchSize - 1) / batchSize;
        prefetcher.restart(k -> batchTask(o, base + k * batchSize, Math.min(n, base + (k + 1) * batchSize)), batches);
        planned = true;
    }

    private Callable<DataSet> batchTask(int[] o, int from, int to) {
        return () -> reader.read(Arrays.copyOfRange(o, from, to));
    }

    // ---- DataSetIterator metadata -------------------------------------------------------------

    @Override
    public int inputColumns() {
        return store.cutoutPixels();
    }

    @Override
    public int totalOutcomes() {
        return labelMode.columns();
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    /** {@code false} while this iterator prefetches on its own threads; {@code true} without prefetching. */
    @Override
    public boolean asyncSupported() {
        return prefetchDepth == 0;
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public synchronized void setPreProcessor(DataSetPreProcessor p) {
        this.preProcessor = p;
    }

    @Override
    public synchronized DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public List<String> getLabels() {
        return labelMode.classNames();
    }

    public CutoutStore store() {
        return store;
    }

    public LabelMode labelMode() {
        return labelMode;
    }

    public Normalisation normalisation() {
        return normalisation;
    }

    /** Stops the prefetch threads (waiting for a running read to finish). The store stays open. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            prefetcher.close();
        }
    }

    /** Whether every prefetch thread has stopped (after {@link #close()}). */
    public boolean threadsStopped() {
        return prefetcher.terminated();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("iterator over " + store.location() + " is closed");
        }
    }

    @Override
    public String toString() {
        return "CutoutDataSetIterator[" + store.strategy().label() + " " + store.location() + ", batch " + batchSize
                + ", " + labelMode + ", " + normalisation + ", seed " + seed + (shuffle ? (localityGroups != null ? " locality-aware" : "") : " unshuffled")
                + (dropLast ? ", drop last" : "") + ", prefetch " + prefetchDepth + ", epoch " + epoch + "]";
    }
}
