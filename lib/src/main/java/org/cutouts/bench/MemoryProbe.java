package org.cutouts.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cutouts.os.FreshJvm;
import org.cutouts.os.ProcStatus;
import org.cutouts.store.CutoutStore;
import org.cutouts.store.ReadOptions;
import org.cutouts.store.Stores;

/**
 * The one fresh-JVM memory probe of a store: in a child JVM (see {@link FreshJvm}) it opens the store,
 * reads random cutouts (each into one reused buffer, summed into a checksum) and snapshots the
 * process's memory ({@link ProcStatus}) at the phase boundaries, then prints one JSON {@link Result}.
 * A {@link Protocol} says how: the benchmark's phase probe (a GC before every snapshot, from JVM
 * start: baseline, open, one read, many reads) or the targets' per-cutout probe (warm-up reads first,
 * no GC in a fixed pre-touched heap, snapshots just before and after ONE read and after many).
 *
 * <p>Usage: {@code MemoryProbe <storeDir> <readOptions> <seed> <warmups> <reads> gc|nogc}
 */
public final class MemoryProbe {
    /** Phase names of the snapshots, in order: before open (gc protocol), after open (gc protocol), before ONE read (nogc), after it, after all reads. */
    public static final String BASELINE = "baseline";
    public static final String OPEN = "open";
    public static final String BEFORE_ONE = "before-one";
    public static final String ONE = "one";
    public static final String MANY = MemoryRow.MANY;

    private MemoryProbe() {
    }

    /**
     * How the child reads and when it snapshots.
     *
     * @param warmups reads before the measured ones (class loading, first faults of the read path)
     * @param reads   cutouts read in all, warm-ups included (at most the store's size)
     * @param gc      a {@code System.gc()} before each snapshot and snapshots from JVM start; else a short
     *                pause, in a heap that cannot move RSS (fixed, pre-touched), and snapshots only around the reads
     */
    public record Protocol(int warmups, int reads, boolean gc) {
        /** The benchmark's phases: baseline, open, one read, {@code many} reads in all. */
        public static Protocol phases(int many) {
            return new Protocol(0, many, true);
        }

        /** The targets' per-cutout growth: 8 warm-up reads, ONE read, then {@code many} more. */
        public static Protocol perCutout(int many) {
            return new Protocol(8, 8 + 1 + many, false);
        }
    }

    /** One snapshot: the phase it ends, the cutouts read so far, the phase's wall time and the memory. */
    public record Snapshot(String phase, int reads, double elapsedMs, ProcStatus memory) {
    }

    /** What the child prints: the store it read, its snapshots in order, the checksum of every cutout read and the child's JVM. */
    public record Result(String strategy, int cutouts, long cutoutBytes, List<Snapshot> phases, String checksum, String jvm, long maxHeapBytes) {
        /** The snapshot of {@code phase}. */
        public Snapshot phase(String name) {
            return phases.stream().filter(p -> p.phase().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the memory probe reported no '" + name + "' phase: " + phases));
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: MemoryProbe <storeDir> <readOptions> <seed> <warmups> <reads> gc|nogc");
            System.exit(64);
        }
        Protocol p = new Protocol(Integer.parseInt(args[3]), Integer.parseInt(args[4]), args[5].equals("gc"));
        System.out.println(BenchJson.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(probe(Path.of(args[0]),
                ReadOptions.parse(args[1]), Long.parseLong(args[2]), p)));
    }

