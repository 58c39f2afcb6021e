package org.cutouts.spark.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cutouts.cli.CliProgress;
import org.cutouts.store.CutoutSpec;
import org.cutouts.store.Strategy;
import org.cutouts.survey.SurveySpec;
import org.cutouts.survey.SurveyWriter;
import org.cutouts.survey.SyntheticSurvey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code survey generate}: writes a synthetic survey directory. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write a synthetic survey: a grid of overlapping tiles with TAN WCS, one store per tile, and its RA/Dec catalogue.")
final class GenerateSurveyCommand implements Callable<Integer> {
    @Option(names = "--tiles", defaultValue = "3x3", description = "tiles along RA x Dec (default ${DEFAULT-VALUE})")
    String tiles;
    @Option(names = "--tile-size", defaultValue = "2048", description = "pixels per tile side (default ${DEFAULT-VALUE})")
    int tileSize;
    @Option(names = "--overlap", defaultValue = "128", description = "pixels shared by neighbours (default ${DEFAULT-VALUE})")
    int overlap;
    @Option(names = "--sources-per-tile", defaultValue = "2000", description = "(default ${DEFAULT-VALUE})")
    int sourcesPerTile;
    @Option(names = "--seed", defaultValue = "42")
    long seed;
    @Option(names = "--cutout", defaultValue = "64", description = "cutout side in pixels (default ${DEFAULT-VALUE})")
    int cutout;
    @Option(names = "--strategy", defaultValue = "mmap-npy", description = "store strategy of every tile (default ${DEFAULT-VALUE})")
    String strategy;
    @Option(names = "--out", required = true, description = "the survey directory to write")
    Path out;
    @Option(names = "--quiet", description = "no progress bar")
    boolean quiet;

    @Override
    public Integer call() {
        String[] grid = tiles.toLowerCase(java.util.Locale.ROOT).split("x");
        if (grid.length != 2) {
            throw new IllegalArgumentException("--tiles must look like 3x3, got " + tiles);
        }
        SurveySpec spec = SurveySpec.of(Integer.parseInt(grid[0]), Integer.parseInt(grid[1]), tileSize, overlap, sourcesPerTile, seed);
        try (CliProgress bar = new CliProgress("tiles", quiet)) {
            SurveyWriter.write(SyntheticSurvey.of(spec), Strategy.parse(strategy), CutoutSpec.square(cutout), out, bar::advanced);
        }
        System.out.println("wrote " + spec + " to " + out);
        return 0;
    }
}
