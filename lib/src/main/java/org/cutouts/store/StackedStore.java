package org.cutouts.store;

import org.cutouts.io.AtomicFiles;
import org.cutouts.io.StoreException;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import org.cutouts.data.Catalogue;
import org.cutouts.data.MosaicSource;

/**
 * Stacked cutouts: every cutout materialised once, in catalogue order, as one {@code [N, h, w]}
 * {@code <f4} NPY 1.0 file ({@code numpy.load(path, mmap_mode='r')[i]} is cutout {@code i}). One inode
 * and one contiguous read per cutout, like the ML loaders' materialisations, but pixels stored once per
 * cutout. Edges are resolved when writing (PAD fills, STRICT refuses to write), as for individual files.
 * Reads copy from an FFM mapping with {@link ReadOptions}' advice and prefault; a batch is one copy per
 * cutout, in index (file) order when {@code sort} is on. With {@code touch}, a batch first hands every slot
 * to the kernel ({@code MADV_WILLNEED}), so that on a cold cache their reads are in flight together instead
 * of one page fault after another. {@code batchThreads} and {@code direct} do not apply.
 */
final class StackedStore extends AbstractStore {
    static final String PAYLOAD = "cutouts.npy";

    private final Path file;
    private final MappedFile mapped;
    private final MemorySegment data;
    private final long dataOffset;
    private final long cutoutBytes;
    private final ReadOptions options;
    /** Non-null when cutouts are copied with explicit reads instead of through the mapping. */
    private final ExplicitReads explicit;

    private StackedStore(Path dir, StoreManifest m, Catalogue c, Path file, MappedFile mapped, MemorySegment data, long dataOffset,
                         ReadOptions options) {
        super(dir, m, c);
        this.file = file;
        this.mapped = mapped;
        this.explicit = mapped.explicit();
        this.data = data;
        this.dataOffset = dataOffset;
        this.cutoutBytes = m.spec().bytes();
        this.options = options;
    }

    static StoreWriter writer() {
        return new StoreWriter() {
            @Override
            public Strategy strategy() {
                return Strategy.STACKED;
            }

            @Override
            public Path write(MosaicSource source, Catalogue catalogue, CutoutSpec spec, Path dir, WriteProgress progress) {
                return writeStore(dir, tmp -> {
                    AtomicFiles.writeChannel(tmp.resolve(PAYLOAD), ch -> writeStack(ch, source, catalogue, spec, progress));
                    finish(tmp, catalogue, new StoreManifest(Strategy.STACKED, source.width(), source.height(),
                            catalogue.size(), spec, PAYLOAD, source.describe(), Instant.now()));
                });
            }
        };
    }

    /**
     * Writes the header, then each stamp at its catalogue slot as the mosaic streams past: the heap
     * holds one strip of the mosaic and one stamp, never the stack.
     */
    private static void writeStack(FileChannel ch, MosaicSource source, Catalogue cat, CutoutSpec spec, WriteProgress progress)
            throws IOException {
        byte[] header = NpyHeader.encode(cat.size(), spec.height(), spec.width());
        writeFully(ch, ByteBuffer.wrap(header), 0);
        ByteBuffer bytes = ByteBuffer.allocateDirect(4 * spec.pixels()).order(ByteOrder.LITTLE_ENDIAN);
        StampCutter.cutAll(source, cat, spec, progress, (i, stamp) -> {
            bytes.clear();
            bytes.asFloatBuffer().put(stamp);
            writeFully(ch, bytes, header.length + (long) i * spec.bytes());
        });
        // every slot is written, so the file has no holes; a zero-cutout stack is the header alone
    }

    private static void writeFully(FileChannel ch, ByteBuffer b, long position) throws IOException {
        long p = position;
        while (b.hasRemaining()) {
            p += ch.write(b, p);
        }
    }

