package org.cutouts.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code cutouts}: the workbook's command line. Every measurement a notebook shows can also be run
 * from here, headless. Each subcommand is its own class; register new ones in {@code subcommands}.
 */
@Command(name = "cutouts", mixinStandardHelpOptions = true, version = "cutouts 0.1.0",
        description = "Virtual cutouts from one sky mosaic: generate data, write storage strategies, benchmark them.",
        subcommands = {
                CommandLine.HelpCommand.class,
                BenchCommand.class, BenchReportCommand.class,
                GenerateCommand.class,
                WriteCommand.class,
                ExportCommand.class,
                InfoCommand.class,
                PrepareCommand.class,
                VerifyCommand.class,
                TargetsCommand.class,
                FitsCommand.class,
                TrainCommand.class,
                FiguresCommand.class,
        })
public final class Main {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI without exiting, for tests. */
    public static int run(String... args) {
        return execute(new Main(), args);
    }

    /** Runs a picocli command with the workbook's conventions: case-insensitive enums, one line per failure. */
    public static int execute(Object command, String... args) {
        return new CommandLine(command)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((ex, cmd, parseResult) -> {
                    // one clear line per failure: the exception messages already name the file and the problem
                    cmd.getErr().println(cmd.getColorScheme().errorText("error: " + ex.getMessage()));
                    if (System.getenv("CUTOUTS_DEBUG") != null) {
                        ex.printStackTrace(cmd.getErr());
                    }
                    return 2;
                })
                .execute(args);
    }
}
