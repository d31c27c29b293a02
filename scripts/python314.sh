#!/usr/bin/env bash
# scripts/python314.sh - a private CPython 3.14 for Debian/Ubuntu x86_64 hosts whose
# own Python is too old for Home Assistant 2026.3+ (needs >= 3.14.2), made from
# Debian testing/sid *binary* .debs without touching the system.  Adapted from the
# team recipe (shared/toolchain/get-python314.sh) so the repo works on its own;
# scripts/setup calls it only when no python3.14 >= 3.14.2 is on PATH.
#
#   bash scripts/python314.sh [PREFIX]
#
#   PREFIX  absolute dir for the interpreter (default $HOME/.cache/status-tracker/py314).
#           The patched ELF interpreter path is absolute, so PREFIX cannot be moved
#           or copied elsewhere afterwards (re-run the script instead).
#
# Prints the interpreter's path ($PREFIX/root/usr/bin/python3.14) as the last line
# of stdout; progress goes to stderr.  $PREFIX/bin/python3.14 is an exec wrapper
# for it.  Make venvs from either; NEVER from a *symlink* to it (the venv would
# record home=<symlink dir> and then cannot find its stdlib).  Use absolute paths
# to a venv's python (uv pip install --python /abs/.venv/bin/python).
#
# Env knobs:
#   DEBS_DIR=DIR       offline/reproducible mode: take the .debs from DIR (e.g.
#                      ../shared/toolchain/debs, versions in its debs.lock) and skip
#                      apt entirely.  DIR is only READ here (unlike the shared
#                      recipe, which rewrites it when incomplete: as root the
#                      read-only mode bits of a shared folder would not stop that).
#                      If DIR lacks python3.14_*.deb or patchelf_*.deb, download.
#   SAVE_DEBS=DIR      after a download, copy the .debs used into DIR (to refresh
#                      a saved set).
#   SUITE=testing|sid  Debian suite for python3.14 + glibc (default testing; both
#                      need glibc >= 2.42, which bookworm/trixie do not have).
#   DEBIAN_ARCHIVE=URL archive to download from (default: the first one in /etc/apt).
#   WITH_DEV=1         also unpack python3.14-dev headers (to build C extensions
#                      from sdists with the host gcc); not needed for HA 2026.10.
#   FORCE=1            rebuild PREFIX/root even if it already works.
#
# Needs only apt-get + dpkg and the Debian archive (or DEBS_DIR).  No apt-get
# install, no dpkg -i, no LD_LIBRARY_PATH: python3.14's PT_INTERP points at the
# private ld.so and its DT_RPATH at the private lib dir, so extension modules,
# sys.executable, subprocesses and venvs just work, while system binaries started
# from Python (git, sh, ...) keep the system glibc.
#
# Pitfalls this works around:
#   - apt runs with private sources/lists/cache and an EMPTY dpkg status, so it
#     resolves the full dependency closure and never locks /var/lib/dpkg.
#   - the reachable archive snapshot can be past its Valid-Until date.
#   - patchelf must be bookworm's 0.14.3: testing/sid's 0.18.0 produced a
#     python3.14 that segfaults at start.
#   - Debian's ensurepip takes pip from the compile-time WHEEL_PKG_DIR
#     (/usr/share/python-wheels), which on bookworm holds pip 23.0.1 (fails on
#     3.14): it is repointed at the private python3-pip-whl.
#   - Debian .debs ship no .pyc (postinst makes them): the stdlib is precompiled.
set -euo pipefail

