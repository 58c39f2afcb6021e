package org.cutouts.store;

import org.cutouts.io.StoreException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import org.cutouts.os.PageCache;

/**
 * The bytes a cutout's read touches in its store's files: the window's rows in a row-major mosaic, the
 * row pieces in each tile for a tiled one, the cutout's slot of a stack, the whole file of an individual
 * cutout. A cold measurement asks {@link #residency} before the read, so that a read counted as cold is
 * one whose pages were not resident ({@code mincore}), not one that readahead had already brought in.
 */
public final class CutoutFootprint {
    /** Where one cutout's bytes are. */
    public record Footprint(Path file, List<PageCache.Range> ranges) {
        public Footprint {
            ranges = List.copyOf(ranges);
        }

        /** Resident and total pages of the footprint now. */
        public PageCache.Residency residency() {
            return PageCache.residency(file, ranges);
        }

        public long bytes() {
            return ranges.stream().mapToLong(PageCache.Range::length).sum();
        }
    }

    private final IntFunction<Footprint> at;

    private CutoutFootprint(IntFunction<Footprint> at) {
        this.at = at;
    }

    /**
     * The footprints of {@code store}'s cutouts; empty for strategies whose file layout is not this
     * library's to know (HDF5 chunks, the ND4J serialisation).
     */
    public static Optional<CutoutFootprint> of(CutoutStore store) {
        return switch (store) {
            case MemoryMappedStore m -> Optional.of(rowMajor(m));
            case TiledStore t -> Optional.of(tiled(t));
            case StackedStore s -> Optional.of(new CutoutFootprint(i -> new Footprint(s.file(),
                    List.of(new PageCache.Range(s.fileOffset(i), s.spec().bytes())))));
            case IndividualFilesStore f -> Optional.of(new CutoutFootprint(i -> {
                f.checkIndex(i);
                long size = NpyHeader.encode(f.spec().height(), f.spec().width()).length + f.spec().bytes();
                return new Footprint(f.file(i), List.of(new PageCache.Range(0, size)));
            }));
            default -> Optional.empty();
        };
    }

    /** Cutout {@code index}'s file and byte ranges (after the index check and edge policy of a read). */
    public Footprint at(int index) {
        return at.apply(index);
    }

    /** Resident and total pages of cutout {@code index}'s footprint now. */
    public PageCache.Residency residency(int index) {
        return at(index).residency();
    }

    private static CutoutFootprint rowMajor(MemoryMappedStore store) {
        MappedNpy mosaic = store.mosaic();
        long dataOffset = dataOffset(mosaic.file());
        long rowBytes = 4L * mosaic.width();
        return new CutoutFootprint(i -> {
            List<PageCache.Range> rows = new ArrayList<>();
            forClippedRows(store, i, mosaic.width(), mosaic.height(), (y, xa, xb) ->
                    rows.add(new PageCache.Range(dataOffset + y * rowBytes + 4L * xa, 4L * (xb - xa))));
            return new Footprint(mosaic.file(), rows);
        });
    }

    private static CutoutFootprint tiled(TiledStore store) {
        TiledLayout layout = store.layout();
        Path file = store.location().resolve(store.manifest().payload());
        return new CutoutFootprint(i -> {
            List<PageCache.Range> pieces = new ArrayList<>();
            forClippedRows(store, i, layout.width(), layout.height(), (y, xa, xb) -> {
                for (int x = xa; x < xb; x = (x / layout.tile() + 1) * layout.tile()) {
                    int end = Math.min(xb, (x / layout.tile() + 1) * layout.tile());
                    pieces.add(new PageCache.Range(layout.pixelOffset(x, y), 4L * (end - x)));
                }
            });
            return new Footprint(file, pieces);
        });
    }

    /** One row of a window, clipped to the mosaic: {@code [xa, xb)} on row {@code y}. */
    @FunctionalInterface
    private interface RowPiece {
        void accept(int y, int xa, int xb);
    }

    private static void forClippedRows(AbstractStore store, int index, int width, int height, RowPiece row) {
        Window w = store.window(index);
        if (w.disjoint(width, height)) {
            return;
        }
        int xa = Math.max(0, w.x0());
        int xb = (int) Math.min(width, (long) w.x0() + w.width());
        int yb = (int) Math.min(height, (long) w.y0() + w.height());
        for (int y = Math.max(0, w.y0()); y < yb; y++) {
            row.accept(y, xa, xb);
        }
    }

    private static long dataOffset(Path npy) {
        try (FileChannel ch = FileChannel.open(npy, StandardOpenOption.READ)) {
            return NpyHeader.read(npy, ch).dataOffset();
        } catch (IOException e) {
            throw new StoreException(npy, "cannot read .npy header", e);
        }
    }
}
