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

    /**
     * Every cutout of the survey, listed in id order. They are read tile by tile, in each tile's own
     * row order, the order the Spark job reads them in: catalogue order jumps between tiles at every
     * row, which made this reference about a quarter slower than the job it is the baseline for.
     */
    public static List<CutoutMeasurement> measureAll(SurveyStore survey, int batch) {
        int[] ids = tileOrder(survey);
        List<CutoutMeasurement> read = measure(survey, ids, batch);
        CutoutMeasurement[] byId = new CutoutMeasurement[ids.length];
        for (CutoutMeasurement m : read) {
            byId[(int) m.id()] = m;
        }
        return java.util.Arrays.asList(byId);
    }

    /** The survey's rows sorted by (tile, row in the tile); sources on no tile come first. */
    static int[] tileOrder(SurveyStore survey) {
        int n = survey.size();
        long[] byLocal = new long[n];
        for (int i = 0; i < n; i++) {
            byLocal[i] = (long) survey.localIndex(i) << 32 | i; // ids are below 2^31
        }
        java.util.Arrays.sort(byLocal);
        int[] next = new int[survey.tiles().size() + 2]; // slot t + 1 for tile t, NONE (-1) at 0
        for (int i = 0; i < n; i++) {
            next[survey.tileOf(i) + 2]++;
        }
        for (int t = 1; t < next.length; t++) {
            next[t] += next[t - 1];
        }
        int[] order = new int[n];
        for (long k : byLocal) { // a stable pass by tile keeps each tile's rows in order
            int id = (int) k;
            order[next[survey.tileOf(id) + 1]++] = id;
        }
        return order;
    }
}
