package org.cutouts.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import org.cutouts.store.CutoutSpec;
import org.cutouts.store.EdgePolicy;
import org.cutouts.store.Strategy;
import org.cutouts.store.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cutouts write}: a data directory's mosaic and catalogue in one or more strategies' formats. */
@Command(name = "write", mixinStandardHelpOptions = true,
        description = "Write the stores of a data directory (made by 'generate'): individual-npy, mmap-npy, mmap-tiled, hdf5, nd4j-tensor, stacked-npy, or all.")
final class WriteCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "The data directory holding mosaic.npy and catalogue.csv.")
    Path data;

    @Option(names = {"-s", "--strategy"}, split = ",", description = "Strategies to write (default: all).")
    List<String> strategies = List.of("all");

    @Option(names = "--cutout", description = "Cutout width and height in pixels (default: ${DEFAULT-VALUE}).")
    int cutout = 64;

    @Option(names = "--cutout-height", description = "Cutout height, if it differs from the width.")
    Integer cutoutHeight;

    @Option(names = "--edge", description = "Edge policy: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    EdgePolicy edge = EdgePolicy.PAD;

    @Option(names = "--fill", description = "Fill value outside the mosaic under PAD (default: NaN).")
    float fill = Float.NaN;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Override
    public Integer call() {
        Workspace ws = Workspace.at(data);
        if (!Files.exists(ws.mosaicFile()) && !Files.exists(ws.catalogueFile())) {
            throw new IllegalArgumentException(data + ": no mosaic.npy and catalogue.csv here; run 'cutouts generate' first");
        }
        ws.requireComplete(false); // a new catalogue beside an old mosaic (an interrupted generate) is refused
        CutoutSpec spec = new CutoutSpec(cutout, cutoutHeight != null ? cutoutHeight : cutout, edge, fill);
        EnumSet<Strategy> chosen = EnumSet.noneOf(Strategy.class);
        for (String s : strategies) {
            if (s.equalsIgnoreCase("all")) {
                chosen.addAll(EnumSet.allOf(Strategy.class));
            } else {
                chosen.add(Strategy.parse(s));
            }
        }
        for (Strategy s : chosen) {
            long t0 = System.nanoTime();
            Path dir;
            try (CliProgress p = new CliProgress(s.folder(), quiet)) {
                dir = ws.writeStore(s, spec, p);
            }
            System.out.printf("%-14s %s (%.1f s)%n", s.folder(), dir, (System.nanoTime() - t0) / 1e9);
        }
        return 0;
    }
}
