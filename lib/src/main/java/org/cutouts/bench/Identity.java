package org.cutouts.bench;

/**
 * Who a result row measured: the implementation (java or python), the strategy, the variant (read
 * path or layout) and the bytes of one cutout of the store read.
 */
public record Identity(String impl, String strategy, String variant, Long cutoutBytes) {
    public static final String IMPL = "impl";
    public static final String STRATEGY = "strategy";
    public static final String VARIANT = "variant";
    public static final String CUTOUT_BYTES = "cutoutBytes";
    /** The values of {@link #IMPL}. */
    public static final String JAVA = "java";
    public static final String PYTHON = "python";

    /** A Java store of {@code strategy}, default variant, with cutouts of {@code cutoutBytes}. */
    public static Identity java(String strategy, long cutoutBytes) {
        return new Identity(JAVA, strategy, BenchTarget.DEFAULT_VARIANT, cutoutBytes);
    }

    public boolean java() {
        return JAVA.equals(impl);
    }

    /** The same implementation, strategy and variant (whatever the stamp size). */
    public boolean sameAs(Identity o) {
        return o != null && java.util.Objects.equals(impl, o.impl) && java.util.Objects.equals(strategy, o.strategy)
                && java.util.Objects.equals(variant, o.variant);
    }

    public Identity withVariant(String v) {
        return new Identity(impl, strategy, v, cutoutBytes);
    }
}
