#!/usr/bin/env bash
# History overhead (not part of CI; prints its numbers, nothing is asserted):
#  1. the full-range loopback scan (127.0.0.1, ports 1-65535 less those already listening), every
#     row to a CSV file, with and without history, alternating: medians of wall and CPU (user+sys)
#     of each and the ratio of the walls (goal <= 1.1x); with BASE_DIR naming another checkout
#     built beside (git worktree add /tmp/base REV && (cd /tmp/base && mvn -q -o -DskipTests package)),
#     its two runs alternate with these, each tree with a database of its own;
#  2. a 1,000,000-result run: a synthetic scan CSV of 1M rows imported into a fresh database (an
#     import records rows, not packs: a file may hold a target twice, and a row keeps the first):
#     import time, database bytes per result, and the time to read the run back (history show).
#
#   bench/history.sh                 5 pairs
#   PAIRS=9 ROWS=2000000 bench/history.sh
#   BASE_DIR=/tmp/base PAIRS=9 ROWS=1000 bench/history.sh
#
# Safety: only 127.0.0.1 is scanned; every port listening before the run (any address) is
# excluded, so nothing is connected to but closed ports and nothing is sent (no banners).
set -euo pipefail

PAIRS="${PAIRS:-5}"
ROWS="${ROWS:-1000000}"
[[ "$PAIRS" =~ ^[1-9][0-9]?$ && "$ROWS" =~ ^[1-9][0-9]{0,7}$ ]] || { echo "PAIRS must be 1-99, ROWS 1-99999999" >&2; exit 2; }

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
fanout="$root/fanout"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/fanout-history-bench.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
die() { echo "history: $*" >&2; exit 1; }

# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"
bench_trees
exclude_listening
echo "== excluded (already listening): ${exclude:-none}" >&2

wall() { # wall seconds of "$@", its output discarded
  local t0 t1
  t0=$(date +%s%N)
  "$@" >/dev/null 2>"$tmp/last.err" || { tail -n 5 "$tmp/last.err" >&2; exit 1; }
  t1=$(date +%s%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", (b-a)/1e9}'
}
median() { stats "$1" | cut -d' ' -f1; } # lib.sh's median, with $1 decimals

: > "$tmp/rows"
for ((i = 1; i <= PAIRS; i++)); do
  for n in "${!trees[@]}"; do
    t="${trees[$n]}"
    scan=("$t/fanout" scan --hosts 127.0.0.1 --ports 1-65535 "${excl[@]}" --no-progress --format csv --output "$tmp/out.csv")
    for mode in without with; do
      if [[ $mode == without ]]; then run_timed run "${scan[@]}" --no-history
      else run_timed run "${scan[@]}" --db "$tmp/scan-$n.db"; fi
      echo "$n $mode $t_wall $(awk -v u="$t_user" -v s="$t_sys" 'BEGIN{printf "%.2f", u+s}')" >> "$tmp/rows"
    done
  done
  echo "   round $i of $PAIRS done" >&2
done
for n in "${!trees[@]}"; do
  t="${trees[$n]}"
  w0=$(awk -v n="$n" '$1==n && $2=="without" {print $3}' "$tmp/rows" | median 3)
  w1=$(awk -v n="$n" '$1==n && $2=="with" {print $3}' "$tmp/rows" | median 3)
  c0=$(awk -v n="$n" '$1==n && $2=="without" {print $4}' "$tmp/rows" | median 2)
  c1=$(awk -v n="$n" '$1==n && $2=="with" {print $4}' "$tmp/rows" | median 2)
  echo "$t: full-range scan without history ${w0}s (${c0} CPU-s), with ${w1}s (${c1} CPU-s) (medians of $PAIRS), ratio $(awk -v a="$w0" -v b="$w1" 'BEGIN{printf "%.2f", b/a}')x (goal <= 1.1x)"
  db="$tmp/scan-$n.db"
  echo "  database after $PAIRS runs: $(( $(stat -c %s "$db") + $(stat -c %s "$db-wal" 2>/dev/null || echo 0) )) bytes"
done

# 2. A million results: a synthetic scan file (256 hosts x ports), imported and read back.
awk -v n="$ROWS" 'BEGIN {
  print "\"host\",\"ip\",\"port\",\"service\",\"state\",\"latency_ms\",\"banner\",\"error\"";
  for (i = 0; i < n; i++) {
    h = "127." int(i / 16777216) % 256 "." int(i / 65536) % 256 "." int(i / 256) % 256; p = 1 + i % 65535;
    s = (i % 1000 == 0) ? "open" : "closed";
    printf "\"%s\",\"%s\",\"%d\",\"\",\"%s\",\"%.3f\",\"\",\"\"\n", h, h, p, s, (i % 997) / 10.0 }
}' > "$tmp/million.csv"
db="$tmp/million.db"
t=$(wall "$fanout" import "$tmp/million.csv" --db "$db")
run=$("$fanout" history --db "$db" --format json --limit 1 | sed 's/.*"id":\([0-9]*\).*/\1/')
bytes=$(( $(stat -c %s "$db") + $(stat -c %s "$db-wal" 2>/dev/null || echo 0) ))
echo "$ROWS-result run: import ${t}s, database $bytes bytes = $(awk -v b="$bytes" -v n="$ROWS" 'BEGIN{printf "%.1f", b/n}') bytes/result (CSV: $(awk -v b="$(stat -c %s "$tmp/million.csv")" -v n="$ROWS" 'BEGIN{printf "%.1f", b/n}') bytes/row)"
echo "  read back (history show $run --format csv): $(wall "$fanout" history show "$run" --db "$db" --format csv)s"
