#!/usr/bin/env bash
# benchmarks/setup.sh - install what only the benchmark needs into .venv (idempotent).
#
#   feedparser==6.0.12          the version Home Assistant 2026.10's feedreader manifest pins
#   jsonpath-python, xmltodict  the versions HA's rest manifest pins (its module imports them)
#   matplotlib                  the plot
#   pyinstrument, py-spy        profiling (`--profile` of benchmarks.worker, py-spy by hand)
#
# The CI smoke test (benchmarks/test_smoke.py) needs none of these.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[ -x .venv/bin/python ] || { echo "benchmarks/setup.sh: .venv missing; run scripts/setup first" >&2; exit 1; }
manifest() {  # the requirement pinned by a Home Assistant manifest
  .venv/bin/python - "$1" "$2" <<'PY'
import json, sys
from pathlib import Path
import homeassistant.components as components
manifest = Path(components.__path__[0]) / sys.argv[1] / "manifest.json"
print(next(r for r in json.loads(manifest.read_text())["requirements"] if r.startswith(sys.argv[2])))
PY
}
.venv/bin/uv pip install --python .venv/bin/python \
  "$(manifest feedreader feedparser)" \
  "$(manifest rest jsonpath-python)" "$(manifest rest xmltodict)" \
  matplotlib pyinstrument py-spy
