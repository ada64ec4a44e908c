#!/usr/bin/env bash
# Model-checking benchmark: runs the reference TLC and tlc-rs on the models of
# ../shared/bench/models.tsv in the same session, at 1 and 2 workers, each under
# `/usr/bin/time -v` (wall time, peak RSS), checks that both report the distinct-state
# count of models.tsv, and prints a markdown table (ratios are measured in this run:
# the machine is shared and noisy, so compare ratios, not absolute times).
#
#   scripts/bench-check.sh [--ids A,B] [--kind safety|liveness|all] [--workers "1 2"]
#                          [--timeout SECONDS] [--no-build] [--no-tlc] [--log DIR]
#                          [--safety-only | --property-cost [--repeat N]]
#
# --safety-only: check each model with its PROPERTY/PROPERTIES lines removed from the .cfg
# (copies in the log directory). --property-cost (for the liveness rows): tlc-rs with and
# without the properties, and TLC with them, at the first worker count; prints
# id | tlc-rs safety-only s | tlc-rs with properties s | cost (with / without) | TLC s | speed.
# --repeat N (with --property-cost, default 3): the two tlc-rs runs are repeated N times,
# alternating, and the fastest of each is reported (a 2-second run varies by 20% on this
# machine); TLC runs once.
#
# Defaults: all safety rows, workers "1 2", timeout 600 s per run, release build first.
# Columns: TLC and tlc-rs wall seconds per worker count, speed ratio TLC/tlc-rs
# (> 1 means tlc-rs is faster), distinct states per second, peak RSS (max over the
# worker counts) and the memory ratio TLC/tlc-rs. "T/O" = timed out, "ERR" = failed,
# "MISMATCH" = distinct-state count differs from models.tsv.
# Env: TLC (default ../shared/tools/tlc), BENCH_DIR (default ../shared/bench),
# TLC_RS (tlc-rs binary; default $CARGO_TARGET_DIR/release/tlc-rs, built first).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
bench_dir=$(cd "${BENCH_DIR:-../shared/bench}" && pwd)
tlc=$(readlink -f "${TLC:-../shared/tools/tlc}")
lib=$(cd "$bench_dir/../corpus/lib" && pwd)
ids="" kind=safety workers="1 2" timeout=600 build=1 run_tlc=1 logdir="" props=keep repeat=3
while (($#)); do
  case $1 in
    --ids) ids=$2; shift 2 ;;
    --kind) kind=$2; shift 2 ;;
    --workers) workers=$2; shift 2 ;;
    --timeout) timeout=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    --no-tlc) run_tlc=0; shift ;;
    --safety-only) props=strip; shift ;;
    --property-cost) props=cost; shift ;;
    --repeat) repeat=$2; shift 2 ;;
    --log) logdir=$2; shift 2 ;;
    -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
if ((build)) && [[ -z ${TLC_RS:-} ]]; then cargo build --release -q -p tlc-rs --bins; fi
bin=$(readlink -f "${TLC_RS:-${CARGO_TARGET_DIR:-target}/release/tlc-rs}")
[[ -n $logdir ]] || logdir=$(mktemp -d /tmp/bench-check.XXXXXX)
mkdir -p "$logdir"
logdir=$(readlink -f "$logdir")

# run LOG CMD... : runs CMD under time -v with the timeout; prints "secs rss_kib distinct status"
run() {
  local log="$logdir/$1"; shift
  local st=0
  (cd "$logdir" && timeout --signal=KILL "$timeout" /usr/bin/time -v -o "$log.time" "$@" >"$log" 2>&1) || st=$?
  local secs rss distinct
  secs=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, a, ":"); s = 0;
         for (i = 1; i <= n; i++) s = s * 60 + a[i]; printf "%.2f", s }' "$log.time" 2>/dev/null)
  rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$log.time" 2>/dev/null)
  distinct=$(grep -Eo '[0-9,]+ distinct states found' "$log" | tail -n 1 | tr -d ',' | cut -d' ' -f1)
  local status=ok
  if ((st == 137)) || [[ -z $secs ]]; then status=timeout; elif ((st != 0)); then status=err$st; fi
  echo "${secs:--} ${rss:-0} ${distinct:--} $status"
}

