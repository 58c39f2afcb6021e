package org.cutouts.survey;

import java.util.Locale;
import org.cutouts.io.StoreException;

/**
 * A tile that cannot be read while cutting a source: the message starts with the tile's file, says
 * what is wrong with it, and names the source that needed it.
 */
public final class SurveyTileException extends StoreException {
    private static final long serialVersionUID = 1L;

    private SurveyTileException(StoreException cause, String problem) {
        super(cause.file(), problem);
        initCause(cause);
    }

    /** Wraps a tile store's failure with the tile and the source that needed it. */
    public static SurveyTileException of(StoreException e, SurveyTile tile, long sourceId, double ra, double dec) {
        if (e instanceof SurveyTileException s) {
            return s;
        }
        String msg = String.valueOf(e.getMessage());
        String prefix = e.file() + ": ";
        String problem = msg.startsWith(prefix) ? msg.substring(prefix.length()) : msg;
        String where = Double.isNaN(ra) ? "" : String.format(Locale.ROOT, " at RA %.6f, Dec %.6f", ra, dec);
        return new SurveyTileException(e, String.format(Locale.ROOT, "%s (tile %s, needed for source %d%s)",
                problem, tile.name(), sourceId, where));
    }
}