PREFIX=${1:-$HOME/.cache/status-tracker/py314}
SUITE=${SUITE:-testing}
DEBS_DIR=${DEBS_DIR:-}
SAVE_DEBS=${SAVE_DEBS:-}
case $PREFIX in /*) ;; *) echo "PREFIX must be an absolute path" >&2; exit 2 ;; esac
command -v dpkg >/dev/null && command -v apt-get >/dev/null \
  || { echo "python314.sh needs dpkg + apt-get (Debian/Ubuntu)" >&2; exit 2; }
[ "$(dpkg --print-architecture)" = amd64 ] || { echo "python314.sh: amd64 only" >&2; exit 2; }

ROOT=$PREFIX/root
APTD=$PREFIX/apt
DEBS=$APTD/cache/archives
LIB=$ROOT/usr/lib/x86_64-linux-gnu
PY=$ROOT/usr/bin/python3.14
T0=$(date +%s)
exec 3>&1 1>&2          # everything but the final path goes to stderr
log() { printf '[python314 %3ss] %s\n' "$(( $(date +%s) - T0 ))" "$*" >&2; }

# Two setups at once (e.g. parallel CI jobs sharing $HOME) must not build into
# the same PREFIX together.
mkdir -p "$PREFIX"
exec 9>"$PREFIX.lock"
flock 9

selfcheck() {
  "$1" - <<'EOF'
import sys, subprocess
assert sys.version_info >= (3, 14, 2), sys.version
import ssl, sqlite3, ctypes, zlib, lzma, bz2, hashlib, uuid, _decimal, json, readline, curses
import compression.zstd, asyncio, venv, ensurepip, zoneinfo, pwd, socket
ctypes.CDLL(None).getpid()
out = subprocess.run([sys.executable, "-c", "import sys; print(sys.executable)"],
                     capture_output=True, text=True, check=True).stdout.strip()
assert out == sys.executable, (out, sys.executable)
subprocess.run(["sh", "-c", "true"], check=True)      # system binaries still fine
print("ok", sys.version.split()[0], ssl.OPENSSL_VERSION, "sqlite", sqlite3.sqlite_version)
EOF
}

if [ "${FORCE:-0}" != 1 ] && [ -x "$PY" ] && selfcheck "$PY" >/dev/null 2>&1; then
  log "reusing $PY"
  echo "$PY" >&3
  exit 0
fi

rm -rf "$ROOT" "$PREFIX/bin" "$APTD" "$PREFIX/debs.lock"
mkdir -p "$APTD"/{etc,lists/partial,tools} "$DEBS/partial" "$ROOT"

if [ -n "$DEBS_DIR" ] && ls "$DEBS_DIR"/python3.14_*.deb "$DEBS_DIR"/patchelf_*.deb >/dev/null 2>&1; then
  log "offline: using .debs from $DEBS_DIR"
  cp "$DEBS_DIR"/*.deb "$DEBS/"
  mv "$DEBS"/patchelf_*.deb "$APTD/tools/"
  if [ -f "$DEBS_DIR/../debs.lock" ] \
     && ! diff -q <(cd "$DEBS" && ls *.deb | grep -v -e '^python3\.14-dev_' -e '^libpython3\.14-dev_') \
                  <(grep -v -e '^patchelf_' -e '^python3\.14-dev_' -e '^libpython3\.14-dev_' "$DEBS_DIR/../debs.lock") >/dev/null; then
    log "WARNING: .debs in $DEBS_DIR differ from $DEBS_DIR/../debs.lock"
  fi
else
  [ -z "$DEBS_DIR" ] || log "$DEBS_DIR has no python3.14/patchelf .debs; downloading instead"
  ARCHIVE=${DEBIAN_ARCHIVE:-$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)}
  [ -n "$ARCHIVE" ] || ARCHIVE=$(awk '$1 == "deb" {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
  [ -n "$ARCHIVE" ] || { echo "no Debian archive URI found in /etc/apt; set DEBIAN_ARCHIVE" >&2; exit 2; }
  cat > "$APTD/etc/sources.list" <<EOF
deb $ARCHIVE $SUITE main
deb $ARCHIVE bookworm main
EOF
  : > "$APTD/status"
  mkdir -p "$APTD/etc/empty.d"     # no host sources.list.d / preferences.d (pins)
  o=(-o Dir::Etc::sourcelist="$APTD/etc/sources.list" -o Dir::Etc::sourceparts="$APTD/etc/empty.d"
     -o Dir::Etc::preferences="$APTD/etc/preferences" -o Dir::Etc::preferencesparts="$APTD/etc/empty.d"
     -o Dir::State::Lists="$APTD/lists"
     -o Dir::State::status="$APTD/status" -o Dir::Cache="$APTD/cache"
     -o APT::Default-Release="$SUITE" -o APT::Architectures::=amd64
     -o Acquire::Languages=none -o APT::Sandbox::User=root -qq
     -o Acquire::Check-Valid-Until=false)
  log "apt-get update ($SUITE + bookworm, private lists)"
  apt-get "${o[@]}" update
  log "download python3.14 + dependency closure from $SUITE"
  # libstdc++6 is not needed by python itself; it keeps C++ wheels (grpcio,
  # numpy, ...) on the same toolchain generation as the private glibc.
  apt-get "${o[@]}" -y -d --no-install-recommends install python3.14 python3.14-venv libstdc++6
  ( cd "$APTD/tools" && apt-get "${o[@]}" download patchelf/bookworm )
  if [ "${WITH_DEV:-0}" = 1 ]; then
    ( cd "$DEBS" && apt-get "${o[@]}" download python3.14-dev libpython3.14-dev )
  fi
  rm -rf "$APTD/lists"                      # 40 MB, only needed for resolving
  if [ -n "$SAVE_DEBS" ]; then
    mkdir -p "$SAVE_DEBS"; rm -f "$SAVE_DEBS"/*.deb
    cp "$DEBS"/*.deb "$APTD"/tools/patchelf_*.deb "$SAVE_DEBS/"
    log "saved .debs to $SAVE_DEBS"
  fi
fi
( cd "$APTD/tools" && dpkg -x patchelf_*.deb . )
PATCHELF=$APTD/tools/usr/bin/patchelf

log "unpack $(ls "$DEBS"/*.deb | wc -l) debs into $ROOT"
for deb in "$DEBS"/*.deb; do
  case ${deb##*/} in
    python3.14-dev_*|libpython3.14-dev_*) [ "${WITH_DEV:-0}" = 1 ] || continue ;;
  esac
  dpkg -x "$deb" "$ROOT"
