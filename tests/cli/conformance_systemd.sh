#!/usr/bin/env bash
# Conformance: the systemd units and drop-ins of every rendered example bundle
# (systemd/<unit>.service.d/*.conf, systemd/*.service) pass `systemd-analyze verify`, with
# stub rstudio-server / rstudio-launcher units standing in for the ones Workbench's package
# installs, and the two Workbench drop-ins point RSTUDIO_CONFIG_DIR at /opt/rstudio
# (FACTS.md section 2).
#
# How the verification works without a running systemd (no PID 1 systemd in a container):
# `systemd-analyze verify --root=ROOT UNIT...` starts a private manager that loads the
# units and their drop-ins from ROOT/etc/systemd/system and checks them, resolving every
# Exec*= command inside ROOT. On systemd 252 (Debian 12) a plain `verify` logs "Unknown
# section", "Invalid environment assignment", "Unknown key" and similar parse problems but
# still exits 0; with --recursive-errors (any mode) such problems make it exit 1. We use
# --recursive-errors=no (only our units, not their dependencies) and --man=no, and also
# require the output to be empty. The self-test below proves both halves on this machine.
# Exec*= commands the bundle ships (image/libexec/NAME for /usr/local/libexec/pwpc/NAME,
# matched by file name) are copied into ROOT at that path, so a unit naming a helper the
# bundle lacks fails ("is not executable").
# https://www.freedesktop.org/software/systemd/man/latest/systemd-analyze.html
source "$(dirname "$0")/lib.sh"
source "$PWPC_SOURCE_DIR/tests/conformance/lib.sh"
need_tool systemd-analyze

# Stub executables at the paths Posit's packages use; stub units shaped like Posit's.
declare -A STUB_EXEC=(
  [rstudio-server.service]=/usr/lib/rstudio-server/bin/rserver
  [rstudio-launcher.service]=/usr/lib/rstudio-server/bin/rstudio-launcher
)
declare -A STUB_TYPE=([rstudio-server.service]=forking [rstudio-launcher.service]=simple)
install_stub_exe() {  # ROOT PATH
  mkdir -p "$1$(dirname "$2")"
  printf '#!/bin/sh\nexit 0\n' >"$1$2"
  chmod 755 "$1$2"
}
write_stub() {  # ROOT UNIT
  local root=$1 unit=$2 exe=${STUB_EXEC[$2]:-/usr/bin/true}
  install_stub_exe "$root" "$exe"
  cat >"$root/etc/systemd/system/$unit" <<EOF
# Stub of $unit for pwpc's conformance test; not a real Workbench unit.
[Unit]
Description=Stub of $unit
After=network-online.target
Wants=network-online.target

[Service]
Type=${STUB_TYPE[$unit]:-simple}
ExecStart=$exe

[Install]
WantedBy=multi-user.target
EOF
}

