package org.cutouts.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.cutouts.data.Catalogues;
import org.cutouts.data.MosaicSpec;
import org.cutouts.data.SyntheticMosaic;
import org.cutouts.store.CutoutSpec;
import org.cutouts.store.CutoutStore;
import org.cutouts.store.ReadOptions;
import org.cutouts.store.Stores;
import org.cutouts.store.Strategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one fresh-JVM memory probe: both protocols read the cutouts they say, snapshot the phases they name, and report through JSON. */
class MemoryProbeTest {
    @TempDir
    Path tmp;

    private Path store() {
        return Stores.write(Strategy.MEMORY_MAPPED, new SyntheticMosaic(MosaicSpec.of(200, 200, 20, 3)), Catalogues.uniform(200, 200, 60, 3),
                CutoutSpec.square(16), tmp.resolve("store"));
    }

    /** The checksum of reading the first {@code n} random indices, as the probe does. */
    private static String expected(Path dir, int n, long seed) {
        try (CutoutStore s = Stores.open(dir)) {
            int[] idx = ReadOrder.RANDOM.indices(s.size(), n, seed);
            float[] buf = new float[s.cutoutPixels()];
            long sum = 0;
            for (int i : idx) {
                s.readInto(i, buf, 0);
                sum += Checksum.of(i, buf, 0, buf.length);
            }
            return Checksum.hex(sum);
        }
    }

    @Test
    void thePhasesProtocolSnapshotsFromJvmStartInAFreshJvm() {
        Path dir = store();
        MemoryProbe.Result r = MemoryProbe.run(MemoryProbe.child(dir, ReadOptions.defaults(), 5, MemoryProbe.Protocol.phases(40))
                .withJvmArgs("-Xmx256m", "-XX:+UseSerialGC"));
        assertEquals(List.of("baseline", "open", "one", "many"), r.phases().stream().map(MemoryProbe.Snapshot::phase).toList());
        assertEquals(List.of(0, 0, 1, 40), r.phases().stream().map(MemoryProbe.Snapshot::reads).toList());
        assertEquals(expected(dir, 40, 5), r.checksum());
        assertEquals("MEMORY_MAPPED", r.strategy());
        assertEquals(16 * 16 * 4, r.cutoutBytes());
        assertTrue(r.phase("many").memory().vmRssKb() > 0 && r.maxHeapBytes() <= 256L << 20, r.toString());
        List<MemoryRow> rows = MemoryProbe.rows(BenchTarget.of(dir).identity(), r, "m");
        assertEquals(0.0, rows.getFirst().rss().rssDeltaMiB(), 0, "growth is measured from the baseline");
    }

    @Test
    void thePerCutoutProtocolWarmsUpThenSnapshotsAroundOneRead() throws Exception {
        Path dir = store();
        MemoryProbe.Result r = MemoryProbe.probe(dir, ReadOptions.parse("advice=random"), 9, MemoryProbe.Protocol.perCutout(30));
        assertEquals(List.of("before-one", "one", "many"), r.phases().stream().map(MemoryProbe.Snapshot::phase).toList());
        assertEquals(List.of(8, 9, 39), r.phases().stream().map(MemoryProbe.Snapshot::reads).toList());
        assertEquals(expected(dir, 39, 9), r.checksum());
        String line = BenchJson.MAPPER.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(r);
        assertEquals(r, BenchJson.MAPPER.readValue(line, MemoryProbe.Result.class), "the child's one-line JSON reads back equal");
        assertTrue(!line.contains("\n"));
    }
}
