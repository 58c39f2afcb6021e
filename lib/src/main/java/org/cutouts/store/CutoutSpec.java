package org.cutouts.store;

/**
 * Cutout geometry and edge behaviour, shared by every strategy so that they all cut the same window.
 *
 * <p>The window convention is astropy's {@code Cutout2D}/{@code overlap_slices}: for a centre
 * {@code c} and size {@code n} the first pixel is {@code ceil(c - n/2)}. For an integer centre and
 * an odd size the centre pixel sits in the middle; for an even size it sits at index {@code n/2}.
 */
public record CutoutSpec(int width, int height, EdgePolicy edgePolicy, float fill) {
    /** The proof of concept's stamp: 64x64, padded with NaN. */
    public static final CutoutSpec DEFAULT = new CutoutSpec(64, 64, EdgePolicy.PAD, Float.NaN);

    public CutoutSpec {
        if (width <= 0 || height <= 0 || width > 8192 || height > 8192) {
            throw new IllegalArgumentException("cutout size must be between 1 and 8192 pixels, got " + width + "x" + height);
        }
        if (edgePolicy == null) {
            throw new IllegalArgumentException("edge policy must not be null");
        }
    }

    public static CutoutSpec square(int size) {
        return new CutoutSpec(size, size, EdgePolicy.PAD, Float.NaN);
    }

    public CutoutSpec withEdgePolicy(EdgePolicy policy) {
        return new CutoutSpec(width, height, policy, fill);
    }

    public CutoutSpec withFill(float value) {
        return new CutoutSpec(width, height, edgePolicy, value);
    }

    public int pixels() {
        return width * height;
    }

    public long bytes() {
        return 4L * pixels();
    }

    /** The window for a centre, by the astropy convention above. */
    public Window windowAt(double cx, double cy) {
        return new Window(origin(cx, width), origin(cy, height), width, height);
    }

    static int origin(double centre, int size) {
        double o = Math.ceil(centre - size / 2.0);
        if (o < Integer.MIN_VALUE / 2.0 || o > Integer.MAX_VALUE / 2.0) {
            throw new IllegalArgumentException("cutout centre " + centre + " is far outside any mosaic");
        }
        return (int) o;
    }

    /**
     * Applies the edge policy: returns normally when the window may be read, throws
     * {@link CutoutOutOfBoundsException} under STRICT when it leaves the mosaic.
     */
    public void checkEdges(int index, double cx, double cy, Window w, int mosaicWidth, int mosaicHeight) {
        if (edgePolicy == EdgePolicy.STRICT && !w.inside(mosaicWidth, mosaicHeight)) {
            throw new CutoutOutOfBoundsException(index, cx, cy, w, mosaicWidth, mosaicHeight);
        }
    }

    @Override
    public String toString() {
        return width + "x" + height + " " + edgePolicy + (edgePolicy == EdgePolicy.PAD ? " fill=" + fill : "");
    }
}
