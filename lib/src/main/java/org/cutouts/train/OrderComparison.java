package org.cutouts.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.cutouts.bench.TargetRow;
import org.cutouts.report.chart.TrainingCharts;
import org.cutouts.store.CutoutStore;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/**
 * Does a locality-aware epoch order change what the model learns? For each seed, the same
 * {@link SmallConvNet} (same initial weights) is trained for the same steps twice, once on a full shuffle
 * and once on a {@link LocalityOrder}, and both models are scored on the same held-out sample: cutouts
 * drawn with a seed of their own and never in a training batch. The locality order is acceptable when the
 * difference of the mean held-out losses is within the seed-to-seed spread of full shuffling.
 *
 * <pre>{@code
 * var cmp = OrderComparison.on(store).groupBytes(8 << 20).seeds(1, 2, 3).steps(200).run();
 * cmp.runs();      // order, seed, held-out loss, last training losses
 * cmp.summary();   // per order: mean, min, max of the held-out loss; the difference against the spread
 * }</pre>
 */
public final class OrderComparison {
    /** Column names of {@link Result#runs()} and {@link Result#summary()}. */
    public static final String ORDER = "order";
    public static final String SEED = "seed";
    public static final String HELD_OUT_LOSS = "held-out loss";
    public static final String LAST_TRAINING_LOSS = "training loss, mean of the last 10 steps";
    public static final String MEAN = "mean held-out loss";
    public static final String MIN = "min";
    public static final String MAX = "max";
    public static final String SHUFFLE = "full shuffle";
    public static final String LOCALITY = "locality-aware";
    /** Column names of {@link Result#curves()} besides {@link #ORDER} and {@link #SEED}. */
    public static final String STEP = "step";
    public static final String LOSS = "training loss";

    private final CutoutStore store;
    private long groupBytes = 8L << 20;
    private long[] seeds = {1, 2, 3};
    private int steps = 200;
    private int batch = 32;
    private int heldOut = 512;

    private OrderComparison(CutoutStore store) {
        this.store = store;
    }

    public static OrderComparison on(CutoutStore store) {
        return new OrderComparison(store);
    }

    public OrderComparison groupBytes(long bytes) {
        this.groupBytes = bytes;
        return this;
    }

    public OrderComparison seeds(long... s) {
        if (s.length < 2) {
            throw new IllegalArgumentException("a seed-to-seed spread needs at least two seeds, got " + s.length);
        }
        this.seeds = s.clone();
        return this;
    }

    public OrderComparison steps(int n) {
        this.steps = n;
        return this;
    }

    public OrderComparison batch(int n) {
        this.batch = n;
        return this;
    }

    /** Cutouts set aside to score the models. */
    public OrderComparison heldOut(int n) {
        this.heldOut = n;
        return this;
    }

    /**
     * The two orders' runs and their summary.
     *
     * @param runs          one row per order and seed: the held-out loss and the last training losses
     * @param summary       per order: the held-out loss's mean, min and max over the seeds
     * @param curves        the training loss per step of every run: order, seed, step, loss
     * @param difference    locality-aware minus full shuffle, in mean held-out loss
     * @param shuffleSpread full shuffling's held-out loss, max minus min over the seeds
     * @param method        how it was measured, in words
     */
    public record Result(Table runs, Table summary, Table curves, double difference, double shuffleSpread, String method) {
        /** Whether the mean held-out losses differ by no more than full shuffling's min-to-max spread over seeds. */
        public boolean withinSpread() {
            return Math.abs(difference) <= shuffleSpread;
        }

        /** The learning half of the locality order's target: the difference in units of the spread, at most 1 to pass. */
        public TargetRow target() {
            return TargetRow.judged("C3 learning: |locality-aware - full shuffle| mean held-out loss / full shuffling's seed-to-seed spread",
                    Math.abs(difference) / shuffleSpread, 1.0, "x spread", "<=", String.format(Locale.ROOT,
                            "difference %+.4f, spread %.4f (max - min over %d seeds); %s", difference, shuffleSpread,
                            curves.column(SEED).unique().size(), method));
        }

        /** The training loss per step: per order, the mean over the seeds as a line and their min-to-max as a band. */
        public Figure lossFigure() {
            return TrainingCharts.orderLoss(curves, ORDER, STEP, LOSS);
        }
    }

