package org.cutouts.store;

import org.cutouts.io.AtomicFiles;
import org.cutouts.io.StoreException;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import org.cutouts.data.Catalogue;
import org.cutouts.data.InMemoryMosaic;
import org.cutouts.data.MosaicSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The negative control: the mosaic serialised whole by ND4J ({@code Nd4j.saveBinary}), the Java
 * counterpart of the proof of concept's {@code torch.save}. Reading any cutout first loads the whole
 * tensor, which then stays resident: the memory cost this strategy exists to show.
 */
final class WholeTensorStore extends AbstractStore {
    static final String PAYLOAD = "mosaic.nd4j";

    private final Path file;
    /** Readers hold the read lock while they use the tensor's native buffer; close takes the write lock to free it. */
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private FloatBuffer pixels; // guarded by lock (loaded under the read lock, through load())
    private INDArray tensor;
    private boolean released; // guarded by lock

    private WholeTensorStore(Path dir, StoreManifest m, Catalogue c, Path file) {
        super(dir, m, c);
        this.file = file;
    }

    static StoreWriter writer() {
        return new StoreWriter() {
            @Override
            public Strategy strategy() {
                return Strategy.WHOLE_TENSOR;
            }

            @Override
            public Path write(MosaicSource source, Catalogue catalogue, CutoutSpec spec, Path dir, WriteProgress progress) {
                if (source.pixelCount() * 4 > Integer.MAX_VALUE) {
                    throw new StoreException(dir.resolve(PAYLOAD), "the whole-tensor control loads the mosaic into one buffer and is limited to 2 GiB; "
                            + source.width() + "x" + source.height() + " float32 is " + source.pixelCount() * 4 + " bytes");
                }
                float[] px = InMemoryMosaic.copyOf(source).pixels();
                progress.advanced(1, 2);
                return writeStore(dir, tmp -> {
                    INDArray arr = Nd4j.create(px, new long[] {source.height(), source.width()}, 'c');
                    try {
                        // Nd4j.saveBinary's format, through our own stream so that a failed write closes it
                        AtomicFiles.writeStream(tmp.resolve(PAYLOAD), out -> Nd4j.write(arr, new java.io.DataOutputStream(out)));
                    } finally {
                        arr.close();
                    }
                    progress.advanced(2, 2);
                    finish(tmp, catalogue, new StoreManifest(Strategy.WHOLE_TENSOR, source.width(), source.height(),
                            catalogue.size(), spec, PAYLOAD, source.describe(), Instant.now()));
                });
            }
        };
    }

    static CutoutStore open(Path dir, StoreManifest m, ReadOptions ignored) {
        Path file = payload(dir, m);
        return new WholeTensorStore(dir, m, readCatalogue(dir, m), file);
    }

    /** Whether the tensor has been loaded (by the first read). */
    public boolean loaded() {
        lock.readLock().lock();
        try {
            return pixels != null;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The loaded pixels; the caller holds the read lock, so close cannot free them meanwhile. */
    private FloatBuffer pixels() {
        if (released) {
            throw closedError();
        }
        synchronized (this) {
            if (pixels == null) {
                pixels = load();
            }
            return pixels;
        }
    }

    private FloatBuffer load() {
        // Every length and shape field is checked against the manifest and the file size before ND4J reads the
        // file: ND4J allocates and writes native memory from them, so one lying field would crash the JVM.
        try (FileChannel ch = org.cutouts.io.RegularFiles.open(file)) {
            Nd4jTensorFile.validate(file, ch, manifest.mosaicWidth(), manifest.mosaicHeight());
        } catch (IOException e) {
            throw new StoreException(file, "cannot read the tensor file", e);
        }
        INDArray arr;
        try {
            arr = Nd4j.readBinary(file.toFile());
        } catch (Exception | OutOfMemoryError e) {
            throw new StoreException(file, "corrupt ND4J tensor file", e);
        }
        long[] shape = arr.shape();
        if (arr.dataType() != DataType.FLOAT || shape.length != 2 || shape[0] != manifest.mosaicHeight()
                || shape[1] != manifest.mosaicWidth() || arr.ordering() != 'c') {
            String got = arr.dataType() + " " + Arrays.toString(shape) + " order " + arr.ordering();
            arr.close();
            throw new StoreException(file, "tensor is " + got + ", expected FLOAT [" + manifest.mosaicHeight() + ", "
                    + manifest.mosaicWidth() + "] order c");
        }
        tensor = arr;
        return arr.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    @Override
    protected void readPixels(int index, float[] dst, int offset) {
        Window w = window(index);
        lock.readLock().lock();
        try {
            FloatBuffer p = pixels();
            int mw = manifest.mosaicWidth();
            Windows.copy(w, mw, manifest.mosaicHeight(), manifest.spec().fill(), dst, offset, (x0, y0, cols, rows, out, off, stride) -> {
                for (int r = 0; r < rows; r++) {
                    p.get((y0 + r) * mw + x0, out, off + r * stride, cols);
                }
            });
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Waits for reads in flight, then frees the tensor; later reads fail with "store is closed". */
    @Override
    protected void release() {
        lock.writeLock().lock();
        try {
            released = true;
            pixels = null;
            if (tensor != null) {
                tensor.close();
                tensor = null;
            }
        } finally {
            lock.writeLock().unlock();
        }
    }
}
