package org.cutouts.fits;

/**
 * Settings of {@link PeakDetector}.
 *
 * @param nsigma     a peak must exceed background + nsigma * noise
 * @param peakRadius a peak must be the maximum of its (2r+1)^2 neighbourhood
 * @param boxRadius  flux and width are measured in a (2r+1)^2 box around the peak
 * @param border     peaks closer than this to the image edge are ignored
 * @param maxSources keep at most this many, brightest first (0 = all)
 * @param mergeRadius a peak closer than this (pixels) to a brighter one is the same star and merged into
 *                   it (0 = never); the default, 4 px, is about one FWHM of a well-sampled star
 */
public record DetectionParams(double nsigma, int peakRadius, int boxRadius, int border, int maxSources, double mergeRadius) {

    public static final DetectionParams DEFAULT = new DetectionParams(5.0, 2, 3, 3, 0, 4.0);

    public DetectionParams {
        if (!(nsigma > 0) || peakRadius < 1 || boxRadius < 0 || border < 0 || maxSources < 0 || !(mergeRadius >= 0)) {
            throw new IllegalArgumentException("need nsigma > 0, peakRadius >= 1, boxRadius, border, maxSources, mergeRadius >= 0");
        }
    }

    public DetectionParams withNsigma(double n) {
        return new DetectionParams(n, peakRadius, boxRadius, border, maxSources, mergeRadius);
    }

    public DetectionParams withMaxSources(int n) {
        return new DetectionParams(nsigma, peakRadius, boxRadius, border, n, mergeRadius);
    }

    public DetectionParams withMergeRadius(double px) {
        return new DetectionParams(nsigma, peakRadius, boxRadius, border, maxSources, px);
    }
}
