#!/usr/bin/env bash
# `pwpc render` of every example (with the fixture stack outputs, placeholders for what the
# examples leave out: host name and AMI) and of the complete fixture profile equals its
# reviewed golden bundle under tests/golden/<name>/, byte for byte, file list included.
# PWPC_UPDATE_GOLDEN=1 rewrites the golden bundles; review the diff before committing.
source "$(dirname "$0")/lib.sh"
fixtures=tests/golden/fixtures
cases=()
for ex in examples/*.yaml; do cases+=("$ex|--allow-placeholders"); done
cases+=("$fixtures/team-complete.yaml|")
for c in "${cases[@]}"; do
  profile=${c%%|*}; extra=${c#*|}
  name=$(basename "$profile" .yaml)
  golden=tests/golden/$name
  # shellcheck disable=SC2086
  run 0 -- render "$profile" -o "$TMP/$name" --stack-outputs "$fixtures/stack-outputs.json" $extra || continue
  if [[ "${PWPC_UPDATE_GOLDEN:-0}" == 1 ]]; then
    rm -rf "$golden"; cp -r "$TMP/$name" "$golden"; echo "updated $golden"; continue
  fi
  if ! diff -r "$golden" "$TMP/$name" >"$TMP/diff"; then
    echo "FAIL: the bundle of $profile differs from $golden:"; head -60 "$TMP/diff"; failures=$((failures + 1))
  else
    passes=$((passes + 1))
  fi
done
# The complete profile renders without placeholders and without any finding.
run 0 -- render "$fixtures/team-complete.yaml" -o "$TMP/complete2" --stack-outputs "$fixtures/stack-outputs.json" && expect "wrote 25 files" "$ERR" "complete render"
if grep -rlE "PWPC-MISSING-[A-Z]" "$TMP/complete2" >/dev/null; then
  echo "FAIL: the complete bundle holds placeholders"; failures=$((failures + 1))
else
  passes=$((passes + 1))
fi
[[ "$ERR" != *"warning"* ]] && passes=$((passes + 1)) || { echo "FAIL: warnings on the complete bundle: $ERR"; failures=$((failures + 1)); }
finish
