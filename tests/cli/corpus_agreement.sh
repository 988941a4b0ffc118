#!/usr/bin/env bash
# pwpc validate against ParallelCluster's own verdicts on real configs
# (shared/corpus/parallelcluster/verdicts.tsv, taken with ParallelCluster 3.12.0-dev, cluster
# name oracle-cluster, region us-east-1):
#  1. the exit code agrees with the `offline` column on every row (1 = INVALID, 0 = VALID),
#     except the deliberate differences listed below;
#  2. on rows that pass the schema but fail validators, the set of pwpc error rules is
#     exactly the set of rules that map ParallelCluster's failing validators (first_findings);
#  3. on rows that fail the schema, pwpc reports a schema-stage rule.
set -u
: "${PWPC:?set PWPC to the pwpc binary}"
shared="${PWPC_SHARED_DIR:-}"
corpus="$shared/corpus/parallelcluster"
if [[ -z "$shared" || ! -f "$corpus/verdicts.tsv" ]]; then
  echo "SKIP: corpus not found (PWPC_SHARED_DIR=${shared:-unset}); it lives in ../shared in CI" >&2
  exit 77
fi

# Deliberate differences: file -> reason. pwpc and ParallelCluster disagree on these on
# purpose (see docs/parallelcluster-validation.md). None today.
declare -A deliberate=()

# ParallelCluster validator (first_findings) -> pwpc rule.
declare -A rule_for=(
  [NameValidator]=PC-NAME
  [ClusterNameValidator]=PC-CLUSTER-NAME
  [DuplicateNameValidator]=PC-DUPLICATE-NAME
  [MaxCountValidator]=PC-QUEUE-LIMITS
  [ComputeResourceSizeValidator]=PC-MIN-MAX-COUNT
  [AwsBatchComputeResourceSizeValidator]=PC-MIN-MAX-COUNT
  [SchedulableMemoryValidator]=PC-SCHEDULABLE-MEMORY
  [SharedStorageNameValidator]=PC-STORAGE-NAME
  [OverlappingMountDirValidator]=PC-STORAGE-NAME
  [NumberOfStorageValidator]=PC-SHARED-STORAGE-COUNT
  [SharedStorageMountDirValidator]=PC-MOUNT-DIR
  [DuplicateMountDirValidator]=PC-MOUNT-DIR
  [SharedFileCacheNotHomeValidator]=PC-MOUNT-DIR
  [EbsVolumeTypeSizeValidator]=PC-EBS-VOLUME
  [EbsVolumeIopsValidator]=PC-EBS-VOLUME
  [EbsVolumeThroughputValidator]=PC-EBS-VOLUME
  [EbsVolumeThroughputIopsValidator]=PC-EBS-VOLUME
  [KmsKeyIdEncryptedValidator]=PC-KMS-ENCRYPTED
  [FsxStorageCapacityValidator]=PC-FSX-CAPACITY
  [FsxStorageTypeOptionsValidator]=PC-FSX-OPTIONS
  [FsxPersistentOptionsValidator]=PC-FSX-OPTIONS
  [FsxBackupOptionsValidator]=PC-FSX-OPTIONS
  [FsxS3Validator]=PC-FSX-OPTIONS
  [FsxDraValidator]=PC-FSX-OPTIONS
  [S3BucketUriValidator]=PC-S3-URI
  [ManagedFsxMultiAzValidator]=PC-FSX-SUBNETS
  [EfsMountOptionsValidator]=PC-EFS-OPTIONS
  [EfsAccessPointOptionsValidator]=PC-EFS-OPTIONS
  [DatabaseUriValidator]=PC-DATABASE-URI
  [PasswordSecretArnValidator]=PC-SECRET-ARN
  [ArnServiceAndResourceValidator]=PC-SECRET-ARN
  [ExternalSlurmdbdVsDatabaseIncompatibility]=PC-EXTERNAL-SLURMDBD
  [ExternalSlurmdbdRequiresCustomMungeKey]=PC-EXTERNAL-SLURMDBD
  [CustomSlurmSettingsValidator]=PC-CUSTOM-SLURM-SETTINGS
  [CustomSlurmNodeNamesValidator]=PC-CUSTOM-SLURM-SETTINGS
  [CustomSlurmSettingsIncludeFileOnlyValidator]=PC-CUSTOM-SLURM-SETTINGS
  [HeadNodeImdsValidator]=PC-IMDS
  [IntelHpcOsValidator]=PC-INTEL-HPC
  [SchedulerOsValidator]=PC-OS
  [OsCustomAmiValidator]=PC-OS
  [LoginNodesSchedulerValidator]=PC-SCHEDULER-SECTIONS
  [SchedulerDisableSudoAccessForDefaultUserValidator]=PC-SCHEDULER-SECTIONS
  [RegionValidator]=PC-REGION
  [FeatureRegionValidator]=PC-REGION
  [AsyncTimedUrlValidator]=PC-URL
  [UrlValidator]=PC-URL
  [ComputeResourceTagsValidator]=PC-TAGS
  [EfaPlacementGroupValidator]=PC-EFA
  [EfaValidator]=PC-EFA
  [EfaMultiAzValidator]=PC-EFA
  [PlacementGroupNamingValidator]=PC-PLACEMENT-GROUP
  [MultiAzPlacementGroupValidator]=PC-PLACEMENT-GROUP
  [SingleInstanceTypeSubnetValidator]=PC-QUEUE-SUBNETS
  [DomainNameValidator]=PC-DIRECTORY-SERVICE
  [AdditionalSssdConfigsValidator]=PC-DIRECTORY-SERVICE
)
# Rules that stand for ParallelCluster's schema stage (marshmallow load).
schema_stage='PC-SCHEMA|PC-SCHEDULER-SECTIONS|PC-IAM|PC-SECURITY-GROUPS|PC-STORAGE-SETTINGS|PC-INSTANCE-TYPE|PC-CAPACITY-RESERVATION|PC-CUSTOM-ACTION|PC-TAGS|PC-JSON-SETTING|PC-IMAGE-COMPONENTS|PC-LOGIN-POOLS|PC-EFS-OPTIONS|PC-FSX-OPTIONS'

