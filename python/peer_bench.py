#!/usr/bin/env python3
"""The proof of concept's way of reading cutouts, benchmarked on the SAME files as the Java benchmark.

Readers (one per storage strategy, same strategy names as the Java rows):
  INDIVIDUAL_FILES  numpy.load of one .npy per cutout        (individual-npy/cutouts/cutout_NNNNNNN.npy)
  MEMORY_MAPPED     numpy.load(mmap_mode='r') and slicing    (mmap-npy/mosaic.npy)
  HDF5              h5py hyperslab f['mosaic'][y0:y1, x0:x1] (hdf5/mosaic.h5)
  WHOLE_TENSOR      torch.load of a whole .pt, then slicing  (torch-pt/mosaic.pt, written here from mosaic.npy
                    with torch.save(torch.from_numpy(...)); loaded lazily on the first read, like the Java control)
  STACKED           numpy.load(mmap_mode='r') and [i]        (stacked-npy/cutouts.npy, shape (N, h, w))

Every reader is timed as a per-cutout loop (the proof of concept's way). Where numpy or h5py has a
better idiom for a batch, throughput is also timed with it, labelled, so that Java is compared with
each library's best (BATCH_IDIOMS):
  MEMORY_MAPPED     one fancy index of sliding_window_view(mosaic, (h, w)) per batch: win[y0[idx], x0[idx]]
                    (cutouts that cross the edge, which the window view cannot express, go through the loop)
  STACKED           one fancy index of the memmap per batch: cutouts[idx]
  HDF5              the hyperslab loop over the batch sorted by position, so neighbours share h5py's chunk cache
                    (h5py cannot gather many windows in one call; read_direct per window measured slower)

The Java benchmark (org.cutouts.bench.PythonPeer) runs this script with the cutout order it used
(--indices), so the checksums (raw bits of pixel i % 4096 of cutout i, summed) must agree with the Java
rows. Output: JSON {"python": ..., "modules": {...}, "rows": [...]}, rows in the Java result schema with
"kind" = latency | throughput | memory | load | status. A missing module gives a row whose status is
"skipped: python3-<module> not installed", never a crash.

Standalone use:
  /usr/bin/python3 python/peer_bench.py --data-dir data/bench/full-5000x5000-n10000-s42 \
      --indices data/bench/full-5000x5000-n10000-s42/peer-indices.json --out /tmp/peer.json
Internal: --probe STRATEGY runs one memory probe in this (fresh) interpreter and prints JSON; --serve answers
'gather' or 'loop' on stdin with one timed pass each, for the Java benchmark's paired rounds (one JSON line per pass).
"""
import argparse
import csv
import gc
import importlib
import json
import math
import os
import shutil
import subprocess
import sys
import time

PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
STRATEGIES = [
    # strategy, variant, module needed, apt package
    ("INDIVIDUAL_FILES", "numpy.load per file", "numpy", "python3-numpy"),
    ("MEMORY_MAPPED", "numpy memmap slicing, per-cutout loop", "numpy", "python3-numpy"),
    ("HDF5", "h5py hyperslab, per-cutout loop", "h5py", "python3-h5py"),
    ("WHOLE_TENSOR", "torch.load whole .pt", "torch", "python3-torch"),
    ("STACKED", "numpy memmap [i], per-cutout loop", "numpy", "python3-numpy"),
]
STRATEGIES_BY_NAME = {s: v for s, v, _, _ in STRATEGIES}
# strategy -> label of the batch idiom Reader.read_batch uses (throughput only: one cutout has no better idiom)
BATCH_IDIOMS = {
    "MEMORY_MAPPED": "numpy sliding_window_view gather",
    "STACKED": "numpy memmap fancy index [idx]",
    "HDF5": "h5py hyperslabs, batch sorted by row",
}
# the store folder each reader opens (the whole-tensor peer converts the row-major mosaic)
FOLDERS = {"INDIVIDUAL_FILES": "individual-npy", "MEMORY_MAPPED": "mmap-npy", "HDF5": "hdf5", "WHOLE_TENSOR": "mmap-npy",
           "STACKED": "stacked-npy"}
