package org.cutouts.spark.cli;

import org.cutouts.cli.Main;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code survey}: the survey job's command line, apart from the core {@code cutouts} CLI so that the
 * core library never depends on Spark. {@code environment/workbook survey ...} runs it.
 */
@Command(name = "survey", mixinStandardHelpOptions = true, version = "survey 0.1.0",
        description = "A survey of many tiles: generate one, cut and measure every source on Spark, benchmark the scale-out.",
        subcommands = {CommandLine.HelpCommand.class, GenerateSurveyCommand.class, RunSurveyCommand.class, SurveyBenchCommand.class})
public final class SurveyMain {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI without exiting, for tests. */
    public static int run(String... args) {
        return Main.execute(new SurveyMain(), args);
    }
}
