#!/usr/bin/env bash
# Every rule fixture under tests/fixtures (any depth): a directory named after a rule ID
# holds one good and one bad fixture, each either a file (good.yaml, bad.json, ...) or a
# directory (good/, bad/) that pwpc validates as a bundle. Cross-file rules use directories
# with the files under their real names (good/rserver.conf, good/launcher.conf).
#   good -> `pwpc validate` reports no finding of that rule (and the input is usable);
#   bad  -> it reports that rule, at FILE:LINE:COL.
# Extra options for `pwpc validate`: line 2 of a file fixture may read `# pwpc-args: ...`
# (the convention of tests/fixtures/parallelcluster); a file `pwpc-args` next to directory
# fixtures holds them for both. A file `modes` next to them lists `PATH MODE` lines: the
# fixture is copied and chmod'ed first, because git keeps no file modes but the x bit.
# Every rule of the architecture, workbench, systemd and security families must have
# fixtures.
source "$(dirname "$0")/lib.sh"
root="$PWPC_SOURCE_DIR/tests/fixtures"
rules=$("$PWPC" rules | awk '{print $1}')
checked=0

fail() {
  echo "FAIL: $1"
  [[ -n ${2:-} ]] && sed 's/^/    /' <<<"$2" | head -15
  failures=$((failures + 1))
}

# Rules that must have fixtures: the families this test was written with.
for rule in $("$PWPC" rules | sed -n 's/^\([A-Z0-9-]*\)  \[\(architecture\|workbench\|systemd\|security\),.*/\1/p'); do
  if [[ -z $(find "$root" -type d -name "$rule" -print -quit) ]]; then
    fail "no fixtures for $rule under tests/fixtures"
  fi
done

while IFS= read -r dir; do
  rule=$(basename "$dir")
  if ! grep -qx -- "$rule" <<<"$rules"; then
    fail "${dir#"$root"/}: fixtures for unknown rule $rule"
    continue
  fi
  work="$dir"
  if [[ -f "$dir/modes" ]]; then
    work="$TMP/$rule"
    rm -rf "$work" && cp -r "$dir" "$work"
    while read -r path mode; do
      [[ -z $path || $path == \#* ]] && continue
      chmod "$mode" "$work/$path" || fail "$rule/modes: cannot chmod $path"
    done <"$dir/modes"
  fi
  for kind in good bad; do
    mapfile -t found < <(cd "$work" && ls -d "$kind" "$kind".* 2>/dev/null)
    if [[ ${#found[@]} -ne 1 ]]; then
      fail "${dir#"$root"/}: expected exactly one $kind fixture, found ${#found[@]}"
      continue
    fi
    fixture=${found[0]}
    args=()
    if [[ -d "$work/$fixture" ]]; then
      [[ -f "$work/pwpc-args" ]] && read -r -a args <"$work/pwpc-args"
    else
      read -r -a args <<<"$(sed -n '2s/^# pwpc-args: //p' "$work/$fixture")"
    fi
    checked=$((checked + 1))
    out=$(cd "$work" && "$PWPC" validate --format text "${args[@]}" "$fixture" 2>&1)
    rc=$?
    name="${dir#"$root"/}/$fixture"
    if [[ $kind == good ]]; then
      if [[ $rc -ne 0 && $rc -ne 1 ]]; then
        fail "$name: exit $rc (unusable input), expected 0 or 1" "$out"
      elif grep -qF "[$rule]" <<<"$out"; then
        fail "$name: reports $rule" "$out"
      else
        passes=$((passes + 1))
      fi
    elif ! grep -Eq "^[^ ]+:[1-9][0-9]*:[1-9][0-9]*: (error|warning|info): \[$rule\] " <<<"$out"; then
      fail "$name: no $rule finding with FILE:LINE:COL (exit $rc)" "$out"
    else
      passes=$((passes + 1))
    fi
  done
done < <(find "$root" -type d -regextype posix-extended -regex '.*/[A-Z][A-Z0-9]*(-[A-Z0-9]+)+' | sort)

echo "rule fixtures: $checked checked"
finish
