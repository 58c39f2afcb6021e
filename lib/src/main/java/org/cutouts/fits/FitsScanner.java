package org.cutouts.fits;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import nom.tam.fits.FitsException;
import nom.tam.fits.Header;
import nom.tam.util.FitsFile;
import org.cutouts.io.RegularFiles;
import org.cutouts.io.StoreException;

/**
 * Walks a FITS file's header-data units without reading any data: finds each header's END card
 * itself (nom-tam-fits silently runs on into the next header when END is missing), lets
 * nom-tam-fits parse the cards, and checks that every image data unit fits inside the file.
 * Every failure is a {@link StoreException} starting with the file path.
 */
public final class FitsScanner {
    static final int BLOCK = 2880;
    private static final int CARD = 80;

    private FitsScanner() {
    }

    /** All HDUs of {@code file}, in order. */
    public static List<FitsHdu> scan(Path file) {
        return scan(file, file);
    }

    /** All HDUs of {@code data}, with messages naming {@code file} (the user's file, e.g. the .gz it came from). */
    static List<FitsHdu> scan(Path data, Path file) {
        List<FitsHdu> hdus = new ArrayList<>();
        RegularFiles.refuseSpecial(data, file);
        try (FileChannel ch = FileChannel.open(data, StandardOpenOption.READ);
             FitsFile in = new FitsFile(data.toFile(), "r")) {
            long size = ch.size();
            if (size < BLOCK) {
                throw new StoreException(file, "not a FITS file: only " + size + " bytes, less than one 2880-byte header block");
            }
            long offset = 0;
            while (offset < size) {
                if (size - offset < BLOCK && hdus.size() > 0 && isBlank(ch, offset, size)) {
                    break; // trailing padding after the last HDU
                }
                int index = hdus.size();
                long headerBytes = findEnd(file, ch, offset, index);
                if (headerBytes < 0) {
                    break; // bytes after the last HDU that are not a header: ignored, as astropy does
                }
                in.seek(offset);
                Header h = Header.readHeader(in);
                if (h == null) {
                    throw new StoreException(file, "HDU " + index + ": header at byte " + offset + " could not be read");
                }
                FitsHdu hdu = describe(file, h, index, offset, offset + headerBytes, size);
                hdus.add(hdu);
                long dataBytes = dataUnitBytes(h);
                offset = hdu.dataOffset() + padded(dataBytes);
                if (offset > size && hdu.dataOffset() + dataBytes <= size) {
                    break; // last data unit complete but its padding is missing: tolerated, as astropy does
                }
            }
        } catch (NoSuchFileException e) {
            throw new StoreException(file, "no such file");
        } catch (IOException | FitsException e) {
            throw new StoreException(file, "cannot read FITS headers", e);
        } catch (IllegalArgumentException | IllegalStateException | ArithmeticException e) {
            throw new StoreException(file, "cannot parse FITS headers", e);
        }
        return hdus;
    }

    /**
     * Bytes of the header starting at {@code offset}, up to and including the block holding END;
     * -1 when an extension position holds no XTENSION card (trailing bytes).
     */
    private static long findEnd(Path file, FileChannel ch, long offset, int index) throws IOException {
        ByteBuffer block = ByteBuffer.allocate(BLOCK);
        long pos = offset;
        while (true) {
            block.clear();
            int n = readFully(ch, block, pos);
            if (n == 0) {
                throw new StoreException(file, "HDU " + index + ": header starting at byte " + offset
                        + " has no END card (reached the end of the file)");
            }
            if (n < BLOCK) {
                throw new StoreException(file, "HDU " + index + ": header starting at byte " + offset
                        + " is truncated (last block has " + n + " of 2880 bytes, no END card)");
            }
            byte[] b = block.array();
            String first = new String(b, 0, 9, StandardCharsets.US_ASCII);
            if (pos == offset) {
                boolean ok = index == 0 ? first.startsWith("SIMPLE  =") : first.startsWith("XTENSION=");
                if (!ok && index == 0) {
                    throw new StoreException(file, "not a FITS file: does not start with 'SIMPLE  =' but '" + printable(first) + "'");
                }
                if (!ok) {
                    return -1;
                }
            } else if (first.startsWith("XTENSION=") || first.startsWith("SIMPLE  =")) {
                throw new StoreException(file, "HDU " + index + ": header starting at byte " + offset
                        + " has no END card (the next header begins at byte " + pos + ")");
            }
            for (int c = 0; c < BLOCK; c += CARD) {
                if (b[c] == 'E' && b[c + 1] == 'N' && b[c + 2] == 'D' && blankFrom(b, c + 3, c + 8)) {
                    return pos + BLOCK - offset;
                }
            }
            pos += BLOCK;
        }
    }

