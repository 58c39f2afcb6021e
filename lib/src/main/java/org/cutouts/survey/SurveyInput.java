package org.cutouts.survey;

import java.util.List;
import org.cutouts.data.Catalogue;
import org.cutouts.data.MosaicSource;

/**
 * What a survey is written from: tiles (pixels plus WCS) and a catalogue whose {@code ra, dec}
 * columns (degrees ICRS) say where the cutouts are; its {@code x, y} columns are ignored, since
 * the assignment computes them per tile.
 */
public record SurveyInput(List<Tile> tiles, Catalogue sky, String description) {

    /** One tile's pixels and placement. */
    public record Tile(SurveyTile tile, MosaicSource pixels) {
        public Tile {
            if (pixels.width() != tile.width() || pixels.height() != tile.height()) {
                throw new IllegalArgumentException("tile " + tile.name() + " is " + tile.width() + "x" + tile.height()
                        + " but its pixels are " + pixels.width() + "x" + pixels.height());
            }
        }
    }

    public SurveyInput {
        tiles = List.copyOf(tiles);
        if (tiles.isEmpty()) {
            throw new IllegalArgumentException("a survey needs at least one tile");
        }
        if (!sky.hasSkyCoordinates() && sky.size() > 0) {
            throw new IllegalArgumentException("the survey catalogue needs ra and dec columns");
        }
    }

    public List<SurveyTile> placements() {
        return tiles.stream().map(Tile::tile).toList();
    }
}
