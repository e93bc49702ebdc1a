#!/usr/bin/env bash
# What writing every result costs (not part of CI; prints its numbers, nothing is asserted):
#   file   the full-range loopback scan, every row to a CSV file
#   text   the same as the default text table on stdout (piped)
#   open   the same with --open-only (almost nothing written): the scan alone
#   hosts  131,072 hosts x one port (127.0.0.0/15), every row to a CSV file
# No history (bench/history.sh measures it). With BASE_DIR naming another checkout, built beside
# (git worktree add /tmp/base REV && (cd /tmp/base && mvn -q -o -DskipTests package)), each run
# alternates with the same run of that checkout: medians of wall and CPU (user+sys) of each.
#
#   RUNS=7 bench/output-rows.sh
#   BASE_DIR=/tmp/base RUNS=7 bench/output-rows.sh
#
# Safety: loopback only; every port listening before the run is excluded from the full range, and
# the hosts run uses a port that nothing listens on; no banners, nothing is sent.
set -euo pipefail

RUNS="${RUNS:-7}"
[[ "$RUNS" =~ ^[1-9][0-9]?$ ]] || { echo "RUNS must be 1-99" >&2; exit 2; }
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/fanout-output-bench.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
die() { echo "output-rows: $*" >&2; exit 1; }

# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"
bench_trees
exclude_listening
port=40000
while is_listening "$port"; do port=$((port + 1)); done
echo "== excluded (already listening): ${exclude:-none}; hosts run on port $port" >&2

declare -A jobs=(
  [file]="--hosts 127.0.0.1 --ports all --format csv --output $tmp/out.csv"
  [text]="--hosts 127.0.0.1 --ports all"
  [open]="--hosts 127.0.0.1 --ports all --open-only --format csv --output $tmp/out.csv"
  [hosts]="--hosts 127.0.0.0/15 --ports $port --format csv --output $tmp/out.csv"
)
for ((i = 1; i <= RUNS; i++)); do
  for job in file text open hosts; do
    for t in "${trees[@]}"; do
      read -r -a args <<< "${jobs[$job]}"
      [[ "$job" == hosts ]] || args+=("${excl[@]}")
      run_timed run "$t/fanout" scan "${args[@]}" --no-progress --no-history
      echo "$t $job $t_wall $(awk -v u="$t_user" -v s="$t_sys" 'BEGIN{printf "%.2f", u+s}')" >> "$tmp/rows"
    done
  done
  echo "   round $i of $RUNS done" >&2
done
printf '%-40s %-6s %22s %22s\n' "tree" "job" "wall s (median min max)" "CPU s (median min max)"
for t in "${trees[@]}"; do
  for job in file text open hosts; do
    printf '%-40s %-6s %22s %22s\n' "$t" "$job" \
      "$(awk -v t="$t" -v j="$job" '$1==t && $2==j {print $3}' "$tmp/rows" | stats)" \
      "$(awk -v t="$t" -v j="$job" '$1==t && $2==j {print $4}' "$tmp/rows" | stats 2)"
  done
done
