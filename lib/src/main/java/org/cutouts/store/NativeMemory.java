package org.cutouts.store;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.ByteOrder;

/**
 * {@code madvise(2)} on a mapped {@link MemorySegment}, through the FFM API (Linux). Used by the
 * memory-mapped fast paths to switch off fault readahead ({@code MADV_RANDOM}), to prefault a mapping
 * ({@code MADV_POPULATE_READ}, Linux 5.14+) and to experiment with {@code MADV_WILLNEED} and
 * {@code MADV_HUGEPAGE}. Advice is a hint: every failure is reported as an errno, never thrown, so a
 * kernel without an advice value still reads correctly.
 */
public final class NativeMemory {
    public static final int MADV_NORMAL = 0;
    public static final int MADV_RANDOM = 1;
    public static final int MADV_SEQUENTIAL = 2;
    public static final int MADV_WILLNEED = 3;
    public static final int MADV_HUGEPAGE = 14;
    public static final int MADV_POPULATE_READ = 22;
    public static final long PAGE = 4096;

    private static final MethodHandle MADVISE = lookup();

    static {
        // The fast paths copy raw little-endian bytes into float[]; that is only a float copy on a little-endian machine.
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            throw new ExceptionInInitializerError("the raw-copy fast paths assume a little-endian CPU, this one is " + ByteOrder.nativeOrder());
        }
    }

    private NativeMemory() {
    }

    private static MethodHandle lookup() {
        try {
            Linker linker = Linker.nativeLinker();
            return linker.defaultLookup().find("madvise")
                    .map(s -> linker.downcallHandle(s, FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG,
                            ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT), Linker.Option.captureCallState("errno")))
                    .orElse(null);
        } catch (RuntimeException | Error e) {
            return null; // no native access: advice becomes a no-op
        }
    }

    /** True when madvise can be called (Linux, native access enabled). */
    public static boolean available() {
        return MADVISE != null;
    }

    /**
     * Applies {@code advice} to the pages spanned by {@code seg} (the range is widened to page
     * boundaries). Returns 0, the errno, or -1 when madvise is unavailable.
     */
    public static int madvise(MemorySegment seg, int advice) {
        if (MADVISE == null || seg.byteSize() == 0 || !seg.isNative()) {
            return -1;
        }
        long start = seg.address() & -PAGE;
        long len = seg.address() + seg.byteSize() - start;
        try (var arena = java.lang.foreign.Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Linker.Option.captureStateLayout());
            int rc = (int) MADVISE.invokeExact(state, start, len, advice);
            if (rc == 0) {
                return 0;
            }
            return state.get(ValueLayout.JAVA_INT, Linker.Option.captureStateLayout().byteOffset(
                    java.lang.foreign.MemoryLayout.PathElement.groupElement("errno")));
        } catch (Throwable t) {
            return -1;
        }
    }

    /**
     * Makes every page of {@code seg} resident and mapped: {@code MADV_POPULATE_READ}, or where the
     * kernel lacks it, a read of one byte per page. Returns how: "populate_read" or "touch".
     */
    public static String prefault(MemorySegment seg) {
        if (madvise(seg, MADV_POPULATE_READ) == 0) {
            return "populate_read";
        }
        long sink = 0;
        for (long o = 0; o < seg.byteSize(); o += PAGE) {
            sink += seg.get(ValueLayout.JAVA_BYTE, o);
        }
        return sink == Long.MIN_VALUE ? "touch!" : "touch";
    }
}