    private static FitsHdu describe(Path file, Header h, int index, long headerOffset, long dataOffset, long fileSize) {
        String extname = h.getStringValue("EXTNAME", "").trim();
        int naxis = h.getIntValue("NAXIS", 0);
        boolean compressed = "BINTABLE".equals(h.getStringValue("XTENSION", "").trim()) && h.getBooleanValue("ZIMAGE", false);
        boolean plainImage = index == 0 || "IMAGE".equals(h.getStringValue("XTENSION", "").trim());
        if (compressed) {
            int zn = h.getIntValue("ZNAXIS", 0);
            for (int i = 1; i <= zn; i++) {
                long tile = h.getLongValue("ZTILE" + i, 1);
                if (tile < 1) {
                    throw new StoreException(file, "HDU " + index + ": ZTILE" + i + " = " + tile + ", a compression tile must be at "
                            + "least one pixel");
                }
            }
            FitsHdu.Kind kind = zn >= 2 && extraAxesUnit(h, "ZNAXIS", zn) ? FitsHdu.Kind.COMPRESSED_IMAGE : FitsHdu.Kind.OTHER;
            return new FitsHdu(index, kind, extname, h, h.getIntValue("ZBITPIX", 0), h.getIntValue("ZNAXIS1", 0),
                    h.getIntValue("ZNAXIS2", 0), headerOffset, dataOffset, dataUnitBytes(h), kind == FitsHdu.Kind.OTHER ? 0 : 1);
        }
        if (plainImage && naxis == 0) {
            return new FitsHdu(index, FitsHdu.Kind.EMPTY, extname, h, h.getIntValue("BITPIX", 0), 0, 0,
                    headerOffset, dataOffset, 0, 0);
        }
        if (!plainImage || naxis < 2 || h.getBooleanValue("GROUPS", false)) {
            return new FitsHdu(index, FitsHdu.Kind.OTHER, extname, h, h.getIntValue("BITPIX", 0), 0, 0,
                    headerOffset, dataOffset, dataUnitBytes(h), 0);
        }
        long planes = 1;
        for (int i = 3; i <= naxis; i++) {
            planes = Math.multiplyExact(planes, h.getLongValue("NAXIS" + i, 1));
        }
        int bitpix = h.getIntValue("BITPIX", 0);
        long w = h.getLongValue("NAXIS1", 0);
        long ht = h.getLongValue("NAXIS2", 0);
        if (w <= 0 || ht <= 0 || w > Integer.MAX_VALUE || ht > Integer.MAX_VALUE) {
            throw new StoreException(file, "HDU " + index + ": image size " + w + "x" + ht + " is not supported");
        }
        long bytes = dataUnitBytes(h);
        if (dataOffset + bytes > fileSize) {
            throw new StoreException(file, "HDU " + index + (extname.isEmpty() ? "" : " (" + extname + ")")
                    + ": data unit is truncated: " + w + "x" + ht + " pixels of BITPIX " + bitpix + " need "
                    + bytes + " bytes from byte " + dataOffset + ", but the file ends after " + (fileSize - dataOffset));
        }
        FitsHdu.Kind kind = extraAxesUnit(h, "NAXIS", naxis) ? FitsHdu.Kind.IMAGE : FitsHdu.Kind.CUBE;
        return new FitsHdu(index, kind, extname, h, bitpix, (int) w, (int) ht, headerOffset, dataOffset, bytes, planes);
    }

    private static boolean extraAxesUnit(Header h, String prefix, int naxis) {
        for (int i = 3; i <= naxis; i++) {
            if (h.getLongValue(prefix + i, 1) != 1) {
                return false;
            }
        }
        return true;
    }

    /** |BITPIX|/8 * GCOUNT * (PCOUNT + NAXIS1 * ... * NAXISn), without padding. */
    static long dataUnitBytes(Header h) {
        int naxis = h.getIntValue("NAXIS", 0);
        if (naxis == 0) {
            return 0;
        }
        long n = 1;
        for (int i = 1; i <= naxis; i++) {
            n = Math.multiplyExact(n, nonNegative(h, "NAXIS" + i, 0));
        }
        long bytesPerValue = Math.abs(h.getIntValue("BITPIX", 8)) / 8;
        // negative sizes would move the scan backwards forever; overflow is an ArithmeticException too
        return Math.multiplyExact(bytesPerValue * nonNegative(h, "GCOUNT", 1), Math.addExact(nonNegative(h, "PCOUNT", 0), n));
    }

    private static long nonNegative(Header h, String key, long missing) {
        long v = h.getLongValue(key, missing);
        if (v < 0) {
            throw new ArithmeticException(key + " = " + v + " is negative");
        }
        return v;
    }

    static long padded(long bytes) {
        return (bytes + BLOCK - 1) / BLOCK * BLOCK;
    }

    private static int readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        int total = 0;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    private static boolean isBlank(FileChannel ch, long offset, long size) throws IOException {
        ByteBuffer b = ByteBuffer.allocate((int) (size - offset));
        readFully(ch, b, offset);
        for (byte x : b.array()) {
            if (x != 0 && x != ' ') {
                return false;
            }
        }
        return true;
    }

    private static boolean blankFrom(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != ' ') {
                return false;
            }
        }
        return true;
    }

    private static String printable(String s) {
        return s.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
