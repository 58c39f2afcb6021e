package org.cutouts.train;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.cutouts.store.CutoutStore;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A real, small training loop fed by a {@link CutoutDataSetIterator}: it measures how many samples per
 * second one store gets into a model and records the loss of every step.
 *
 * <pre>{@code
 * TrainingResult r = TrainingRun.on(store).steps(50).batch(32).seed(1).run();
 * r.summary();     // samples/s, load share, first/last loss
 * r.lossCurve();   // loss per step
 * }</pre>
 *
 * <p><b>How it measures</b> (the benchmark engine's conventions): each repetition builds a fresh
 * {@link SmallConvNet} and a fresh iterator with the same seed, runs {@code warmup} steps that are
 * recorded but excluded from throughput (JIT, ND4J initialisation, the first page faults, and for the
 * whole-tensor control the one-off load of the mosaic), then {@code steps} measured steps. A step is
 * {@code next()} (wall time blocked waiting for data: {@code load_ms}) then {@code net.fit(batch)}
 * ({@code compute_ms}); when an epoch ends mid-run the iterator is reset to the next epoch.
 * {@code samples_per_s} = samples in measured steps / their wall time, median over repetitions (min and
 * max alongside); {@code load_share} = blocked time / step time. {@code loader_samples_per_s} is the
 * same iterator drained alone for the same number of batches, without a model: the ceiling the store
 * could feed. Losses come from repetition 0; {@code first_loss} is step 0, {@code last_loss} the final
 * step, and {@code first3_loss}/{@code last3_loss} the means of the first and last three steps.
 *
 * <p>Train with {@link Normalisation#ASINH} (the default) or {@link Normalisation#ZSCORE}: with
 * {@link Normalisation#NONE} the NaN padding of edge cutouts reaches the model and the loss becomes
 * NaN (throughput is still measured). With few cores, start the JVM with {@code OMP_NUM_THREADS=1}
 * (see {@link SmallConvNet}).
 */
public final class TrainingRun {
    private final CutoutStore store;
    private int steps = 50;
    private int warmup = 5;
    private int batch = 32;
    private long seed = 1;
    private int repetitions = 1;
    private LabelMode labels = LabelMode.CLASSIFICATION;
    private Normalisation normalisation = Normalisation.ASINH;
    private int prefetchDepth = 4;
    private int prefetchThreads = 1;
    private double learningRate = SmallConvNet.DEFAULT_LEARNING_RATE;
    private Duration timeout = Duration.ofSeconds(60);

    private TrainingRun(CutoutStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** A run on {@code store}, defaults: 5 warm-up + 50 steps of 32, seed 1, 1 repetition, classification, asinh, prefetch 4 on 1 thread, Adam 1e-3. */
    public static TrainingRun on(CutoutStore store) {
        return new TrainingRun(store);
    }

    /** The same configuration on another store. */
    public TrainingRun withStore(CutoutStore other) {
        TrainingRun r = new TrainingRun(other);
        r.steps = steps;
        r.warmup = warmup;
        r.batch = batch;
        r.seed = seed;
        r.repetitions = repetitions;
        r.labels = labels;
        r.normalisation = normalisation;
        r.prefetchDepth = prefetchDepth;
        r.prefetchThreads = prefetchThreads;
        r.learningRate = learningRate;
        r.timeout = timeout;
        return r;
    }

    public TrainingRun steps(int n) {
        this.steps = positive("steps", n);
        return this;
    }

    public TrainingRun warmup(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("warm-up steps must not be negative: " + n);
        }
        this.warmup = n;
        return this;
    }

    public TrainingRun batch(int n) {
        this.batch = positive("batch", n);
        return this;
    }

    public TrainingRun seed(long s) {
        this.seed = s;
        return this;
    }

    public TrainingRun repetitions(int n) {
        this.repetitions = positive("repetitions", n);
        return this;
    }

    public TrainingRun labels(LabelMode mode) {
        this.labels = Objects.requireNonNull(mode);
        return this;
    }

    public TrainingRun normalisation(Normalisation n) {
        this.normalisation = Objects.requireNonNull(n);
        return this;
    }

    public TrainingRun prefetch(int depth, int threads) {
        if (depth < 0 || threads < 1) {
            throw new IllegalArgumentException("prefetch depth must be >= 0 and threads >= 1");
        }
        this.prefetchDepth = depth;
        this.prefetchThreads = threads;
        return this;
    }

    public TrainingRun learningRate(double lr) {
        if (!(lr > 0)) {
            throw new IllegalArgumentException("learning rate must be positive: " + lr);
        }
        this.learningRate = lr;
        return this;
    }

    public TrainingRun timeout(Duration t) {
        this.timeout = Objects.requireNonNull(t);
        return this;
    }

    private static int positive(String what, int n) {
        if (n < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, got " + n);
        }
        return n;
    }

    CutoutDataSetIterator iterator() {
        return CutoutDataSetIterator.over(store).batchSize(batch).labels(labels).normalisation(normalisation)
                .seed(seed).prefetch(prefetchDepth, prefetchThreads).timeout(timeout).build();
    }

    /** Trains, measures and returns the tables. */
    public TrainingResult run() {
        String strategy = store.strategy().label();
        Table curve = Table.create("training loss per step",
                StringColumn.create("strategy"), IntColumn.create("repetition"), IntColumn.create("step"),
                StringColumn.create("phase"), IntColumn.create("samples"), DoubleColumn.create("loss"),
                DoubleColumn.create("load_ms"), DoubleColumn.create("compute_ms"));
        double[] rate = new double[repetitions];
        double[] share = new double[repetitions];
        double[] loaderRate = new double[repetitions];
        for (int rep = 0; rep < repetitions; rep++) {
            long[] measured = trainOnce(strategy, rep, curve);
            rate[rep] = measured[0] / (measured[1] / 1e9);
            share[rep] = (double) measured[2] / measured[1];
            loaderRate[rep] = loaderOnly();
        }
        double[] loss = TrainingResult.lossesOf(curve, strategy, 0);
        Table summary = Table.create("training throughput per strategy",
                StringColumn.create("strategy", strategy),
                IntColumn.create("cutouts", new int[] {store.size()}),
                StringColumn.create("cutout", store.spec().width() + "x" + store.spec().height()),
                IntColumn.create("batch", new int[] {batch}),
                IntColumn.create("warmup_steps", new int[] {warmup}),
                IntColumn.create("steps", new int[] {steps}),
                IntColumn.create("repetitions", new int[] {repetitions}),
                DoubleColumn.create("samples_per_s", median(rate)),
                DoubleColumn.create("samples_per_s_min", Arrays.stream(rate).min().orElseThrow()),
                DoubleColumn.create("samples_per_s_max", Arrays.stream(rate).max().orElseThrow()),
                DoubleColumn.create("loader_samples_per_s", median(loaderRate)),
                DoubleColumn.create("load_share", median(share)),
                DoubleColumn.create("first_loss", loss[0]),
                DoubleColumn.create("last_loss", loss[loss.length - 1]),
                DoubleColumn.create("first3_loss", TrainingResult.mean(loss, 0, Math.min(3, loss.length))),
                DoubleColumn.create("last3_loss", TrainingResult.mean(loss, Math.max(0, loss.length - 3), loss.length)),
                StringColumn.create("method", method()));
        return new TrainingResult(curve, summary);
    }

    /** One repetition: returns {samples measured, wall ns measured, blocked-in-next ns measured}. */
    private long[] trainOnce(String strategy, int rep, Table curve) {
        MultiLayerNetwork net = SmallConvNet.build(store.spec(), labels, seed, learningRate);
        long samples = 0;
        long wall = 0;
        long blocked = 0;
        try (CutoutDataSetIterator it = iterator()) {
            for (int step = 0; step < warmup + steps; step++) {
                long t0 = System.nanoTime();
                if (!it.hasNext()) {
                    it.reset();
                }
                DataSet ds = it.next();
                long t1 = System.nanoTime();
                net.fit(ds);
                double loss = net.score();
                long t2 = System.nanoTime();
                int n = ds.numExamples();
                boolean counted = step >= warmup;
                if (counted) {
                    samples += n;
                    wall += t2 - t0;
                    blocked += t1 - t0;
                }
                curve.stringColumn("strategy").append(strategy);
                curve.intColumn("repetition").append(rep);
                curve.intColumn("step").append(step);
                curve.stringColumn("phase").append(counted ? "measured" : "warmup");
                curve.intColumn("samples").append(n);
                curve.doubleColumn("loss").append(loss);
                curve.doubleColumn("load_ms").append((t1 - t0) / 1e6);
                curve.doubleColumn("compute_ms").append((t2 - t1) / 1e6);
            }
        } finally {
            net.close();
        }
        return new long[] {samples, wall, blocked};
    }

    /** The iterator alone, same batches, no model: samples/s over the batches after the warm-up. */
    private double loaderOnly() {
        long samples = 0;
        long wall = 0;
        try (CutoutDataSetIterator it = iterator()) {
            for (int step = 0; step < warmup + steps; step++) {
                long t0 = System.nanoTime();
                if (!it.hasNext()) {
                    it.reset();
                }
                DataSet ds = it.next();
                long t1 = System.nanoTime();
                if (step >= warmup) {
                    samples += ds.numExamples();
                    wall += t1 - t0;
                }
                ds.getFeatures().close();
                ds.getLabels().close();
            }
        }
        return samples / (wall / 1e9);
    }

    private String method() {
        return String.format(Locale.ROOT, "wall clock of %d steps after %d warm-up steps, median of %d repetition(s); "
                        + "SmallConvNet (conv5x5/2x8, maxpool2, dense32, Adam %.0e), %s labels, %s normalisation, "
                        + "prefetch depth %d on %d thread(s), seed %d; loader = iterator alone, same batches",
                steps, warmup, repetitions, learningRate, labels, normalisation, prefetchDepth, prefetchThreads, seed);
    }

    static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        int m = s.length;
        return (m & 1) == 1 ? s[m / 2] : 0.5 * (s[m / 2 - 1] + s[m / 2]);
    }
}
