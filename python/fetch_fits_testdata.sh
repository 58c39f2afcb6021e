#!/usr/bin/env bash
# Real telescope FITS images for the org.cutouts.fits tests, from Debian packages (never committed).
# Idempotent: installs/extracts only what is missing. Prints the cache directory on its last line.
#   python-drizzle-testdata  (installed)  HST ACS/HRC 47 Tuc FLT + drizzled products
#   python3-astropy          (installed)  reference implementation + io/fits/tests/data/comp.fits (Rice)
#   eso-midas-testdata       (NOT installed: apt-get download + dpkg -x into the cache) VLT/ISAAC, NOT.fits
# Override the cache with CUTOUTS_FITS_TESTDATA=/some/dir.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${CUTOUTS_FITS_TESTDATA:-$ROOT/build/cache/fits-testdata}"
DRIZZLE=/usr/share/python-drizzle/test_data/j8bt06nyq_flt.fits
COMP=/usr/lib/python3/dist-packages/astropy/io/fits/tests/data/comp.fits
MIDAS_DIR="$CACHE/eso-midas"
ISAAC="$MIDAS_DIR/ISAAC.2006-04-13T06:32:38.944.fits"

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

if [ ! -f "$ISAAC" ] || [ ! -f "$MIDAS_DIR/NOT.fits" ]; then
  TMP="$(mktemp -d)"
  trap 'rm -rf "$TMP"' EXIT
  chmod 777 "$TMP"   # apt-get download runs as _apt where it can
  ( cd "$TMP" && { apt-get download -q eso-midas-testdata >&2 || { apt-get update -q >&2 && apt-get download -q eso-midas-testdata >&2; }; } )
  dpkg -x "$TMP"/eso-midas-testdata_*.deb "$TMP/x"
  mkdir -p "$MIDAS_DIR"
  for f in "ISAAC.2006-04-13T06:32:38.944.fits" NOT.fits; do
    cp "$(find "$TMP/x" -name "$f" | head -1)" "$MIDAS_DIR/$f"
  done
fi
echo "$CACHE"
