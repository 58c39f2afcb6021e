package org.cutouts.store;

import org.cutouts.io.AtomicFiles;
import org.cutouts.io.StoreException;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;
import io.jhdf.exceptions.HdfException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import org.cutouts.data.Catalogue;
import org.cutouts.data.MosaicSource;

/**
 * The mosaic and its catalogue as datasets of one HDF5 file, {@code mosaic.h5}, written and read with
 * jhdf; {@code h5py} opens it as {@code f['mosaic'][y0:y1, x0:x1]}. Cutouts are hyperslab reads.
 *
 * <p>Layout: {@code /mosaic} float32 {@code (height, width)}, contiguous; {@code /catalogue/x, y, flux,
 * sigma} float64, {@code /catalogue/label} int32; root attributes describe the cutout geometry.
 * jhdf writes datasets from heap arrays, so this writer needs the mosaic in memory and is limited to
 * mosaics below 2 GiB (reported clearly above that).
 */
final class Hdf5Store extends AbstractStore {
    static final String PAYLOAD = "mosaic.h5";
    static final String MOSAIC = "/mosaic";

    private final HdfFile hdf;
    private final Dataset mosaic;
    private final Path file;
    /** The direct mapping of the dataset's raster, or null when reads go through jhdf hyperslabs. */
    private final MappedNpy direct;
    private final String directStatus;
    private final ReadOptions options;
    private final long openedSize;

    private Hdf5Store(Path dir, StoreManifest m, Catalogue c, HdfFile hdf, Dataset mosaic, Path file, MappedNpy direct,
                      String directStatus, ReadOptions options, long openedSize) {
        super(dir, m, c);
        this.openedSize = openedSize;
        this.hdf = hdf;
        this.mosaic = mosaic;
        this.file = file;
        this.direct = direct;
        this.directStatus = directStatus;
        this.options = options;
    }

    static StoreWriter writer() {
        return new StoreWriter() {
            @Override
            public Strategy strategy() {
                return Strategy.HDF5;
            }

            @Override
            public Path write(MosaicSource source, Catalogue catalogue, CutoutSpec spec, Path dir, WriteProgress progress) {
                if (source.pixelCount() * 4 > Integer.MAX_VALUE) {
                    throw new StoreException(dir.resolve(PAYLOAD), "the jhdf writer holds the dataset in one buffer and cannot write "
                            + source.width() + "x" + source.height() + " float32 (" + source.pixelCount() * 4
                            + " bytes, above 2 GiB); use the memory-mapped strategy for mosaics this large");
                }
                if (catalogue.size() == 0) {
                    throw new StoreException(dir.resolve(PAYLOAD), "cannot write an HDF5 store of an empty catalogue: jhdf writes no "
                            + "zero-length datasets");
                }
                float[][] rows = readAll(source, progress);
                return writeStore(dir, tmp -> {
                    Path file = tmp.resolve(PAYLOAD);
                    try (WritableHdfFile f = HdfFile.write(file)) {
                        f.putDataset("mosaic", rows);
                        WritableGroup g = f.putGroup("catalogue");
                        g.putDataset("x", catalogue.xs());
                        g.putDataset("y", catalogue.ys());
                        g.putDataset("flux", catalogue.fluxes());
                        g.putDataset("sigma", catalogue.sigmas());
                        g.putDataset("label", catalogue.labels());
                        f.putAttribute("cutout_width", spec.width());
                        f.putAttribute("cutout_height", spec.height());
                        f.putAttribute("edge_policy", spec.edgePolicy().name());
                        f.putAttribute("source", source.describe());
                    } catch (HdfException e) {
                        if (e.getCause() instanceof java.io.IOException io) {
                            throw new AtomicFiles.AtomicFilesFailure(AtomicFiles.failure(file, "cannot write", io));
                        }
                        throw new AtomicFiles.AtomicFilesFailure(new StoreException(file, "jhdf could not write the file", e));
                    } catch (java.io.UncheckedIOException e) {
                        throw e.getCause();
                    }
                    finish(tmp, catalogue, new StoreManifest(Strategy.HDF5, source.width(), source.height(),
                            catalogue.size(), spec, PAYLOAD, source.describe(), Instant.now()));
                });
            }
        };
    }

    private static float[][] readAll(MosaicSource source, WriteProgress progress) {
        int w = source.width();
        int h = source.height();
        float[][] rows = new float[h][];
        int strip = Math.max(1, (1 << 22) / w);
        float[] buf = new float[strip * w];
        for (int y = 0; y < h; y += strip) {
            int n = Math.min(strip, h - y);
            source.readRows(y, n, buf, 0);
            for (int r = 0; r < n; r++) {
                rows[y + r] = Arrays.copyOfRange(buf, r * w, (r + 1) * w);
            }
            progress.advanced((long) y + n, 2L * h); // the second half is jhdf writing
        }
        return rows;
    }

