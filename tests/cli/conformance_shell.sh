#!/usr/bin/env bash
# Conformance: every shell script of every rendered example bundle -- the AMI build script
# image/*.sh, the boot helpers image/libexec/*, the head node's custom action
# parallelcluster/*.sh; any file named *.sh or starting with a bash/sh #! line -- passes
# `bash -n` (`sh -n` for #!/bin/sh) and, where Debian's shellcheck is installed
# (scripts/install-deps.sh installs it), `shellcheck --severity=warning` (errors and
# warnings; style notes are not failures).
# https://www.shellcheck.net/wiki/
source "$(dirname "$0")/lib.sh"
source "$PWPC_SOURCE_DIR/tests/conformance/lib.sh"
need_tool bash
have_shellcheck=0
if command -v shellcheck >/dev/null 2>&1; then have_shellcheck=1
elif [[ "${CI:-}" == true ]]; then skip_or_fail "shellcheck is not installed"
else echo "note: shellcheck is not installed: image scripts get bash -n only"; fi
lint_sh() { shellcheck --severity=warning --format=gcc "$@"; }
# shell_of FILE: bash or sh for a shell script (by its #! line, else by *.sh), nothing otherwise.
shell_of() {
  local first
  IFS= read -r first <"$1" || true
  case $first in
    '#!'*bash*) echo bash ;;
    '#!/bin/sh'* | '#!/usr/bin/env sh'*) echo sh ;;
    '#!'*) [[ $1 == *.sh ]] && echo bash ;;
    *) [[ $1 == *.sh ]] && echo bash ;;
  esac
  return 0
}

# --- Self-test: a correct script passes, broken ones are rejected. ---
mkdir -p "$TMP/self"
cat >"$TMP/self/good.sh" <<'EOF'
#!/bin/bash
set -euo pipefail
for v in 4.3.3 4.4.1; do
  echo "installing R $v into /opt/R/$v"
done
EOF
printf '#!/bin/bash\nif [ -d /opt/R ]; then\n  echo yes\n' >"$TMP/self/unclosed-if.sh"
printf '#!/bin/bash\nfor v in 4.3.3 4.4.1; do\n  echo "$v"\ndone\necho "$(date\n' >"$TMP/self/unclosed-subst.sh"
printf '#!/bin/bash\nset -eu\nrm -rf "$STAGING_DIR"/\n' >"$TMP/self/rm-root.sh"
check "self-test: bash -n accepts a correct script" 0 "$TMP/self/good.out" -- bash -n "$TMP/self/good.sh"
check "self-test: bash -n rejects an unclosed if" nonzero "$TMP/self/unclosed-if.out" -- bash -n "$TMP/self/unclosed-if.sh"
check "self-test: bash -n rejects an unclosed \$(" nonzero "$TMP/self/unclosed-subst.out" -- bash -n "$TMP/self/unclosed-subst.sh"
if ((have_shellcheck)); then
  check "self-test: shellcheck accepts a correct script" 0 "$TMP/self/good.sc" -- lint_sh "$TMP/self/good.sh"
  check "self-test: shellcheck rejects rm -rf \"\$VAR\"/ (/ when VAR is empty)" nonzero "$TMP/self/rm-root.sc" -- lint_sh "$TMP/self/rm-root.sh" &&
    expect_in_file "SC2115" "$TMP/self/rm-root.sc" "self-test: shellcheck names SC2115"
fi

# --- The rendered bundles. ---
render_examples
for i in "${!BUNDLES[@]}"; do
  b=${BUNDLES[$i]} name=${EXAMPLES[$i]}
  files=() shells=()
  while IFS= read -r f; do
    sh=$(shell_of "$f")
    [[ -n $sh ]] && files+=("$f") shells+=("$sh")
  done < <(find "$b" -type f | sort)
  if ! printf '%s\n' "${files[@]}" | grep -q '/image/[^/]*\.sh$'; then
    echo "FAIL: $name: no image/*.sh script"; failures=$((failures + 1))
  fi
  for j in "${!files[@]}"; do
    check "$name: ${shells[$j]} -n ${files[$j]#"$b"/}" 0 "$TMP/$name.n" -- "${shells[$j]}" -n "${files[$j]}"
  done
  if ((have_shellcheck)); then
    check "$name: shellcheck" 0 "$TMP/$name.shellcheck" -- lint_sh "${files[@]}"
  fi
  echo "$name: ${#files[@]} shell script(s) checked with bash -n$( ((have_shellcheck)) && echo ' and shellcheck'): $(printf '%s\n' "${files[@]#"$b"/}" | tr '\n' ' ')"
done
finish
