#!/usr/bin/env bash
# Start-up, whole process: `./fanout --version` wall, a 16-port loopback scan's, and the desktop
# app's first frame (time from launching `./fanout` until its window is mapped and viewable on an
# Xvfb display).
#
#   bench/startup.sh                     # 10 --version runs, 10 16-port scans, 5 GUI runs
#   RUNS=20 GUI_RUNS=10 bench/startup.sh
#   GUI_CMD="java ... org.fanout.ui.main.FanoutApp" bench/startup.sh   # time another GUI command
#   CLI_CMD=target/jpackage/fanout/bin/fanout-cli GUI_RUNS=0 bench/startup.sh   # another command line
#
# The app's AOT cache is made from a record its first session writes when it ends normally (not
# when the timed runs kill it), by the next start in the background: up to two untimed sessions
# first, ended with Ctrl+Q through xdotool, so the timed runs see what every launch after a user's
# second one sees; where there was neither cache nor record yet, the first session's frame is
# reported too, as "first launch".
#
# Needs xvfb-run, xev and xprop (x11-utils), xdotool and GTK 3 for the GUI part:
#   apt-get install -y xvfb x11-utils xdotool libgtk-3-0
# If the app does not open a window (e.g. `./fanout` with no arguments is not the GUI yet), the
# GUI part reports that, with the command's first error line, and the script still succeeds.
# Nothing here touches the network.
set -euo pipefail

