#!/usr/bin/env bash
# The seeds' HTTP job at lab scale: 17,576 URLs ({a-z}{a-z}{a-z}) against the lab HTTP server
# (fixed latency, every reply 200), 1000 threads: Fanout (whole process; auto, virtual, pool, nio)
# vs bench/seed_client.py (ThreadPoolExecutor(1000) + http.client, HEAD), alternating rounds.
#
#   bench/http-vs-python.sh                  # 3 rounds
#   ROUNDS=5 STRATEGIES="auto virtual" bench/http-vs-python.sh
#
# Safety: the only server contacted is the lab this script starts on 127.0.0.1 (its own port);
# both clients refuse anything but that URL. The lab is stopped on exit (and stops by itself
# after LAB_FOR seconds in any case).
set -euo pipefail

ROUNDS="${ROUNDS:-3}"
STRATEGIES="${STRATEGIES:-auto virtual pool nio}"
THREADS="${THREADS:-1000}"
LATENCY_MS="${LATENCY_MS:-100}"
TIMEOUT="${TIMEOUT:-5}"                   # seconds, both clients
STARTUP_RUNS="${STARTUP_RUNS:-5}"
LAB_FOR="${LAB_FOR:-3600}"
URLS=17576
[[ "$ROUNDS" =~ ^[1-9][0-9]?$ && "$STARTUP_RUNS" =~ ^[1-9][0-9]?$ && "$THREADS" =~ ^[1-9][0-9]{0,4}$ \
   && "$LATENCY_MS" =~ ^[0-9]{1,5}$ && "$TIMEOUT" =~ ^[1-9][0-9]?$ ]] \
  || { echo "ROUNDS/STARTUP_RUNS 1-99, THREADS 1-99999, LATENCY_MS 0-99999, TIMEOUT 1-99" >&2; exit 2; }
for s in $STRATEGIES; do
  [[ "$s" =~ ^(auto|serial|pool|virtual|nio|process)$ ]] || { echo "unknown strategy $s" >&2; exit 2; }
done

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
fanout="$root/fanout"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/fanout-bench-http.XXXXXX")"
lab_pid=""

