package org.cutouts.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A fragment of HTML for a notebook cell's output.
 *
 * <p>{@link #show()} sends it to the running Jupyter kernel as a {@code text/html} display. In the
 * Rapaio kernel a cell whose last expression is an {@code Html} also renders it, because that kernel
 * renders an expression's {@code toString()} as {@code text/html}.
 */
public record Html(String html) {

    public Html {
        Objects.requireNonNull(html, "html");
    }

    public static Html of(String html) {
        return new Html(html);
    }

    /** Text with {@code < > & " '} escaped, in a {@code <p>}. */
    public static Html paragraph(String text) {
        return new Html("<p>" + escape(text) + "</p>");
    }

    /** This fragment followed by another. */
    public Html then(Html next) {
        return new Html(html + "\n" + next.html);
    }

    /** Displays this fragment in the current cell's output (see {@link KernelDisplay}). */
    public void show() {
        KernelDisplay.html(html);
    }

    /** Writes a standalone UTF-8 page with this fragment as its body. */
    public Path saveAsPage(Path file, String title) {
        String page = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + escape(title)
                + "</title>\n</head>\n<body>\n" + html + "\n</body>\n</html>\n";
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, page, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Escapes text for HTML element content and quoted attribute values. Null becomes "". */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return html;
    }
}
