package org.cutouts.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cutouts.store.Strategy;

/**
 * What a benchmark run measures and how hard. Start from {@link #quick()} (about a minute: CI and
 * smoke tests) or {@link #full()} (the proof of concept's scale: 5000x5000, one cutout per source),
 * then adjust the public fields.
 */
public final class BenchConfig {
    public String mode = "custom";
    public long seed = 42;
    public int mosaicWidth = 5000;
    public int mosaicHeight = 5000;
    /** Sources in the synthetic mosaic. */
    public int sources = 10_000;
    /** Cutouts: 0 means one per source (the mosaic's catalogue); otherwise a uniform catalogue of this size. */
    public int cutouts = 0;
    /** The four strategies of issue 3 by default; later layouts (e.g. mmap-tiled) are added with --strategies. */
    public List<Strategy> strategies = new ArrayList<>(List.of(Strategy.INDIVIDUAL_FILES, Strategy.MEMORY_MAPPED, Strategy.HDF5,
            Strategy.WHOLE_TENSOR));
    /**
     * Read-path settings for the memory-mapped and HDF5 stores, one measured variant each, passed as
     * {@code -Dcutouts.mmap=...} (see ReadOptions): "baseline" = plain per-cutout readInto and jhdf
     * hyperslabs, the issue-3 strategies as first written; "default" = the library's current defaults.
     */
    public List<String> mmapOptions = new ArrayList<>(List.of("baseline"));
    public Path dataDir = Path.of("data/bench");
    public Path outDir = Path.of("build/bench");
    /** Reuse stores already in the data dir (matching manifest) instead of writing them again. */
    public boolean reuse = false;

    public int latencyReads = 2000;
    public int throughputReads = 2048;
    public int warmups = 2;
    /** Untimed reads before each timed run, at least (JIT warm-up). */
    public int minWarmupReads = LatencyRun.DEFAULT_MIN_WARMUP_READS;
    public int reps = 5;
    public int coldReps = 3;
    public List<Integer> batches = new ArrayList<>(List.of(1, 32, 256));
    public List<Integer> threads = new ArrayList<>(List.of(1));
    public boolean cold = true;
    public boolean sequential = true;

    public boolean memory = true;
    public int memoryReads = 2000;
    public String childMaxHeap = "4g";

    public long memcpyBytesPerRep = 512L << 20;

    public boolean python = true;
    public String pythonExe = "/usr/bin/python3";
    /** Null: look for python/peer_bench.py in the working directory and its parents. */
    public Path pythonScript = null;
    public int pythonReps = 3;

    public boolean scaling = false;
    public List<Integer> scalingMosaics = new ArrayList<>(List.of(1000, 5000, 20000));
    public List<Integer> scalingCutouts = new ArrayList<>(List.of(1000, 10_000, 100_000));
    /** Extra mosaic sizes run for the memory-mapped strategy only (others record "not applicable"). */
    public List<Integer> scalingLargeMosaics = new ArrayList<>(List.of(25000));
    /** The size and cutout count held fixed while the other one varies. */
    public int scalingBaseMosaic = 5000;
    public int scalingBaseCutouts = 10_000;
    public int scalingReads = 1024;
    public boolean keepScalingData = false;

    public static BenchConfig full() {
        BenchConfig c = new BenchConfig();
        c.mode = "full";
        return c;
    }

    public static BenchConfig quick() {
        BenchConfig c = new BenchConfig();
        c.mode = "quick";
        c.mosaicWidth = 1000;
        c.mosaicHeight = 1000;
        c.sources = 1000;
        c.latencyReads = 500;
        c.throughputReads = 512;
        c.warmups = 1;
        c.minWarmupReads = 3000;
        c.reps = 3;
        c.coldReps = 2;
        c.memoryReads = 500;
        c.memcpyBytesPerRep = 128L << 20;
        c.pythonReps = 2;
        c.scalingMosaics = new ArrayList<>(List.of(500, 1000));
        c.scalingCutouts = new ArrayList<>(List.of(100, 1000));
        c.scalingLargeMosaics = new ArrayList<>();
        c.scalingBaseMosaic = 1000;
        c.scalingBaseCutouts = 1000;
        c.scalingReads = 256;
        return c;
    }

    /** The configuration as the results' {@code config} object. */
    public Row toRow(int actualCutouts) {
        return new Row().put("mode", mode).put("seed", seed).put("mosaicWidth", mosaicWidth).put("mosaicHeight", mosaicHeight)
                .put("sources", sources).put("cutouts", actualCutouts)
                .put("catalogue", cutouts == 0 ? "one cutout per source" : "uniform random centres")
                .put("cutoutSize", "64x64 float32, PAD with NaN")
                .put("strategies", String.join(",", strategies.stream().map(Strategy::folder).toList()))
                .put("mmapOptions", String.join(" | ", mmapOptions))
                .put("latencyReads", latencyReads).put("throughputReads", throughputReads).put("warmups", warmups).put("minWarmupReads", minWarmupReads).put("reps", reps)
                .put("coldReps", coldReps).put("batches", batches.toString()).put("threads", threads.toString())
                .put("cold", cold).put("memory", memory).put("memoryReads", memoryReads).put("childMaxHeap", childMaxHeap)
                .put("python", python).put("pythonExe", pythonExe).put("pythonReps", pythonReps)
                .put("scaling", scaling).put("scalingBaseMosaic", scalingBaseMosaic).put("scalingBaseCutouts", scalingBaseCutouts)
                .put("scalingMosaics", scalingMosaics.toString()).put("scalingCutouts", scalingCutouts.toString()).put("dataDir", dataDir.toAbsolutePath().toString()).put("reuse", reuse);
    }
}