    static CutoutStore open(Path dir, StoreManifest m, ReadOptions options) {
        Path file = payload(dir, m);
        org.cutouts.io.RegularFiles.require(file);
        StoreChecksums sums = StoreChecksums.read(dir);
        if (sums != null && sums.hdf5() != null) {
            sums.hdf5().check(file); // before jhdf parses a byte of metadata
        }
        HdfFile hdf;
        try {
            hdf = new HdfFile(file);
        } catch (RuntimeException | OutOfMemoryError e) {
            // OutOfMemoryError: one flipped bit in a chunk size makes jhdf allocate a GiB before any checksum
            throw new StoreException(file, "not a readable HDF5 file", e);
        }
        try {
            Node node = hdf.getByPath(MOSAIC);
            if (!(node instanceof Dataset ds)) {
                throw new StoreException(file, MOSAIC + " is not a dataset");
            }
            int[] dims = ds.getDimensions();
            if (dims.length != 2 || dims[0] != m.mosaicHeight() || dims[1] != m.mosaicWidth()) {
                throw new StoreException(file, MOSAIC + " has shape " + Arrays.toString(dims) + " but the manifest says ["
                        + m.mosaicHeight() + ", " + m.mosaicWidth() + "]");
            }
            if (ds.getJavaType() != float.class) {
                throw new StoreException(file, MOSAIC + " holds " + ds.getJavaType() + ", expected float32");
            }
            if (ds.getStorageInBytes() < 4L * m.mosaicWidth() * m.mosaicHeight() && ds.getFilters().isEmpty()) {
                throw new StoreException(file, MOSAIC + " stores only " + ds.getStorageInBytes() + " bytes, less than its shape needs");
            }
            long fileSize = java.nio.file.Files.size(file);
            if (ds.getFilters().isEmpty() && fileSize < 4L * m.mosaicWidth() * m.mosaicHeight()) {
                throw new StoreException(file, "truncated HDF5 file: " + fileSize + " bytes cannot hold the "
                        + m.mosaicHeight() + "x" + m.mosaicWidth() + " float32 mosaic");
            }
            within(file, ds, fileSize);
            Catalogue c = readCatalogue(hdf, file, m.count(), fileSize);
            Catalogue csv = readCatalogue(dir, m);
            if (!samePixelColumns(c, csv)) {
                throw new StoreException(file, "/catalogue differs from " + StoreManifest.CATALOGUE_FILE + " beside it: one of them is corrupt");
            }
            String why = options.direct() ? Hdf5DirectMapping.unsupported(ds) : "direct mapping switched off";
            MappedNpy direct = why == null ? Hdf5DirectMapping.map(file, ds, options) : null;
            return new Hdf5Store(dir, m, c, hdf, ds, file, direct, why == null ? "direct" : "jhdf: " + why, options, fileSize);
        } catch (StoreException e) {
            hdf.close();
            throw e;
        } catch (java.io.IOException | RuntimeException | OutOfMemoryError e) {
            hdf.close();
            throw new StoreException(file, "corrupt HDF5 store", e);
        }
    }

    /** Where the contiguous /mosaic's raw data lies in a file this store wrote: {offset, bytes}, or null if not contiguous. */
    static long[] rawMosaicRange(Path file) {
        try (HdfFile hdf = new HdfFile(file)) {
            if (hdf.getByPath(MOSAIC) instanceof io.jhdf.api.dataset.ContiguousDataset c) {
                return new long[] {c.getDataAddress(), c.getSizeInBytes()};
            }
            return null;
        } catch (RuntimeException e) {
            throw new StoreException(file, "cannot read back the HDF5 file just written", e);
        }
    }

    /** Whether two catalogues agree on the columns /catalogue holds (it has no ra, dec). */
    private static boolean samePixelColumns(Catalogue a, Catalogue b) {
        return Arrays.equals(a.xs(), b.xs()) && Arrays.equals(a.ys(), b.ys()) && Arrays.equals(a.fluxes(), b.fluxes())
                && Arrays.equals(a.sigmas(), b.sigmas()) && Arrays.equals(a.labels(), b.labels());
    }

    /** A contiguous dataset's bytes must lie inside the file: a truncated file is refused, never read as zeros or garbage. */
    private static void within(Path file, Dataset ds, long fileSize) {
        if (ds instanceof io.jhdf.api.dataset.ContiguousDataset c && !ds.isEmpty()) {
            long end = c.getDataAddress() + ds.getSizeInBytes();
            if (c.getDataAddress() < 0 || end > fileSize) {
                throw new StoreException(file, "truncated HDF5 file: dataset " + ds.getPath() + " needs bytes up to " + end
                        + ", the file has " + fileSize);
            }
        }
    }

