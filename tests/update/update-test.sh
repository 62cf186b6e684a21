#!/usr/bin/env bash
# Layer "update" (4S-UPDATES-WEEKLY): the installed .deb updates itself from a signed feed.
#
# Builds two debug .deb packages of the console (the version in tauri.conf.json and one
# patch newer), both trusting a throwaway minisign key made here with the Tauri CLI's signer
# (the committed tauri.conf.json keeps the release public key; no private key is committed).
# A loopback HTTP server serves three feeds: one with a tampered artifact, one signed with
# another key, one good. The installed older package is driven headless through
# `--update-check-and-install <feed>` (the same updater code path as Settings, without a
# window: GTK still needs a display, so it runs under xvfb-run). The first two are refused
# and nothing is installed; the good one really runs `dpkg -i` (as root, through sudo, as
# the updater plugin does) and the newer version then reports itself with `--version`.
# The newer one is bundled as .rpm too and its metadata read back with `rpm -qp`.
# Everything installed is removed at the end. Prints "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$PWD/target}
PKG=admin-console
BIN=/usr/bin/admin-console

passed=0
failed=0
ok() { echo "ok - $1"; passed=$((passed + 1)); }
not_ok() { echo "not ok - $1"; failed=$((failed + 1)); }
finish() {
  echo
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit $?
}

if [ "$(id -u)" -ne 0 ]; then
  echo "the update layer installs a .deb and needs root"
  not_ok "running as root"
  finish
fi
if dpkg-query -W -f='${Status}' "$PKG" 2>/dev/null | grep -q "install ok installed"; then
  echo "$PKG is already installed on this machine; the test will not replace it"
  not_ok "no $PKG installed before the test"
  finish
fi

work=$(mktemp -d)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null
  dpkg -r "$PKG" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

tauri() { npx --no-install tauri "$@" 2>&1 | grep -v '^npm warn'; }

old=$(python3 -c 'import json; print(json.load(open("tauri.conf.json"))["version"])')
new=$(python3 -c "v='$old'.split('.'); v[2]=str(int(v[2])+1); print('.'.join(v))")
echo "=== keys, then $old and $new as .deb"
tauri signer generate --ci -p "" -w "$work/trusted.key" >/dev/null
tauri signer generate --ci -p "" -w "$work/other.key" >/dev/null
pub=$(cat "$work/trusted.key.pub")

