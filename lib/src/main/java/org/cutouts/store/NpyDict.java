package org.cutouts.store;

import org.cutouts.io.StoreException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict parser of the {@code .npy} header dictionary, accepting what numpy accepts for a float32
 * array and nothing more: a Python dict literal with exactly the keys {@code 'descr'},
 * {@code 'fortran_order'} and {@code 'shape'}, each once (numpy refuses extra or missing keys, and a
 * duplicate key would let a decoy {@code 'descr'} hide the real one), string values in single or
 * double quotes, {@code True}/{@code False}, a tuple of non-negative integers; then only the space
 * padding and the final newline of the format.
 */
final class NpyDict {
    private final Path file;
    private final String text;
    private int pos;

    private NpyDict(Path file, String text) {
        this.file = file;
        this.text = text;
    }

    /** The descr, fortran_order and shape of a header's dictionary text (padding and newline included). */
    record Parsed(String descr, boolean fortranOrder, long[] shape) {
    }

    static Parsed parse(Path file, String header) {
        return new NpyDict(file, header).dict();
    }

    private Parsed dict() {
        int end = text.length();
        if (end == 0 || text.charAt(end - 1) != '\n') {
            throw bad("the header does not end with a newline");
        }
        Map<String, Object> values = new HashMap<>();
        space();
        if (peek() != '{') {
            throw bad("not a Python dict literal");
        }
        pos++;
        space();
        while (peek() != '}') {
            String key = string();
            space();
            expect(':');
            space();
            Object v = switch (key) {
                case "descr" -> string();
                case "fortran_order" -> bool();
                case "shape" -> tuple();
                default -> throw bad("unexpected key '" + key + "' (numpy allows only 'descr', 'fortran_order', 'shape')");
            };
            if (values.put(key, v) != null) {
                throw bad("key '" + key + "' appears twice");
            }
            space();
            if (peek() == ',') {
                pos++;
                space();
            } else if (peek() != '}') {
                throw bad("expected ',' or '}' at offset " + pos);
            }
        }
        pos++;
        while (pos < end - 1) {
            if (text.charAt(pos++) != ' ') {
                throw bad("unexpected character after the dictionary at offset " + (pos - 1) + " (only space padding may follow)");
            }
        }
        if (values.size() != 3) {
            throw bad("needs exactly 'descr', 'fortran_order' and 'shape', has " + values.keySet());
        }
        return new Parsed((String) values.get("descr"), (Boolean) values.get("fortran_order"), (long[]) values.get("shape"));
    }

    private String string() {
        char q = peek();
        if (q != '\'' && q != '"') {
            throw bad("expected a quoted string at offset " + pos);
        }
        int close = text.indexOf(q, pos + 1);
        if (close < 0) {
            throw bad("unterminated string at offset " + pos);
        }
        String s = text.substring(pos + 1, close);
        if (s.indexOf('\\') >= 0) {
            throw bad("escape sequences are not supported in '" + s + "'");
        }
        pos = close + 1;
        return s;
    }

    private boolean bool() {
        if (text.startsWith("True", pos)) {
            pos += 4;
            return true;
        }
        if (text.startsWith("False", pos)) {
            pos += 5;
            return false;
        }
        throw bad("fortran_order must be True or False at offset " + pos);
    }

    private long[] tuple() {
        expect('(');
        space();
        List<Long> dims = new ArrayList<>();
        boolean comma = true;
        while (peek() != ')') {
            if (!comma) {
                throw bad("expected ',' or ')' in shape at offset " + pos);
            }
            int start = pos;
            while (pos < text.length() && ",) ".indexOf(text.charAt(pos)) < 0) {
                pos++;
            }
            String dim = text.substring(start, pos);
            try {
                if (!dim.matches("[0-9]{1,19}")) {
                    throw new NumberFormatException(dim);
                }
                dims.add(Long.parseLong(dim));
            } catch (NumberFormatException e) {
                throw bad("bad dimension '" + dim + "' in shape at offset " + start);
            }
            space();
            comma = peek() == ',';
            if (comma) {
                pos++;
                space();
            }
        }
        if (dims.size() == 1 && !comma) {
            throw bad("a one-element shape needs a trailing comma, (n,)");
        }
        pos++;
        return dims.stream().mapToLong(Long::longValue).toArray();
    }

    private void space() {
        while (pos < text.length() && text.charAt(pos) == ' ') {
            pos++;
        }
    }

    private char peek() {
        if (pos >= text.length()) {
            throw bad("the dictionary ends early");
        }
        return text.charAt(pos);
    }

    private void expect(char c) {
        if (peek() != c) {
            throw bad("expected '" + c + "' at offset " + pos);
        }
        pos++;
    }

    private StoreException bad(String why) {
        String shown = text.length() > 120 ? text.substring(0, 120) + "..." : text;
        return new StoreException(file, "corrupt .npy header: " + why + ": " + shown.strip().replaceAll("[^\\x20-\\x7e]", "?"));
    }
}