RUNS="${RUNS:-10}"
GUI_RUNS="${GUI_RUNS:-5}"
GUI_TIMEOUT="${GUI_TIMEOUT:-60}"   # seconds to wait for a window, per run
[[ "$RUNS" =~ ^[1-9][0-9]?$ && "$GUI_RUNS" =~ ^[0-9][0-9]?$ && "$GUI_TIMEOUT" =~ ^[1-9][0-9]{0,2}$ ]] \
  || { echo "RUNS 1-99, GUI_RUNS 0-99, GUI_TIMEOUT 1-999" >&2; exit 2; }

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
fanout="$root/fanout"
GUI_CMD="${GUI_CMD:-$fanout}"
CLI_CMD="${CLI_CMD:-$fanout}"   # the command line timed in 1 and 1b (the packaged bin/fanout-cli, say)
tmp="$(mktemp -d "${TMPDIR:-/tmp}/fanout-bench-startup.XXXXXX")"
cleanup() { rm -rf "$tmp"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
die() { echo "FAIL: $*" >&2; exit 1; }
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"
scratch_history
command -v /usr/bin/time >/dev/null || die "/usr/bin/time is required (apt-get install -y time)"

# ---------------------------------------------------------------------------------------------
# 1. --version, whole process. The first call builds if needed and creates the CDS archive.
echo "== warming: $CLI_CMD --version" >&2
"$CLI_CMD" --version > "$tmp/version.out"
: > "$tmp/version.rows"
for _ in $(seq "$RUNS"); do
  wait_quiet
  run_timed version "$CLI_CMD" --version
  echo "$t_wall $t_user $t_sys $t_rss $t_bg" >> "$tmp/version.rows"
done

# ---------------------------------------------------------------------------------------------
# 1b. A short scan, whole process: what a script that runs fanout many times pays per run. The 16
#     first ports of 127.0.0.1 less any listening (ss -Htln), so every connect is refused and
#     nothing is sent; recorded into the scratch history, as a user's scan records into theirs.
exclude="$(listening_ports)" || die "no scan without the list of listening ports"
excl=(); [[ -n "$exclude" ]] && excl=(--exclude-ports "$exclude")
short=("$CLI_CMD" scan --hosts 127.0.0.1 --ports 1-16 "${excl[@]}" --format csv --output "$tmp/short.csv" --no-progress)
"${short[@]}" 2> /dev/null || die "the short scan failed: ${short[*]}"
: > "$tmp/short.rows"
for _ in $(seq "$RUNS"); do
  wait_quiet
  run_timed short "${short[@]}"
  echo "$t_wall $t_user $t_sys $t_rss $t_bg" >> "$tmp/short.rows"
done

# ---------------------------------------------------------------------------------------------
# 2. GUI first frame. Inside one xvfb-run, a small driver starts the GUI command in the
#    background and waits, without polling, for X's MapNotify of a top-level window whose name
#    contains "Fanout" (no window manager: a window is viewable as soon as it is mapped); it prints
#    the elapsed seconds, then kills the GUI (its pid only) and waits for it. Xvfb's own start is
#    not timed. Until 2026-12-02 the driver polled every 10 ms with xwininfo, date and grep: some
#    500 processes a second on the two cores the app starts on, which doubled the frame it timed
#    (4.1 s against 2.05 s, 5 alternating launches; bench/RESULTS.md).
cat > "$tmp/first-frame.sh" <<'SH'
#!/usr/bin/env bash
# first-frame.sh TIMEOUT_S [--quit] CMD...: prints "frame SECONDS WINDOW", or "exit STATUS" /
# "timeout"; with --quit it then presses Ctrl+Q in the window and appends "quit STATUS" (or
# "quit killed" if the app has not ended 30 s later)
set -uo pipefail
limit=$1; shift
quit=no
[[ "${1:-}" == --quit ]] && { quit=yes; shift; }
# xev reports each window mapped on the root (SubstructureNotify), one line-buffered event at a
# time; the driver sleeps in read until one comes. It listens before the app starts (untimed).
coproc XEV { exec stdbuf -oL xev -root -event substructure 2>/dev/null; }
trap 'kill "$XEV_PID" 2>/dev/null' EXIT
sleep 0.3
t0=$EPOCHREALTIME
"$@" > gui.out 2> gui.err &
pid=$!
trap 'kill "$pid" "$XEV_PID" 2>/dev/null; wait "$pid" 2>/dev/null' EXIT
deadline=$(( ${t0%.*} + limit ))
while (( ${EPOCHREALTIME%.*} < deadline )); do
  IFS= read -r -t 1 line <&"${XEV[0]}"; got=$?
  if (( got > 128 )); then
    # no event this second: has the app ended without a window?
    if ! kill -0 "$pid" 2>/dev/null; then wait "$pid"; echo "exit $?"; exit 0; fi
    continue
  fi
  (( got == 0 )) || { echo "xev ended"; exit 0; }   # (not listening: no time to report)
  [[ $line == MapNotify* ]] || continue
  t1=$EPOCHREALTIME
  # "MapNotify event, serial N, synthetic NO, window 0xROOT," then "    event 0xROOT, window 0xID, override NO"
  IFS= read -r -t 5 detail <&"${XEV[0]}" || continue
  [[ $detail =~ window\ (0x[0-9a-f]+),\ override\ NO ]] || continue   # a popup or tooltip: not the window
  id=${BASH_REMATCH[1]}
  [[ $(xprop -id "$id" WM_NAME 2>/dev/null) == *Fanout* ]] || continue
  frame="frame $(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", b-a}') $id"
  if [[ $quit == yes ]]; then
    sleep 2   # let the window settle: the first frame is not the end of start-up work
    xdotool key --window "$id" ctrl+q 2>/dev/null
    for _ in $(seq 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then frame+=" quit killed"; else wait "$pid"; frame+=" quit $?"; fi
  fi
  echo "$frame"
  exit 0
done
echo timeout
SH
chmod +x "$tmp/first-frame.sh"

gui_note=""
: > "$tmp/gui.rows"
if (( GUI_RUNS > 0 )); then
  if ! command -v xvfb-run >/dev/null || ! command -v xev >/dev/null || ! command -v xprop >/dev/null; then
    gui_note="not measured: xvfb-run, xev and xprop are required (apt-get install -y xvfb x11-utils libgtk-3-0)"
  else
    read -r -a gui_cmd <<<"$GUI_CMD"
    if command -v xdotool >/dev/null; then
      # The app's AOT cache: the first session records, the next start creates the cache in the
      # background (the record is gone when it is done), the sessions after that map it. Untimed
      # sessions, ended with Ctrl+Q, until it is there, so the timed runs see what every launch
      # after a user's second one sees. (./fanout keeps it in target/, the packaged launcher in
      # the user's cache folder; for another command neither may exist.)
      # A cache counts only if newer than the build (the launcher would record afresh): the jars
      # for ./fanout, the launcher script for a packaged image.
      if [[ "$GUI_CMD" == "$fanout" ]]; then cache_glob="$root/target/fanout-gui" built=("$root"/target/fanout-*.jar)
      else cache_glob="${XDG_CACHE_HOME:-${HOME:-/nonexistent}/.cache}/fanout/app-*" built=("${gui_cmd[0]}"); fi
      cached() { local c; for c in $cache_glob.aot; do [[ -f "$c" && "$c" -nt "${built[0]}" ]] && return 0; done; return 1; }
      # a record waiting for its creator, or one being made into a cache (renamed *.creating)
      recorded() { local r; for r in $cache_glob.aotconf $cache_glob.aotconf.creating; do [[ -f "$r" ]] && return 0; done; return 1; }
      had_cache=no; cached && had_cache=yes
      for session in 1 2; do
        cached && break
        fresh=no; recorded || fresh=yes
        wait_quiet
        first=$(cd "$tmp" && xvfb-run -a -s '-screen 0 1280x800x24' ./first-frame.sh "$GUI_TIMEOUT" --quit "${gui_cmd[@]}" 2>/dev/null) \
          || first="xvfb-run failed"
        echo "   GUI session $session ended with Ctrl+Q (cache before: $had_cache, record before: $([[ $fresh == yes ]] && echo no || echo yes)): $first" >&2
        [[ $session == 1 && $had_cache == no && $fresh == yes && "$first" == frame\ *quit\ 0 ]] && first_launch=$(awk '{print $2}' <<<"$first")
        [[ "$first" == *quit\ 0 ]] || { gui_note="an untimed session did not end normally ($first); runs may lack the cache"; break; }
      done
      for _ in $(seq 1200); do recorded || break; sleep 0.1; done   # (a creation under way)
      cached || [[ "$GUI_CMD" != "$fanout" ]] || gui_note="no AOT cache after two untimed sessions: the runs start without"
    else
      gui_note="xdotool missing: no untimed sessions first, so the runs may have no AOT cache"
    fi
    for i in $(seq "$GUI_RUNS"); do
      wait_quiet
      result=$(cd "$tmp" && xvfb-run -a -s '-screen 0 1280x800x24' ./first-frame.sh "$GUI_TIMEOUT" "${gui_cmd[@]}" 2>/dev/null) \
        || result="xvfb-run failed"
      echo "   GUI run $i: $result" >&2
      case "$result" in
        frame\ *) awk '{print $2}' <<<"$result" >> "$tmp/gui.rows" ;;
        exit\ *)
          gui_note="no window: \`${GUI_CMD/#$root\//./}\` exited with status ${result#exit } before opening one"
          gui_note+=" (stderr: $(grep -m1 -v '^[[:space:]]*$' "$tmp/gui.err" 2>/dev/null || echo none))"
          break ;;
        *) gui_note="no window within ${GUI_TIMEOUT}s ($result)"; break ;;
      esac
    done
  fi
