package org.cutouts.fits;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.util.Objects;

/**
 * An uncompressed image data unit read through an FFM memory mapping of exactly its bytes: a cutout
 * touches only the pages of its rows, and files far above 2 GiB work (segments are long-indexed).
 */
final class MappedBand implements FitsBand {
    private final FitsHdu hdu;
    private final MemorySegment data;
    private final RowDecoder decoder;
    private final long rowBytes;
    private final long plane;

    private MappedBand(FitsHdu hdu, long plane, MemorySegment data, RowDecoder decoder) {
        this.hdu = hdu;
        this.plane = plane;
        this.data = data;
        this.decoder = decoder;
        this.rowBytes = (long) hdu.width() * decoder.bitpix().bytes();
    }

    /** Maps plane {@code plane} (0 for a 2-D image) of {@code hdu}'s data unit from {@code channel} into {@code arena}. */
    static MappedBand map(FileChannel channel, Arena arena, FitsHdu hdu, Bitpix bitpix, long plane) throws IOException {
        long bytes = (long) hdu.width() * hdu.height() * bitpix.bytes();
        MemorySegment seg = channel.map(FileChannel.MapMode.READ_ONLY, hdu.dataOffset() + plane * bytes, bytes, arena);
        return new MappedBand(hdu, plane, seg, new RowDecoder(bitpix, PixelScaling.of(hdu.header(), bitpix)));
    }

    @Override
    public String name() {
        return FitsBand.super.name() + (hdu.kind() == FitsHdu.Kind.CUBE ? " plane " + plane : "");
    }

    @Override
    public FitsHdu hdu() {
        return hdu;
    }

    RowDecoder decoder() {
        return decoder;
    }

    @Override
    public void read(int y, int x0, int n, float[] dst, int off) {
        Objects.checkIndex(y, hdu.height());
        Objects.checkFromIndexSize(x0, n, hdu.width());
        decoder.decode(data, y * rowBytes + (long) x0 * decoder.bitpix().bytes(), n, dst, off);
    }
}
