#!/usr/bin/env bash
# Hostile and broken input (issue #5): every reader pwpc has (profile, cluster and image
# configs, CloudFormation, Workbench INI files, systemd drop-ins, --stack-outputs JSON) on
# the corpus in tests/hostile/ (cases.tsv), on large inputs generated here (10 MB scalars,
# files over 16 MiB, 10,000 levels of nesting, 20,000 stack outputs) and on paths that are
# no regular file (missing, FIFO, /proc/self/mem, symlink loop, directory, unreadable).
# Each case: the expected exit code (2 for unusable input, 1 for a well-formed but invalid
# config, 0 when accepted), the diagnostic with FILE:LINE:COL (FILE: for whole-file
# problems) and its rule ID, no "internal error", no sanitizer report, at most 64 KiB of
# output, within a time limit (10 s) and bounded memory (1 GB address space, or peak RSS
# in a sanitizer build). Known shortfalls are tagged in cases.tsv (see tests/hostile/README.md).
source "$(dirname "$0")/lib.sh"
: "${TMP:?lib.sh sets TMP}"
H=tests/hostile
PROFILE=$H/profile/baseline.yaml  # the profile `render --stack-outputs` cases render
INPUT_RULES='\[(IO|YAML-[A-Z-]+|INI-SYNTAX|STACK-OUTPUTS)\]'
MAX_OUTPUT=65536
MAX_RSS_KB=1000000

# ---------------------------------------------------------------------------- limits
TL=${PWPC_HOSTILE_TIMEOUT:-10}
MEM=()
if command -v prlimit >/dev/null && prlimit --as=1000000000 "$PWPC" --version >/dev/null 2>&1; then
  MEM=(prlimit --as=1000000000)
else
  # AddressSanitizer reserves terabytes of address space for its shadow memory.
  echo "NOTE: pwpc cannot run under a 1 GB address-space limit here (a sanitizer build?):" \
    "memory is bounded by peak RSS only, and the time limit is $((TL * 3)) s"
  TL=$((TL * 3))
fi
TIMEV=()
if [[ -x /usr/bin/time ]] && /usr/bin/time -f %M -o /dev/null true 2>/dev/null; then
  TIMEV=(/usr/bin/time -f %M -o "$TMP/rss")
elif [[ ${#MEM[@]} -eq 0 ]]; then
  echo "NOTE: neither prlimit nor GNU time works here: memory use is not checked"
fi

# ---------------------------------------------------------------------------- running one case
declare -A per_reader=()
xfails=0
nb=0
: >"$TMP/times"

# cmd_for READER FILE: sets CMD (pwpc's arguments), DIAG (the path diagnostics name) and
# BUNDLE (render's output directory, for --stack-outputs).
cmd_for() {
  local reader=$1 file=$2
  DIAG=$file
  BUNDLE=
  case $reader in
    profile) CMD=(plan "$file") ;;
    stack-outputs)
      BUNDLE=$TMP/bundle-$((++nb))
      CMD=(render "$PROFILE" -o "$BUNDLE" --allow-placeholders --stack-outputs "$file") ;;
    workbench-pair) CMD=(validate "$file/rserver.conf" "$file/launcher.conf"); DIAG=$file/rserver.conf ;;
    *) CMD=(validate --kind "$reader" "$file") ;;
  esac
}

# execute: runs pwpc "${CMD[@]}" within the limits; sets RC, OUTPUT (stdout and stderr),
# OUTBYTES, MS and RSS (KB, 0 when unknown).
execute() {
  rm -f "$TMP/rss"
  local t0
  t0=$(date +%s%N)
  timeout -k 5 "$TL" "${TIMEV[@]}" "${MEM[@]}" "$PWPC" "${CMD[@]}" >"$TMP/out" 2>&1 </dev/null
  RC=$?
  MS=$((($(date +%s%N) - t0) / 1000000))
  RSS=0
  if [[ -s $TMP/rss ]]; then RSS=$(tail -n 1 "$TMP/rss"); [[ $RSS =~ ^[0-9]+$ ]] || RSS=0; fi
  OUTBYTES=$(wc -c <"$TMP/out")
  OUTPUT=$(head -c 200000 "$TMP/out" | tr -d '\0')
}

