package org.cutouts.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.cutouts.store.CutoutSpec;
import org.cutouts.store.CutoutStore;
import org.cutouts.store.StoreException;
import org.cutouts.store.Stores;
import org.cutouts.survey.CutoutMeasurement;
import org.cutouts.survey.OffSurvey;
import org.cutouts.survey.SurveyManifest;
import org.cutouts.survey.SurveyTile;
import org.cutouts.survey.SurveyTileException;
import org.cutouts.survey.TileAssignment;

/**
 * The executor side of the survey job, for one partition: reads the survey manifest, opens each
 * tile's store once, gathers the partition's cutouts in batches (rows arrive sorted by tile, then
 * row in the tile) and measures them; optionally appends them to the partition's training shard.
 * Compiled library code, so Spark can ship it from any driver, a notebook's included.
 */
final class MeasurePartition implements FlatMapFunction<Iterator<scala.Tuple2<Long, SourceRef>>, Row> {
    private static final long serialVersionUID = 1L;
    private final String surveyDir;
    private final int batch;
    private final String shardDir;

    /** @param shardDir where shards go, or null for none */
    MeasurePartition(String surveyDir, int batch, String shardDir) {
        this.surveyDir = surveyDir;
        this.batch = batch;
        this.shardDir = shardDir;
    }

    @Override
    public Iterator<Row> call(Iterator<scala.Tuple2<Long, SourceRef>> rows) {
        Path dir = Path.of(surveyDir);
        SurveyManifest survey = SurveyManifest.read(dir);
        CutoutSpec spec = survey.spec();
        List<Row> out = new ArrayList<>();
        List<SourceRef> pending = new ArrayList<>(batch);
        float[] pixels = new float[batch * spec.pixels()];
        ShardWriter shard = shardDir == null ? null : new ShardWriter(Path.of(shardDir).resolve(
                String.format(Locale.ROOT, "part-%05d.npy", TaskContext.getPartitionId())), spec.height(), spec.width());
        try (OpenTile open = new OpenTile(dir, survey)) {
            while (rows.hasNext()) {
                SourceRef s = rows.next()._2();
                if (!pending.isEmpty() && (pending.size() == batch || pending.get(0).tile() != s.tile())) {
                    measure(open, pending, spec, pixels, shard, out);
                }
                pending.add(s);
            }
            if (!pending.isEmpty()) {
                measure(open, pending, spec, pixels, shard, out);
            }
            if (shard != null) {
                shard.finish();
            }
        } finally {
            if (shard != null) {
                shard.close();
            }
        }
        return out.iterator();
    }

    /** Reads one batch (all from one tile) and measures it; clears {@code pending}. */
    private static void measure(OpenTile open, List<SourceRef> pending, CutoutSpec spec, float[] pixels,
                                ShardWriter shard, List<Row> out) {
        SourceRef first = pending.get(0);
        int[] locals = new int[pending.size()];
        for (int k = 0; k < locals.length; k++) {
            locals[k] = pending.get(k).local();
        }
        String tileName = open.read(first, locals, pixels);
        int shardRow = shard == null ? -1 : shard.append(pixels, locals.length);
        for (int k = 0; k < locals.length; k++) {
            SourceRef s = pending.get(k);
            CutoutMeasurement m = CutoutMeasurement.of(s.id(), s.tile(), s.x(), s.y(), spec, pixels, k * spec.pixels());
            out.add(MeasurementRows.toRow(m, tileName, shard == null ? null : shard.name(), shard == null ? -1 : shardRow + k));
        }
        pending.clear();
    }

    /** The one tile store a partition has open at a time (rows arrive grouped by tile). */
    private static final class OpenTile implements AutoCloseable {
        private final Path dir;
        private final SurveyManifest survey;
        private int tile = Integer.MIN_VALUE;
        private CutoutStore store;

        OpenTile(Path dir, SurveyManifest survey) {
            this.dir = dir;
            this.survey = survey;
        }

        /** Reads {@code locals} of {@code first}'s tile into {@code pixels}; returns the tile's name. */
        String read(SourceRef first, int[] locals, float[] pixels) {
            if (first.tile() == TileAssignment.NONE) {
                OffSurvey.fill(survey.spec(), dir, first.id(), first.ra(), first.dec(), pixels, 0, locals.length);
                return null;
            }
            SurveyTile t = survey.tiles().get(first.tile());
            try {
                if (tile != first.tile()) {
                    close();
                    store = Stores.open(survey.tileDir(dir, first.tile()));
                    tile = first.tile();
                }
                store.readBatch(locals, pixels);
            } catch (StoreException e) {
                throw SurveyTileException.of(e, t, first.id(), first.ra(), first.dec());
            }
            return t.name();
        }

        @Override
        public void close() {
            if (store != null) {
                store.close();
                store = null;
                tile = Integer.MIN_VALUE;
            }
        }
    }
}
