#!/usr/bin/env bash
# No secret value in a rendered file, a log line, a diagnostic or plan.json; file modes.
#
# Every free-form string of the profile holds its own marker (MARK-<field> or mark-<field>
# where a pattern wants lower case), and so do the stack outputs pwpc reads; the
# secret-bearing inputs are the directory's password secret ARN (from the profile, and from
# the stack outputs) and the two database secret ARNs. ARNs are references and belong in the
# bundle; a secret VALUE must never appear. Values a careless implementation might pick up
# are planted everywhere: environment variables (WORKBENCH_POSTGRES_PASSWORD, PGPASSWORD,
# AWS credentials), password outputs and parameters in the describe-stacks JSON, and
# passwords typed where they do not belong. Every command runs with -v -v; the bundles,
# plan.json and all stdout/stderr are searched for "MARK-SECRET-VALUE".
source "$(dirname "$0")/lib.sh"
fx=tests/golden/fixtures
limit=60
ok() { passes=$((passes + 1)); }
bad() { echo "FAIL: $*"; failures=$((failures + 1)); }
secret=MARK-SECRET-VALUE
secret_env=(
  "WORKBENCH_POSTGRES_PASSWORD=$secret-env-workbench-postgres-password"
  "PGPASSWORD=$secret-env-pgpassword"
  "AWS_SECRET_ACCESS_KEY=$secret-env-aws-secret-access-key"
  "AWS_SESSION_TOKEN=$secret-env-aws-session-token"
  "SLURM_DB_PASSWORD=$secret-env-slurm-db-password"
  "DIRECTORY_PASSWORD=$secret-env-directory-password"
)
logs=$TMP/logs; mkdir -p "$logs"
# pws NAME EXPECTED_EXIT -- ARGS...: pwpc -v -v with the planted environment; output in $logs/NAME.*
pws() {
  local name=$1 want=$2; shift 2; [[ $1 == -- ]] && shift
  env "${secret_env[@]}" timeout -k 5 "$limit" "$PWPC" -v -v "$@" >"$logs/$name.out" 2>"$logs/$name.err"
  local got=$?
  if [[ " $want " == *" $got "* ]]; then ok; else
    bad "$name: pwpc $* exited $got, expected $want"; head -c 800 "$logs/$name.err"
  fi
}

# The profile with the directory in it, and one that takes the directory from stack outputs.
cat >"$TMP/p.yaml" <<'EOF'
apiVersion: pwpc/v1
cluster:
  name: mark-cluster-name
  region: us-east-1
  parallelcluster_version: "3.14.0"
  os: ubuntu2204
  tags:
    mark-tag-key: "MARK-tag-value"
users:
  concurrent: 50
  named: 80
  sessions_per_user: 2
workloads:
  - name: mark-workload-name
    share: 1.0
    cpus: 2
    memory_gib: 8
storage:
  home_gib_per_user: 20
network:
  ssh_key_name: MARK-ssh-key-name
  allowed_cidr: 10.0.0.0/8
image:
  custom_ami: ami-00000000000000001
  parent_image: arn:aws:imagebuilder:us-east-1:aws:image/mark-parent-image/x.x.x
directory:
  domain_name: mark-domain-name.example.com
  domain_addr: ldaps://mark-domain-addr.example.com
  password_secret_arn: arn:aws:secretsmanager:us-east-1:111122223333:secret:MARK-directory-password-secret-arn
  read_only_user: cn=MARK-read-only-user,ou=Users,dc=example,dc=com
  admin_group: mark_admin_group
workbench:
  version: 2025.09.1+401.pro2
  hostname: mark-hostname.example.com
  tls_certificate_arn: arn:aws:acm:us-east-1:111122223333:certificate/MARK-tls-certificate-arn
EOF
sed -e '/^  domain_name:/d' -e '/^  domain_addr:/d' -e '/^  password_secret_arn:/d' -e '/^  read_only_user:/d' \
  "$TMP/p.yaml" >"$TMP/q.yaml"
