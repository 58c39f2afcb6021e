package org.cutouts.store;

import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FloatingPoint;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * The HDF5 fast path: a contiguous, unfiltered, little-endian float32 2-D dataset is one raw C-order
 * raster at a fixed file offset ({@link ContiguousDataset#getDataAddress()}), so it can be mapped
 * with FFM and cut exactly like the row-major {@code .npy}, without jhdf's per-hyperslab buffers
 * and lock. Anything else (chunked, filtered, big-endian, other types, no allocated storage) keeps
 * the jhdf path; {@link #unsupported} says why.
 */
final class Hdf5DirectMapping {
    private Hdf5DirectMapping() {
    }

    /** Why {@code ds} cannot be mapped directly, or null when it can. */
    static String unsupported(Dataset ds) {
        if (!(ds instanceof ContiguousDataset c)) {
            return "layout is " + ds.getDataLayout() + ", not contiguous";
        }
        if (!ds.getFilters().isEmpty()) {
            return "dataset has filters " + ds.getFilters();
        }
        DataType t = ds.getDataType();
        if (!(t instanceof FloatingPoint fp) || fp.getSize() != 4) {
            return "datatype is " + t + ", not 32-bit floating point";
        }
        if (fp.getByteOrder() != ByteOrder.LITTLE_ENDIAN) {
            return "float32 is " + fp.getByteOrder() + ", not little-endian";
        }
        if (fp.getBitPrecision() != 32 || fp.getBitOffset() != 0 || fp.getExponentSize() != 8 || fp.getMantissaSize() != 23
                || fp.getExponentLocation() != 23 || fp.getMantissaLocation() != 0 || fp.getSignLocation() != 31) {
            return "float32 has a non-IEEE bit layout";
        }
        int[] dims = ds.getDimensions();
        if (dims.length != 2) {
            return "dataset is " + dims.length + "-D";
        }
        long addr;
        try {
            addr = c.getDataAddress();
        } catch (RuntimeException e) {
            return "no data address: " + e.getMessage();
        }
        if (addr < 0 || addr == -1L || ds.isEmpty()) {
            return "storage is not allocated";
        }
        return null;
    }

    /** Maps the dataset's raster; the caller checked {@link #unsupported} is null. */
    static MappedNpy map(Path file, Dataset ds, ReadOptions options) {
        int[] dims = ds.getDimensions();
        long addr = ((ContiguousDataset) ds).getDataAddress();
        return MappedNpy.mapRaw(file, addr, dims[1], dims[0], options);
    }
}
