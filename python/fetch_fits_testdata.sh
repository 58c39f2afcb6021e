#!/usr/bin/env bash
# Real telescope FITS images for the org.cutouts.fits tests, from Debian packages (never committed).
# Idempotent: installs/extracts only what is missing. Prints the cache directory on its last line.
#   python-drizzle-testdata  (installed)  HST ACS/HRC 47 Tuc FLT + drizzled products
#   python3-astropy          (installed)  reference implementation + io/fits/tests/data/comp.fits (Rice)
#   eso-midas-testdata       (NOT installed: apt-get download + dpkg -x into the cache) VLT/ISAAC, NOT.fits,
#                            DSS plates, an invalid VIMOS header, a cube, RA/DEC axes without projection
#   python3-astroquery, python3-reproject, python3-photutils  (NOT installed either: only their test
#                            images are extracted) galactic GLON-SIN, FK5 SIN, ICRS TAN(-SIP), a .fit.gz,
#                            a ZPN image, galactic and SFL cubes, a gzip GLON-CAR map
# Override the cache with CUTOUTS_FITS_TESTDATA=/some/dir.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${CUTOUTS_FITS_TESTDATA:-$ROOT/build/cache/fits-testdata}"
DRIZZLE=/usr/share/python-drizzle/test_data/j8bt06nyq_flt.fits
COMP=/usr/lib/python3/dist-packages/astropy/io/fits/tests/data/comp.fits
MIDAS_DIR="$CACHE/eso-midas"

apt_install() {
  local SUDO=""
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
      echo "fetch_fits_testdata: need root (or passwordless sudo) to apt-get install $*" >&2; return 1; fi
  fi
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >&2 \
    || { $SUDO apt-get update -q >&2 && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >&2; }
}

[ -f "$DRIZZLE" ] || apt_install python-drizzle-testdata
{ [ -f "$COMP" ] && /usr/bin/python3 -c 'import astropy, numpy' 2>/dev/null; } || apt_install python3-astropy python3-numpy

# extract PACKAGE DEST FILE...: copies FILEs (paths inside the package, no leading /) from PACKAGE's .deb
# into DEST, keeping their paths; the package is downloaded, never installed.
extract() {
  local pkg="$1" dest="$2"; shift 2
  local missing=0 f
  for f in "$@"; do [ -f "$dest/$f" ] || missing=1; done
  [ "$missing" = 0 ] && return 0
  local tmp
  tmp="$(mktemp -d)"
  chmod 777 "$tmp"   # apt-get download runs as _apt where it can
  ( cd "$tmp" && { apt-get download -q "$pkg" >&2 || { apt-get update -q >&2 && apt-get download -q "$pkg" >&2; }; } )
  dpkg -x "$tmp"/"${pkg}"_*.deb "$tmp/x"
  for f in "$@"; do
    mkdir -p "$dest/$(dirname "$f")"
    cp "$tmp/x/$f" "$dest/$f"
  done
  rm -rf "$tmp"
}

MIDAS_TEST=usr/lib/eso-midas/22FEB/test
extract eso-midas-testdata "$MIDAS_DIR/pkg" "$MIDAS_TEST/prim/ISAAC.2006-04-13T06:32:38.944.fits" "$MIDAS_TEST/prim/NOT.fits" \
  "$MIDAS_TEST/prim/dss_test1.fits" "$MIDAS_TEST/prim/vimos.fits" "$MIDAS_TEST/prim/nocdelt.fits" "$MIDAS_TEST/fits/tst0003.mt" \
  "$MIDAS_TEST/prim/badfitskeys.mt" "$MIDAS_TEST/prim/image_M12c.fits" "$MIDAS_TEST/prim/timmi2.fits" "$MIDAS_TEST/prim/wcstest.mt"
for f in "ISAAC.2006-04-13T06:32:38.944.fits" NOT.fits; do
  [ -f "$MIDAS_DIR/$f" ] || cp "$MIDAS_DIR/pkg/$MIDAS_TEST/prim/$f" "$MIDAS_DIR/$f"
done
PY=usr/lib/python3/dist-packages
extract python3-astroquery "$CACHE/astroquery" "$PY/astroquery/magpis/tests/data/image.fits" \
  "$PY/astroquery/image_cutouts/first/tests/data/image.fits" "$PY/astroquery/ipac/irsa/irsa_dust/tests/data/test.fits" \
  "$PY/astroquery/ipac/irsa/sha/tests/data/img.fits" "$PY/astroquery/cadc/tests/data/query_images.fits" \
  "$PY/astroquery/astrometry_net/tests/data/thumbnail-image.fit.gz" "$PY/astroquery/ukidss/tests/data/image.fits"
extract python3-reproject "$CACHE/reproject" "$PY/reproject/interpolation/tests/reference/test_reproject_celestial_3d_equ2gal.fits" \
  "$PY/reproject/tests/data/equatorial_3d.fits"
extract python3-photutils "$CACHE/photutils" "$PY/photutils/datasets/data/fermi_counts.fits.gz"
echo "$CACHE"
