#!/usr/bin/env bash
# One good and one bad fixture per ParallelCluster rule, cfn-lint style:
# tests/fixtures/parallelcluster/<RULE-ID>/{good,bad}.yaml. A good fixture validates with
# exit 0, no error and no finding of its rule; a bad one exits 1 with errors from its own
# rule only. An optional second line `# pwpc-args: ...` adds command-line options (e.g.
# --cluster-name). Every PC-* rule except PC-SCHEMA (covered by the schema tests and the
# corpus) must have its pair.
set -u
: "${PWPC:?set PWPC to the pwpc binary}"
: "${PWPC_SOURCE_DIR:?set PWPC_SOURCE_DIR to the source tree}"
dir="$PWPC_SOURCE_DIR/tests/fixtures/parallelcluster"
failures=0 checked=0
out=$(mktemp)
trap 'rm -f "$out"' EXIT

fail() {
  echo "FAIL: $*"
  sed 's/^/    /' "$out" | head -20
  failures=$((failures + 1))
}

run() {  # file -> exit code, output in $out
  local args
  args=$(sed -n '2s/^# pwpc-args: //p' "$1")
  # shellcheck disable=SC2086
  "$PWPC" validate $args "$1" >"$out" 2>&1
}

for rule in $("$PWPC" rules | awk '{print $1}' | grep '^PC-' | grep -v '^PC-SCHEMA$'); do
  [[ -d "$dir/$rule" ]] || { echo "FAIL: no fixtures for $rule in $dir"; failures=$((failures + 1)); }
done

for d in "$dir"/*/; do
  rule=$(basename "$d")
  if ! "$PWPC" rules | awk '{print $1}' | grep -qx "$rule"; then
    echo "FAIL: fixtures for unknown rule $rule"
    failures=$((failures + 1))
    continue
  fi
  for kind in good bad; do
    [[ -f "$d/$kind.yaml" ]] || { echo "FAIL: $rule has no $kind.yaml"; failures=$((failures + 1)); continue; }
    checked=$((checked + 1))
    run "$d/$kind.yaml"
    rc=$?
    errors=$(grep -E ': error: \[' "$out" || true)
    if [[ $kind == good ]]; then
      if [[ $rc -ne 0 || -n "$errors" ]]; then
        fail "$rule/good.yaml: exit $rc, expected 0 with no error"
      elif grep -q "\[$rule\]" "$out"; then
        fail "$rule/good.yaml: a $rule finding (any severity) in the good fixture"
      fi
    else
      if [[ $rc -ne 1 ]]; then
        fail "$rule/bad.yaml: exit $rc, expected 1"
      elif ! grep -q ": error: \[$rule\]" <<<"$errors"; then
        fail "$rule/bad.yaml: no $rule error"
      elif grep -v ": error: \[$rule\]" <<<"$errors" | grep -q .; then
        fail "$rule/bad.yaml: errors from other rules too"
      fi
    fi
  done
done

echo "parallelcluster fixtures: $checked checked, $failures failure(s)"
[[ $failures -eq 0 ]]
