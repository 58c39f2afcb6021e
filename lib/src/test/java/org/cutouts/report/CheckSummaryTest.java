package org.cutouts.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class CheckSummaryTest {

    private static Table checks(String... statuses) {
        StringColumn name = StringColumn.create("check");
        for (int i = 0; i < statuses.length; i++) {
            name.append("check " + i);
        }
        return Table.create("checks", name, StringColumn.create("status", statuses));
    }

    @Test
    void allPassingIsOneLine() {
        Table t = checks("ok", "ok", "ok");
        CheckSummary s = CheckSummary.of(t, "status", "ok").what("Python peer runs");
        assertEquals("3 of 3 Python peer runs ok.", s.line());
        assertFalse(s.html().toString().contains("<table"), s.html().toString());
    }

    @Test
    void onlyTheFailuresAreListed() {
        CheckSummary s = CheckSummary.of(checks("pass", "fail", "pass", "skipped: no h5py"), "status", "pass");
        assertEquals("2 of 4 checks pass; 2 did not:", s.line());
        String html = s.html().toString();
        assertTrue(html.contains("<td>fail</td>") && html.contains("<td>skipped: no h5py</td>"), html);
        assertFalse(html.contains("<td>check 0</td>"), html);
    }

    @Test
    void aMissingStatusColumnIsNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> CheckSummary.of(checks("ok"), "state", "ok"));
        assertEquals("table 'checks' has no column 'state'", e.getMessage());
    }
}
