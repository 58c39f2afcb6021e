package org.cutouts.os;

import java.nio.file.Path;

/**
 * This process's I/O counters from {@code /proc/self/io} (all its threads, live and exited):
 * {@code read_bytes} is what it caused to be read from the storage device (page-fault readahead
 * included, page-cache hits excluded), {@code rchar} what its read calls returned (cache hits included,
 * mapped reads excluded). The device bytes per cutout of a cold or larger-than-memory run come from
 * {@code read_bytes}: unlike {@code /proc/diskstats} it does not count other processes' reads.
 *
 * @param readBytes  {@code read_bytes}
 * @param readChars  {@code rchar}
 * @param readCalls  {@code syscr}
 */
public record ProcIo(long readBytes, long readChars, long readCalls) {

    /** The counters now. */
    public static ProcIo now() {
        long readBytes = -1;
        long rchar = -1;
        long syscr = -1;
        for (String line : MachineInfo.lines(Path.of("/proc/self/io"))) {
            int c = line.indexOf(':');
            if (c < 0) {
                continue;
            }
            long v = Long.parseLong(line.substring(c + 1).strip());
            switch (line.substring(0, c)) {
                case "read_bytes" -> readBytes = v;
                case "rchar" -> rchar = v;
                case "syscr" -> syscr = v;
                default -> {
                    // write counters are not needed here
                }
            }
        }
        if (readBytes < 0) {
            throw new IllegalStateException("/proc/self/io has no read_bytes (kernel without task I/O accounting?)");
        }
        return new ProcIo(readBytes, rchar, syscr);
    }

    /** The counts between {@code earlier} and this snapshot. */
    public ProcIo minus(ProcIo earlier) {
        return new ProcIo(readBytes - earlier.readBytes, readChars - earlier.readChars, readCalls - earlier.readCalls);
    }
}
