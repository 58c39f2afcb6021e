package org.cutouts.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import org.cutouts.os.FreshJvm;
import org.cutouts.os.ProcessMemory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.cutouts.data.Catalogue;
import org.cutouts.data.Catalogues;
import org.cutouts.data.MosaicSpec;
import org.cutouts.data.SyntheticMosaic;
import org.cutouts.store.CutoutSpec;
import org.cutouts.store.CutoutStore;
import org.cutouts.store.Stores;
import org.cutouts.store.Strategy;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Shows that iterating a store does not materialise it: for growing cutout counts over one mosaic, one
 * epoch through a {@link CutoutDataSetIterator} per strategy, with the process's memory
 * ({@link ProcessMemory}) measured after a GC before and after the epoch. A control row,
 * {@value #CONTROL}, does what a naive pipeline does: every cutout in one {@code INDArray}
 * {@code [n, 1, h, w]}, measured while held; it grows by {@code n * h * w * 4} bytes.
 *
 * <pre>{@code
 * Table t = MemoryFlatness.measure(tmp, MosaicSpec.of(2000, 2000, 500, 7), new int[] {1000, 4000, 16000},
 *         CutoutSpec.square(32), List.of(Strategy.MEMORY_MAPPED, Strategy.HDF5), 64);
 * }</pre>
 *
 * <p><b>Method.</b> Stores are written first, then every (store, mode) is measured in a fresh JVM
 * ({@code -Xmx1g -Xmn32m -XX:+UseSerialGC}), so no measurement inherits another's heap sizing or
 * freed-but-resident native memory. The young generation is fixed small because its touched pages
 * stay resident: with a default-sized eden, RssAnon would rise with the bytes allocated per epoch
 * (more cutouts, more garbage) up to the eden size, which is the JVM's sizing, not retained data. In the child: open the store, run one unmeasured epoch (the JVM sizes its
 * young generation, whose touched pages count in RssAnon), GC, snapshot, the measured epoch (batches
 * closed as soon as consumed), GC, snapshot. Columns: {@code strategy, cutouts, dataset_mb} (what the
 * cutouts would take materialised), {@code heap_before_mb, heap_after_mb, heap_growth_mb},
 * {@code rss_before_mb, rss_after_mb, rss_anon_after_mb, rss_file_after_mb, rss_anon_growth_mb},
 * {@code method}. Only RssAnon can show materialisation: RssFile of a memory-mapped store grows with
 * the mosaic pages touched (bounded by the mosaic, not the cutout count) and is reclaimable page cache.
 *
 * <p>The child's classpath: this JVM's {@code java.class.path} when it holds this class (tests, the
 * CLI), else {@code cutouts-lib.jar} and the {@code lib/} folder beside it (a notebook that loaded the
 * jars with {@code %jars}).
 */
public final class MemoryFlatness {
    public static final String CONTROL = "materialised (control)";

    private MemoryFlatness() {
    }

    public static Table measure(Path workDir, MosaicSpec mosaic, int[] counts, CutoutSpec spec, List<Strategy> strategies, int batch) {
        Objects.requireNonNull(workDir, "workDir");
        if (strategies.isEmpty()) {
            throw new IllegalArgumentException("no strategies to measure");
        }
        SyntheticMosaic m = new SyntheticMosaic(mosaic);
        List<Path[]> dirs = new ArrayList<>();
        for (Strategy s : strategies) {
            Path[] perCount = new Path[counts.length];
            for (int c = 0; c < counts.length; c++) {
                Catalogue cat = Catalogues.uniform(mosaic.width(), mosaic.height(), counts[c], mosaic.seed() + c);
                perCount[c] = Stores.write(s, m, cat, spec, workDir.resolve(s.folder() + "-" + counts[c]));
            }
            dirs.add(perCount);
        }
        Table t = emptyTable();
        for (int k = 0; k < strategies.size(); k++) {
            for (int c = 0; c < counts.length; c++) {
                addRow(t, strategies.get(k).label(), counts[c], spec, fork(dirs.get(k)[c], "epoch", batch), false);
            }
        }
        for (int c = 0; c < counts.length; c++) {
            // the control reads its cutouts from the first strategy's store
            addRow(t, CONTROL, counts[c], spec, fork(dirs.getFirst()[c], "materialise", batch), true);
        }
        return t;
    }

