#!/usr/bin/env bash
# Inside a private D-Bus session: an unlocked gnome-keyring (the real Secret Service),
# then the real-keyring Rust test and the real-app tests on an Xvfb display.
set -euo pipefail
cd "$(dirname "$0")/../.."
# A throwaway home keeps the keyring and app data of this run apart from the user's.
export CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}" RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}"
export PATH="$CARGO_HOME/bin:$PATH"
export HOME
HOME=$(mktemp -d)
eval "$(printf 'e2e-keyring' | gnome-keyring-daemon --unlock --components=secrets --daemonize)"
export GNOME_KEYRING_CONTROL
mode=${1:-all}
if [ "$mode" = keyring ] || [ "$mode" = all ]; then
  cargo test -q -p admin-console --features tauri/custom-protocol --lib tokens:: -- --ignored 2>&1
fi
if [ "$mode" = app ] || [ "$mode" = all ]; then
  xvfb-run -a -s "-screen 0 1280x860x24" node --test --test-reporter=spec tests/e2e/app.test.mjs 2>&1
fi