sed -e '/^  hostname:/d' "$TMP/p.yaml" >"$TMP/r.yaml"  # a placeholder render

python3 - "$fx/stack-outputs.json" "$TMP" "$secret" <<'PY'
import json, sys
src, tmp, secret = sys.argv[1:]
d = json.load(open(src))
arn = "arn:aws:secretsmanager:us-east-1:111122223333:secret:"
marks = {
    "WorkbenchDbEndpoint": "mark-workbench-db-endpoint.example.com",
    "SlurmDbEndpoint": "mark-slurm-db-endpoint.example.com",
    "WorkbenchDbSecretArn": arn + "MARK-workbench-db-secret-arn",
    "SlurmDbSecretArn": arn + "MARK-slurm-db-secret-arn",
    "PasswordSecretArn": arn + "MARK-stack-directory-password-secret-arn",
    "DomainName": "mark-stack-domain-name.example.com",
    "DomainAddrLdaps": "ldaps://mark-stack-domain-addr.example.com",
    "DomainServiceAccount": "cn=MARK-stack-read-only-user,ou=Users,dc=example,dc=com",
    "ArtifactBucketName": "mark-artifact-bucket-name",
    "LoadBalancerDnsName": "mark-load-balancer-dns-name.us-east-1.elb.amazonaws.com",
}
for s in d["Stacks"]:
    for o in s["Outputs"]:
        o["OutputValue"] = marks.get(o["OutputKey"], o["OutputValue"])
# What a careless implementation might read: password outputs, NoEcho parameters as a
# script would have them, a secret string in a description.
for s in d["Stacks"]:
    s["Outputs"] += [{"OutputKey": k, "OutputValue": f"{secret}-output-{k}", "Description": f"{secret}-description-{k}"}
                     for k in ("WorkbenchDbPassword", "SlurmDbPassword", "DirectoryPassword", "MasterUserPassword")]
    s["Parameters"] = [{"ParameterKey": k, "ParameterValue": f"{secret}-parameter-{k}"}
                       for k in ("AdminPassword", "ServiceAccountPassword")]
json.dump(d, open(f"{tmp}/so.json", "w"), indent=1)
# A second file that disagrees on a password output only.
for s in d["Stacks"]:
    for o in s["Outputs"]:
        if o["OutputKey"] == "DirectoryPassword":
            o["OutputValue"] = f"{secret}-output-DirectoryPassword-other"
json.dump(d, open(f"{tmp}/so2.json", "w"), indent=1)
PY
so=(--stack-outputs "$TMP/so.json")

pws render-p 0 -- render "$TMP/p.yaml" -o "$TMP/bp" "${so[@]}"
pws check-p 0 -- render "$TMP/p.yaml" -o "$TMP/bp" "${so[@]}" --check
pws render-q 0 -- render "$TMP/q.yaml" -o "$TMP/bq" "${so[@]}"
pws render-r 0 -- render "$TMP/r.yaml" -o "$TMP/br" "${so[@]}" --allow-placeholders
pws render-conflict 2 -- render "$TMP/p.yaml" -o "$TMP/bx" "${so[@]}" --stack-outputs "$TMP/so2.json"
expect "OutputKey DirectoryPassword has a different value here" "$(<"$logs/render-conflict.err")" "conflicting password outputs are named"
pws plan-text 0 -- plan "$TMP/p.yaml"
pws plan-json 0 -- plan "$TMP/q.yaml" --format json
for f in text json sarif github; do
  pws "validate-p-$f" "0 1" -- validate "$TMP/bp" --format "$f"
  pws "validate-q-$f" "0 1" -- validate "$TMP/bq" --format "$f"
