package org.cutouts.store;

import java.nio.file.Path;
import org.cutouts.data.CatalogueRecipe;
import org.cutouts.data.MosaicSpec;

/**
 * The child JVM of the kill -9 runs: writes a store (or generates a workspace) over and over, alternating
 * between two versions, printing a line before each, until the parent kills it.
 *
 * <p>{@code write STRATEGY WORKSPACE} or {@code generate WORKSPACE}.
 */
public final class KillTarget {
    private KillTarget() {
    }

    public static void main(String[] args) {
        for (int round = 0; ; round++) {
            System.out.println("round " + round);
            System.out.flush();
            if (args[0].equals("write")) {
                Workspace ws = Workspace.at(Path.of(args[2]));
                ws.writeStore(Strategy.valueOf(args[1]), version(round), WriteProgress.NONE);
            } else {
                Workspace.generate(spec(round), CatalogueRecipe.sources(), Path.of(args[1]), WriteProgress.NONE);
            }
        }
    }

    /** The two store versions differ in their cutout size. */
    static CutoutSpec version(int round) {
        return CutoutSpec.square(round % 2 == 0 ? 16 : 24);
    }

    /** The two workspace versions differ in their seed (and so in mosaic and catalogue). */
    static MosaicSpec spec(int round) {
        return MosaicSpec.of(900, 700, 300, round % 2 == 0 ? 1 : 2);
    }
}
