package org.cutouts.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The block device a file lives on, found through {@code stat}'s device number and {@code /sys/dev/block}
 * (a partition resolves to its disk, which owns the queue settings): its readahead and its
 * {@code /proc/diskstats} counters. Readahead decides how many bytes one page fault reads from a cold
 * device, so every cold figure records it.
 *
 * @param name        the kernel's name of the disk, e.g. {@code vda}
 * @param readaheadKb {@code queue/read_ahead_kb}
 */
public record BlockDevice(String name, long readaheadKb) {

    /** Read requests completed and sectors read by the whole device, from {@code /proc/diskstats}. */
    public record Counters(long readRequests, long sectorsRead) {
        public Counters minus(Counters earlier) {
            return new Counters(readRequests - earlier.readRequests, sectorsRead - earlier.sectorsRead);
        }

        public long bytesRead() {
            return sectorsRead * 512;
        }
    }

    /** The device under {@code file} (or its nearest existing parent); empty on tmpfs, overlay or without /sys. */
    public static Optional<BlockDevice> of(Path file) {
        try {
            Path p = file.toAbsolutePath();
            while (p != null && !Files.exists(p)) {
                p = p.getParent();
            }
            if (p == null) {
                return Optional.empty();
            }
            long dev = ((Number) Files.getAttribute(p, "unix:dev")).longValue();
            long major = ((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL);
            long minor = (dev & 0xff) | ((dev >>> 12) & ~0xffL);
            Path sys = Path.of("/sys/dev/block/" + major + ":" + minor);
            if (!Files.exists(sys)) {
                return Optional.empty();
            }
            Path real = sys.toRealPath();
            Path disk = Files.isDirectory(real.resolve("queue")) ? real : real.getParent();
            long ra = Long.parseLong(Files.readString(disk.resolve("queue/read_ahead_kb")).strip());
            return Optional.of(new BlockDevice(disk.getFileName().toString(), ra));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The device's counters now. */
    public Counters counters() {
        for (String line : MachineInfo.lines(Path.of("/proc/diskstats"))) {
            String[] f = line.strip().split("\\s+");
            if (f.length > 5 && f[2].equals(name)) {
                return new Counters(Long.parseLong(f[3]), Long.parseLong(f[5]));
            }
        }
        throw new IllegalStateException("/proc/diskstats: no line for device " + name);
    }
}