done
pws validate-profile "0 1" -- validate --kind profile "$TMP/p.yaml"
# Drift, reported by --check (paths only).
if [[ -f "$TMP/bp/workbench/database.conf" ]]; then
  echo "password=$secret-typed-into-database-conf" >>"$TMP/bp/workbench/database.conf"
  pws check-drift 1 -- render "$TMP/p.yaml" -o "$TMP/bp" "${so[@]}" --check
  pws validate-drift "0 1" -- validate "$TMP/bp"
  expect "SEC-DATABASE-PASSWORD" "$(cat "$logs/validate-drift."*)" "validate reports the typed-in password"
  pws render-p-again 0 -- render "$TMP/p.yaml" -o "$TMP/bp" "${so[@]}"
fi

# 1. No secret value anywhere: bundles (plan.json included) and every stdout and stderr.
# (The typed-in database.conf password was replaced by render-p-again.)
leaks=$(grep -rn -- "$secret" "$TMP/bp" "$TMP/bq" "$TMP/br" "$logs" 2>/dev/null)
if [[ -z "$leaks" ]]; then ok; else bad "secret values leaked:"; echo "$leaks" | head -20 | cut -c1-300; fi
[[ -f "$TMP/bp/plan.json" ]] && ok || bad "no plan.json in the bundle"
n=$(find "$logs" -type f | wc -l)
((n >= 30)) && ok || bad "expected the output of at least 15 commands in $logs, found $n files"

