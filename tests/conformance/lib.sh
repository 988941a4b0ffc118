# shellcheck shell=bash
# Shared helpers for the conformance tests (tests/cli/conformance_*.sh), sourced after
# tests/cli/lib.sh. Each of those scripts renders every example profile with the real pwpc
# binary and runs one family of external tools on the bundles; each also feeds its checker
# a deliberately broken sample and asserts the checker rejects it, so a checker that
# silently accepts everything fails the test.
# shellcheck disable=SC2034 # used by the scripts that source this file
CONFORMANCE_DIR="$PWPC_SOURCE_DIR/tests/conformance"

# skip_or_fail MESSAGE: a missing tool is a failure in CI (CI=true), a visible skip elsewhere.
skip_or_fail() {
  if [[ "${CI:-}" == true ]]; then
    echo "FAIL: $1 (CI=true: in CI a missing conformance tool is a failure, not a skip)"
    exit 1
  fi
  echo "SKIPPED: $1"
  exit 77
}

# need_tool COMMAND...: every command must be on PATH.
need_tool() {
  local t
  for t in "$@"; do
    command -v "$t" >/dev/null 2>&1 || skip_or_fail "$t is not installed"
  done
}

# check NAME EXPECTED_EXIT OUTPUT_FILE -- COMMAND...: runs COMMAND with stdout and stderr to
# OUTPUT_FILE and counts a pass when it exits EXPECTED_EXIT ("nonzero" accepts any failure).
check() {
  local name=$1 want=$2 outfile=$3; shift 3; [[ $1 == -- ]] && shift
  "$@" >"$outfile" 2>&1
  local got=$?
  if [[ $want == nonzero && $got -ne 0 ]] || [[ $want == "$got" ]]; then
    passes=$((passes + 1)); return 0
  fi
  echo "FAIL: $name: exited $got, expected $want: $*"
  sed 's/^/  | /' "$outfile" | head -40
  failures=$((failures + 1)); return 1
}

# expect_in_file TEXT FILE DESCRIPTION
expect_in_file() {
  if grep -qF -- "$1" "$2"; then passes=$((passes + 1)); return 0; fi
  echo "FAIL: $3: expected to find: $1"
  sed 's/^/  | /' "$2" | head -20
  failures=$((failures + 1)); return 1
}

# expect_file PATH DESCRIPTION: a file of the bundle contract exists and is not empty.
expect_file() {
  if [[ -s "$1" ]]; then passes=$((passes + 1)); return 0; fi
  echo "FAIL: $2: ${1#"$TMP"/} is missing or empty"
  failures=$((failures + 1)); return 1
}

# complete_profile EXAMPLE OUT: EXAMPLE plus the two values an example profile leaves for
# the admin to fill in once they exist (DEPLOY.md): the AMI that `pcluster build-image`
# makes (image.custom_ami) and Workbench's DNS name (workbench.hostname). Everything else
# that does not exist yet comes from the stack-outputs fixture.
complete_profile() {
  local ex=$1 out=$2
  if grep -Eq '^  hostname:' "$ex"; then cp "$ex" "$out"; else
    sed '/^workbench:[[:space:]]*$/a\  hostname: workbench.example.com' "$ex" >"$out"
  fi
  grep -Eq '^image:' "$out" || printf 'image:\n  custom_ami: ami-0123456789abcdef0\n' >>"$out"
}

# render_examples: renders every examples/*.yaml, completed by complete_profile and with
# the stack outputs of tests/golden/fixtures/stack-outputs.json (the CloudFormation,
# network and directory stacks), into $TMP/bundles/NAME, plus the complete fixture profile
# tests/golden/fixtures/team-complete.yaml; every bundle must hold no placeholder. Sets
# BUNDLES (the bundle directories) and EXAMPLES (their names). Exits 77 (skip, visible)
# if this pwpc has no render command yet.
render_examples() {
  if ! "$PWPC" --help 2>/dev/null | grep -Eq '^[[:space:]]+render[[:space:]]'; then
    echo "self-tests: $passes passed, $failures failed"
    ((failures == 0)) || exit 1
    echo "SKIPPED: this pwpc has no 'render' command yet, so there is no bundle to check"
    exit 77
  fi
  local fixtures="$PWPC_SOURCE_DIR/tests/golden/fixtures" ex name profile
  local outputs="$fixtures/stack-outputs.json"
  if [[ ! -f $outputs ]]; then
    echo "FAIL: the stack-outputs fixture $outputs is missing"; finish; exit 1
  fi
  BUNDLES=() EXAMPLES=()
  mkdir -p "$TMP/bundles" "$TMP/profiles"
  echo "note: examples/*.yaml get image.custom_ami and workbench.hostname filled in; the other IDs come from tests/golden/fixtures/stack-outputs.json"
  for ex in "$PWPC_SOURCE_DIR"/examples/*.yaml "$fixtures/team-complete.yaml"; do
    [[ -f $ex ]] || continue
    name=$(basename "$ex" .yaml)
    profile="$TMP/profiles/$name.yaml"
    complete_profile "$ex" "$profile"
    if "$PWPC" render "$profile" -o "$TMP/bundles/$name" --stack-outputs "$outputs" >"$TMP/render-$name.log" 2>&1; then
      if grep -rlE 'PWPC-MISSING-[A-Za-z]' "$TMP/bundles/$name" >"$TMP/placeholders-$name"; then
        echo "FAIL: $name: the bundle holds placeholders although every value was given:"
        sed 's/^/  | /' "$TMP/placeholders-$name"; failures=$((failures + 1))
      else
        passes=$((passes + 1))
      fi
      BUNDLES+=("$TMP/bundles/$name") EXAMPLES+=("$name")
    else
      echo "FAIL: pwpc render ${ex#"$PWPC_SOURCE_DIR"/} (completed) --stack-outputs ${outputs#"$PWPC_SOURCE_DIR"/} exited $?"
      sed 's/^/  | /' "$TMP/render-$name.log" | head -30
      failures=$((failures + 1))
    fi
  done
  if ((${#BUNDLES[@]} == 0)); then
    echo "FAIL: no example rendered"
    finish; exit 1
  fi
}
