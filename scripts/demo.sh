#!/usr/bin/env bash
# First command of README.md: install what is missing, build pwpc, and plan an example.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)"
echo
echo "\$ build/pwpc plan ${1:-examples/team-500.yaml}"
build/pwpc plan "${1:-examples/team-500.yaml}"
