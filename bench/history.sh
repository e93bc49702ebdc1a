#!/usr/bin/env bash
# History overhead (not part of CI; prints its numbers, nothing is asserted):
#  1. the full-range loopback scan (127.0.0.1, ports 1-65535 less those already listening) with and
#     without history, in alternating pairs: median wall of each and their ratio (goal <= 1.1x);
#  2. a 1,000,000-result run: a synthetic scan CSV of 1M rows imported into a fresh database:
#     import time, database bytes per result, and the time to read the run back (history show).
#
#   bench/history.sh                 5 pairs
#   PAIRS=9 ROWS=2000000 bench/history.sh
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

"$fanout" --version >&2    # builds if needed, outside any timing

# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"
exclude="$(listening_ports)" || { echo "no scan without the list of listening ports" >&2; exit 1; }
echo "== excluded (already listening): ${exclude:-none}" >&2
excl=(); [[ -n "$exclude" ]] && excl=(--exclude-ports "$exclude")

wall() { # wall seconds of "$@", its output discarded
  local t0 t1
  t0=$(date +%s%N)
  "$@" >/dev/null 2>"$tmp/last.err" || { tail -n 5 "$tmp/last.err" >&2; exit 1; }
  t1=$(date +%s%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", (b-a)/1e9}'
}
median() { sort -n | awk '{a[NR]=$1} END{print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

scan=("$fanout" scan --hosts 127.0.0.1 --ports 1-65535 "${excl[@]}" --no-progress --format csv)
: > "$tmp/without"; : > "$tmp/with"
for ((i = 1; i <= PAIRS; i++)); do
  a=$(wall "${scan[@]}" --output "$tmp/a.csv" --no-history)
  b=$(wall "${scan[@]}" --output "$tmp/b.csv" --db "$tmp/scan.db")
  echo "pair $i: without ${a}s, with ${b}s" >&2
  echo "$a" >> "$tmp/without"; echo "$b" >> "$tmp/with"
done
m0=$(median < "$tmp/without"); m1=$(median < "$tmp/with")
echo "full-range scan: without history ${m0}s, with ${m1}s (medians of $PAIRS), ratio $(awk -v a="$m0" -v b="$m1" 'BEGIN{printf "%.2f", b/a}')x (goal <= 1.1x)"
echo "  results per run: $(($(wc -l < "$tmp/b.csv") - 1)); database after $PAIRS runs: $(stat -c %s "$tmp/scan.db") bytes"

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
