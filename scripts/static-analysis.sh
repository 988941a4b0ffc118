#!/usr/bin/env bash
# clang-format (.clang-format), clang-tidy (.clang-tidy: bugprone, performance, modernize)
# and cppcheck on pwpc's own code, zero findings allowed. Uses the compile database of
# build/ (scripts/test.sh makes it).
set -euo pipefail
cd "$(dirname "$0")/.."
PWPC_WITH_CLANG=1 scripts/install-deps.sh
[[ -f build/compile_commands.json ]] || cmake -S . -B build >/dev/null
cmake --build build -j"$(nproc)" --target pwpc_core >/dev/null   # generates embedded_resources.cpp
mapfile -t formatted < <(git ls-files '*.cpp' '*.hpp')
echo "clang-format: ${#formatted[@]} files"
if ! clang-format --dry-run --Werror "${formatted[@]}" 2>build/clang-format.log; then
  grep -E 'error:' build/clang-format.log | cut -d: -f1 | sort -u | head -20
  echo "clang-format: the files above are not formatted; run: git ls-files '*.cpp' '*.hpp' | xargs clang-format -i"
  exit 1
fi
echo "clang-format: all formatted"
mapfile -t sources < <(git ls-files 'src/*.cpp')
echo "clang-tidy: ${#sources[@]} files"
printf '%s\n' "${sources[@]}" | xargs -P"$(nproc)" -n4 clang-tidy -p build --quiet 2>/dev/null >build/clang-tidy.log || {
  grep -E 'warning:|error:' build/clang-tidy.log | sort -u | head -50
  echo "clang-tidy: findings (full log: build/clang-tidy.log)"; exit 1; }
if grep -qE 'warning:|error:' build/clang-tidy.log; then
  grep -E 'warning:|error:' build/clang-tidy.log | sort -u | head -50; echo "clang-tidy: findings"; exit 1
fi
echo "clang-tidy: no findings"
echo "cppcheck: src/ include/"
cppcheck --quiet --error-exitcode=1 --enable=warning,performance,portability --inline-suppr \
  --std=c++20 --language=c++ -I include -I src --suppress=missingIncludeSystem \
  --suppress='*:/usr/*' src include
echo "cppcheck: no findings"
