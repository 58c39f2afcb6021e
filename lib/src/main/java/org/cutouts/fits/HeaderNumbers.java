package org.cutouts.fits;

import java.nio.file.Path;
import java.util.Locale;
import nom.tam.fits.Header;
import nom.tam.fits.HeaderCard;
import org.cutouts.io.StoreException;

/**
 * Numeric header values read as wcslib does, but strictly: a value that is not a finite number
 * (NaN, Inf, text) is a {@link StoreException} naming the keyword, never a NaN carried into a transform.
 */
final class HeaderNumbers {
    private HeaderNumbers() {
    }

    /** The value of {@code key}, which must be present and finite. */
    static double finite(Path file, String label, Header h, String key) {
        HeaderCard card = h.findCard(key);
        if (card == null) {
            throw new StoreException(file, label + ": celestial WCS without " + key);
        }
        String raw = card.getValue() == null ? "" : card.getValue().trim();
        double v;
        try {
            v = Double.parseDouble(raw.replace('D', 'E').replace('d', 'e'));
        } catch (NumberFormatException e) {
            v = Double.NaN;
        }
        if (!Double.isFinite(v)) {
            throw new StoreException(file, String.format(Locale.ROOT, "%s: %s = '%s' is not a finite number", label, key, raw));
        }
        return v;
    }

    /** The value of {@code key}, or {@code fallback} when it is absent; present values must be finite. */
    static double optional(Path file, String label, Header h, String key, double fallback) {
        return h.containsKey(key) ? finite(file, label, h, key) : fallback;
    }
}
