#!/usr/bin/env bash
# The README's tour of grounded-cli on real transcript files. Run by the
# first README command, and as a test, so the README's tour stays true.
# usage: tests/cli/tour.sh [BUILD_DIR]
set -euo pipefail

build=$(cd "${1:-_build}" && pwd)
cli="$build/src/cli/grounded-cli"
data=$(cd "$(dirname "$0")/../data" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export XDG_CACHE_HOME="$work/cache"
cd "$work"

# Shows each command as a reader would type it, then runs it.
run () {
  local shown=""

  for arg in "$@"; do
    case "$arg" in
      *[\ \;\'\&\|\<\>\(\)\#]*|"") shown+=" \"$arg\"" ;;
      *) shown+=" $arg" ;;
    esac
  done
  printf '\n$ grounded-cli%s\n' "$shown" | sed "s|$data/|tests/data/|g"
  "$cli" "$@"
}

run --coder "Ayu" new kam.grounded --name "KAM motivation"
run cases kam.grounded import "$data/respondents.csv"
run import kam.grounded "$data/cli-interview-utf8.txt" --case "Respondent 1"
run import kam.grounded "$data/cli-interview-utf16le.txt" --case "Respondent 2"
run import kam.grounded "$data/cli-interview-cp1252.txt" "$data/cli-interview.md" --case "Respondent 3"
run sources kam.grounded

run codes kam.grounded add Intrinsic --kind aggregate-dimension --color "#3584e4"
run codes kam.grounded add Extrinsic --kind aggregate-dimension --color "#e66100"
run codes kam.grounded add "Belief of Value of Job" --parent Intrinsic --kind sub-theme
run codes kam.grounded add "External Regulation" --parent Extrinsic --kind theme
run codes kam.grounded add "Working Condition" --parent "External Regulation" --kind sub-theme
run codes kam.grounded add "kepercayaan" --description "in vivo: the respondents' own word for trust"
run codes kam.grounded move kepercayaan --parent "Belief of Value of Job"
run codes kam.grounded

run code kam.grounded cli-interview-utf8 "Belief of Value of Job" \
  --quote "Trust is everything; tanpa kepercayaan, tidak ada solusi." --representative
run code kam.grounded cli-interview-utf8 kepercayaan --quote "Kepercayaan nasabah."
# Offsets count code points (as GtkTextIter does): "𝒜" is one character.
run code kam.grounded cli-interview-utf8 "Working Condition" --start 93 --end 153
run relate kam.grounded kepercayaan "Belief of Value of Job" --kind property-of
run memo kam.grounded add --code "Belief of Value of Job" "Trust comes up unprompted in every interview."

run quotes kam.grounded Intrinsic --descendants
run search kam.grounded cafe
run frequencies kam.grounded --by case
run frequencies kam.grounded --by attribute --attribute gender

run history kam.grounded --limit 4
run undo kam.grounded
run codings kam.grounded
run redo kam.grounded
run info kam.grounded
