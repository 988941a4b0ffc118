#!/usr/bin/env bash
# Measures `pwpc validate`: the whole shared ParallelCluster corpus in one process, against
# yamllint alone on the same files, and how the cost grows with the size of a config
# (1, 10 and 50 queues, one compute resource each). Prints a Markdown table for
# docs/performance.md. Usage: bench/validate_bench.sh [PWPC] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
pwpc=${1:-build/pwpc}
runs=${2:-20}
shared=${PWPC_SHARED_DIR:-../shared}
corpus=$shared/corpus/parallelcluster/configs
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# median_ms CMD...: the median wall-clock time of `runs` runs, in milliseconds.
median_ms() {
  local times=()
  for ((i = 0; i < runs; i++)); do
    local t0 t1
    t0=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    t1=$(date +%s%N)
    times+=($(((t1 - t0) / 1000)))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/1000}'
}

config() {  # QUEUES
  local q
  printf 'Region: us-east-1\nImage:\n  Os: alinux2\nHeadNode:\n  InstanceType: t3.xlarge\n  Networking:\n    SubnetId: subnet-0123456789abcdef0\nScheduling:\n  Scheduler: slurm\n  SlurmQueues:\n'
  for ((q = 1; q <= $1; q++)); do
    printf '    - Name: queue%d\n      Networking:\n        SubnetIds: [subnet-0123456789abcdef0]\n      ComputeResources:\n        - Name: cr%d\n          InstanceType: m6i.xlarge\n          MinCount: 0\n          MaxCount: 10\n' "$q" "$q"
  done
}

echo "| what | median (ms) |"
echo "|---|---|"
if [[ -d $corpus ]]; then
  mapfile -t files < <(ls "$corpus"/*.yaml)
  echo "| pwpc validate, all ${#files[@]} corpus files in one process | $(median_ms "$pwpc" validate --parallelcluster-version 3.12.0 --cluster-name oracle-cluster "${files[@]}") |"
  if command -v yamllint >/dev/null; then
    echo "| yamllint alone, the same files | $(median_ms yamllint -d relaxed "${files[@]}") |"
  fi
fi
for q in 1 10 50; do
  config "$q" >"$tmp/q$q.yaml"
  echo "| pwpc validate, a $q-queue config ($(wc -c <"$tmp/q$q.yaml") bytes) | $(median_ms "$pwpc" validate "$tmp/q$q.yaml") |"
done
# CloudFormation: the template pwpc renders for its largest example, and a 10 MB template
# of 24,000 security groups (CFN-STRUCTURE, CFN-PROPERTIES, the SEC-* rules).
"$pwpc" render examples/team-above-tested.yaml -o "$tmp/bundle" --allow-placeholders \
  --stack-outputs tests/golden/fixtures/stack-outputs.json >/dev/null 2>&1
cfn=$tmp/bundle/cloudformation/infrastructure.yaml
echo "| pwpc validate, the rendered infrastructure.yaml ($(wc -c <"$cfn") bytes) | $(median_ms "$pwpc" validate --kind cloudformation "$cfn") |"
{
  printf 'Resources:\n'
  for ((i = 0; i < 24000; i++)); do
    printf '  Sg%d:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: group %d %0100d\n      VpcId: !Ref VpcId\n      SecurityGroupIngress:\n        - IpProtocol: tcp\n          FromPort: 443\n          ToPort: 443\n          CidrIp: 10.0.0.0/16\n        - IpProtocol: udp\n          FromPort: 53\n          ToPort: 53\n          SourceSecurityGroupId: !GetAtt Other.GroupId\n' "$i" "$i" 0
  done
} >"$tmp/big-cfn.yaml"
echo "| pwpc validate, a 24,000-resource template ($(wc -c <"$tmp/big-cfn.yaml") bytes) | $(median_ms "$pwpc" validate --kind cloudformation "$tmp/big-cfn.yaml") |"
