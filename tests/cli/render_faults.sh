#!/usr/bin/env bash
# Faults while `pwpc render` writes a bundle: a full disk (space and inodes), a read-only or
# immutable target, no permission, a file where a directory belongs, a missing parent,
# two renders into the same directory at once, SIGINT/SIGTERM/SIGKILL half-way, and links
# inside the bundle. Each failure exits non-zero with a message that names the cause,
# leaves the previous bundle byte-identical and leaves no temporary directory behind.
# (render_atomic.sh covers a write stopped by `ulimit -f`, a foreign directory and --force,
# and -o naming a symbolic link; render_check.sh a linked file under --check.)
#
# Tools: tmpfs and bind mounts and setpriv need root; chattr needs a file system with
# immutable attributes; signals half-way use strace's syscall delay injection to slow the
# writer down (no hook in pwpc). A part whose tool is missing says SKIP and is not counted.
source "$(dirname "$0")/lib.sh"
fx=tests/golden/fixtures
args=(--stack-outputs "$fx/stack-outputs.json")
limit=60  # seconds allowed for one pwpc run
mounts=()
immutable=()
cleanup() {
  local i
  for i in "${immutable[@]}"; do chattr -i "$i" 2>/dev/null; done
  for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do umount -l "${mounts[i]}" 2>/dev/null; done
  rm -rf "$TMP"
}
trap cleanup EXIT
chmod 0755 "$TMP"  # setpriv runs pwpc as nobody below

ok() { passes=$((passes + 1)); }
bad() { echo "FAIL: $*"; failures=$((failures + 1)); }
skip() { echo "SKIP: $*"; }

# prun EXPECTED_EXIT -- ARGS...: like run, with a time limit.
prun() {
  local want=$1; shift; [[ $1 == -- ]] && shift
  timeout -k 5 "$limit" "$PWPC" "$@" >"$TMP/out" 2>"$TMP/err"
  local got=$?
  OUT=$(<"$TMP/out"); ERR=$(<"$TMP/err")
  if [[ $got -ne $want ]]; then
    bad "pwpc $* exited $got, expected $want"; echo "  stderr: ${ERR:0:800}"; return 1
  fi
  ok
}
# Types, modes, link targets and contents of a tree.
snapshot() {
  (cd "$1" && find . -printf '%y %m %p %l\n' | LC_ALL=C sort && find . -type f -print0 | LC_ALL=C sort -z | xargs -0r sha256sum)
}
# Temporary directories of pwpc next to DIR (not the kept-aside ones of --force).
leftovers() {
  find "$(dirname "$1")" -maxdepth 1 -name ".$(basename "$1").pwpc-*" ! -name '*.pwpc-replaced-*' 2>/dev/null | LC_ALL=C sort
}
# unchanged DESCRIPTION DIR SNAPSHOT: DIR is byte-identical and nothing is left next to it.
unchanged() {
  if [[ "$(snapshot "$2")" == "$3" ]]; then ok; else
    bad "$1: the previous bundle changed"; diff <(echo "$3") <(snapshot "$2") | head -10
  fi
  local left; left=$(leftovers "$2")
  if [[ -z "$left" ]]; then ok; else bad "$1: temporary directories left: $left"; fi
}
is_bundle_of() {  # DIR REFERENCE_DIR
  [[ "$(snapshot "$1")" == "$(snapshot "$2")" ]]
}

A=$fx/team-complete.yaml
B=$TMP/b.yaml
sed 's/concurrent: 250/concurrent: 350/' "$A" >"$B"
chmod 0644 "$B"
prun 0 -- render "$A" -o "$TMP/ref-a" "${args[@]}"
prun 0 -- render "$B" -o "$TMP/ref-b" "${args[@]}"
if is_bundle_of "$TMP/ref-a" "$TMP/ref-b"; then bad "profiles A and B render the same bundle"; else ok; fi

can_mount=0
if [[ $(id -u) -eq 0 ]] && mkdir "$TMP/probe" && mount -t tmpfs -o size=64k pwpc-probe "$TMP/probe" 2>/dev/null; then
  umount "$TMP/probe" && can_mount=1
fi

