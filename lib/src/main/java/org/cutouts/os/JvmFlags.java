package org.cutouts.os;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The JVM flags every JVM that runs this library needs (native access for the FFM mappings, ND4J's
 * use of {@code sun.misc.Unsafe}, headless AWT for PNG export). They live in one file,
 * {@code lib/src/main/resources/org/cutouts/os/jvm.options}, which the build (surefire's
 * {@code argLine}), the scripts and the kernel pass to {@code java} as an {@code @argfile}, and which
 * {@link FreshJvm} reads from the class path for its children.
 */
public final class JvmFlags {
    /** The resource holding the flags, one per line. */
    public static final String RESOURCE = "jvm.options";

    private static final List<String> COMMON = load();

    private JvmFlags() {
    }

    /** The flags, in file order. */
    public static List<String> common() {
        return COMMON;
    }

    private static List<String> load() {
        try (InputStream in = JvmFlags.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("class path resource org/cutouts/os/" + RESOURCE + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
