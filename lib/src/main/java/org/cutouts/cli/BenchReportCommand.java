package org.cutouts.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.cutouts.bench.BenchmarkResults;
import org.cutouts.report.MarkdownReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cutouts bench-report}: regenerates docs/benchmark-results.md from a results file. */
@Command(name = "bench-report", mixinStandardHelpOptions = true,
        description = "Writes the Markdown benchmark report (tables + methodology) from a results.json; nobody writes numbers by hand.")
public final class BenchReportCommand implements Callable<Integer> {

    @Option(names = "--results", description = "results.json or its folder (default: ${DEFAULT-VALUE}).", defaultValue = "build/bench")
    Path results;

    @Option(names = "--scaling-results", description = "Optional second results file whose scaling section is included too.")
    Path scalingResults;

    @Option(names = "--out", description = "Markdown file to write (default: ${DEFAULT-VALUE}).", defaultValue = "docs/benchmark-results.md")
    Path out;

    @Override
    public Integer call() {
        BenchmarkResults r = BenchmarkResults.load(results);
        List<String> problems = r.validate();
        if (!problems.isEmpty()) {
            System.err.println("warning: " + results + " does not match the schema: " + problems);
        }
        BenchmarkResults scaling = scalingResults == null ? null : BenchmarkResults.load(scalingResults);
        MarkdownReport.write(r, scaling, out);
        System.out.println(out);
        return 0;
    }
}
