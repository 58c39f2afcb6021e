package org.cutouts.data;

/**
 * Parameters of a synthetic mosaic: size, sources, noise and the seed that makes it reproducible.
 *
 * @param width       pixels along x (columns)
 * @param height      pixels along y (rows)
 * @param sources     number of Gaussian sources
 * @param seed        everything (noise, positions, fluxes, widths, negatives) follows from it
 * @param background  mean sky level
 * @param noiseSigma  standard deviation of the Gaussian background noise
 * @param fluxMin     smallest total source flux (fluxes are log-uniform in [fluxMin, fluxMax])
 * @param fluxMax     largest total source flux
 * @param sigmaMin    smallest Gaussian width in pixels (widths are uniform in [sigmaMin, sigmaMax])
 * @param sigmaMax    largest Gaussian width in pixels
 */
public record MosaicSpec(int width, int height, int sources, long seed, float background, float noiseSigma,
                         double fluxMin, double fluxMax, double sigmaMin, double sigmaMax) {

    /** The proof of concept's mosaic: 5000 x 5000 with 10,000 sources. */
    public static final MosaicSpec DEFAULT = of(5000, 5000, 10_000, 42);

    public MosaicSpec {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("mosaic size must be positive, got " + width + "x" + height);
        }
        if (sources < 0) {
            throw new IllegalArgumentException("source count must not be negative: " + sources);
        }
        if (!(noiseSigma >= 0) || !(fluxMin > 0) || !(fluxMax >= fluxMin) || !(sigmaMin > 0) || !(sigmaMax >= sigmaMin)) {
            throw new IllegalArgumentException("need noiseSigma >= 0, 0 < fluxMin <= fluxMax, 0 < sigmaMin <= sigmaMax");
        }
    }

    /** A mosaic with the default noise and source parameters. */
    public static MosaicSpec of(int width, int height, int sources, long seed) {
        return new MosaicSpec(width, height, sources, seed, 0f, 1f, 50, 50_000, 1.0, 4.0);
    }

    public MosaicSpec withSize(int w, int h) {
        return new MosaicSpec(w, h, sources, seed, background, noiseSigma, fluxMin, fluxMax, sigmaMin, sigmaMax);
    }

    public MosaicSpec withSources(int n) {
        return new MosaicSpec(width, height, n, seed, background, noiseSigma, fluxMin, fluxMax, sigmaMin, sigmaMax);
    }

    public MosaicSpec withSeed(long s) {
        return new MosaicSpec(width, height, sources, s, background, noiseSigma, fluxMin, fluxMax, sigmaMin, sigmaMax);
    }

    public long bytes() {
        return 4L * width * height;
    }

    @Override
    public String toString() {
        return "synthetic " + width + "x" + height + ", " + sources + " sources, seed " + seed;
    }
}