# 2. The test is live: every marker of the profile and of the stack outputs reaches the
# bundle, the secret ARNs included (as references, where ParallelCluster and the password
# helper read them).
for pair in "p.yaml:bp" "q.yaml:bq"; do
  src=${pair%%:*}; out=${pair##*:}
  for m in $(grep -oE 'MARK-[A-Za-z0-9-]+|mark[-_][a-z0-9_-]+' "$TMP/$src" | sort -u); do
    grep -rqF -- "$m" "$TMP/$out" && ok || bad "marker $m of $src does not reach the bundle"
  done
done
for m in MARK-stack-directory-password-secret-arn MARK-stack-read-only-user mark-stack-domain-name; do
  grep -rqF -- "$m" "$TMP/bq" && ok || bad "stack output marker $m does not reach the bundle of q.yaml"
done
for m in MARK-workbench-db-secret-arn MARK-slurm-db-secret-arn mark-workbench-db-endpoint mark-artifact-bucket-name; do
  grep -rqF -- "$m" "$TMP/bp" && ok || bad "stack output marker $m does not reach the bundle"
done
expect "PasswordSecretArn: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:MARK-directory-password-secret-arn'" \
  "$(cat "$TMP/bp/parallelcluster/cluster-config.yaml")" "the directory password is passed by reference"
expect "arn:aws:secretsmanager:us-east-1:111122223333:secret:MARK-workbench-db-secret-arn" \
  "$(cat "$TMP/bp/workbench/database-secret.env")" "the Workbench database password is passed by reference"

# 3. database.conf holds no password: no password key, no user:password@ in the URI.
db=$TMP/bp/workbench/database.conf
if grep -Eiq '^[[:space:]]*[a-z-]*password[[:space:]]*=' "$db" || grep -Eq '://[^/@:]+:[^/@]+@' "$db"; then
  bad "database.conf carries a password: $(grep -Ei 'password|://' "$db")"
else ok; fi

# 4. Modes under umask 000 and 077: scripts (#!) 0755; database.conf and any other
# configuration file with a password or connection setting 0600; everything else 0644;
# directories 0755.
for mask in 000 077; do
  out=$TMP/mode-$mask
  (umask "$mask"; env "${secret_env[@]}" timeout -k 5 "$limit" "$PWPC" render "$TMP/p.yaml" -o "$out" "${so[@]}" 2>/dev/null) ||
    { bad "umask $mask: render failed"; continue; }
  wrong=""
  while IFS= read -r -d '' f; do
    rel=${f#"$out"/}; mode=$(stat -c %a "$f")
    if [[ -d "$f" ]]; then want=755
    elif [[ "$(head -c 2 "$f")" == '#!' ]]; then want=755
    elif [[ $rel == workbench/database.conf ]] || grep -Eq '^[[:space:]]*(connection-uri|[a-z-]*password)[[:space:]]*=' "$f"; then want=600
    else want=644; fi
    [[ $mode == "$want" ]] || wrong+=" $rel=$mode(want $want)"
  done < <(find "$out" -print0)
  [[ -z "$wrong" ]] && ok || bad "umask $mask: wrong modes:$wrong"
done
expect "600" "$(stat -c %a "$TMP/mode-000/workbench/database.conf")" "database.conf is 0600 under umask 000"

# 5. Passwords typed where they do not belong are refused without being repeated.
# A plaintext password in a hand-written database.conf, an inline CloudFormation password,
# a password key in the profile, a password output given twice.
printf 'provider=postgresql\nconnection-uri=postgresql://rstudio:%s-uri@db.example.com/rstudio?sslmode=require\npassword=%s-key\n' \
  "$secret" "$secret" >"$TMP/database.conf"
# Warnings (exit 0): pwpc cannot tell an encrypted password from plaintext.
pws typed-db "0 1" -- validate --kind database "$TMP/database.conf"
expect "SEC-DATABASE-PASSWORD" "$(<"$logs/typed-db.err")$(<"$logs/typed-db.out")" "plaintext database password reported"
sed "s|MasterUserPassword: .*|MasterUserPassword: $secret-cfn|" "$TMP/bp/cloudformation/infrastructure.yaml" >"$TMP/cfn.yaml"
pws typed-cfn 1 -- validate "$TMP/cfn.yaml" --format json
expect "SEC-PLAINTEXT-PASSWORD" "$(<"$logs/typed-cfn.out")" "inline CloudFormation password reported"
sed "s|^  admin_group: .*|&\n  password: $secret-profile-key|" "$TMP/p.yaml" >"$TMP/typed-key.yaml"
pws typed-profile-key 2 -- plan "$TMP/typed-key.yaml"
expect "unknown key 'password'" "$(<"$logs/typed-profile-key.err")" "a password key in the profile is refused"
leaks=$(grep -rn -- "$secret" "$logs"/typed-* 2>/dev/null)
if [[ -z "$leaks" ]]; then ok; else bad "typed-in secrets repeated in output:"; echo "$leaks" | head -10 | cut -c1-300; fi

# A password pasted into a field that wants a secret ARN must not be repeated by the schema
# diagnostics (keys marked x-sensitive) or by PC-SECRET-ARN. Keep any future known leak
# here: it is then an expected failure, and XPASS fails the test once it is fixed.
known_leaks=""
sed "s|password_secret_arn: .*|password_secret_arn: $secret-pasted-into-profile|" "$TMP/p.yaml" >"$TMP/pasted.yaml"
pws profile-secret-arn 2 -- plan "$TMP/pasted.yaml"
sed "s|PasswordSecretArn: .*|PasswordSecretArn: $secret-pasted-into-cluster-config|" \
  "$TMP/bp/parallelcluster/cluster-config.yaml" >"$TMP/pasted-cluster.yaml"
pws cluster-secret-arn 1 -- validate "$TMP/pasted-cluster.yaml"
for k in profile-secret-arn cluster-secret-arn; do
  if grep -q -- "$secret" "$logs/$k.out" "$logs/$k.err"; then
    if [[ " $known_leaks " == *" $k "* ]]; then echo "XFAIL: $k: $(grep -h -m1 -- "$secret" "$logs/$k.err" "$logs/$k.out" | cut -c1-200)"
    else bad "$k: the pasted secret is repeated"; fi
  else
    if [[ " $known_leaks " == *" $k "* ]]; then bad "XPASS: $k no longer repeats the secret: remove it from known_leaks"; else ok; fi
  fi
done
finish
