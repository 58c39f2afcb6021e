package org.cutouts.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cutouts.io.StoreException;
import org.junit.jupiter.api.Test;

class BoundedLinesTest {
    private static final Path FILE = Path.of("catalogue.csv");

    private static List<String> lines(String text, int maxChars) throws IOException {
        List<String> out = new ArrayList<>();
        try (BoundedLines r = new BoundedLines(new BufferedReader(new StringReader(text)), maxChars, FILE)) {
            for (String l; (l = r.readLine()) != null; ) {
                out.add(l);
            }
        }
        return out;
    }

    @Test
    void splitsOnNewlinesStripsCarriageReturnsAndKeepsALastLineWithoutNewline() throws IOException {
        assertEquals(List.of("a,b", "", "1,2", "last"), lines("a,b\r\n\n1,2\nlast", 100));
        assertEquals(List.of("only"), lines("only\n", 100));
        assertEquals(List.of(), lines("", 100));
    }

    @Test
    void linesThatCrossTheReadBufferComeBackWhole() throws IOException {
        StringBuilder text = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 3000; i++) { // about 30 KiB: several refills of the 8 KiB buffer
            String l = i + "," + "x".repeat(i % 17);
            expected.add(l);
            text.append(l).append(i % 3 == 0 ? "\r\n" : "\n");
        }
        assertEquals(expected, lines(text.toString(), 100));
    }

    @Test
    void aLineOfExactlyTheLimitIsReadAndOneMoreCharacterIsRefusedNamingTheFile() throws IOException {
        assertEquals(List.of("y".repeat(4096)), lines("y".repeat(4096) + "\n", 4096));
        StoreException e = assertThrows(StoreException.class, () -> lines("y".repeat(4097) + "\n", 4096));
        assertTrue(e.getMessage().startsWith("catalogue.csv"), e.getMessage());
        assertTrue(e.getMessage().contains("longer than 4096 characters"), e.getMessage());
    }

    @Test
    void aFileOfNulsWithoutNewlinesIsRefusedAfterTheLimitNotReadWhole() {
        String nuls = "\0".repeat(1 << 20);
        StoreException e = assertThrows(StoreException.class, () -> lines(nuls, 4096));
        assertTrue(e.getMessage().contains("not a catalogue"), e.getMessage());
    }

    @Test
    void endOfFileGivesNullAgain() throws IOException {
        try (BoundedLines r = new BoundedLines(new BufferedReader(new StringReader("a\n")), 10, FILE)) {
            assertEquals("a", r.readLine());
            assertNull(r.readLine());
            assertNull(r.readLine());
        }
    }
}
