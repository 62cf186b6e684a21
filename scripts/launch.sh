#!/usr/bin/env bash
# Builds the console and opens it, signed in to the embedded demo workspace.
# Extra arguments go to the app; without --demo it opens on the welcome screen.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
npm --workspace ui run build
cargo build -p admin-console --features tauri/custom-protocol
exec "${CARGO_TARGET_DIR:-target}/debug/admin-console" --demo "$@"
