#!/usr/bin/env bash
# Runs one dogtail UI test against the real window: a private X server
# (Xvfb), a private session bus and accessibility bus, a private home.
# Usage: run-ui-test.sh BUILD_DIR TEST.py
# Exit 77 (skipped) only where the UI test tools are not installed at all;
# .ci/run installs them, so CI always runs the UI tests.
set -euo pipefail

build_dir="$(cd "$1" && pwd)"
test_script="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"

for tool in xvfb-run dbus-launch /usr/libexec/at-spi-bus-launcher; do
  if ! command -v "$tool" >/dev/null; then
    echo "1..0 # SKIP $tool is not installed (see .ci/packages)"
    exit 77
  fi
done
if ! /usr/bin/python3 -c 'import dogtail' 2>/dev/null; then
  echo "1..0 # SKIP python3-dogtail is not installed (see .ci/packages)"
  exit 77
fi

home="$(mktemp -d /tmp/grounded-ui-XXXXXX)"
trap 'rm -rf "$home"' EXIT
export HOME="$home"
export XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data"
export XDG_CACHE_HOME="$home/cache" XDG_STATE_HOME="$home/state"
export XDG_RUNTIME_DIR="$home/runtime"
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
export GROUNDED_BUILD_DIR="$build_dir"
export GROUNDED_SCREENSHOT_DIR="${GROUNDED_SCREENSHOT_DIR:-$build_dir/tests/ui/screenshots}"
mkdir -p "$GROUNDED_SCREENSHOT_DIR"

# Not exec: the trap above removes the private home once the test is over.
status=0
# shellcheck disable=SC2016
timeout 600 xvfb-run -a -s '-screen 0 1600x1000x24' bash -c '
  set -e
  # Only the test speaks TAP on stdout; the buses and daemons go to stderr.
  exec 3>&1 1>&2
  export GTK_A11Y=atspi NO_AT_BRIDGE=0 GDK_BACKEND=x11
  eval "$(dbus-launch --sh-syntax)"
  trap "kill \$DBUS_SESSION_BUS_PID 2>/dev/null || true" EXIT
  gsettings set org.gnome.desktop.interface toolkit-accessibility true
  /usr/libexec/at-spi-bus-launcher --launch-immediately &
  sleep 1
  /usr/bin/python3 "$0" >&3
' "$test_script" || status=$?
exit "$status"
