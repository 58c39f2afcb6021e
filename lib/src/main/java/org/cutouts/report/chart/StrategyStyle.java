package org.cutouts.report.chart;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cutouts.bench.BenchTarget;
import org.cutouts.bench.Identity;
import org.cutouts.store.Strategy;

/**
 * The one owner of how a strategy looks in every chart of the workbook: its colour and its label.
 *
 * <p>Each {@link Strategy} has one hue ({@link #colour(Strategy)}). A series is one way of reading a
 * strategy; it is drawn in a shade of the strategy's hue:
 * <ul>
 *   <li>Java, the library's default read path ("default", "mmap=default"): the hue itself;</li>
 *   <li>Java, another read path: a darker or lighter shade per variant ({@link #JAVA_VARIANTS}, in order);</li>
 *   <li>the Python peer's per-cutout reader: a light shade, and its batch idiom ({@link #PYTHON_BATCH_IDIOMS}) a
 *       lighter one; Python lines are dashed and Python bars hatched.</li>
 * </ul>
 * A chart never gives two series the same colour: a series whose shade is taken in that chart gets the
 * next free shade of its hue ({@link Series#colourAvoiding}), then a neutral extra colour. Labels are
 * {@link Strategy#label()} everywhere; the Python peer's whole-tensor reader is not ND4J, so its label
 * drops the Java library's name ({@link #peerLabel}).
 */
public final class StrategyStyle {
    /** Hues, from the Tableau 10 palette: distinct for the common forms of colour blindness in pairs that matter. */
    private static final Map<Strategy, String> HUES = new EnumMap<>(Map.of(
            Strategy.INDIVIDUAL_FILES, "#d62728",
            Strategy.MEMORY_MAPPED, "#1f77b4",
            Strategy.HDF5, "#2ca02c",
            Strategy.WHOLE_TENSOR, "#8c564b",
            Strategy.MEMORY_MAPPED_TILED, "#9467bd",
            Strategy.STACKED, "#ff7f0e"));

    /**
     * The shades of a hue, in the order a chart tries them: a fraction towards black (negative) or white
     * (positive). Slot 0 is the hue.
     */
    static final double[] SHADES = {0, -0.45, 0.45, -0.25, 0.7, -0.65, 0.25};
    /** Java read variants that are the library's default read path: the hue itself. */
    static final Set<String> JAVA_DEFAULTS = Set.of(BenchTarget.DEFAULT_VARIANT, "mmap=default");
    /** Other Java read variants, each with its fixed shade slot (index + 1 in {@code JAVA_SLOTS}). */
    static final List<String> JAVA_VARIANTS = List.of("mmap=baseline", "explicit", "advice=random", "advice=none");
    private static final int[] JAVA_SLOTS = {1, 3, 6, 5};
    /** The Python peer's batch idioms (python/peer_bench.py BATCH_IDIOMS; a test keeps the two in step). */
    public static final Set<String> PYTHON_BATCH_IDIOMS = Set.of("numpy sliding_window_view gather", "numpy memmap fancy index [idx]",
            "h5py hyperslabs, batch sorted by row");
    private static final int PYTHON_READER_SLOT = 2;
    private static final int PYTHON_IDIOM_SLOT = 4;
    /** Colours for series of no strategy, and for a hue whose shades are all taken in one chart. */
    static final List<String> EXTRAS = List.of("#7f7f7f", "#17becf", "#bcbd22", "#e377c2", "#393b79", "#637939", "#843c39", "#7b4173");

    private StrategyStyle() {
    }

    /** The strategy's hue, as {@code #rrggbb}. */
    public static String colour(Strategy s) {
        return HUES.get(s);
    }

    /** Every strategy's hue by enum name: the palette the charts declare and the browser test checks. */
    public static Map<String, String> palette() {
        Map<String, String> out = new LinkedHashMap<>();
        HUES.forEach((s, c) -> out.put(s.name(), c));
        return out;
    }

    /** The label of the Python peer's reader of {@code s}: the strategy's label without the Java library's name. */
    public static String peerLabel(Strategy s) {
        return s == Strategy.WHOLE_TENSOR ? "whole tensor" : s.label();
    }

