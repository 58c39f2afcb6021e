package org.cutouts.survey;

import java.util.ArrayList;
import java.util.List;
import org.cutouts.data.Catalogue;

/**
 * The plain single-JVM reference: measures every cutout of a survey in order through
 * {@link SurveyStore}. The Spark job must agree with it bit for bit, and its rate is the baseline
 * of the Spark-overhead target.
 */
public final class SurveyLoop {
    private SurveyLoop() {
    }

    /** Measures cutouts {@code ids} (survey rows), reading {@code batch} at a time. */
    public static List<CutoutMeasurement> measure(SurveyStore survey, int[] ids, int batch) {
        int n = survey.cutoutPixels();
        float[] buf = new float[batch * n];
        Catalogue cat = survey.catalogue();
        List<CutoutMeasurement> out = new ArrayList<>(ids.length);
        for (int start = 0; start < ids.length; start += batch) {
            int m = Math.min(batch, ids.length - start);
            int[] chunk = java.util.Arrays.copyOfRange(ids, start, start + m);
            survey.readBatch(chunk, buf);
            for (int k = 0; k < m; k++) {
                int i = chunk[k];
                int t = survey.tileOf(i);
                double x = t == TileAssignment.NONE ? Double.NaN : cat.x(i);
                double y = t == TileAssignment.NONE ? Double.NaN : cat.y(i);
                out.add(CutoutMeasurement.of(i, t, x, y, survey.spec(), buf, k * n));
            }
        }
        return out;
    }

    /** Every cutout of the survey, in order. */
    public static List<CutoutMeasurement> measureAll(SurveyStore survey, int batch) {
        int[] ids = new int[survey.size()];
        java.util.Arrays.setAll(ids, i -> i);
        return measure(survey, ids, batch);
    }
}
