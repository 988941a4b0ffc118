#!/usr/bin/env bash
# Bad profiles: each kind of mistake exits 2 with FILE:LINE:COL, the key path, what was
# expected and (for unknown keys) the closest valid key. Never a crash.
source "$(dirname "$0")/lib.sh"

good=$(cat examples/team-250.yaml)
write() { printf '%s' "$2" >"$TMP/$1"; }
# bad NAME CONTENT EXPECTED_TEXT [EXPECTED_POSITION_REGEX]
bad() {
  write "$1.yaml" "$2"
  run 2 -- plan "$TMP/$1.yaml" || return
  expect "$3" "$ERR" "$1"
  if [[ -n "${4:-}" ]]; then expect_re "$4" "$ERR" "$1 position"; fi
  if [[ -n "$OUT" ]]; then echo "FAIL: $1 printed to stdout"; failures=$((failures + 1)); fi
}

bad empty "" "the profile is empty" "empty.yaml:1:1: error"
bad comment-only "# nothing here
" "the profile is empty"
bad not-mapping "- a
- b
" "must be a mapping" "not-mapping.yaml:1:1: error"
bad scalar "hello" "must be a mapping"
bad wrong-type "${good/concurrent: 250/concurrent: lots}" "expected an integer, got the string 'lots'" "wrong-type.yaml:10:15: error: \[PROFILE-SCHEMA\] users/concurrent"
bad negative "${good/concurrent: 250/concurrent: -5}" "below the minimum 1" "negative.yaml:10:15"
bad absurd "${good/concurrent: 250/concurrent: 1000000000000}" "above the maximum 100000"
bad float-users "${good/concurrent: 250/concurrent: 2.5}" "expected an integer"
bad nan "${good/home_gib_per_user: 20/home_gib_per_user: .nan}" "NaN"
bad shares "${good/share: 0.2/share: 0.3}" "shares sum to 1.1, not 1" "shares.yaml:[0-9]+:[0-9]+: error: \[PROFILE-RULE\]"
bad unknown-key "${good/named: 400/nmaed: 400}" "did you mean 'named'?" "unknown-key.yaml:11:3: error"
bad unknown-top "${good/workloads:/workload:}" "did you mean 'workloads'?"
bad duplicate "${good}
users:
  concurrent: 3
" "duplicate key 'users'" "duplicate.yaml:[0-9]+:1: error: \[YAML-DUPLICATE-KEY\]"
bad tabs "${good/  concurrent: 250/	concurrent: 250}" "tab character in indentation" "tabs.yaml:10:1"
bad old-pc "${good/\"3.14.0\"/\"3.7.0\"}" "older than 3.8.0" "old-pc.yaml:7:28"
bad named-below "${good/named: 400/named: 100}" "fewer than 250 concurrent"
bad queue-name "${good/name: large/name: Large_Queue}" "workloads[1]/name" "queue-name.yaml:[0-9]+:[0-9]+"
bad long-name "${good/name: ds-250/name: a-cluster-name-that-is-much-longer-than-forty-chars}" "too long"
bad enum "${good/PERSISTENT_2/PERSISTANT_2}" "did you mean 'PERSISTENT_2'?"
bad throughput "${good/home_throughput_per_tib: 125/home_throughput_per_tib: 50}" "does not exist for PERSISTENT_2"
bad missing "apiVersion: pwpc/v1
cluster: {name: x, region: us-east-1}
users: {concurrent: 10}
" "missing required key 'workloads'"
bad yaml-syntax "apiVersion: pwpc/v1
cluster: {name: x, region: us-east-1
" "YAML-SYNTAX"
bad two-docs "${good}
---
a: 1
" "more than one YAML document"
bad no-fit "${good/memory_gib: 32/memory_gib: 2000}" "PROFILE-WORKLOAD-FIT"

printf 'apiVersion: pwpc/v1\ncluster:\n  name: \xff\xfe\n' >"$TMP/binary.yaml"
run 2 -- plan "$TMP/binary.yaml" && expect "not valid UTF-8" "$ERR" "non-UTF-8" && expect_re "binary.yaml:3:9" "$ERR" "non-UTF-8 position"

run 2 -- plan "$TMP/does-not-exist.yaml" && expect "no such file" "$ERR" "missing file"
run 2 -- plan "$TMP" && expect "is a directory" "$ERR" "directory as profile"
run 2 -- plan && expect "PROFILE is required" "$ERR" "usage error"
run 2 -- plan --format xml examples/team-250.yaml

# Alias bomb: bounded, refused, fast.
{
  echo "apiVersion: pwpc/v1"
  echo "a: &a [x, x, x, x, x, x, x, x, x, x]"
  prev=a
  for c in b c d e f g h i; do
    printf '%s: &%s [' "$c" "$c"; for i in 1 2 3 4 5 6 7 8 9 10; do printf '*%s, ' "$prev"; done; echo "x]"; prev=$c
  done
} >"$TMP/bomb.yaml"
run 2 -- plan "$TMP/bomb.yaml" && expect "YAML-LIMIT" "$ERR" "alias bomb"
# pwpc validate applies the same checks to a profile (detected by its apiVersion).
run 0 -- validate examples/team-250.yaml
write bad-arn.yaml "${good}
directory:
  password_secret_arn: not-an-arn
"
run 1 -- validate "$TMP/bad-arn.yaml" && expect "PROFILE-SCHEMA" "$OUT" "validate reports profile schema errors"
run 1 -- validate --kind profile "$TMP/shares.yaml" && expect "PROFILE-RULE" "$OUT" "validate reports profile cross-field errors"
finish
