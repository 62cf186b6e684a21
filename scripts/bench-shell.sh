#!/usr/bin/env bash
# Start-up and memory of the console against a bare Tauri 2 window (bench/bare-window, same
# Tauri), both release builds, measured in the same run under Xvfb (issue 18): cold start
# (process start to the first panel drawn with data; the bare window: its first script ran),
# panel switch (every panel), PSS of all processes (first panel idle, after every panel;
# signed in to an external admin-service, and with the embedded demo), and the .deb sizes.
# Figures go to docs/benchmarks.md by hand. RUNS=N sets the runs of each (default 5).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}"
export PATH="$CARGO_HOME/bin:$PATH"
target=${CARGO_TARGET_DIR:-target}
case $target in /*) ;; *) target="$PWD/$target" ;; esac

if [ "${1:-}" != --inside ]; then
  npm --workspace ui run build
  # One cargo call for all three, so the console and the bare window share one build of Tauri
  # (same version, same features) and the external service (not measured) reuses their crates.
  cargo build --release -p admin-console -p bare-window -p admin-service --features tauri/custom-protocol
  # The packages: from the release binaries just built, nothing compiled again.
  npx tauri bundle --bundles deb --config '{"build":{"beforeBuildCommand":""}}' >/dev/null
  (cd bench/bare-window && npx tauri bundle --bundles deb >/dev/null)
  # A D-Bus session with an unlocked keyring, so the console keeps its sign-in across starts.
  exec dbus-run-session -- "$0" --inside
fi

# A keyring of this run's own: one left in the home by an earlier run has another password
# and stays locked, and the console then keeps its sign-in for one start only.
eval "$(printf 'bench-keyring' | XDG_DATA_HOME="$(mktemp -d)" gnome-keyring-daemon --unlock --components=secrets --daemonize)"
export GNOME_KEYRING_CONTROL
xvfb-run -a -s "-screen 0 1280x860x24" node scripts/bench-shell.mjs \
  --console "$target/release/admin-console" \
  --bare "$target/release/bare-window" \
  --service "$target/release/admin-service" \
  --runs "${RUNS:-5}"
echo
for deb in "$target"/release/bundle/deb/*.deb; do
  echo ".deb: $(basename "$deb") $(du -k "$deb" | cut -f1) kB"
done
