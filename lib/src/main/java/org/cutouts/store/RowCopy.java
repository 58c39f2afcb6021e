package org.cutouts.store;

import java.lang.foreign.MemorySegment;

/**
 * Copies rows of little-endian floats from a mapped segment into a float array. The row-major mapping
 * ({@link MappedNpy}, under the {@code mmap-npy} store and HDF5's direct path) uses {@link #rows}: with the
 * Vector API in the JVM ({@code --add-modules jdk.incubator.vector}, in {@code jvm.options}) a row moves as
 * whole vector loads and stores; without it, one {@code MemorySegment.copy} per row ({@link #bySegments}).
 * Both copy bits, so NaN payloads and byte order survive (the file is little-endian and so is the CPU,
 * which {@link NativeMemory} checks).
 *
 * <p>Why vectors: a 64x64 cutout is 64 rows of 256 bytes, each its own cache miss. {@code MemorySegment.copy}
 * pays its checks and a call into a copy stub per row; the vector loop inlines into the gather. Warm batch
 * gathers of the row-major store measured faster with it (docs/fast-paths.md, issue 12's W1), but it is not
 * safe against a file truncated while mapped (see {@link #VECTORS}), so it is opt-in.
 */
final class RowCopy {
    /**
     * Off unless asked for ({@code -Dcutouts.vectorRows=true}): a file truncated under a running reader makes
     * the vector loads fault with SIGBUS, which the JVM turns into an exception for {@code MemorySegment.copy}
     * but not for C2-compiled Vector API loads; it crashed the JVM in {@code CorruptStoreTest}.
     */
    private static final boolean VECTORS = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && Boolean.getBoolean("cutouts.vectorRows");

    private RowCopy() {
    }

    /** How rows are copied in this JVM, for result labels. */
    static String label() {
        return VECTORS ? VectorRows.label() : "MemorySegment.copy per row";
    }

    /**
     * Copies {@code rows} rows of {@code cols} floats, the first at byte {@code srcByte} of {@code src} and the
     * next {@code srcStep} bytes further, into {@code dst} from index {@code dstIndex}, rows {@code dstStride} apart.
     * Bounds are checked by each load and store.
     */
    static void rows(MemorySegment src, long srcByte, long srcStep, float[] dst, int dstIndex, int dstStride, int cols, int rows) {
        if (VECTORS) {
            VectorRows.copy(src, srcByte, srcStep, dst, dstIndex, dstStride, cols, rows);
        } else {
            bySegments(src, srcByte, srcStep, dst, dstIndex, dstStride, cols, rows);
        }
    }

    /** The copy without the Vector API: one {@code MemorySegment.copy} per row. */
    static void bySegments(MemorySegment src, long srcByte, long srcStep, float[] dst, int dstIndex, int dstStride, int cols, int rows) {
        MemorySegment out = MemorySegment.ofArray(dst);
        long d = 4L * dstIndex;
        long len = 4L * cols;
        for (int r = 0; r < rows; r++) {
            MemorySegment.copy(src, srcByte, out, d, len);
            srcByte += srcStep;
            d += 4L * dstStride;
        }
    }
}
