package org.cutouts.bench.jmh;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cutouts.bench.Checksum;
import org.cutouts.bench.ReadOrder;
import org.cutouts.data.Catalogues;
import org.cutouts.data.MosaicSpec;
import org.cutouts.data.SyntheticMosaic;
import org.cutouts.os.JvmFlags;
import org.cutouts.store.CutoutSpec;
import org.cutouts.store.CutoutStore;
import org.cutouts.store.Stores;
import org.cutouts.store.Strategy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * JMH microbenchmarks of the hot read paths, page cache warm: {@code readInto} of one cutout through
 * the memory mapping, one individual {@code .npy} file, one HDF5 hyperslab, in random order. Not run
 * in CI. Run (after {@code mvn package}) through {@link #main}, which takes JMH's own options:
 *
 * <pre>
 * CP="lib/target/cutouts-lib.jar:lib/target/lib/*"
 * java -cp "$CP" org.cutouts.bench.jmh.ReadPathBenchmark \
 *      -p strategy=mmap-npy,individual-npy,hdf5 -p mosaic=5000 -p cutouts=10000 -rf json -rff build/jmh.json
 * </pre>
 *
 * The forked JVM gets the library's flags from the one flag file ({@link JvmFlags}); JMH's
 * annotations take only constants, so they are added by the runner, not by {@code @Fork}. Stores are
 * written once per trial into {@code dataDir} (default: a temporary folder, deleted after).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ReadPathBenchmark {

    @Param({"mmap-npy", "individual-npy", "hdf5"})
    public String strategy;

    @Param({"2000"})
    public int mosaic;

    @Param({"4000"})
    public int cutouts;

    @Param({""})
    public String dataDir;

    private Path dir;
    private boolean temporary;
    private CutoutStore store;
    private int[] order;
    private int cursor;
    private float[] buf;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        temporary = dataDir.isEmpty();
        Path root = temporary ? Files.createTempDirectory("jmh-cutouts") : Path.of(dataDir);
        Strategy s = Strategy.parse(strategy);
        dir = root.resolve("jmh-" + mosaic + "-n" + cutouts).resolve(s.folder());
        if (!Files.exists(dir.resolve("manifest.json"))) {
            SyntheticMosaic m = new SyntheticMosaic(MosaicSpec.of(mosaic, mosaic, 1000, 42));
            Stores.write(s, m, Catalogues.uniform(mosaic, mosaic, cutouts, 42), CutoutSpec.DEFAULT, dir);
        }
        store = Stores.open(dir);
        order = ReadOrder.RANDOM.indices(store.size(), store.size(), 42);
        buf = new float[store.cutoutPixels()];
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        store.close();
        if (temporary) {
            try (var paths = Files.walk(dir.getParent().getParent())) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /**
     * Runs this benchmark (or the benchmarks JMH's options include) with JMH's command-line options,
     * the forks taking the library's JVM flags after their own.
     */
    public static void main(String[] args) throws CommandLineOptionException, RunnerException {
        CommandLineOptions cli = new CommandLineOptions(args);
        ChainedOptionsBuilder options = new OptionsBuilder().parent(cli).jvmArgsAppend(forkFlags().toArray(String[]::new));
        if (cli.getIncludes().isEmpty()) {
            options.include(ReadPathBenchmark.class.getSimpleName());
        }
        new Runner(options.build()).run();
    }

    /** The library's flags the forks need and do not inherit: JMH passes the host JVM's own flags on to its forks. */
    static List<String> forkFlags() {
        List<String> host = ManagementFactory.getRuntimeMXBean().getInputArguments();
        return JvmFlags.common().stream().filter(f -> !host.contains(f)).toList();
    }

    /** One random cutout, copied into a reused float[]; the checksum goes to the Blackhole. */
    @Benchmark
    public void readInto(Blackhole bh) {
        int i = order[cursor];
        cursor = cursor + 1 == order.length ? 0 : cursor + 1;
        store.readInto(i, buf, 0);
        bh.consume(Checksum.of(i, buf, 0, buf.length));
    }
}
