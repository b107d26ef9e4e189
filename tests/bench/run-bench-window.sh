#!/usr/bin/env bash
# Usage: run-bench-window.sh GROUNDED-CORPUS BENCH-WINDOW DIR
set -euo pipefail
corpus="$1" bench="$2" dir="$3"

if ! command -v xvfb-run >/dev/null; then
  echo "bench-window: xvfb-run is not installed (see .ci/packages)" >&2
  exit 77
fi

for size in L LONG; do
  project="$dir/corpus-$size.grounded"
  if [ ! -f "$project" ]; then
    "$corpus" "$size" "$project.tmp"
    mv "$project.tmp" "$project"
  fi
done

# First as Grounded draws on this machine (it picks cairo where OpenGL is
# a software rasterizer, as under Xvfb), then with GTK's GL renderer forced,
# to show what that choice is worth.
for renderer in "" gl; do
  echo "== GSK_RENDERER=${renderer:-as Grounded chooses}"
  env ${renderer:+GSK_RENDERER=$renderer} xvfb-run -a -s '-screen 0 1600x1000x24' \
    "$bench" "$dir/corpus-L.grounded" "$dir/corpus-LONG.grounded"
done
