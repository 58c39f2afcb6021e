package org.cutouts.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The row copier of the row-major mapping: every width (narrower than a vector, whole vectors, a tail),
 * unaligned source offsets and NaN payloads come out bit for bit, and nothing outside the rows is written.
 */
class RowCopyTest {

    @Test
    void theDefaultCopyIsTheOneThatSurvivesATruncatedFile() {
        // the vector loop is opt-in (cutouts.vectorRows): its loads crash the JVM on a truncated mapping
        assertEquals("MemorySegment.copy per row", RowCopy.label());
    }

    /** One of the two copies: the vector loop, or the per-row segment copy of a JVM without the module. */
    interface Copier {
        void rows(MemorySegment src, long srcByte, long srcStep, float[] dst, int dstIndex, int dstStride, int cols, int rows);
    }

    @Test
    void vectorLoopCopiesEveryWidthAndOffsetBitForBit() {
        copiesBitForBit(VectorRows::copy);
    }

    @Test
    void segmentCopyCopiesEveryWidthAndOffsetBitForBit() {
        copiesBitForBit(RowCopy::bySegments);
    }

    private static void copiesBitForBit(Copier copier) {
        SplittableRandom r = new SplittableRandom(11);
        int srcFloats = 200 * 97 + 3;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment src = arena.allocate(4L * srcFloats + 4, 64);
            for (long i = 0; i < src.byteSize() / 4; i++) {
                // random bits, NaN payloads included (a float copy that canonicalised NaNs would show here)
                src.set(ValueLayout.JAVA_INT_UNALIGNED, 4 * i, r.nextInt());
            }
            for (int cols = 0; cols <= 70; cols++) {
                for (int trial = 0; trial < 6; trial++) {
                    int rows = 1 + r.nextInt(9);
                    long srcStep = 4L * (cols + r.nextInt(30));
                    long srcByte = r.nextInt(64) + (trial % 2 == 0 ? 0 : 1); // odd byte offsets too
                    int dstStride = cols + r.nextInt(5);
                    int dstIndex = r.nextInt(7);
                    float[] dst = new float[dstIndex + rows * dstStride + 5];
                    java.util.Arrays.fill(dst, Float.intBitsToFloat(0x7fc0dead));
                    int[] expected = new int[dst.length];
                    java.util.Arrays.fill(expected, 0x7fc0dead);
                    for (int y = 0; y < rows; y++) {
                        for (int x = 0; x < cols; x++) {
                            expected[dstIndex + y * dstStride + x] = src.get(ValueLayout.JAVA_INT_UNALIGNED, srcByte + y * srcStep + 4L * x);
                        }
                    }
                    copier.rows(src, srcByte, srcStep, dst, dstIndex, dstStride, cols, rows);
                    int[] got = new int[dst.length];
                    for (int i = 0; i < dst.length; i++) {
                        got[i] = Float.floatToRawIntBits(dst[i]);
                    }
                    assertArrayEquals(expected, got, "cols " + cols + " rows " + rows + " src byte " + srcByte);
                }
            }
        }
    }

    @Test
    void aRowPastTheSegmentEndIsRefusedNotRead() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment src = arena.allocate(4L * 64 * 3);
            float[] dst = new float[64 * 4];
            IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                    () -> RowCopy.rows(src, 0, 4L * 64, dst, 0, 64, 64, 4));
            assertTrue(e.getMessage() != null && !e.getMessage().isEmpty());
            assertEquals(0f, dst[3 * 64 + 1]); // the fourth row was never written
        }
    }
}
