#!/bin/bash
# Rendered by pwpc 0.1.0 from profile team-500.yaml. Do not edit: change the profile and run pwpc render again.
# Head node custom action (OnNodeConfigured, OnNodeUpdated): copies the Workbench
# configuration from S3 (this bundle's workbench/ directory) onto the /opt/rstudio EFS
# with the modes Workbench expects, and creates the shared storage directory on /home.
set -euo pipefail
src="${1:?usage: workbench-config-sync.sh s3://bucket/prefix/workbench/}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
aws s3 cp --recursive --only-show-errors --region us-east-1 "$src" "$tmp/"
install -d -o root -g root -m 0755 /opt/rstudio
for f in "$tmp"/*; do
  name=$(basename "$f")
  case "$name" in
    database.conf) mode=0600 ;;
    *) mode=0644 ;;
  esac
  install -o root -g root -m "$mode" "$f" "/opt/rstudio/$name"
done
install -d -o root -g root -m 0755 "$(dirname /home/rstudio/shared-storage)"
install -d -o root -g root -m 1777 /home/rstudio/shared-storage
echo "workbench-config-sync: /opt/rstudio updated from $src"