    /** The strategy of an enum name ("HDF5"), a folder ("mmap-npy") or a label ("memory-mapped tiles"), if any. */
    public static Optional<Strategy> strategyOf(String nameOrLabel) {
        if (nameOrLabel == null) {
            return Optional.empty();
        }
        Optional<Strategy> byLabel = Arrays.stream(Strategy.values()).filter(s -> s.label().equals(nameOrLabel)).findFirst();
        if (byLabel.isPresent()) {
            return byLabel;
        }
        try {
            return Optional.of(Strategy.parse(nameOrLabel));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The label of a strategy given by enum name, or the name as given for one this library does not know (a peer's "ALL"). */
    public static String label(String strategy) {
        return strategyOf(strategy).map(Strategy::label).orElse(strategy);
    }

    /** The series of a strategy as a whole (its label, its hue): a bar or line per strategy. */
    public static Series of(Strategy s) {
        return new Series(s.name(), s.label(), s, 0, false);
    }

    /** The series of a strategy named by enum name or label; a series of no strategy (neutral colour) otherwise. */
    public static Series of(String strategy) {
        return strategyOf(strategy).map(StrategyStyle::of).orElseGet(() -> other(strategy));
    }

    /** A series of no strategy (a limit, a model): one of the neutral {@link #EXTRAS}, chosen per chart. */
    public static Series other(String name) {
        return new Series(null, name, null, -1, false);
    }

    /**
     * The series of a result row's identity: "java memory-mapped .npy (mmap=baseline)",
     * "python whole tensor (torch.load whole .pt)". Java's default path is the strategy's hue.
     */
    public static Series of(Identity id) {
        Optional<Strategy> s = strategyOf(id.strategy());
        String variant = id.variant() == null ? "" : id.variant();
        boolean python = Identity.PYTHON.equals(id.impl());
        String label = s.map(x -> python ? peerLabel(x) : x.label()).orElse(id.strategy());
        String name = id.impl() + " " + label + (variant.isEmpty() || variant.equals(BenchTarget.DEFAULT_VARIANT) ? "" : " (" + variant + ")");
        if (s.isEmpty()) {
            return other(name);
        }
        if (python) {
            int slot = PYTHON_BATCH_IDIOMS.contains(variant) ? PYTHON_IDIOM_SLOT : PYTHON_READER_SLOT;
            return new Series("python/" + s.get().name() + "/" + variant, name, s.get(), slot, true);
        }
        if (JAVA_DEFAULTS.contains(variant) || variant.isEmpty()) {
            return new Series(s.get().name(), name, s.get(), 0, false);
        }
        int known = JAVA_VARIANTS.indexOf(variant);
        // an unknown variant takes the last shade first: a chart moves it on if another series has it
        int slot = known >= 0 ? JAVA_SLOTS[known] : SHADES.length - 1;
        return new Series(s.get().name() + "/" + variant, name, s.get(), slot, false);
    }

    /**
     * One series as a chart draws it.
     *
     * @param key      what the browser test matches colours by: the strategy's enum name for its default
     *                 path, with "/variant" for another Java path, "python/STRATEGY/reader" for the peer;
     *                 null for a series of no strategy
     * @param name     the legend entry
     * @param strategy the strategy, or null
     * @param shade    index into the hue's shades; -1 for a series of no strategy
     * @param peer     the Python peer (dashed lines, hatched bars)
     */
    public record Series(String key, String name, Strategy strategy, int shade, boolean peer) {
        /** The series' colour when no other series of its chart has it. */
        public String colour() {
            return strategy == null ? EXTRAS.getFirst() : StrategyStyle.shade(HUES.get(strategy), SHADES[shade]);
        }

        /** The same series with another name (the legend entry), same key and colour. */
        public Series named(String newName) {
            return new Series(key, newName, strategy, shade, peer);
        }

        /** The first colour, from this series' own shade on, that is not in {@code taken}. */
        public String colourAvoiding(Collection<String> taken) {
            if (strategy != null) {
                for (int i = 0; i < SHADES.length; i++) {
                    String c = StrategyStyle.shade(HUES.get(strategy), SHADES[(shade + i) % SHADES.length]);
                    if (!taken.contains(c)) {
                        return c;
                    }
                }
            }
            return EXTRAS.stream().filter(c -> !taken.contains(c)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("more series in one chart than the palette has colours: " + taken.size()));
        }
    }

    /** {@code hex} mixed towards black ({@code f < 0}) or white ({@code f > 0}) by {@code |f|}. */
    static String shade(String hex, double f) {
        int rgb = Integer.parseInt(hex.substring(1), 16);
        int[] c = {rgb >> 16 & 0xff, rgb >> 8 & 0xff, rgb & 0xff};
        for (int i = 0; i < 3; i++) {
            double target = f < 0 ? 0 : 255;
            c[i] = (int) Math.round(c[i] + (target - c[i]) * Math.abs(f));
        }
        return String.format(Locale.ROOT, "#%02x%02x%02x", c[0], c[1], c[2]);
    }
}
