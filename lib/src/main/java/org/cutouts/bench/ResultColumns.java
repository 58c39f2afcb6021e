package org.cutouts.bench;

/**
 * The columns every result section has, whatever its record: {@code status} ("ok", "skipped: ...",
 * "not applicable: ...") and {@code method} (how the row was measured). The section records own
 * their other columns.
 */
public final class ResultColumns {
    public static final String STATUS = "status";
    public static final String METHOD = "method";
    /** The status of a measured, verified row. */
    public static final String OK = "ok";

    private ResultColumns() {
    }
}
