package org.cutouts.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Internal-consistency checks of a run, recorded as {@code validation} rows (check, status
 * pass/fail/warn, detail): every strategy and the Python peer read the same pixels (equal checksums
 * for the same reads), the individual-files store has one file per cutout plus manifest and catalogue,
 * allocated bytes cover apparent bytes, and cold runs really started cold.
 */
public final class Validation {
    /** One {@code validation} row: what was checked, pass/fail/warn, and what was found. */
    public record Check(String check, String status, String detail) {
    }

    private Validation() {
    }

    public static void check(ResultSet rs, int cutouts) {
        checksums(rs);
        for (Row d : rs.rows("disk")) {
            String s = d.text("strategy");
            long alloc = (long) d.number("allocatedBytes");
            long app = (long) d.number("apparentBytes");
            add(rs, "disk allocated >= apparent: " + s, alloc >= app, alloc + " allocated vs " + app + " apparent bytes");
            if ("INDIVIDUAL_FILES".equals(s)) {
                long files = (long) d.number("files");
                add(rs, "individual files: one file per cutout + manifest + catalogue", files == cutouts + 2L,
                        files + " files for " + cutouts + " cutouts");
            }
        }
        List<String> notCold = new ArrayList<>();
        int cold = 0;
        for (String sec : List.of("latency", "throughput", "limits")) {
            for (Row r : rs.rows(sec)) {
                if ("cold".equals(r.text("cache")) && r.text("status") != null && !r.text("status").startsWith("skipped")) {
                    cold++;
                    if (!"ok".equals(r.text("status"))) {
                        notCold.add(sec + "/" + r.text("impl") + "/" + r.text("strategy") + "/" + r.text("name") + ": " + r.text("status"));
                    }
                }
            }
        }
        rs.add("validation", new Check("cold runs verified cold (mincore / fincore after eviction)",
                cold == 0 ? "warn" : notCold.isEmpty() ? "pass" : "fail",
                cold == 0 ? "no cold runs" : notCold.isEmpty() ? cold + " cold rows, all verified" : String.join("; ", notCold)));
    }

    /** Rows reading the same set of cutouts (same order set and count) must have equal checksums. */
    static void checksums(ResultSet rs) {
        Map<String, Map<String, List<String>>> groups = new LinkedHashMap<>();
        for (String sec : List.of("latency", "throughput")) {
            for (Row r : rs.rows(sec)) {
                String sum = r.text("checksum");
                if (sum == null || sum.isEmpty() || r.text("status") == null || r.text("status").startsWith("skipped")) {
                    continue;
                }
                // order does not change the sum, only which cutouts: random and sequential sets differ unless all are read
                String key = r.text("order") + " order, " + (long) r.number("reads") + " reads";
                groups.computeIfAbsent(key, k -> new LinkedHashMap<>())
                        .computeIfAbsent(sum, k -> new ArrayList<>())
                        .add(sec + "/" + r.text("impl") + "/" + r.text("strategy") + "/" + r.text("variant"));
            }
        }
        groups.forEach((key, sums) -> {
            TreeSet<String> who = new TreeSet<>();
            sums.values().forEach(who::addAll);
            add(rs, "equal checksums across strategies and implementations: " + key, sums.size() == 1,
                    sums.size() == 1 ? who.size() + " rows agree on " + sums.keySet().iterator().next() : "differing: " + sums);
        });
        Map<String, List<String>> mem = new LinkedHashMap<>();
        for (Row r : rs.rows("memory")) {
            if ("many".equals(r.text("phase")) && r.text("checksum") != null && !r.text("checksum").isEmpty()) {
                mem.computeIfAbsent(r.text("checksum"), k -> new ArrayList<>()).add(r.text("impl") + "/" + r.text("strategy") + "/" + r.text("variant"));
            }
        }
        if (!mem.isEmpty()) {
            add(rs, "equal checksums across memory probes", mem.size() == 1, mem.toString());
        }
    }

    private static void add(ResultSet rs, String check, boolean ok, String detail) {
        rs.add("validation", new Check(check, ok ? "pass" : "fail", detail));
    }
}
