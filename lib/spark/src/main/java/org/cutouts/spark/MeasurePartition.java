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
import org.cutouts.survey.CutoutMeasurement;
import org.cutouts.survey.OffSurvey;
import org.cutouts.survey.SurveyManifest;
import org.cutouts.survey.SurveyTile;
import org.cutouts.survey.SurveyTileException;
import org.cutouts.survey.TileAssignment;
import scala.Tuple2;

/**
 * The executor side of the survey job, for one partition: reads the survey manifest, takes each
 * tile's store from the job's open stores in this JVM ({@link JobTiles}), gathers the partition's cutouts in batches (rows arrive sorted by tile, then
 * row in the tile) and measures them; optionally appends them to the partition's training shard.
 * Compiled library code, so Spark can ship it from any driver, a notebook's included.
 */
final class MeasurePartition implements FlatMapFunction<Iterator<Tuple2<Long, Long>>, Row> {
    private static final long serialVersionUID = 1L;
    private final String job;
    private final String surveyDir;
    private final int batch;
    private final String shardDir;

    /**
     * @param job      names the job, so its tasks in one JVM share open tile stores
     * @param shardDir where shards go, or null for none
     */
    MeasurePartition(String job, String surveyDir, int batch, String shardDir) {
        this.job = job;
        this.surveyDir = surveyDir;
        this.batch = batch;
        this.shardDir = shardDir;
    }

    @Override
    public Iterator<Row> call(Iterator<Tuple2<Long, Long>> rows) {
        Path dir = Path.of(surveyDir);
        SurveyManifest survey = SurveyManifest.read(dir);
        CutoutSpec spec = survey.spec();
        ShardWriter shard = shardDir == null ? null : new ShardWriter(Path.of(shardDir).resolve(
                String.format(Locale.ROOT, "part-%05d.npy", TaskContext.getPartitionId())), spec.height(), spec.width());
        Measured out = new Measured(rows, new Batch(batch, spec), new OpenTile(job, dir, survey), shard);
        TaskContext task = TaskContext.get();
        if (task != null) {
            task.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) t -> out.close()); // a failed or killed task lets go of its tile too
        }
        return out;
    }

    /**
     * The partition's measurements, one batch at a time as Spark pulls them: a row lives only until
     * it is written, so a task's memory does not grow with its partition.
     */
    private static final class Measured implements Iterator<Row>, AutoCloseable {
        private final Iterator<Tuple2<Long, Long>> rows;
        private final Batch pending;
        private final OpenTile open;
        private final ShardWriter shard;
        private final List<Row> ready = new ArrayList<>();
        private int next;
        private Tuple2<Long, Long> carried; // the first row of the next batch (another tile)
        private boolean closed;

        Measured(Iterator<Tuple2<Long, Long>> rows, Batch pending, OpenTile open, ShardWriter shard) {
            this.rows = rows;
            this.pending = pending;
            this.open = open;
            this.shard = shard;
        }

        @Override
        public boolean hasNext() {
            if (next < ready.size()) {
                return true;
            }
            ready.clear();
            next = 0;
            fill();
            if (ready.isEmpty()) {
                if (shard != null && !closed) {
                    shard.finish(); // only after every row was measured
                }
                close();
                return false;
            }
            return true;
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            return ready.get(next++);
        }

        /** Gathers and measures the next batch: up to {@code batch} rows of one tile. */
        private void fill() {
            if (closed) {
                return;
            }
            while (carried != null || rows.hasNext()) {
                Tuple2<Long, Long> r = carried != null ? carried : rows.next();
                carried = null;
                int tile = TileKey.tile(r._1());
                if (pending.size > 0 && (pending.size == pending.locals.length || pending.tile != tile)) {
                    carried = r;
                    break;
                }
                pending.add(tile, TileKey.local(r._1()), r._2());
            }
            if (pending.size > 0) {
                pending.measure(open, shard, ready);
            }
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                open.close();
            } finally {
                if (shard != null) {
                    shard.close();
                }
            }
        }
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

    /** The one tile store a partition holds at a time (rows arrive grouped by tile). */
    private static final class OpenTile implements AutoCloseable {
        private final String job;
        private final Path dir;
        private final SurveyManifest survey;
        private int tile = Integer.MIN_VALUE;
        private Path tileDir; // the key the store was acquired under, and is released under
        private CutoutStore store;

        OpenTile(String job, Path dir, SurveyManifest survey) {
            this.job = job;
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
                    Path d = survey.tileDir(dir, t);
                    store = JobTiles.acquire(job, d);
                    tileDir = d;
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
                JobTiles.release(job, tileDir);
                store = null;
                tileDir = null;
                tile = Integer.MIN_VALUE;
            }
        }
    }
}
