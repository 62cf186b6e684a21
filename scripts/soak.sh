#!/usr/bin/env bash
# Soak benchmark (issue 17): the release console on the demo workspace for MINUTES (default
# 10) with a sync every 30 s while tauri-driver cycles the panels; PSS of all its processes
# every 10 s and the growth from minute 2 to the end. Figures go to docs/benchmarks.md by hand.
# `--syncs off` or `--panels off` (passed on to scripts/soak.mjs) leaves one of them out.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}"
export PATH="$CARGO_HOME/bin:$PATH"
target=${CARGO_TARGET_DIR:-target}
case $target in /*) ;; *) target="$PWD/$target" ;; esac

if [ "${1:-}" != --inside ]; then
  npm --workspace ui run build
  cargo build --release -p admin-console --features tauri/custom-protocol
  exec dbus-run-session -- "$0" --inside "$@"
fi
shift

# A keyring of this run's own: one left in the home by an earlier run has another password
# and stays locked, and the console then keeps its sign-in for one start only.
eval "$(printf 'soak-keyring' | XDG_DATA_HOME="$(mktemp -d)" gnome-keyring-daemon --unlock --components=secrets --daemonize)"
export GNOME_KEYRING_CONTROL
xvfb-run -a -s "-screen 0 1280x860x24" node scripts/soak.mjs \
  --console "$target/release/admin-console" --minutes "${MINUTES:-10}" "$@"
