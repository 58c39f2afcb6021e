package org.cutouts.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A memory-limited child cgroup for one child JVM, so that "larger than memory" is enforced rather than
 * assumed: the page cache the child faults in is charged to the cgroup and reclaimed at its limit.
 * cgroup v1 ({@code memory.limit_in_bytes}, {@code memory.max_usage_in_bytes}) where the memory
 * controller is mounted as v1, else v2 ({@code memory.max}, {@code memory.peak}). The cgroup is created
 * under the cgroup this JVM is in (so limits above it still apply), under a unique name, and
 * {@link #close()} removes exactly that directory and nothing else.
 *
 * <p>Where a cgroup cannot be made, {@link #availability()} says why; callers report that reason and
 * skip, they never measure without the limit.
 */
public final class MemoryCgroup implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    /** The cgroup interface in use. */
    public enum Version { V1, V2 }

    /**
     * Whether a memory cgroup can be created here, and where.
     *
     * @param reason why not (empty when available)
     * @param parent the directory new cgroups go under (null when unavailable)
     */
    public record Availability(boolean available, String reason, Version version, Path parent) {
        static Availability no(String reason) {
            return new Availability(false, reason, null, null);
        }
    }

    private final Path dir;
    private final Version version;
    private final long limitBytes;
    /** Removes the cgroup if this JVM is stopped while it exists (a killed run must not leave it behind). */
    private final Thread onExit;
    private boolean removed;

    private MemoryCgroup(Path dir, Version version, long limitBytes) {
        this.dir = dir;
        this.version = version;
        this.limitBytes = limitBytes;
        this.onExit = new Thread(this::removeQuietly, "remove " + dir.getFileName());
        Runtime.getRuntime().addShutdownHook(onExit);
    }

    private void removeQuietly() {
        try {
            remove();
        } catch (RuntimeException e) {
            System.err.println(e.getMessage());
        }
    }

    /** Finds the memory controller of this process and checks that a child cgroup can be made under it. */
    public static Availability availability() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return Availability.no("memory cgroups need Linux, this is " + System.getProperty("os.name"));
        }
        long uid = uid();
        if (uid != 0) {
            return Availability.no("not root (uid " + uid + "): creating a memory cgroup needs root");
        }
        Optional<Path> v1 = CgroupMounts.v1Memory();
        if (v1.isPresent()) {
            return writable(v1.get(), Version.V1);
        }
        Optional<Path> v2 = CgroupMounts.v2Own();
        if (v2.isEmpty()) {
            return Availability.no("no memory cgroup controller: neither a cgroup v1 'memory' hierarchy nor cgroup2 is mounted");
        }
        Path parent = v2.get();
        String subtree = CgroupMounts.read(parent.resolve("cgroup.subtree_control")).orElse("");
        if (!List.of(subtree.split("\\s+")).contains("memory")) {
            return Availability.no("cgroup v2 at " + parent + " does not delegate the memory controller to children "
                    + "(cgroup.subtree_control is '" + subtree.strip() + "')");
        }
        return writable(parent, Version.V2);
    }

    private static Availability writable(Path parent, Version v) {
        if (!Files.isDirectory(parent) || !Files.isWritable(parent)) {
            return Availability.no("cannot create a cgroup under " + parent + " (not a writable directory)");
        }
        return new Availability(true, "", v, parent);
    }

    /** The real uid from {@code /proc/self/status}, or -1. */
    private static long uid() {
        for (String line : MachineInfo.lines(Path.of("/proc/self/status"))) {
            if (line.startsWith("Uid:")) {
                return Long.parseLong(line.substring(4).strip().split("\\s+")[0]);
            }
        }
        return -1;
    }

    /**
     * Creates a new cgroup limited to {@code limitBytes} (page cache included).
     *
     * @throws IllegalStateException with {@link #availability()}'s reason when none can be made
     */
    public static MemoryCgroup create(long limitBytes) {
        if (limitBytes <= 0) {
            throw new IllegalArgumentException("memory limit must be positive, got " + limitBytes);
        }
        Availability a = availability();
        if (!a.available()) {
            throw new IllegalStateException("no memory cgroup: " + a.reason());
        }
        String name = "cutouts-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet() + "-"
                + Long.toHexString(System.nanoTime() & 0xffffff);
        Path dir = a.parent().resolve(name);
        try {
            Files.createDirectory(dir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create cgroup " + dir + ": " + e.getMessage(), e);
        }
        MemoryCgroup cg = new MemoryCgroup(dir, a.version(), limitBytes);
        try {
            cg.write(a.version() == Version.V1 ? "memory.limit_in_bytes" : "memory.max", Long.toString(limitBytes));
            if (a.version() == Version.V2) {
                cg.write("memory.swap.max", "0"); // v1 has no swap accounting unless memsw is on; keep v2 alike
            }
            return cg;
        } catch (RuntimeException e) {
            cg.close();
            throw e;
        }
    }

    private void write(String file, String value) {
        Path f = dir.resolve(file);
        if (file.equals("memory.swap.max") && !Files.exists(f)) {
            return; // no swap controller: nothing can be swapped anyway
        }
        try {
            Files.writeString(f, value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + value + " to " + f + ": " + e.getMessage(), e);
        }
    }

    private long readLong(String file) {
        String s = CgroupMounts.read(dir.resolve(file))
                .orElseThrow(() -> new IllegalStateException("cannot read " + dir.resolve(file))).strip();
        return s.equals("max") ? Long.MAX_VALUE : Long.parseLong(s);
    }

    public Path dir() {
        return dir;
    }

    public Version version() {
        return version;
    }

    /** The limit this cgroup was created with. */
    public long limitBytes() {
        return limitBytes;
    }

    /** The limit the kernel enforces (v1 rounds it down to a page). */
    public long enforcedLimitBytes() {
        return readLong(version == Version.V1 ? "memory.limit_in_bytes" : "memory.max");
    }

    /** Memory charged now (page cache included). */
    public long usageBytes() {
        return readLong(version == Version.V1 ? "memory.usage_in_bytes" : "memory.current");
    }

    /** The highest charge since creation ({@code memory.max_usage_in_bytes} or {@code memory.peak}); -1 where the kernel has no peak. */
    public long peakBytes() {
        String f = version == Version.V1 ? "memory.max_usage_in_bytes" : "memory.peak";
        return Files.exists(dir.resolve(f)) ? readLong(f) : -1;
    }

    /** Times the limit was hit (v1 {@code memory.failcnt}, v2 {@code max} in {@code memory.events}). */
    public long limitHits() {
        return version == Version.V1 ? readLong("memory.failcnt") : eventCount("memory.events", "max");
    }

    /** Processes the kernel's OOM killer ended in this cgroup. */
    public long oomKills() {
        return version == Version.V1 ? eventCount("memory.oom_control", "oom_kill") : eventCount("memory.events", "oom_kill");
    }

    private long eventCount(String file, String key) {
        for (String line : CgroupMounts.read(dir.resolve(file)).orElse("").split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length == 2 && f[0].equals(key)) {
                return Long.parseLong(f[1]);
            }
        }
        return 0;
    }

    /**
     * The memory limit of the cgroup this process runs in (v1 {@code memory.limit_in_bytes} or v2
     * {@code memory.max}), empty when it has none: the memory a reader in a {@link #wrapper()}'d child may use.
     */
    public static java.util.OptionalLong ownLimitBytes() {
        Optional<String> v1 = CgroupMounts.v1Memory().flatMap(d -> CgroupMounts.read(d.resolve("memory.limit_in_bytes")));
        Optional<String> raw = v1.isPresent() ? v1 : CgroupMounts.v2Own().flatMap(d -> CgroupMounts.read(d.resolve("memory.max")));
        String v = raw.map(String::strip).orElse("max");
        if (v.equals("max") || !v.chars().allMatch(Character::isDigit)) {
            return java.util.OptionalLong.empty();
        }
        long limit = Long.parseLong(v);
        // v1 writes "no limit" as the largest page-aligned long
        return limit >= (Long.MAX_VALUE >> 1) ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(limit);
    }

    /**
     * The command to put in front of a child's command line ({@code FreshJvm.withWrapper}): a shell that
     * moves itself into this cgroup and then {@code exec}s the rest, so the JVM is charged from its first page.
     */
    public List<String> wrapper() {
        String procs = dir.resolve("cgroup.procs").toString();
        if (procs.contains("'")) {
            throw new IllegalStateException("cgroup path contains a quote: " + procs);
        }
        return List.of("sh", "-c", "echo $$ > '" + procs + "' && exec \"$@\"", "sh");
    }

    /** For result rows' method text, e.g. "cgroup v1 memory limit 256 MiB". */
    public String describe() {
        return "cgroup " + version.name().toLowerCase(Locale.ROOT) + " memory limit " + (limitBytes >> 20) + " MiB";
    }

    /**
     * Removes the cgroup this object created (only that directory), once its processes have exited;
     * waits up to five seconds for a child that is still being torn down.
     */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException e) {
            // already shutting down: the hook removes it
            return;
        }
        remove();
    }

    private synchronized void remove() {
        if (removed) {
            return;
        }
        IOException last = null;
        for (int attempt = 0; attempt < 100; attempt++) {
            try {
                Files.deleteIfExists(dir); // rmdir: a cgroup directory's control files need no deleting
                removed = true;
                return;
            } catch (IOException e) {
                last = e; // EBUSY while a process is still in it
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("cannot remove cgroup " + dir + ": " + (last == null ? "interrupted" : last.getMessage()), last);
    }

    @Override
    public String toString() {
        return describe() + " at " + dir;
    }
}
