#!/usr/bin/env bash
# Inside a private D-Bus session: an unlocked gnome-keyring (the real Secret Service),
# then the real-keyring Rust test and the real-app tests on an Xvfb display; `no-keyring`
# runs the real app with no session bus at all.
set -euo pipefail
cd "$(dirname "$0")/../.."
# A throwaway home keeps the keyring and app data of this run apart from the user's.
export CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}" RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}"
export PATH="$CARGO_HOME/bin:$PATH"
export HOME
HOME=$(mktemp -d)
mode=${1:-all}
if [ "$mode" != no-keyring ] && [ "$mode" != pack-cli ]; then
  eval "$(printf 'e2e-keyring' | gnome-keyring-daemon --unlock --components=secrets --daemonize)"
  export GNOME_KEYRING_CONTROL
fi
if [ "$mode" = keyring ] || [ "$mode" = all ]; then
  cargo test -q -p admin-console --features tauri/custom-protocol --lib tokens:: -- --ignored 2>&1
fi
if [ "$mode" = app ] || [ "$mode" = all ]; then
  xvfb-run -a -s "-screen 0 1280x860x24" node --test --test-reporter=spec tests/e2e/app.test.mjs 2>&1
fi
# No Secret Service at all (issue 16): the session bus the app is given does not exist.
if [ "$mode" = no-keyring ] || [ "$mode" = all ]; then
  DBUS_SESSION_BUS_ADDRESS="unix:path=$HOME/no-bus" NO_AT_BRIDGE=1 \
    xvfb-run -a -s "-screen 0 1280x860x24" node --test --test-reporter=spec tests/e2e/no-keyring.test.mjs 2>&1
fi
# The compliance pack as a scheduled job runs it (issue 20): no display and no session bus.
if [ "$mode" = pack-cli ] || [ "$mode" = all ]; then
  env -u DISPLAY -u WAYLAND_DISPLAY node --test --test-reporter=spec tests/e2e/pack-cli.test.mjs 2>&1
fi
