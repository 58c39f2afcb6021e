package org.cutouts.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The workbook's table of contents: every {@code NN-*.ipynb} in order, with its first {@code # } heading. */
public final class NotebookIndex {
    private NotebookIndex() {
    }

    /** One row per notebook in {@code dir}: file name and title. */
    public static Table of(Path dir) {
        Table t = Table.create("notebooks", StringColumn.create("notebook"), StringColumn.create("title"));
        for (Path p : notebooks(dir)) {
            t.stringColumn(0).append(p.getFileName().toString());
            t.stringColumn(1).append(title(p));
        }
        return t;
    }

    static List<Path> notebooks(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("\\d\\d-.*\\.ipynb")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list notebooks in " + dir, e);
        }
    }

    /** The first level-1 Markdown heading of a notebook, or "" when it has none. */
    static String title(Path notebook) {
        try {
            for (JsonNode cell : new ObjectMapper().readTree(notebook.toFile()).path("cells")) {
                if (!cell.path("cell_type").asText().equals("markdown")) {
                    continue;
                }
                JsonNode src = cell.path("source");
                StringBuilder text = new StringBuilder();
                if (src.isArray()) {
                    src.forEach(line -> text.append(line.asText()));
                } else {
                    text.append(src.asText());
                }
                var heading = text.toString().lines().filter(l -> l.startsWith("# ")).findFirst();
                if (heading.isPresent()) {
                    return heading.get().substring(2).strip();
                }
            }
            return "";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read notebook " + notebook, e);
        }
    }
}
