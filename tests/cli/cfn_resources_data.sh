#!/usr/bin/env bash
# data/cloudformation-resources.json (the property names, types and required flags the rule
# CFN-PROPERTIES checks) is what scripts/gen-cfn-resources.mjs writes from the pinned npm
# package @aws-cdk/aws-service-spec (tests/conformance/package-lock.json). Regenerates it into
# a temporary file and fails when the committed file differs: stale after a change to the
# templates' resource types, the generator's list or the pinned package.
source "$(dirname "$0")/lib.sh"
source "$PWPC_SOURCE_DIR/tests/conformance/lib.sh"
need_tool node npm
node_major=$(node -p 'process.versions.node.split(".")[0]')
((node_major >= 20)) || skip_or_fail "Node.js $(node --version) is too old: gen-cfn-resources.mjs needs Node.js 20 or newer"

# The pinned packages, installed once per package-lock.json, under the lock that
# tests/cli/conformance_cfn.sh takes (exclusive to install, shared to read).
lock_sum=$(sha256sum "$CONFORMANCE_DIR/package-lock.json" | cut -d' ' -f1)
stamp="$CONFORMANCE_DIR/node_modules/.pwpc-package-lock.sha256"
exec 9<"$CONFORMANCE_DIR/package.json"
flock -w 600 9 || skip_or_fail "could not lock tests/conformance/package.json for npm ci"
if [[ ! -f $stamp || $(cat "$stamp") != "$lock_sum" ]]; then
  if ! (cd "$CONFORMANCE_DIR" && npm ci --no-audit --no-fund --loglevel=error) >"$TMP/npm.log" 2>&1; then
    sed 's/^/  | /' "$TMP/npm.log" | tail -20
    skip_or_fail "npm ci in tests/conformance failed (is the npm registry reachable?)"
  fi
  echo "$lock_sum" >"$stamp"
  echo "note: installed the pinned npm packages of tests/conformance/package-lock.json"
fi
flock -s 9

committed="$PWPC_SOURCE_DIR/data/cloudformation-resources.json"
if node "$PWPC_SOURCE_DIR/scripts/gen-cfn-resources.mjs" --out "$TMP/regenerated.json" 2>"$TMP/gen.err"; then
  passes=$((passes + 1))
  sed 's/^/note: /' "$TMP/gen.err"
else
  echo "FAIL: scripts/gen-cfn-resources.mjs failed:"; sed 's/^/  | /' "$TMP/gen.err"; failures=$((failures + 1))
fi
if [[ -f $TMP/regenerated.json ]]; then
  if diff -u "$committed" "$TMP/regenerated.json" >"$TMP/diff"; then
    passes=$((passes + 1))
  else
    echo "FAIL: data/cloudformation-resources.json is stale; regenerate it: node scripts/gen-cfn-resources.mjs"
    cut -c1-300 "$TMP/diff" | head -30
    failures=$((failures + 1))
  fi
fi

# The generator refuses a resource type the specification does not have, instead of
# writing a file without it (a self-test: a generator that wrote anything would pass above).
mkdir -p "$TMP/tree/scripts" "$TMP/tree/templates/cloudformation" "$TMP/tree/tests"
cp "$PWPC_SOURCE_DIR/scripts/gen-cfn-resources.mjs" "$TMP/tree/scripts/"
ln -s "$CONFORMANCE_DIR" "$TMP/tree/tests/conformance"
printf 'Resources:\n  X:\n    Type: AWS::EC2::NoSuchResource\n' >"$TMP/tree/templates/cloudformation/x.yaml.mustache"
if node "$TMP/tree/scripts/gen-cfn-resources.mjs" --out "$TMP/tree/out.json" >"$TMP/bad.out" 2>&1; then
  echo "FAIL: the generator accepted a template type missing from the specification"; failures=$((failures + 1))
else
  expect "AWS::EC2::NoSuchResource is not in @aws-cdk/aws-service-spec" "$(cat "$TMP/bad.out")" "the generator names the unknown type"
fi
finish
