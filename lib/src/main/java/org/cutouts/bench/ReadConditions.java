package org.cutouts.bench;

/**
 * How a run read: order (random, sequential), page cache (warm, cold, cold-isolated), batch size,
 * reader threads, cutouts per repetition, timed repetitions and warm-up repetitions, and the memory
 * regime of the data set read ({@link org.cutouts.bench.regime.Regime#classify}).
 */
public record ReadConditions(String order, String cache, Integer batch, Integer threads, Integer reads, Integer reps, Integer warmups,
                             String regime) {
}
