package org.cutouts.fits;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cutouts.io.StoreException;

/**
 * Picks the HDUs a {@link FitsMosaic} uses as bands: the named ones (EXTNAME or index, all of one
 * size), or every image of the first image's size; a cube only when a plane is given, and only a
 * plane it has. Every refusal is a {@link StoreException} saying what the file holds instead.
 */
final class BandSelector {
    private BandSelector() {
    }

    private static boolean usable(FitsHdu h, long plane) {
        return h.isImage() || (plane >= 0 && h.kind() == FitsHdu.Kind.CUBE);
    }

    /**
     * The bands of {@code hdus}.
     *
     * @param names bands by EXTNAME or HDU index; empty for every image of the first image's size
     * @param plane a cube plane, or {@link FitsMosaic#NO_PLANE}
     */
    static List<FitsHdu> select(Path file, List<FitsHdu> hdus, String[] names, long plane) {
        List<FitsHdu> images = hdus.stream().filter(h -> usable(h, plane)).toList();
        if (images.isEmpty()) {
            FitsHdu cube = hdus.stream().filter(h -> h.kind() == FitsHdu.Kind.CUBE).findFirst().orElse(null);
            if (cube != null) {
                throw new StoreException(file, cube.label() + " is a cube of " + cube.planes() + " planes of "
                        + cube.width() + "x" + cube.height() + ": choose one with --plane N (FitsMosaic.open(file, plane))");
            }
            throw new StoreException(file, "no 2-D image in any of its " + hdus.size() + " HDUs");
        }
        List<FitsHdu> out = new ArrayList<>();
        if (names == null || names.length == 0) {
            FitsHdu first = images.get(0);
            for (FitsHdu h : images) {
                if (h.width() == first.width() && h.height() == first.height()) {
                    out.add(h);
                }
            }
        } else {
            for (String name : names) {
                out.add(named(file, hdus, images, name, plane, out));
            }
        }
        for (FitsHdu h : out) {
            if (plane >= h.planes()) {
                throw new StoreException(file, h.label() + ": plane " + plane + " does not exist; it has "
                        + h.planes() + (h.planes() == 1 ? " plane (a 2-D image)" : " planes"));
            }
        }
        return out;
    }

    private static FitsHdu named(Path file, List<FitsHdu> hdus, List<FitsHdu> images, String name, long plane, List<FitsHdu> chosen) {
        FitsHdu found = null;
        for (FitsHdu h : hdus) {
            if (h.extname().equalsIgnoreCase(name.trim()) || String.valueOf(h.index()).equals(name.trim())) {
                found = h;
                break;
            }
        }
        if (found == null) {
            throw new StoreException(file, "no HDU named '" + name + "'; images: " + images.stream().map(FitsHdu::label).toList());
        }
        if (found.kind() == FitsHdu.Kind.CUBE && plane < 0) {
            throw new StoreException(file, found.label() + " is a cube of " + found.planes()
                    + " planes: choose one with --plane N (FitsMosaic.open(file, plane, bands))");
        }
        if (!usable(found, plane)) {
            throw new StoreException(file, found.label() + " is not a 2-D image (" + found.kind() + ")");
        }
        if (!chosen.isEmpty() && (found.width() != chosen.get(0).width() || found.height() != chosen.get(0).height())) {
            throw new StoreException(file, found.label() + " is " + found.width() + "x" + found.height()
                    + ", but band 0 is " + chosen.get(0).width() + "x" + chosen.get(0).height());
        }
        return found;
    }
}
