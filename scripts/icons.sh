#!/usr/bin/env bash
# Regenerates the bundle icons (PNG sizes, .icns for macOS, .ico and Store logos for Windows)
# from the one source image, icons/source.svg, with the Tauri CLI. Mobile icons are not kept:
# the console is a desktop app.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
npx --no-install tauri icon icons/source.svg -o "$out" >/dev/null 2>&1
cp "$out"/*.png "$out"/icon.icns "$out"/icon.ico icons/