total=0 agree=0 failures=0
out=$(mktemp)
trap 'rm -f "$out"' EXIT
while IFS=$'\t' read -r file kind schema offline _source findings; do
  [[ "$file" == file ]] && continue
  total=$((total + 1))
  "$PWPC" validate --kind "$kind" --parallelcluster-version 3.12.0 --cluster-name oracle-cluster \
    --region us-east-1 "$corpus/$file" >"$out" 2>&1
  rc=$?
  want=0
  [[ "$offline" == INVALID ]] && want=1
  if [[ $rc -eq $want ]]; then
    agree=$((agree + 1))
  elif [[ -n "${deliberate[$file]:-}" ]]; then
    echo "deliberate difference: $file (pwpc exit $rc, ParallelCluster $offline): ${deliberate[$file]}"
  else
    echo "DISAGREE: $file: pwpc exit $rc, ParallelCluster says $offline"
    sed 's/^/    /' "$out" | head -20
    failures=$((failures + 1))
    continue
  fi
  got=$(grep -oE ': error: \[[A-Z0-9-]+\]' "$out" | grep -oE 'PC-[A-Z0-9-]+' | sort -u | tr '\n' ' ')
  if [[ "$schema" == VALID && "$offline" == INVALID ]]; then
    expected=""
    for v in $findings; do
      r="${rule_for[$v]:-}"
      if [[ -z "$r" ]]; then
        echo "UNMAPPED validator $v in $file: add it to rule_for"
        failures=$((failures + 1))
        continue
      fi
      expected+="$r"$'\n'
    done
    expected=$(printf '%s' "$expected" | sort -u | tr '\n' ' ')
    if [[ "$got" != "$expected" ]]; then
      echo "FINDINGS DIFFER: $file"
      echo "    ParallelCluster: $findings"
      echo "    expected rules:  $expected"
      echo "    pwpc rules:      $got"
      failures=$((failures + 1))
    fi
  elif [[ "$schema" == INVALID ]]; then
    if ! grep -qE ": error: \[($schema_stage)\]" "$out"; then
      echo "NO SCHEMA-STAGE FINDING: $file (ParallelCluster: $findings); pwpc rules: $got"
      failures=$((failures + 1))
    fi
  fi
done <"$corpus/verdicts.tsv"

echo "corpus agreement: $agree/$total"
if [[ $failures -gt 0 ]]; then
  echo "FAIL: $failures undocumented difference(s)"
  exit 1
fi