# sd_verify SYSTEMD_DIR [BUNDLE_DIR]: lays SYSTEMD_DIR's units and drop-ins into a fresh
# ROOT/etc/systemd/system, adds a stub unit for every <unit>.d/ whose unit is not there,
# provides Exec*= commands from BUNDLE_DIR's files of the same name, and verifies every
# unit. Fails when systemd-analyze exits non-zero or prints anything at all.
sd_verify() {
  local src=$1 bundle=${2:-} root sd d unit units=() out rc exe provided=() f
  root=$(mktemp -d -p "$TMP" root.XXXXXX)
  sd="$root/etc/systemd/system"
  mkdir -p "$sd"
  cp -R "$src"/. "$sd/"
  for d in "$sd"/*.service.d; do
    [[ -d $d ]] || continue
    unit=$(basename "$d" .d)
    [[ -f $sd/$unit ]] || write_stub "$root" "$unit"
  done
  # Absolute Exec*= commands (after the optional -@:+! prefixes) the bundle provides.
  while read -r exe; do
    [[ -e $root$exe || -z $bundle ]] && continue
    f=$(find "$bundle" -type f -name "$(basename "$exe")" ! -path '*/systemd/*' | sort | head -1)
    [[ -n $f ]] || continue
    mkdir -p "$root$(dirname "$exe")"
    cp "$f" "$root$exe"
    chmod 755 "$root$exe"
    provided+=("$exe=${f#"$bundle"/}")
  done < <(cat "$sd"/*.service "$sd"/*.service.d/*.conf 2>/dev/null |
    sed -nE 's/^Exec[A-Za-z]*=[-@:+!]*(\/[^[:space:]]+).*/\1/p' | sort -u)
  for f in "$sd"/*.service; do [[ -f $f ]] && units+=("$(basename "$f")"); done
  if ((${#units[@]} == 0)); then echo "no unit and no <unit>.service.d/ in $src"; return 1; fi
  out=$(SYSTEMD_LOG_COLOR=0 systemd-analyze verify --root="$root" --man=no --recursive-errors=no "${units[@]}" 2>&1)
  rc=$?
  [[ -n $out ]] && printf '%s\n' "$out"
  echo "verified ${#units[@]} unit(s) (${units[*]}), drop-ins ($(cd "$sd" && ls -d -- *.d/*.conf 2>/dev/null | tr '\n' ' ' | sed 's/ $//'))${provided[0]:+, commands from the bundle (${provided[*]})}"
  [[ $rc -eq 0 && -z $out ]]
}

# config_dir_ok DROPIN_DIR: the drop-ins set Environment RSTUDIO_CONFIG_DIR=/opt/rstudio.
config_dir_ok() {
  grep -hEq '^Environment=("RSTUDIO_CONFIG_DIR=/opt/rstudio"|RSTUDIO_CONFIG_DIR=/opt/rstudio)([[:space:]]|$)' "$1"/*.conf
}

# env_files_ok SYSTEMD_DIR BUNDLE_DIR: every EnvironmentFile= the units name without the
# "-" (may be missing) prefix is shipped by the bundle (matched by file name), and every
# environment file the bundle ships holds only blank lines, # or ; comments and
# NAME=value assignments (systemd.exec(5), EnvironmentFile=).
env_files_ok() {
  local src=$1 bundle=$2 ok=0 line optional path f n
  while read -r line; do
    optional=0; path=${line#EnvironmentFile=}
    [[ $path == -* ]] && optional=1 path=${path#-}
    f=$(find "$bundle" -type f -name "$(basename "$path")" ! -path '*/systemd/*' | sort | head -1)
    if [[ -z $f ]]; then
      ((optional)) && continue
      echo "EnvironmentFile=$path is required (no '-') but the bundle ships no $(basename "$path")"; ok=1; continue
    fi
    n=0
    while IFS= read -r l; do
      n=$((n + 1))
      [[ -z ${l//[[:space:]]/} || $l =~ ^[[:space:]]*[\#\;] || $l =~ ^[A-Za-z_][A-Za-z0-9_]*= ]] && continue
      echo "${f#"$bundle"/}:$n: not a NAME=value line: $l"; ok=1
    done <"$f"
    echo "EnvironmentFile=$path: ${f#"$bundle"/}, $n line(s)"
  done < <(cat "$src"/*.service "$src"/*.service.d/*.conf 2>/dev/null | grep -E '^EnvironmentFile=' | sort -u)
  return $ok
}

# extract_installed SCRIPT ROOT: writes into ROOT every file SCRIPT creates with
# `cat >/ABS/PATH <<'DELIM'` ... `DELIM` (how the AMI build script installs the units,
# drop-ins and helpers), and prints the paths.
extract_installed() {
  awk -v root="$2" '
    !inside && match($0, /^cat >(\/[^ ]+) <<-?'"'"'?([A-Za-z_][A-Za-z0-9_]*)'"'"'?[[:space:]]*$/) {
      line = $0; sub(/^cat >/, "", line); path = line; sub(/ .*/, "", path)
      delim = line; sub(/^[^<]*<<-?/, "", delim); gsub(/[\047[:space:]]/, "", delim)
      out = root path; dir = out; sub(/\/[^\/]*$/, "", dir)
      system("mkdir -p \"" dir "\""); printf "" > out; inside = 1; print path; next
    }
    inside && $0 == delim { close(out); inside = 0; next }
    inside { print >> out }
  ' "$1"
}

