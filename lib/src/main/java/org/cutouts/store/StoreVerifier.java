package org.cutouts.store;

import org.cutouts.io.Checksums;
import org.cutouts.io.StoreException;

import java.nio.file.Path;

/**
 * Checks a whole store against the checksums its manifest records: the manifest's own checksum, the
 * catalogue, every 1 MiB block of the mosaic payload or every cutout file, then opens the store and
 * reads every cutout. Names the first block or file that differs.
 */
public final class StoreVerifier {
    private StoreVerifier() {
    }

    /**
     * What verification found.
     *
     * @param ok        every check passed
     * @param checksums whether the store records checksums (older stores do not)
     * @param units     blocks or files whose checksum was compared
     * @param problem   the first problem (a message that starts with the file), or "" when ok
     */
    public record Result(boolean ok, boolean checksums, long units, String problem) {
        @Override
        public String toString() {
            if (!ok) {
                return "FAILED: " + problem;
            }
            return checksums ? "OK: " + units + " checksums match, every cutout reads" : "OK, but no checksums recorded (a store written "
                    + "before checksums): structure checked, every cutout reads, pixels not verified";
        }
    }

    /** Verifies {@code dir}; never throws for a bad store, the result says what is wrong. */
    public static Result verify(Path dir) {
        try {
            StoreManifest m = StoreManifest.read(dir);
            StoreChecksums sums = StoreChecksums.read(dir);
            long units = 0;
            if (sums != null) {
                sums.checkCatalogue(dir.resolve(StoreManifest.CATALOGUE_FILE));
                Path payload = AbstractStore.payload(dir, m);
                sums.checkCount(payload, m);
                units = 1 + (m.strategy() == Strategy.INDIVIDUAL_FILES ? files(payload, sums) : blocks(payload, sums));
            }
            try (CutoutStore s = Stores.open(dir)) {
                int[] all = java.util.stream.IntStream.range(0, s.size()).toArray();
                float[] one = new float[s.cutoutPixels()];
                for (int i : all) {
                    s.readInto(i, one, 0);
                }
            }
            return new Result(true, sums != null, units, "");
        } catch (StoreException | CutoutOutOfBoundsException e) {
            return new Result(false, false, 0, e.getMessage());
        }
    }

    private static long blocks(Path payload, StoreChecksums sums) {
        int[] now = Checksums.blocks(payload);
        int[] rec = sums.payload();
        for (int b = 0; b < rec.length; b++) {
            if (now[b] != rec[b]) {
                long from = (long) b * Checksums.BLOCK;
                long to = Math.min(from + Checksums.BLOCK, org.cutouts.io.RegularFiles.require(payload).size()) - 1;
                throw new StoreException(payload, "block " + b + " (bytes " + from + "-" + to + "): CRC32C "
                        + Checksums.hex(now[b]) + ", the manifest records " + Checksums.hex(rec[b]));
            }
        }
        return rec.length;
    }

    private static long files(Path folder, StoreChecksums sums) {
        int[] rec = sums.payload();
        for (int i = 0; i < rec.length; i++) {
            Path f = folder.resolve(IndividualFilesStore.fileName(i));
            int now = Checksums.file(f);
            if (now != rec[i]) {
                throw new StoreException(f, "cutout file " + i + ": CRC32C " + Checksums.hex(now) + ", the manifest records "
                        + Checksums.hex(rec[i]));
            }
        }
        return rec.length;
    }
}
