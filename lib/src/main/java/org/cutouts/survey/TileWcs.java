package org.cutouts.survey;

import org.cutouts.fits.CelestialWcs;
import org.cutouts.fits.Projection;

/**
 * The TAN WCS of one survey tile, as the survey manifest stores it: CRPIX (1-based, as in a FITS
 * header), CRVAL (degrees, RA/Dec ICRS) and the CD matrix (degrees per pixel). A plain record so
 * that it serialises to JSON and ships to Spark executors; {@link #toCelestial()} gives the
 * library's WCS math.
 */
public record TileWcs(double crpix1, double crpix2, double crval1, double crval2, double cd11, double cd12,
                      double cd21, double cd22) implements java.io.Serializable {

    /** A north-up, east-left TAN WCS: RA grows to the left, as on the sky seen from inside. */
    public static TileWcs northUp(double crpix1, double crpix2, double ra, double dec, double scaleDeg) {
        return new TileWcs(crpix1, crpix2, ra, dec, -scaleDeg, 0, 0, scaleDeg);
    }

    /** The library's WCS for these parameters (TAN, default LONPOLE, no SIP). */
    public CelestialWcs toCelestial() {
        return new CelestialWcs(Projection.TAN, crpix1, crpix2, crval1, crval2, new double[] {cd11, cd12, cd21, cd22},
                Double.NaN, false, null);
    }

    /**
     * The TAN parameters of a WCS read elsewhere (a FITS header). Only plain TAN is kept: a survey
     * manifest does not store SIP terms, so a distorted tile is refused rather than cut wrongly.
     */
    public static TileWcs of(CelestialWcs wcs) {
        if (wcs.projection() != Projection.TAN || wcs.sip() != null) {
            throw new IllegalArgumentException("a survey tile needs a plain TAN WCS, got " + wcs);
        }
        double[] ref = wcs.worldToPixel(wcs.referenceLongitude(), wcs.referenceLatitude());
        double[] cd = wcs.cd();
        return new TileWcs(ref[0] + 1, ref[1] + 1, wcs.referenceLongitude(), wcs.referenceLatitude(), cd[0], cd[1], cd[2], cd[3]);
    }
}