# ---- A full disk: a 1 MiB tmpfs, filled up to 40 KiB, then out of inodes. ----
if ((can_mount)); then
  m=$TMP/full; mkdir -p "$m"
  mount -t tmpfs -o size=1m,mode=0755 pwpc-test "$m" && mounts+=("$m")
  d=$m/deploy
  prun 0 -- render "$A" -o "$d" "${args[@]}"
  old=$(snapshot "$d")
  dd if=/dev/zero of="$m/filler" bs=4k 2>/dev/null  # stops at ENOSPC
  truncate -s -40K "$m/filler"                        # room for the first files only
  prun 2 -- render "$B" -o "$d" "${args[@]}"
  # DEPLOY.md (8 KiB) is the first file: a later file (lower-case path) is the one that fails.
  expect_re "deploy/[a-z][^:]*: error: \[IO\] cannot (create|write|finish writing): No space left on device" "$ERR" \
    "full disk: the file that did not fit is named, with the cause"
  expect "the file system is full" "$ERR" "full disk: the hint"
  expect "the previous bundle was left as it was" "$ERR" "full disk: says the bundle is safe"
  unchanged "full disk" "$d" "$old"
  rm -f "$m/filler"
  prun 0 -- render "$B" -o "$d" "${args[@]}"
  is_bundle_of "$d" "$TMP/ref-b" && ok || bad "with space again the render writes bundle B"

  # Out of inodes: a few more than the bundle uses now.
  old=$(snapshot "$d")
  used=$(df --output=iused "$m" | tail -1 | tr -d ' ')
  if mount -o remount,nr_inodes=$((used + 8)) "$m"; then
    prun 2 -- render "$A" -o "$d" "${args[@]}"
    expect "No space left on device" "$ERR" "out of inodes: the cause"
    unchanged "out of inodes" "$d" "$old"
  else
    skip "out of inodes: this tmpfs cannot be remounted with nr_inodes"
  fi
else
  skip "full disk: mounting a tmpfs needs root (render_atomic.sh covers a write stopped half-way by ulimit -f)"
fi

# ---- A read-only target: a read-only bind mount of the directory that holds the bundle. ----
if ((can_mount)); then
  p=$TMP/ro; mkdir -p "$p"
  prun 0 -- render "$A" -o "$p/deploy" "${args[@]}"
  old=$(snapshot "$p/deploy")
  mount --bind "$p" "$p" && mounts+=("$p") && mount -o remount,bind,ro "$p"
  prun 2 -- render "$B" -o "$p/deploy" "${args[@]}"
  expect "Read-only file system" "$ERR" "read-only: the cause"
  expect "mounted read-only" "$ERR" "read-only: the hint"
  unchanged "read-only mount" "$p/deploy" "$old"
  umount "$p"
  prun 0 -- render "$B" -o "$p/deploy" "${args[@]}"
  is_bundle_of "$p/deploy" "$TMP/ref-b" && ok || bad "writable again: the render writes bundle B"
else
  skip "read-only mount: bind mounts need root"
fi

# ---- Immutable attributes (chattr +i; root is not exempt, unlike file modes). ----
p=$TMP/imm; mkdir -p "$p"
touch "$p/probe"
if chattr +i "$p/probe" 2>/dev/null; then
  chattr -i "$p/probe"; rm -f "$p/probe"
  d=$p/deploy
  prun 0 -- render "$A" -o "$d" "${args[@]}"
  old=$(snapshot "$d")
  # The bundle directory itself: every file is written, the final swap is refused.
  chattr +i "$d" && immutable+=("$d")
  prun 2 -- render "$B" -o "$d" "${args[@]}"
  expect "cannot swap the new bundle in: Operation not permitted" "$ERR" "immutable DIR: fails at the swap"
  expect "immutable attributes" "$ERR" "immutable DIR: the hint"
  unchanged "immutable DIR (failure after all files were written)" "$d" "$old"
  chattr -i "$d"
  # The directory that holds it: no temporary directory can be made.
  chattr +i "$p" && immutable+=("$p")
  prun 2 -- render "$B" -o "$d" "${args[@]}"
  expect "cannot create a temporary directory next to the bundle: Operation not permitted" "$ERR" "immutable parent"
  unchanged "immutable parent" "$d" "$old"
  chattr -i "$p"
  # A file inside the old bundle: the new bundle goes in; the old one cannot be removed,
  # which pwpc says; once the file is freed the next render removes it.
  chattr +i "$d/DEPLOY.md" && immutable+=("$d/DEPLOY.md")
  prun 0 -- render "$B" -o "$d" "${args[@]}"
  is_bundle_of "$d" "$TMP/ref-b" && ok || bad "immutable old file: the new bundle is in place"
  expect "cannot be removed: Operation not permitted; remove it by hand" "$ERR" "immutable old file: the leftover is named"
  left=$(leftovers "$d")
  if [[ -n "$left" && -f "$left/DEPLOY.md" ]]; then
    ok; chattr -i "$left/DEPLOY.md"
    prun 0 -- render "$B" -o "$d" "${args[@]}"
    expect "removed $left, left behind" "$ERR" "the next render removes the leftover"
    [[ -z "$(leftovers "$d")" ]] && ok || bad "leftover not removed: $(leftovers "$d")"
  else
    bad "immutable old file: expected the old bundle next to DIR, found: '$left'"
  fi
