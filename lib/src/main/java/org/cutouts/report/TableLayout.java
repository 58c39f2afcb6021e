package org.cutouts.report;

import java.util.ArrayList;
import java.util.List;

/**
 * How a table is fitted to a page, on the cell texts alone: a column that says the same in every row
 * moves to the caption, and a table still wider than the page is cut into several, each repeating the
 * leading text columns that name its rows. Widths are estimated from characters (13 px system font: about
 * 7 px a character, 17 px of padding and border a cell); headers wrap at spaces onto two lines, text
 * cells wrap after {@link #TEXT_WRAP} characters, numbers never wrap.
 */
final class TableLayout {
    /** Estimated table width, in px, above which a table is split (the narrowest page room measured is 1,181 px). */
    static final int BUDGET_PX = 1040;
    /** Characters after which a text cell wraps (its CSS max-width). */
    static final int TEXT_WRAP = 36;
    private static final int CHAR_PX = 7;
    private static final int CELL_PX = 17;

    private TableLayout() {
    }

    /**
     * Columns (by index) whose text is the same in every row, with at least two rows and three columns;
     * the first column (the rows' names) and at least two columns always stay.
     */
    static List<Integer> constantColumns(String[][] byColumn) {
        List<Integer> out = new ArrayList<>();
        int columns = byColumn.length;
        if (columns < 3 || byColumn[0].length < 2) {
            return out;
        }
        for (int c = 1; c < columns && columns - out.size() > 2; c++) {
            String[] v = byColumn[c];
            boolean same = true;
            for (int r = 1; r < v.length && same; r++) {
                same = v[r].equals(v[0]);
            }
            if (same) {
                out.add(c);
            }
        }
        return out;
    }

    /** The estimated width of a column, in px. */
    static int width(String header, String[] cells, boolean numeric) {
        int chars = Math.max(longestWord(header), (header.length() + 1) / 2);
        for (String s : cells) {
            chars = Math.max(chars, numeric ? s.length() : Math.min(TEXT_WRAP, Math.max(longestWord(s), Math.min(s.length(), TEXT_WRAP))));
        }
        return chars * CHAR_PX + CELL_PX;
    }

    /**
     * The columns of each table to draw: all in one when they fit {@code budget}, else the {@code keys}
     * leading columns followed by as many of the others as fit, in order, in each table.
     */
    static List<List<Integer>> parts(int[] widths, int keys, int budget) {
        int total = 0;
        for (int w : widths) {
            total += w;
        }
        List<List<Integer>> out = new ArrayList<>();
        List<Integer> all = new ArrayList<>();
        for (int c = 0; c < widths.length; c++) {
            all.add(c);
        }
        if (total <= budget || keys >= widths.length) {
            out.add(all);
            return out;
        }
        int keyWidth = 0;
        for (int c = 0; c < keys; c++) {
            keyWidth += widths[c];
        }
        List<Integer> part = null;
        int used = 0;
        for (int c = keys; c < widths.length; c++) {
            if (part == null || (used + widths[c] > budget && part.size() > keys)) {
                part = new ArrayList<>(all.subList(0, keys));
                out.add(part);
                used = keyWidth;
            }
            part.add(c);
            used += widths[c];
        }
        return out;
    }

    private static int longestWord(String s) {
        int best = 0;
        for (String w : s.split("\\s+")) {
            best = Math.max(best, w.length());
        }
        return best;
    }
}