# installed_matches_bundle ROOT BUNDLE: each file the AMI script installs under
# /etc/systemd/system/ equals the bundle's systemd/ copy, each other one the bundle file of
# the same name (image/libexec/...): the files verified here are the files the AMI gets.
installed_matches_bundle() {
  local root=$1 bundle=$2 f rel twin ok=0
  while IFS= read -r f; do
    rel=${f#"$root"}
    if [[ $rel == /etc/systemd/system/* ]]; then twin="$bundle/systemd/${rel#/etc/systemd/system/}"
    else twin=$(find "$bundle" -type f -name "$(basename "$rel")" | sort | head -1); fi
    if [[ -z $twin || ! -f $twin ]]; then echo "$rel: installed by the AMI script, but not in the bundle"; ok=1
    elif ! cmp -s "$f" "$twin"; then echo "$rel differs from ${twin#"$bundle"/}:"; diff "$twin" "$f" | head -10; ok=1
    fi
  done < <(find "$root" -type f | sort)
  return $ok
}

# --- Self-test: correct units and drop-ins pass, each broken one is rejected. ---
selftest() {  # NAME EXPECTED CONTENT [TEXT_EXPECTED_IN_OUTPUT]
  local dir="$TMP/self/$1"
  mkdir -p "$dir/rstudio-server.service.d"
  printf '%b' "$3" >"$dir/rstudio-server.service.d/override.conf"
  check "self-test: systemd-analyze verify on $1" "$2" "$dir.out" -- sd_verify "$dir" || return
  if [[ -n ${4:-} ]]; then expect_in_file "$4" "$dir.out" "self-test: verify explains $1"; fi
}
selftest good 0 '[Service]\nEnvironment="RSTUDIO_CONFIG_DIR=/opt/rstudio"\n'
# The message names the drop-in's own path: proof that verify read it from <unit>.d/.
selftest misspelled-section nonzero '[Servce]\nEnvironment="RSTUDIO_CONFIG_DIR=/opt/rstudio"\n' \
  "rstudio-server.service.d/override.conf:1: Unknown section 'Servce'"
selftest environment-without-value nonzero '[Service]\nEnvironment=RSTUDIO_CONFIG_DIR\n' \
  "Invalid environment assignment"
selftest line-without-equals nonzero '[Service]\nEnvironment RSTUDIO_CONFIG_DIR=/opt/rstudio\n'
selftest misspelled-key nonzero '[Service]\nEnvironmnt="RSTUDIO_CONFIG_DIR=/opt/rstudio"\n' "Unknown key"
selftest outside-section nonzero 'Environment="RSTUDIO_CONFIG_DIR=/opt/rstudio"\n' "outside of section"
selftest missing-helper nonzero '[Service]\nExecStartPre=/usr/local/libexec/pwpc/fetch-password\n' \
  "/usr/local/libexec/pwpc/fetch-password is not executable"

# A full unit whose command the bundle ships passes; without it, verify fails.
mkdir -p "$TMP/self/bundle/systemd" "$TMP/self/bundle/image/libexec"
printf '[Unit]\nDescription=helper\n[Service]\nType=simple\nExecStart=/usr/local/libexec/pwpc/start-it --now\n[Install]\nWantedBy=multi-user.target\n' \
  >"$TMP/self/bundle/systemd/helper.service"
check "self-test: verify rejects a unit whose command is nowhere" nonzero "$TMP/self/no-helper.out" -- \
  sd_verify "$TMP/self/bundle/systemd" "$TMP/self/bundle"
printf '#!/bin/sh\nexit 0\n' >"$TMP/self/bundle/image/libexec/start-it"
check "self-test: verify accepts a unit whose command the bundle ships" 0 "$TMP/self/helper.out" -- \
  sd_verify "$TMP/self/bundle/systemd" "$TMP/self/bundle"

# Environment files: a shipped, well-formed one passes; a malformed or missing one fails.
mkdir -p "$TMP/self/env/systemd/rstudio-server.service.d" "$TMP/self/env/workbench"
printf '[Service]\nEnvironmentFile=/opt/rstudio/secret.env\nEnvironmentFile=-/run/pwpc/optional.env\n' \
  >"$TMP/self/env/systemd/rstudio-server.service.d/env.conf"
printf '# comment\nSECRET_ARN=arn:aws:secretsmanager:us-east-1:111122223333:secret:x\n' >"$TMP/self/env/workbench/secret.env"
check "self-test: a well-formed environment file passes" 0 "$TMP/self/env-good.out" -- env_files_ok "$TMP/self/env/systemd" "$TMP/self/env"
printf 'export SECRET_ARN=arn\n' >"$TMP/self/env/workbench/secret.env"
check "self-test: 'export NAME=value' in an environment file fails" 1 "$TMP/self/env-export.out" -- env_files_ok "$TMP/self/env/systemd" "$TMP/self/env"
rm "$TMP/self/env/workbench/secret.env"
check "self-test: a required environment file the bundle lacks fails" 1 "$TMP/self/env-missing.out" -- env_files_ok "$TMP/self/env/systemd" "$TMP/self/env" &&
  expect_in_file "ships no secret.env" "$TMP/self/env-missing.out" "self-test: the missing environment file is named"

# Files an install script writes with here-documents are found and compared.
mkdir -p "$TMP/self/ami" "$TMP/self/amib/systemd/x.service.d" "$TMP/self/amib/image/libexec"
cat >"$TMP/self/install.sh" <<'OUTER'
#!/bin/bash
install -d /etc/systemd/system/x.service.d
cat >/etc/systemd/system/x.service.d/override.conf <<'PWPC_EOF'
[Service]
Environment="A=b"
PWPC_EOF
cat >/usr/local/libexec/pwpc/helper <<'PWPC_EOF'
#!/bin/sh
exit 0
PWPC_EOF
OUTER
check "self-test: extract_installed finds the here-documents" 0 "$TMP/self/extract.out" -- extract_installed "$TMP/self/install.sh" "$TMP/self/ami" &&
  expect_in_file "/usr/local/libexec/pwpc/helper" "$TMP/self/extract.out" "self-test: the helper is found"
printf '[Service]\nEnvironment="A=b"\n' >"$TMP/self/amib/systemd/x.service.d/override.conf"
printf '#!/bin/sh\nexit 0\n' >"$TMP/self/amib/image/libexec/helper"
check "self-test: installed files equal to the bundle's pass" 0 "$TMP/self/same.out" -- installed_matches_bundle "$TMP/self/ami" "$TMP/self/amib"
printf '[Service]\nEnvironment="A=c"\n' >"$TMP/self/amib/systemd/x.service.d/override.conf"
check "self-test: an installed drop-in that differs from the bundle's fails" 1 "$TMP/self/differ.out" -- installed_matches_bundle "$TMP/self/ami" "$TMP/self/amib" &&
  expect_in_file "/etc/systemd/system/x.service.d/override.conf differs" "$TMP/self/differ.out" "self-test: the differing file is named"

mkdir -p "$TMP/self/wrong-dir/rstudio-server.service.d"
printf '[Service]\nEnvironment="RSTUDIO_CONFIG_DIR=/etc/rstudio"\n' >"$TMP/self/wrong-dir/rstudio-server.service.d/override.conf"
if config_dir_ok "$TMP/self/wrong-dir/rstudio-server.service.d"; then
  echo "FAIL: self-test: a drop-in with RSTUDIO_CONFIG_DIR=/etc/rstudio passed the /opt/rstudio check"; failures=$((failures + 1))
else passes=$((passes + 1)); fi

# --- The rendered bundles. ---
render_examples
for i in "${!BUNDLES[@]}"; do
  b=${BUNDLES[$i]} name=${EXAMPLES[$i]}
  for unit in rstudio-server rstudio-launcher; do
    expect_file "$b/systemd/$unit.service.d/override.conf" "$name: $unit drop-in" || continue
    if config_dir_ok "$b/systemd/$unit.service.d"; then passes=$((passes + 1)); else
      echo "FAIL: $name: systemd/$unit.service.d/ does not set Environment=\"RSTUDIO_CONFIG_DIR=/opt/rstudio\""
      failures=$((failures + 1))
    fi
  done
  check "$name: systemd-analyze verify" 0 "$TMP/$name.verify" -- sd_verify "$b/systemd" "$b" &&
    echo "$name: $(tail -1 "$TMP/$name.verify")"
  check "$name: environment files" 0 "$TMP/$name.env" -- env_files_ok "$b/systemd" "$b" &&
    sed "s/^/$name: /" "$TMP/$name.env"
  # The units, drop-ins and helpers as the AMI build script installs them.
  ami="$TMP/ami-$name"
  mkdir -p "$ami"
  for s in "$b"/image/*.sh; do [[ -f $s ]] && extract_installed "$s" "$ami"; done >"$TMP/$name.installed"
  if [[ ! -d $ami/etc/systemd/system ]]; then
    echo "FAIL: $name: image/*.sh installs nothing under /etc/systemd/system"; failures=$((failures + 1)); continue
  fi
  check "$name: systemd-analyze verify on what image/*.sh installs" 0 "$TMP/$name.ami-verify" -- \
    sd_verify "$ami/etc/systemd/system" "$ami"
  check "$name: image/*.sh installs exactly the bundle's files" 0 "$TMP/$name.ami-same" -- \
    installed_matches_bundle "$ami" "$b" &&
    echo "$name: image/*.sh installs $(wc -l <"$TMP/$name.installed") file(s), each identical to its bundle copy, verified as installed"
done
finish