# strip_props CFG OUT: the config without its PROPERTY/PROPERTIES sections.
strip_props() {
  awk 'BEGIN { skip = 0 }
       /^[[:space:]]*(PROPERTY|PROPERTIES)([[:space:]]|$)/ { skip = 1; next }
       skip && /^[[:space:]]*(CONSTANTS?|SPECIFICATION|INIT|NEXT|INVARIANTS?|CONSTRAINTS?|ACTION_CONSTRAINTS?|SYMMETRY|VIEW|ALIAS|CHECK_DEADLOCK|POSTCONDITION)([[:space:]]|$)/ { skip = 0 }
       !skip { print }' "$1" >"$2"
}

fmt_time() { # secs status expected distinct
  case $2 in
    timeout) echo "T/O" ;;
    ok) if [[ $4 == "$3" ]]; then echo "$1"; else echo "MISMATCH($4)"; fi ;;
    *) echo "ERR" ;;
  esac
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a+0 > 0 && b+0 > 0) printf "%.2f", a / b; else print "-" }'; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { if (s+0 > 0) printf "%.0f", n / s; else print "-" }'; }
gib() { awk -v k="$1" 'BEGIN { if (k+0 <= 0) print "-"; else if (k >= 1048576) printf "%.2f GiB", k / 1048576; else printf "%.0f MiB", k / 1024 }'; }
num() { printf "%'d" "$1" 2>/dev/null || echo "$1"; }

wlist=($workers)
if [[ $props == cost ]]; then
  w=${wlist[0]}
  echo "# bench-check --property-cost $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD)$(git diff --quiet -- crates || echo '+dirty'), $(nproc) cores, ${w} worker(s)"
  echo "# load average at start: $(cut -d' ' -f1-3 /proc/loadavg); logs in $logdir; tlc-rs times: fastest of $repeat"
  echo
  echo "| id | distinct | tlc-rs safety-only s | tlc-rs with properties s | property cost | TLC with properties s | speed vs TLC |"
  echo "|---|---|---|---|---|---|---|"
  while IFS=$'\t' read -r id module cfg expected k; do
    [[ $id == id ]] && continue
    [[ $kind == all || $k == "$kind" ]] || continue
    if [[ -n $ids ]] && [[ ",$ids," != *",$id,"* ]]; then continue; fi
    spec="$bench_dir/$module" conf="$bench_dir/$cfg"
    strip_props "$conf" "$logdir/$id.safety.cfg"
    ss=- sst=none ps=- pst=none
    for ((r = 1; r <= repeat; r++)); do
      read -r s1 _ sd s1t < <(run "$id.rs.safety.$r" "$bin" check "$spec" --config "$logdir/$id.safety.cfg" --lib "$lib" --workers "$w")
      read -r p1 _ pd p1t < <(run "$id.rs.props.$r" "$bin" check "$spec" --config "$conf" --lib "$lib" --workers "$w")
      # keep the fastest successful run (a failure is kept only if nothing succeeded)
      if [[ $s1t == ok && ($sst != ok || $(ratio "$s1" "$ss") < 1) ]] || [[ $sst == none ]]; then ss=$s1 sst=$s1t; fi
      if [[ $p1t == ok && ($pst != ok || $(ratio "$p1" "$ps") < 1) ]] || [[ $pst == none ]]; then ps=$p1 pst=$p1t; fi
    done
    ts=- tst=skipped td=-
    if ((run_tlc)); then
      read -r ts _ td tst < <(run "$id.tlc.props" "$tlc" -workers "$w" --lib "$lib" -config "$conf" "$spec")
    fi
    st=$(fmt_time "$ss" "$sst" "$expected" "$sd"); pt=$(fmt_time "$ps" "$pst" "$expected" "$pd")
    tt=-; [[ $tst != skipped ]] && tt=$(fmt_time "$ts" "$tst" "$expected" "$td")
    cost=-; [[ $st == "$ss" && $pt == "$ps" ]] && cost=$(ratio "$ps" "$ss")
    sp=-; [[ $tt == "$ts" && $pt == "$ps" ]] && sp=$(ratio "$ts" "$ps")
    echo "| $id | $(num "$expected") | $st | $pt | $cost | $tt | $sp |"
  done < "$bench_dir/models.tsv"
  echo
  echo "property cost = tlc-rs with properties / tlc-rs safety-only (the same .cfg without its PROPERTY lines);"
  echo "speed vs TLC = TLC s / tlc-rs s, both with the properties (> 1: tlc-rs faster)."
  echo "# load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
  exit 0
