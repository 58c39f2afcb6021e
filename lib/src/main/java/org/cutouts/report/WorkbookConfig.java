package org.cutouts.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.cutouts.bench.RunSpec;
import org.cutouts.store.CutoutSpec;
import org.cutouts.store.Strategy;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The run's parameters, read from environment variables so that {@code environment/workbook run},
 * {@code environment/workbook test} (quick mode) and a person in Jupyter all drive the same notebooks.
 *
 * <pre>{@code var cfg = WorkbookConfig.fromEnvironment();}</pre>
 *
 * <table>
 * <caption>Variables</caption>
 * <tr><th>variable</th><th>default</th><th>quick default</th></tr>
 * <tr><td>CUTOUTS_QUICK</td><td>0</td><td>1 (any of 1, true, yes, on)</td></tr>
 * <tr><td>CUTOUTS_MOSAIC_SIZE</td><td>5000</td><td>1000</td></tr>
 * <tr><td>CUTOUTS_COUNT</td><td>10000</td><td>500</td></tr>
 * <tr><td>CUTOUTS_CUTOUT_SIZE</td><td>64</td><td>64</td></tr>
 * <tr><td>CUTOUTS_SEED</td><td>42</td><td>42</td></tr>
 * <tr><td>CUTOUTS_DATA_DIR</td><td>data</td><td>data/quick</td></tr>
 * <tr><td>CUTOUTS_BUILD_DIR</td><td>build/workbook</td><td>build/workbook-quick</td></tr>
 * <tr><td>CUTOUTS_NOTEBOOK</td><td>(none: figure names get no prefix)</td><td></td></tr>
 * <tr><td>CUTOUTS_ROOT</td><td>found by walking up from the working directory to the folder with
 *     {@code notebooks/} and {@code pom.xml}</td><td></td></tr>
 * </table>
 *
 * <p>Relative directories are resolved against the project root, not the notebook's folder.
 *
 * @param quick       smaller sizes so that every notebook runs in seconds (CI, smoke tests)
 * @param mosaicSize  width and height of the synthetic mosaic in pixels
 * @param count       number of cutout centres (sources)
 * @param cutoutSize  width and height of one cutout in pixels
 * @param seed        seed of the synthetic data
 * @param root        the project root
 * @param dataDir     where generated mosaics and stores live (absolute)
 * @param buildDir    where the executed notebooks, HTML and figures go (absolute)
 * @param notebook    the running notebook's name without extension, e.g. "01-overview", or "" if unknown
 * @param sources     for each setting, where its value came from (the variable's name, or "default")
 */
public record WorkbookConfig(boolean quick, int mosaicSize, int count, int cutoutSize, long seed,
                             Path root, Path dataDir, Path buildDir, String notebook, Map<String, String> sources) {

    public static final String QUICK = "CUTOUTS_QUICK";
    public static final String MOSAIC_SIZE = "CUTOUTS_MOSAIC_SIZE";
    public static final String COUNT = "CUTOUTS_COUNT";
    public static final String CUTOUT_SIZE = "CUTOUTS_CUTOUT_SIZE";
    public static final String SEED = "CUTOUTS_SEED";
    public static final String DATA_DIR = "CUTOUTS_DATA_DIR";
    public static final String BUILD_DIR = "CUTOUTS_BUILD_DIR";
    public static final String NOTEBOOK = "CUTOUTS_NOTEBOOK";
    public static final String ROOT = "CUTOUTS_ROOT";

    public WorkbookConfig {
        if (mosaicSize <= 0) {
            throw new IllegalArgumentException(MOSAIC_SIZE + " must be positive, got " + mosaicSize);
        }
        if (count < 0) {
            throw new IllegalArgumentException(COUNT + " must not be negative, got " + count);
        }
        if (cutoutSize <= 0 || cutoutSize > 8192) {
            throw new IllegalArgumentException(CUTOUT_SIZE + " must be between 1 and 8192, got " + cutoutSize);
        }
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(buildDir, "buildDir");
        notebook = notebook == null ? "" : notebook;
        sources = Map.copyOf(sources == null ? Map.of() : sources);
    }

    /** Reads the process environment. */
    public static WorkbookConfig fromEnvironment() {
        return fromMap(System.getenv());
    }

    /** Reads the given variables (for tests); unknown keys are ignored, missing keys take defaults. */
    public static WorkbookConfig fromMap(Map<String, String> env) {
        Map<String, String> src = new LinkedHashMap<>();
        boolean quick = parseBoolean(env, QUICK, false, src);
        int mosaic = parseInt(env, MOSAIC_SIZE, quick ? 1000 : 5000, src);
        int count = parseInt(env, COUNT, quick ? 500 : 10_000, src);
        int cutout = parseInt(env, CUTOUT_SIZE, 64, src);
        long seed = parseLong(env, SEED, 42, src);
        Path root = findRoot(env, src);
        Path data = dir(env, DATA_DIR, root, quick ? "data/quick" : "data", src);
        Path build = dir(env, BUILD_DIR, root, quick ? "build/workbook-quick" : "build/workbook", src);
        String nb = value(env, NOTEBOOK);
        src.put(NOTEBOOK, nb == null ? "default" : NOTEBOOK);
        return new WorkbookConfig(quick, mosaic, count, cutout, seed, root, data, build, nb == null ? "" : nb, src);
    }

    /** {@code buildDir/figures}: every chart and image a notebook shows is also saved here as PNG. */
    public Path figuresDir() {
        return buildDir.resolve("figures");
    }

    /** A quick copy of this configuration with other sizes, for notebooks that sweep a parameter. */
    public WorkbookConfig withMosaicSize(int size) {
        return new WorkbookConfig(quick, size, count, cutoutSize, seed, root, dataDir, buildDir, notebook, sources);
    }

    public WorkbookConfig withCount(int n) {
        return new WorkbookConfig(quick, mosaicSize, n, cutoutSize, seed, root, dataDir, buildDir, notebook, sources);
    }

    /** The stamp the notebooks cut: {@code cutoutSize} square, padded with NaN at the edges. */
    public CutoutSpec cutout() {
        return CutoutSpec.square(cutoutSize);
    }

    /**
     * Notebook 05's benchmark: every strategy, the scaling sweep, the memory regimes; in quick mode the
     * issue-3 and the current read paths side by side, in full mode the current path only, on this run's
     * mosaic and cutouts with fewer repetitions than
     * {@code cli bench} (docs/benchmark-results.md has the full run), and the minutes-long scaling
     * points only with {@code fullScaling} (CUTOUTS_FULL_SCALING=1 or {@code cli bench --scaling-only}).
     */
    public RunSpec benchSpec(boolean fullScaling) {
        RunSpec parent = quick ? RunSpec.quick() : RunSpec.full();
        RunSpec.Builder b = parent.toBuilder().seed(seed).cutout(cutout()).dataDir(dataDir.resolve("bench")).outDir(buildDir.resolve("bench"))
                .strategies(List.of(Strategy.values())).readOptions(List.of("baseline", "default"));
        RunSpec.Scaling sc = parent.scaling().withOn(true);
        if (!quick) {
            // Within the run's ten minutes: the library's read path only (the issue-3 path beside it, HDF5
            // through jhdf alone 40 s, is in docs/benchmark-results.md; quick mode runs both), batches of 32
            // and 256 (one cutout at a time is the latency table), random order only (training's; quick mode and
            // docs/benchmark-results.md add sequential), and a scaling sweep of 1,000 and 4,000 cutouts.
            b.mosaic(mosaicSize).sources(count).reps(3).coldReps(2).pythonReps(2).readOptions(List.of("default")).batches(List.of(32, 256))
                    .sequential(false);
            if (!fullScaling) {
                // three points: the cutout count grows on the small mosaic (what grows with it does not need a
                // large one), the mosaic grows at the small count; one large mosaic, not two (each costs the
                // ND4J control about 8 s to write)
                sc = new RunSpec.Scaling(true, List.of(1000, mosaicSize), List.of(1000, 4000), List.of(), 1000, 1000,
                        sc.reads(), sc.keepData());
            }
        }
        return b.scaling(sc).regimes(quick ? parent.regimes() : workbookRegimes(parent.regimes())).build();
    }

    /**
     * The regime sweep of a default workbook run: the quick sweep's data (both regimes' definitions met
     * with a 64 MiB cgroup) and stores (one file per cutout, stacked, row-major mosaic), 4 loader threads
     * (the thread count of the targets), default and explicit reads, random and locality-aware
     * order, two epochs of at most 1.5 s, so the page stays within the run's ten minutes. Readahead on
     * ({@code advice=none}) is measured on the stacked store only: it shows the same lesson (hundreds of times
     * the cutout's bytes from the device) in seconds, where the row-major mosaic faults 64 rows of 8 MiB
     * readahead per cutout, took a minute of the page for a few hundred cutouts and can be OOM-killed in the
     * 64 MiB cgroup. docs/benchmark-results.md has every strategy and variant at the pipeline's scale
     * ({@code cli bench}).
     */
    static RunSpec.Regimes workbookRegimes(RunSpec.Regimes full) {
        RunSpec.Regimes q = RunSpec.quick().regimes();
        return new RunSpec.Regimes(true, q.regimes(), q.strategies(), q.variants(), q.mosaic(), q.cutouts(), q.memoryLimitBytes(),
                List.of(4), q.batch(), 1024, 2, 1.5, q.heap(), q.orders()).withReadahead(List.of(Strategy.STACKED));
    }

    /**
     * Notebook 05's fast-path targets: without the idea-by-idea experiments, the sparse >2 GiB mosaic
     * only with {@code fullScaling}; quick mode at 1000x1000 with fewer reads.
     */
    public RunSpec targetsSpec(boolean fullScaling) {
        RunSpec parent = RunSpec.fastPaths();
        RunSpec.Targets t = parent.targets();
        RunSpec.Builder b = parent.toBuilder().seed(seed).cutout(cutout()).dataDir(dataDir.resolve("fast-paths"))
                .outDir(buildDir.resolve("fast-paths"));
        if (quick) {
            b.mosaic(1000).sources(1000).throughputReads(2048).reps(3).memoryReads(100)
                    .targets(new RunSpec.Targets(200, 128, fullScaling, t.largeSize(), false));
        } else {
            // fewer reads and rounds than cli targets (docs/fast-paths.md): the page shows the targets, the docs the full run
            b.mosaic(mosaicSize).sources(count).reps(3).throughputReads(4096)
                    .targets(new RunSpec.Targets(t.coldReads(), t.jhdfReads(), fullScaling, t.largeSize(), false));
        }
        return b.build();
    }

    /** The configuration as a table: {@code setting, value, from} (the variable that set it, or "default"). */
    public Table toTable() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"quick mode", Boolean.toString(quick), sources.getOrDefault(QUICK, "default")});
        rows.add(new String[] {"mosaic size (px)", mosaicSize + " x " + mosaicSize, sources.getOrDefault(MOSAIC_SIZE, "default")});
        rows.add(new String[] {"cutouts", Integer.toString(count), sources.getOrDefault(COUNT, "default")});
        rows.add(new String[] {"cutout size (px)", cutoutSize + " x " + cutoutSize, sources.getOrDefault(CUTOUT_SIZE, "default")});
        rows.add(new String[] {"seed", Long.toString(seed), sources.getOrDefault(SEED, "default")});
        rows.add(new String[] {"data directory", display(dataDir), sources.getOrDefault(DATA_DIR, "default")});
        rows.add(new String[] {"output directory", display(buildDir), sources.getOrDefault(BUILD_DIR, "default")});
        StringColumn setting = StringColumn.create("setting");
        StringColumn value = StringColumn.create("value");
        StringColumn from = StringColumn.create("from");
        for (String[] r : rows) {
            setting.append(r[0]);
            value.append(r[1]);
            from.append(r[2]);
        }
        return Table.create("configuration", setting, value, from);
    }

    /** A path relative to the project root when it is inside it (shorter in tables; anything but a file ends in /), else absolute. */
    public String display(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        String dir = java.nio.file.Files.isRegularFile(abs) ? "" : "/";
        return abs.startsWith(root) && !abs.equals(root) ? root.relativize(abs).toString() + dir : abs.toString();
    }

    /**
     * A copy of {@code table} whose text cells that are absolute paths inside the project are shown as
     * {@link #display(Path)} shows them: a page carries no path of the machine that built it.
     */
    public tech.tablesaw.api.Table withDisplayPaths(tech.tablesaw.api.Table table) {
        tech.tablesaw.api.Table copy = table.copy();
        for (tech.tablesaw.api.StringColumn c : copy.stringColumns()) {
            for (int r = 0; r < c.size(); r++) {
                String v = c.get(r);
                if (v != null && v.startsWith(root + "/")) {
                    c.set(r, display(Path.of(v)));
                }
            }
        }
        return copy;
    }

    private static String value(Map<String, String> env, String key) {
        String v = env.get(key);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static boolean parseBoolean(Map<String, String> env, String key, boolean dflt, Map<String, String> src) {
        String v = value(env, key);
        if (v == null) {
            src.put(key, "default");
            return dflt;
        }
        src.put(key, key);
        return switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "1", "true", "yes", "on" -> true;
            case "0", "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException(key + "='" + v + "' is not a boolean; use 1 or 0");
        };
    }

    private static int parseInt(Map<String, String> env, String key, int dflt, Map<String, String> src) {
        long v = parseLong(env, key, dflt, src);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(key + "=" + v + " is out of range");
        }
        return (int) v;
    }

    private static long parseLong(Map<String, String> env, String key, long dflt, Map<String, String> src) {
        String v = value(env, key);
        if (v == null) {
            src.put(key, "default");
            return dflt;
        }
        src.put(key, key);
        try {
            return Long.parseLong(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + "='" + v + "' is not an integer", e);
        }
    }

    private static Path dir(Map<String, String> env, String key, Path root, String dflt, Map<String, String> src) {
        String v = value(env, key);
        src.put(key, v == null ? "default" : key);
        Path p = Path.of(v == null ? dflt : v);
        return (p.isAbsolute() ? p : root.resolve(p)).normalize();
    }

    private static Path findRoot(Map<String, String> env, Map<String, String> src) {
        String v = value(env, ROOT);
        if (v != null) {
            src.put(ROOT, ROOT);
            return Path.of(v).toAbsolutePath().normalize();
        }
        src.put(ROOT, "default");
        Path start = Path.of("").toAbsolutePath().normalize();
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("notebooks")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        // not inside the project (a test, a scratch directory): the working directory is the root
        return start;
    }
}
