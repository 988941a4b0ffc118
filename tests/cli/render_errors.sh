#!/usr/bin/env bash
# What `pwpc render` says when it cannot write a complete, valid bundle.
source "$(dirname "$0")/lib.sh"
fx=tests/golden/fixtures

# Missing IDs: exit 2, every one listed with where it can come from; nothing written.
run 2 -- render examples/team-250.yaml -o "$TMP/a"
expect "[RENDER-MISSING-ID] missing VpcId; it can come from profile key network.vpc_id" "$ERR" "VpcId listed"
expect "missing HomeFileSystemId; it can come from --stack-outputs OutputKey HomeFileSystemId" "$ERR" "stack output listed"
expect "missing CustomAmi" "$ERR" "AMI listed"
n=$(grep -c "RENDER-MISSING-ID" <<<"$ERR")
[[ $n -eq 24 ]] && passes=$((passes + 1)) || { echo "FAIL: expected 24 missing IDs, got $n"; failures=$((failures + 1)); }
expect "--allow-placeholders" "$ERR" "the hint names the way out"
[[ ! -e "$TMP/a" ]] && passes=$((passes + 1)) || { echo "FAIL: wrote a bundle with missing IDs"; failures=$((failures + 1)); }

# With the fixture outputs only the host name and the AMI are missing; placeholders say so.
run 0 -- render examples/team-250.yaml -o "$TMP/b" --stack-outputs "$fx/stack-outputs.json" --allow-placeholders
expect "2 value(s) are not known yet" "$ERR" "placeholders announced on stderr"
expect "WorkbenchHostname: profile key workbench.hostname" "$ERR" "host name"
expect "PWPC-MISSING-CustomAmi" "$(cat "$TMP/b/parallelcluster/cluster-config.yaml")" "AMI placeholder in the cluster config"
expect "- CustomAmi: profile key image.custom_ami" "$(cat "$TMP/b/DEPLOY.md")" "DEPLOY.md lists the placeholders"

# Malformed stack outputs: position and exit 2.
printf '{"Stacks": [ {"Outputs": [ {"OutputKey": "VpcId", "OutputValue": }]}]}\n' >"$TMP/bad.json"
run 2 -- render examples/team-250.yaml -o "$TMP/c" --stack-outputs "$TMP/bad.json"
expect_re "bad.json:1:[0-9]+: error: \[STACK-OUTPUTS\] not valid JSON" "$ERR" "JSON error with line and column"
printf '{"Stacks": [{"StackName": "s", "Outputs": [{"OutputKey": "VpcId"}]}]}\n' >"$TMP/bad2.json"
run 2 -- render examples/team-250.yaml -o "$TMP/c" --stack-outputs "$TMP/bad2.json"
expect "lacks a string OutputKey or OutputValue" "$ERR" "output without a value"
# Two files that disagree.
printf '{"Stacks": [{"StackName": "x", "Outputs": [{"OutputKey": "VpcId", "OutputValue": "vpc-00000000000000009"}]}]}\n' >"$TMP/other.json"
run 2 -- render examples/team-250.yaml -o "$TMP/c" --stack-outputs "$fx/stack-outputs.json" --stack-outputs "$TMP/other.json"
expect "OutputKey VpcId is" "$ERR" "conflicting outputs"

# A stack output that is not shaped like what it names (here: a line break smuggling an
# INI line into database.conf) is refused at its position, and nothing is written.
python3 - "$fx/stack-outputs.json" "$TMP/nl.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for s in d["Stacks"]:
    for o in s["Outputs"]:
        if o["OutputKey"] == "WorkbenchDbEndpoint":
            o["OutputValue"] = "db.example.com\nprovider=sqlite"
json.dump(d, open(sys.argv[2], "w"))
PY
run 2 -- render "$fx/team-complete.yaml" -o "$TMP/d" --stack-outputs "$TMP/nl.json"
expect_re "nl.json:1:[0-9]+: error: \\[STACK-OUTPUTS\\] stack output WorkbenchDbEndpoint 'db.example.com\\\\x0aprovider=sqlite' is not a DNS name" "$ERR" "a value with a line break is refused at its position, before any template sees it"
[[ ! -e "$TMP/d" ]] && passes=$((passes + 1)) || { echo "FAIL: wrote a bundle with a broken value"; failures=$((failures + 1)); }

# Template overrides: per file; an unknown variable is an error; an override that makes
# the bundle invalid is refused by the self-validation (exit 1, nothing written).
mkdir -p "$TMP/t/workbench" "$TMP/t2/workbench" "$TMP/t3/parallelcluster"
printf '{{{header}}}\n[*]\nlog-level=debug\nlogger-type=syslog\n' >"$TMP/t/workbench/logging.conf.mustache"
run 0 -- render "$fx/team-complete.yaml" -o "$TMP/e" --stack-outputs "$fx/stack-outputs.json" --templates "$TMP/t"
expect "log-level=debug" "$(cat "$TMP/e/workbench/logging.conf")" "the override is used"
expect "log-level=info" "$(cat "$fx/../team-complete/workbench/logging.conf")" "the built-in one otherwise"
expect "load-balancing-enabled=1" "$(cat "$TMP/e/workbench/rserver.conf")" "other files keep the built-in template"
printf '{{{header}}}\nwww-port={{www_port}}\n' >"$TMP/t2/workbench/rserver.conf.mustache"
run 2 -- render "$fx/team-complete.yaml" -o "$TMP/f" --stack-outputs "$fx/stack-outputs.json" --templates "$TMP/t2"
expect "the template names 'www_port', which pwpc does not provide" "$ERR" "unknown variable"
sed 's/^Scheduling:/Schedulling:/' templates/parallelcluster/cluster-config.yaml.mustache >"$TMP/t3/parallelcluster/cluster-config.yaml.mustache"
run 1 -- render "$fx/team-complete.yaml" -o "$TMP/g" --stack-outputs "$fx/stack-outputs.json" --templates "$TMP/t3"
expect "PC-SCHEMA" "$ERR" "the cluster config is checked"
expect "nothing was written" "$ERR" "an invalid bundle is not written"
[[ ! -e "$TMP/g" ]] && passes=$((passes + 1)) || { echo "FAIL: an invalid bundle was written"; failures=$((failures + 1)); }
# Hostile overrides: sections nested 20,000 deep (kainjow's parser would take gigabytes)
# and a 2 MiB template are refused before parsing.
mkdir -p "$TMP/t4" "$TMP/t5"
python3 -c 'import sys; n = 20000; sys.stdout.write("{{#complete}}" * n + "x" + "{{/complete}}" * n)' >"$TMP/t4/DEPLOY.md.mustache"
run 2 -- render "$fx/team-complete.yaml" -o "$TMP/h" --stack-outputs "$fx/stack-outputs.json" --templates "$TMP/t4"
expect "templates/DEPLOY.md.mustache:1: error: [RENDER-TEMPLATE] sections nest deeper than 32 levels" "$ERR" "deep sections refused"
head -c 2097152 /dev/zero | tr '\0' x >"$TMP/t5/DEPLOY.md.mustache"
run 2 -- render "$fx/team-complete.yaml" -o "$TMP/h" --stack-outputs "$fx/stack-outputs.json" --templates "$TMP/t5"
expect "[IO]" "$ERR" "a 2 MiB override refused"
finish
