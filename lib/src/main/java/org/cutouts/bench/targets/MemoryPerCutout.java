package org.cutouts.bench.targets;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.cutouts.bench.Limits;
import org.cutouts.bench.ResultSet;
import org.cutouts.bench.Identity;
import org.cutouts.bench.MemoryProbe;
import org.cutouts.bench.MemoryRow;
import org.cutouts.bench.RunSpec;
import org.cutouts.os.CacheState;
import org.cutouts.os.ProcStatus;
import org.cutouts.os.PageCache;
import org.cutouts.store.ReadOptions;
import org.cutouts.store.StoreManifest;

/**
 * Target 5, RSS growth per cutout: runs the {@link MemoryProbe} per-cutout protocol in a fresh JVM with a fixed,
 * pre-touched heap, page cache cold (payload evicted before the JVM starts) or warm, and records a
 * {@code memory} row per probe.
 */
record MemoryPerCutout(RunSpec c, ResultSet results, PrintStream log) {

    /** One fresh-JVM probe of the store in {@code dir}, labelled {@code mosaic}, opened with {@code options}. */
    MemoryRow measure(Path dir, String mosaic, boolean cold, String options) {
        StoreManifest manifest = StoreManifest.read(dir);
        String strategy = manifest.strategy().name();
        long cutoutBytes = manifest.spec().bytes();
        Path payload = dir.resolve(manifest.payload());
        if (cold) {
            PageCache.evict(List.of(payload));
        } else {
            Limits.sequentialRead(payload, CacheState.WARM, 0, 1); // warm the page cache
        }
        MemoryProbe.Result r = MemoryProbe.run(MemoryProbe.child(dir, ReadOptions.parse(options), c.seed(), MemoryProbe.Protocol.perCutout(c.memoryReads()))
                .withJvmArgs("-Xms128m", "-Xmx128m", "-XX:+AlwaysPreTouch", "-XX:+UseSerialGC")
                .withTimeout(Duration.ofMinutes(10)));
        ProcStatus before = r.phase(MemoryProbe.BEFORE_ONE).memory();
        ProcStatus afterOne = r.phase(MemoryProbe.ONE).memory();
        ProcStatus after = r.phase(MemoryProbe.MANY).memory();
        int many = r.phase(MemoryProbe.MANY).reads() - r.phase(MemoryProbe.ONE).reads();
        double perCutout = (double) (after.vmRssKb() - afterOne.vmRssKb()) / many;
        double one = afterOne.vmRssKb() - before.vmRssKb();
        double fileDelta = after.rssFileKb() - afterOne.rssFileKb();
        MemoryRow.Rss rss = new MemoryRow.Rss(after.vmRssKb() / 1024.0, (after.vmRssKb() - afterOne.vmRssKb()) / 1024.0, null, null, null, null,
                null, null);
        MemoryRow.PerCutout per = new MemoryRow.PerCutout(one, (double) (afterOne.rssFileKb() - before.rssFileKb()), perCutout, fileDelta / many,
                (double) (after.rssAnonKb() - afterOne.rssAnonKb()) / many, cutoutBytes / 1024.0);
        MemoryRow row = new MemoryRow(new Identity(Identity.JAVA, strategy, options, cutoutBytes), mosaic, cold ? "cold" : "warm", "per-cutout", many,
                null, rss, per, r.checksum(), "measured",
                "fresh JVM (-Xms=-Xmx=128m, AlwaysPreTouch, SerialGC), page cache " + (cold ? "cold (payload evicted before the JVM starts)" : "warm")
                        + ", mapping options '" + options + "' (" + ReadOptions.parse(options).label() + "); 8 warm-up reads; VmRSS delta over " + many
                        + " more random cutouts, per cutout (the delta over ONE cutout is in oneCutoutRssDeltaKiB)");
        results.add("memory", row);
        log.printf(Locale.ROOT, "memory %-5s %-20s %-24s one cutout %+.0f KiB, per cutout over %d: %.1f KiB (file %.1f, anon %.1f)%n", cold ? "cold" : "warm",
                strategy, mosaic, one, many, perCutout, per.rssFilePerCutoutKiB(), per.rssAnonPerCutoutKiB());
        return row;
    }
}
