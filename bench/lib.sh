# Shared helpers for the bench/ scripts (sourced, not run). Expects `die` to be defined by the
# caller, and $tmp to be set for the functions that write files (run_timed, start_http_lab, ...).

# The TCP ports listening on any local address now, one a line (none if none). ss's local column
# is addr:port, [v6]:port or *:port: the port is after the last colon. Fails when ss cannot tell:
# a scan must never reach a port something else opened, so no list is no scan.
listening_port_lines() {
  local listed
  listed=$(ss -Htln) || { echo "cannot list the listening ports: ss -Htln failed (apt-get install -y iproute2)" >&2; return 1; }
  awk '{print $4}' <<< "$listed" | sed 's/.*://' | { grep -E '^[0-9]+$' || true; } | sort -nu
}

# is_listening PORT: whether something listens on PORT now; dies (the caller's die) when ss cannot tell.
is_listening() {
  local lines
  lines=$(listening_port_lines) || die "cannot list the listening ports"
  grep -qxF "$1" <<< "$lines"
}

# The same, comma-separated (empty if none).
listening_ports() {
  local lines
  lines=$(listening_port_lines) || return 1
  paste -sd, - <<< "$lines" | sed 's/^,*$//'
}

# Busy CPU seconds of the whole machine so far (/proc/stat, every state but idle and iowait).
machine_busy() { awk '/^cpu /{print ($2+$3+$4+$7+$8+$9)/100; exit}' /proc/stat; }

# CPU seconds (user+sys) a live process has used so far, from /proc/PID/stat; 0 if it is gone.
proc_cpu() {
  local tck; tck=$(getconf CLK_TCK)
  awk -v t="$tck" '{ sub(/^.*\) /, ""); print ($12 + $13) / t }' "/proc/$1/stat" 2>/dev/null || echo 0
}

# run_timed NAME CMD...: whole-process wall (date, ns) and user/sys/max RSS (GNU time) of CMD.
# Sets t_wall t_user t_sys t_rss (kB) and t_bg (CPU-s the rest of the machine used meanwhile,
# minus $watch_pid's CPU if set: tick accounting, approximate). Sets t_watch to $watch_pid's CPU.
# stdout -> $tmp/NAME.out, stderr -> $tmp/NAME.err. Dies if CMD fails, unless ALLOW_FAIL is set
# (then t_rc holds its exit status).
watch_pid=""
run_timed() {
  local name="$1"; shift
  local t0 t1 b0 b1 w0=0 w1=0
  [[ -n "$watch_pid" ]] && w0=$(proc_cpu "$watch_pid")
  b0=$(machine_busy)
  t0=$(date +%s%N)
  t_rc=0
  /usr/bin/time -f '%U %S %M' -o "$tmp/$name.time" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err" || t_rc=$?
  if (( t_rc != 0 )) && [[ -z "${ALLOW_FAIL:-}" ]]; then
    tail -n 20 "$tmp/$name.err" >&2; die "$name exited with status $t_rc"
  fi
  t1=$(date +%s%N)
  b1=$(machine_busy)
  [[ -n "$watch_pid" ]] && w1=$(proc_cpu "$watch_pid")
  t_wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", (b-a)/1e9}')
  read -r t_user t_sys t_rss < <(tail -n1 "$tmp/$name.time")
  t_watch=$(awk -v a="$w0" -v b="$w1" 'BEGIN{printf "%.2f", b-a}')
  t_bg=$(awk -v a="$b0" -v b="$b1" -v u="$t_user" -v s="$t_sys" -v w="$t_watch" \
    'BEGIN{x=b-a-u-s-w; printf "%.2f", (x<0)?0:x}')
}

# Wait, at most QUIET_WAIT seconds, until the machine used under QUIET_CPU CPU-s in the last
# half second (other sessions share it); then measure anyway and say so.
QUIET_WAIT="${QUIET_WAIT:-60}"
QUIET_CPU="${QUIET_CPU:-0.15}"
wait_quiet() {
  local i a b
  for i in $(seq $((QUIET_WAIT * 2))); do
    a=$(machine_busy); sleep 0.5; b=$(machine_busy)
    awk -v a="$a" -v b="$b" -v q="$QUIET_CPU" 'BEGIN{exit !(b-a < q)}' && return 0
  done
  echo "   (machine still busy after ${QUIET_WAIT}s, measuring anyway)" >&2
}

