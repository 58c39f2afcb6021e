package org.cutouts.bench;

import org.cutouts.os.FreshJvm;
import org.cutouts.os.ProcStatus;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.cutouts.store.ReadOptions;

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
        if (args.length != 4) {
            System.err.println("usage: MemoryProbe <storeDir> <many> <seed> <mappingOptions>");
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
        try (CutoutStore store = Stores.open(dir, ReadOptions.parse(args[3]))) {
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

    /** The child JVM for {@code target}: heap {@code maxHeap}, serial GC. */
    static FreshJvm child(BenchTarget target, int many, long seed, String maxHeap) {
        return FreshJvm.of(MemoryProbe.class, target.dir().toString(), Integer.toString(many), Long.toString(seed), target.options().label())
                .withJvmArgs("-Xmx" + maxHeap, "-XX:+UseSerialGC");
    }

    public static String method(int many, String maxHeap) {
        return "fresh JVM per strategy (same java and class path, -Xmx" + maxHeap + " -XX:+UseSerialGC); System.gc() then /proc/self/status "
                + "VmRSS/VmHWM/RssAnon/RssFile, heap used, direct and mapped BufferPoolMXBeans after: JVM start (baseline), open, 1 read, "
                + many + " random reads; deltas are against the baseline";
    }

    /** Runs the probe for {@code target} in a fresh JVM; one memory row per phase, or one failed row with the reason. */
    public static List<MemoryRow> measure(BenchTarget target, int many, long seed, String maxHeap) {
        try {
            return rows(target.identity(), child(target, many, seed, maxHeap).run(), method(many, maxHeap));
        } catch (RuntimeException e) {
            return List.of(MemoryRow.failed(target.identity(), e.getMessage(), method(many, maxHeap)));
        }
    }

    /** The probe's phases as memory rows: absolute values and growth over the baseline phase. */
    static List<MemoryRow> rows(Identity id, JsonNode probe, String method) {
        List<MemoryRow> rows = new ArrayList<>();
        JsonNode base = probe.get("phases").get(0);
        for (JsonNode p : probe.get("phases")) {
            MemoryRow.Rss rss = new MemoryRow.Rss(kib(p, "vmRssKb"), kib(p, "vmRssKb") - kib(base, "vmRssKb"),
                    kib(p, "rssAnonKb") - kib(base, "rssAnonKb"), kib(p, "rssFileKb") - kib(base, "rssFileKb"), kib(p, "vmHwmKb"),
                    mib(p, "heapUsedBytes"), mib(p, "directBytes"), mib(p, "mappedBytes"));
            rows.add(new MemoryRow(id, null, null, p.get("phase").asText(), p.get("reads").asInt(), p.get("elapsedMs").asDouble(), rss, null,
                    probe.path("checksum").asText(""), ResultColumns.OK, method));
        }
        return rows;
    }

    private static double mib(JsonNode p, String field) {
        return p.get(field).asLong() / 1048576.0;
    }

    private static double kib(JsonNode p, String field) {
        return p.get(field).asLong() / 1024.0;
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
