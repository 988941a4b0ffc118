# Shared helpers for the CLI tests (sourced, not run). Each test script runs the real
# pwpc binary ($PWPC) and checks exit codes and output the way a user would read them.
set -u
: "${PWPC:?PWPC must name the pwpc binary}"
: "${PWPC_SOURCE_DIR:?}"
cd "$PWPC_SOURCE_DIR"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
failures=0
passes=0

# run EXPECTED_EXIT -- ARGS...: runs pwpc, captures $OUT and $ERR, checks the exit code.
run() {
  local want=$1; shift; [[ $1 == -- ]] && shift
  "$PWPC" "$@" >"$TMP/out" 2>"$TMP/err"
  local got=$?
  OUT=$(cat "$TMP/out"); ERR=$(cat "$TMP/err")
  if [[ $got -ne $want ]]; then
    echo "FAIL: pwpc $* exited $got, expected $want"; echo "  stdout: ${OUT:0:600}"; echo "  stderr: ${ERR:0:600}"
    failures=$((failures + 1)); return 1
  fi
  passes=$((passes + 1))
}

# expect TEXT HAYSTACK DESCRIPTION
expect() {
  if [[ "$2" != *"$1"* ]]; then
    echo "FAIL: $3: expected to find: $1"; echo "  in: ${2:0:800}"
    failures=$((failures + 1)); return 1
  fi
  passes=$((passes + 1))
}

# expect_re REGEX HAYSTACK DESCRIPTION
expect_re() {
  if ! grep -Eq -- "$1" <<<"$2"; then
    echo "FAIL: $3: expected a line matching: $1"; echo "  in: ${2:0:800}"
    failures=$((failures + 1)); return 1
  fi
  passes=$((passes + 1))
}

finish() {
  echo "$passes passed, $failures failed"
  [[ $failures -eq 0 ]]
}
