#!/usr/bin/env bash
# Second command of README.md: install what is missing, build, and run every test:
# the ctest suite, then (unless PWPC_QUICK=1) the same suite under ASan+UBSan, a short
# fuzz run of every libFuzzer target, and the static analysers.
set -euo pipefail
cd "$(dirname "$0")/.."
# Everything every stage needs, in one apt-get update + install (later stages find it all).
if [[ "${PWPC_QUICK:-0}" == 1 ]]; then scripts/install-deps.sh; else PWPC_WITH_CLANG=1 scripts/install-deps.sh; fi
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)"
ctest --test-dir build --output-on-failure -j"$(nproc)" | tee build/ctest.log
summary=$(grep -E 'tests passed, [0-9]+ tests failed out of' build/ctest.log | tail -1)
if [[ "${PWPC_QUICK:-0}" == 1 ]]; then exit 0; fi
echo "== sanitizers (ASan + UBSan)"
scripts/sanitize.sh
echo "== fuzz smoke run"
PWPC_FUZZ_SECONDS=${PWPC_FUZZ_SECONDS:-30} tests/fuzz/run.sh
echo "== static analysis"
scripts/static-analysis.sh
echo
echo "== all stages passed; main suite: $summary"
