package org.cutouts.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableLayoutTest {

    @Test
    void constantColumnsAfterTheFirstAreFound() {
        String[][] cols = {{"a", "a"}, {"1", "2"}, {"ok", "ok"}, {"x", "x"}};
        assertEquals(List.of(2, 3), TableLayout.constantColumns(cols));
    }

    @Test
    void twoColumnsAlwaysStay() {
        assertEquals(List.of(1), TableLayout.constantColumns(new String[][] {{"a", "b"}, {"x", "x"}, {"y", "y"}}));
        assertEquals(List.of(), TableLayout.constantColumns(new String[][] {{"a", "b"}, {"x", "x"}}));
    }

    @Test
    void oneRowHasNoConstantColumns() {
        assertEquals(List.of(), TableLayout.constantColumns(new String[][] {{"a"}, {"x"}, {"y"}}));
    }

    @Test
    void widthsWrapHeadersAndTextButNotNumbers() {
        // header on two lines: 18 characters -> 9, longest word 9
        assertEquals(9 * 8 + 17, TableLayout.width("samples/s (median)", new String[] {"776"}, true));
        assertEquals(11 * 8 + 17, TableLayout.width("n", new String[] {"123,456,789"}, true));
        assertEquals(TableLayout.TEXT_WRAP * 8 + 17, TableLayout.width("method", new String[] {"x".repeat(200)}, false));
    }

    @Test
    void aTableThatFitsStaysWhole() {
        assertEquals(List.of(List.of(0, 1, 2)), TableLayout.parts(new int[] {100, 100, 100}, 1, 400));
    }

    @Test
    void aWideTableIsCutRepeatingItsKeys() {
        assertEquals(List.of(List.of(0, 1, 2, 3), List.of(0, 1, 4, 5), List.of(0, 1, 6)),
                TableLayout.parts(new int[] {100, 100, 100, 100, 100, 100, 100}, 2, 400));
    }

    @Test
    void thePartsAreOfAboutEqualWidth() {
        // seven columns that need two tables: four and three, not six and one
        assertEquals(List.of(List.of(0, 1, 2, 3, 4), List.of(0, 5, 6, 7)),
                TableLayout.parts(new int[] {300, 100, 100, 100, 100, 100, 100, 100}, 1, 900));
    }

    @Test
    void aColumnWiderThanTheBudgetStillGetsATable() {
        assertEquals(List.of(List.of(0, 1), List.of(0, 2)), TableLayout.parts(new int[] {100, 900, 900}, 1, 400));
        assertEquals(List.of(List.of(0, 1, 2)), TableLayout.parts(new int[] {100, 100, 900}, 2, 400));
    }
}