else
  skip "immutable files: chattr +i does not work on $(df --output=fstype "$p" | tail -1) here (needs ext2/3/4, xfs, btrfs or tmpfs and CAP_LINUX_IMMUTABLE)"
fi

# ---- No write permission (as a user that file modes apply to). ----
p=$TMP/perm; mkdir -p "$p"
prun 0 -- render "$A" -o "$p/deploy" "${args[@]}"
old=$(snapshot "$p/deploy")
as_user=()
if [[ $(id -u) -eq 0 ]]; then
  if command -v setpriv >/dev/null; then
    chown -R 65534:65534 "$p"
    as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups --)
  else
    as_user=(none)
  fi
fi
if [[ "${as_user[*]}" != none ]]; then
  old=$(snapshot "$p/deploy")
  chmod 0555 "$p"
  timeout -k 5 "$limit" "${as_user[@]}" "$PWPC" render "$B" -o "$p/deploy" "${args[@]}" >"$TMP/out" 2>"$TMP/err"
  rc=$?; ERR=$(<"$TMP/err")
  [[ $rc -eq 2 ]] && ok || bad "no write permission: exit $rc, expected 2 ($ERR)"
  expect "Permission denied" "$ERR" "no permission: the cause"
  expect "check the owner and mode" "$ERR" "no permission: the hint"
  unchanged "no write permission" "$p/deploy" "$old"
  chmod 0755 "$p"
else
  skip "no write permission: running as root without setpriv, and root ignores file modes"
fi

# ---- A file where a directory belongs. ----
c=$TMP/c; mkdir -p "$c"
echo keep >"$c/file"
prun 2 -- render "$A" -o "$c/file" "${args[@]}"
expect "exists and is not a directory" "$ERR" "-o names a file"
prun 2 -- render "$A" -o "$c/file/deploy" "${args[@]}"
expect "a part of this path is a file" "$ERR" "-o below a file"
[[ "$(cat "$c/file")" == keep && "$(ls -A "$c")" == file ]] && ok || bad "the file or its directory changed: $(ls -A "$c")"
# Inside a bundle (workbench/ replaced by a file): --check sees it, render puts the
# directory back (the bundle is written whole, never into what is there).
d=$c/deploy
prun 0 -- render "$A" -o "$d" "${args[@]}"
rm -r "$d/workbench" && echo oops >"$d/workbench"
prun 1 -- render "$A" -o "$d" "${args[@]}" --check
expect "missing: workbench/rserver.conf" "$OUT" "--check: a file where workbench/ belongs"
prun 0 -- render "$A" -o "$d" "${args[@]}"
is_bundle_of "$d" "$TMP/ref-a" && ok || bad "render repairs a bundle whose workbench/ was a file"

# ---- A missing parent. ----
prun 2 -- render "$A" -o "$TMP/nope/deploy" "${args[@]}"
expect "the directory to hold the bundle does not exist" "$ERR" "missing parent"
expect "mkdir -p" "$ERR" "missing parent: the hint"
[[ ! -e "$TMP/nope" ]] && ok || bad "a missing parent was created"

# ---- Refusals: what is not a pwpc bundle, and links out of the bundle. ----
f=$TMP/foreign; mkdir -p "$f/a" "$f/b" "$f/c"
echo '{"name": "mine"}' >"$f/a/plan.json"                       # a plan.json, not pwpc's
mkdir "$f/b/.git"                                                # only a hidden entry
ln -s "$TMP/ref-a/plan.json" "$f/c/plan.json"; echo x >"$f/c/x"  # pwpc's plan.json through a link
for x in a b c; do
  before=$(snapshot "$f/$x")
  prun 2 -- render "$A" -o "$f/$x" "${args[@]}"
  expect "holds no bundle pwpc rendered" "$ERR" "foreign directory $x refused without --force"
  unchanged "foreign directory $x" "$f/$x" "$before"
