package org.cutouts.store;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link RowCopy}'s Vector API loop. Loaded only when the {@code jdk.incubator.vector} module is in the
 * JVM; the species is a constant so that the JIT turns each load and store into one instruction.
 */
final class VectorRows {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private VectorRows() {
    }

    static String label() {
        return SPECIES.vectorBitSize() + "-bit vectors";
    }

    static void copy(MemorySegment src, long srcByte, long srcStep, float[] dst, int dstIndex, int dstStride, int cols, int rows) {
        int lanes = SPECIES.length();
        if (cols < lanes) { // a narrow rectangle (an edge window's part): no whole vector fits
            RowCopy.bySegments(src, srcByte, srcStep, dst, dstIndex, dstStride, cols, rows);
            return;
        }
        // Whole vectors, then one more ending at the row's last float: it overlaps the one before and writes
        // the same values again, which is cheaper than a masked tail.
        int last = cols - lanes;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < last; c += lanes) {
                FloatVector.fromMemorySegment(SPECIES, src, srcByte + 4L * c, ByteOrder.LITTLE_ENDIAN).intoArray(dst, dstIndex + c);
            }
            FloatVector.fromMemorySegment(SPECIES, src, srcByte + 4L * last, ByteOrder.LITTLE_ENDIAN).intoArray(dst, dstIndex + last);
            srcByte += srcStep;
            dstIndex += dstStride;
        }
    }
}
