package org.cutouts.bench.targets;

import org.cutouts.bench.Checksum;
import org.cutouts.bench.ReadOrder;

import org.cutouts.os.ProcStatus;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.cutouts.store.CutoutStore;
import org.cutouts.store.ReadOptions;
import org.cutouts.store.Stores;

/**
 * Issue 6, target 5: the RSS cost of one virtual cutout, in a fresh JVM whose heap is fixed and
 * pre-touched ({@code -Xms=-Xmx -XX:+AlwaysPreTouch}) so garbage collection cannot move VmRSS.
 * Opens a store with the given mapping options, reads {@code warm} cutouts (class loading, first
 * faults of the read path), snapshots, reads ONE more cutout, snapshots, reads {@code many} more,
 * snapshots, and prints one JSON object.
 *
 * <p>Usage: {@code FastPathMemoryProbe <storeDir> <mappingOptions> <many> <seed>}
 */
public final class FastPathMemoryProbe {
    private FastPathMemoryProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        ReadOptions opts = ReadOptions.parse(args[1]);
        int many = Integer.parseInt(args[2]);
        long seed = Long.parseLong(args[3]);
        ObjectMapper json = new ObjectMapper();
        ObjectNode out = json.createObjectNode();
        long sum = 0;
        try (CutoutStore store = Stores.open(dir, opts)) {
            int n = store.size();
            int[] idx = ReadOrder.RANDOM.indices(n, Math.min(n, many + 9), seed);
            int px = store.cutoutPixels();
            float[] buf = new float[px];
            for (int k = 0; k < 8; k++) {
                store.readInto(idx[k], buf, 0);
                sum += Checksum.of(idx[k], buf, 0, px);
            }
            snap(); // loads /proc and MXBean classes, so their memory is not charged to the cutout
            snap();
            ProcStatus a = snap();
            store.readInto(idx[8], buf, 0);
            sum += Checksum.of(idx[8], buf, 0, px);
            ProcStatus b = snap();
            int m = idx.length - 9;
            for (int k = 9; k < idx.length; k++) {
                store.readInto(idx[k], buf, 0);
                sum += Checksum.of(idx[k], buf, 0, px);
            }
            ProcStatus c = snap();
            out.put("strategy", store.strategy().name());
            out.put("cutoutBytes", store.spec().bytes());
            out.put("many", m);
            out.put("oneRssDeltaKb", b.vmRssKb() - a.vmRssKb());
            out.put("oneRssFileDeltaKb", b.rssFileKb() - a.rssFileKb());
            out.put("oneRssAnonDeltaKb", b.rssAnonKb() - a.rssAnonKb());
            out.put("manyRssDeltaKb", c.vmRssKb() - b.vmRssKb());
            out.put("manyRssFileDeltaKb", c.rssFileKb() - b.rssFileKb());
            out.put("manyRssAnonDeltaKb", c.rssAnonKb() - b.rssAnonKb());
            out.put("rssKb", c.vmRssKb());
        }
        out.put("checksum", Checksum.hex(sum));
        System.out.println(json.writeValueAsString(out));
    }

    private static ProcStatus snap() throws InterruptedException {
        Thread.sleep(5);
        return ProcStatus.now();
    }
}
