#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each for
# PWPC_FUZZ_SECONDS (default 60) on a seed corpus made from examples/, templates,
# tests/fixtures and the shared ParallelCluster corpus. A crash fails the run and leaves
# its input in build-fuzz/crashes/; add it to tests/fuzz/regressions/ and fix the bug.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${PWPC_FUZZ_SECONDS:-60}
PWPC_WITH_CLANG=1 scripts/install-deps.sh
cmake -S . -B build-fuzz -DCMAKE_CXX_COMPILER=clang++ -DPWPC_FUZZ=ON -DPWPC_TESTS=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build-fuzz -j"$(nproc)" --target fuzz_profile fuzz_validate fuzz_ini fuzz_escape fuzz_stack_outputs
mkdir -p build-fuzz/crashes
seed() {  # target dir files...
  local dir=build-fuzz/seeds/$1; shift
  rm -rf "$dir"; mkdir -p "$dir"
  local i=0
  for f in "$@"; do [[ -f $f ]] && cp "$f" "$dir/seed$((i++))"; done
  if [[ -d tests/fuzz/regressions/${dir##*/} ]]; then cp tests/fuzz/regressions/"${dir##*/}"/* "$dir"/ 2>/dev/null || true; fi
}
shared=${PWPC_SHARED_DIR:-../shared}
seed fuzz_profile examples/*.yaml templates/init/profile.yaml
seed fuzz_stack_outputs tests/golden/fixtures/stack-outputs.json tests/hostile/stack-outputs/*.json
# fuzz_escape: values as they come from profiles and stack outputs.
rm -rf build-fuzz/seeds/fuzz_escape; mkdir -p build-fuzz/seeds/fuzz_escape
i=0
while IFS= read -r line; do printf '%s' "$line" >build-fuzz/seeds/fuzz_escape/v$((i++)); done < <(
  grep -ho ': .*' examples/*.yaml | cut -c3- | sort -u
  printf '%s\n' "it's" 'a "b" \\c' '2024-01-01' 'yes' '0x1F' '~' '- x' '#x' 'a: b' '$HOME' '`id`' 'x|y')
printf 'line\nbreak' >build-fuzz/seeds/fuzz_escape/v$((i++))
printf 'tab\tand\x7f' >build-fuzz/seeds/fuzz_escape/v$((i++))
[[ -d tests/fuzz/regressions/fuzz_escape ]] && cp tests/fuzz/regressions/fuzz_escape/* build-fuzz/seeds/fuzz_escape/ 2>/dev/null || true
seed fuzz_ini $(find tests/fixtures templates/workbench templates/systemd -type f -name '*.conf' 2>/dev/null)
# fuzz_validate: first byte = kind index (0 cluster, 1 image, 2 cloudformation, ...).
rm -rf build-fuzz/seeds/fuzz_validate; mkdir -p build-fuzz/seeds/fuzz_validate
i=0
for f in "$shared"/corpus/parallelcluster/configs/*.yaml; do
  [[ -f $f ]] || continue
  { printf '\x00'; cat "$f"; } >build-fuzz/seeds/fuzz_validate/c$((i++))
done
for f in $(find tests/fixtures templates/cloudformation -name '*.yaml' 2>/dev/null); do
  { printf '\x02'; cat "$f"; } >build-fuzz/seeds/fuzz_validate/c$((i++))
done
for f in $(find tests/fixtures templates/workbench -name 'rserver.conf*' 2>/dev/null); do
  { printf '\x03'; cat "$f"; } >build-fuzz/seeds/fuzz_validate/c$((i++))
done
[[ -d tests/fuzz/regressions/fuzz_validate ]] && cp tests/fuzz/regressions/fuzz_validate/* build-fuzz/seeds/fuzz_validate/ 2>/dev/null || true
for t in fuzz_profile fuzz_validate fuzz_ini fuzz_escape fuzz_stack_outputs; do
  echo "== $t: ${seconds}s on $(ls build-fuzz/seeds/$t | wc -l) seeds"
  mkdir -p build-fuzz/work/$t
  build-fuzz/tests/fuzz/$t -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -artifact_prefix=build-fuzz/crashes/$t- -print_final_stats=1 \
    build-fuzz/work/$t build-fuzz/seeds/$t 2>&1 | grep -E '^(#[0-9]+ +DONE|==|SUMMARY|stat::number_of_executed_units|ERROR)' || true
  if ls build-fuzz/crashes/$t-* >/dev/null 2>&1; then
    echo "fuzz: $t found a crash: $(ls build-fuzz/crashes/$t-*)"; exit 1
  fi
done
echo "fuzz: no crashes"