# The UI is built once; both packages embed the same one.
npm --workspace ui run build >/dev/null 2>&1 || { not_ok "ui build"; finish; }
build() { # version bundles
  local version=$1 bundles=$2 start=$SECONDS
  local config
  config=$(printf '{"version":"%s","build":{"beforeBuildCommand":""},"plugins":{"updater":{"pubkey":"%s"}}}' "$version" "$pub")
  rm -f "$CARGO_TARGET_DIR"/debug/bundle/deb/*.deb "$CARGO_TARGET_DIR"/debug/bundle/rpm/*.rpm
  if ! tauri build --debug --bundles "$bundles" --config "$config" >"$work/build-$version.log"; then
    tail -30 "$work/build-$version.log"
    return 1
  fi
  cp "$CARGO_TARGET_DIR"/debug/bundle/deb/*_"${version}"_amd64.deb "$work/$version.deb"
  echo "built $version.deb ($(du -h "$work/$version.deb" | cut -f1)) in $((SECONDS - start)) s"
}
build "$old" deb || { not_ok "build $old.deb"; finish; }
# The newer one is also bundled as .rpm, to show that package is made offline with its metadata.
build "$new" deb,rpm || { not_ok "build $new.deb and .rpm"; finish; }
rpm_file=$(ls "$CARGO_TARGET_DIR"/debug/bundle/rpm/*-"${new}"-*.rpm 2>/dev/null | head -1)
if [ -n "$rpm_file" ] && rpm -qp --queryformat '%{NAME} %{VERSION} %{LICENSE}\n' "$rpm_file" 2>/dev/null | grep -qx "$PKG $new MIT"; then
  ok "the .rpm of $new names the package, its version and licence"
else
  not_ok "an .rpm of $new with its metadata (${rpm_file:-none built})"
fi

# The feeds: a static latest.json per case, as the release pipeline publishes one per channel.
sign() { # file key -> signature text
  tauri signer sign -f "$2" -p "" "$1" >/dev/null && cat "$1.sig"
}
www=$work/www
mkdir -p "$www/good" "$www/tampered" "$www/other-key"
cp "$work/$new.deb" "$www/good/console.deb"
cp "$work/$new.deb" "$www/tampered/console.deb"
cp "$work/$new.deb" "$www/other-key/console.deb"
good_sig=$(sign "$www/good/console.deb" "$work/trusted.key")
other_sig=$(sign "$www/other-key/console.deb" "$work/other.key")
# One byte changed deep inside the package, after it was signed.
python3 - "$www/tampered/console.deb" <<'PY'
import sys
p = sys.argv[1]
b = bytearray(open(p, "rb").read())
b[len(b) // 2] ^= 0xFF
open(p, "wb").write(bytes(b))
PY
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
feed() { # dir signature
  python3 - "$www/$1/latest.json" "$new" "$2" "http://127.0.0.1:$port/$1/console.deb" <<'PY'
import json, sys
path, version, signature, url = sys.argv[1:]
json.dump({
    "version": version,
    "notes": f"Release {version}: weekly fixes.",
    "pub_date": "2026-11-20T10:00:00Z",
    "platforms": {"linux-x86_64-deb": {"signature": signature, "url": url}},
}, open(path, "w"))
PY
}
feed good "$good_sig"
feed tampered "$good_sig"
feed other-key "$other_sig"
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$www" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 50); do
  curl -sf "http://127.0.0.1:$port/good/latest.json" >/dev/null && break
  sleep 0.1
done

echo "=== install $old"
if dpkg -i "$work/$old.deb" >"$work/dpkg.log" 2>&1; then ok "dpkg -i $old.deb"; else cat "$work/dpkg.log"; not_ok "dpkg -i $old.deb"; finish; fi
reports() { "$BIN" --version 2>/dev/null | grep -qx "Admin Console $1"; }
installed() { [ "$(dpkg-query -W -f='${Version}' "$PKG" 2>/dev/null)" = "$1" ]; }
if reports "$old"; then ok "the installed console reports $old"; else not_ok "the installed console reports $old"; fi

update() { # case -> exit status; output in $work/<case>.out
  local start=$SECONDS status
  HOME="$work/home-$1" timeout 600 xvfb-run -a "$BIN" --update-check-and-install \
    "http://127.0.0.1:$port/$1/latest.json" >"$work/$1.out" 2>&1
  status=$?
  echo "--- $1 (exit $status, $((SECONDS - start)) s)"
  grep -E '^update' "$work/$1.out"
  return $status
}

echo "=== refused: tampered artifact, feed signed with another key"
for case in tampered other-key; do
  update "$case"
  status=$?
  if [ "$status" -eq 2 ] && grep -q "update failed: the update's signature does not match this console's public key" "$work/$case.out" \
    && grep -q "nothing was installed" "$work/$case.out"; then
    ok "4S-UPDATES-WEEKLY: $case is refused with a clear message"
  else
    cat "$work/$case.out"
    not_ok "4S-UPDATES-WEEKLY: $case is refused with a clear message"
  fi
  if installed "$old" && reports "$old"; then
    ok "after $case: $old still installed and running"
  else
    not_ok "after $case: $old still installed and running"
  fi
done

echo "=== accepted: the good feed"
update good
status=$?
if [ "$status" -eq 0 ] && grep -q "update: found $new (installed $old)" "$work/good.out" \
  && grep -q "update: installed $new" "$work/good.out"; then
  ok "4S-UPDATES-WEEKLY: $old finds $new, downloads it, accepts the signature and installs it"
else
  cat "$work/good.out"
  not_ok "4S-UPDATES-WEEKLY: $old finds $new, downloads it, accepts the signature and installs it"
fi
if installed "$new"; then ok "dpkg lists $PKG $new"; else not_ok "dpkg lists $PKG $new"; fi
if reports "$new"; then ok "the updated console reports $new"; else "$BIN" --version; not_ok "the updated console reports $new"; fi

echo "=== once updated, the same feed offers nothing"
update good
if [ $? -eq 0 ] && grep -q "update: no newer version than $new" "$work/good.out"; then
  ok "$new finds no newer version"
else
  cat "$work/good.out"
  not_ok "$new finds no newer version"
fi

dpkg -r "$PKG" >/dev/null 2>&1
if dpkg-query -W -f='${Status}' "$PKG" 2>/dev/null | grep -q "install ok installed"; then
  not_ok "$PKG removed at the end"
else
  ok "$PKG removed at the end"
fi
finish