done
# A link inside the bundle to a directory outside: replacing the bundle removes the link,
# never what it points to.
d=$TMP/links/deploy; mkdir -p "$TMP/links" "$TMP/outside"
prun 0 -- render "$A" -o "$d" "${args[@]}"
cp -a "$d/workbench/." "$TMP/outside/" && echo precious >"$TMP/outside/notes.txt"
rm -r "$d/workbench" && ln -s "$TMP/outside" "$d/workbench"
outside=$(snapshot "$TMP/outside")
prun 1 -- render "$A" -o "$d" "${args[@]}" --check  # identical files, but behind a link
expect "changed: workbench/rserver.conf" "$OUT" "--check: files behind a linked directory are not the bundle's"
prun 0 -- render "$B" -o "$d" "${args[@]}"
[[ "$(snapshot "$TMP/outside")" == "$outside" ]] && ok || bad "render changed files through a link to outside"
[[ -d "$d/workbench" && ! -L "$d/workbench" ]] && is_bundle_of "$d" "$TMP/ref-b" && ok || bad "the linked workbench/ was not replaced"

# ---- Two renders into the same directory at once. ----
d=$TMP/conc/deploy; mkdir -p "$TMP/conc"
for round in 1 2 3 4 5 6; do
  ((round % 2)) && rm -rf "$d"  # odd rounds: the directory does not exist yet
  timeout -k 5 "$limit" "$PWPC" render "$A" -o "$d" "${args[@]}" >/dev/null 2>"$TMP/c1" & p1=$!
  timeout -k 5 "$limit" "$PWPC" render "$B" -o "$d" "${args[@]}" >/dev/null 2>"$TMP/c2" & p2=$!
  wait $p1; r1=$?; wait $p2; r2=$?
  if [[ $r1 -eq 0 && $r2 -eq 0 ]]; then ok; else
    bad "concurrent round $round: exits $r1 and $r2"; cat "$TMP/c1" "$TMP/c2"
  fi
  if is_bundle_of "$d" "$TMP/ref-a" || is_bundle_of "$d" "$TMP/ref-b"; then ok; else
    bad "concurrent round $round: $d is neither bundle A nor bundle B"
  fi
  [[ -z "$(leftovers "$d")" ]] && ok || bad "concurrent round $round: left $(leftovers "$d")"
done

# ---- Slow renders (strace delays every fchmod, one per file written) ----
can_trace=0
if command -v strace >/dev/null && strace -f -qq -o /dev/null true 2>/dev/null; then can_trace=1; fi
# slow_render PROFILE DIR DELAY_US: starts it in the background; SLOW_PID is pwpc's PID.
slow_render() {
  # LeakSanitizer cannot run under ptrace: in a sanitizer build, leak checking is off for
  # the traced process only (the rest of the suite still checks leaks).
  ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
  env --default-signal=INT,TERM,HUP timeout -k 5 "$limit" strace -f -qq -o /dev/null -e trace=fchmod \
    -e inject=fchmod:delay_exit="$3" "$PWPC" render "$1" -o "$2" "${args[@]}" >"$TMP/slow.out" 2>"$TMP/slow.err" &
  SLOW_JOB=$!
  SLOW_PID=
  local i
  for i in $(seq 100); do
    SLOW_PID=$(pgrep -P "$(pgrep -P "$SLOW_JOB" | head -1)" 2>/dev/null | head -1)
    [[ -n "$SLOW_PID" ]] && break
    sleep 0.05
  done
}
# partial DIR N: waits (up to 10 s) until a temporary bundle next to DIR holds N files.
partial() {
  local i n
  for i in $(seq 200); do
    n=$(find "$(dirname "$1")" -mindepth 2 -path "*/.$(basename "$1").pwpc-new-*" -type f 2>/dev/null | wc -l)
    ((n >= $2)) && return 0
    sleep 0.05
  done
  return 1
}

