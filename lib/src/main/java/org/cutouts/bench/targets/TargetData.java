package org.cutouts.bench.targets;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Locale;
import java.util.SplittableRandom;
import org.cutouts.bench.RunSpec;
import org.cutouts.bench.StoreWrites;
import org.cutouts.data.Catalogue;
import org.cutouts.data.CatalogueCsv;
import org.cutouts.data.CatalogueRecipe;
import org.cutouts.data.MosaicSpec;
import org.cutouts.store.CutoutSpec;
import org.cutouts.store.NpyHeader;
import org.cutouts.store.StoreManifest;
import org.cutouts.store.Strategy;
import org.cutouts.store.TileConverter;
import org.cutouts.store.TiledLayout;
import org.cutouts.store.Workspace;

/**
 * The data the targets run reads, written once and reused: the spec's mosaic with its row-major,
 * tiled and HDF5 stores, and a sparse mosaic above 2 GiB for the memory target. Stores of another
 * stamp than the default live in a sibling folder ({@code data/fast-paths-c32x32}), so a reuse never
 * mixes stamps.
 */
record TargetData(RunSpec c, PrintStream log) {

    /** The folder of this spec's data. */
    Path root() {
        return Path.of(c.dataDir() + StoreWrites.folderSuffix(c.cutout()));
    }

    /** The spec's workspace with its row-major, tiled and HDF5 stores (reused when present). */
    Workspace prepare() {
        Workspace ws = Workspace.at(root());
        if (!ws.hasMosaic()) {
            log.printf(Locale.ROOT, "generating %dx%d mosaic in %s%n", c.mosaicWidth(), c.mosaicHeight(), root());
            ws = Workspace.generate(MosaicSpec.of(c.mosaicWidth(), c.mosaicHeight(), c.sources(), c.seed()), CatalogueRecipe.sources(),
                    root(), (d, t) -> { });
        }
        if (!ws.hasStore(Strategy.MEMORY_MAPPED)) {
            ws.writeStore(Strategy.MEMORY_MAPPED, c.cutout());
        }
        if (!ws.hasStore(Strategy.HDF5)) {
            ws.writeStore(Strategy.HDF5, c.cutout());
        }
        if (!ws.hasStore(Strategy.MEMORY_MAPPED_TILED)) {
            TileConverter.convert(ws.storeDir(Strategy.MEMORY_MAPPED), ws.storeDir(Strategy.MEMORY_MAPPED_TILED));
        }
        return ws;
    }

    /**
     * A sparse mosaic above 2 GiB ({@code largeSize}^2 float32, a noise patch in the far corner, holes
     * elsewhere) as a row-major store, and its tiled conversion; catalogue: 2000 uniform centres.
     */
    Path[] prepareLarge() {
        int w = c.targets().largeSize();
        Path base = root().resolve("large-" + w);
        Path rm = base.resolve(Strategy.MEMORY_MAPPED.folder());
        Path tl = base.resolve(Strategy.MEMORY_MAPPED_TILED.folder());
        if (!Files.isRegularFile(rm.resolve(StoreManifest.FILE_NAME))) {
            log.printf(Locale.ROOT, "writing sparse %dx%d mosaic (%.2f GiB)%n", w, w, 4.0 * w * w / (1 << 30));
            try {
                Files.createDirectories(rm);
                writeSparse(rm.resolve("mosaic.npy"), w);
                Catalogue cat = uniform(w, 2000, c.cutout());
                CatalogueCsv.write(cat, rm.resolve(StoreManifest.CATALOGUE_FILE));
                new StoreManifest(Strategy.MEMORY_MAPPED, w, w, cat.size(), c.cutout(), "mosaic.npy", "sparse " + w + "x" + w, Instant.now()).write(rm);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (!Files.isRegularFile(tl.resolve(StoreManifest.FILE_NAME))) {
            log.println("converting it to tiles");
            TileConverter.convert(rm, tl, TiledLayout.DEFAULT_TILE, (d, t) -> { });
        }
        return new Path[] {rm, tl};
    }

    /** A w x w float32 .npy whose only written pixels are a 512x512 noise patch in the far corner and the last pixel. */
    private void writeSparse(Path file, int w) throws IOException {
        byte[] header = NpyHeader.encode(w, w);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE, StandardOpenOption.SPARSE)) {
            ch.write(ByteBuffer.wrap(header));
            int patch = 512;
            ByteBuffer row = ByteBuffer.allocate(4 * patch).order(ByteOrder.LITTLE_ENDIAN);
            SplittableRandom r = new SplittableRandom(c.seed());
            for (int y = w - patch; y < w; y++) {
                row.clear();
                for (int x = 0; x < patch; x++) {
                    row.putFloat((float) r.nextDouble());
                }
                row.flip();
                ch.write(row, header.length + 4L * ((long) y * w + (w - patch)));
            }
            ch.write(ByteBuffer.wrap(new byte[] {0, 0, 0, 0}), header.length + 4L * w * w - 4);
        }
    }

    /** {@code n} uniform centres whose stamps lie inside a w x w mosaic. */
    private Catalogue uniform(int w, int n, CutoutSpec cutout) {
        SplittableRandom r = new SplittableRandom(c.seed() + 1);
        double[] x = new double[n];
        double[] y = new double[n];
        int hw = cutout.width() / 2;
        int hh = cutout.height() / 2;
        for (int i = 0; i < n; i++) {
            x[i] = hw + r.nextDouble() * (w - 2 * hw);
            y[i] = hh + r.nextDouble() * (w - 2 * hh);
        }
        return new Catalogue(x, y, new double[n], new double[n], new int[n]);
    }
}
