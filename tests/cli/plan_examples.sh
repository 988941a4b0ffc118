#!/usr/bin/env bash
# What a reviewer checks in the plans of the reference architecture's tested points:
# sessions, login nodes, databases and the notes, read from `plan --format json`.
source "$(dirname "$0")/lib.sh"
field() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval('d' + sys.argv[1]))" "$1" <<<"$OUT"; }

check_point() {  # example sessions login_nodes
  run 0 -- plan --format json "examples/$1.yaml" || return
  [[ $(field "['sessions']['peak']") == "$2" ]] || { echo "FAIL: $1 sessions $(field "['sessions']['peak']") != $2"; failures=$((failures+1)); }
  [[ $(field "['login_nodes']['count']") == "$3" ]] || { echo "FAIL: $1 login nodes $(field "['login_nodes']['count']") != $3"; failures=$((failures+1)); }
  [[ $(field "['databases']['workbench']['instance_class']") == "$4" ]] || { echo "FAIL: $1 db class"; failures=$((failures+1)); }
  passes=$((passes + 1))
}
check_point team-250 500 2 db.t3.micro
check_point team-500 1000 4 db.t3.micro
check_point team-1000 2000 6 db.t3.micro
check_point team-2500 5000 6 db.t3.micro

run 0 -- plan --format json examples/team-above-tested.yaml
expect '"code": "untested-scale"' "$OUT" "8000 sessions are beyond the tested range"
run 0 -- plan --format json examples/team-15.yaml
expect '"code": "single-server-simpler"' "$OUT" "a 15-user team is told a single server is simpler"
run 0 -- plan --format json examples/team-gpu.yaml
gpu_type=$(python3 -c "import json,sys; d=json.load(sys.stdin); print([q['instance_type'] for q in d['queues'] if q['name']=='gpu'][0])" <<<"$OUT")
expect_re '^(g4dn|g5)\.' "$gpu_type" "the GPU workload gets a GPU instance"

# The text plan explains its numbers.
run 0 -- plan examples/team-500.yaml
expect "why:" "$OUT" "text plan gives reasons"
expect "total per month" "$OUT" "text plan has a monthly total"

# init writes a profile that plan accepts unchanged; it does not overwrite.
run 0 -- init -o "$TMP/profile.yaml"
run 0 -- plan "$TMP/profile.yaml"
run 2 -- init -o "$TMP/profile.yaml"
expect "exists" "$ERR" "init refuses to overwrite"
run 0 -- schema profile
expect '"$schema"' "$OUT" "schema profile prints a JSON Schema"
finish
