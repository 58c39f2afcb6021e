package org.cutouts.store;

import org.cutouts.io.StoreException;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import org.cutouts.data.Catalogue;
import org.cutouts.data.MosaicSource;

/**
 * The mosaic stored once as {@code mosaic.npy} (which {@code numpy.load(..., mmap_mode='r')} opens),
 * with cutouts cut on the fly from an FFM mapping. Memory per cutout is the cutout itself plus the
 * pages it touches; nothing grows with the mosaic.
 */
final class MemoryMappedStore extends AbstractStore {
    static final String PAYLOAD = "mosaic.npy";

    private final MappedNpy mosaic;
    private final ReadOptions options;

    private MemoryMappedStore(Path dir, StoreManifest m, Catalogue c, MappedNpy mosaic, ReadOptions options) {
        super(dir, m, c);
        this.mosaic = mosaic;
        this.options = options;
    }

    static StoreWriter writer() {
        return new StoreWriter() {
            @Override
            public Strategy strategy() {
                return Strategy.MEMORY_MAPPED;
            }

            @Override
            public Path write(MosaicSource source, Catalogue catalogue, CutoutSpec spec, Path dir, WriteProgress progress) {
                return writeStore(dir, tmp -> {
                    Npy.writeMosaic(source, tmp.resolve(PAYLOAD), progress);
                    finish(tmp, catalogue, new StoreManifest(Strategy.MEMORY_MAPPED, source.width(), source.height(),
                            catalogue.size(), spec, PAYLOAD, source.describe(), Instant.now()));
                });
            }
        };
    }

    static CutoutStore open(Path dir, StoreManifest m, ReadOptions options) {
        Catalogue c = readCatalogue(dir, m);
        MappedNpy npy = MappedNpy.open(payload(dir, m), options);
        try {
            if (npy.width() != m.mosaicWidth() || npy.height() != m.mosaicHeight()) {
                throw new StoreException(npy.file(), "mosaic is " + npy.width() + "x" + npy.height() + " but the manifest says "
                        + m.mosaicWidth() + "x" + m.mosaicHeight());
            }
            return new MemoryMappedStore(dir, m, c, npy, options);
        } catch (RuntimeException e) {
            npy.close();
            throw e;
        }
    }

    /** The mapped mosaic, for fast paths and the benchmark's bandwidth reference. */
    MappedNpy mosaic() {
        return mosaic;
    }

    @Override
    protected void readPixels(int index, float[] dst, int offset) {
        Window w = window(index);
        Windows.copy(w, mosaic.width(), mosaic.height(), manifest.spec().fill(), dst, offset, mosaic::copyRect);
    }

    /** The batched gather (see {@link BatchGather}) unless the options ask for one readInto per cutout. */
    @Override
    protected void readBatchPixels(int[] indices, float[] dst) {
        if (!options.gather()) {
            super.readBatchPixels(indices, dst);
            return;
        }
        BatchGather.readBatch(this, mosaic, options, indices, dst);
    }

    @Override
    public java.util.Optional<ReadChoice> readChoice() {
        return java.util.Optional.of(mosaic.readChoice());
    }

    ReadOptions options() {
        return options;
    }

    @Override
    protected void checkIntact() {
        mosaic.checkIntact();
    }

    @Override
    protected void release() {
        mosaic.close();
    }

    @Override
    public String toString() {
        return super.toString() + " " + Arrays.toString(new int[] {mosaic.width(), mosaic.height()});
    }
}
