package org.cutouts.store;

import static org.cutouts.store.TestData.assertSameBits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import org.cutouts.data.Catalogue;
import org.cutouts.data.CatalogueCsv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mosaic above 2 GiB, as a sparse file: the FFM mapping must address it whole (a MappedByteBuffer
 * stops at 2 GiB) and cut correct stamps from its far end, where offsets exceed 2^31.
 */
class LargeMosaicTest {
    static final int W = 24_000;
    static final int H = 24_000; // 2.3e9 bytes of float32
    static final int PATCH = 200; // a known pattern in the far corner

    @TempDir
    Path tmp;

    static float pattern(int x, int y) {
        return (x - (W - PATCH)) * 1000f + (y - (H - PATCH)) + 0.25f;
    }

    /** What the mosaic holds: the pattern in the far corner, zero elsewhere (the holes of the sparse file). */
    static float pixel(int x, int y) {
        return x >= W - PATCH && y >= H - PATCH ? pattern(x, y) : 0f;
    }

    @Test
    void cutoutsFromTheFarEndOfAMosaicAbove2GiB() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("big"));
        Path npy = dir.resolve("mosaic.npy");
        byte[] header = NpyHeader.encode(H, W);
        long dataBytes = 4L * W * H;
        assertTrue(dataBytes > (1L << 31), "the mosaic must exceed 2 GiB");
        try (FileChannel ch = FileChannel.open(npy, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.SPARSE)) {
            ch.write(ByteBuffer.wrap(header));
            ByteBuffer row = ByteBuffer.allocate(4 * PATCH).order(ByteOrder.LITTLE_ENDIAN);
            for (int y = H - PATCH; y < H; y++) {
                row.clear();
                for (int x = W - PATCH; x < W; x++) {
                    row.putFloat(pattern(x, y));
                }
                row.flip();
                ch.write(row, header.length + 4L * ((long) y * W + (W - PATCH)));
            }
        }
        assertEquals(header.length + dataBytes, Files.size(npy));

        double[][] centres = {
            {W - 50, H - 50}, {W - 1, H - 1}, {W - 0.6, H - 100.2}, {W - PATCH, H - PATCH}, {W - PATCH - 10, H - 3},
            {W + 5, H + 5}, {100, H - 20}, {W - 20, 100}, {12_000.4, 12_000.6},
        };
        int n = centres.length;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = centres[i][0];
            y[i] = centres[i][1];
        }
        Catalogue cat = new Catalogue(x, y, new double[n], new double[n], new int[n]);
        StoreFixture.writeSidecars(dir, cat, W, H, new CutoutSpec(63, 64, EdgePolicy.PAD, Float.NaN));

        try (CutoutStore store = Stores.open(dir)) {
            CutoutSpec spec = store.spec();
            for (int i = 0; i < n; i++) {
                Window w = spec.windowAt(x[i], y[i]);
                float[] want = new float[spec.pixels()];
                for (int r = 0; r < spec.height(); r++) {
                    for (int c = 0; c < spec.width(); c++) {
                        int px = w.x0() + c;
                        int py = w.y0() + r;
                        want[r * spec.width() + c] = px < 0 || py < 0 || px >= W || py >= H ? Float.NaN : pixel(px, py);
                    }
                }
                assertSameBits(want, store.read(i), "cutout " + i + " at " + Arrays.toString(centres[i]));
            }
            // the last pixel of the file, at a byte offset far beyond 2^31
            float[] corner = store.read(1);
            assertEquals(pattern(W - 1, H - 1), corner[32 * 63 + 31]);
        }
    }

    /** Writes the manifest and catalogue that make a directory holding {@code mosaic.npy} a memory-mapped store. */
    static final class StoreFixture {
        private StoreFixture() {
        }

        static void writeSidecars(Path dir, Catalogue cat, int w, int h, CutoutSpec spec) {
            CatalogueCsv.write(cat, dir.resolve(StoreManifest.CATALOGUE_FILE));
            new StoreManifest(Strategy.MEMORY_MAPPED, w, h, cat.size(), spec, "mosaic.npy", "sparse test mosaic", Instant.now()).write(dir);
        }
    }
}
