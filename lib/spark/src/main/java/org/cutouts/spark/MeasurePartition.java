package org.cutouts.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.cutouts.data.Catalogue;
import org.cutouts.store.CutoutSpec;
import org.cutouts.store.CutoutStore;
import org.cutouts.io.StoreException;
import org.cutouts.store.Stores;
import org.cutouts.survey.CutoutMeasurement;
import org.cutouts.survey.OffSurvey;
import org.cutouts.survey.SurveyManifest;
import org.cutouts.survey.SurveyTile;
import org.cutouts.survey.SurveyTileException;
import org.cutouts.survey.TileAssignment;
import scala.Tuple2;

/**
 * The executor side of the survey job, for one partition: reads the survey manifest, opens each
 * tile's store once, gathers the partition's cutouts in batches (rows arrive sorted by tile, then
 * row in the tile) and measures them; optionally appends them to the partition's training shard.
 * Compiled library code, so Spark can ship it from any driver, a notebook's included.
 */
final class MeasurePartition implements FlatMapFunction<Iterator<Tuple2<Long, Long>>, Row> {
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
    public Iterator<Row> call(Iterator<Tuple2<Long, Long>> rows) {
        Path dir = Path.of(surveyDir);
        SurveyManifest survey = SurveyManifest.read(dir);
        CutoutSpec spec = survey.spec();
        List<Row> out = new ArrayList<>();
        Batch pending = new Batch(batch, spec);
        ShardWriter shard = shardDir == null ? null : new ShardWriter(Path.of(shardDir).resolve(
                String.format(Locale.ROOT, "part-%05d.npy", TaskContext.getPartitionId())), spec.height(), spec.width());
        try (OpenTile open = new OpenTile(dir, survey)) {
            while (rows.hasNext()) {
                Tuple2<Long, Long> r = rows.next();
                int tile = TileKey.tile(r._1());
                if (pending.size > 0 && (pending.size == batch || pending.tile != tile)) {
                    pending.measure(open, shard, out);
                }
                pending.add(tile, TileKey.local(r._1()), r._2());
            }
            if (pending.size > 0) {
                pending.measure(open, shard, out);
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

    /** Up to {@code batch} sources of one tile, waiting to be read together. */
    private static final class Batch {
        final CutoutSpec spec;
        final int[] locals;
        final long[] ids;
        final float[] pixels;
        int tile;
        int size;

        Batch(int batch, CutoutSpec spec) {
            this.spec = spec;
            this.locals = new int[batch];
            this.ids = new long[batch];
            this.pixels = new float[batch * spec.pixels()];
        }

        void add(int t, int local, long id) {
            tile = t;
            locals[size] = local;
            ids[size++] = id;
        }

        /** Reads the batch, measures every stamp into {@code out}, appends to the shard; empties the batch. */
        void measure(OpenTile open, ShardWriter shard, List<Row> out) {
            int[] idx = size == locals.length ? locals : java.util.Arrays.copyOf(locals, size);
            Catalogue cat = open.read(tile, ids[0], idx, pixels);
            String name = open.name(tile);
            int shardRow = shard == null ? -1 : shard.append(pixels, size);
            for (int k = 0; k < size; k++) {
                double x = cat == null ? Double.NaN : cat.x(locals[k]);
                double y = cat == null ? Double.NaN : cat.y(locals[k]);
                CutoutMeasurement m = CutoutMeasurement.of(ids[k], tile, x, y, spec, pixels, k * spec.pixels());
                out.add(MeasurementRows.toRow(m, name, shard == null ? null : shard.name(), shard == null ? -1 : shardRow + k));
            }
            size = 0;
        }
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

        String name(int t) {
            return t == TileAssignment.NONE ? null : survey.tiles().get(t).name();
        }

        /**
         * Reads rows {@code locals} of tile {@code t} into {@code pixels}; returns that tile's
         * catalogue (null for sources on no tile). {@code firstId} names the source in errors.
         */
        Catalogue read(int t, long firstId, int[] locals, float[] pixels) {
            if (t == TileAssignment.NONE) {
                OffSurvey.fill(survey.spec(), dir, firstId, Double.NaN, Double.NaN, pixels, 0, locals.length);
                return null;
            }
            SurveyTile info = survey.tiles().get(t);
            try {
                if (tile != t) {
                    close();
                    store = Stores.open(survey.tileDir(dir, t));
                    tile = t;
                }
                store.readBatch(locals, pixels);
                return store.catalogue();
            } catch (StoreException e) {
                double ra = store == null ? Double.NaN : store.catalogue().ra(locals[0]);
                double dec = store == null ? Double.NaN : store.catalogue().dec(locals[0]);
                throw SurveyTileException.of(e, info, firstId, ra, dec);
            }
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
