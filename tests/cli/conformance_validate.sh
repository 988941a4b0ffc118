#!/usr/bin/env bash
# Conformance: what `pwpc validate` says about the bundles `pwpc render` writes. For every
# example: the cluster config passes `pwpc validate FILE` (exit 0), also with the profile,
# cluster name and ParallelCluster version a user would pass, and the whole bundle
# directory passes `pwpc validate DIR` with no error-level finding. A deliberately broken
# copy of a rendered config and of a rendered bundle must be refused.
source "$(dirname "$0")/lib.sh"
source "$PWPC_SOURCE_DIR/tests/conformance/lib.sh"
need_tool python3
# json_summary FILE: "errors warnings" from `validate --format json` output.
json_summary() {
  python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["summary"]; print(s["errors"], s["warnings"])' "$1"
}

# --- Self-test: validate refuses a broken cluster config. ---
mkdir -p "$TMP/self"
cat >"$TMP/self/cluster.yaml" <<'EOF'
Region: us-east-1
Image:
  Os: alinux2023
HeadNode:
  InstanceType: m6i.large
  Networking:
    SubnetId: subnet-0123456789abcdef0
Scheduling:
  Scheduler: slurm
  SlurmQueues:
    - Name: interactive
      ComputeResources:
        - Name: m6i-xlarge
          InstanceType: m6i.xlarge
          MinCount: 0
          MaxCount: 10
      Networking:
        SubnetIds:
          - subnet-0123456789abcdef0
EOF
check "self-test: validate accepts a minimal cluster config" 0 "$TMP/self/good.out" -- "$PWPC" validate "$TMP/self/cluster.yaml"
sed 's/Scheduler: slurm/Scheduler: slurmx/' "$TMP/self/cluster.yaml" >"$TMP/self/bad-scheduler.yaml"
check "self-test: validate refuses an unknown scheduler" 1 "$TMP/self/bad-scheduler.out" -- "$PWPC" validate "$TMP/self/bad-scheduler.yaml" &&
  expect_in_file "[PC-SCHEMA]" "$TMP/self/bad-scheduler.out" "self-test: validate names the schema rule"

# --- The rendered bundles. ---
render_examples
for i in "${!BUNDLES[@]}"; do
  b=${BUNDLES[$i]} name=${EXAMPLES[$i]}
  cc="$b/parallelcluster/cluster-config.yaml"
  expect_file "$cc" "$name: cluster config" || continue
  read -r cluster_name pc_version < <(python3 -c '
import json, sys
plan = json.load(open(sys.argv[1]))
print(plan["cluster"]["name"], plan["cluster"].get("parallelcluster_version", ""))' "$b/plan.json" 2>/dev/null)
  profile="$TMP/profiles/$name.yaml"  # the profile render_examples rendered
  [[ -n ${pc_version:-} ]] || pc_version=$(sed -nE 's/^[[:space:]]*parallelcluster_version:[[:space:]]*"?([0-9.]+)"?.*/\1/p' "$profile")
  check "$name: pwpc validate cluster-config.yaml" 0 "$TMP/$name.cc" -- "$PWPC" validate "$cc"
  check "$name: pwpc validate cluster-config.yaml with profile, name and version" 0 "$TMP/$name.cc-full" -- \
    "$PWPC" validate --profile "$profile" ${cluster_name:+--cluster-name "$cluster_name"} \
    ${pc_version:+--parallelcluster-version "$pc_version"} "$cc"
  check "$name: pwpc validate BUNDLE_DIR" 0 "$TMP/$name.dir" -- "$PWPC" validate "$b"
  "$PWPC" validate --format json "$b" >"$TMP/$name.json" 2>/dev/null
  if read -r errors warnings < <(json_summary "$TMP/$name.json") && [[ $errors == 0 ]]; then
    passes=$((passes + 1))
  else
    echo "FAIL: $name: validate --format json DIR reports ${errors:-unreadable JSON} error(s)"; failures=$((failures + 1))
  fi
  nfiles=$(grep -oE '[0-9]+ file\(s\) checked' "$TMP/$name.dir" | grep -oE '^[0-9]+')
  echo "$name: cluster config valid; bundle: ${nfiles:-?} file(s) validated, ${errors:-?} error(s), ${warnings:-?} warning(s)"
  grep -E ': warning: ' "$TMP/$name.dir" | sed 's/^/  /' | head -10
done

# The examples exactly as they are, before the AMI and host name exist: render writes
# marked placeholders (--allow-placeholders), and the only errors validate finds in such a
# bundle are on those placeholders.
for ex in examples/*.yaml; do
  name=$(basename "$ex" .yaml)
  d="$TMP/as-is/$name"
  mkdir -p "$TMP/as-is"
  check "$name as it is: render --allow-placeholders" 0 "$TMP/$name.as-is.render" -- \
    "$PWPC" render "$ex" -o "$d" --stack-outputs tests/golden/fixtures/stack-outputs.json --allow-placeholders || continue
  "$PWPC" validate "$d" >"$TMP/$name.as-is" 2>&1
  if ! grep -q ': error: ' "$TMP/$name.as-is"; then
    passes=$((passes + 1))
  elif grep ': error: ' "$TMP/$name.as-is" | grep -qv "PWPC-MISSING-"; then
    echo "FAIL: $name as it is: pwpc validate finds errors that are not on a placeholder:"
    grep ': error: ' "$TMP/$name.as-is" | grep -v "PWPC-MISSING-" | sed 's/^/  | /' | head -10
    failures=$((failures + 1))
  else
    passes=$((passes + 1))
    echo "$name as it is: $(grep -c ': error: ' "$TMP/$name.as-is") error(s), all on PWPC-MISSING- placeholders"
  fi
done

# A broken copy of a rendered bundle is refused, as a file and as a directory.
if ((${#BUNDLES[@]})); then
  broken="$TMP/broken-bundle"
  cp -R "${BUNDLES[0]}" "$broken"
  sed -i 's/^\([[:space:]]*\)Scheduler: slurm$/\1Scheduler: slurmx/' "$broken/parallelcluster/cluster-config.yaml"
  if cmp -s "${BUNDLES[0]}/parallelcluster/cluster-config.yaml" "$broken/parallelcluster/cluster-config.yaml"; then
    echo "FAIL: self-test: could not break the rendered cluster config (no 'Scheduler: slurm' line)"; failures=$((failures + 1))
  else
    check "self-test: validate refuses a broken rendered cluster config" 1 "$TMP/broken.cc" -- "$PWPC" validate "$broken/parallelcluster/cluster-config.yaml"
    check "self-test: validate refuses a bundle with a broken cluster config" 1 "$TMP/broken.dir" -- "$PWPC" validate "$broken" &&
      expect_in_file "[PC-SCHEMA]" "$TMP/broken.dir" "self-test: validate DIR names the schema rule"
  fi
fi
finish
