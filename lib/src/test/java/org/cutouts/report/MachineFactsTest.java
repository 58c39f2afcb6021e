package org.cutouts.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class MachineFactsTest {

    @Test
    void theBenchmarksMachineIsTwoHumanColumns() {
        Table t = MachineFacts.of(ResultViewsTest.oneOfEach());
        assertEquals("fact", t.column(0).name());
        assertEquals("value", t.column(1).name());
        assertEquals("1.0 GiB", value(t, "memory"));
        assertEquals("x", value(t, "CPU"));
        assertEquals("unknown", value(t, "JVM max heap"));
        String all = t.print(100);
        assertFalse(all.contains("memTotalBytes") || all.contains("{") || all.contains("1073741824"), all);
    }

    @Test
    void recordedPageSizeAndReadAheadInKiB() {
        var rows = MachineFacts.describe(k -> switch (k) {
            case "memTotalBytes" -> "25275953152";
            case "pageSize" -> "4096";
            case "readaheadKb" -> "8192";
            default -> "v";
        });
        assertEquals("23.5 GiB", rows.stream().filter(r -> r[0].equals("memory")).findFirst().orElseThrow()[1]);
        assertEquals("4 KiB", rows.stream().filter(r -> r[0].equals("page size")).findFirst().orElseThrow()[1]);
        assertEquals("8,192 KiB", rows.stream().filter(r -> r[0].equals("device read-ahead")).findFirst().orElseThrow()[1]);
    }

    private static String value(Table t, String fact) {
        return t.where(t.stringColumn("fact").isEqualTo(fact)).stringColumn("value").get(0);
    }
}
