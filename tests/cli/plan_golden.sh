#!/usr/bin/env bash
# `pwpc plan --format json` for every example equals its reviewed golden file
# (tests/golden/plan/<example>.json). PWPC_UPDATE_GOLDEN=1 rewrites them; review the diff.
source "$(dirname "$0")/lib.sh"
mkdir -p tests/golden/plan
for ex in examples/*.yaml; do
  name=$(basename "$ex" .yaml)
  golden=tests/golden/plan/$name.json
  run 0 -- plan --format json "$ex" || continue
  if [[ "${PWPC_UPDATE_GOLDEN:-0}" == 1 ]]; then
    printf '%s\n' "$OUT" >"$golden"; echo "updated $golden"; continue
  fi
  if ! diff -u "$golden" <(printf '%s\n' "$OUT") >"$TMP/diff"; then
    echo "FAIL: plan for $ex differs from $golden:"; head -40 "$TMP/diff"; failures=$((failures + 1))
  else
    passes=$((passes + 1))
  fi
done
finish
