package org.cutouts.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cutouts.report.Images;
import org.cutouts.store.CutoutStore;
import org.cutouts.store.Npy;
import org.cutouts.store.Stores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cutouts export}: one cutout of a store as {@code .npy} (numpy.load reads it) or as an asinh-stretched PNG. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export one cutout of a store as .npy or .png (asinh stretch), chosen by the output's extension.")
final class ExportCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "A store directory (e.g. data/<name>/stores/mmap-npy).")
    Path store;

    @Option(names = {"-i", "--index"}, required = true, description = "Catalogue index of the cutout.")
    int index;

    @Option(names = {"-o", "--out"}, required = true, description = "Output file: *.npy or *.png.")
    Path out;

    @Override
    public Integer call() {
        String name = out.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (!name.endsWith(".npy") && !name.endsWith(".png")) {
            throw new IllegalArgumentException(out + ": the output must end in .npy or .png");
        }
        try (CutoutStore s = Stores.open(store)) {
            float[] px = s.read(index);
            int w = s.spec().width();
            int h = s.spec().height();
            if (name.endsWith(".npy")) {
                Npy.write(out, px, h, w);
            } else {
                Images.save(Images.asinh(px, w, h), out);
            }
            System.out.printf("cutout %d of %s (%dx%d, centre x=%s y=%s) -> %s%n", index, store, w, h,
                    s.catalogue().x(index), s.catalogue().y(index), out);
        }
        return 0;
    }
}
