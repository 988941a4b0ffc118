#!/usr/bin/env bash
# The same bytes and modes whatever the locale, time zone and umask: Turkish (the dotless
# i: "i" upper-cases to "İ"), German (decimal comma), a locale that does not exist, time
# zones far from UTC, umask 000, 027 and 077. Bundles of the complete fixture and of every
# example (with placeholders), and `pwpc plan` in text and JSON, are compared with a run
# under LC_ALL=C, TZ=UTC, umask 022. (render_determinism.sh compares C with C.UTF-8.)
#
# The locales are compiled privately (localedef into $TMP, LOCPATH) from the sources of
# Debian's `locales` package; without them those variants say SKIP.
source "$(dirname "$0")/lib.sh"
fx=tests/golden/fixtures
limit=60
ok() { passes=$((passes + 1)); }
bad() { echo "FAIL: $*"; failures=$((failures + 1)); }

loc=$TMP/loc; mkdir -p "$loc"
have_locales=0
if command -v localedef >/dev/null && [[ -f /usr/share/i18n/locales/tr_TR && -f /usr/share/i18n/locales/de_DE ]]; then
  timeout 120 localedef -i tr_TR -f UTF-8 "$loc/tr_TR.UTF-8" 2>/dev/null
  timeout 120 localedef -i de_DE -f UTF-8 "$loc/de_DE.UTF-8" 2>/dev/null
  # Proof that the locales are in effect for a program that asks for them.
  up=$(LOCPATH=$loc LC_ALL=tr_TR.UTF-8 bash -c 'x=i; echo "${x^^}"')
  dec=$(LOCPATH=$loc LC_ALL=de_DE.UTF-8 bash -c 'printf "%.1f" 3')
  if [[ "$up" == "İ" && "$dec" == "3,0" ]]; then have_locales=1; else
    bad "the compiled locales are not in effect (tr_TR upper-cases i to '$up', de_DE prints 3.0 as '$dec')"
  fi
else
  echo "SKIP: tr_TR and de_DE: localedef or /usr/share/i18n/locales (Debian package locales) is missing"
fi
# POSIX TZ strings need no time zone database: UTC+14, UTC-3:30, UTC+5:45.
[[ "$(TZ=XST-14 date -d @0 +%H%M)" == 1400 ]] && ok || bad "TZ=XST-14 is not in effect"

# Each variant: name, umask, TZ, then environment assignments.
variants=(
  "bogus|000|XST-14|LC_ALL=xx_XX.UTF-8 LANG=xx_XX.UTF-8"
  "C.UTF-8|077|NST+3:30|LC_ALL=C.UTF-8"
)
if ((have_locales)); then
  variants+=(
    "tr_TR|000|TRT-3|LOCPATH=$loc LC_ALL=tr_TR.UTF-8 LANG=tr_TR.UTF-8"
    "de_DE|077|NPT-5:45|LOCPATH=$loc LC_ALL=de_DE.UTF-8 LANG=de_DE.UTF-8"
    "tr_TR-LANG+de_DE-NUMERIC|027|NST+3:30|LOCPATH=$loc LANG=tr_TR.UTF-8 LC_NUMERIC=de_DE.UTF-8 LC_CTYPE=tr_TR.UTF-8"
  )
fi

snapshot() {
  (cd "$1" && find . -printf '%y %m %p\n' | LC_ALL=C sort && find . -type f -print0 | LC_ALL=C sort -z | xargs -0r sha256sum)
}
# pw NAME UMASK TZ ENV -- ARGS...: runs pwpc in that environment (LC_*/LANG cleared first).
pw() {
  local name=$1 mask=$2 tz=$3 envs=$4; shift 5
  # shellcheck disable=SC2086  # envs is a list of assignments
  (umask "$mask" && env -u LC_ALL -u LANG -u LANGUAGE -u LC_CTYPE -u LC_NUMERIC -u LC_COLLATE -u LC_TIME \
    -u LC_MESSAGES TZ="$tz" $envs timeout -k 5 "$limit" "$PWPC" "$@")
}

inputs=("$fx/team-complete.yaml" examples/*.yaml)
for profile in "${inputs[@]}"; do
  name=$(basename "$profile" .yaml)
  extra=(--stack-outputs "$fx/stack-outputs.json")
  [[ $name != team-complete ]] && extra+=(--allow-placeholders)
  if ! pw base 022 UTC "LC_ALL=C" -- render "$profile" -o "$TMP/$name.base" "${extra[@]}" 2>"$TMP/err"; then
    bad "$profile does not render under LC_ALL=C: $(<"$TMP/err")"; continue
  fi
  base=$(snapshot "$TMP/$name.base")
  pw base 022 UTC "LC_ALL=C" -- plan "$profile" >"$TMP/$name.plan.base" 2>&1
  pw base 022 UTC "LC_ALL=C" -- plan "$profile" --format json >"$TMP/$name.json.base" 2>&1
  for v in "${variants[@]}"; do
    IFS='|' read -r vname mask tz envs <<<"$v"
    out=$TMP/$name.$vname
    if ! pw "$vname" "$mask" "$tz" "$envs" -- render "$profile" -o "$out" "${extra[@]}" 2>"$TMP/err"; then
      bad "$profile does not render under $vname: $(<"$TMP/err")"; continue
    fi
    if [[ "$(snapshot "$out")" == "$base" ]]; then ok; else
      bad "$name: the bundle differs under $vname (umask $mask, TZ=$tz) from LC_ALL=C (umask 022, TZ=UTC)"
      diff <(echo "$base") <(snapshot "$out") | head -10
      diff -r "$TMP/$name.base" "$out" | head -20
    fi
    pw "$vname" "$mask" "$tz" "$envs" -- plan "$profile" >"$TMP/p" 2>&1
    cmp -s "$TMP/p" "$TMP/$name.plan.base" && ok || { bad "$name: pwpc plan prints differently under $vname"; diff "$TMP/$name.plan.base" "$TMP/p" | head -10; }
    pw "$vname" "$mask" "$tz" "$envs" -- plan "$profile" --format json >"$TMP/p" 2>&1
    cmp -s "$TMP/p" "$TMP/$name.json.base" && ok || { bad "$name: pwpc plan --format json differs under $vname"; diff "$TMP/$name.json.base" "$TMP/p" | head -10; }
  done
done
echo "variants: base (C, UTC, 022) and ${#variants[@]} more: ${variants[*]%%|*}" | sed "s|$TMP|\$TMP|g"
finish
