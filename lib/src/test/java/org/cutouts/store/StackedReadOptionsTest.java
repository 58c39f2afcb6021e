package org.cutouts.store;

import static org.cutouts.store.TestData.assertSameBits;

import java.nio.file.Path;
import org.cutouts.data.Catalogue;
import org.cutouts.data.InMemoryMosaic;
import org.cutouts.data.SyntheticMosaic;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every read path of the stacked store (advice, prefault, gather, sort, WILLNEED prefetch) returns the direct slices. */
class StackedReadOptionsTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"default", "baseline", "advice=random", "advice=sequential+willneed,prefault", "nosort", "touch", "nogather", "explicit",
            "explicit,nogather"})
    void everyReadPathIsBitExact(String options) {
        SyntheticMosaic source = TestData.mosaic(300, 200, 9);
        InMemoryMosaic ref = source.toMemory();
        Catalogue cat = TestData.withEdgeCentres(source);
        CutoutSpec spec = new CutoutSpec(24, 16, EdgePolicy.PAD, Float.NaN);
        Path dir = Stores.write(Strategy.STACKED, source, cat, spec, tmp.resolve("s"));
        try (CutoutStore store = Stores.open(dir, ReadOptions.parse(options))) {
            int[] batch = new int[cat.size()];
            for (int k = 0; k < batch.length; k++) {
                batch[k] = (k * 7 + 3) % cat.size();
            }
            float[] got = new float[batch.length * spec.pixels()];
            store.readBatch(batch, got);
            for (int k = 0; k < batch.length; k++) {
                float[] one = java.util.Arrays.copyOfRange(got, k * spec.pixels(), (k + 1) * spec.pixels());
                assertSameBits(TestData.expected(ref, cat, batch[k], spec), one, options + " slot " + k);
            }
        }
    }
}
