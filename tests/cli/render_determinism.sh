#!/usr/bin/env bash
# Rendering twice gives byte-identical bundles with identical modes, whatever the locale,
# time zone and umask of the run.
source "$(dirname "$0")/lib.sh"
fixtures=tests/golden/fixtures
other_locale=C.UTF-8
locale -a 2>/dev/null | grep -qi '^c\.utf-\?8$' || other_locale=POSIX
snapshot() { (cd "$1" && find . -type f -printf '%m %p\n' | LC_ALL=C sort && find . -type f | LC_ALL=C sort | xargs sha256sum); }
for profile in examples/team-gpu.yaml "$fixtures/team-complete.yaml"; do
  name=$(basename "$profile" .yaml)
  (umask 022; LC_ALL=C TZ=UTC "$PWPC" render "$profile" -o "$TMP/$name-a" --stack-outputs "$fixtures/stack-outputs.json" --allow-placeholders 2>/dev/null)
  (umask 077; LC_ALL=$other_locale LANG=$other_locale TZ=Pacific/Chatham "$PWPC" render "$profile" -o "$TMP/$name-b" --stack-outputs "$fixtures/stack-outputs.json" --allow-placeholders 2>/dev/null)
  if [[ ! -d "$TMP/$name-a" || ! -d "$TMP/$name-b" ]]; then
    echo "FAIL: $profile did not render"; failures=$((failures + 1)); continue
  fi
  if [[ "$(snapshot "$TMP/$name-a")" == "$(snapshot "$TMP/$name-b")" ]]; then
    passes=$((passes + 1))
  else
    echo "FAIL: $profile rendered differently under LC_ALL=C/TZ=UTC/umask 022 and LC_ALL=$other_locale/TZ=Pacific/Chatham/umask 077"
    diff <(snapshot "$TMP/$name-a") <(snapshot "$TMP/$name-b") | head -20
    failures=$((failures + 1))
  fi
  # Modes are the documented ones whatever the umask.
  m=$(stat -c %a "$TMP/$name-b/workbench/database.conf" "$TMP/$name-b/image/install-workbench.sh" "$TMP/$name-b/workbench/rserver.conf" | tr '\n' ' ')
  expect "600 755 644" "$m" "modes of database.conf, install-workbench.sh, rserver.conf"
  # No timestamps, LF only, every file ends with a newline; headers name the profile by file name.
  if grep -rlI $'\r' "$TMP/$name-a" >/dev/null; then echo "FAIL: CR in $name"; failures=$((failures + 1)); else passes=$((passes + 1)); fi
  expect "from profile $name.yaml" "$(head -2 "$TMP/$name-a/workbench/rserver.conf")" "rserver.conf header"
  expect "pwpc $("$PWPC" --version)" "$(head -1 "$TMP/$name-a/parallelcluster/cluster-config.yaml")" "cluster-config header names the version"
  if grep -rqE '20[0-9]{2}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}' "$TMP/$name-a"; then
    echo "FAIL: a timestamp in the bundle of $name"; failures=$((failures + 1))
  else
    passes=$((passes + 1))
  fi
done
finish
