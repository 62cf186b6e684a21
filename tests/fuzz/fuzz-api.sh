#!/usr/bin/env bash
# Fuzzes every operation of the admin API from its own OpenAPI document, as each role, with
# Schemathesis (pinned in tests/fuzz/requirements.txt, installed by scripts/bootstrap.sh
# --reliability). Checks: no 5xx, responses conform to the document (schema, status, content type),
# and requests valid by the document are accepted; exceptions are in schemathesis.toml.
#
#   tests/fuzz/fuzz-api.sh                      # the CI layer: 50 examples per operation
#   FUZZ_EXAMPLES=1000 tests/fuzz/fuzz-api.sh   # before a release: 1,000 per operation
#
# Each role fuzzes its own copy of the seeded demo database on its own service, so what one
# role does (an operator blocking users, a manager revoking roles) cannot end another role's
# session. The caller's own sign-out and password change run after the rest, in a run of
# their own. Ends with "N passed, N failed", one test per role and run.
set -uo pipefail
cd "$(dirname "$0")/../.."
here=tests/fuzz
examples=${FUZZ_EXAMPLES:-50}
venv=${FUZZ_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/admin-console/schemathesis}
st=$venv/bin/schemathesis
[ -x "$st" ] || { echo "no $st: run scripts/bootstrap.sh --test"; echo "0 passed, 1 failed"; exit 1; }

export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target}
cargo build -q -p admin-service || { echo "0 passed, 1 failed"; exit 1; }
bin=$CARGO_TARGET_DIR/debug/admin-service

# Databases in a temporary folder; reports and the services' logs stay in $out.
work=$(mktemp -d /tmp/fuzz-api.XXXXXX)
out=${FUZZ_OUT:-$CARGO_TARGET_DIR/fuzz-api}
rm -rf "$out" && mkdir -p "$out"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  wait 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# Starts the service on a free port and sets `url` to its base URL once it listens.
serve() {
  local db=$1 log=$2
  shift 2
  url=
  "$bin" serve --listen 127.0.0.1:0 --database "sqlite://$db" "$@" >"$log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 600); do
    url=$(grep -Eo 'listening on http://[0-9.:]+' "$log" | head -1 | cut -d' ' -f3)
    [ -n "$url" ] && return 0
    sleep 0.2
  done
  echo "the service did not start:"
  tail -20 "$log"
  return 1
}

stop_last() {
  local pid=${pids[-1]}
  kill "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  unset 'pids[-1]'
}

# Seed once; each role starts from a copy.
echo "seeding the demo database"
serve "$work/seed.sqlite" "$out/seed.log" --demo || { echo "0 passed, 1 failed"; exit 1; }
stop_last

# role name, username (crates/service/src/demo.rs; --demo prints them)
roles=(
  "operator operator@demo.example"
  "account-manager manager@demo.example"
  "channel-manager aino.virtanen@demo.example"
  "viewer sofia.koskinen@demo.example"
)
# The caller's own session and password: fuzzed last, in a run of their own.
session_ops=(--include-path /api/v1/sessions/current --include-path /api/v1/me/password)
rest_ops=(--exclude-path /api/v1/sessions/current --exclude-path /api/v1/me/password)

passed=0
failed=0
export FUZZ_PASSWORD=demo-password
start=$(date +%s)
for entry in "${roles[@]}"; do
  read -r role user <<<"$entry"
  # FUZZ_ROLES="operator viewer" fuzzes only those.
  [[ -z "${FUZZ_ROLES:-}" || " $FUZZ_ROLES " == *" $role "* ]] || continue
  for part in operations session; do
    # Each part on a fresh copy: the first may lock the caller out (the fuzzer reuses the
    # usernames it reads from answers when it signs in with wrong passwords).
    cp "$work/seed.sqlite" "$work/$role-$part.sqlite"
    # With its write-ahead log, in case the seeding service stopped before a checkpoint.
    [ -f "$work/seed.sqlite-wal" ] && cp "$work/seed.sqlite-wal" "$work/$role-$part.sqlite-wal"
    serve "$work/$role-$part.sqlite" "$out/$role-$part.log" || { failed=$((failed + 1)); continue; }
    export FUZZ_USERNAME=$user
    if [ "$part" = operations ]; then ops=("${rest_ops[@]}"); else ops=("${session_ops[@]}"); fi
    echo
    echo "--- $role ($user): $part, $examples examples per operation"
    if "$st" --config-file "$here/schemathesis.toml" run "$url/api/v1/openapi.json" \
      "${ops[@]}" --max-examples "$examples" --phases examples,coverage,fuzzing \
      --workers "${FUZZ_WORKERS:-4}" --seed "${FUZZ_SEED:-17}" --no-color \
      --report junit --report-junit-path "$out/$role-$part.xml" \
      >"$out/$role-$part.txt" 2>&1; then
      passed=$((passed + 1))
    else
      failed=$((failed + 1))
      sed -n '/^=* FAILURES =*$/,/^=* SUMMARY =*$/p' "$out/$role-$part.txt" | head -200
    fi
    # The summary: operations, phases, failures and the generated case count.
    sed -n '/^=* SUMMARY =*$/,$p' "$out/$role-$part.txt"
    stop_last
    # A request the service failed on leaves a panic or an error line in its log.
    sed 's/\x1b\[[0-9;]*m//g' "$out/$role-$part.log" | grep -E 'panicked| ERROR ' | head -20
  done
done
echo
echo "fuzzed in $(($(date +%s) - start)) s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
