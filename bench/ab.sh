#!/usr/bin/env bash
# One Fanout command, this checkout against another (BASE_DIR), run alternately: what a change
# bought, measured side by side in the same minutes. Per tree: median wall, user+sys CPU, and the
# medians' ratio (this / base). With LAB=http the command gets the HTTP lab of the peer bench
# (every reply 200 after LATENCY_MS): @LAB@ in the arguments becomes its URL.
#
#   git worktree add /tmp/base <commit> && BASE_DIR=/tmp/base PAIRS=20 bench/ab.sh scan --hosts 127.0.0.1 --ports 9 --no-history
#   BASE_DIR=/tmp/base LAB=http PAIRS=6 bench/ab.sh http --pattern '@LAB@/{a-z}{a-z}{a-z}' --threads 1000 --output @TMP@/out.csv
#
# @TMP@ in the arguments becomes this script's scratch folder; runs record into a scratch history.
# Safety: the arguments are the caller's: give only loopback targets, and run it inside
# `unshare -n sh -c 'ip link set lo up && ...'`. The lab binds 127.0.0.1 and stops on exit.
set -euo pipefail

PAIRS="${PAIRS:-10}"
LAB="${LAB:-}"
LATENCY_MS="${LATENCY_MS:-100}"
LAB_FOR="${LAB_FOR:-3600}"
[[ "$PAIRS" =~ ^[1-9][0-9]?$ ]] || { echo "PAIRS 1-99" >&2; exit 2; }
[[ -z "$LAB" || "$LAB" == http ]] || { echo "LAB is http or empty" >&2; exit 2; }
[[ $# -gt 0 ]] || { echo "usage: BASE_DIR=DIR bench/ab.sh FANOUT-ARGS..." >&2; exit 2; }

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
fanout="$root/fanout"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/fanout-bench-ab.XXXXXX")"
lab_pid=""
die() { echo "FAIL: $*" >&2; exit 1; }
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"
cleanup() { stop_lab; rm -rf "$tmp"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
[[ -n "${BASE_DIR:-}" ]] || die "BASE_DIR must name the other checkout"
bench_trees   # builds both, outside any timing
"$fanout" --version > "$tmp/version.out"
scratch_history

base=""
[[ "$LAB" == http ]] && start_http_lab
args=()
for a in "$@"; do a="${a//@TMP@/$tmp}"; args+=("${a//@LAB@/$base}"); done
for t in "${trees[@]}"; do "$t/fanout" "${args[@]}" > /dev/null 2>&1 || die "$t/fanout ${args[*]} failed"; done # warm

: > "$tmp/rows"
for p in $(seq "$PAIRS"); do
  order=(0 1); (( p % 2 == 0 )) && order=(1 0)   # each tree goes first in half the pairs
  for i in "${order[@]}"; do
    wait_quiet
    run_timed "tree$i" "${trees[$i]}/fanout" "${args[@]}"
    echo "$i $t_wall $t_user $t_sys" >> "$tmp/rows"
  done
done

echo "fanout ${args[*]}"
echo "$PAIRS alternating pairs; this: $root ($(git -C "$root" rev-parse --short HEAD)), base: $BASE_DIR ($(git -C "$BASE_DIR" rev-parse --short HEAD 2>/dev/null || echo '?'))"
machine_facts
printf '%-22s %8s %8s %8s\n' "" median min max
for i in 0 1; do
  name=$([[ $i == 0 ]] && echo this || echo base)
  printf '%-22s %8s %8s %8s\n' "$name wall (s)" $(awk -v k="$i" '$1==k{print $2}' "$tmp/rows" | stats)
  printf '%-22s %8s %8s %8s\n' "  user+sys CPU (s)" $(awk -v k="$i" '$1==k{print $3+$4}' "$tmp/rows" | stats 2)
done
med() { awk -v k="$1" -v c="$2" '$1==k{print (c=="wall") ? $2 : $3+$4}' "$tmp/rows" | stats | awk '{print $1}'; }
awk -v a="$(med 0 wall)" -v b="$(med 1 wall)" -v c="$(med 0 cpu)" -v d="$(med 1 cpu)" \
  'BEGIN{printf "ratio this/base: wall %.3f, CPU %.3f\n", a/b, c/d}'
