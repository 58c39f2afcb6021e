package org.cutouts.bench.targets;

import java.util.List;
import java.util.function.DoubleSupplier;
import org.cutouts.bench.BenchTarget;
import org.cutouts.bench.Limits;
import org.cutouts.bench.ReadOrder;
import org.cutouts.bench.RunSpec;
import org.cutouts.bench.Stats;
import org.cutouts.bench.ThroughputRun;
import org.cutouts.os.CacheState;

/**
 * Per-round rates (cutouts/s) of several targets measured in interleaved rounds, plus memcpy per
 * round: each round runs the memcpy bound once and every target once (one untimed warm pass, one
 * timed pass, same indices), so a ratio is taken between measurements seconds apart. The machine is
 * shared (other builds and benchmarks run beside this one); pairing per round keeps their load from
 * landing on one side of a ratio only.
 */
record PairedRounds(double[] memcpyBps, double[][] rates) {

    /** {@code spec.reps()} rounds over {@code targets}, target i read on {@code threads[i]} threads. */
    static PairedRounds measure(RunSpec spec, long cutoutBytes, List<BenchTarget> targets, int[] threads) {
        return measure(spec, cutoutBytes, targets, threads, List.of());
    }

    /**
     * As {@link #measure(RunSpec, long, List, int[])}, plus passes of another program ({@code peers}, each
     * giving one timed pass's cutouts/s), whose rates follow the targets' in {@link #rates()}. The peers
     * run after the targets in even rounds and before them in odd rounds, so that a drift in the
     * machine's load does not always land on the same side of a ratio.
     */
    static PairedRounds measure(RunSpec spec, long cutoutBytes, List<BenchTarget> targets, int[] threads, List<DoubleSupplier> peers) {
        int rounds = spec.reps();
        long batchBytes = spec.batch() * cutoutBytes;
        double[] mem = new double[rounds];
        double[][] rates = new double[targets.size() + peers.size()][rounds];
        for (int r = 0; r < rounds; r++) {
            mem[r] = Limits.memcpy(batchBytes, (long) spec.throughputReads() * cutoutBytes, 1, 1, spec.seed() + r)[0];
            if (r % 2 == 1) {
                peerPasses(peers, rates, targets.size(), r);
            }
            for (int i = 0; i < targets.size(); i++) {
                ThroughputRun run = new ThroughputRun(spec.throughputReads(), spec.batch(), threads[i], ReadOrder.RANDOM, CacheState.WARM, 1, 1,
                        spec.seed());
                rates[i][r] = run.run(targets.get(i)).stats().median();
            }
            if (r % 2 == 0) {
                peerPasses(peers, rates, targets.size(), r);
            }
        }
        return new PairedRounds(mem, rates);
    }

    private static void peerPasses(List<DoubleSupplier> peers, double[][] rates, int first, int round) {
        for (int k = 0; k < peers.size(); k++) {
            rates[first + k][round] = peers.get(k).getAsDouble();
        }
    }

    /** Per-round rate of target a over target b. */
    double[] ratio(int a, int b) {
        double[] r = new double[rates[a].length];
        for (int i = 0; i < r.length; i++) {
            r[i] = rates[a][i] / rates[b][i];
        }
        return r;
    }

    /** Per-round bytes/s of target a over that round's memcpy. */
    double[] toMemcpy(int a, long cutoutBytes) {
        double[] r = new double[rates[a].length];
        for (int i = 0; i < r.length; i++) {
            r[i] = rates[a][i] * cutoutBytes / memcpyBps[i];
        }
        return r;
    }

    double medianRate(int a) {
        return median(rates[a]);
    }

    static double median(double[] v) {
        return Stats.of(v).median();
    }
}
