package org.cutouts.store;

/** A window that leaves the mosaic under {@link EdgePolicy#STRICT}, or an index off the catalogue. */
public class CutoutOutOfBoundsException extends IndexOutOfBoundsException {
    private static final long serialVersionUID = 1L;

    public CutoutOutOfBoundsException(int index, double cx, double cy, Window w, int mosaicWidth, int mosaicHeight) {
        super("cutout " + index + " centred at (x=" + cx + ", y=" + cy + ") needs window x" + "[" + w.x0() + ", "
                + ((long) w.x0() + w.width()) + ") y[" + w.y0() + ", " + ((long) w.y0() + w.height())
                + ") which leaves the mosaic bounds x[0, " + mosaicWidth + ") y[0, " + mosaicHeight
                + ") (edge policy STRICT; use PAD to fill)");
    }

    public CutoutOutOfBoundsException(String message) {
        super(message);
    }
}
