package org.cutouts.store;

/** A cutout's pixel window {@code [x0, x0+width) x [y0, y0+height)} in mosaic coordinates. */
public record Window(int x0, int y0, int width, int height) {

    public boolean inside(int mosaicWidth, int mosaicHeight) {
        return x0 >= 0 && y0 >= 0 && (long) x0 + width <= mosaicWidth && (long) y0 + height <= mosaicHeight;
    }

    /** True when the window and the mosaic share no pixel at all. */
    public boolean disjoint(int mosaicWidth, int mosaicHeight) {
        return (long) x0 + width <= 0 || (long) y0 + height <= 0 || x0 >= mosaicWidth || y0 >= mosaicHeight;
    }

    @Override
    public String toString() {
        return "[" + x0 + ":" + ((long) x0 + width) + ", " + y0 + ":" + ((long) y0 + height) + ")";
    }
}
