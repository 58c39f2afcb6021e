package org.cutouts.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.cutouts.data.MosaicSource;
import org.cutouts.data.MosaicSpec;
import org.cutouts.data.SyntheticMosaic;

/** A one-HDU float32 FITS image, big-endian as FITS is, for the tests that attack FITS input. */
public final class AdversarialFits {
    private AdversarialFits() {
    }

    /** A synthetic {@code width x height} image. */
    public static Path write(Path file, int width, int height) throws IOException {
        write(file, new SyntheticMosaic(MosaicSpec.of(width, height, 5, 3)));
        return file;
    }

    static void write(Path file, MosaicSource m) throws IOException {
        StringBuilder h = new StringBuilder();
        for (String c : List.of("SIMPLE  =                    T", "BITPIX  =                  -32", "NAXIS   =                    2",
                "NAXIS1  = " + String.format(Locale.ROOT, "%20d", m.width()), "NAXIS2  = " + String.format(Locale.ROOT, "%20d", m.height()),
                "END")) {
            h.append(String.format(Locale.ROOT, "%-80s", c));
        }
        while (h.length() % 2880 != 0) {
            h.append(' ');
        }
        float[] px = new float[m.width() * m.height()];
        m.readRows(0, m.height(), px, 0);
        int data = px.length * 4;
        ByteBuffer b = ByteBuffer.allocate(h.length() + (data + 2879) / 2880 * 2880);
        b.put(h.toString().getBytes(StandardCharsets.US_ASCII));
        for (float v : px) {
            b.putFloat(v);
        }
        Files.write(file, b.array());
    }
}
