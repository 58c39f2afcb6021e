package org.cutouts.report;

import java.util.List;
import java.util.Locale;
import org.cutouts.data.MosaicSpec;
import org.cutouts.store.CutoutSpec;
import org.cutouts.store.EdgePolicy;

/**
 * What notebook 02 learned, as sentences in the run's numbers: how long generating took, whether the
 * bits are reproducible, what the catalogue weighs against the pixels, and how many windows need an
 * edge policy.
 *
 * @param spec               the mosaic generated
 * @param seconds            wall time of generating the mosaic and its catalogue
 * @param mosaicBytes        size of {@code mosaic.npy}
 * @param catalogueBytes     size of {@code catalogue.csv}
 * @param catalogueRows      rows of the catalogue
 * @param sameSeedIdentical  the same seed, regenerated in other strips, gave the file's bits
 * @param otherSeedIdentical another seed gave the file's bits (it must not)
 * @param cut                the cutout size
 * @param partialWindows     windows that run past the mosaic's edge
 */
public record GenerationLessons(MosaicSpec spec, double seconds, long mosaicBytes, long catalogueBytes, int catalogueRows,
                                boolean sameSeedIdentical, boolean otherSeedIdentical, CutoutSpec cut, int partialWindows) {
    private static final double MIB = 1024.0 * 1024.0;

    public List<String> lessons() {
        return List.of(generation(), determinism(), catalogue(), edges());
    }

    String generation() {
        return String.format(Locale.ROOT, "Generating the %d x %d float32 mosaic (%.1f MiB, %,d sources) and its catalogue from seed %d "
                        + "took %.2f s (%.0f MiB/s), streamed to disk a strip of rows at a time.", spec.width(), spec.height(),
                mosaicBytes / MIB, spec.sources(), spec.seed(), seconds, mosaicBytes / MIB / seconds);
    }

    String determinism() {
        if (sameSeedIdentical && !otherSeedIdentical) {
            return String.format(Locale.ROOT, "Reproducible: regenerated in other strips, seed %d gives the file's pixels bit for bit "
                    + "and seed %d different ones, so the data can be remade instead of shipped.", spec.seed(), spec.seed() + 1);
        }
        return String.format(Locale.ROOT, "NOT reproducible in this run: the same seed gave bit-identical pixels: %s; another seed "
                + "gave bit-identical pixels: %s (expected true, then false).", sameSeedIdentical, otherSeedIdentical);
    }

    String catalogue() {
        return String.format(Locale.ROOT, "The catalogue is the only per-cutout data: %.2f MiB for %,d rows (%.0f bytes a row), "
                        + "%.1f%% of the mosaic's %.1f MiB; the pixels exist once, in mosaic.npy.", catalogueBytes / MIB, catalogueRows,
                (double) catalogueBytes / Math.max(1, catalogueRows), 100.0 * catalogueBytes / mosaicBytes, mosaicBytes / MIB);
    }

    String edges() {
        String policy = cut.edgePolicy() == EdgePolicy.PAD ? "come back padded with " + cut.fill() : "are refused (strict edge policy)";
        return String.format(Locale.ROOT, "%,d of %,d cutout windows of %d x %d (%.1f%%) run past the mosaic's edge and %s: "
                        + "an edge policy is part of the storage contract, not an afterthought.", partialWindows, catalogueRows,
                cut.width(), cut.height(), 100.0 * partialWindows / Math.max(1, catalogueRows), policy);
    }
}
