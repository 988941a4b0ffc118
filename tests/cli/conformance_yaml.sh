#!/usr/bin/env bash
# Conformance: every YAML file of every rendered example bundle (ParallelCluster cluster and
# image configs, CloudFormation templates) loads with PyYAML -- the parser ParallelCluster's
# CLI uses -- and passes yamllint --strict with tests/conformance/yamllint.yaml.
source "$(dirname "$0")/lib.sh"
source "$PWPC_SOURCE_DIR/tests/conformance/lib.sh"
need_tool yamllint

# PyYAML is yamllint's own dependency: run the loader on the Python yamllint runs on.
PY=$(sed -n '1s/^#! *//p' "$(command -v yamllint)")
[[ $PY == */env\ * ]] && PY=${PY##*/env }
"$PY" -c 'import yaml' 2>/dev/null || skip_or_fail "PyYAML is not importable by yamllint's Python ($PY)"

CONFIG="$CONFORMANCE_DIR/yamllint.yaml"
lint() { yamllint --strict -c "$CONFIG" -f parsable "$@"; }
load() { "$PY" "$CONFORMANCE_DIR/yaml-parse.py" "$@"; }

# --- Self-test: the checkers accept CloudFormation short forms and reject each defect. ---
mkdir -p "$TMP/self"
cat >"$TMP/self/good.yaml" <<'EOF'
# CloudFormation short-form tags must not trip either checker.
Resources:
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: !Sub "${AWS::StackName} login nodes"
      VpcId: !Ref VpcId
      Tags:
        - Key: Name
          Value: !Join ["-", [!Ref AWS::StackName, sg]]
Outputs:
  SgId:
    Value: !GetAtt Sg.GroupId
Flag: true
Mode: "0755"
EOF
check "self-test: yamllint accepts short-form tags" 0 "$TMP/self/good.lint" -- lint "$TMP/self/good.yaml"
check "self-test: PyYAML loads short-form tags" 0 "$TMP/self/good.load" -- load "$TMP/self/good.yaml"

# One defect per file, with the yamllint rule that must name it.
bad_yaml() {  # NAME RULE CONTENT
  printf '%b' "$3" >"$TMP/self/$1.yaml"
  check "self-test: yamllint rejects $1" nonzero "$TMP/self/$1.lint" -- lint "$TMP/self/$1.yaml" &&
    expect_in_file "($2)" "$TMP/self/$1.lint" "self-test: yamllint names rule $2 for $1"
}
bad_yaml duplicate-key key-duplicates 'HeadNode:\n  InstanceType: m6i.large\nHeadNode:\n  InstanceType: m6i.xlarge\n'
bad_yaml truthy-yes truthy 'Imds:\n  Secured: yes\n'
bad_yaml implicit-octal octal-values 'Mode: 0755\n'
bad_yaml syntax syntax 'Tags: [a, b\n'
bad_yaml crlf new-lines 'Region: us-east-1\r\nOs: alinux2023\r\n'
bad_yaml trailing-space trailing-spaces 'Region: us-east-1 \n'
bad_yaml tab-indent syntax 'HeadNode:\n\tInstanceType: m6i.large\n'

printf 'Scheduling:\n  Scheduler: *slurm\n' >"$TMP/self/undefined-alias.yaml"
check "self-test: PyYAML rejects an undefined alias" 1 "$TMP/self/undefined-alias.load" -- load "$TMP/self/undefined-alias.yaml" &&
  expect_in_file "undefined alias" "$TMP/self/undefined-alias.load" "self-test: PyYAML says why"
check "self-test: PyYAML rejects a syntax error" 1 "$TMP/self/syntax.load" -- load "$TMP/self/syntax.yaml"
printf -- '- a\n- b\n' >"$TMP/self/list.yaml"
check "self-test: PyYAML loader rejects a top level that is not a mapping" 1 "$TMP/self/list.load" -- load "$TMP/self/list.yaml"

# --- The rendered bundles. ---
render_examples
for i in "${!BUNDLES[@]}"; do
  b=${BUNDLES[$i]} name=${EXAMPLES[$i]}
  expect_file "$b/parallelcluster/cluster-config.yaml" "$name: cluster config"
  expect_file "$b/parallelcluster/image-config.yaml" "$name: image config"
  mapfile -t files < <(find "$b" -type f \( -name '*.yaml' -o -name '*.yml' \) | sort)
  ncfn=$(printf '%s\n' "${files[@]}" | grep -c '/cloudformation/')
  if ((ncfn == 0)); then echo "FAIL: $name: no CloudFormation template in cloudformation/"; failures=$((failures + 1)); fi
  check "$name: yamllint --strict" 0 "$TMP/$name.lint" -- lint "${files[@]}"
  check "$name: PyYAML loads every file" 0 "$TMP/$name.load" -- load "${files[@]}"
  echo "$name: ${#files[@]} YAML files ($ncfn CloudFormation) linted and loaded"
done
finish
