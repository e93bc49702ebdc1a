#!/usr/bin/env bash
# The seeds' HTTP job against what a user would pick instead: 17,576 HEAD checks
# ({a-z}{a-z}{a-z}) of the lab HTTP server (fixed latency, every reply 200), concurrency 1000:
# Fanout (whole process, `auto`) vs a Go net/http client (bench/peers/go-http: a goroutine per
# URL bounded by a semaphore, how httpx works) vs Python asyncio + aiohttp
# (bench/peers/aiohttp_client.py), run alternately in one invocation. Per tool: wall, user+sys
# CPU, peak RSS; per pair (Fanout/Go, Fanout/aiohttp): the ratios of each, per round and median.
#
#   bench/http-vs-peers.sh                      # 5 rounds
#   ROUNDS=9 STRATEGY=virtual bench/http-vs-peers.sh
#   PEERS="go" bench/http-vs-peers.sh           # only the Go peer
#
# Needs: Go >= 1.19 (apt-get install -y golang-go; the peer is built into bench/out/, no modules
# fetched), aiohttp for /usr/bin/python3 (apt-get install -y python3-aiohttp), GNU time.
#
# Safety: the only server contacted is the lab this script starts on 127.0.0.1 (its own port);
# both peers refuse any non-loopback URL. The lab is stopped on exit (and stops by itself after
# LAB_FOR seconds in any case).
set -euo pipefail

ROUNDS="${ROUNDS:-5}"
STRATEGY="${STRATEGY:-auto}"
PEERS="${PEERS:-go aiohttp}"
THREADS="${THREADS:-1000}"
LATENCY_MS="${LATENCY_MS:-100}"
TIMEOUT="${TIMEOUT:-5}"                   # seconds, every client
LAB_FOR="${LAB_FOR:-3600}"
URLS=17576
[[ "$ROUNDS" =~ ^[1-9][0-9]?$ && "$THREADS" =~ ^[1-9][0-9]{0,4}$ && "$LATENCY_MS" =~ ^[0-9]{1,5}$ \
   && "$TIMEOUT" =~ ^[1-9][0-9]?$ ]] \
  || { echo "ROUNDS 1-99, THREADS 1-99999, LATENCY_MS 0-99999, TIMEOUT 1-99" >&2; exit 2; }
[[ "$STRATEGY" =~ ^(auto|serial|pool|virtual|nio|process)$ ]] || { echo "unknown strategy $STRATEGY" >&2; exit 2; }
for p in $PEERS; do [[ "$p" =~ ^(go|aiohttp)$ ]] || { echo "unknown peer $p (go, aiohttp)" >&2; exit 2; }; done

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
fanout="$root/fanout"
gopeer="$root/bench/out/go-http"
pypeer="$root/bench/peers/aiohttp_client.py"
python=/usr/bin/python3   # Debian's, which has python3-aiohttp (a pyenv python may shadow it on PATH)
tmp="$(mktemp -d "${TMPDIR:-/tmp}/fanout-bench-peers.XXXXXX")"
lab_pid=""

cleanup() { stop_lab; rm -rf "$tmp"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
die() { echo "FAIL: $*" >&2; exit 1; }
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"
scratch_history

command -v /usr/bin/time >/dev/null || die "/usr/bin/time is required (apt-get install -y time)"
if [[ " $PEERS " == *" go "* ]]; then
  command -v go >/dev/null || die "go is required (apt-get install -y golang-go)"
  echo "== building the Go peer into bench/out/" >&2
  mkdir -p "$root/bench/out"
  (cd "$root/bench/peers/go-http" && GOFLAGS=-mod=mod GOPROXY=off go build -o "$gopeer" .) || die "go build failed"
fi
if [[ " $PEERS " == *" aiohttp "* ]]; then
  "$python" -c 'import aiohttp' 2>/dev/null || die "aiohttp is required for $python (apt-get install -y python3-aiohttp)"
fi

# ---------------------------------------------------------------------------------------------
# 1. Build and warm outside any timing.
echo "== warming: ./fanout --version" >&2
"$fanout" --version > "$tmp/version.out"

# 2. The lab: HTTP only on an OS-chosen port of 127.0.0.1. `./fanout` execs java, so $! is the
#    server's JVM, whose CPU we read from /proc.
start_http_lab   # sets lab_pid and base
echo "== lab at $base (pid $lab_pid), latency ${LATENCY_MS} ms, all 200" >&2
watch_pid=$lab_pid
pattern="$base/{a-z}{a-z}{a-z}"
"$fanout" http "$base/aaa" --timeout "${TIMEOUT}s" > /dev/null   # warm the server's JIT a bit

# ---------------------------------------------------------------------------------------------
# 3. Rounds: every tool once per round, the order rotated each round so drifts hit all alike.
# check_csv NAME FILE: exactly $URLS data rows, all status 200, all distinct URLs.
check_csv() {
  local rows ok uniq
  rows=$(awk 'END{print NR-1}' "$2")
  ok=$(awk -F'","' 'NR>1 && $2=="200"' "$2" | wc -l)
  uniq=$(awk -F'","' 'NR>1{print $1}' "$2" | sort -u | wc -l)
  [[ "$rows" == "$URLS" && "$ok" == "$URLS" && "$uniq" == "$URLS" ]] \
    || { head -n 3 "$2" >&2; die "$1: $rows rows, $ok with status 200, $uniq distinct URLs (want $URLS each)"; }
}

run_tool() { # ROUND TOOL
  rm -f "$tmp/out.csv"
  wait_quiet
  case "$2" in
    fanout) run_timed fanout "$fanout" http --pattern "$pattern" --threads "$THREADS" --timeout "${TIMEOUT}s" \
              --strategy "$STRATEGY" --output "$tmp/out.csv" --no-progress ;;
    go) run_timed go "$gopeer" -pattern "$pattern" -c "$THREADS" -timeout "${TIMEOUT}s" -o "$tmp/out.csv" ;;
    aiohttp) run_timed aiohttp "$python" "$pypeer" --pattern "$pattern" --concurrency "$THREADS" \
               --timeout "$TIMEOUT" --output "$tmp/out.csv" ;;
  esac
  check_csv "$2 (round $1)" "$tmp/out.csv"
  echo "$1 $2 $t_wall $t_user $t_sys $t_rss $t_watch $t_bg" >> "$tmp/rows"
  echo "   round $1 $2: wall ${t_wall}s cpu $(awk -v u="$t_user" -v s="$t_sys" 'BEGIN{print u+s}')s" \
       "rss $((t_rss / 1024)) MB, server ${t_watch} CPU-s, others ${t_bg}  ($(tail -n1 "$tmp/$2.err"))" >&2
}

