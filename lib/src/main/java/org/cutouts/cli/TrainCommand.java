package org.cutouts.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.cutouts.data.MosaicSpec;
import org.cutouts.store.CutoutSpec;
import org.cutouts.store.CutoutStore;
import org.cutouts.store.Strategy;
import org.cutouts.store.Stores;
import org.cutouts.train.LabelMode;
import org.cutouts.train.MemoryFlatness;
import org.cutouts.train.Normalisation;
import org.cutouts.train.OrderComparison;
import org.cutouts.train.TrainingComparison;
import org.cutouts.train.TrainingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tech.tablesaw.api.Table;

/** {@code cutouts train}: a small DL4J model trained from each store through the ND4J iterators; prints samples/s and loss. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a small conv net (conv5x5 stride 2 x8, maxpool, dense32, Adam) from each store through the "
                + "CutoutDataSetIterator and print samples/s into the model, the load share and the first/last loss.",
                "Without --store, generates a small synthetic mosaic (sources plus as many negatives) and writes it "
                        + "in every --strategy to a temporary folder (or --data-dir).",
                "On a small or busy machine run with OMP_NUM_THREADS=1: ND4J's spinning OpenMP threads slow every step under contention."})
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--store", description = "A store directory to train from (repeatable). Default: generate data.")
    List<Path> stores = new ArrayList<>();

    @Option(names = "--strategy", split = ",", description = "Strategies to generate (default: all four).")
    List<String> strategies = new ArrayList<>();

    @Option(names = "--mosaic", description = "Generated mosaic side in pixels (default: ${DEFAULT-VALUE}).")
    int mosaic = 1000;

    @Option(names = "--sources", description = "Generated sources; as many negatives are added (default: ${DEFAULT-VALUE}).")
    int sources = 300;

    @Option(names = "--cutout", description = "Generated cutout side in pixels (default: ${DEFAULT-VALUE}).")
    int cutout = 32;

    @Option(names = "--data-dir", description = "Where to write generated stores (kept). Default: a temporary folder, deleted.")
    Path dataDir;

    @Option(names = "--steps", description = "Measured training steps (default: ${DEFAULT-VALUE}).")
    int steps = 50;

    @Option(names = "--warmup", description = "Warm-up steps, excluded from throughput (default: ${DEFAULT-VALUE}).")
    int warmup = 5;

    @Option(names = "--batch", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch = 32;

    @Option(names = "--repetitions", description = "Repetitions per store; samples/s is their median (default: ${DEFAULT-VALUE}).")
    int repetitions = 1;

    @Option(names = "--seed", description = "Seed for data, shuffling and weights (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--labels", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    LabelMode labels = LabelMode.CLASSIFICATION;

    @Option(names = "--normalisation", description = "Per-cutout: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Normalisation normalisation = Normalisation.ASINH;

    @Option(names = "--prefetch", description = "Batches read ahead, 0 = none (default: ${DEFAULT-VALUE}).")
    int prefetch = 4;

    @Option(names = "--threads", description = "Prefetch threads (default: ${DEFAULT-VALUE}).")
    int threads = 1;

    @Option(names = "--csv", description = "Also write the summary table to this CSV file.")
    Path csv;

    @Option(names = "--loss-csv", description = "Also write the loss per step to this CSV file (with --compare-orders: per order and seed).")
    Path lossCsv;

    @Option(names = "--memory", split = ",", description = "Also measure memory over one epoch for these cutout counts "
            + "(e.g. 1000,4000,16000), memory-mapped and HDF5 stores plus a materialised control, each in a fresh JVM.")
    List<Integer> memoryCounts = new ArrayList<>();

    @Option(names = "--compare-orders", split = ",", paramLabel = "SEED",
            description = "Instead of the throughput comparison: train each store with a full shuffle and with a locality-aware "
                    + "order for these seeds (at least two, e.g. 1,2,3) and print the held-out loss of each, with the spread.")
    List<Long> orderSeeds = new ArrayList<>();

    @Option(names = "--group-mib", description = "Locality group size for --compare-orders, in MiB (default: ${DEFAULT-VALUE}).")
    double groupMiB = 8;

    @Option(names = "--held-out", description = "Held-out cutouts for --compare-orders (default: ${DEFAULT-VALUE}).")
    int heldOut = 512;

    @Override
    public Integer call() throws IOException {
        Path tmp = null;
        try {
            List<Path> dirs = new ArrayList<>(stores);
            Path base = dataDir;
            if (dirs.isEmpty() || !memoryCounts.isEmpty()) {
                if (base == null) {
                    tmp = Files.createTempDirectory("cutouts-train");
                    base = tmp;
                }
            }
            if (dirs.isEmpty()) {
                List<Strategy> chosen = strategies.isEmpty() ? List.of(Strategy.values()) : strategies.stream().map(Strategy::parse).toList();
                MosaicSpec spec = MosaicSpec.of(mosaic, mosaic, sources, seed);
                System.out.printf("generating %s plus %d negatives, %dx%d cutouts, in %s%n", spec, sources, cutout, cutout, base);
                dirs.addAll(TrainingComparison.writeStores(base, spec, sources, CutoutSpec.square(cutout), chosen).values());
            }
            if (!orderSeeds.isEmpty()) {
                for (Path d : dirs) {
                    try (CutoutStore store = Stores.open(d)) {
                        OrderComparison.Result r = OrderComparison.on(store).groupBytes((long) (groupMiB * 1048576)).batch(batch).steps(steps)
                                .heldOut(heldOut).seeds(orderSeeds.stream().mapToLong(Long::longValue).toArray()).run();
                        System.out.println(store.strategy().label() + " " + d);
                        System.out.println(r.runs().print());
                        System.out.println(r.summary().print());
                        System.out.printf(java.util.Locale.ROOT, "locality-aware minus full shuffle: %+.4f; full shuffle's spread over seeds: "
                                + "%.4f -> %s%nmethod: %s%n", r.difference(), r.shuffleSpread(), r.withinSpread() ? "within the spread"
                                : "outside the spread", r.method());
                        System.out.printf(java.util.Locale.ROOT, "TARGET %s measured %.3f goal <= %.1f -> %s%n", r.target().name(),
                                r.target().measured(), r.target().goal(), r.target().status());
                        if (lossCsv != null) {
                            r.curves().write().csv(lossCsv.toFile());
                        }
                    }
                }
                return 0;
            }
            TrainingResult r = TrainingComparison.run(dirs, run -> run.steps(steps).warmup(warmup).batch(batch).seed(seed)
                    .repetitions(repetitions).labels(labels).normalisation(normalisation).prefetch(prefetch, threads));
            Table summary = r.summary();
            System.out.println(summary.selectColumns("strategy", "cutouts", "cutout", "batch", "steps", "samples_per_s",
                    "loader_samples_per_s", "load_share", "first_loss", "last_loss", "first3_loss", "last3_loss").print());
            System.out.println("method: " + summary.stringColumn("method").get(0));
            if (csv != null) {
                summary.write().csv(csv.toFile());
            }
            if (lossCsv != null) {
                r.lossCurve().write().csv(lossCsv.toFile());
            }
            if (!memoryCounts.isEmpty()) {
                int[] counts = memoryCounts.stream().mapToInt(Integer::intValue).toArray();
                Table mem = MemoryFlatness.measure(base.resolve("memory"), MosaicSpec.of(mosaic, mosaic, sources, seed), counts,
                        CutoutSpec.square(cutout), List.of(Strategy.MEMORY_MAPPED, Strategy.HDF5), batch);
                System.out.println(mem.selectColumns("strategy", "cutouts", "dataset_mb", "heap_after_mb", "heap_growth_mb",
                        "rss_after_mb", "rss_anon_after_mb", "rss_file_after_mb", "rss_anon_growth_mb").print());
            }
            return 0;
        } finally {
            if (tmp != null) {
                deleteTree(tmp);
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