    private static Catalogue readCatalogue(HdfFile hdf, Path file, int count, long fileSize) {
        double[] x = doubles(hdf, file, "/catalogue/x", count, fileSize);
        double[] y = doubles(hdf, file, "/catalogue/y", count, fileSize);
        double[] f = doubles(hdf, file, "/catalogue/flux", count, fileSize);
        double[] s = doubles(hdf, file, "/catalogue/sigma", count, fileSize);
        Object l = dataset(hdf, file, "/catalogue/label", count, fileSize).getData();
        if (!(l instanceof int[] labels)) {
            throw new StoreException(file, "/catalogue/label is not int32");
        }
        return new Catalogue(x, y, f, s, labels);
    }

    private static Dataset dataset(HdfFile hdf, Path file, String path, int count, long fileSize) {
        Node n;
        try {
            n = hdf.getByPath(path);
        } catch (HdfException e) {
            throw new StoreException(file, "dataset " + path + " is missing");
        }
        if (!(n instanceof Dataset ds)) {
            throw new StoreException(file, path + " is not a dataset");
        }
        int[] dims = ds.getDimensions();
        if (dims.length != 1 || dims[0] != count) {
            throw new StoreException(file, path + " has shape " + Arrays.toString(dims) + ", expected [" + count + "]");
        }
        within(file, ds, fileSize);
        return ds;
    }

    private static double[] doubles(HdfFile hdf, Path file, String path, int count, long fileSize) {
        Object d = dataset(hdf, file, path, count, fileSize).getData();
        if (!(d instanceof double[] a)) {
            throw new StoreException(file, path + " is not float64");
        }
        return a;
    }

    @Override
    public java.util.Optional<ReadChoice> readChoice() {
        return java.util.Optional.ofNullable(direct).map(MappedNpy::readChoice);
    }

    /** The HDF5 file, for the benchmark's disk accounting and the direct-offset fast path. */
    Path file() {
        return file;
    }

    Dataset mosaicDataset() {
        return mosaic;
    }

    /** "direct" when cutouts come from the mapped dataset offset, else "jhdf: " and the reason. */
    String readPath() {
        return directStatus;
    }

    @Override
    protected void readPixels(int index, float[] dst, int offset) {
        Window w = window(index);
        if (direct != null) {
            Windows.copy(w, manifest.mosaicWidth(), manifest.mosaicHeight(), manifest.spec().fill(), dst, offset, direct);
            return;
        }
        Windows.copy(w, manifest.mosaicWidth(), manifest.mosaicHeight(), manifest.spec().fill(), dst, offset, this::hyperslab);
    }

    @Override
    protected void readBatchPixels(int[] indices, float[] dst) {
        if (direct == null || !options.gather()) {
            super.readBatchPixels(indices, dst);
            return;
        }
        BatchGather.readBatch(this, direct, options, indices, dst);
    }

    private void hyperslab(int x0, int y0, int cols, int rows, float[] dst, int off, int stride) {
        float[][] slab;
        try {
            // jhdf's readers are not documented as thread-safe; one hyperslab at a time per file.
            synchronized (this) {
                checkOpen(); // close() takes the same lock, so jhdf never reads a closed file
                slab = (float[][]) mosaic.getData(new long[] {y0, x0}, new int[] {rows, cols});
            }
        } catch (StoreException e) {
            throw e;
        } catch (RuntimeException | InternalError e) {
            // InternalError: jhdf reads through its own mapping, which faults when the file shrank after open
            throw new StoreException(file, "cannot read hyperslab y[" + y0 + ", " + (y0 + rows) + ") x[" + x0 + ", " + (x0 + cols) + ")", e);
        }
        for (int r = 0; r < rows; r++) {
            System.arraycopy(slab[r], 0, dst, off + r * stride, cols);
        }
    }

    /** The direct mapping checks its file's length; the jhdf path compares the file's size with the one at open. */
    @Override
    protected void checkIntact() {
        if (direct != null) {
            direct.checkIntact();
            return;
        }
        try {
            long now = java.nio.file.Files.size(file);
            if (now < openedSize) {
                throw new StoreException(file, "the file was truncated after it was opened: " + now + " bytes, it had " + openedSize);
            }
        } catch (java.nio.file.NoSuchFileException e) {
            // removed or renamed: jhdf still reads the file it opened
        } catch (java.io.IOException e) {
            throw new StoreException(file, "cannot check the file's size", e);
        }
    }

    @Override
    protected void release() {
        try {
            if (direct != null) {
                direct.close();
            }
        } finally {
            synchronized (this) {
                hdf.close();
            }
        }
    }
}
