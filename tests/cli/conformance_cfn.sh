#!/usr/bin/env bash
# Conformance: every CloudFormation template of every rendered example bundle
# (cloudformation/*.yaml) names only resource types, property names (nested ones too),
# attributes and references that exist, with every required property present, according
# to the CloudFormation resource specification in the npm package @aws-cdk/aws-service-spec
# (tests/conformance/cfn-spec-check.mjs; the package versions are pinned in
# tests/conformance/package-lock.json and installed with `npm ci` into
# tests/conformance/node_modules/).
source "$(dirname "$0")/lib.sh"
source "$PWPC_SOURCE_DIR/tests/conformance/lib.sh"
need_tool node npm
node_major=$(node -p 'process.versions.node.split(".")[0]')
((node_major >= 20)) || skip_or_fail "Node.js $(node --version) is too old: cfn-spec-check.mjs needs Node.js 20 or newer"

# Install the pinned packages once per package-lock.json (a stamp records which one).
# ctest may run this script from several build trees at once: installing takes an
# exclusive lock on package.json, checking a shared one, so no npm ci empties
# node_modules/ under a running check.
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
cfn_check() { node "$CONFORMANCE_DIR/cfn-spec-check.mjs" "$@"; }

# --- Self-test: a correct template passes, each defect is rejected. ---
mkdir -p "$TMP/self"
cat >"$TMP/self/good.yaml" <<'EOF'
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  VpcId:
    Type: AWS::EC2::VPC::Id
  SubnetIds:
    Type: List<AWS::EC2::Subnet::Id>
  CertificateArn:
    Type: String
    Default: ""
Conditions:
  HasCertificate: !Not [!Equals [!Ref CertificateArn, ""]]
Resources:
  DbSecurityGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: !Sub "${AWS::StackName} PostgreSQL"
      VpcId: !Ref VpcId
  DbSubnets:
    Type: AWS::RDS::DBSubnetGroup
    Properties:
      DBSubnetGroupDescription: Workbench database
      SubnetIds: !Ref SubnetIds
  Db:
    Type: AWS::RDS::DBInstance
    DeletionPolicy: Snapshot
    UpdateReplacePolicy: Snapshot
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.micro
      AllocatedStorage: "20"
      StorageEncrypted: true
      DeletionProtection: true
      BackupRetentionPeriod: 7
      ManageMasterUserPassword: true
      MasterUsername: rstudio
      DBSubnetGroupName: !Ref DbSubnets
      VPCSecurityGroups: [!GetAtt DbSecurityGroup.GroupId]
      Tags:
        - Key: Name
          Value: !Join ["-", [!Ref "AWS::StackName", workbench]]
  TargetGroup:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties:
      Port: 8787
      Protocol: HTTP
      VpcId: !Ref VpcId
      HealthCheckPath: /health-check
      TargetGroupAttributes:
        - Key: stickiness.enabled
          Value: "true"
        - !If [HasCertificate, {Key: stickiness.type, Value: app_cookie}, !Ref "AWS::NoValue"]
Outputs:
  DatabaseHost:
    Value: !GetAtt Db.Endpoint.Address
    Export:
      Name: !Sub "${AWS::StackName}-DatabaseHost"
  DatabaseSecretArn:
    Value: !GetAtt Db.MasterUserSecret.SecretArn
EOF
check "self-test: cfn-spec-check accepts a correct template" 0 "$TMP/self/good.out" -- cfn_check "$TMP/self/good.yaml"
expect_in_file "0 finding(s)" "$TMP/self/good.out" "self-test: cfn-spec-check summary of the good template"

# Each defect in its own copy of the good template; one run of the checker over all of them
# (loading the specification takes most of a second), then each copy's findings are read.
declare -A bad_expect=()
bad_cfn() {  # NAME EXPECTED_TEXT SED_EXPRESSION
  sed -e "$3" "$TMP/self/good.yaml" >"$TMP/self/$1.yaml"
  if cmp -s "$TMP/self/good.yaml" "$TMP/self/$1.yaml"; then
    echo "FAIL: self-test $1: the sed expression changed nothing"; failures=$((failures + 1)); return
  fi
  bad_expect[$1]=$2
}
bad_cfn misspelled-property \
  "Resources.Db (AWS::RDS::DBInstance): unknown property Properties.StorageEncryptd (did you mean StorageEncrypted?)" \
  's/StorageEncrypted: true/StorageEncryptd: true/'
bad_cfn misspelled-nested-property "unknown property Properties.TargetGroupAttributes[0].Kee" \
  's/- Key: stickiness.enabled/- Kee: stickiness.enabled/'
bad_cfn unknown-type '[CFN-UNKNOWN-TYPE] Resources.Db (AWS::RDS::DBInstances)' \
  's/Type: AWS::RDS::DBInstance$/Type: AWS::RDS::DBInstances/'
bad_cfn missing-required "required property Properties.GroupDescription is missing" \
  '/GroupDescription: /d'
