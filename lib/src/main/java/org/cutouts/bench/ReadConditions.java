package org.cutouts.bench;

/**
 * How a run read: order (random, sequential), page cache (warm, cold, cold-isolated), batch size,
 * reader threads, cutouts per repetition, timed repetitions and warm-up repetitions, and the memory
 * regime of the data set read ({@link org.cutouts.bench.regime.Regime#classify}).
 */
public record ReadConditions(String order, String cache, Integer batch, Integer threads, Integer reads, Integer reps, Integer warmups,
                             String regime) {
    public static final String ORDER = "order";
    public static final String CACHE = "cache";
    public static final String BATCH = "batch";
    public static final String THREADS = "threads";
    public static final String WARMUPS = "warmups";
    public static final String REGIME = "regime";
    /** Values of {@link #ORDER} and {@link #CACHE}. */
    public static final String RANDOM = "random";
    public static final String WARM = "warm";
    public static final String COLD = "cold";

    /** The same conditions in {@code r}. */
    public ReadConditions withRegime(String r) {
        return new ReadConditions(order, cache, batch, threads, reads, reps, warmups, r);
    }
}
