package org.cutouts.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ColumnHeadersTest {

    @Test
    void resultKeysGetNamesWithUnits() {
        assertEquals("p50 (µs)", ColumnHeaders.label("p50Us"));
        assertEquals("MB/s (median)", ColumnHeaders.label("mbPerSecMedian"));
        assertEquals("samples/s (median)", ColumnHeaders.label("samples_per_s"));
        assertEquals("RssAnon growth (MiB)", ColumnHeaders.label("rssAnonDeltaMiB"));
        assertEquals("allocated per cutout (bytes)", ColumnHeaders.label("allocatedBytesPerCutout"));
        assertEquals("warm cutouts/s", ColumnHeaders.label("warmCutoutsPerSec"));
        assertEquals("RssAnon after (MiB)", ColumnHeaders.label("rss_anon_after_mb"));
    }

    @Test
    void unlistedNamesAreMadeReadableByRule() {
        assertEquals("sigma (min)", ColumnHeaders.label("Min [sigma]"));
        assertEquals("flux (median)", ColumnHeaders.label("Median [flux]"));
        assertEquals("cold p95 (µs)", ColumnHeaders.label("coldP95Us"));
        assertEquals("page cache (MiB)", ColumnHeaders.label("page_cache_mb"));
        assertEquals("write time (s)", ColumnHeaders.label("writeTimeSeconds"));
        assertEquals("cutouts/s", ColumnHeaders.label("cutouts/s"));
        assertEquals("held-out loss", ColumnHeaders.label("held-out loss"));
        assertEquals("strategy", ColumnHeaders.label("strategy"));
    }

    @Test
    void factorsAreKnownByTheirHeader() {
        assertTrue(ColumnHeaders.of("allocatedOverApparent").ratio());
        assertTrue(ColumnHeaders.of("x memcpy").ratio());
        assertTrue(ColumnHeaders.of("× one .npy per cutout").ratio());
        assertFalse(ColumnHeaders.of("Tie band (%)").ratio());
        assertEquals(6, ColumnHeaders.of("dec").decimals());
    }
}
