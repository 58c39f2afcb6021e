package org.cutouts.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.zip.CRC32C;

/**
 * CRC32C ({@link CRC32C}, hardware-accelerated in the JDK) of whole files and of fixed 1 MiB blocks,
 * and their compact text form: eight hex digits per checksum, concatenated. A store records them at
 * write time; {@code cutouts verify} recomputes them and names the first block that differs.
 */
public final class Checksums {
    /** The block size of per-block checksums of a mosaic payload. */
    public static final int BLOCK = 1 << 20;
    private static final HexFormat HEX = HexFormat.of();

    private Checksums() {
    }

    /** CRC32C of a whole regular file. */
    public static int file(Path file) {
        int[] one = blocks(file, Long.MAX_VALUE);
        return one.length == 0 ? (int) new CRC32C().getValue() : one[0];
    }

    /** CRC32C of each {@link #BLOCK}-byte block of a regular file (the last block may be shorter). */
    public static int[] blocks(Path file) {
        return blocks(file, BLOCK);
    }

    private static int[] blocks(Path file, long blockBytes) {
        try (FileChannel ch = RegularFiles.open(file)) {
            long size = ch.size();
            int n = blockBytes == Long.MAX_VALUE ? 1 : (int) Math.max(1, (size + blockBytes - 1) / blockBytes);
            int[] out = new int[n];
            ByteBuffer buf = ByteBuffer.allocate((int) Math.clamp(size, 1, BLOCK)); // small files (a catalogue) need no 1 MiB
            CRC32C crc = new CRC32C();
            long pos = 0;
            for (int b = 0; b < n; b++) {
                crc.reset();
                long end = Math.min(size, pos + blockBytes);
                while (pos < end) {
                    buf.clear().limit((int) Math.min(buf.capacity(), end - pos));
                    int r = ch.read(buf, pos);
                    if (r < 0) {
                        throw new StoreException(file, "shrank while its checksum was computed");
                    }
                    buf.flip();
                    crc.update(buf);
                    pos += r;
                }
                out[b] = (int) crc.getValue();
            }
            return out;
        } catch (IOException e) {
            throw new StoreException(file, "cannot read for its checksum", e);
        }
    }

    /** One CRC32C over the byte ranges {@code [from, to)} of a regular file, in order (for the parts of a file that are not pixels). */
    public static int ranges(Path file, long[][] ranges) {
        try (FileChannel ch = RegularFiles.open(file)) {
            CRC32C crc = new CRC32C();
            ByteBuffer buf = ByteBuffer.allocate((int) Math.clamp(ch.size(), 1, BLOCK));
            for (long[] r : ranges) {
                for (long pos = r[0]; pos < r[1]; ) {
                    buf.clear().limit((int) Math.min(buf.capacity(), r[1] - pos));
                    int n = ch.read(buf, pos);
                    if (n < 0) {
                        throw new StoreException(file, "ends at byte " + pos + ", before the checksummed range ending at " + r[1]);
                    }
                    buf.flip();
                    crc.update(buf);
                    pos += n;
                }
            }
            return (int) crc.getValue();
        } catch (IOException e) {
            throw new StoreException(file, "cannot read for its checksum", e);
        }
    }

    /** CRC32C of bytes in memory. */
    public static int of(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return (int) crc.getValue();
    }

    /** Eight lowercase hex digits. */
    public static String hex(int crc) {
        return HEX.toHexDigits(crc);
    }

    /** Eight hex digits per checksum, concatenated. */
    public static String hex(int[] crcs) {
        StringBuilder sb = new StringBuilder(crcs.length * 8);
        for (int c : crcs) {
            sb.append(HEX.toHexDigits(c));
        }
        return sb.toString();
    }

    /** Parses {@link #hex(int[])}; null when the text is not a whole number of eight-digit checksums. */
    public static int[] parse(String hex) {
        if (hex == null || hex.length() % 8 != 0) {
            return null;
        }
        int[] out = new int[hex.length() / 8];
        try {
            for (int i = 0; i < out.length; i++) {
                out[i] = HEX.fromHexDigits(hex, i * 8, i * 8 + 8);
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return out;
    }
}
