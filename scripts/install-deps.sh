#!/usr/bin/env bash
# Installs the Debian packages pwpc needs to build and test, if any are missing.
# Safe to run again: it does nothing when everything is there.
set -euo pipefail

packages=(
  g++ cmake make pkg-config
  libyaml-cpp-dev libcli11-dev libfmt-dev libspdlog-dev nlohmann-json3-dev
  libkainjow-mustache-dev catch2
  yamllint shellcheck systemd  # conformance tests (tests/conformance/, tests/cli/conformance_*.sh)
  locales strace              # tests/cli/render_locale.sh (tr_TR, de_DE sources), render_faults.sh (slow writes)
)
# The CloudFormation conformance check runs on Node.js: use the machine's node if it has
# one, Debian's otherwise.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  packages+=(nodejs npm)
fi
if [[ "${PWPC_WITH_CLANG:-0}" == 1 ]]; then
  packages+=(clang libclang-rt-14-dev clang-tidy clang-format cppcheck)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if ((${#missing[@]} == 0)); then
  exit 0
fi

echo "pwpc: installing missing packages: ${missing[*]}" >&2
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null; then sudo_cmd=(sudo); else
    echo "pwpc: need root (or sudo) to install: ${missing[*]}" >&2
    exit 2
  fi
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
