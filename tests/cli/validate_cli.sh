#!/usr/bin/env bash
# pwpc validate as CI uses it: exit codes, the four output formats, --werror, and paths
# that hold nothing to check.
source "$(dirname "$0")/lib.sh"
bad=tests/fixtures/parallelcluster/PC-NAME/bad.yaml
good=tests/fixtures/parallelcluster/PC-NAME/good.yaml

run 1 -- validate "$bad"
expect_re "^$bad:[0-9]+:[0-9]+: error: \[PC-NAME\]" "$OUT" "text diagnostics name FILE:LINE:COL and the rule"
expect "hint:" "$OUT" "text diagnostics carry a hint"
run 0 -- validate "$good"

run 1 -- validate --format json "$bad"
python3 -c 'import json,sys; d=json.loads(sys.stdin.read()); assert d["version"]==1; e=[x for x in d["diagnostics"] if x["rule"]=="PC-NAME"][0]; assert e["line"]>0 and e["column"]>0 and e["severity"]=="error"; assert d["summary"]["errors"]>=1' <<<"$OUT" \
  && passes=$((passes + 1)) || { echo "FAIL: json output"; failures=$((failures + 1)); }
run 1 -- validate --format sarif "$bad"
python3 -c 'import json,sys; d=json.loads(sys.stdin.read()); assert d["version"]=="2.1.0"; r=d["runs"][0]; assert r["tool"]["driver"]["name"]=="pwpc"; assert any(x["ruleId"]=="PC-NAME" for x in r["results"]); ids=[x["id"] for x in r["tool"]["driver"]["rules"]]; assert all(x["ruleIndex"]==ids.index(x["ruleId"]) for x in r["results"])' <<<"$OUT" \
  && passes=$((passes + 1)) || { echo "FAIL: sarif output"; failures=$((failures + 1)); }
run 1 -- validate --format github "$bad"
expect_re "^::error file=$bad,line=[0-9]+,col=[0-9]+,title=PC-NAME::" "$OUT" "github annotations"

# --werror: a warning-only file fails.
printf 'Region: us-east-1\nImage:\n  Os: alinux2\nImds:\n  ImdsSupport: v1.0\nHeadNode:\n  InstanceType: t3.micro\n  Networking:\n    SubnetId: subnet-12345678\nScheduling:\n  Scheduler: slurm\n  SlurmQueues:\n    - Name: q\n      Networking:\n        SubnetIds: [subnet-12345678]\n      ComputeResources:\n        - Name: c\n          InstanceType: t3.micro\n' >"$TMP/cluster.yaml"
run 1 -- validate "$TMP/cluster.yaml"
expect "[SEC-IMDSV1]" "$OUT" "IMDSv1 is reported"
# Architecture rules are warnings on a single file, so a file with only those passes ...
sed 's/v1.0/v2.0/' "$TMP/cluster.yaml" >"$TMP/cluster2.yaml"
run 0 -- validate "$TMP/cluster2.yaml"
expect "warning: [ARCH-" "$OUT" "architecture rules warn on a single file"
# ... unless --werror.
run 1 -- validate --werror "$TMP/cluster2.yaml"

# A rule reports at most 100 findings per file, then says how many more there are (a
# million wrong values must not make a million diagnostics); the exit code still counts them.
python3 - "$PWPC_SOURCE_DIR/tests/hostile/cluster/baseline.yaml" "$TMP/many.yaml" <<'PY'
import sys
b = open(sys.argv[1]).read()
old = "      SubnetIds:\n      - subnet-0123456789abcdef0"
assert old in b
open(sys.argv[2], "w").write(b.replace(old, "      SubnetIds: [" + ", ".join("x%d" % i for i in range(150)) + "]"))
PY
run 1 -- validate --format json "$TMP/many.yaml"
n=$(python3 -c 'import json,sys; d=json.load(sys.stdin); print(sum(1 for x in d["diagnostics"] if "SubnetIds[" in x.get("path","")))' <<<"$OUT")
[[ $n == 100 ]] && passes=$((passes + 1)) || { echo "FAIL: $n PC-SCHEMA findings on SubnetIds shown, expected 100"; failures=$((failures + 1)); }
expect "50 more PC-SCHEMA findings in this file are not shown (the first 100 are)" "$OUT" "the rest is counted"

# Nothing to check: an empty directory, an unknown file, a bad option.
mkdir -p "$TMP/empty"
run 2 -- validate "$TMP/empty"
expect "no file that pwpc checks" "$ERR" "an empty directory is not a pass"
printf 'hello\n' >"$TMP/notes.txt"
run 2 -- validate "$TMP/notes.txt"
expect "--kind" "$OUT$ERR" "an unknown file kind suggests --kind"
run 2 -- validate --kind nonsense "$good"
run 2 -- validate --parallelcluster-version 2.11.0 "$good"
finish
