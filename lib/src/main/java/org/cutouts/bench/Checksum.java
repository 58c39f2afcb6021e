package org.cutouts.bench;

/**
 * Consumes every cutout read by a run, so the JIT cannot drop the reads, into a number that is
 * reported and compared across strategies (and with the Python peer, which computes the same sum):
 * for cutout {@code i} the raw bits of pixel {@code i mod pixels}, as an unsigned 32-bit value, summed.
 * The sum does not depend on read order, so random and sequential runs over the same set agree.
 */
public final class Checksum {
    private Checksum() {
    }

    public static long of(int index, float[] buf, int offset, int pixels) {
        return Integer.toUnsignedLong(Float.floatToRawIntBits(buf[offset + index % pixels]));
    }

    public static String hex(long sum) {
        return String.format(java.util.Locale.ROOT, "%016x", sum);
    }
}