MAPPED = ("MEMORY_MAPPED", "STACKED")


def module(name):
    try:
        return importlib.import_module(name)
    except Exception:  # ImportError, or a broken install
        return None


def read_catalogue(store_dir):
    xs, ys = [], []
    with open(os.path.join(store_dir, "catalogue.csv"), newline="") as f:
        for row in csv.DictReader(f):
            xs.append(float(row["x"]))
            ys.append(float(row["y"]))
    return xs, ys


def read_manifest(store_dir):
    with open(os.path.join(store_dir, "manifest.json")) as f:
        return json.load(f)


class Reader:
    """Cuts windows of the manifest's cutout size by the astropy convention (first pixel ceil(c - n/2)), NaN-padded at the edges."""

    def __init__(self, strategy, data_dir):
        import numpy as np
        self.np = np
        self.strategy = strategy
        self.store = os.path.join(data_dir, FOLDERS[strategy])
        m = read_manifest(self.store)
        self.mw, self.mh = m["mosaicWidth"], m["mosaicHeight"]
        self.cw, self.ch = m["cutoutWidth"], m["cutoutHeight"]
        self.fill = float(m["fill"])
        self.xs, self.ys = read_catalogue(self.store)
        self.files = []
        self.src = None
        self.h5 = None
        if strategy == "INDIVIDUAL_FILES":
            self.folder = os.path.join(self.store, m["payload"])
            self.files = [os.path.join(self.store, "manifest.json"), os.path.join(self.store, "catalogue.csv")] + \
                [os.path.join(self.folder, n) for n in sorted(os.listdir(self.folder))]
        elif strategy in MAPPED:
            self.path = os.path.join(self.store, m["payload"])
            self.files = [self.path]
        elif strategy == "HDF5":
            self.path = os.path.join(self.store, "mosaic.h5")
            self.files = [self.path]
        else:
            self.path = os.path.join(data_dir, "torch-pt", "mosaic.pt")
            self.files = [self.path]

    def open(self):
        np = self.np
        if self.strategy in MAPPED:
            self.src = np.load(self.path, mmap_mode="r")
            if self.strategy == "MEMORY_MAPPED":
                self.win = np.lib.stride_tricks.sliding_window_view(self.src, (self.ch, self.cw))
        elif self.strategy == "HDF5":
            import h5py
            self.h5 = h5py.File(self.path, "r")
            self.src = self.h5["mosaic"]
        elif self.strategy == "WHOLE_TENSOR":
            self.src = None  # loaded on the first read

    def close(self):
        if self.h5 is not None:
            self.h5.close()
            self.h5 = None
        if self.strategy in MAPPED and self.src is not None:
            mm = getattr(self.src, "_mmap", None)
            self.src = None
            self.win = None
            gc.collect()
            if mm is not None:
                try:
                    mm.close()
                except Exception:
                    pass
        self.src = None
        gc.collect()

    def read_into(self, i, out):
        """Writes cutout i into out (a (ch, cw) float32 array)."""
        np = self.np
        if self.strategy == "INDIVIDUAL_FILES":
            out[...] = np.load(os.path.join(self.folder, "cutout_%07d.npy" % i))
            return
        if self.strategy == "STACKED":
            out[...] = self.src[i]  # one contiguous slot, edges padded when it was written
            return
        if self.strategy == "WHOLE_TENSOR" and self.src is None:
            import torch
            self.src = torch.load(self.path)
        x0 = math.ceil(self.xs[i] - self.cw / 2.0)
        y0 = math.ceil(self.ys[i] - self.ch / 2.0)
        xa, ya = max(x0, 0), max(y0, 0)
        xb, yb = min(x0 + self.cw, self.mw), min(y0 + self.ch, self.mh)
        if xa == x0 and ya == y0 and xb == x0 + self.cw and yb == y0 + self.ch:
            out[...] = self._slab(ya, yb, xa, xb)
            return
        out.fill(self.fill)
        if xa < xb and ya < yb:
            out[ya - y0:yb - y0, xa - x0:xb - x0] = self._slab(ya, yb, xa, xb)

    def _origins(self):
        """First pixel (x0, y0) of every cutout and whether it lies inside the mosaic, as numpy arrays (computed once)."""
        if getattr(self, "x0", None) is None:
            np = self.np
            self.x0 = np.ceil(np.asarray(self.xs) - self.cw / 2.0).astype(np.int64)
            self.y0 = np.ceil(np.asarray(self.ys) - self.ch / 2.0).astype(np.int64)
            self.inside = (self.x0 >= 0) & (self.y0 >= 0) & (self.x0 + self.cw <= self.mw) & (self.y0 + self.ch <= self.mh)
        return self.x0, self.y0, self.inside

    def read_batch(self, ids, buf):
        """The cutouts ids with the strategy's batch idiom (BATCH_IDIOMS); returns a (len(ids), ch, cw) array (buf or a new one)."""
        np = self.np
        ids = np.asarray(ids, dtype=np.int64)
        if self.strategy == "STACKED":
            return self.src[ids]
        x0, y0, inside = self._origins()
        if self.strategy == "MEMORY_MAPPED":
            sel = inside[ids]
            if sel.all():
                return self.win[y0[ids], x0[ids]]
            out = buf[:len(ids)]
            out[sel] = self.win[y0[ids[sel]], x0[ids[sel]]]
            for k in np.flatnonzero(~sel):
                self.read_into(int(ids[k]), out[k])
            return out
        if self.strategy == "HDF5":
            out = buf[:len(ids)]
            for k in np.argsort(y0[ids] * self.mw + x0[ids], kind="stable"):
                i = int(ids[k])
                self.read_into(i, out[k])
            return out
        raise ValueError("no batch idiom for " + self.strategy)

    def _slab(self, ya, yb, xa, xb):
        s = self.src[ya:yb, xa:xb]
        return s.numpy() if self.strategy == "WHOLE_TENSOR" else s


