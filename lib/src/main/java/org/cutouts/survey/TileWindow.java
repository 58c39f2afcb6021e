package org.cutouts.survey;

import org.cutouts.data.MosaicSource;

/**
 * A rectangle of a larger mosaic, streamed as a mosaic of its own: how a synthetic survey cuts its
 * tiles from one sky, so that overlapping tiles hold the same pixels where they overlap.
 */
final class TileWindow implements MosaicSource {
    private final MosaicSource parent;
    private final int x0;
    private final int y0;
    private final int width;
    private final int height;
    private final String name;

    TileWindow(MosaicSource parent, int x0, int y0, int width, int height, String name) {
        if (x0 < 0 || y0 < 0 || (long) x0 + width > parent.width() || (long) y0 + height > parent.height()) {
            throw new IllegalArgumentException("tile " + name + " leaves the sky area " + parent.width() + "x" + parent.height());
        }
        this.parent = parent;
        this.x0 = x0;
        this.y0 = y0;
        this.width = width;
        this.height = height;
        this.name = name;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public void readRows(int y, int rows, float[] dst, int offset) {
        if (y < 0 || rows < 0 || (long) y + rows > height) {
            throw new IndexOutOfBoundsException("rows [" + y + ", " + ((long) y + rows) + ") outside tile height " + height);
        }
        int pw = parent.width();
        float[] strip = new float[Math.multiplyExact(rows, pw)];
        parent.readRows(y0 + y, rows, strip, 0);
        for (int r = 0; r < rows; r++) {
            System.arraycopy(strip, r * pw + x0, dst, offset + r * width, width);
        }
    }

    @Override
    public String describe() {
        return name + " of " + parent.describe();
    }
}
