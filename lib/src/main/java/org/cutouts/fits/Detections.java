package org.cutouts.fits;

import java.util.Locale;
import org.cutouts.data.Catalogue;

/**
 * What {@link PeakDetector#find} found, and what it left out on purpose.
 *
 * @param catalogue        the kept sources, brightest first
 * @param candidates       sources found after masking, skipping saturated ones and merging duplicates,
 *                         before the {@code maxSources} cap
 * @param cap              {@link DetectionParams#maxSources()} (0 = none)
 * @param merged           peaks closer than {@link DetectionParams#mergeRadius()} to a brighter one, merged into it
 * @param saturated        peaks skipped because a saturated pixel lies in their measuring box
 * @param maskedPixels     pixels of the image the data-quality band masked
 * @param nsigma           the detection threshold in noise sigmas
 */
public record Detections(Catalogue catalogue, int candidates, int cap, int merged, int saturated, long maskedPixels, double nsigma) {

    /** True when the cap cut the catalogue short: more candidates than it keeps. */
    public boolean capReached() {
        return cap > 0 && candidates > cap;
    }

    /** "1000 of 2,345 candidates (cap reached)", or "812 sources" when the cap was not reached. */
    public String count() {
        return capReached()
                ? String.format(Locale.ROOT, "%,d of %,d candidates (cap reached)", catalogue.size(), candidates)
                : String.format(Locale.ROOT, "%,d sources", catalogue.size());
    }

    /** One sentence: the count, the threshold, and what masking, saturation and merging removed. */
    public String summary() {
        return String.format(Locale.ROOT, "%s at %s sigma; %,d DQ-flagged pixels masked, %,d saturated sources skipped, "
                + "%,d duplicate peaks merged into a brighter one.", count(),
                java.math.BigDecimal.valueOf(nsigma).stripTrailingZeros().toPlainString(), maskedPixels, saturated, merged);
    }
}
