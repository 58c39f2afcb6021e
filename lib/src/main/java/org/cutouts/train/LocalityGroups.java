package org.cutouts.train;

import org.cutouts.data.Catalogue;
import org.cutouts.store.CutoutStore;
import org.cutouts.store.StoreManifest;
import org.cutouts.store.TiledLayout;

/**
 * Which cutouts share storage: a group id per cutout, a group being about {@code groupBytes} of the
 * store's payload, for a {@link LocalityOrder}. What is near on disk depends on the layout:
 * <ul>
 * <li>a row-major mosaic ({@code mmap-npy}, HDF5, the whole tensor): bands of whole mosaic rows, by the
 *     cutout's centre row;</li>
 * <li>a tiled mosaic: bands of whole tile rows (64 mosaic rows each), which the tile file stores one after
 *     the other (squares of the sky would scatter a group over as many file ranges as tile rows);</li>
 * <li>one slot or file per cutout (stacked, individual files), written in catalogue order: runs of
 *     consecutive indices.</li>
 * </ul>
 */
public final class LocalityGroups {
    private LocalityGroups() {
    }

    /** The group of every cutout of {@code store}, groups numbered from 0 without gaps in the layout's order. */
    public static int[] of(CutoutStore store, long groupBytes) {
        if (groupBytes < 1) {
            throw new IllegalArgumentException("a locality group needs a positive size in bytes, got " + groupBytes);
        }
        StoreManifest m = store.manifest();
        Catalogue c = store.catalogue();
        int n = store.size();
        int[] group = new int[n];
        switch (m.strategy()) {
            case MEMORY_MAPPED, HDF5, WHOLE_TENSOR -> {
                long rowBytes = 4L * m.mosaicWidth();
                int band = (int) Math.max(1, Math.min(m.mosaicHeight(), groupBytes / rowBytes));
                for (int i = 0; i < n; i++) {
                    group[i] = clamp((int) Math.floor(c.y(i)), m.mosaicHeight()) / band;
                }
            }
            case MEMORY_MAPPED_TILED -> {
                // tiles are stored a tile row at a time: a band of whole tile rows is one contiguous range
                long tileRowBytes = 4L * m.mosaicWidth() * TiledLayout.DEFAULT_TILE;
                int band = (int) Math.max(1, groupBytes / tileRowBytes) * TiledLayout.DEFAULT_TILE;
                for (int i = 0; i < n; i++) {
                    group[i] = clamp((int) Math.floor(c.y(i)), m.mosaicHeight()) / band;
                }
            }
            case STACKED, INDIVIDUAL_FILES -> {
                int run = (int) Math.max(1, Math.min(n, groupBytes / Math.max(1, m.spec().bytes())));
                for (int i = 0; i < n; i++) {
                    group[i] = i / run;
                }
            }
        }
        return group;
    }

    private static int clamp(int v, int size) {
        return Math.min(Math.max(v, 0), size - 1);
    }
}
