#!/usr/bin/python3
"""astropy reference answers for the org.cutouts.fits tests and docs (run with Debian's /usr/bin/python3).

Usage: astropy_reference.py REQUEST.json   (the answer goes where the request's "out" says)

Ops (keys of the request):
  cutouts    file, hdus [list of HDU index or EXTNAME], positions [[a, b], ...], sky (bool: a, b are
             RA/Dec degrees, else 0-based pixel x, y), size [ny, nx] in pixels or size_arcsec [ny, nx],
             out (.npy, float32, shape [n, bands, ny, nx]).  Each cutout is
             Cutout2D(data, position, size, wcs=WCS(header), mode='partial', fill_value=nan).
  world2pix  file, hdu, ra [...], dec [...], tolerance (optional), out (.json {"x": [...], "y": [...]})
             via WCS(header).all_world2pix(ra, dec, 0).
  pix2world  file, hdu, x [...], y [...], out (.json {"ra": [...], "dec": [...]}) via all_pix2world(x, y, 0).
  read       file, hdu, out (.npy float32 of the whole image, as the cutouts see it).

Integer images become float32 (as our library returns them), with BLANK -> NaN when astropy left them
unscaled; the sky positions are taken in the image's own celestial frame (no frame conversion).
"""
import json
import sys
import warnings

import numpy as np
from astropy import units as u
from astropy.coordinates import SkyCoord
from astropy.io import fits
from astropy.nddata import Cutout2D
from astropy.wcs import WCS, FITSFixedWarning
from astropy.wcs.utils import wcs_to_celestial_frame

warnings.simplefilter("ignore", FITSFixedWarning)


def hdu_key(k):
    return int(k) if isinstance(k, int) or (isinstance(k, str) and k.isdigit()) else k


def image(hdul, key):
    hdu = hdul[hdu_key(key)]
    header = hdu.header.copy()  # before .data: astropy drops BSCALE/BZERO once it scales
    data = np.array(hdu.data, dtype=np.float32)
    if "BLANK" in header and header["BITPIX"] > 0:
        # our library turns BLANK into NaN whether or not astropy scaled the data
        with fits.open(hdul.filename(), do_not_scale_image_data=True, memmap=False) as raw:
            data[raw[hdu_key(key)].data == header["BLANK"]] = np.nan
    return data, header


def cutouts(req):
    with fits.open(req["file"], memmap=False) as hdul:
        planes = [image(hdul, k) for k in req["hdus"]]
        wcs = WCS(planes[0][1])
        if "size_arcsec" in req:
            size = tuple(s * u.arcsec for s in req["size_arcsec"])
        else:
            size = tuple(int(s) for s in req["size"])
        out = []
        for a, b in req["positions"]:
            if req.get("sky"):
                pos = SkyCoord(a * u.deg, b * u.deg, frame=wcs_to_celestial_frame(wcs))
            else:
                pos = (a, b)
            out.append([Cutout2D(data, pos, size, wcs=wcs, mode="partial", fill_value=np.nan).data
                        for data, _ in planes])
        np.save(req["out"], np.asarray(out, dtype=np.float32))


def world2pix(req):
    with fits.open(req["file"]) as hdul:
        wcs = WCS(hdul[hdu_key(req["hdu"])].header, hdul)
    kw = {"tolerance": req["tolerance"], "maxiter": 200} if "tolerance" in req else {}
    x, y = wcs.all_world2pix(np.asarray(req["ra"], float), np.asarray(req["dec"], float), 0, **kw)
    with open(req["out"], "w") as f:
        json.dump({"x": [float(v) for v in x], "y": [float(v) for v in y]}, f)


def pix2world(req):
    with fits.open(req["file"]) as hdul:
        wcs = WCS(hdul[hdu_key(req["hdu"])].header, hdul)
    ra, dec = wcs.all_pix2world(np.asarray(req["x"], float), np.asarray(req["y"], float), 0)
    with open(req["out"], "w") as f:
        json.dump({"ra": [float(v) for v in ra], "dec": [float(v) for v in dec]}, f)


def read(req):
    with fits.open(req["file"], memmap=False) as hdul:
        data, _ = image(hdul, req["hdu"])
    np.save(req["out"], data)


if __name__ == "__main__":
    with open(sys.argv[1]) as fh:
        request = json.load(fh)
    {"cutouts": cutouts, "world2pix": world2pix, "pix2world": pix2world, "read": read}[request["op"]](request)
