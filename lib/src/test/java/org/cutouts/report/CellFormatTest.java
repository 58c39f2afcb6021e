package org.cutouts.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.columns.Column;

class CellFormatTest {

    private static String[] all(Column<?> c, int decimals) {
        CellFormat f = CellFormat.of(c, ColumnHeaders.of(c.name()), decimals);
        String[] out = new String[c.size()];
        for (int r = 0; r < out.length; r++) {
            out[r] = f.format(c.get(r));
        }
        return out;
    }

    @Test
    void countsAreIntegersWithThousandsSeparators() {
        assertEquals("3,334", all(DoubleColumn.create("files", 3334.0, 1.0), 2)[0]);
        assertEquals("597", all(DoubleColumn.create("peak", 597.0, 100.0), 6)[0]);
        assertEquals("25,275,953,152", all(LongColumn.create("bytes", 25275953152L), -1)[0]);
        assertEquals("1,024", all(IntColumn.create("width", new int[] {1024}), -1)[0]);
    }

    @Test
    void ratesHaveThreeSignificantFiguresOfTheColumn() {
        org.junit.jupiter.api.Assertions.assertArrayEquals(new String[] {"35,374", "7,220", "303,173"},
                all(DoubleColumn.create("cutouts/s", 35373.731, 7219.789, 303173.447), -1));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new String[] {"24.6", "126.9", "2.7"},
                all(DoubleColumn.create("p50Us", 24.64, 126.91, 2.69), -1));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new String[] {"0.924", "0.239"},
                all(DoubleColumn.create("first_loss", 0.9243, 0.2391), -1));
    }

    @Test
    void requestedDecimalsAreCappedAtFourSignificantFigures() {
        assertEquals("6,126,504", all(DoubleColumn.create("flux", 6126503.840195, 12.5), 6)[0]);
        assertEquals("540,600", all(DoubleColumn.create("Cutouts/s", 540599.90, 12190.5), 2)[0]);
        assertEquals("24.64", all(DoubleColumn.create("p50Us", 24.64, 126.91, 2.69), 2)[0]);
    }

    @Test
    void headersCanFixDecimals() {
        assertEquals("6.022624", all(DoubleColumn.create("ra", 6.0226241, 6.1), -1)[0]);
        assertEquals("4,233.84", all(DoubleColumn.create("x", 4233.843, 12.5), 3)[0]);
    }

    @Test
    void ratiosEndInX() {
        assertEquals("2.02x", CellFormat.ratio(2.0213));
        assertEquals("45.9x", CellFormat.ratio(45.88));
        assertEquals("2,501x", CellFormat.ratio(2501.2));
        assertEquals("0.0290x", CellFormat.ratio(0.029));
        assertEquals("1.07x", all(DoubleColumn.create("Gain over random order (x)", 1.0745, 2.0), 2)[0]);
        assertEquals("0.0290x", all(DoubleColumn.create("x memcpy", 0.029, 0.25), -1)[0]);
    }

    @Test
    void infinityIsSpelledOutAndMissingIsEmpty() {
        String[] v = all(DoubleColumn.create("v", Double.NaN, Double.POSITIVE_INFINITY, 1.5), -1);
        assertEquals("", v[0]);
        assertEquals("∞", v[1]);
        assertEquals("1.50", v[2]);
    }
}