# has_diag PATH RULE POS: OUTPUT holds "PATH:LINE:COL: severity: [RULE]" (POS = LINE:COL,
# either may be *) or "PATH: severity: [RULE]" (POS = -). RULE may be *.
has_diag() {
  local path=$1 rule=$2 pos=$3 line rest
  local want_line=${pos%%:*} want_col=${pos#*:}
  local re_whole='^ (error|warning|info): \[([A-Z0-9-]+)\]'
  local re_pos='^([0-9]+):([0-9]+): (error|warning|info): \[([A-Z0-9-]+)\]'
  while IFS= read -r line; do
    [[ $line == "$path:"* ]] || continue
    rest=${line#"$path:"}
    if [[ $pos == - ]]; then
      [[ $rest =~ $re_whole ]] && [[ $rule == '*' || ${BASH_REMATCH[2]} == "$rule" ]] && return 0
    elif [[ $rest =~ $re_pos ]]; then
      [[ $want_line == '*' || ${BASH_REMATCH[1]} == "$want_line" ]] || continue
      [[ $want_col == '*' || ${BASH_REMATCH[2]} == "$want_col" ]] || continue
      [[ $rule == '*' || ${BASH_REMATCH[4]} == "$rule" ]] && return 0
    fi
  done <<<"$OUTPUT"
  return 1
}

# normalized: OUTPUT with this case's path and bundle directory replaced, for comparisons.
normalized() {
  local o=${OUTPUT//"$DIAG"/FILE}
  [[ -n $BUNDLE ]] && o=${o//"$BUNDLE"/BUNDLE}
  printf '%s' "$o"
}

declare -A base_rc=() base_out=() base_bundle=()

# check READER LABEL WANT EXPECT KNOWN: judges the run that execute just made.
check() {
  local reader=$1 label=$2 want=$3 expect=$4 known=${5:-}
  local hard=() soft=()
  per_reader[$reader]=$((${per_reader[$reader]:-0} + 1))
  echo "$MS ms  $label" >>"$TMP/times"
  if ((RC > 128 && RC != 137)); then hard+=("crashed: exit $RC (signal $((RC - 128)))"); fi
  if grep -Eq 'Sanitizer|runtime error:' <<<"$OUTPUT"; then hard+=("sanitizer report"); fi
  if ((RSS > MAX_RSS_KB)); then hard+=("peak RSS $((RSS / 1024)) MB"); fi
  if ((RC == 124 || RC == 137)); then soft+=("did not finish within ${TL} s"); fi
  if grep -q 'internal error' <<<"$OUTPUT"; then soft+=("internal error"); fi
  if ((RC != want)) && ((RC != 124 && RC != 137)); then soft+=("exit $RC, expected $want"); fi
  if ((OUTBYTES > MAX_OUTPUT)); then soft+=("printed $OUTBYTES bytes (a diagnostic quotes, it does not copy)"); fi
  if [[ -n $BUNDLE && $want -ne 0 && -e $BUNDLE ]]; then soft+=("wrote $BUNDLE despite the error"); fi
  case $expect in
    ok)
      if grep -Eq "$INPUT_RULES" <<<"$OUTPUT"; then soft+=("reported an input error for accepted input"); fi ;;
    =*)
      local key="$reader/${expect#=}"
      if [[ -z ${base_rc[$key]:-} ]]; then
        soft+=("baseline $key was not run before")
      elif ((RC != ${base_rc[$key]})); then
        soft+=("exit $RC, but ${expect#=} gives ${base_rc[$key]}")
      elif [[ $(normalized) != "${base_out[$key]}" ]]; then
        soft+=("output differs from ${expect#=}'s")
      elif [[ -n $BUNDLE ]] && ! diff -r "${base_bundle[$key]}" "$BUNDLE" >/dev/null 2>&1; then
        soft+=("the bundle differs from the one ${expect#=} gives")
      fi ;;
    *@*)
      local rule=${expect%%@*} pos=${expect#*@}
      if ! has_diag "$DIAG" "$rule" "$pos"; then
        if [[ $pos == - ]]; then soft+=("no '$DIAG: error: [$rule]' line")
        else soft+=("no '$DIAG:$pos: ...: [$rule]' line"); fi
      fi ;;
    *) soft+=("bad expectation '$expect' in cases.tsv") ;;
  esac
  local why
  why=$(printf '%s; ' "${hard[@]}" "${soft[@]}")
  why=${why%; }
  if ((${#hard[@]} > 0)) || { ((${#soft[@]} > 0)) && [[ -z $known ]]; }; then
    echo "FAIL: $label ($reader): $why"
    echo "  pwpc ${CMD[*]:0:8}"
    echo "  output (${OUTBYTES} bytes): $(head -c 600 <<<"$OUTPUT")"
    failures=$((failures + 1))
  elif ((${#soft[@]} > 0)); then
    echo "XFAIL: $label ($reader), known bug '$known': $why"
    xfails=$((xfails + 1))
  elif [[ -n $known ]]; then
    echo "FAIL: $label ($reader): passes now; remove the stale known-bug tag '$known' from cases.tsv"
    failures=$((failures + 1))
  else
    passes=$((passes + 1))
  fi
}

# case_run READER FILE WANT EXPECT [KNOWN [LABEL]]
case_run() {
  local reader=$1 file=$2 want=$3 expect=$4 known=${5:-} label=${6:-$2}
  cmd_for "$reader" "$file"
  execute
  check "$reader" "$label" "$want" "$expect" "$known"
  # A file that others compare against (=FILE) is remembered with its result.
  if [[ $expect == ok && -z $known ]]; then
    local key="$reader/${file##*/}"
    base_rc[$key]=$RC
    base_out[$key]=$(normalized)
    base_bundle[$key]=$BUNDLE
  fi
}

# ---------------------------------------------------------------------------- the corpus
while IFS=$'\t' read -r reader file want expect known; do
  [[ -z $reader || $reader == \#* ]] && continue
  if [[ ! -e $H/$reader/$file ]]; then
    echo "FAIL: cases.tsv names $H/$reader/$file, which does not exist"; failures=$((failures + 1)); continue
  fi
  case_run "$reader" "$H/$reader/$file" "$want" "$expect" "$known"
done <"$H/cases.tsv"
# Every file of the corpus is a case (baselines included).
while IFS= read -r f; do
  rel=${f#"$H"/}
  reader=${rel%%/*}
  name=${rel#*/}
  [[ $reader == workbench-pair ]] && name=${name%%/*}
  grep -qP "^\Q$reader\E\t\Q$name\E\t" "$H/cases.tsv" ||
    { echo "FAIL: $f is in the corpus but not in cases.tsv"; failures=$((failures + 1)); }
done < <(find "$H" -mindepth 2 -type f | sort)

# ---------------------------------------------------------------------------- generated inputs
head -c 10000000 /dev/zero | tr '\0' a >"$TMP/blob"  # 10 MB

# grow SRC AFTER PREFIX OUT: SRC with PREFIX and the 10 MB blob inserted after the first AFTER.
grow() {
  local src=$1 after=$2 prefix=$3 out=$4 content
  content=$(<"$src")
  [[ $content == *"$after"* ]] || { echo "FAIL: grow: '$after' not in $src"; failures=$((failures + 1)); return 1; }
  { printf '%s%s%s' "${content%%"$after"*}" "$after" "$prefix"; cat "$TMP/blob"; printf '%s\n' "${content#*"$after"}"; } >"$out"
}
# nest N OPEN CLOSE [PREFIX [SUFFIX]]: PREFIX, N x OPEN, N x CLOSE, SUFFIX.
nest() {
  printf '%s' "${4:-}"
  local o c
  printf -v o '%*s' "$1" ''
  c=$o
  printf '%s%s%s\n' "${o// /$2}" "${c// /$3}" "${5:-}"
}

G=$TMP/gen
mkdir -p "$G"
# 10 MB scalars where a check reads them.
grow $H/profile/baseline.yaml "  name: ds-" "" "$G/big-scalar.yaml" &&
  case_run profile "$G/big-scalar.yaml" 2 PROFILE-SCHEMA@3:9 "" "profile with a 10 MB cluster name"
grow $H/cluster/baseline.yaml "  Os: alinux2023" $'\n  CustomAmi: ami-' "$G/big-scalar-cluster.yaml" &&
  case_run cluster "$G/big-scalar-cluster.yaml" 1 PC-SCHEMA@4:14 "" "cluster config with a 10 MB CustomAmi"
grow $H/image/baseline.yaml "  ParentImage: ami-0123456789abcdef0" $'\n  SubnetId: subnet-' "$G/big-scalar-image.yaml" &&
  case_run image "$G/big-scalar-image.yaml" 1 PC-SCHEMA@4:13 "" "image config with a 10 MB SubnetId"
grow $H/cloudformation/baseline.yaml "Description: " "" "$G/big-scalar-cfn.yaml" &&
  case_run cloudformation "$G/big-scalar-cfn.yaml" 0 ok "" "template with a 10 MB Description"
grow $H/rserver/baseline.conf "server-shared-storage-path=/" "" "$G/big-value.conf" &&
  case_run rserver "$G/big-value.conf" 0 ok "" "rserver.conf with a 10 MB value"
grow $H/rserver/baseline.conf $'www-port=8787\n' "x" "$G/big-key.conf" &&
  case_run rserver "$G/big-key.conf" 0 WB-UNKNOWN-OPTION@2:1 "" "rserver.conf with a 10 MB unknown option"
# 500,000 unknown options (12 MB): "did you mean" for each took 43 s; past the first 100
# findings only the count is kept.
python3 -c 'import sys; sys.stdout.write("".join("server-option-%07d=1\n" % i for i in range(500000)))' >"$G/many-keys.conf"
case_run rserver "$G/many-keys.conf" 0 WB-UNKNOWN-OPTION@1:1 "" "rserver.conf with 500,000 unknown options"
grow $H/launcher/baseline.conf "[c" "" "$G/big-section.conf" &&
  case_run launcher "$G/big-section.conf" 0 WB-UNKNOWN-OPTION@7:1 "" "launcher.conf with a 10 MB section name"
grow $H/database/baseline.conf "provider=p" "" "$G/big-provider.conf" &&
  case_run database "$G/big-provider.conf" 0 WB-DATABASE-PROVIDER@1:10 "" "database.conf with a 10 MB provider"
grow $H/systemd-dropin/baseline.conf "RSTUDIO_CONFIG_DIR=/opt/" "" "$G/big-value-dropin.conf" &&
  case_run systemd-dropin "$G/big-value-dropin.conf" 1 SD-CONFIG-DIR@2:13 "" "drop-in with a 10 MB value"
grow $H/stack-outputs/baseline.json '"OutputValue": "vpc-' "" "$G/big-value.json" &&
  case_run stack-outputs "$G/big-value.json" 2 'STACK-OUTPUTS@9:36' "" "stack outputs with a 10 MB VpcId"
# A 10 MB number in a field pwpc does not read (finding where it ends was quadratic).
{
  printf '{"Stacks": [{"StackName": "n", "Count": 0.'; head -c 10000000 /dev/zero | tr '\0' 0
  printf '1, "Outputs": [{"OutputKey": "VpcId", "OutputValue": "vpc-0123456789abcdef0"}]}]}\n'
} >"$G/big-number.json"
case_run stack-outputs "$G/big-number.json" 0 ok "" "stack outputs with a 10 MB number"

# 10,000 levels of nesting.
nest 10000 '[' ']' 'users: ' >"$G/deep-flow.yaml"
case_run profile "$G/deep-flow.yaml" 2 YAML-LIMIT@1:208 "" "profile nested 10,000 levels (flow)"
{ nest 10000 '- ' '' '' 'x'; } >"$G/deep-block.yaml"
case_run profile "$G/deep-block.yaml" 2 YAML-LIMIT@1:401 "" "profile nested 10,000 levels (block)"
nest 10000 '{a: ' '}' 'Scheduling: ' >"$G/deep-cluster.yaml"
case_run cluster "$G/deep-cluster.yaml" 2 'YAML-LIMIT@1:*' "" "cluster config nested 10,000 levels"
nest 10000 '[' ']' 'Build: ' >"$G/deep-image.yaml"
case_run image "$G/deep-image.yaml" 2 'YAML-LIMIT@1:*' "" "image config nested 10,000 levels"
nest 10000 '{"a": ' '}' '{"Resources": ' '}' >"$G/deep-cfn.json"
case_run cloudformation "$G/deep-cfn.json" 2 'YAML-LIMIT@1:*' "" "JSON template nested 10,000 levels"
nest 10000 '[' ']' '{"Stacks": ' '}' >"$G/deep-outputs.json"
case_run stack-outputs "$G/deep-outputs.json" 2 'STACK-OUTPUTS@1:211' "" "stack outputs nested 10,000 levels"

# Merging a 100,000-key mapping into another (was quadratic).
{
  printf 'a: &a {'; for ((i = 0; i < 100000; i++)); do printf 'k%d: 0, ' "$i"; done; printf 'z: 0}\n'
  printf 'b: {<<: *a, '; for ((i = 0; i < 100000; i++)); do printf 'j%d: 0, ' "$i"; done; printf 'z: 1}\n'
} >"$G/merge-100k.yaml"
case_run cluster "$G/merge-100k.yaml" 1 PC-SCHEMA@1:1 "" "cluster config merging two 100,000-key mappings"

# 20,000 stack outputs (about 1 MB, well within what describe-stacks can print).
{
  printf '{"Stacks": [{"StackName": "many", "Outputs": [\n'
  for ((i = 0; i < 20000; i++)); do printf '{"OutputKey": "Key%d", "OutputValue": "value-%d"},\n' "$i" "$i"; done
  printf '{"OutputKey": "VpcId", "OutputValue": "vpc-0123456789abcdef0"}]}]}\n'
} >"$G/many-outputs.json"
case_run stack-outputs "$G/many-outputs.json" 0 ok "" "20,000 stack outputs"

# ---------------------------------------------------------------------------- paths that are no file
head -c 17000000 /dev/zero | tr '\0' '#' >"$G/over-16-mib.yaml"  # a comment line of 17 MB
mkfifo "$G/fifo"
ln -s loop-b "$G/loop-a"
ln -s loop-a "$G/loop-b"
mkdir -p "$G/empty-dir"
cp $H/profile/baseline.yaml "$G/unreadable.yaml"
chmod 000 "$G/unreadable.yaml"
unreadable_works=1
if cat "$G/unreadable.yaml" >/dev/null 2>&1; then
  unreadable_works=0
  echo "SKIP: the unreadable-file (chmod 000) cases: running as $(id -un), who reads it anyway;" \
    "a FIFO without a writer and /proc/self/mem stand in for unreadable files"
fi
for reader in profile cluster image cloudformation rserver launcher database systemd-dropin stack-outputs; do
  case_run "$reader" "$G/does-not-exist.yaml" 2 IO@- "" "missing file"
  case_run "$reader" "$G/fifo" 2 IO@- "" "FIFO without a writer"
  case_run "$reader" "$G/loop-a" 2 IO@- "" "symlink loop"
  case_run "$reader" "$H/profile/baseline.yaml/x" 2 IO@- "" "path through a file"
  case_run "$reader" "$G/over-16-mib.yaml" 2 IO@- "" "file over 16 MiB"
  [[ -r /proc/self/mem ]] && case_run "$reader" /proc/self/mem 2 IO@- "" "/proc/self/mem (read error)"
  ((unreadable_works)) && case_run "$reader" "$G/unreadable.yaml" 2 IO@- "" "unreadable file (mode 000)"
done
# A directory: plan and --stack-outputs take one file; validate walks a bundle directory,
# and a broken file inside it is reported under its own path.
case_run profile "$G/empty-dir" 2 IO@- "" "directory as the profile"
case_run stack-outputs "$G/empty-dir" 2 IO@- "" "directory as --stack-outputs"
mkdir -p "$G/bundle-dir"
cp $H/cluster/tab-indent.yaml "$G/bundle-dir/cluster-config.yaml"
CMD=(validate --kind cluster "$G/bundle-dir") DIAG=$G/bundle-dir/cluster-config.yaml BUNDLE=''
execute
check cluster "directory holding a broken config" 2 YAML-SYNTAX@5:1

# A pipe with a writer is read (the FIFO handling must not refuse `<(command)`).
t0=$(date +%s%N)
OUTPUT=$(timeout "$TL" "$PWPC" plan <(cat "$PROFILE") 2>&1 >/dev/null)
RC=$?
MS=$((($(date +%s%N) - t0) / 1000000)) RSS=0 OUTBYTES=${#OUTPUT} DIAG=/dev/fd BUNDLE='' CMD=(plan "<(cat $PROFILE)")
check profile "profile from a pipe, <(cat ...)" 0 ok

# ---------------------------------------------------------------------------- summary
echo "cases per reader:$(for r in "${!per_reader[@]}"; do printf ' %s=%s' "$r" "${per_reader[$r]}"; done | tr ' ' '\n' | sort | tr '\n' ' ')"
echo "slowest cases:"
sort -rn "$TMP/times" | head -n 5 | sed 's/^/  /'
echo "$xfails known shortfall(s) (XFAIL above; tests/hostile/README.md)"
finish
