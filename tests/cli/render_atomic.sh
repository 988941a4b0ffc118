#!/usr/bin/env bash
# A failed render leaves the bundle directory exactly as it was, with no temporary
# directories left next to it; pwpc refuses directories it did not create.
source "$(dirname "$0")/lib.sh"
fx=tests/golden/fixtures
args=(--stack-outputs "$fx/stack-outputs.json")
d=$TMP/w/deploy
mkdir -p "$TMP/w"
snapshot() { (cd "$1" && find . -printf '%y %m %p\n' | LC_ALL=C sort && find . -type f | LC_ALL=C sort | xargs sha256sum); }

run 0 -- render "$fx/team-complete.yaml" -o "$d" "${args[@]}"
old=$(snapshot "$d")

# A write that fails half-way: a 12 KiB file size limit lets DEPLOY.md (the first file)
# through and stops cloudformation/infrastructure.yaml (EFBIG; SIGXFSZ ignored so the write call fails instead of killing pwpc).
sed 's/concurrent: 250/concurrent: 350/' "$fx/team-complete.yaml" >"$TMP/other.yaml"
(trap '' XFSZ; ulimit -f 12; "$PWPC" render "$TMP/other.yaml" -o "$d" "${args[@]}" >"$TMP/o.txt" 2>"$TMP/e.txt")
rc=$?
[[ $rc -eq 2 ]] && passes=$((passes + 1)) || { echo "FAIL: the interrupted render exited $rc, expected 2"; cat "$TMP/e.txt"; failures=$((failures + 1)); }
expect "infrastructure.yaml: error: [IO] cannot write" "$(cat "$TMP/e.txt")" "the write failed on the 2nd file (DEPLOY.md was written)"
[[ "$(snapshot "$d")" == "$old" ]] && passes=$((passes + 1)) || { echo "FAIL: the old bundle changed"; failures=$((failures + 1)); }
left=$(find "$TMP/w" -maxdepth 1 -name '.deploy.pwpc-*')
[[ -z "$left" ]] && passes=$((passes + 1)) || { echo "FAIL: temporary directories left: $left"; failures=$((failures + 1)); }

# The same render without the limit replaces the bundle.
run 0 -- render "$TMP/other.yaml" -o "$d" "${args[@]}"
[[ "$(snapshot "$d")" != "$old" ]] && passes=$((passes + 1)) || { echo "FAIL: the bundle was not replaced"; failures=$((failures + 1)); }

# A directory pwpc did not create: refused, then replaced with --force (old content kept aside).
mkdir -p "$TMP/w/mine" && echo precious >"$TMP/w/mine/notes.txt"
run 2 -- render "$fx/team-complete.yaml" -o "$TMP/w/mine" "${args[@]}"
expect "holds no bundle pwpc rendered" "$ERR" "refuses a foreign directory"
[[ "$(cat "$TMP/w/mine/notes.txt")" == precious ]] && passes=$((passes + 1)) || { echo "FAIL: foreign dir touched"; failures=$((failures + 1)); }
run 0 -- render "$fx/team-complete.yaml" -o "$TMP/w/mine" "${args[@]}" --force
expect "was kept in" "$ERR" "--force says where the old content went"
kept=$(find "$TMP/w" -maxdepth 1 -name '.mine.pwpc-replaced-*')
[[ -n "$kept" && "$(cat "$kept/notes.txt")" == precious ]] && passes=$((passes + 1)) || { echo "FAIL: old content not kept"; failures=$((failures + 1)); }

# A symbolic link as the bundle directory is refused (never written through).
mkdir -p "$TMP/elsewhere" && ln -s "$TMP/elsewhere" "$TMP/w/link"
run 2 -- render "$fx/team-complete.yaml" -o "$TMP/w/link" "${args[@]}"
expect "symbolic link" "$ERR" "refuses a symlinked directory"
[[ -z "$(ls -A "$TMP/elsewhere")" ]] && passes=$((passes + 1)) || { echo "FAIL: wrote through the link"; failures=$((failures + 1)); }
finish
