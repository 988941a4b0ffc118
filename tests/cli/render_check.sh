#!/usr/bin/env bash
# `pwpc render --check`: writes nothing, exits 1 listing the files that would change,
# appear or disappear, and 0 when the directory is up to date.
source "$(dirname "$0")/lib.sh"
fx=tests/golden/fixtures
args=(--stack-outputs "$fx/stack-outputs.json")
d=$TMP/deploy

run 1 -- render "$fx/team-complete.yaml" -o "$d" "${args[@]}" --check
expect "missing: workbench/rserver.conf" "$OUT" "check on a missing directory lists every file"
[[ ! -e "$d" ]] && passes=$((passes + 1)) || { echo "FAIL: --check created $d"; failures=$((failures + 1)); }

run 0 -- render "$fx/team-complete.yaml" -o "$d" "${args[@]}"
run 0 -- render "$fx/team-complete.yaml" -o "$d" "${args[@]}" --check
expect "up to date" "$ERR" "check after a render"

# Drift: an edited file, a changed mode, an extra file, a deleted file.
echo "www-port=9999" >>"$d/workbench/rserver.conf"
chmod 0644 "$d/workbench/database.conf"
echo notes >"$d/workbench/notes.txt"
rm "$d/DEPLOY.md"
before=$(cd "$d" && find . -type f -printf '%m %p\n' | sort; find . -type f | sort | xargs cat | sha256sum)
run 1 -- render "$fx/team-complete.yaml" -o "$d" "${args[@]}" --check
expect "changed: workbench/rserver.conf" "$OUT" "edited file"
expect "changed: workbench/database.conf" "$OUT" "mode change"
expect "extra: workbench/notes.txt" "$OUT" "extra file"
expect "missing: DEPLOY.md" "$OUT" "deleted file"
expect "1 missing" "$ERR" "summary"
after=$(cd "$d" && find . -type f -printf '%m %p\n' | sort; find . -type f | sort | xargs cat | sha256sum)
[[ "$before" == "$after" ]] && passes=$((passes + 1)) || { echo "FAIL: --check modified the directory"; failures=$((failures + 1)); }

# A changed profile is drift too; rendering again brings the directory up to date.
run 0 -- render "$fx/team-complete.yaml" -o "$d" "${args[@]}"
sed 's/concurrent: 250/concurrent: 350/' "$fx/team-complete.yaml" >"$TMP/bigger.yaml"
run 1 -- render "$TMP/bigger.yaml" -o "$d" "${args[@]}" --check
expect "changed: parallelcluster/cluster-config.yaml" "$OUT" "more users change the cluster config"
expect "changed: plan.json" "$OUT" "and the plan"

# A symbolic link where a file belongs is drift, and is not followed.
run 0 -- render "$fx/team-complete.yaml" -o "$d" "${args[@]}"
echo secret >"$TMP/outside"
rm "$d/workbench/logging.conf" && ln -s "$TMP/outside" "$d/workbench/logging.conf"
run 1 -- render "$fx/team-complete.yaml" -o "$d" "${args[@]}" --check
expect "changed: workbench/logging.conf" "$OUT" "a symlink is reported, not followed"
run 0 -- render "$fx/team-complete.yaml" -o "$d" "${args[@]}"
[[ "$(cat "$TMP/outside")" == secret && ! -L "$d/workbench/logging.conf" ]] && passes=$((passes + 1)) ||
  { echo "FAIL: render wrote through a symlink"; failures=$((failures + 1)); }
finish
