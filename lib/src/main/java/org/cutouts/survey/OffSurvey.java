package org.cutouts.survey;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.cutouts.store.CutoutOutOfBoundsException;
import org.cutouts.store.CutoutSpec;
import org.cutouts.store.EdgePolicy;

/**
 * Cutouts of sources that project onto no tile: the edge policy decides, as for a window off a
 * mosaic: PAD fills them with the fill value, STRICT refuses them naming the source.
 */
public final class OffSurvey {
    private OffSurvey() {
    }

    /** Fills {@code count} stamps at {@code dst[offset ..]}, or throws under STRICT. */
    public static void fill(CutoutSpec spec, Path surveyDir, long id, double ra, double dec, float[] dst, int offset, int count) {
        if (spec.edgePolicy() == EdgePolicy.STRICT) {
            String where = Double.isNaN(ra) ? "" : String.format(Locale.ROOT, " at RA %.6f, Dec %.6f", ra, dec);
            throw new CutoutOutOfBoundsException(String.format(Locale.ROOT, "%s: source %d%s lies on no tile of the survey",
                    surveyDir, id, where));
        }
        Arrays.fill(dst, offset, offset + count * spec.pixels(), spec.fill());
    }
}
