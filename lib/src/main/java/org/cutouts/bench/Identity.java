package org.cutouts.bench;

/**
 * Who a result row measured: the implementation (java or python), the strategy, the variant (read
 * path or layout) and the bytes of one cutout of the store read.
 */
public record Identity(String impl, String strategy, String variant, Long cutoutBytes) {
    public boolean java() {
        return "java".equals(impl);
    }
}
