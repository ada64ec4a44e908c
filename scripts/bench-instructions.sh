#!/usr/bin/env bash
# The property cost of the liveness benchmarks in instructions, which the shared,
# noisy machine does not change (wall-clock ratios of a 2-second run vary by 20%):
# each model is run under callgrind with and without its PROPERTY lines.
#
#   scripts/bench-instructions.sh [--bin PATH] [--rows coffeecan,ewdsmall]
#
# Rows: CoffeeCan1000 (the bench row itself; about 4 minutes per run under
# callgrind) and EWD998PCalSmall (specs/bench: EWD998PCal with a tighter constraint,
# 20,870 states; the full row would take about 25 minutes per run). Prints
# id | instructions with properties | safety-only | cost. Needs valgrind; builds the
# release binary unless --bin is given.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
bin="" rows="coffeecan,ewdsmall"
while (($#)); do
  case $1 in
    --bin) bin=$2; shift 2 ;;
    --rows) rows=$2; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
if [[ -z $bin ]]; then
  cargo build --release -q -p tlc-rs
  bin="${CARGO_TARGET_DIR:-$root/target}/release/tlc-rs"
fi
corpus="$root/../shared/corpus"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# strip_props CFG OUT: the config without its PROPERTY/PROPERTIES sections.
strip_props() {
  awk 'BEGIN { skip = 0 }
       /^[[:space:]]*(PROPERTY|PROPERTIES)([[:space:]]|$)/ { skip = 1; next }
       skip && /^[[:space:]]*(CONSTANTS?|SPECIFICATION|INIT|NEXT|INVARIANTS?|CONSTRAINTS?|ACTION_CONSTRAINTS?|SYMMETRY|VIEW|ALIAS|CHECK_DEADLOCK|POSTCONDITION)([[:space:]]|$)/ { skip = 0 }
       !skip { print }' "$1" >"$2"
}

# instructions SPEC CFG LIB...: instructions executed by one check (callgrind's count)
instructions() {
  local spec=$1 cfg=$2; shift 2
  local libs=()
  for l in "$@"; do libs+=(--lib "$l"); done
  valgrind --tool=callgrind --callgrind-out-file=/dev/null \
    "$bin" check "$spec" --config "$cfg" "${libs[@]}" 2>&1 >/dev/null |
    awk '/Collected/ { print $4 }'
}

echo "| id | instructions with properties | safety-only | property cost |"
echo "|---|---|---|---|"
IFS=, read -ra want <<<"$rows"
for r in "${want[@]}"; do
  case $r in
    coffeecan)
      id=CoffeeCan1000 spec="$corpus/specs/CoffeeCan/CoffeeCan.tla"
      cfg="$corpus/specs/CoffeeCan/CoffeeCan1000Beans.cfg" libs=("$corpus/lib") ;;
    ewdsmall)
      id=EWD998PCalSmall spec="$root/specs/bench/EWD998PCalSmall.tla"
      cfg="$root/specs/bench/EWD998PCalSmall.cfg"
      libs=("$corpus/specs/ewd998" "$corpus/lib") ;;
    *) echo "unknown row $r" >&2; exit 2 ;;
  esac
  strip_props "$cfg" "$tmp/$id.safety.cfg"
  with=$(instructions "$spec" "$cfg" "${libs[@]}")
  without=$(instructions "$spec" "$tmp/$id.safety.cfg" "${libs[@]}")
  cost=$(awk -v a="$with" -v b="$without" 'BEGIN { printf "%.2f", a / b }')
  printf '| %s | %s | %s | %s |\n' "$id" "$with" "$without" "$cost"
done