if ((can_trace)); then
  # A slow render holds the directory; a fast one started meanwhile waits for it (without
  # the lock it would finish first and the slow one would fail on a directory not empty).
  rm -rf "$d"
  slow_render "$A" "$d" 100000
  if partial "$d" 2; then
    ok
    prun 0 -- render "$B" -o "$d" "${args[@]}"
    wait "$SLOW_JOB"; rc=$?
    [[ $rc -eq 0 ]] && ok || bad "the slow render exited $rc: $(<"$TMP/slow.err")"
    is_bundle_of "$d" "$TMP/ref-b" && ok || bad "the render that started second did not write last"
    [[ -z "$(leftovers "$d")" ]] && ok || bad "slow and fast render: left $(leftovers "$d")"
    # --check while a render writes: it waits and compares with the complete result.
    slow_render "$A" "$d" 100000
    partial "$d" 2 && ok || bad "the second slow render did not start"
    prun 0 -- render "$A" -o "$d" "${args[@]}" --check
    expect "is up to date" "$ERR" "--check during a render sees the finished bundle"
    wait "$SLOW_JOB"
  else
    bad "the slow render did not start writing: $(<"$TMP/slow.err")"; kill "$SLOW_JOB" 2>/dev/null; wait "$SLOW_JOB"
  fi

  # SIGTERM and SIGINT half-way: pwpc removes its temporary directory and dies by the signal.
  prun 0 -- render "$A" -o "$d" "${args[@]}"
  old=$(snapshot "$d")
  for sig in TERM INT; do
    slow_render "$B" "$d" 300000
    if [[ -n "$SLOW_PID" ]] && partial "$d" 3; then
      kill -s "$sig" "$SLOW_PID"
      { wait "$SLOW_JOB"; } 2>/dev/null; rc=$?
      want=$((128 + $(kill -l "$sig")))
      [[ $rc -eq $want ]] && ok || bad "SIG$sig: exit $rc, expected $want (killed by the signal)"
      expect "interrupted by SIG$sig; $d was left exactly as it was and the temporary files were removed" \
        "$(<"$TMP/slow.err")" "SIG$sig: the message"
      unchanged "SIG$sig half-way" "$d" "$old"
    else
      bad "SIG$sig: the slow render did not start writing: $(<"$TMP/slow.err")"; kill "$SLOW_JOB" 2>/dev/null; wait "$SLOW_JOB"
    fi
  done

  # SIGKILL half-way cannot be caught: the next render removes what it left.
  slow_render "$B" "$d" 300000
  if [[ -n "$SLOW_PID" ]] && partial "$d" 3; then
    kill -s KILL "$SLOW_PID"; { wait "$SLOW_JOB"; } 2>/dev/null
    [[ "$(snapshot "$d")" == "$old" ]] && ok || bad "SIGKILL: the previous bundle changed"
    left=$(leftovers "$d")
    [[ -n "$left" ]] && ok || bad "SIGKILL: expected the partial temporary directory to be there"
    prun 0 -- render "$B" -o "$d" "${args[@]}"
    expect "removed $left, left behind by a render that was killed half-way" "$ERR" "SIGKILL: the next render cleans up"
    is_bundle_of "$d" "$TMP/ref-b" && ok || bad "SIGKILL: the next render writes bundle B"
    [[ -z "$(leftovers "$d")" ]] && ok || bad "SIGKILL: left $(leftovers "$d")"
  else
    bad "SIGKILL: the slow render did not start writing"; kill "$SLOW_JOB" 2>/dev/null; wait "$SLOW_JOB"
  fi
else
  skip "slow renders (lock contention, SIGTERM, SIGINT, SIGKILL half-way): strace is missing or cannot trace here"
fi

# A render killed between the two renames of the fallback path (file systems without
# RENAME_EXCHANGE) leaves DIR missing and the old bundle as .NAME.pwpc-old-*: the next render
# moves it back first, so even when that render fails, the old bundle is there.
prun 0 -- render "$A" -o "$d" "${args[@]}"
old=$(snapshot "$d")
mv "$d" "$TMP/conc/.deploy.pwpc-old-Ab12Cd"
mkdir "$TMP/conc/.deploy.pwpc-new-Xy34Zw" && echo partial >"$TMP/conc/.deploy.pwpc-new-Xy34Zw/DEPLOY.md"
(trap '' XFSZ; ulimit -f 12; timeout -k 5 "$limit" "$PWPC" render "$B" -o "$d" "${args[@]}" >"$TMP/out" 2>"$TMP/err")
rc=$?; ERR=$(<"$TMP/err")
[[ $rc -eq 2 ]] && ok || bad "restore then a failing write: exit $rc, expected 2"
expect "moved it back from $TMP/conc/.deploy.pwpc-old-Ab12Cd" "$ERR" "the old bundle is moved back, and pwpc says so"
expect "removed $TMP/conc/.deploy.pwpc-new-Xy34Zw" "$ERR" "the partial one is removed"
unchanged "restored after a killed fallback swap" "$d" "$old"
finish
