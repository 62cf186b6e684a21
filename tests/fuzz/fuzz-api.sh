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
# session. The caller's own sign-out and password change run after the rest, each in a run of
# its own on a fresh copy; so does the public sign-in, once, with no session (its wrong
# passwords lock the account they name: UQ-LOCKOUT-3). Ends with "N passed, N failed", one
# test per run.
#
# Roles run side by side, FUZZ_JOBS (default 2) at a time, each Schemathesis with one worker:
# Schemathesis is CPU-bound Python, so a process per core is what makes it faster, and with
# several worker threads in one process Hypothesis raced in its own caches (a KeyError on
# a source file's lines, an "AST constructor recursion depth mismatch"), failing runs that had
# found nothing.
set -uo pipefail
cd "$(dirname "$0")/../.."
here=tests/fuzz
examples=${FUZZ_EXAMPLES:-50}
venv=${FUZZ_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/admin-console/schemathesis}
st=$venv/bin/schemathesis
[ -x "$st" ] || { echo "no $st: run scripts/bootstrap.sh --test"; echo "0 passed, 1 failed"; exit 1; }

export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target}
# The test run passes the service its rust layer built (FUZZ_SERVICE_BIN), so nothing is
# compiled again: `cargo build -p admin-service` alone resolves other features.
bin=${FUZZ_SERVICE_BIN:-}
if [ -z "$bin" ]; then
  cargo build -q -p admin-service || { echo "0 passed, 1 failed"; exit 1; }
  bin=$CARGO_TARGET_DIR/debug/admin-service
fi

# Databases in a temporary folder; reports and the services' logs stay in $out.
work=$(mktemp -d /tmp/fuzz-api.XXXXXX)
out=${FUZZ_OUT:-$CARGO_TARGET_DIR/fuzz-api}
rm -rf "$out" && mkdir -p "$out"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  # The services of the roles' runs were started by their subshells; all serve from $work.
  pkill -f -- "--database sqlite://$work/" 2>/dev/null
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
# Runs on their own, each on a fresh copy: the caller's sign-out and password change (last,
# per role), the public sign-in (once, with no session), and the prober's operations (once,
# with no prober token: a user's session gets 401 there, and Schemathesis signs in again on
# every 401 until the sign-in rate limit refuses it and the rest of the run cannot sign in).
own_ops=(--exclude-path /api/v1/sessions/current --exclude-path /api/v1/me/password
  --exclude-path /api/v1/sessions --exclude-path /api/v1/probe/targets
  --exclude-path /api/v1/probe/reports)

export FUZZ_PASSWORD=demo-password
start=$(date +%s)
# The public sign-in's run has no session: the configuration without its [auth] table.
sed '/^\[auth/,$d' "$here/schemathesis.toml" >"$work/public.toml"

# fuzz NAME CONFIG OPERATION-FILTERS...: one Schemathesis run on a fresh copy of the seed.
# Its verdict goes to $out/NAME.verdict; what to read of it to $out/NAME.report.
fuzz() {
  local name=$1 config=$2
  shift 2
  cp "$work/seed.sqlite" "$work/$name.sqlite"
  # With its write-ahead log, in case the seeding service stopped before a checkpoint.
  [ -f "$work/seed.sqlite-wal" ] && cp "$work/seed.sqlite-wal" "$work/$name.sqlite-wal"
  {
    echo
    echo "--- $name, $examples examples per operation"
    if ! serve "$work/$name.sqlite" "$out/$name.log"; then
      echo failed >"$out/$name.verdict"
      return
    fi
    if "$st" --config-file "$config" run "$url/api/v1/openapi.json" \
      --max-examples "$examples" --phases examples,coverage,fuzzing "$@" \
      --workers "${FUZZ_WORKERS:-1}" --seed "${FUZZ_SEED:-17}" --no-color \
      --report junit --report-junit-path "$out/$name.xml" \
      >"$out/$name.txt" 2>&1; then
      echo passed >"$out/$name.verdict"
    else
      echo failed >"$out/$name.verdict"
      # Tracebacks quote whole source files on one line: the start of each line is enough.
      sed -n '/^=* FAILURES =*$/,/^=* SUMMARY =*$/p;/^=* ERRORS =*$/,/^=* SUMMARY =*$/p' "$out/$name.txt" |
        cut -c1-300 | head -200
    fi
    # The summary: operations, phases, failures and the generated case count.
    sed -n '/^=* SUMMARY =*$/,$p' "$out/$name.txt"
    stop_last
    # A request the service failed on leaves a panic or an error line in its log.
    sed 's/\x1b\[[0-9;]*m//g' "$out/$name.log" | grep -E 'panicked| ERROR ' | head -20
  } >"$out/$name.report" 2>&1
}

# One role's runs, in order: its operations, then its own sign-out, then its password change.
role_runs() {
  local role=$1
  export FUZZ_USERNAME=$2
  fuzz "$role-operations" "$here/schemathesis.toml" "${own_ops[@]}"
  fuzz "$role-sign-out" "$here/schemathesis.toml" --include-path /api/v1/sessions/current
  # Without the fuzzing phase: every generated current password is wrong, and three wrong
  # ones lock the caller (UQ-LOCKOUT-3, as meant), which ends the run's session for good and
  # fails it on signing in again. The examples and the coverage phase (the boundaries of
  # every field) still run; the lockout itself is tested in crates/service/tests/lockout.rs.
  fuzz "$role-password" "$here/schemathesis.toml" --include-path /api/v1/me/password --phases examples,coverage
}

names=()
for entry in "${roles[@]}"; do
  read -r role user <<<"$entry"
  # FUZZ_ROLES="operator viewer" fuzzes only those.
  [[ -z "${FUZZ_ROLES:-}" || " $FUZZ_ROLES " == *" $role "* ]] || continue
  names+=("$role-operations" "$role-sign-out" "$role-password")
  while [ "$(jobs -rp | wc -l)" -ge "${FUZZ_JOBS:-2}" ]; do wait -n; done
  role_runs "$role" "$user" &
done
# The only operation at this path is the sign-in (POST); include filters of different kinds
# are alternatives, so a method filter here would select every POST.
names+=(public-sign-in prober-without-token)
(
  fuzz "public-sign-in" "$work/public.toml" --include-path /api/v1/sessions
  fuzz "prober-without-token" "$work/public.toml" --include-path-regex '^/api/v1/probe/'
) &
wait

passed=0
failed=0
for name in "${names[@]}"; do
  cat "$out/$name.report" 2>/dev/null
  if [ "$(cat "$out/$name.verdict" 2>/dev/null)" = passed ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
  fi
done
echo
echo "fuzzed in $(($(date +%s) - start)) s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
