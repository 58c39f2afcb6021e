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

    /** What one measurement row says about checksums and cold starts, whatever its section ({@code where}: section/impl/strategy/variant). */
    private record Measured(String where, ReadConditions conditions, String checksum, String status) {
        boolean counts() {
            return status != null && !status.startsWith("skipped");
        }

        boolean cold() {
            return conditions != null && ReadConditions.COLD.equals(conditions.cache()) && counts();
        }
    }

    private Validation() {
    }

    public static void check(ResultSet rs, int cutouts) {
        List<Measured> reads = reads(rs);
        checksums(rs, reads);
        for (DiskRow d : rs.rows("disk", DiskRow.class)) {
            String s = d.id().strategy();
            long alloc = d.allocatedBytes();
            long app = d.apparentBytes();
            add(rs, "disk allocated >= apparent: " + s, alloc >= app, alloc + " allocated vs " + app + " apparent bytes");
            if ("INDIVIDUAL_FILES".equals(s)) {
                long files = d.files();
                add(rs, "individual files: one file per cutout + manifest + catalogue", files == cutouts + 2L,
                        files + " files for " + cutouts + " cutouts");
            }
        }
        List<Measured> cold = new ArrayList<>(reads.stream().filter(Measured::cold).toList());
        for (LimitRow l : rs.rows("limits", LimitRow.class)) {
            Measured m = new Measured("limits/" + l.name(), new ReadConditions(null, l.cache(), null, null, null, null, null, null), null, l.status());
            if (m.cold()) {
                cold.add(m);
            }
        }
        List<String> notCold = cold.stream().filter(m -> !ResultColumns.OK.equals(m.status())).map(m -> m.where() + ": " + m.status()).toList();
        rs.add("validation", new Check("cold runs verified cold (mincore / fincore after eviction)",
                cold.isEmpty() ? "warn" : notCold.isEmpty() ? "pass" : "fail",
                cold.isEmpty() ? "no cold runs" : notCold.isEmpty() ? cold.size() + " cold rows, all verified" : String.join("; ", notCold)));
    }

    /** The latency and throughput rows, in section order. */
    private static List<Measured> reads(ResultSet rs) {
        List<Measured> out = new ArrayList<>();
        for (LatencyRow l : rs.rows("latency", LatencyRow.class)) {
            out.add(new Measured("latency/" + who(l.id()), l.conditions(), l.times() == null ? null : l.times().checksum(), l.status()));
        }
        for (ThroughputRow t : rs.rows("throughput", ThroughputRow.class)) {
            out.add(new Measured("throughput/" + who(t.id()), t.conditions(), t.rates() == null ? null : t.rates().checksum(), t.status()));
        }
        return out;
    }

    private static String who(Identity id) {
        return id.impl() + "/" + id.strategy() + "/" + id.variant();
    }

    /** Rows reading the same set of cutouts (same order set and count) must have equal checksums. */
    static void checksums(ResultSet rs, List<Measured> reads) {
        Map<String, Map<String, List<String>>> groups = new LinkedHashMap<>();
        for (Measured r : reads) {
            if (r.checksum() == null || r.checksum().isEmpty() || !r.counts() || r.conditions() == null) {
                continue;
            }
            // order does not change the sum, only which cutouts: random and sequential sets differ unless all are read
            String key = r.conditions().order() + " order, " + (r.conditions().reads() == null ? 0 : r.conditions().reads()) + " reads";
            groups.computeIfAbsent(key, k -> new LinkedHashMap<>()).computeIfAbsent(r.checksum(), k -> new ArrayList<>())
                    .add(r.where());
        }
        groups.forEach((key, sums) -> {
            TreeSet<String> who = new TreeSet<>();
            sums.values().forEach(who::addAll);
            add(rs, "equal checksums across strategies and implementations: " + key, sums.size() == 1,
                    sums.size() == 1 ? who.size() + " rows agree on " + sums.keySet().iterator().next() : differing(sums));
        });
        Map<String, List<String>> mem = new LinkedHashMap<>();
        for (MemoryRow r : rs.rows("memory", MemoryRow.class)) {
            if (r.many() && r.checksum() != null && !r.checksum().isEmpty()) {
                mem.computeIfAbsent(r.checksum(), k -> new ArrayList<>()).add(who(r.id()));
            }
        }
        if (!mem.isEmpty()) {
            add(rs, "equal checksums across memory probes", mem.size() == 1,
                    mem.size() == 1 ? mem.values().iterator().next().size() + " probes agree on " + mem.keySet().iterator().next()
                            : differing(mem));
        }
    }

    /** "differing: 00ab (java/HDF5/default, python/HDF5/h5py); 00cd (java/STACKED/default)", for a reader, not a Map's toString. */
    static String differing(Map<String, ? extends java.util.Collection<String>> sums) {
        StringBuilder sb = new StringBuilder("differing: ");
        sums.forEach((sum, who) -> sb.append(sb.length() > 11 ? "; " : "").append(sum).append(" (").append(String.join(", ", who)).append(')'));
        return sb.toString();
    }

    private static void add(ResultSet rs, String check, boolean ok, String detail) {
        rs.add("validation", new Check(check, ok ? "pass" : "fail", detail));
    }
}