tools=(fanout $PEERS)
: > "$tmp/rows"
for r in $(seq "$ROUNDS"); do
  n=${#tools[@]}
  for k in $(seq 0 $((n - 1))); do run_tool "$r" "${tools[$(( (k + r - 1) % n ))]}"; done
done

# ---------------------------------------------------------------------------------------------
# 4. Report.
echo
echo "HTTP HEAD checks of $URLS URLs ($base/{a-z}{a-z}{a-z}), lab latency ${LATENCY_MS} ms, all 200"
echo "concurrency $THREADS, timeout ${TIMEOUT}s, $ROUNDS rounds, order rotated each round; every run: $URLS rows, all 200, all distinct"
echo "fanout: ./fanout http --strategy $STRATEGY --threads $THREADS; go: bench/out/go-http (net/http, $(go version 2>/dev/null | awk '{print $3}'))"
echo "aiohttp: $python bench/peers/aiohttp_client.py (aiohttp $("$python" -c 'import aiohttp; print(aiohttp.__version__)' 2>/dev/null || echo -))"
machine_facts
echo
printf '%-5s %-8s %8s %7s %7s %7s %9s %8s\n' round tool wall_s user_s sys_s rss_MB srv_cpu_s others_s
while read -r r c w u s m sv bg; do
  printf '%-5s %-8s %8s %7s %7s %7.0f %9s %8s\n' "$r" "$c" "$w" "$u" "$s" "$(awk -v k="$m" 'BEGIN{print k/1024}')" "$sv" "$bg"
done < "$tmp/rows"
echo "(srv_cpu_s: CPU the lab server used during the run; others_s: CPU everything else on the machine"
echo " used meanwhile, ~0 = quiet)"
echo
printf '%-40s %8s %8s %8s\n' "" median min max
for t in "${tools[@]}"; do
  printf '%-40s %8s %8s %8s\n' "$t wall (s)"         $(awk -v k="$t" '$2==k{print $3}' "$tmp/rows" | stats)
  printf '%-40s %8s %8s %8s\n' "  user+sys CPU (s)"  $(awk -v k="$t" '$2==k{print $4+$5}' "$tmp/rows" | stats 2)
  printf '%-40s %8s %8s %8s\n' "  peak RSS (MB)"     $(awk -v k="$t" '$2==k{print $6/1024}' "$tmp/rows" | stats 1)
done
# ratio COLUMN-EXPR PEER: fanout's figure / the peer's, per round
ratios() {
  awk -v p="$2" -v e="$1" '
    function v() { return e == "wall" ? $3 : e == "cpu" ? $4 + $5 : $6 }
    $2=="fanout"{f[$1]=v()} $2==p{q[$1]=v()} END{for (r in f) if (r in q && q[r] > 0) print f[r]/q[r]}' "$tmp/rows"
}
declare -A goal=([go.wall]=1.0 [go.cpu]=1.5 [go.rss]=2.0 [aiohttp.wall]=1.0)
echo
for p in $PEERS; do
  for e in wall cpu rss; do
    read -r med lo hi < <(ratios "$e" "$p" | stats)
    g=${goal[$p.$e]:-}
    verdict=""
    [[ -n "$g" ]] && verdict="goal <= $g: $(awk -v r="$med" -v g="$g" 'BEGIN{print (r<=g) ? "MET" : "NOT MET"}')"
    printf '%-40s %8s %8s %8s   %s\n' "ratio fanout/$p, $e (same round)" "$med" "$lo" "$hi" "$verdict"
  done
done
awk -v n="$(nproc)" '{w[$2]+=$3; sv[$2]+=$7; bg[$2]+=$8} END{for (t in w)
  printf "during %s runs: lab server used %.0f%% of one core, others %.0f%% of one core\n", t, 100*sv[t]/w[t], 100*bg[t]/w[t]}' "$tmp/rows" | sort
