package org.cutouts.data;

import java.util.Locale;

/**
 * How to choose cutout centres for a synthetic mosaic: its sources (the default), uniform random
 * positions, or the sources plus empty "negative" positions for a present/absent classifier.
 */
public record CatalogueRecipe(Kind kind, int count, long seed) {
    public enum Kind { SOURCES, UNIFORM, SOURCES_AND_NEGATIVES }

    /** Negatives keep at least this many pixels from every source centre. */
    public static final double NEGATIVE_MIN_DISTANCE = 12.0;

    public static CatalogueRecipe sources() {
        return new CatalogueRecipe(Kind.SOURCES, 0, 0);
    }

    public static CatalogueRecipe uniform(int count, long seed) {
        return new CatalogueRecipe(Kind.UNIFORM, count, seed);
    }

    public static CatalogueRecipe withNegatives(int negatives, long seed) {
        return new CatalogueRecipe(Kind.SOURCES_AND_NEGATIVES, negatives, seed);
    }

    public Catalogue build(SyntheticMosaic mosaic) {
        return switch (kind) {
            case SOURCES -> mosaic.catalogue();
            case UNIFORM -> Catalogues.uniform(mosaic.width(), mosaic.height(), count, seed);
            case SOURCES_AND_NEGATIVES -> Catalogues.withNegatives(mosaic, count, NEGATIVE_MIN_DISTANCE, seed);
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case SOURCES -> "sources";
            case UNIFORM -> String.format(Locale.ROOT, "%d uniform centres (seed %d)", count, seed);
            case SOURCES_AND_NEGATIVES -> String.format(Locale.ROOT, "sources + %d negatives (seed %d)", count, seed);
        };
    }
}