done
[ -x "$LIB/ld-linux-x86-64.so.2" ] || { echo "no private ld.so in $LIB" >&2; exit 1; }
( cd "$DEBS" && ls *.deb ) > "$PREFIX/debs.lock"      # exact versions used

log "patchelf: PT_INTERP + DT_RPATH -> $LIB"
"$PATCHELF" --set-interpreter "$LIB/ld-linux-x86-64.so.2" --force-rpath --set-rpath "$LIB" "$PY"

SCD=$ROOT/usr/lib/python3.14/_sysconfigdata__linux_x86_64-linux-gnu.py
sed -i "s|'WHEEL_PKG_DIR': '/usr/share/python-wheels/'|'WHEEL_PKG_DIR': '$ROOT/usr/share/python-wheels/'|" "$SCD"
sed -i "s|\"WHEEL_PKG_DIR\": \"/usr/share/python-wheels/\"|\"WHEEL_PKG_DIR\": \"$ROOT/usr/share/python-wheels/\"|" \
    "$ROOT/usr/lib/python3.14/_sysconfig_vars__linux_x86_64-linux-gnu.json"
grep -q "'WHEEL_PKG_DIR': '$ROOT/" "$SCD" || { echo "WHEEL_PKG_DIR patch failed" >&2; exit 1; }

if [ "${WITH_DEV:-0}" = 1 ]; then
  # Debian's pyconfig.h is a multiarch wrapper; make the include dir self-contained.
  cp "$ROOT/usr/include/x86_64-linux-gnu/python3.14/pyconfig.h" "$ROOT/usr/include/python3.14/pyconfig.h"
  rm -f "$LIB"/libpython3.14.a "$ROOT"/usr/lib/python3.14/config-3.14-x86_64-linux-gnu/libpython3.14*.a
fi

log "compileall stdlib"
"$PY" -m compileall -q -j0 "$ROOT/usr/lib/python3.14" >/dev/null 2>&1 || true
rm -rf "$ROOT/usr/share/doc" "$ROOT/usr/share/man" "$ROOT/usr/share/locale" "$ROOT/usr/share/lintian"

# Convenience launchers: exec wrappers, not symlinks (see header).
mkdir -p "$PREFIX/bin"
for n in python3.14 python3 python; do
  printf '#!/bin/sh\nexec %s "$@"\n' "$PY" > "$PREFIX/bin/$n"; chmod +x "$PREFIX/bin/$n"
done
check=$(selfcheck "$PY")
log "self-check: $check"
log "done: $PY  (root $(du -sh "$ROOT" | cut -f1), .debs $(du -sh "$APTD" | cut -f1))"
echo "$PY" >&3