# stats [DECIMALS]: numbers on stdin -> "median min max" (3 decimals unless told)
# bench_trees: sets trees to this checkout and, with BASE_DIR, the checkout built beside to compare
# against; builds each where needed (./fanout --version), outside any timing.
bench_trees() {
  trees=("$root")
  if [[ -n "${BASE_DIR:-}" ]]; then
    [[ -x "$BASE_DIR/fanout" ]] || die "BASE_DIR has no ./fanout"
    trees+=("$BASE_DIR")
  fi
  local t
  for t in "${trees[@]}"; do "$t/fanout" --version >&2; done
}

# exclude_listening: sets exclude (the ports listening now, comma-separated) and excl (the scan
# options that leave them out), so a full-range scan touches nothing it did not open.
exclude_listening() {
  exclude="$(listening_ports)" || die "no scan without the list of listening ports"
  excl=()
  [[ -n "$exclude" ]] && excl=(--exclude-ports "$exclude")
  return 0
}

stats() {
  sort -g | awk -v d="${1:-3}" '{v[NR]=$1} END{
    if (NR==0) {print "- - -"; exit}
    m = (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2
    f = "%." d "f %." d "f %." d "f\n"
    printf f, m, v[1], v[NR]}'
}

# Machine facts, one per line, for the report.
machine_facts() {
  echo "cpu: $(nproc) x $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)"
  echo "memory: $(awk '/^MemTotal/{printf "%.1f GB", $2/1048576}' /proc/meminfo), swap $(awk '/^SwapTotal/{printf "%.1f GB", $2/1048576}' /proc/meminfo)"
  echo "kernel: $(uname -r), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "java: $(sed -n 's/^Fanout [^ ]* (\(.*\))$/\1/p' "$tmp/version.out" 2>/dev/null || echo '?'), fanout commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')"
}

# closed_port: prints a TCP port of 127.0.0.1 below the ephemeral range that nobody listens on:
# bound by us and released, then checked to refuse a connect (no data is ever sent).
closed_port() {
  python3 - "$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range)" <<'PY'
import random, socket, sys
hi = int(sys.argv[1]) - 1
for _ in range(200):                      # bounded attempts
    p = random.randint(1025, hi)
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", p))
    except OSError:
        continue
    finally:
        s.close()
    c = socket.socket(); c.settimeout(1)
    try:
        c.connect(("127.0.0.1", p))       # nobody can be listening: we just held it
        sys.exit(f"port {p} accepted a connection")
    except ConnectionRefusedError:
        print(p); break
    finally:
        c.close()
else:
    sys.exit("no free port found")
PY
}

# The lab for the HTTP benchmarks: HTTP only, on an OS-chosen port of 127.0.0.1, every reply 200
# after LATENCY_MS, stopping by itself after LAB_FOR seconds. `./fanout` execs java, so lab_pid is
# the server's JVM (its CPU is read from /proc). Sets lab_pid and base (http://127.0.0.1:PORT).
start_http_lab() {
  "$fanout" lab --tcp 0 --http-port 0 --latency "${LATENCY_MS}ms" --status-mix 200:1 --for "${LAB_FOR}s" \
    > "$tmp/lab.out" 2> "$tmp/lab.err" &
  lab_pid=$!
  base=""
  for _ in $(seq 100); do   # bounded: 20 s
    # the URL the lab printed for itself (it binds loopback only)
    base=$(sed -n 's/^.*HTTP lab server at \([a-z]*:\/\/[0-9.]*:[0-9]*\).*$/\1/p' "$tmp/lab.out" | head -n1)
    [[ -n "$base" ]] && break
    kill -0 "$lab_pid" 2>/dev/null || { cat "$tmp/lab.err" >&2; die "lab exited"; }
    sleep 0.2
  done
  [[ -n "$base" ]] || die "lab did not print its URL"
  [[ "$(cat "/proc/$lab_pid/comm")" == java ]] || die "lab pid $lab_pid is not the JVM"
}

# Stops the lab start_http_lab started (by its pid only), if it still runs.
stop_lab() {
  if [[ -n "${lab_pid:-}" ]] && kill -0 "$lab_pid" 2>/dev/null; then
    kill "$lab_pid" 2>/dev/null || true
    wait "$lab_pid" 2>/dev/null || true
  fi
}

# Runs of Fanout record into a scratch history in $tmp, as a user's runs record into theirs, but
# never into the user's own: every run would grow it, and its size would drift into the figures.
scratch_history() { export FANOUT_DB="$tmp/history.db"; }
