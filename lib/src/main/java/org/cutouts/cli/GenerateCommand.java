package org.cutouts.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cutouts.data.CatalogueRecipe;
import org.cutouts.data.MosaicSpec;
import org.cutouts.store.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cutouts generate}: a synthetic mosaic and its catalogue in a data directory. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate a synthetic mosaic (mosaic.npy, streamed) and a catalogue of cutout centres (catalogue.csv).")
final class GenerateCommand implements Callable<Integer> {
    enum Centres { sources, uniform, negatives }

    @Option(names = "--width", description = "Mosaic width in pixels (default: ${DEFAULT-VALUE}).")
    int width = 5000;

    @Option(names = "--height", description = "Mosaic height in pixels (default: ${DEFAULT-VALUE}).")
    int height = 5000;

    @Option(names = "--sources", description = "Number of Gaussian sources (default: ${DEFAULT-VALUE}).")
    int sources = 10_000;

    @Option(names = "--seed", description = "Seed for everything (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--centres", description = "Cutout centres: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Centres centres = Centres.sources;

    @Option(names = "--count", description = "Number of uniform centres, or of negatives (default: ${DEFAULT-VALUE}).")
    int count = 10_000;

    @Option(names = "--out", description = "Data directory to write (default: data/synthetic-<w>x<h>-seed<seed>).")
    Path out;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Override
    public Integer call() {
        MosaicSpec spec = MosaicSpec.of(width, height, sources, seed);
        CatalogueRecipe recipe = switch (centres) {
            case sources -> CatalogueRecipe.sources();
            case uniform -> CatalogueRecipe.uniform(count, seed);
            case negatives -> CatalogueRecipe.withNegatives(count, seed);
        };
        Path dir = out != null ? out : Path.of("data", Workspace.name(spec));
        long t0 = System.nanoTime();
        Workspace ws;
        try (CliProgress p = new CliProgress("mosaic", quiet)) {
            ws = Workspace.generate(spec, recipe, dir, p);
        }
        System.out.printf("%s: %s, centres: %s, %d cutout centres, %.1f s%n", ws.root(), spec, recipe,
                ws.catalogue().size(), (System.nanoTime() - t0) / 1e9);
        return 0;
    }
}