cleanup() { stop_lab; rm -rf "$tmp"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
die() { echo "FAIL: $*" >&2; exit 1; }
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"
scratch_history

for tool in python3 /usr/bin/time getconf; do command -v "$tool" >/dev/null || die "$tool is required"; done

# ---------------------------------------------------------------------------------------------
# 1. Build outside any timing; start-up baseline = whole-process wall of `fanout --version`.
echo "== warming: ./fanout --version" >&2
"$fanout" --version >&2
: > "$tmp/startup"
for _ in $(seq "$STARTUP_RUNS"); do
  wait_quiet
  run_timed version "$fanout" --version
  echo "$t_wall" >> "$tmp/startup"
done
read -r startup _ < <(stats < "$tmp/startup")

# ---------------------------------------------------------------------------------------------
# 2. The lab: HTTP only on an OS-chosen port of 127.0.0.1. `./fanout` execs java, so $! is the
#    server's JVM, whose CPU we read from /proc.
start_http_lab   # sets lab_pid and base
echo "== lab at $base (pid $lab_pid), latency ${LATENCY_MS} ms, all 200" >&2
watch_pid=$lab_pid

# HTTP start-up: one URL, whole process (start-up plus the first request's set-up).
"$fanout" http "$base/aaa" --timeout "${TIMEOUT}s" > /dev/null   # warm the server's JIT a bit
: > "$tmp/one"
for _ in $(seq "$STARTUP_RUNS"); do
  wait_quiet
  run_timed one "$fanout" http "$base/aaa" --timeout "${TIMEOUT}s" --output "$tmp/one.csv"
  echo "$t_wall" >> "$tmp/one"
done

# ---------------------------------------------------------------------------------------------
# 3. Rounds. Each round runs every Fanout strategy and the Python client once; the order flips
#    every round (Fanout first, then Python first) so drifts hit both.
# check_csv NAME FILE: exactly $URLS data rows, all status 200, all distinct URLs.
check_csv() {
  local rows ok uniq
  rows=$(awk 'END{print NR-1}' "$2")
  ok=$(awk -F'","' 'NR>1 && $2=="200"' "$2" | wc -l)
  uniq=$(awk -F'","' 'NR>1{print $1}' "$2" | sort -u | wc -l)
  [[ "$rows" == "$URLS" && "$ok" == "$URLS" && "$uniq" == "$URLS" ]] \
    || { head -n 3 "$2" >&2; die "$1: $rows rows, $ok with status 200, $uniq distinct URLs (want $URLS each)"; }
}
# median client-side latency (ms) of a CSV, column 3
lat_median() { awk -F'","' 'NR>1{print $3}' "$1" | stats | cut -d' ' -f1; }

run_fanout() { # ROUND STRATEGY
  rm -f "$tmp/f.csv"
  wait_quiet
  run_timed "fanout-$2" "$fanout" http --pattern "$base/{a-z}{a-z}{a-z}" --threads "$THREADS" \
    --timeout "${TIMEOUT}s" --strategy "$2" --output "$tmp/f.csv" --no-progress
  check_csv "fanout $2 (round $1)" "$tmp/f.csv"
  local summary inproc picked
  summary=$(grep -E '^fanout: [0-9]+ URLs in ' "$tmp/fanout-$2.err" | tail -n1) || die "no fanout summary"
  inproc=$(sed -E 's/.* URLs in ([0-9.]+) s.*/\1/' <<<"$summary")
  picked=$(sed -E 's/.*\), ([a-z]+) x [0-9]+:.*/\1/' <<<"$summary")
  echo "$1 fanout-$2 $t_wall $inproc $t_user $t_sys $t_rss $t_watch $t_bg $(lat_median "$tmp/f.csv") $picked" >> "$tmp/rows"
  echo "   round $1 fanout $2: ${t_wall}s  ($summary)  server ${t_watch} CPU-s, others ${t_bg}" >&2
}
run_python() { # ROUND
  rm -f "$tmp/p.csv"
  wait_quiet
  run_timed python python3 "$root/bench/seed_client.py" "$base" "$tmp/p.csv" --threads "$THREADS" --timeout "$TIMEOUT"
  check_csv "python (round $1)" "$tmp/p.csv"
  local inproc
  inproc=$(grep -oE 'URLs in [0-9.]+ s' "$tmp/python.err" | grep -oE '[0-9.]+ s' | cut -d' ' -f1)
  echo "$1 python $t_wall $inproc $t_user $t_sys $t_rss $t_watch $t_bg $(lat_median "$tmp/p.csv") python" >> "$tmp/rows"
  echo "   round $1 python: ${t_wall}s  server ${t_watch} CPU-s, others ${t_bg}" >&2
}

: > "$tmp/rows"
for r in $(seq "$ROUNDS"); do
  if (( r % 2 )); then
    for s in $STRATEGIES; do run_fanout "$r" "$s"; done
    run_python "$r"
  else
    run_python "$r"
    for s in $STRATEGIES; do run_fanout "$r" "$s"; done
  fi
done

# ---------------------------------------------------------------------------------------------
# 4. Report.
ncpu=$(nproc)
"$fanout" --version > "$tmp/version.out"
ideal=$(awk -v n="$URLS" -v l="$LATENCY_MS" -v t="$THREADS" -v s="$startup" 'BEGIN{printf "%.3f", n*l/1000/t + s}')
pick() { awk -v k="$1" -v c="$2" '$2==k{print $c}' "$tmp/rows"; }
echo
echo "HTTP health check of $URLS URLs ($base/{a-z}{a-z}{a-z}, HEAD), lab latency ${LATENCY_MS} ms, all 200"
echo "$THREADS threads, timeout ${TIMEOUT}s, $ROUNDS rounds; every run: $URLS rows, all 200, all distinct"
machine_facts
echo
printf '%-5s %-15s %8s %8s %7s %7s %7s %8s %8s %8s\n' round client wall_s inproc_s user_s sys_s rss_MB srv_cpu_s others_s lat_ms
while read -r r c w i u s m sv bg lat _; do
  printf '%-5s %-15s %8s %8s %7s %7s %7.0f %8s %8s %8s\n' "$r" "$c" "$w" "$i" "$u" "$s" "$(awk -v k="$m" 'BEGIN{print k/1024}')" "$sv" "$bg" "$lat"
done < "$tmp/rows"
echo "(srv_cpu_s: CPU the lab server used during the run; others_s: CPU everything else on the machine"
echo " used meanwhile, ~0 = quiet; lat_ms: median latency each client measured per URL)"
echo
printf '%-40s %8s %8s %8s\n' "" median min max
printf '%-40s %8s %8s %8s\n' "fanout --version wall (start-up, s)" $(stats < "$tmp/startup")
printf '%-40s %8s %8s %8s\n' "fanout http, 1 URL, wall (s)" $(stats < "$tmp/one")
printf '%-40s %8s %8s %8s\n' "python wall (s)" $(pick python 3 | stats)
for s in $STRATEGIES; do
  picked=$(pick "fanout-$s" 11 | sort -u | paste -sd/)
  label="fanout $s"; [[ "$s" == auto ]] && label="fanout auto (= $picked)"
  printf '%-40s %8s %8s %8s\n' "$label wall (s)" $(pick "fanout-$s" 3 | stats)
  printf '%-40s %8s %8s %8s\n' "  in-process (s)" $(pick "fanout-$s" 4 | stats)
  printf '%-40s %8s %8s %8s\n' "  user+sys CPU (s)" $(awk -v k="fanout-$s" '$2==k{print $5+$6}' "$tmp/rows" | stats)
  printf '%-40s %8s %8s %8s\n' "  lab server CPU during run (s)" $(pick "fanout-$s" 8 | stats)
  # ratio per round: this strategy's wall / python's wall in the same round
  awk -v k="fanout-$s" '$2==k{f[$1]=$3} $2=="python"{p[$1]=$3} END{for (r in f) print f[r]/p[r]}' "$tmp/rows" > "$tmp/ratio-$s"
  printf '%-40s %8s %8s %8s\n' "  ratio fanout/python (same round)" $(stats < "$tmp/ratio-$s")
  pick "fanout-$s" 3 | awk -v i="$ideal" '{print $1/i}' > "$tmp/ideal-$s"
  printf '%-40s %8s %8s %8s\n' "  ratio fanout/ideal" $(stats < "$tmp/ideal-$s")
done
printf '%-40s %8s %8s %8s\n' "python user+sys CPU (s)" $(awk '$2=="python"{print $5+$6}' "$tmp/rows" | stats)
printf '%-40s %8s %8s %8s\n' "  lab server CPU during run (s)" $(pick python 8 | stats)
echo
echo "ideal = $URLS x ${LATENCY_MS} ms / $THREADS threads + start-up ${startup} s = ${ideal} s"
# Headline: the default (auto) if measured, else the first strategy listed.
head_s=auto; grep -qw auto <<<"$STRATEGIES" || head_s=$(awk '{print $1}' <<<"$STRATEGIES")
read -r r_py _ < <(stats < "$tmp/ratio-$head_s")
read -r r_id _ < <(stats < "$tmp/ideal-$head_s")
echo "target: fanout ($head_s) <= 0.3 x python -> median $r_py: $(awk -v r="$r_py" 'BEGIN{print (r<=0.3) ? "MET" : "NOT MET"}')"
echo "target: fanout ($head_s) <= 1.3 x ideal  -> median $r_id: $(awk -v r="$r_id" 'BEGIN{print (r<=1.3) ? "MET" : "NOT MET"}')"
# Is the lab server the bottleneck? It runs on virtual threads (carriers = cores): compare its
# CPU rate with the cores, and the whole machine's load, during the headline runs.
awk -v k="fanout-$head_s" -v n="$ncpu" '$2==k{w+=$3; sv+=$8; c+=$5+$6; bg+=$9} END{
  printf "during fanout %s runs: lab server used %.0f%% of one core, fanout %.0f%%, others %.0f%%; machine %.0f%% busy of %d cores\n",
    k, 100*sv/w, 100*c/w, 100*bg/w, 100*(sv+c+bg)/(w*n), n}' "$tmp/rows"
awk -v n="$ncpu" '$2=="python"{w+=$3; sv+=$8; c+=$5+$6; bg+=$9} END{
  printf "during python runs: lab server used %.0f%% of one core, python %.0f%%, others %.0f%%; machine %.0f%% busy of %d cores\n",
    100*sv/w, 100*c/w, 100*bg/w, 100*(sv+c+bg)/(w*n), n}' "$tmp/rows"
