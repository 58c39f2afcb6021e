#!/usr/bin/env python3
"""Reads the stores the Java writers produced, with numpy and h5py only, and writes what it read.

Used by the Java integration test (PythonInteropTest) to prove that the files are real formats:
  check_interop.py STORE_ROOT OUT_DIR

STORE_ROOT holds the store folders individual-npy/, mmap-npy/, hdf5/, stacked-npy/. For each, this script
cuts every catalogue window *itself* (astropy's convention: first pixel = ceil(c - n/2), NaN outside), or
for the stacked store indexes numpy's memmap of it (and checks that against its own cuts of the mosaic),
stacks the cutouts and saves them with numpy.save as OUT_DIR/<folder>.npy. The Java side compares them bit for bit
with its own cutouts, and reads them back with its own .npy reader (the other direction of interop).
"""
import csv
import json
import math
import os
import sys

import h5py
import numpy as np


def windows(store):
    with open(os.path.join(store, "manifest.json")) as f:
        m = json.load(f)
    w, h = m["cutoutWidth"], m["cutoutHeight"]
    with open(os.path.join(store, "catalogue.csv")) as f:
        rows = list(csv.DictReader(f))
    return m, [(math.ceil(float(r["x"]) - w / 2.0), math.ceil(float(r["y"]) - h / 2.0), w, h) for r in rows]


def cut(mosaic, x0, y0, w, h, fill):
    out = np.full((h, w), fill, dtype=np.float32)
    H, W = mosaic.shape
    xa, ya, xb, yb = max(0, x0), max(0, y0), min(W, x0 + w), min(H, y0 + h)
    if xa < xb and ya < yb:
        out[ya - y0:yb - y0, xa - x0:xb - x0] = mosaic[ya:yb, xa:xb]
    return out


def main(root, out):
    os.makedirs(out, exist_ok=True)
    report = {}

    store = os.path.join(root, "individual-npy")
    m, wins = windows(store)
    stamps = []
    for i in range(len(wins)):
        a = np.load(os.path.join(store, "cutouts", "cutout_%07d.npy" % i))
        assert a.dtype == np.float32 and a.shape == (m["cutoutHeight"], m["cutoutWidth"]), (a.dtype, a.shape)
        stamps.append(a)
    np.save(os.path.join(out, "individual-npy.npy"), np.stack(stamps))
    report["individual-npy"] = len(stamps)

    store = os.path.join(root, "mmap-npy")
    m, wins = windows(store)
    mosaic = np.load(os.path.join(store, "mosaic.npy"), mmap_mode="r")
    assert isinstance(mosaic, np.memmap) and mosaic.dtype == np.float32
    assert mosaic.shape == (m["mosaicHeight"], m["mosaicWidth"]), mosaic.shape
    fill = np.float32(float(m["fill"]))
    np.save(os.path.join(out, "mmap-npy.npy"), np.stack([cut(mosaic, *w, fill) for w in wins]))
    report["mmap-npy"] = len(wins)

    store = os.path.join(root, "stacked-npy")
    m, wins = windows(store)
    stack = np.load(os.path.join(store, "cutouts.npy"), mmap_mode="r")
    assert isinstance(stack, np.memmap) and stack.dtype == np.float32, (type(stack), stack.dtype)
    assert stack.shape == (len(wins), m["cutoutHeight"], m["cutoutWidth"]), stack.shape
    stamps = np.stack([stack[i] for i in range(len(wins))])
    own = np.stack([cut(mosaic, *w, fill) for w in wins])
    assert np.array_equal(stamps.view(np.uint32), own.view(np.uint32)), "stacked cutouts differ from numpy's own cuts of mosaic.npy"
    picked = [len(wins) - 1, 0, len(wins) // 2]
    assert np.array_equal(stack[picked].view(np.uint32), own[picked].view(np.uint32)), "fancy indexing of the memmap"
    np.save(os.path.join(out, "stacked-npy.npy"), stamps)
    report["stacked-npy"] = len(wins)

    store = os.path.join(root, "hdf5")
    m, wins = windows(store)
    with h5py.File(os.path.join(store, "mosaic.h5"), "r") as f:
        d = f["mosaic"]
        assert d.dtype == np.float32 and d.shape == (m["mosaicHeight"], m["mosaicWidth"]), (d.dtype, d.shape)
        x = f["catalogue/x"][:]
        assert len(x) == len(wins)
        np.save(os.path.join(out, "hdf5-catalogue-x.npy"), x.astype(np.float32))
        np.save(os.path.join(out, "hdf5.npy"), np.stack([cut(d, *w, fill) for w in wins]))
        report["hdf5"] = len(wins)
        report["hdf5_attrs"] = {k: (v.item() if hasattr(v, "item") else str(v)) for k, v in f.attrs.items()}
    print(json.dumps(report, default=str))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