fi
echo "# bench-check $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD)$(git diff --quiet -- crates || echo '+dirty'), $(nproc) cores"
echo "# load average at start: $(cut -d' ' -f1-3 /proc/loadavg); logs in $logdir"
hdr="| id | distinct |"
sep="|---|---|"
for w in "${wlist[@]}"; do hdr+=" TLC ${w}w s | tlc-rs ${w}w s | speed ${w}w |"; sep+="---|---|---|"; done
for w in "${wlist[@]}"; do hdr+=" TLC ${w}w st/s | tlc-rs ${w}w st/s |"; sep+="---|---|"; done
hdr+=" TLC RSS | tlc-rs RSS | memory |"; sep+="---|---|---|"
rows=()
while IFS=$'\t' read -r id module cfg expected k; do
  [[ $id == id ]] && continue
  [[ $kind == all || $k == "$kind" ]] || continue
  if [[ -n $ids ]] && [[ ",$ids," != *",$id,"* ]]; then continue; fi
  spec="$bench_dir/$module" conf="$bench_dir/$cfg"
  if [[ $props == strip ]]; then
    strip_props "$conf" "$logdir/$id.safety.cfg"
    conf="$logdir/$id.safety.cfg"
  fi
  times="" rates="" tlc_rss=0 rs_rss=0
  for w in "${wlist[@]}"; do
    if ((run_tlc)); then
      read -r ts tr td tst < <(run "$id.tlc.$w" "$tlc" -workers "$w" --lib "$lib" -config "$conf" "$spec")
    else
      ts=- tr=0 td=- tst=skipped
    fi
    read -r rs rr rd rst < <(run "$id.rs.$w" "$bin" check "$spec" --config "$conf" --lib "$lib" --workers "$w")
    echo "# $id ${w}w: TLC ${ts}s ${tr}KiB distinct=$td ($tst) | tlc-rs ${rs}s ${rr}KiB distinct=$rd ($rst) | load $(cut -d' ' -f1 /proc/loadavg)" >&2
    tt=$(fmt_time "$ts" "$tst" "$expected" "$td"); rt=$(fmt_time "$rs" "$rst" "$expected" "$rd")
    [[ $tst == skipped ]] && tt=-
    sp=-; [[ $tt == "$ts" && $rt == "$rs" ]] && sp=$(ratio "$ts" "$rs")
    times+=" $tt | $rt | $sp |"
    tps=-; [[ $tt == "$ts" ]] && tps=$(rate "$expected" "$ts")
    rps=-; [[ $rt == "$rs" ]] && rps=$(rate "$expected" "$rs")
    rates+=" $tps | $rps |"
    ((tr > tlc_rss)) && tlc_rss=$tr
    ((rr > rs_rss)) && rs_rss=$rr
  done
  mem=$(ratio "$tlc_rss" "$rs_rss")
  row="| $id | $(num "$expected") |$times$rates $(gib "$tlc_rss") | $(gib "$rs_rss") | $mem |"
  rows+=("$row")
  echo "$row" >&2
done < "$bench_dir/models.tsv"
echo
echo "$hdr"
echo "$sep"
printf '%s\n' "${rows[@]}"
echo
echo "speed = TLC s / tlc-rs s (> 1: tlc-rs faster); memory = TLC peak RSS / tlc-rs peak RSS (max over worker counts);"
echo "st/s = distinct states per second of wall time (JVM start-up included for TLC)."
echo "# load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
