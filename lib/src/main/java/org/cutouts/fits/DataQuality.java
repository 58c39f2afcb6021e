package org.cutouts.fits;

import java.util.Objects;
import org.cutouts.data.MosaicSource;
import org.cutouts.io.StoreException;

/**
 * A data-quality (DQ) band read beside the science band: which pixels a detector must not trust.
 *
 * <p>HST's calibration pipelines write one integer of flag bits per pixel. A pixel with any of
 * {@code maskBits} set is masked (treated as missing: never a peak, never part of a flux); a source with
 * a pixel carrying any of {@code saturationBits} in its measuring box is saturated: its peak is the
 * detector's full well, its flux a lower bound, and bleed trails run from it along the columns.
 *
 * @param flags          the DQ band, the same size as the science band
 * @param maskBits       flags that mask a pixel
 * @param saturationBits flags that make the source around the pixel saturated
 */
public record DataQuality(MosaicSource flags, int maskBits, int saturationBits) {
    /** HST ACS and WFC3: 256 full-well saturation, 2048 A-to-D converter saturation. */
    public static final int HST_SATURATION = 256 | 2048;
    /** Every flag masks a pixel: bad, hot, warm, bad column, saturated, cosmic ray, ... */
    public static final int ANY_FLAG = 0xFFFF;

    public DataQuality {
        Objects.requireNonNull(flags, "flags");
    }

    /** HST's convention: every flagged pixel masked, bits 256 and 2048 mark saturated sources. */
    public static DataQuality hst(MosaicSource flags) {
        return new DataQuality(flags, ANY_FLAG, HST_SATURATION);
    }

    /** The band named {@code name} (e.g. "DQ") of a FITS mosaic, with HST's convention. */
    public static DataQuality hstBand(FitsMosaic fits, String name) {
        int band = fits.bandNames().indexOf(name);
        if (band < 0) {
            throw new StoreException(fits.file(), "has no band '" + name + "' for data quality; its bands are " + fits.bandNames());
        }
        return hst(fits.band(band));
    }

    /** Why the flags cannot serve an image of this size, or null when they can. */
    String sizeProblem(int width, int height) {
        return flags.width() == width && flags.height() == height ? null
                : "the data-quality band is " + flags.width() + " x " + flags.height() + ", the image " + width + " x " + height;
    }

    /** True when the flag value masks its pixel. */
    boolean masks(float flag) {
        return (bits(flag) & maskBits) != 0;
    }

    /** True when the flag value marks a saturated pixel. */
    boolean saturated(float flag) {
        return (bits(flag) & saturationBits) != 0;
    }

    private static int bits(float flag) {
        // DQ is stored as 16-bit integers; read as floats they are exact, and NaN means no flags
        return Float.isFinite(flag) ? (int) flag & 0xFFFF : 0;
    }
}
