package org.cutouts.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.cutouts.bench.RunSpec;
import org.cutouts.store.CutoutSpec;
import org.cutouts.store.Strategy;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The bench and targets options map onto a parent spec: given options change it, absent ones keep the parent's values. */
class RunSpecMappingTest {
    @Test
    void benchOptionsReachTheSpec() {
        BenchCommand cmd = new BenchCommand();
        new CommandLine(cmd).parseArgs("--quick", "--cutout-size", "32", "--mosaic", "300", "--strategies", "mmap-npy,hdf5", "--mmap", "default",
                "--batches", "1,8", "--no-cold", "--no-python", "--seed", "7", "--out", "o", "--scaling");
        RunSpec s = cmd.spec(RunSpec.quick());
        RunSpec expected = RunSpec.quick().toBuilder().cutout(CutoutSpec.square(32)).mosaic(300)
                .strategies(List.of(Strategy.MEMORY_MAPPED, Strategy.HDF5)).readOptions(List.of("default")).batches(List.of(1, 8))
                .cold(false).python(false).seed(7).outDir(Path.of("o")).scaling(RunSpec.quick().scaling().withOn(true)).build();
        assertEquals(expected, s);
        BenchCommand none = new BenchCommand();
        new CommandLine(none).parseArgs();
        assertEquals(RunSpec.full(), none.spec(RunSpec.full()));
    }

    @Test
    void targetsOptionsReachTheSpec() {
        TargetsCommand cmd = new TargetsCommand();
        new CommandLine(cmd).parseArgs("--size", "1000", "--batch", "64", "--cold-reads", "10", "--no-large", "--cutout-size", "48");
        RunSpec s = cmd.spec(RunSpec.fastPaths());
        assertEquals(1000, s.mosaicWidth());
        assertEquals(List.of(64), s.batches());
        assertEquals(new RunSpec.Targets(10, 512, false, 24_000, true), s.targets());
        assertEquals(CutoutSpec.square(48), s.cutout());
        TargetsCommand none = new TargetsCommand();
        new CommandLine(none).parseArgs();
        assertEquals(RunSpec.fastPaths(), none.spec(RunSpec.fastPaths()));
    }
}
