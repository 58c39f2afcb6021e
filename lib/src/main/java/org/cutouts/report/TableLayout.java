package org.cutouts.report;

import java.util.ArrayList;
import java.util.List;

/**
 * How a table is fitted to a page, on the cell texts alone: a column that says the same in every row
 * moves to the caption, and a table still wider than the page is cut into several, each repeating the
 * leading text columns that name its rows. Widths are estimated from characters (13 px system font: about
 * 8 px a character (bold capitals are wider than digits), 17 px of padding and border a cell); headers wrap at spaces onto two lines, text
 * cells wrap after {@link #TEXT_WRAP} characters, numbers never wrap.
 */
final class TableLayout {
    /** Estimated table width, in px, above which a table is split (the narrowest page room measured is 1,181 px). */
    static final int BUDGET_PX = 1000;
    /** Characters after which a text cell wraps (its CSS max-width). */
    static final int TEXT_WRAP = 36;
    private static final int CHAR_PX = 8;
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
     * The columns of each table to draw: all in one when they fit {@code budget}; else the fewest tables
     * that fit, each the {@code keys} leading columns followed by a run of the others, the runs of about
     * equal width (a column wider than the budget alone gets a table of its own).
     */
    static List<List<Integer>> parts(int[] widths, int keys, int budget) {
        int keyWidth = 0;
        int rest = 0;
        for (int c = 0; c < widths.length; c++) {
            if (c < keys) {
                keyWidth += widths[c];
            } else {
                rest += widths[c];
            }
        }
        int others = widths.length - keys;
        if (keyWidth + rest <= budget || others <= 1) {
            return List.of(range(0, widths.length));
        }
        int room = Math.max(1, budget - keyWidth);
        for (int k = Math.max(2, (rest + room - 1) / room); ; k++) {
            List<List<Integer>> out = split(widths, keys, rest / (double) k);
            if (k >= others || fits(out, widths, budget)) {
                return out;
            }
        }
    }

    /** Column c goes to table floor(width before c / target): runs of about {@code target} px. */
    private static List<List<Integer>> split(int[] widths, int keys, double target) {
        List<List<Integer>> out = new ArrayList<>();
        int before = 0;
        int last = -1;
        for (int c = keys; c < widths.length; c++) {
            int part = (int) Math.floor(before / target + 1e-9);
            if (part != last) {
                out.add(range(0, keys));
                last = part;
            }
            out.get(out.size() - 1).add(c);
            before += widths[c];
        }
        return out;
    }

    private static boolean fits(List<List<Integer>> parts, int[] widths, int budget) {
        for (List<Integer> part : parts) {
            int w = 0;
            for (int c : part) {
                w += widths[c];
            }
            if (w > budget) {
                return false;
            }
        }
        return true;
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> out = new ArrayList<>();
        for (int c = from; c < to; c++) {
            out.add(c);
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
