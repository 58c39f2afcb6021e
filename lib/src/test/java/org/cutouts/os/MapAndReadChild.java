package org.cutouts.os;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A child JVM for MemoryCgroupTest: maps a file, reads one byte of every page, says which memory cgroup it ran in. */
public final class MapAndReadChild {
    private MapAndReadChild() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        long sum = 0;
        long pages = 0;
        try (Arena arena = Arena.ofConfined(); FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            MemorySegment m = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
            for (long o = 0; o < m.byteSize(); o += 4096, pages++) {
                sum += m.get(ValueLayout.JAVA_BYTE, o);
            }
        }
        String cgroup = Files.readAllLines(Path.of("/proc/self/cgroup")).stream()
                .filter(l -> l.split(":", 3)[1].contains("memory") || l.startsWith("0::")).findFirst().orElse("");
        System.out.println("{\"pages\": " + pages + ", \"sum\": " + sum + ", \"cgroup\": \"" + cgroup.split(":", 3)[2] + "\"}");
    }
}
