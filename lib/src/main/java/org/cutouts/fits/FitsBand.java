package org.cutouts.fits;

/**
 * One image plane of a FITS file as float32 physical values (BSCALE/BZERO applied, BLANK as NaN):
 * row {@code y} is file row {@code y} (NAXIS2), column {@code x} is NAXIS1, as numpy's {@code data[y, x]}.
 */
public interface FitsBand {

    /** The HDU this band comes from. */
    FitsHdu hdu();

    default int width() {
        return hdu().width();
    }

    default int height() {
        return hdu().height();
    }

    /** EXTNAME, or "HDU n" when the unit has none. */
    default String name() {
        return hdu().extname().isEmpty() ? "HDU " + hdu().index() : hdu().extname();
    }

    /** Copies {@code n} pixels of row {@code y} starting at column {@code x0} (all inside the image) into {@code dst[off..]}. */
    void read(int y, int x0, int n, float[] dst, int off);
}