    static CutoutStore open(Path dir, StoreManifest m, ReadOptions options) {
        Catalogue c = readCatalogue(dir, m);
        Path f = payload(dir, m);
        return MappedNpy.withMapping(f, (ch, mf) -> {
            NpyHeader h = NpyHeader.read(f, ch);
            long[] expected = {m.count(), m.spec().height(), m.spec().width()};
            if (!Arrays.equals(h.shape(), expected)) {
                throw new StoreException(f, "holds an array of shape " + Arrays.toString(h.shape()) + " but the manifest promises "
                        + m.count() + " cutouts of " + m.spec().height() + "x" + m.spec().width() + " " + Arrays.toString(expected));
            }
            MemorySegment seg = ch.map(FileChannel.MapMode.READ_ONLY, h.dataOffset(), h.dataBytes(), mf.arena);
            mf.mappedTo(h.dataOffset() + h.dataBytes());
            options.apply(seg);
            mf.choose(options, h.dataOffset(), 0);
            return new StackedStore(dir, m, c, f, mf, seg, h.dataOffset(), options);
        });
    }

    @Override
    public java.util.Optional<ReadChoice> readChoice() {
        return java.util.Optional.of(mapped.choice());
    }

    /** The stacked file. */
    Path file() {
        return file;
    }

    /** Where cutout {@code index}'s pixels start in {@link #file()}. */
    long fileOffset(int index) {
        checkIndex(index);
        return dataOffset + index * cutoutBytes;
    }

    @Override
    protected void readPixels(int index, float[] dst, int offset) {
        checkIndex(index);
        int px = manifest.spec().pixels();
        Objects.checkFromIndexSize(offset, px, dst.length);
        copy(index, MemorySegment.ofArray(dst), 4L * offset);
    }

    /** One contiguous copy per cutout, in file order when the options sort. */
    @Override
    protected void readBatchPixels(int[] indices, float[] dst) {
        if (!options.gather()) {
            super.readBatchPixels(indices, dst);
            return;
        }
        Objects.requireNonNull(indices, "indices");
        int px = manifest.spec().pixels();
        if (dst.length < (long) indices.length * px) {
            throw new IllegalArgumentException("batch buffer holds " + dst.length + " floats, need " + (long) indices.length * px);
        }
        long[] slots = new long[indices.length];
        for (int k = 0; k < indices.length; k++) {
            checkIndex(indices[k]);
            slots[k] = ((long) indices[k] << 32) | k; // index-major: sorting orders by file offset
        }
        if (options.sort()) {
            Arrays.sort(slots);
        }
        if (options.touch()) {
            for (long s : slots) {
                NativeMemory.madvise(data.asSlice((s >>> 32) * cutoutBytes, cutoutBytes), NativeMemory.MADV_WILLNEED);
            }
        }
        if (explicit != null) {
            // the batch's slots requested together, so that one reader keeps them all in flight
            long[] starts = new long[slots.length];
            long[] ends = new long[slots.length];
            for (int i = 0; i < slots.length; i++) {
                starts[i] = (slots[i] >>> 32) * cutoutBytes;
                ends[i] = starts[i] + cutoutBytes;
            }
            explicit.prefetch(starts, ends, slots.length);
        }
        MemorySegment out = MemorySegment.ofArray(dst);
        for (long s : slots) {
            copy((int) (s >>> 32), out, 4L * px * (int) s);
        }
    }

    private void copy(int index, MemorySegment out, long outByte) {
        if (explicit != null) {
            explicit.read(index * cutoutBytes, out, outByte, cutoutBytes);
            return;
        }
        try {
            MemorySegment.copy(data, index * cutoutBytes, out, outByte, cutoutBytes);
        } catch (IllegalStateException | InternalError e) {
            throw MappedNpy.accessFailure(file, e);
        }
    }

    @Override
    protected void checkIntact() {
        mapped.checkIntact();
    }

    @Override
    protected void release() {
        mapped.close();
    }
}
