package org.cutouts.fits;

import nom.tam.fits.Header;

/**
 * One header-data unit as found by {@link FitsScanner}: where it is in the file and what it holds.
 *
 * @param index        0 for the primary HDU, 1.. for extensions
 * @param kind         what the data unit holds
 * @param extname      EXTNAME, or "" when absent
 * @param header       the header as parsed by nom-tam-fits (for a compressed image: the table header)
 * @param bitpixCode   BITPIX of the image (ZBITPIX for a compressed image)
 * @param width        NAXIS1 (x, the fast axis), 0 when not an image
 * @param height       NAXIS2 (y, rows), 0 when not an image
 * @param headerOffset byte offset of the header's first card
 * @param dataOffset   byte offset of the data unit (a multiple of 2880)
 * @param dataBytes    size of the data unit without padding
 * @param planes       NAXIS3 x NAXIS4 x ...: the 2-D planes of a cube, 1 for an image, 0 when not an image
 */
public record FitsHdu(int index, Kind kind, String extname, Header header, int bitpixCode, int width, int height,
                      long headerOffset, long dataOffset, long dataBytes, long planes) {

    /** What a data unit holds, as far as this package is concerned. */
    public enum Kind {
        /** A 2-D image (or an image whose extra axes are all 1) stored as plain pixels. */
        IMAGE,
        /** A tile-compressed image: a BINTABLE with ZIMAGE = T. */
        COMPRESSED_IMAGE,
        /** No data (NAXIS = 0), as in most multi-extension primaries. */
        EMPTY,
        /** A cube: NAXIS > 2 with an axis beyond the second longer than 1; usable one plane at a time. */
        CUBE,
        /** Anything else: tables, compressed cubes, random groups. */
        OTHER
    }

    public boolean isImage() {
        return kind == Kind.IMAGE || kind == Kind.COMPRESSED_IMAGE;
    }

    /** "HDU 1 (SCI)" or "HDU 0": how messages name this unit. */
    public String label() {
        return "HDU " + index + (extname.isEmpty() ? "" : " (" + extname + ")");
    }
}
