package org.cutouts.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.cutouts.store.CutoutStore;
import org.cutouts.store.Stores;

/**
 * Runs in a fresh JVM (see {@link FreshJvm}): opens one store, reads one cutout, then {@code many}
 * random cutouts, and prints one JSON object with a memory snapshot after each phase. Each snapshot
 * follows a {@code System.gc()}, so heap numbers are live data, not garbage.
 *
 * <p>Usage: {@code java -cp <classpath> org.cutouts.bench.MemoryProbe <storeDir> <many> <seed>}
 */
public final class MemoryProbe {
    private MemoryProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: MemoryProbe <storeDir> <many> <seed>");
            System.exit(64);
        }
        Path dir = Path.of(args[0]);
        int many = Integer.parseInt(args[1]);
        long seed = Long.parseLong(args[2]);
        ObjectMapper json = new ObjectMapper();
        ObjectNode out = json.createObjectNode();
        ArrayNode phases = out.putArray("phases");
        snapshot(phases, "baseline", 0, 0);
        long t0 = System.nanoTime();
        long sum = 0;
        try (CutoutStore store = Stores.open(dir)) {
            snapshot(phases, "open", 0, System.nanoTime() - t0);
            out.put("strategy", store.strategy().name());
            out.put("cutouts", store.size());
            int n = Math.min(many, store.size());
            int[] idx = ReadOrder.RANDOM.indices(store.size(), n, seed);
            int px = store.cutoutPixels();
            float[] buf = new float[px];
            long t1 = System.nanoTime();
            store.readInto(idx[0], buf, 0);
            sum += Checksum.of(idx[0], buf, 0, px);
            snapshot(phases, "one", 1, System.nanoTime() - t1);
            long t2 = System.nanoTime();
            for (int k = 1; k < n; k++) {
                store.readInto(idx[k], buf, 0);
                sum += Checksum.of(idx[k], buf, 0, px);
            }
            snapshot(phases, "many", n, System.nanoTime() - t2);
            out.put("checksum", Checksum.hex(sum));
        }
        out.put("jvm", Runtime.version().toString());
        out.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        System.out.println(json.writeValueAsString(out));
    }

    private static void snapshot(ArrayNode phases, String phase, int reads, long nanos) {
        System.gc();
        ProcStatus s = ProcStatus.now();
        ObjectNode p = phases.addObject();
        p.put("phase", phase);
        p.put("reads", reads);
        p.put("elapsedMs", nanos / 1e6);
        p.put("vmRssKb", s.vmRssKb());
        p.put("vmHwmKb", s.vmHwmKb());
        p.put("rssAnonKb", s.rssAnonKb());
        p.put("rssFileKb", s.rssFileKb());
        p.put("heapUsedBytes", s.heapUsedBytes());
        p.put("directBytes", s.directBytes());
        p.put("mappedBytes", s.mappedBytes());
    }
}
