package org.cutouts.store;

import org.cutouts.io.AtomicFiles;
import org.cutouts.io.RegularFiles;
import org.cutouts.io.StoreException;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cutouts.data.Catalogue;
import org.cutouts.data.CatalogueCsv;

/**
 * What every store shares: its manifest and catalogue, index checks, the window of a cutout and the
 * edge policy. Subclasses only copy pixels.
 */
abstract class AbstractStore implements CutoutStore {
    protected final Path dir;
    protected final StoreManifest manifest;
    protected final Catalogue catalogue;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    AbstractStore(Path dir, StoreManifest manifest, Catalogue catalogue) {
        this.dir = dir;
        this.manifest = manifest;
        this.catalogue = catalogue;
        if (catalogue.size() != manifest.count()) {
            throw new StoreException(dir.resolve(StoreManifest.CATALOGUE_FILE), "catalogue has " + catalogue.size()
                    + " rows but the manifest promises " + manifest.count());
        }
    }

    /**
     * Reads {@code catalogue.csv} from a store directory: a regular file inside it (no link, no FIFO), with at
     * most the rows the manifest promises (compared while streaming, so a huge file is never read whole).
     */
    static Catalogue readCatalogue(Path dir, StoreManifest m) {
        Path file = dir.resolve(StoreManifest.CATALOGUE_FILE);
        RegularFiles.require(file, "catalogue file is missing");
        StoreChecksums sums = StoreChecksums.read(dir);
        if (sums != null) {
            sums.checkCatalogue(file); // a few MB at most: every open checks it, so no flipped catalogue byte goes unseen
        }
        return CatalogueCsv.read(file, m.count());
    }

    /**
     * Writes a store directory atomically; an existing {@code dir} is replaced only when it is a store
     * (a valid manifest) or empty, never a directory this library did not write.
     */
    static Path writeStore(Path dir, AtomicFiles.IoAction<Path> body) {
        return AtomicFiles.writeDirectory(dir, StoreManifest::isStore, body);
    }

    /** Writes the catalogue and manifest into a store being built: the manifest last, with the store's checksums. */
    static void finish(Path tmpDir, Catalogue catalogue, StoreManifest manifest) {
        finish(tmpDir, catalogue, manifest, 0);
    }

    /** {@link #finish(Path, Catalogue, StoreManifest)} for a tiled payload, whose tile edge the manifest records. */
    static void finish(Path tmpDir, Catalogue catalogue, StoreManifest manifest, int tile) {
        CatalogueCsv.write(catalogue, tmpDir.resolve(StoreManifest.CATALOGUE_FILE));
        manifest.write(tmpDir, StoreChecksums.compute(tmpDir, manifest, tile));
    }