    public Result run() {
        int n = store.size();
        if (heldOut < 1 || heldOut + batch > n) {
            throw new IllegalArgumentException(store.location() + ": " + heldOut + " held-out cutouts and batches of " + batch
                    + " need more than the store's " + n + " cutouts");
        }
        // the held-out sample: its own seed, and left out of every training order below
        int[] all = EpochOrder.shuffled(n, 0x5EEDL, 0);
        int[] evalIdx = Arrays.copyOf(all, heldOut);
        boolean[] held = new boolean[n];
        for (int i : evalIdx) {
            held[i] = true;
        }
        BatchReader reader = new BatchReader(store, LabelMode.CLASSIFICATION, Normalisation.ASINH);
        DataSet eval = reader.read(evalIdx);
        int[] groups = LocalityGroups.of(store, groupBytes);
        StringColumn order = StringColumn.create(ORDER);
        LongColumn seed = LongColumn.create(SEED);
        DoubleColumn evalLoss = DoubleColumn.create(HELD_OUT_LOSS);
        DoubleColumn lastLoss = DoubleColumn.create(LAST_TRAINING_LOSS);
        StringColumn curveOrder = StringColumn.create(ORDER);
        LongColumn curveSeed = LongColumn.create(SEED);
        IntColumn curveStep = IntColumn.create(STEP);
        DoubleColumn curveLoss = DoubleColumn.create(LOSS);
        for (long s : seeds) {
            for (String o : List.of(SHUFFLE, LOCALITY)) {
                List<Double> losses = new ArrayList<>();
                double held0 = train(reader, held, groups, o.equals(LOCALITY), s, eval, losses);
                order.append(o);
                seed.append(s);
                evalLoss.append(held0);
                lastLoss.append(losses.subList(Math.max(0, steps - 10), steps).stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN));
                for (int k = 0; k < losses.size(); k++) {
                    curveOrder.append(o);
                    curveSeed.append(s);
                    curveStep.append(k);
                    curveLoss.append(losses.get(k));
                }
            }
        }
        Table runs = Table.create("held-out loss per epoch order and seed", order, seed, evalLoss, lastLoss);
        Table curves = Table.create("training loss per step, order and seed", curveOrder, curveSeed, curveStep, curveLoss);
        StringColumn so = StringColumn.create(ORDER);
        DoubleColumn mean = DoubleColumn.create(MEAN);
        DoubleColumn min = DoubleColumn.create(MIN);
        DoubleColumn max = DoubleColumn.create(MAX);
        IntColumn count = IntColumn.create("seeds");
        double[] means = new double[2];
        double spread = 0;
        for (int k = 0; k < 2; k++) {
            String o = k == 0 ? SHUFFLE : LOCALITY;
            double[] v = runs.where(runs.stringColumn(ORDER).isEqualTo(o)).doubleColumn(HELD_OUT_LOSS).asDoubleArray();
            so.append(o);
            means[k] = Arrays.stream(v).average().orElse(Double.NaN);
            mean.append(means[k]);
            min.append(Arrays.stream(v).min().orElse(Double.NaN));
            max.append(Arrays.stream(v).max().orElse(Double.NaN));
            count.append(v.length);
            if (k == 0) {
                spread = Arrays.stream(v).max().orElse(Double.NaN) - Arrays.stream(v).min().orElse(Double.NaN);
            }
        }
        Table summary = Table.create("held-out loss over seeds", so, count, mean, min, max);
        String method = String.format(Locale.ROOT, "SmallConvNet (Adam %.0e), classification, asinh; %d steps of %d per run; seeds %s, each "
                        + "seed the same initial weights and iterator seed for both orders; locality-aware: groups of %.1f MiB, %d per window; "
                        + "held-out: %d cutouts of a seeded shuffle, never trained on, scored with MultiLayerNetwork.score after the last step",
                SmallConvNet.DEFAULT_LEARNING_RATE, steps, batch, Arrays.toString(seeds), groupBytes / 1048576.0, LocalityOrder.WINDOW_GROUPS,
                heldOut);
        return new Result(runs, summary, curves, means[1] - means[0], spread, method);
    }

    /** One run: the held-out loss after the last step; the training loss of every step goes to {@code losses}. */
    private double train(BatchReader reader, boolean[] held, int[] groups, boolean locality, long seed, DataSet eval, List<Double> losses) {
        MultiLayerNetwork net = SmallConvNet.build(store.spec(), LabelMode.CLASSIFICATION, seed, SmallConvNet.DEFAULT_LEARNING_RATE);
        try {
            int[] buffer = new int[batch];
            int filled = 0;
            for (int epoch = 0; losses.size() < steps; epoch++) {
                int[] order = locality ? LocalityOrder.epoch(groups, LocalityOrder.WINDOW_GROUPS, seed, epoch)
                        : EpochOrder.shuffled(store.size(), seed, epoch);
                for (int i : order) {
                    if (held[i]) {
                        continue;
                    }
                    buffer[filled++] = i;
                    if (filled == batch) {
                        DataSet ds = reader.read(buffer);
                        net.fit(ds);
                        losses.add(net.score());
                        ds.getFeatures().close();
                        ds.getLabels().close();
                        filled = 0;
                        if (losses.size() == steps) {
                            break;
                        }
                    }
                }
            }
            return net.score(eval);
        } finally {
            net.close();
        }
    }
}
