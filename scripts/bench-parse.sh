#!/usr/bin/env bash
# Times `tlc-rs parse` over the whole corpus: every .tla (with its same-named .cfg,
# if any) and every other .cfg (with a module of its folder), release build.
# Prints the total wall time, the per-process start-up cost measured with
# `tlc-rs --version`, and their difference (time spent parsing); then the
# in-process time of one pass of the parsers over all files
# (`conformance parse-bench`), which has no process or file-system overhead.
#
#   scripts/bench-parse.sh [CORPUS_DIR]     (default ../shared/corpus)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=$(cd "${1:-../shared/corpus}" && pwd)
cargo build --release -q -p tlc-rs --bins
bin=${CARGO_TARGET_DIR:-target}/release/tlc-rs
bench=${CARGO_TARGET_DIR:-target}/release/conformance

mapfile -t tlas < <(find "$corpus" -name '*.tla' | sort)
mapfile -t cfgs < <(find "$corpus" -name '*.cfg' | sort)
jobs=()
for t in "${tlas[@]}"; do jobs+=("$t|"); done
for c in "${cfgs[@]}"; do
  [[ -f ${c%.cfg}.tla ]] && continue
  t=$(find "$(dirname "$c")" -maxdepth 1 -name '*.tla' | sort | head -n 1)
  [[ -n $t ]] && jobs+=("$t|$c")
done

run_all() {
  local fails=0
  for j in "${jobs[@]}"; do
    t=${j%%|*}; c=${j#*|}
    if [[ -n $c ]]; then
      "$bin" parse "$t" --config "$c" --lib "$corpus/lib" >/dev/null 2>&1 || fails=$((fails + 1))
    else
      "$bin" parse "$t" --lib "$corpus/lib" >/dev/null 2>&1 || fails=$((fails + 1))
    fi
  done
  echo "$fails"
}

now() { date +%s.%N; }
run_all >/dev/null # warm the page cache
t0=$(now); fails=$(run_all); t1=$(now)
for _ in "${jobs[@]}"; do "$bin" --version >/dev/null; done
t2=$(now)
awk -v n="${#jobs[@]}" -v tla="${#tlas[@]}" -v cfg="${#cfgs[@]}" -v f="$fails" \
    -v a="$t0" -v b="$t1" -v c="$t2" 'BEGIN {
  total = b - a; startup = c - b;
  printf "%d tlc-rs parse runs (%d .tla files, %d .cfg files), %d exiting non-zero\n", n, tla, cfg, f;
  printf "total wall time      %.2f s\n", total;
  printf "process start-up     %.2f s (%d x tlc-rs --version)\n", startup, n;
  printf "parsing (difference) %.2f s\n", total - startup;
}'
echo "(runs exiting non-zero: specs that EXTEND modules the corpus does not ship, e.g. SVG, Json)"
"$bench" parse-bench --corpus "$corpus"