    /** Runs {@link #main} on one store in a fresh JVM; returns {before, after} snapshots. */
    static ProcessMemory[] fork(Path store, String mode, int batch) {
        JsonNode j = FreshJvm.of(MemoryFlatness.class, store.toString(), mode, Integer.toString(batch))
                .withJvmArgs("-Xmx1g", "-Xmn32m", "-XX:+UseSerialGC")
                .withTimeout(Duration.ofMinutes(10))
                .run();
        ObjectMapper json = new ObjectMapper();
        try {
            return new ProcessMemory[] {json.treeToValue(j.get("before"), ProcessMemory.class),
                    json.treeToValue(j.get("after"), ProcessMemory.class)};
        } catch (java.io.IOException e) {
            throw new IllegalStateException("memory measurement of " + store + " returned " + j, e);
        }
    }

    /** The child: {@code <store dir> epoch|materialise <batch>}; prints one result line. */
    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        boolean materialise = args[1].equals("materialise");
        int batch = Integer.parseInt(args[2]);
        ProcessMemory before;
        ProcessMemory after;
        try (CutoutStore store = Stores.open(dir)) {
            if (materialise) {
                Nd4j.create(DataType.FLOAT, 1).close(); // ND4J's own start-up outside the measurement
                before = ProcessMemory.afterGc();
                INDArray all = materialise(store);
                after = ProcessMemory.afterGc();
                all.close();
            } else {
                try (CutoutDataSetIterator it = CutoutDataSetIterator.over(store).batchSize(batch).seed(1).build()) {
                    epoch(it);
                    it.reset();
                    before = ProcessMemory.afterGc();
                    epoch(it);
                    after = ProcessMemory.afterGc();
                }
            }
        }
        ObjectNode out = new ObjectMapper().createObjectNode();
        out.putPOJO("before", before);
        out.putPOJO("after", after);
        System.out.println(out);
        System.out.flush();
        System.exit(0); // ND4J's threads must not keep the child alive
    }

    private static void epoch(CutoutDataSetIterator it) {
        while (it.hasNext()) {
            DataSet ds = it.next();
            ds.getFeatures().close();
            ds.getLabels().close();
        }
    }

    /** What the iterators avoid: every cutout of {@code store} in one off-heap array. */
    static INDArray materialise(CutoutStore store) {
        CutoutSpec s = store.spec();
        int chunk = 256;
        INDArray all = Nd4j.create(DataType.FLOAT, store.size(), 1, s.height(), s.width());
        float[] buf = new float[chunk * s.pixels()];
        for (int from = 0; from < store.size(); from += chunk) {
            int n = Math.min(chunk, store.size() - from);
            int[] idx = new int[n];
            for (int k = 0; k < n; k++) {
                idx[k] = from + k;
            }
            float[] px = n == chunk ? buf : new float[n * s.pixels()];
            store.readBatch(idx, px);
            try (INDArray part = Nd4j.create(px, new long[] {n, 1, s.height(), s.width()}, 'c')) {
                all.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, from + n)).assign(part);
            }
        }
        return all;
    }

    private static Table emptyTable() {
        return Table.create("memory while iterating one epoch",
                StringColumn.create("strategy"), IntColumn.create("cutouts"), DoubleColumn.create("dataset_mb"),
                DoubleColumn.create("heap_before_mb"), DoubleColumn.create("heap_after_mb"), DoubleColumn.create("heap_growth_mb"),
                DoubleColumn.create("rss_before_mb"), DoubleColumn.create("rss_after_mb"),
                DoubleColumn.create("rss_anon_after_mb"), DoubleColumn.create("rss_file_after_mb"),
                DoubleColumn.create("rss_anon_growth_mb"), StringColumn.create("method"));
    }

    private static void addRow(Table t, String strategy, int count, CutoutSpec spec, ProcessMemory[] m, boolean control) {
        ProcessMemory before = m[0];
        ProcessMemory after = m[1];
        t.stringColumn("strategy").append(strategy);
        t.intColumn("cutouts").append(count);
        t.doubleColumn("dataset_mb").append((double) count * spec.bytes() / 1048576.0);
        t.doubleColumn("heap_before_mb").append(before.heapUsedMb());
        t.doubleColumn("heap_after_mb").append(after.heapUsedMb());
        t.doubleColumn("heap_growth_mb").append(after.heapUsedMb() - before.heapUsedMb());
        t.doubleColumn("rss_before_mb").append(before.rssMb());
        t.doubleColumn("rss_after_mb").append(after.rssMb());
        t.doubleColumn("rss_anon_after_mb").append(after.rssAnonMb());
        t.doubleColumn("rss_file_after_mb").append(after.rssFileMb());
        t.doubleColumn("rss_anon_growth_mb").append(after.rssAnonMb() - before.rssAnonMb());
        t.stringColumn("method").append(control
                ? "fresh JVM: all cutouts in one INDArray, GC'd snapshots before and while held"
                : "fresh JVM: second epoch of the batch iterator (prefetch 4, 1 thread), GC'd snapshots before and after");
    }
}