    /** Runs the protocol in this JVM (the child's work). */
    static Result probe(Path dir, ReadOptions options, long seed, Protocol p) throws InterruptedException {
        List<Snapshot> phases = new ArrayList<>();
        if (p.gc()) {
            phases.add(snapshot(BASELINE, 0, 0, true));
        }
        long t0 = System.nanoTime();
        try (CutoutStore store = Stores.open(dir, options)) {
            if (p.gc()) {
                phases.add(snapshot(OPEN, 0, System.nanoTime() - t0, true));
            }
            int[] idx = ReadOrder.RANDOM.indices(store.size(), Math.min(store.size(), p.reads()), seed);
            int px = store.cutoutPixels();
            float[] buf = new float[px];
            long sum = 0;
            for (int k = 0; k < p.warmups(); k++) {
                sum += read(store, idx[k], buf, px);
            }
            if (!p.gc()) {
                snapshot(BEFORE_ONE, 0, 0, false); // loads the /proc and MXBean classes, so their memory is not charged to the cutout
                snapshot(BEFORE_ONE, 0, 0, false);
                phases.add(snapshot(BEFORE_ONE, p.warmups(), 0, false));
            }
            long t1 = System.nanoTime();
            sum += read(store, idx[p.warmups()], buf, px);
            phases.add(snapshot(ONE, p.warmups() + 1, System.nanoTime() - t1, p.gc()));
            long t2 = System.nanoTime();
            for (int k = p.warmups() + 1; k < idx.length; k++) {
                sum += read(store, idx[k], buf, px);
            }
            phases.add(snapshot(MANY, idx.length, System.nanoTime() - t2, p.gc()));
            return new Result(store.strategy().name(), store.size(), store.spec().bytes(), phases, Checksum.hex(sum), Runtime.version().toString(),
                    Runtime.getRuntime().maxMemory());
        }
    }

    private static long read(CutoutStore store, int index, float[] buf, int px) {
        store.readInto(index, buf, 0);
        return Checksum.of(index, buf, 0, px);
    }

    /** Memory now: after a GC (live data, not garbage), or after a short pause when the heap cannot move RSS. */
    private static Snapshot snapshot(String phase, int reads, long nanos, boolean gc) throws InterruptedException {
        if (gc) {
            System.gc();
        } else {
            Thread.sleep(5);
        }
        return new Snapshot(phase, reads, nanos / 1e6, ProcStatus.now());
    }

    /** The child for the store in {@code dir} opened with {@code options}; the caller adds heap and GC flags. */
    public static FreshJvm child(Path dir, ReadOptions options, long seed, Protocol p) {
        return FreshJvm.of(MemoryProbe.class, dir.toString(), options.label(), Long.toString(seed), Integer.toString(p.warmups()),
                Integer.toString(p.reads()), p.gc() ? "gc" : "nogc");
    }

    /** Runs {@code child} and reads its result. */
    public static Result run(FreshJvm child) {
        JsonNode j = child.run();
        try {
            return BenchJson.MAPPER.treeToValue(j, Result.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the memory probe printed no result: " + j, e);
        }
    }

    public static String method(int many, String maxHeap) {
        return "fresh JVM per strategy (same java and class path, -Xmx" + maxHeap + " -XX:+UseSerialGC); System.gc() then /proc/self/status "
                + "VmRSS/VmHWM/RssAnon/RssFile, heap used, direct and mapped BufferPoolMXBeans after: JVM start (baseline), open, 1 read, "
                + many + " random reads; deltas are against the baseline";
    }

    /** The benchmark's probe of {@code target} in a fresh JVM; one memory row per phase, or one failed row with the reason. */
    public static List<MemoryRow> measure(BenchTarget target, int many, long seed, String maxHeap) {
        try {
            Result r = run(child(target.dir(), target.options(), seed, Protocol.phases(many)).withJvmArgs("-Xmx" + maxHeap, "-XX:+UseSerialGC"));
            return rows(target.identity(), r, method(many, maxHeap));
        } catch (RuntimeException e) {
            return List.of(MemoryRow.failed(target.identity(), e.getMessage(), method(many, maxHeap)));
        }
    }

    /** The probe's phases as memory rows: absolute values and growth over the baseline phase. */
    static List<MemoryRow> rows(Identity id, Result r, String method) {
        List<MemoryRow> rows = new ArrayList<>();
        ProcStatus base = r.phase(BASELINE).memory();
        for (Snapshot p : r.phases()) {
            ProcStatus m = p.memory();
            MemoryRow.Rss rss = new MemoryRow.Rss(mib(m.vmRssKb()), mib(m.vmRssKb() - base.vmRssKb()), mib(m.rssAnonKb() - base.rssAnonKb()),
                    mib(m.rssFileKb() - base.rssFileKb()), mib(m.vmHwmKb()), m.heapUsedBytes() / 1048576.0, m.directBytes() / 1048576.0,
                    m.mappedBytes() / 1048576.0);
            rows.add(new MemoryRow(id, null, null, p.phase(), p.reads(), p.elapsedMs(), rss, null, r.checksum(), ResultColumns.OK, method));
        }
        return rows;
    }

    private static double mib(long kb) {
        return kb / 1024.0;
    }
}
