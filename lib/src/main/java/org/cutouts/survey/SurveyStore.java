package org.cutouts.survey;

import java.nio.file.Path;
import java.util.List;
import org.cutouts.data.Catalogue;
import org.cutouts.store.CutoutStore;
import org.cutouts.io.StoreException;
import org.cutouts.store.StoreManifest;
import org.cutouts.store.Stores;
import org.cutouts.store.Strategy;

/**
 * One logical store over a survey's tile stores. Cutout {@code i} is source {@code i} of
 * {@code sources.csv}, cut from its assigned tile by that tile's store, so the iterators, the
 * benchmark and the notebooks read a survey exactly as they read one mosaic. Tile stores open on
 * first use and stay open until {@link #close()}; safe for concurrent reads.
 */
public final class SurveyStore implements CutoutStore {
    private final Path dir;
    private final SurveyManifest survey;
    private final StoreManifest manifest;
    private final Catalogue catalogue;
    private final int[] tileOf;
    private final int[] localOf;
    private final CutoutStore[] open;

    private SurveyStore(Path dir, SurveyManifest survey, SurveySources.Table sources) {
        this.dir = dir;
        this.survey = survey;
        this.catalogue = sources.catalogue();
        this.tileOf = sources.tile();
        this.localOf = sources.local();
        if (catalogue.size() != survey.count()) {
            throw new StoreException(dir.resolve(SurveySources.FILE_NAME), "has " + catalogue.size()
                    + " sources but the survey manifest promises " + survey.count());
        }
        int maxW = survey.tiles().stream().mapToInt(SurveyTile::width).max().orElseThrow();
        int maxH = survey.tiles().stream().mapToInt(SurveyTile::height).max().orElseThrow();
        this.manifest = new StoreManifest(survey.strategy(), maxW, maxH, survey.count(), survey.spec(),
                "tiles", survey.source(), survey.created());
        this.open = new CutoutStore[survey.tiles().size()];
    }

    /** Opens the survey in {@code dir}: reads its manifest and source table; tiles open when first read. */
    public static SurveyStore open(Path dir) {
        SurveyManifest m = SurveyManifest.read(dir);
        return new SurveyStore(dir, m, SurveySources.read(dir.resolve(SurveySources.FILE_NAME)));
    }

    public SurveyManifest survey() {
        return survey;
    }

    public List<SurveyTile> tiles() {
        return survey.tiles();
    }

    /** The tile source {@code i} is cut from, or {@link TileAssignment#NONE}. */
    public int tileOf(int i) {
        checkIndex(i);
        return tileOf[i];
    }

    /** Source {@code i}'s row in its tile's store. */
    public int localIndex(int i) {
        checkIndex(i);
        return localOf[i];
    }

    /** Source counts per tile. */
    public int[] tileCounts() {
        int[] c = new int[tiles().size()];
        for (int t : tileOf) {
            if (t >= 0) {
                c[t]++;
            }
        }
        return c;
    }

    /** The store of tile {@code t}, opened on first use. */
    public CutoutStore tileStore(int t) {
        synchronized (open) {
            if (open[t] == null) {
                open[t] = Stores.open(survey.tileDir(dir, t));
            }
            return open[t];
        }
    }

    @Override
    public Strategy strategy() {
        return survey.strategy();
    }

    @Override
    public Path location() {
        return dir;
    }

    @Override
    public StoreManifest manifest() {
        return manifest;
    }

    @Override
    public Catalogue catalogue() {
        return catalogue;
    }

    @Override
    public void readInto(int index, float[] dst, int offset) {
        checkIndex(index);
        int t = tileOf[index];
        if (t == TileAssignment.NONE) {
            OffSurvey.fill(spec(), dir, index, catalogue.ra(index), catalogue.dec(index), dst, offset, 1);
            return;
        }
        try {
            tileStore(t).readInto(localOf[index], dst, offset);
        } catch (StoreException e) {
            throw SurveyTileException.of(e, survey.tiles().get(t), index, catalogue.ra(index), catalogue.dec(index));
        }
    }

    @Override
    public void close() {
        synchronized (open) {
            for (int t = 0; t < open.length; t++) {
                if (open[t] != null) {
                    open[t].close();
                    open[t] = null;
                }
            }
        }
    }

    @Override
    public String toString() {
        return "survey " + dir + " (" + tiles().size() + " tiles of " + strategy().label() + ", " + size() + " cutouts " + spec() + ")";
    }
}
