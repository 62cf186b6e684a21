#!/usr/bin/env bash
# Checks that fail the test run without running a test: formatting, merge leftovers,
# ignored files in git, i18n catalogs, clippy, the UI's typecheck and lint. One line each, then "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
passed=0
failed=0

gate() {
  local name=$1
  shift
  if out=$("$@" 2>&1); then
    passed=$((passed + 1))
    echo "ok    $name"
  else
    failed=$((failed + 1))
    echo "FAIL  $name"
    echo "$out" | head -40 | sed 's/^/      /'
  fi
}

no_leftovers() {
  local left
  left=$(git ls-files '*.orig' '*.rej'; git ls-files -ci --exclude-standard)
  [ -z "$left" ] || { echo "tracked merge leftovers or ignored files:"; echo "$left"; return 1; }
}

gate "cargo fmt --check" cargo fmt --all -- --check
gate "no tracked merge leftovers or ignored files" no_leftovers
gate "i18n catalogs have the same keys" node scripts/i18n-check.mjs
gate "cargo clippy -D warnings" cargo clippy -q --workspace --all-targets --features tauri/custom-protocol -- -D warnings
# Licenses, bans and sources (deny.toml); the advisories check needs the RustSec database
# from outside the package registries: a release-machine step (docs/reliability.md).
deny_bin=${TOOLS_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/admin-console/tools}/bin
gate "cargo deny check licenses bans sources" env PATH="$deny_bin:$PATH" cargo deny check licenses bans sources
gate "TypeScript strict typecheck (ui)" npm --workspace ui run -s typecheck
gate "ESLint, zero warnings (ui)" npm --workspace ui run -s lint -- --max-warnings 0

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
