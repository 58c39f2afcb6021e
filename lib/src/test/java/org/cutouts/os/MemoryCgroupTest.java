package org.cutouts.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cgroup limit is in force for the whole child JVM, which reads a mapped file larger than the limit. */
class MemoryCgroupTest {
    static final long MIB = 1L << 20;

    @TempDir(factory = OnDiskTempDir.class)
    Path tmp;

    @Test
    void availabilityEitherNamesAPlaceOrGivesAReason() {
        MemoryCgroup.Availability a = MemoryCgroup.availability();
        if (a.available()) {
            assertTrue(Files.isDirectory(a.parent()), a.toString());
        } else {
            assertFalse(a.reason().isBlank(), "an unavailable cgroup says why");
        }
    }

    @Test
    void aChildJvmReadingMoreThanTheLimitStaysWithinIt() throws IOException {
        MemoryCgroup.Availability a = MemoryCgroup.availability();
        assumeTrue(a.available(), () -> "skipped: " + a.reason());
        long limit = 256 * MIB;
        Path file = writeFile(tmp.resolve("big.bin"), 320 * MIB);
        assertTrue(PageCache.evict(List.of(file)).cold(), "the file's pages were written by this JVM: evicted so the child is charged");
        Path dir;
        try (MemoryCgroup cg = MemoryCgroup.create(limit)) {
            dir = cg.dir();
            assertEquals(limit, cg.enforcedLimitBytes());
            JsonNode j = FreshJvm.of(MapAndReadChild.class, file.toString()).withJvmArgs("-Xmx64m", "-XX:+UseSerialGC")
                    .withWrapper(cg.wrapper()).withTimeout(Duration.ofMinutes(3)).run();
            assertEquals(320 * MIB / 4096, j.get("pages").asLong(), "the child read every page");
            assertTrue(j.get("cgroup").asText().endsWith("/" + dir.getFileName()), "the JVM itself ran in the cgroup: " + j);
            long peak = cg.peakBytes();
            assertTrue(peak <= limit, "peak charge " + peak + " stays within the limit " + limit);
            assertTrue(peak > limit / 2, "the child's page cache was charged to the cgroup (peak " + peak + ")");
            assertTrue(cg.limitHits() > 0, "reading 320 MiB reached the 256 MiB limit, so the kernel reclaimed within it");
            assertEquals(0, cg.oomKills(), "page cache is reclaimed, nothing is killed");
        }
        assertFalse(Files.exists(dir), "the cgroup is removed afterwards");
        assertTrue(Files.isDirectory(dir.getParent()), "and only that cgroup");
    }

    private static Path writeFile(Path file, long bytes) throws IOException {
        byte[] chunk = new byte[(int) MIB];
        Arrays.fill(chunk, (byte) 7);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (long done = 0; done < bytes; done += chunk.length) {
                ByteBuffer b = ByteBuffer.wrap(chunk);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
            }
        }
        return file;
    }
}