bad_cfn list-for-string "Properties.DBInstanceClass expects a string" \
  's/DBInstanceClass: db.t3.micro/DBInstanceClass: [db.t3.micro]/'
bad_cfn not-an-integer "Properties.BackupRetentionPeriod expects an integer" \
  's/BackupRetentionPeriod: 7/BackupRetentionPeriod: seven/'
bad_cfn unknown-attribute 'has no attribute "Endpoint.Adress"' \
  's/Db.Endpoint.Address/Db.Endpoint.Adress/'
bad_cfn unknown-ref 'Ref to "VpcIdd"' \
  's/VpcId: !Ref VpcId$/VpcId: !Ref VpcIdd/'
bad_cfn unknown-sub-variable 'refers to ${AWS::StackNam}' \
  's/${AWS::StackName} PostgreSQL/${AWS::StackNam} PostgreSQL/'
bad_cfn unknown-condition 'condition "HasCert" is not defined' \
  's/!If \[HasCertificate,/!If [HasCert,/'
bad_cfn bad-deletion-policy 'DeletionPolicy "Keep"' \
  's/DeletionPolicy: Snapshot/DeletionPolicy: Keep/'
bad_files=()
for name in "${!bad_expect[@]}"; do bad_files+=("$TMP/self/$name.yaml"); done
check "self-test: cfn-spec-check rejects the broken copies" 1 "$TMP/self/bad.out" -- \
  cfn_check "$TMP/self/good.yaml" "${bad_files[@]}"
for name in "${!bad_expect[@]}"; do
  sed -n "s|^$TMP/self/$name.yaml:||p" "$TMP/self/bad.out" >"$TMP/self/$name.out"
  expect_in_file "${bad_expect[$name]}" "$TMP/self/$name.out" "self-test: cfn-spec-check explains $name"
done
if grep -q "^$TMP/self/good.yaml:" "$TMP/self/bad.out"; then
  echo "FAIL: self-test: findings on the good template"; grep "^$TMP/self/good.yaml:" "$TMP/self/bad.out"; failures=$((failures + 1))
fi
printf 'Resources:\n  X: [a, b\n' >"$TMP/self/unparsable.yaml"
check "self-test: cfn-spec-check rejects unparsable YAML" 2 "$TMP/self/unparsable.out" -- cfn_check "$TMP/self/unparsable.yaml"

# --- The rendered bundles (one run over all templates: the specification loads once). ---
render_examples
templates=()
for i in "${!BUNDLES[@]}"; do
  b=${BUNDLES[$i]} name=${EXAMPLES[$i]}
  mapfile -t files < <(find "$b/cloudformation" -maxdepth 1 -type f \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' \) 2>/dev/null | sort)
  if ((${#files[@]} == 0)); then
    echo "FAIL: $name: no template in cloudformation/"; failures=$((failures + 1)); continue
  fi
  templates+=("${files[@]}")
done
if ((${#templates[@]})); then
  check "cfn-spec-check on every bundle's cloudformation/" 0 "$TMP/bundles.cfn" -- cfn_check "${templates[@]}"
  for i in "${!BUNDLES[@]}"; do
    grep -F "cfn-spec-check: ${BUNDLES[$i]}/" "$TMP/bundles.cfn" | sed "s|cfn-spec-check: ${BUNDLES[$i]}/|${EXAMPLES[$i]}: |"
  done
  grep -E '^cfn-spec-check: [0-9]+ template' "$TMP/bundles.cfn"
fi

# End to end: a template override with a misspelled property renders (pwpc's own
# validation does not know every CloudFormation property) and the checker refuses it.
fx=tests/golden/fixtures
mkdir -p "$TMP/override/cloudformation"
awk '!done && /^    Properties:$/ { print; print "      EncryptionEnabeld: true"; done = 1; next } { print }' \
  templates/cloudformation/infrastructure.yaml.mustache >"$TMP/override/cloudformation/infrastructure.yaml.mustache"
"$PWPC" render "$fx/team-complete.yaml" -o "$TMP/overridden" --stack-outputs "$fx/stack-outputs.json" \
  --templates "$TMP/override" >"$TMP/overridden.log" 2>&1
rc=$?
if [[ $rc -eq 1 ]] && grep -q 'EncryptionEnabeld' "$TMP/overridden.log"; then
  echo "note: pwpc's own validation refused the misspelled property; the self-test above exercises the checker"
  passes=$((passes + 1))
elif [[ $rc -ne 0 ]]; then
  echo "FAIL: render with the misspelled-property override exited $rc"; sed 's/^/  | /' "$TMP/overridden.log" | head; failures=$((failures + 1))
else
  check "end to end: cfn-spec-check refuses a rendered template with a misspelled property" 1 "$TMP/overridden.cfn" -- \
    cfn_check "$TMP/overridden/cloudformation/infrastructure.yaml" &&
    expect_in_file "unknown property Properties.EncryptionEnabeld" "$TMP/overridden.cfn" "end to end: the misspelled property is named"
fi
finish