fi

# ---------------------------------------------------------------------------------------------
# 3. Report.
echo
echo "Start-up, whole process"
machine_facts
echo
printf '%-40s %8s %8s %8s\n' "" median min max
printf '%-40s %8s %8s %8s\n' "${CLI_CMD##*/} --version wall (s, $RUNS runs)" $(awk '{print $1}' "$tmp/version.rows" | stats)
printf '%-40s %8s %8s %8s\n' "  user+sys CPU (s)" $(awk '{print $2+$3}' "$tmp/version.rows" | stats 2)
printf '%-40s %8s %8s %8s\n' "  max RSS (MB)" $(awk '{print $4/1024}' "$tmp/version.rows" | stats 1)
printf '%-40s %8s %8s %8s\n' "  others' CPU meanwhile (s)" $(awk '{print $5}' "$tmp/version.rows" | stats 2)
printf '%-40s %8s %8s %8s\n' "16-port scan wall (s, $RUNS runs)" $(awk '{print $1}' "$tmp/short.rows" | stats)
printf '%-40s %8s %8s %8s\n' "  user+sys CPU (s)" $(awk '{print $2+$3}' "$tmp/short.rows" | stats 2)
if [[ -s "$tmp/gui.rows" ]]; then
  printf '%-40s %8s %8s %8s\n' "GUI first frame (s, $(wc -l < "$tmp/gui.rows") runs)" $(stats < "$tmp/gui.rows")
fi
[[ -n "${first_launch:-}" ]] && printf '%-40s %8s\n' "GUI first launch, no cache yet (s, 1)" "$first_launch"
[[ -n "$gui_note" ]] && echo "GUI first frame: $gui_note"
echo "(GUI: ${GUI_CMD/#$root\//./} under xvfb-run, 1280x800x24, no window manager; time from launch until a"
echo " window named *Fanout* is mapped and viewable)"
