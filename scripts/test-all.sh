#!/usr/bin/env bash
# Runs every test layer and says how many tests each ran. Exit status: 0 only if all passed.
set -uo pipefail
cd "$(dirname "$0")/.."
# What the tree looks like before the tests, so the last layer can tell whether they changed it.
tree_state() {
  git status --porcelain=v1 --untracked-files=all 2>/dev/null
  git diff 2>/dev/null | sha1sum
}
tree_before=$(tree_state)
scripts/bootstrap.sh --test || exit 1
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

# A throwaway PostgreSQL cluster on a free loopback port for the service's tests on
# PostgreSQL (issue 23); they create one database each from ADMIN_TEST_PG_URL. Stopped and
# removed on every exit.
pg_dir=$(mktemp -d /tmp/admin-pg.XXXXXX)
trap 'scripts/pg-cluster.sh stop "$pg_dir"' EXIT
pg_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
ADMIN_TEST_PG_URL=$(scripts/pg-cluster.sh start "$pg_dir" "$pg_port") || exit 1
export ADMIN_TEST_PG_URL

logs=$(mktemp -d)

# Every build here is a one-off: incremental state would only fill the disk (5 GB of the 26 GB
# a run left behind, and a CI machine ran out of space in the update layer).
export CARGO_INCREMENTAL=0
target_dir=$(cargo metadata --no-deps --format-version 1 | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')

layers=()
declare -A passed failed status seconds disk free

# The embedded-assets build that the app ships with; tests share it.
features=(--features tauri/custom-protocol)

run() {
  local name=$1
  shift
  echo
  echo "=== $name: $*"
  local start=$SECONDS
  "$@" 2>&1 | tee "$logs/$name.log"
  status[$name]=${PIPESTATUS[0]}
  seconds[$name]=$((SECONDS - start))
  layers+=("$name")
  disk[$name]=$(du -sh "$target_dir" 2>/dev/null | cut -f1)
  free[$name]=$(df -h --output=avail "$target_dir" 2>/dev/null | tail -1 | tr -d ' ')
}

count() {
  local name=$1 log="$logs/$1.log.plain"
  local p f
  # Colour codes would split the numbers from their words.
  sed 's/\x1b\[[0-9;]*m//g' "$logs/$1.log" > "$log"
  case $2 in
    build)
      p=0 f=0 ;;
    cargo)
      p=$(grep -Eo 'test result: [a-zA-Z]+\. [0-9]+ passed' "$log" | grep -Eo '[0-9]+ passed' | awk '{s+=$1} END {print s+0}')
      f=$(grep -Eo '[0-9]+ failed;' "$log" | awk '{s+=$1} END {print s+0}') ;;
    vitest)
      p=$(grep -E '^\s*Tests\s' "$log" | grep -Eo '[0-9]+ passed' | awk '{s+=$1} END {print s+0}')
      f=$(grep -E '^\s*Tests\s' "$log" | grep -Eo '[0-9]+ failed' | awk '{s+=$1} END {print s+0}') ;;
    node)
      p=$(grep -E '^ℹ pass [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')
      f=$(grep -E '^ℹ fail [0-9]+' "$log" | awk '{s+=$3} END {print s+0}') ;;
    plain)
      p=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -1 | awk '{print $1}')
      f=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -1 | awk '{print $3}')
      p=${p:-0} f=${f:-0} ;;
  esac
  passed[$name]=$p
  failed[$name]=$f
  # A layer that exited non-zero without a counted failure still failed.
  if [ "${status[$name]}" -ne 0 ] && [ "$f" -eq 0 ]; then failed[$name]=1; fi
}

# The app crate embeds ui/dist at compile time, so clippy in the gates needs it built first.
run ui-build npm --workspace ui run build
count ui-build build
run gates scripts/gates.sh
count gates plain
run rust cargo test --workspace --no-fail-fast "${features[@]}"
count rust cargo
# The service's integration tests again, every one on PostgreSQL: every file of
# crates/service/tests, so a new one cannot be left out.
pg_tests=()
for file in crates/service/tests/*.rs; do pg_tests+=("$(basename "$file" .rs)"); done
# The workspace and features of the rust layer, so its build is reused: with `-p admin-service`
# alone the features resolve differently and the whole service tree was built a second time.
run service-pg env ADMIN_TEST_BACKEND=postgres cargo test --workspace --no-fail-fast "${features[@]}" "${pg_tests[@]/#/--test=}"
count service-pg cargo
# Every operation of the API fuzzed from its own OpenAPI document as each role (issue 17),
# against the service binary the rust layer built.
run fuzz-api env FUZZ_SERVICE_BIN="$target_dir/debug/admin-service" FUZZ_OUT="$target_dir/fuzz-api" tests/fuzz/fuzz-api.sh
count fuzz-api plain
run ui-components npm --workspace ui run test
count ui-components vitest
run ui-browser npm --workspace ui run test:browser
count ui-browser node
run app-build cargo build -p admin-console "${features[@]}"
count app-build build
run keyring dbus-run-session -- bash tests/e2e/session.sh keyring
count keyring cargo
run real-app dbus-run-session -- bash tests/e2e/session.sh app
count real-app node
# The real app with no Secret Service at all: it starts, says so, the demo works (issue 16).
run no-keyring bash tests/e2e/session.sh no-keyring
count no-keyring node
# The compliance pack from the built binary with no display, as a scheduled job runs it.
run pack-cli bash tests/e2e/session.sh pack-cli
count pack-cli node
# What the real-app run left on disk holds no session token, password, TOTP seed, bearer
# token or card number.
run secrets python3 tests/secrets/scan.py
count secrets plain
# Builds two .deb packages, installs the older one and lets it update itself (as root).
run update bash tests/update/update-test.sh
count update plain

# Tests write only to ignored or temporary places: the tree is as they found it.
tree_clean() {
  local after
  after=$(tree_state)
  if [ "$after" = "$tree_before" ]; then
    echo "1 passed, 0 failed"
  else
    echo "the tests changed the work tree:"
    diff <(echo "$tree_before") <(echo "$after") || true
    echo "0 passed, 1 failed"
    return 1
  fi
}
run tree-clean tree_clean
count tree-clean plain

# Every enforced or measured policy clause is named by a test: one pass per named clause, one
# failure per clause no test names.
clauses() {
  local out named total
  out=$(../shared/policy/clause-coverage 2>&1)
  echo "$out"
  read -r named total < <(echo "$out" | sed -nE 's/^([0-9]+) of ([0-9]+) clauses named by tests$/\1 \2/p')
  [ -n "${named:-}" ] || { echo "0 passed, 1 failed"; return 1; }
  echo "$named passed, $((total - named)) failed"
  [ "$named" -eq "$total" ]
}
run clauses clauses
count clauses plain

echo
echo "=== summary"
total_p=0
total_f=0
for name in "${layers[@]}"; do
  printf '%-14s exit %-3s %4s passed %3s failed %5ss   target %5s, disk free %5s\n' "$name" "${status[$name]}" \
    "${passed[$name]}" "${failed[$name]}" "${seconds[$name]}" "${disk[$name]}" "${free[$name]}"
  total_p=$((total_p + passed[$name]))
  total_f=$((total_f + failed[$name]))
done
echo
echo "$total_p passed, $total_f failed in $SECONDS s"
[ "$total_f" -eq 0 ]
