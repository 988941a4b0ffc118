#!/usr/bin/env bash
# Times `pwpc render` of the largest example (self-validation included) in one process:
# wall-clock time (including process start and GNU time itself) and peak memory (max RSS)
# over N runs, for a --check run (render,
# validate, compare; nothing written) and for a real write (with fsync). Not a test: run
# it by hand on a quiet machine and record the figures in docs/performance.md.
#   bench/render_bench.sh [PWPC_BINARY] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
pwpc=${1:-build/pwpc}
runs=${2:-30}
profile=examples/team-above-tested.yaml
fixtures=tests/golden/fixtures/stack-outputs.json
[[ -x $pwpc ]] || { echo "no pwpc binary at $pwpc (build it first)" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "needs GNU time (/usr/bin/time)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$pwpc" render "$profile" -o "$tmp/bundle" --stack-outputs "$fixtures" --allow-placeholders 2>/dev/null

measure() {  # LABEL ARGS...: prints "label median min max (ms) maxrss (KiB)"
  local label=$1; shift
  local times=() rss=0
  for ((i = 0; i < runs; i++)); do
    local t0 t1
    t0=$(date +%s%N)
    /usr/bin/time -f '%M' -o "$tmp/t" "$pwpc" "$@" >/dev/null 2>&1 || true
    t1=$(date +%s%N)
    read -r kib <"$tmp/t"
    times+=("$(((t1 - t0) / 100000))")  # tenths of a millisecond
    ((kib > rss)) && rss=$kib
  done
  mapfile -t sorted < <(printf '%s\n' "${times[@]}" | sort -n)
  ms() { printf '%d.%d' $(($1 / 10)) $(($1 % 10)); }
  printf '%-30s median %6s ms  min %6s ms  max %6s ms  max RSS %6d KiB\n' "$label" \
    "$(ms "${sorted[$((runs / 2))]}")" "$(ms "${sorted[0]}")" "$(ms "${sorted[$((runs - 1))]}")" "$rss"
}

echo "pwpc $("$pwpc" --version), $profile, $runs runs each, $(nproc) CPUs"
measure "plan only (load + size)" plan "$profile"
measure "render --check (no write)" render "$profile" -o "$tmp/bundle" --stack-outputs "$fixtures" --allow-placeholders --check
measure "render (write + fsync)" render "$profile" -o "$tmp/bundle" --stack-outputs "$fixtures" --allow-placeholders