    /**
     * Resolves the payload and checks it exists, so the error names it. The manifest's name must stay inside
     * the store: no absolute path, no {@code ..}, no symbolic link (another workspace's mosaic is never read).
     */
    static Path payload(Path dir, StoreManifest m) {
        Path p = RegularFiles.confined(dir, m.payload(), dir.resolve(StoreManifest.FILE_NAME));
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new StoreException(p, "payload is missing from store " + dir);
        }
        return p;
    }

    @Override
    public Strategy strategy() {
        return manifest.strategy();
    }

    @Override
    public Path location() {
        return dir;
    }

    @Override
    public StoreManifest manifest() {
        return manifest;
    }

    @Override
    public Catalogue catalogue() {
        return catalogue;
    }

    /**
     * Copies cutout {@code index}: the open check, then the strategy's copy, then {@link #checkIntact} when
     * the stamp holds a pixel whose bits are all zero. A mapped file truncated after open serves zeros for
     * the rest of the page holding its new end and faults beyond it, so a stamp without a zero word cannot
     * have been damaged by a truncation: the size check (a system call) is skipped for it. A fault
     * surfaces as an InternalError, which compiled code may raise a little after the faulting copy: it
     * is caught here, around the whole read.
     */
    @Override
    public final void readInto(int index, float[] dst, int offset) {
        checkOpen();
        try {
            readPixels(index, dst, offset);
            if (hasZeroWord(dst, offset, offset + cutoutPixels())) {
                checkIntact();
            }
        } catch (InternalError e) {
            throw accessFault(e);
        }
    }

    /**
     * {@link #readInto} for a batch: one check of the file after the whole batch, whatever it holds. One
     * size check costs less than scanning a batch for zero words: a second pass over a buffer that has
     * left the CPU's caches cost about a tenth of a warm 256-cutout gather.
     */
    @Override
    public final void readBatch(int[] indices, float[] dst) {
        checkOpen();
        try {
            readBatchPixels(indices, dst);
            checkIntact();
        } catch (InternalError e) {
            throw accessFault(e);
        }
    }

    /** Whether {@code a[from, to)} holds a float whose raw bits are 0 (+0.0f): what a truncated mapping reads as. */
    static boolean hasZeroWord(float[] a, int from, int to) {
        // Branch-free over the raw int words, so the JIT vectorises it: (b - 1) & ~b has its sign bit set
        // exactly when b == 0. The early-exit float loop cost about 15% of a warm batch gather.
        MemorySegment words = MemorySegment.ofArray(a);
        int acc = 0;
        for (int i = from; i < to; i++) {
            int b = words.getAtIndex(ValueLayout.JAVA_INT, i);
            acc |= (b - 1) & ~b;
        }
        return acc < 0;
    }

    /** The strategy's copy of one cutout (after the open check). */
    protected abstract void readPixels(int index, float[] dst, int offset);

    /** The strategy's copy of a batch: one {@link #readPixels} per cutout unless a strategy does better. */
    protected void readBatchPixels(int[] indices, float[] dst) {
        java.util.Objects.requireNonNull(indices, "indices");
        int n = cutoutPixels();
        if (dst.length < (long) indices.length * n) {
            throw new IllegalArgumentException("batch buffer holds " + dst.length + " floats, need " + (long) indices.length * n);
        }
        for (int k = 0; k < indices.length; k++) {
            readPixels(indices[k], dst, k * n);
        }
    }

    /**
     * Throws when the payload changed under a read that just finished (mapped stores: the file is shorter
     * than the mapping, so the kernel served zeros or faulted); nothing to check for stores that read
     * whole files.
     */
    protected void checkIntact() {
    }

    private StoreException accessFault(InternalError e) {
        checkOpen();
        return new StoreException(dir.resolve(manifest.payload()), "the mapped file was truncated or replaced after it was opened "
                + "(access fault)", e);
    }

    /** Marks the store closed: true the first time only, so a second close does nothing. */
    protected final boolean markClosed() {
        return closed.compareAndSet(false, true);
    }

    /** Fails every read after {@link #close()}, for every strategy, with the same clear error. */
    protected final void checkOpen() {
        if (closed.get()) {
            throw closedError();
        }
    }

    /** Closes once: later calls do nothing, later reads fail with "store is closed". */
    @Override
    public final void close() {
        if (markClosed()) {
            release();
        }
    }

    /** Frees what the store holds (mappings, files, the tensor); called once, by the first {@link #close()}. */
    protected abstract void release();

    protected final StoreException closedError() {
        return new StoreException(dir, "store is closed");
    }

    /** The window of cutout {@code index}, after the open check, the index check and the edge policy. */
    protected Window window(int index) {
        checkOpen();
        checkIndex(index);
        CutoutSpec spec = manifest.spec();
        double cx = catalogue.x(index);
        double cy = catalogue.y(index);
        Window w = spec.windowAt(cx, cy);
        spec.checkEdges(index, cx, cy, w, manifest.mosaicWidth(), manifest.mosaicHeight());
        return w;
    }

    @Override
    public String toString() {
        return strategy().label() + " store " + dir + " (" + size() + " cutouts " + manifest.spec() + ")";
    }
}
