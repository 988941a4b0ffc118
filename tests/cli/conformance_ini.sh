#!/usr/bin/env bash
# Conformance: every Workbench configuration file of every rendered example bundle
# (workbench/*.conf and workbench/load-balancer) parses with Python's configparser and uses
# key=value lines only, with no key twice in a section and no repeated section except
# launcher.conf's [cluster] blocks (tests/conformance/ini-check.py).
source "$(dirname "$0")/lib.sh"
source "$PWPC_SOURCE_DIR/tests/conformance/lib.sh"
need_tool python3
ini_check() { python3 "$CONFORMANCE_DIR/ini-check.py" "$@"; }

# --- Self-test: well-formed files pass, each defect is rejected with its code. ---
mkdir -p "$TMP/self/good" "$TMP/self/bad"
printf '# rserver.conf\nwww-port=8787\nlauncher-sessions-callback-address=http://10.0.0.1:8787\nauth-message=50%% off # not a comment\n' >"$TMP/self/good/rserver.conf"
printf '[server]\naddress=127.0.0.1\nport=5559\n\n[cluster]\nname=slurm\ntype=Slurm\n\n[cluster]\nname=gpu\ntype=Slurm\n' >"$TMP/self/good/launcher.conf"
printf '[small]\nname = "Small (1 CPU, 3.5 GB)"\ncpus=1\nmem-mb=3584\n' >"$TMP/self/good/launcher.slurm.resources.conf"
printf 'balancer=sessions\ndelete-node-on-exit=1\n' >"$TMP/self/good/load-balancer"
check "self-test: ini-check accepts well-formed Workbench files" 0 "$TMP/self/good.out" -- ini_check "$TMP/self/good"/*

bad_ini() {  # FILE_NAME CODE CONTENT
  local dir="$TMP/self/bad/$2"
  mkdir -p "$dir"
  printf '%b' "$3" >"$dir/$1"
  check "self-test: ini-check rejects $2 in $1" 1 "$dir.out" -- ini_check "$dir/$1" &&
    expect_in_file "[$2]" "$dir.out" "self-test: ini-check reports $2"
}
bad_ini rserver.conf INI-DUPLICATE-KEY 'www-port=8787\nwww-port=8788\n'
bad_ini rserver.conf INI-NOT-KEY-VALUE 'www-port: 8787\n'
bad_ini rserver.conf INI-PARSE 'load-balancing-enabled\n'
bad_ini rserver.conf INI-INDENTED 'www-port=8787\n  www-address=0.0.0.0\n'
bad_ini launcher.conf INI-DUPLICATE-SECTION '[server]\nport=5559\n[server]\naddress=127.0.0.1\n'
bad_ini launcher.conf INI-DUPLICATE-KEY '[cluster]\nname=slurm\nname=gpu\n'
bad_ini launcher.slurm.conf INI-DUPLICATE-SECTION '[cluster]\nname=slurm\n[cluster]\nname=gpu\n'
bad_ini database.conf INI-CRLF 'provider=postgresql\r\n'

# --- The rendered bundles. ---
render_examples
for i in "${!BUNDLES[@]}"; do
  b=${BUNDLES[$i]} name=${EXAMPLES[$i]}
  for f in rserver.conf launcher.conf launcher.slurm.conf launcher.slurm.resources.conf \
    launcher.slurm.profiles.conf database.conf load-balancer logging.conf; do
    expect_file "$b/workbench/$f" "$name: workbench/$f"
  done
  mapfile -t files < <(find "$b/workbench" -maxdepth 1 -type f \( -name '*.conf' -o -name load-balancer \) | sort)
  others=$(find "$b/workbench" -maxdepth 1 -type f ! -name '*.conf' ! -name load-balancer -printf '%f ')
  check "$name: ini-check workbench/" 0 "$TMP/$name.ini" -- ini_check "${files[@]}"
  echo "$name: ${#files[@]} INI files checked${others:+ (not INI, not checked: $others)}"
done

# End to end: an rserver.conf override that sets www-port twice renders (pwpc's own
# validation accepts it) and ini-check refuses it.
fx=tests/golden/fixtures
mkdir -p "$TMP/override/workbench"
{ cat templates/workbench/rserver.conf.mustache; echo "www-port=8788"; } >"$TMP/override/workbench/rserver.conf.mustache"
"$PWPC" render "$fx/team-complete.yaml" -o "$TMP/overridden" --stack-outputs "$fx/stack-outputs.json" \
  --templates "$TMP/override" >"$TMP/overridden.log" 2>&1
rc=$?
if [[ $rc -eq 1 ]]; then
  echo "note: pwpc's own validation refused the duplicate www-port; the self-test above exercises ini-check"
  passes=$((passes + 1))
elif [[ $rc -ne 0 ]]; then
  echo "FAIL: render with the duplicate-key override exited $rc"; sed 's/^/  | /' "$TMP/overridden.log" | head; failures=$((failures + 1))
else
  check "end to end: ini-check refuses a rendered rserver.conf with www-port twice" 1 "$TMP/overridden.ini" -- \
    ini_check "$TMP/overridden/workbench/rserver.conf" &&
    expect_in_file "[INI-DUPLICATE-KEY] www-port is set twice" "$TMP/overridden.ini" "end to end: the duplicate key is named"
fi
finish
