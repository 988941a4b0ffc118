#!/usr/bin/env bash
# docs/rules.md is the output of `pwpc rules --format markdown`, committed so that the rule
# reference can be read without building pwpc. Fails when it is stale.
source "$(dirname "$0")/lib.sh"
if "$PWPC" rules --format markdown >"$TMP/rules.md" 2>"$TMP/err"; then
  passes=$((passes + 1))
else
  echo "FAIL: pwpc rules --format markdown exited non-zero"; cat "$TMP/err"; failures=$((failures + 1))
fi
if [[ ! -f docs/rules.md ]]; then
  echo "FAIL: docs/rules.md is missing"; failures=$((failures + 1))
elif ! diff -u docs/rules.md "$TMP/rules.md" >"$TMP/diff"; then
  echo "FAIL: docs/rules.md is stale; regenerate it: pwpc rules --format markdown > docs/rules.md"
  head -40 "$TMP/diff"
  failures=$((failures + 1))
else
  passes=$((passes + 1))
fi
# Every rule pwpc knows has its own section.
for id in $("$PWPC" rules | awk '{print $1}'); do
  expect "## $id"$'\n' "$(cat "$TMP/rules.md")" "rules.md section for $id"
done
finish
