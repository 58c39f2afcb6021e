package org.cutouts.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.cutouts.bench.Stats;
import org.cutouts.fits.Detections;
import org.cutouts.store.Strategy;

/**
 * What notebook 04 learned on the real HST image, as sentences in the run's numbers: what the detector
 * kept and why it left the rest out, the RA/Dec round trip, disk per strategy, and which differences in
 * warm read throughput this run resolves (interquartile ranges apart) and which it does not.
 */
public final class RealImageLessons {
    /** One strategy's store of the real cutouts: its files, allocated bytes and warm throughput. */
    public record Store(Strategy strategy, long files, long allocatedBytes, Stats cutoutsPerSecond) {
    }

    private final Detections detections;
    private final double worstShiftPx;
    private final List<Store> stores = new ArrayList<>();

    /** @param worstShiftPx the largest RA/Dec -> pixel -> RA/Dec difference from the detected peak */
    public RealImageLessons(Detections detections, double worstShiftPx) {
        this.detections = detections;
        this.worstShiftPx = worstShiftPx;
    }

    /** Records one strategy's store (call once per strategy, in any order). */
    public void add(Strategy strategy, long files, long allocatedBytes, Stats cutoutsPerSecond) {
        stores.add(new Store(strategy, files, allocatedBytes, cutoutsPerSecond));
    }

    public List<String> lessons() {
        List<String> out = new ArrayList<>();
        out.add("Detection on the SCI band with its DQ band: " + detections.summary()
                + " The stamps above are therefore unsaturated, distinct stars.");
        out.add(String.format(Locale.ROOT, "A catalogue in RA/Dec survives the CSV round trip: RA/Dec -> pixel -> RA/Dec lands within "
                + "%.2e px of every detected peak.", worstShiftPx));
        if (!stores.isEmpty()) {
            out.add(disk());
            out.add(throughput());
        }
        return out;
    }

    String disk() {
        Store small = stores.stream().min(Comparator.comparingLong(Store::allocatedBytes)).orElseThrow();
        Store large = stores.stream().max(Comparator.comparingLong(Store::allocatedBytes)).orElseThrow();
        return String.format(Locale.ROOT, "Disk for %,d cutouts: %s allocates the most, %.0f KiB in %,d files; %s the least, "
                        + "%.0f KiB in %,d files (%.1fx less).", detections.catalogue().size(), large.strategy().label(),
                large.allocatedBytes() / 1024.0, large.files(), small.strategy().label(), small.allocatedBytes() / 1024.0, small.files(),
                (double) large.allocatedBytes() / Math.max(1, small.allocatedBytes()));
    }

    /** The fastest and slowest, and for each neighbour pair in the ranking whether their IQRs are apart. */
    String throughput() {
        List<Store> ranked = stores.stream().sorted(Comparator.comparingDouble((Store s) -> -s.cutoutsPerSecond().median())).toList();
        List<String> unresolved = new ArrayList<>();
        for (int i = 0; i + 1 < ranked.size(); i++) {
            Stats faster = ranked.get(i).cutoutsPerSecond();
            Stats slower = ranked.get(i + 1).cutoutsPerSecond();
            if (faster.p25() <= slower.p75()) {
                unresolved.add(ranked.get(i).strategy().label() + " vs " + ranked.get(i + 1).strategy().label());
            }
        }
        Store first = ranked.getFirst();
        Store last = ranked.getLast();
        String ranking = unresolved.isEmpty()
                ? "every step of the ranking is resolved: neighbours' interquartile ranges do not overlap."
                : "these neighbours in the ranking are not resolved by this run, their interquartile ranges overlap: "
                + String.join("; ", unresolved) + ".";
        return String.format(Locale.ROOT, "Warm random reads, batches of 32, on one small image: %s is fastest at %,.0f cutouts/s "
                        + "(IQR %,.0f), %s slowest at %,.0f (%.1fx); %s Notebook 05 measures at the pipeline's scale.",
                first.strategy().label(), first.cutoutsPerSecond().median(), first.cutoutsPerSecond().iqr(), last.strategy().label(),
                last.cutoutsPerSecond().median(), first.cutoutsPerSecond().median() / last.cutoutsPerSecond().median(), ranking);
    }
}