def checksum(np, i, out, npix):
    return int(out.reshape(-1).view(np.uint32)[i % npix])


def batch_checksum(np, ids, got, npix):
    """checksum() summed over a batch in one vectorised step, so that the timed loop costs numpy no Python per cutout."""
    ids = np.asarray(ids, dtype=np.int64)
    bits = got[:len(ids)].reshape(len(ids), -1).view(np.uint32)
    return int(bits[np.arange(len(ids)), ids % npix].sum(dtype=np.uint64))


def evict(files):
    """fdatasync + POSIX_FADV_DONTNEED per file; returns (resident_before, resident_after, total, status)."""
    before, total = resident(files)
    errors = 0
    for f in files:
        fd = os.open(f, os.O_RDONLY)
        try:
            os.fdatasync(fd)
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        except OSError:
            errors += 1
        finally:
            os.close(fd)
    after, total = resident(files)
    if before is None:
        return None, None, total, "not-cold: cannot verify eviction (util-linux fincore not found)"
    if errors or after > 0.01 * max(total, 1):
        return before, after, total, "not-cold: %d of %d pages still resident after eviction (%d errors)" % (after, total, errors)
    return before, after, total, "ok"


def resident(files):
    """Resident pages of files according to fincore (None if fincore is unavailable), and their total pages."""
    total = sum((os.stat(f).st_size + PAGE - 1) // PAGE for f in files)
    exe = shutil.which("fincore")
    if exe is None:
        return None, total
    res = 0
    for k in range(0, len(files), 500):
        out = subprocess.run([exe, "--raw", "--noheadings", "--output", "PAGES"] + files[k:k + 500],
                             capture_output=True, text=True, check=True).stdout
        res += sum(int(v) for v in out.split())
    return res, total


def stats(values):
    s = sorted(values)
    n = len(s)

    def pct(p):
        return s[min(max(math.ceil(p / 100.0 * n) - 1, 0), n - 1)]
    return {"mean": sum(s) / n, "min": s[0], "p25": pct(25), "p50": pct(50), "p75": pct(75), "p95": pct(95), "p99": pct(99),
            "max": s[-1]}


def base_row(strategy, variant, kind):
    return {"impl": "python", "strategy": strategy, "variant": variant, "kind": kind}


def latency(reader, idx, order, cold, warmups, reps):
    np = reader.np
    out = np.empty((reader.ch, reader.cw), np.float32)
    npix = reader.ch * reader.cw
    reader.open()
    samples, medians, evictions = [], [], []
    csum = 0
    for r in range(-warmups, reps):
        if cold and r >= 0:
            reader.close()
            evictions.append(evict(reader.files))
            reader.open()
        t = []
        csum = 0
        for i in idx:
            t0 = time.perf_counter_ns()
            reader.read_into(i, out)
            t1 = time.perf_counter_ns()
            t.append((t1 - t0) / 1e3)
            csum += checksum(np, i, out, npix)
        if r >= 0:
            samples.extend(t)
            medians.append(stats(t)["p50"])
    reader.close()
    s = stats(samples)
    return s, medians, csum, evictions


def throughput(reader, idx, batch, order, cold, warmups, reps, idiom=False):
    """Cutouts/s over reps; idiom=True reads each batch with reader.read_batch instead of a loop of read_into."""
    np = reader.np
    buf = np.empty((batch, reader.ch, reader.cw), np.float32)
    npix = reader.ch * reader.cw
    reader.open()
    rates, evictions = [], []
    csum = 0
    for r in range(-warmups, reps):
        if cold and r >= 0:
            reader.close()
            evictions.append(evict(reader.files))
            reader.open()
        csum = 0
        t0 = time.perf_counter_ns()
        for b in range(0, len(idx), batch):
            ids = idx[b:b + batch]
            if idiom:
                got = reader.read_batch(ids, buf)
            else:
                got = buf
                for k, i in enumerate(ids):
                    reader.read_into(i, buf[k])
            csum += batch_checksum(np, ids, got, npix)
        t1 = time.perf_counter_ns()
        if r >= 0:
            rates.append(len(idx) / ((t1 - t0) / 1e9))
    reader.close()
    return rates, csum, evictions


def eviction_columns(row, evictions):
    if not evictions:
        row.update(residentPagesBefore=None, residentPagesAfter=None, filePages=None, residencyCheck=None)
        return "ok"
    before = [e[0] for e in evictions if e[0] is not None]
    after = [e[1] for e in evictions if e[1] is not None]
    row.update(residentPagesBefore=max(before) if before else None, residentPagesAfter=max(after) if after else None,
               filePages=evictions[0][2],
               residencyCheck="files evicted (posix_fadvise DONTNEED) before each of %d repetitions; mincore: at most %s of %s pages "
                              "resident after an eviction" % (len(evictions), max(after) if after else "?", evictions[0][2]))
    bad = [e[3] for e in evictions if e[3] != "ok"]
    return bad[0] if bad else "ok"


def status_of(strategy, mods, data_dir):
    need = {s: (m, pkg) for s, _, m, pkg in STRATEGIES}[strategy]
    if mods.get("numpy") is None:
        return "skipped: python3-numpy not installed"
    if mods.get(need[0]) is None:
        return "skipped: %s not installed" % need[1]
    folder = FOLDERS[strategy]
    if not os.path.exists(os.path.join(data_dir, folder, "manifest.json")):
        return "skipped: no %s store in %s" % (folder, data_dir)
    return "ok"


def write_pt(data_dir):
    """torch.save of the mosaic (from mosaic.npy), as the proof of concept stored it; returns (seconds, path)."""
    import numpy as np
    import torch
    path = os.path.join(data_dir, "torch-pt", "mosaic.pt")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    t0 = time.perf_counter()
    arr = np.load(os.path.join(data_dir, "mmap-npy", "mosaic.npy"))
    torch.save(torch.from_numpy(arr), path + ".tmp")
    os.replace(path + ".tmp", path)
    return time.perf_counter() - t0, path


def proc_status():
    out = {}
    with open("/proc/self/status") as f:
        for line in f:
            k, _, v = line.partition(":")
            if v.strip().endswith("kB"):
                out[k] = int(v.split()[0])
    return out


def probe(args):
    """One strategy's memory in this fresh interpreter: baseline (numpy imported), open, one read, many reads."""
    import numpy as np
    with open(args.indices) as f:
        idx = json.load(f)["random"]
    phases = []

    def snap(phase, reads, t0):
        gc.collect()
        s = proc_status()
        phases.append({"phase": phase, "reads": reads, "elapsedMs": (time.perf_counter() - t0) * 1e3, "vmRssKb": s.get("VmRSS"),
                       "vmHwmKb": s.get("VmHWM"), "rssAnonKb": s.get("RssAnon"), "rssFileKb": s.get("RssFile")})
    snap("baseline", 0, time.perf_counter())
    t0 = time.perf_counter()
    reader = Reader(args.probe, args.data_dir)
    reader.open()
    snap("open", 0, t0)
    n = min(args.memory_reads, len(idx))
    out = np.empty((reader.ch, reader.cw), np.float32)
    npix = reader.ch * reader.cw
    t0 = time.perf_counter()
    reader.read_into(idx[0], out)
    csum = checksum(np, idx[0], out, npix)
    snap("one", 1, t0)
    t0 = time.perf_counter()
    for i in idx[1:n]:
        reader.read_into(i, out)
        csum += checksum(np, i, out, npix)
    snap("many", n, t0)
    print(json.dumps({"strategy": args.probe, "phases": phases, "checksum": "%016x" % (csum % (1 << 64))}))


def memory_rows(args, strategy, variant):
    cmd = [sys.executable, os.path.abspath(__file__), "--probe", strategy, "--data-dir", args.data_dir, "--indices", args.indices,
           "--memory-reads", str(args.memory_reads)]
    p = subprocess.run(cmd, capture_output=True, text=True)
    method = ("fresh python interpreter per strategy; gc.collect() then /proc/self/status VmRSS/VmHWM/RssAnon/RssFile after: "
              "numpy imported (baseline), open (h5py/torch imported here), 1 read, %d random reads; deltas against the baseline"
              % args.memory_reads)
    if p.returncode != 0:
        r = base_row(strategy, variant, "memory")
        r.update(phase="failed", reads=0, rssMiB=None, rssDeltaMiB=None, hwmMiB=None,
                 status="failed: " + p.stderr.strip()[-500:], method=method)
        return [r]
    doc = json.loads(p.stdout.strip().splitlines()[-1])
    base = doc["phases"][0]
    rows = []
    for ph in doc["phases"]:
        r = base_row(strategy, variant, "memory")
        r.update(phase=ph["phase"], reads=ph["reads"], elapsedMs=ph["elapsedMs"], rssMiB=ph["vmRssKb"] / 1024.0,
                 rssDeltaMiB=(ph["vmRssKb"] - base["vmRssKb"]) / 1024.0,
                 rssAnonDeltaMiB=(ph["rssAnonKb"] - base["rssAnonKb"]) / 1024.0,
                 rssFileDeltaMiB=(ph["rssFileKb"] - base["rssFileKb"]) / 1024.0, hwmMiB=ph["vmHwmKb"] / 1024.0,
                 heapUsedMiB=None, directMiB=None, mappedMiB=None, checksum=doc["checksum"], status="ok", method=method)
        rows.append(r)
    return rows


def keep_heap():
    """Makes glibc keep freed heap memory for reuse. By default it gives the top of the heap back to the
    kernel after a large free, so a batch idiom that returns a fresh array per batch (numpy's fancy index)
    faulted its memory in again every batch: at batch 32 the sliding-window gather measured ~35k cutouts/s
    instead of ~300k. A numpy user's loader would not pay that on purpose, so the peer's timing processes
    do not either (the fresh-interpreter memory probes keep the defaults)."""
    try:
        import ctypes
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return "allocator defaults (no glibc)"
    m_trim_threshold, m_top_pad, m_mmap_threshold = -1, -2, -3
    ok = all(libc.mallopt(opt, value) == 1 for opt, value in
             ((m_trim_threshold, 512 << 20), (m_top_pad, 64 << 20), (m_mmap_threshold, 64 << 20)))
    return "glibc mallopt: heap kept (trim threshold 512 MiB, top pad 64 MiB, mmap threshold 64 MiB)" if ok else "allocator defaults (mallopt refused)"


def serve(args):
    """Paired rounds: one warm-up and one timed pass per request, so that the caller can alternate its own passes with
    numpy's in one run. Reads 'gather' or 'loop' lines on stdin and answers each with one JSON line."""
    strategy = args.strategies.split(",")[0]
    with open(args.indices) as f:
        indices = json.load(f)
    reader = Reader(strategy, args.data_dir)
    idx = indices["random"][:min(args.throughput_reads, len(reader.xs))]
    batch = int(args.batches.split(",")[0])
    labels = {"gather": BATCH_IDIOMS.get(strategy), "loop": STRATEGIES_BY_NAME[strategy]}
    print(json.dumps({"ready": True, "readers": labels}), flush=True)
    for line in sys.stdin:
        which = line.strip()
        if not which:
            continue
        if which not in labels or labels[which] is None:
            print(json.dumps({"error": "unknown reader %r for %s" % (which, strategy)}), flush=True)
            continue
        rates, csum, _ = throughput(reader, idx, batch, "random", False, args.warmups, 1, which == "gather")
        print(json.dumps({"reader": labels[which], "cutoutsPerSec": rates[0], "reads": len(idx), "batch": batch,
                          "checksum": "%016x" % (csum % (1 << 64))}), flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data-dir", required=True, help="folder holding individual-npy/, mmap-npy/, hdf5/, stacked-npy/ store folders")
    ap.add_argument("--indices", required=True, help="JSON with 'random' and 'sequential' index lists (written by the Java bench)")
    ap.add_argument("--reads", type=int, default=2000, help="single-cutout reads per latency rep")
    ap.add_argument("--throughput-reads", type=int, default=2048, help="cutouts per throughput rep")
    ap.add_argument("--memory-reads", type=int, default=2000)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--cold-reps", type=int, default=2)
    ap.add_argument("--warmups", type=int, default=1)
    ap.add_argument("--batches", default="1,32,256")
    ap.add_argument("--no-cold", action="store_true")
    ap.add_argument("--no-sequential", action="store_true", help="random order only (the Java run measured no sequential order)")
    ap.add_argument("--no-memory", action="store_true")
    ap.add_argument("--strategies", default=",".join(s for s, _, _, _ in STRATEGIES))
    ap.add_argument("--out", help="JSON output file (default: stdout)")
    ap.add_argument("--probe", help=argparse.SUPPRESS)
    ap.add_argument("--serve", action="store_true",
                    help="answer 'gather' or 'loop' lines on stdin with one warm random pass each (first --strategies, first --batches)")
    args = ap.parse_args()
    if args.probe:
        probe(args)
        return
    allocator = keep_heap()
    if args.serve:
        serve(args)
        return
    mods = {name: module(name) for name in ("numpy", "h5py", "torch")}
    with open(args.indices) as f:
        indices = json.load(f)
    rows = []
    batches = [int(b) for b in args.batches.split(",") if b]
    wanted = args.strategies.split(",")
    for strategy, variant, _, _ in STRATEGIES:
        if strategy not in wanted:
            continue
        st = status_of(strategy, mods, args.data_dir)
        r = base_row(strategy, variant, "status")
        r.update(status=st, method="module and store check")
        rows.append(r)
        if st != "ok":
            lat = base_row(strategy, variant, "latency")
            lat.update(order="random", cache="warm", threads=1, reads=None, reps=None, meanUs=None, minUs=None, p50Us=None,
                       p95Us=None, p99Us=None, maxUs=None, repMedianMinUs=None, repMedianMaxUs=None, checksum="", status=st,
                       method="not run")
            rows.append(lat)
            continue
        if strategy == "WHOLE_TENSOR":
            secs, _ = write_pt(args.data_dir)
            w = base_row(strategy, variant, "load")
            w.update(seconds=secs, status="ok", method="torch.save(torch.from_numpy(np.load(mosaic.npy))) to torch-pt/mosaic.pt, wall clock")
            rows.append(w)
        reader = Reader(strategy, args.data_dir)
        n = len(reader.xs)
        cases = [("random", False)] + ([] if args.no_sequential else [("sequential", False)]) + ([] if args.no_cold else [("random", True)])
        for order, cold in cases:
            reps = args.cold_reps if cold else args.reps
            idx = indices[order][:min(args.reads, n)]
            s, medians, csum, ev = latency(reader, idx, order, cold, args.warmups, reps)
            r = base_row(strategy, variant, "latency")
            r.update(order=order, cache="cold" if cold else "warm", threads=1, reads=len(idx), reps=reps, warmups=args.warmups,
                     cutoutBytes=reader.cw * reader.ch * 4, meanUs=s["mean"], minUs=s["min"], p50Us=s["p50"], p95Us=s["p95"], p99Us=s["p99"], maxUs=s["max"],
                     repMedianMinUs=min(medians), repMedianMaxUs=max(medians), checksum="%016x" % (csum % (1 << 64)))
            st = eviction_columns(r, ev)
            r.update(status=st, method="%s order, %d single-cutout reads per rep (time.perf_counter_ns around each), %d reps after %d "
                     "warm-up reps, page cache %s%s; %s" % (order, len(idx), reps, args.warmups, "cold" if cold else "warm",
                                                          " (closed, fdatasync+posix_fadvise DONTNEED, fincore-checked, reopened per rep)" if cold else "",
                                                          variant))
            rows.append(r)
        readers = [(variant, False)] + ([(BATCH_IDIOMS[strategy], True)] if strategy in BATCH_IDIOMS else [])
        # A per-cutout loop makes the same reads whatever the batch size (the batch only groups them), so it
        # is measured once, at the first batch size, and that measurement is reported for every batch size
        # with a method that says so; only the batch idioms change with the batch.
        loops = {}
        for batch, (label, idiom), (order, cold) in [(b, v, c) for b in batches for v in readers for c in cases]:
            if idiom and batch == 1:
                continue  # a batch of one is the loop
            reps = args.cold_reps if cold else args.reps
            idx = indices[order][:min(args.throughput_reads, n)]
            if idiom or (order, cold) not in loops:
                measured = (batch,) + throughput(reader, idx, batch, order, cold, args.warmups, reps, idiom)
                if not idiom:
                    loops[(order, cold)] = measured
            else:
                measured = loops[(order, cold)]
            measured_at, rates, csum, ev = measured
            s = stats(rates)
            r = base_row(strategy, label, "throughput")
            r.update(order=order, cache="cold" if cold else "warm", batch=batch, threads=1, reads=len(idx), reps=reps,
                     warmups=args.warmups, cutoutBytes=reader.cw * reader.ch * 4, cutoutsPerSecMedian=s["p50"], cutoutsPerSecMin=s["min"], cutoutsPerSecMax=s["max"],
                     cutoutsPerSecIqr=s["p75"] - s["p25"], mbPerSec=s["p50"] * reader.cw * reader.ch * 4 / 1e6,
                     checksum="%016x" % (csum % (1 << 64)))
            st = eviction_columns(r, ev)
            r.update(status=st, method="%s order, %d cutouts per rep in batches of %d (%d x %d float32), %s, "
                     "1 thread, %d reps after %d warm-up reps, page cache %s; %s" % (
                         order, len(idx), batch, reader.ch, reader.cw,
                         "one read_batch per batch" if idiom else "one read per cutout into a reused buffer",
                         reps, args.warmups, "cold" if cold else "warm", label)
                     + ("" if measured_at == batch else
                        "; the measurement at batch %d, reported again: a per-cutout loop makes the same reads at any batch size" % measured_at)
                     + "; " + allocator)
            rows.append(r)
        if not args.no_memory:
            rows.extend(memory_rows(args, strategy, variant))
    doc = {"python": sys.version.split()[0], "executable": sys.executable, "allocator": allocator,
           "modules": {k: (getattr(v, "__version__", "?") if v else None) for k, v in mods.items()}, "rows": rows}
    text = json.dumps(doc, indent=1)
    if args.out:
        with open(args.out, "w") as f:
            f.write(text)
    else:
        print(text)


if __name__ == "__main__":
    main()
