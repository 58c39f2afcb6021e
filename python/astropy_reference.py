#!/usr/bin/python3
"""astropy reference answers for the org.cutouts.fits tests and docs (run with Debian's /usr/bin/python3).

Usage: astropy_reference.py REQUEST.json   (the answer goes where the request's "out" says)

Ops (keys of the request):
  cutouts    file, hdus [list of HDU index or EXTNAME], positions [[a, b], ...], sky (bool: a, b are
             sky degrees, else 0-based pixel x, y), frame ("native": a, b in the image's own frame, the
             default; "icrs": ICRS, converted by astropy), plane (optional: plane of a cube, as
             data.reshape(-1, ny, nx)[plane], with WCS(header).celestial), size [ny, nx] in pixels or
             size_arcsec [ny, nx], out (.npy, float32, shape [n, bands, ny, nx]).  Each cutout is
             Cutout2D(data, position, size, wcs=WCS(header), mode='partial', fill_value=nan).
  world2pix  file, hdu, ra [...], dec [...], frame (as above), plane (as above), tolerance (optional),
             out (.json {"x": [...], "y": [...]}) via WCS(header).all_world2pix(lon, lat, 0) after
             SkyCoord(ra, dec, frame='icrs').transform_to(wcs_to_celestial_frame(wcs)) for frame "icrs".
  frames     file, hdu, ra [...], dec [...] (ICRS), out (.json {"frame": repr, "lon": [...], "lat": [...]}):
             SkyCoord(ra, dec, frame='icrs').transform_to(wcs_to_celestial_frame(WCS(header))).
  pix2world  file, hdu, x [...], y [...], out (.json {"ra": [...], "dec": [...]}) via all_pix2world(x, y, 0).
  read       file, hdu, out (.npy float32 of the whole image, as the cutouts see it).

Integer images become float32 (as our library returns them), with BLANK -> NaN when astropy left them
unscaled. .fits.gz files are opened by astropy directly.
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


def image(hdul, key, plane=None):
    hdu = hdul[hdu_key(key)]
    header = hdu.header.copy()  # before .data: astropy drops BSCALE/BZERO once it scales
    data = np.array(hdu.data, dtype=np.float32)
    if plane is not None:
        data = data.reshape(-1, data.shape[-2], data.shape[-1])[plane]
    if "BLANK" in header and header["BITPIX"] > 0:
        # our library turns BLANK into NaN whether or not astropy scaled the data
        with fits.open(hdul.filename(), do_not_scale_image_data=True, memmap=False) as raw:
            blank = raw[hdu_key(key)].data == header["BLANK"]
            if plane is not None:
                blank = blank.reshape(-1, blank.shape[-2], blank.shape[-1])[plane]
            data[blank] = np.nan
    return data, header


def celestial_wcs(header, hdul, plane=None):
    """The celestial part: our library models axes 1 and 2 only (a cube's plane, or CTYPE3 on a 2-D image)."""
    return WCS(readable(header), hdul).celestial


def readable(header):
    """The header without cards astropy cannot even print (e.g. a CONTINUE card with a number in a MIDAS file)."""
    try:
        header.tostring()
        return header
    except fits.VerifyError:
        good = []
        for card in header.cards:
            try:
                str(card)
                good.append(card)
            except fits.VerifyError:
                pass
        return fits.Header(good)


def sky_position(a, b, wcs, frame):
    if frame == "icrs":
        return SkyCoord(a * u.deg, b * u.deg, frame="icrs")
    return SkyCoord(a * u.deg, b * u.deg, frame=wcs_to_celestial_frame(wcs))


def cutouts(req):
    plane = req.get("plane")
    with fits.open(req["file"], memmap=False) as hdul:
        planes = [image(hdul, k, plane) for k in req["hdus"]]
        wcs = celestial_wcs(planes[0][1], None, plane)
        if "size_arcsec" in req:
            size = tuple(s * u.arcsec for s in req["size_arcsec"])
        else:
            size = tuple(int(s) for s in req["size"])
        out = []
        for a, b in req["positions"]:
            if req.get("sky"):
                pos = sky_position(a, b, wcs, req.get("frame", "native"))
            else:
                pos = (a, b)
            out.append([Cutout2D(data, pos, size, wcs=wcs, mode="partial", fill_value=np.nan).data
                        for data, _ in planes])
        np.save(req["out"], np.asarray(out, dtype=np.float32))


def world2pix(req):
    with fits.open(req["file"]) as hdul:
        wcs = celestial_wcs(hdul[hdu_key(req["hdu"])].header, hdul, req.get("plane"))
    kw = {"tolerance": req["tolerance"], "maxiter": 200} if "tolerance" in req else {}
    lon = np.asarray(req["ra"], float)
    lat = np.asarray(req["dec"], float)
    if req.get("frame", "native") == "icrs":
        native = sky_position(lon, lat, wcs, "icrs").transform_to(wcs_to_celestial_frame(wcs))
        lon, lat = native.spherical.lon.deg, native.spherical.lat.deg
    x, y = wcs.all_world2pix(lon, lat, 0, **kw)
    with open(req["out"], "w") as f:
        json.dump({"x": [float(v) for v in x], "y": [float(v) for v in y]}, f)


def pix2world(req):
    with fits.open(req["file"]) as hdul:
        wcs = celestial_wcs(hdul[hdu_key(req["hdu"])].header, hdul)
    ra, dec = wcs.all_pix2world(np.asarray(req["x"], float), np.asarray(req["y"], float), 0)
    with open(req["out"], "w") as f:
        json.dump({"ra": [float(v) for v in ra], "dec": [float(v) for v in dec]}, f)


def frames(req):
    with fits.open(req["file"]) as hdul:
        wcs = celestial_wcs(hdul[hdu_key(req["hdu"])].header, hdul)
    frame = wcs_to_celestial_frame(wcs)
    native = SkyCoord(np.asarray(req["ra"], float) * u.deg, np.asarray(req["dec"], float) * u.deg,
                      frame="icrs").transform_to(frame)
    with open(req["out"], "w") as f:
        json.dump({"frame": repr(frame), "lon": [float(v) for v in native.spherical.lon.deg],
                   "lat": [float(v) for v in native.spherical.lat.deg]}, f)


def read(req):
    with fits.open(req["file"], memmap=False) as hdul:
        data, _ = image(hdul, req["hdu"])
    np.save(req["out"], data)


if __name__ == "__main__":
    with open(sys.argv[1]) as fh:
        request = json.load(fh)
    {"cutouts": cutouts, "world2pix": world2pix, "pix2world": pix2world, "frames": frames,
     "read": read}[request["op"]](request)
