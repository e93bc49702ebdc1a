#!/usr/bin/env bash
# Smoke test of the packaged app: builds the app image (mvn -Ppackage) unless given one, then runs
# its launcher with no JDK reachable (env -i PATH=/usr/bin:/bin, no JAVA_HOME):
#   --version                      answers, on the bundled Java 25 runtime
#   scan of loopback ports         3 listeners this script opens + 1 port it closed again, per
#                                  strategy (nio, virtual, process: worker JVMs from the image);
#                                  the CSV must list exactly those ports, open/closed as expected;
#                                  process workers must be JVMs of the image's own runtime
#   bad input                      exit status 2 and one error: line
#   no arguments                   the GUI path: a window under Xvfb when the GUI is built in (three
#                                  sessions: the third starts from the AOT cache the first two made),
#                                  else the launcher must at least have asked for `gui`
#   the .deb (as root with dpkg)   dpkg -i; /usr/bin/fanout is the CLI launcher with ./fanout's CLI
#                                  JVM options, answers --version and scans the same ports; dpkg --purge
# Loopback only: the scan touches nothing but 127.0.0.1 ports this script opened or just freed,
# and sends no data (no --banner).
#
#   packaging/smoke-test.sh                     build with mvn -Ppackage -DskipTests package, then test
#   packaging/smoke-test.sh path/to/app-image   test an image already built (its bin/fanout)
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ $# -ge 1 ]]; then
  image="$1"
else
  echo "smoke: building the app image (mvn -Ppackage -DskipTests package)"
  mvn -B -q -Dstyle.color=never -Ppackage -DskipTests package
  image=target/jpackage/fanout
fi
launcher="$(cd "$image" && pwd)/bin/fanout"
[[ -x "$launcher" ]] || { echo "smoke: FAIL no launcher at $launcher" >&2; exit 1; }
echo "smoke: app image $image: $(du -sh "$image" | cut -f1)"

work="$(mktemp -d)"
pids=()
cleanup() {
  local p
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

fail() { echo "smoke: FAIL $*" >&2; exit 1; }
# The packaged launcher with a bare environment: no JAVA_HOME, no JDK on PATH.
# The JVM takes its home from the user database, not $HOME: XDG_DATA_HOME keeps the history these
# runs record in $work instead of the account's own.
bare() { env -i PATH=/usr/bin:/bin HOME="$work" XDG_DATA_HOME="$work/data" LANG=C.UTF-8 "$launcher" "$@"; }

# 1. --version on the runtime inside the image (the machine's own java, if any, is not 25 here).
version="$(bare --version)"
echo "smoke: --version: $version"
[[ "$version" =~ ^Fanout\ [0-9]+\.[0-9]+.*\(Java\ 25 ]] || fail "--version said: $version"

# 1b. The CLI launcher (Linux: a script of Package.java's) answers too, and maps its class-data
# archive: picocli's classes come from it, not from their jar (JAVA_TOOL_OPTIONS reaches any JVM).
# `scan --version`: picocli answers it (`--version` alone is answered before picocli is loaded).
cli="$(dirname "$launcher")/fanout-cli"
if [[ -f "$(dirname "$launcher")/../lib/app/fanout-cli.jsa" ]]; then
  cli_loads_from_archive() { # LAUNCHER: scan --version with class loading logged to $work/classes.txt
    rm -f "$work/classes.txt"
    env -i PATH=/usr/bin:/bin HOME="$work" LANG=C.UTF-8 JAVA_TOOL_OPTIONS="-Xlog:class+load=info:file=$work/classes.txt" \
      "$1" scan --version >/dev/null 2>&1 || fail "$1 scan --version exited $?"
    grep -q 'picocli.CommandLine source: shared objects file' "$work/classes.txt"
  }
  cli_loads_from_archive "$cli" || fail "$cli does not use its class-data archive: $(grep 'picocli.CommandLine ' "$work/classes.txt")"
  echo "smoke: CLI launcher: scan --version from its class-data archive"
fi

# 1c. The app's launcher runs its JVM with the options ./fanout gives the app (its gui_flags, and
# G1): the JVM's own final flags, not the text of a file, and for a system property the arguments
# the JVM logs it was given.
read -r -a app_flags <<<"$(sed -n 's/^gui_flags=(\(.*\))$/\1/p' fanout)"
[[ ${#app_flags[@]} -gt 0 ]] || fail "cannot read gui_flags from ./fanout"
env -i PATH=/usr/bin:/bin HOME="$work" LANG=C.UTF-8 JAVA_TOOL_OPTIONS="-XX:+PrintFlagsFinal -Xlog:arguments=info" \
  "$launcher" --version >"$work/flags.txt" 2>&1 || fail "$launcher --version with PrintFlagsFinal exited $?"
for flag in "${app_flags[@]}" -XX:+UseG1GC; do
  case "$flag" in
    -XX:+*) name="${flag#-XX:+}" value=true ;;
    -XX:*=*) name="${flag#-XX:}" value="${name#*=}" name="${name%%=*}" ;;
    -D*)
      grep -F '[arguments] jvm_args:' "$work/flags.txt" | grep -qF -- " $flag " \
        || fail "the app launcher's JVM lacks ./fanout's app option $flag: $(grep -F 'jvm_args:' "$work/flags.txt")"
      continue ;;
    *) continue ;;
  esac
  awk -v n="$name" -v v="$value" '$2 == n && $4 == v { found = 1 } END { exit !found }' "$work/flags.txt" \
    || fail "the app launcher's JVM lacks ./fanout's app option $flag: $(grep -w -- "$name" "$work/flags.txt")"
done
echo "smoke: app launcher: ./fanout's app options (${#app_flags[@]} + G1) in its JVM"

# 2. Listeners on loopback that this script owns, and one port that was free a moment ago.
python3 -u - >"$work/ports" <<'EOF' &
import socket, time
held = []
for _ in range(3):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    s.listen(16)
    held.append(s)
gone = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
gone.bind(("127.0.0.1", 0))
closed = gone.getsockname()[1]
gone.close()  # bound, never listened, closed: connecting now gets a reset
print(" ".join(str(s.getsockname()[1]) for s in held), closed, flush=True)
time.sleep(300)
EOF
pids+=($!)
for _ in $(seq 50); do [[ -s "$work/ports" ]] && break; sleep 0.1; done
read -r -a ports <"$work/ports" || fail "the listeners did not start"
open_ports=("${ports[@]:0:3}")
closed_port="${ports[3]}"
echo "smoke: listening on 127.0.0.1:${open_ports[*]}; closed: $closed_port"
expected="$(printf '%s open\n' "${open_ports[@]}"; echo "$closed_port closed")"
expected="$(sort -n <<<"$expected")"

touch "$work/before-scans"
for strategy in nio virtual process; do
  csv="$work/scan-$strategy.csv"
  bare scan --hosts 127.0.0.1 --ports "$(IFS=,; echo "${ports[*]}")" --strategy "$strategy" --workers 2 \
    --timeout 2s --output "$csv" --format csv 2>"$work/scan-$strategy.err" \
    || fail "scan --strategy $strategy exited $?: $(cat "$work/scan-$strategy.err")"
  header="$(head -n1 "$csv" | tr -d '\r')"  # RFC 4180 lines end in CRLF
  want='"host","ip","port","service","state","latency_ms","banner","error","tls_version","cert_subject","cert_issuer","cert_sans","cert_not_after","cert_days_left","cert_trusted","name"'
  [[ "$header" == "$want" ]] || fail "$strategy: CSV header: $header"
  got="$(python3 -c '
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
bad = [r for r in rows if r["host"] != "127.0.0.1" or r["ip"] != "127.0.0.1"]
if bad: sys.exit("not loopback: %r" % bad)
for r in sorted(rows, key=lambda r: int(r["port"])): print(r["port"], r["state"])
' "$csv")" || fail "$strategy: $got"
  [[ "$got" == "$expected" ]] || fail "$strategy: CSV says
$got
expected
$expected"
  echo "smoke: scan --strategy $strategy: CSV lists exactly ${open_ports[*]} open and $closed_port closed ($(tail -n1 "$work/scan-$strategy.err"))"
done

# Each scan was recorded in the history (SQLite), with the image's own copy of SQLite's native
# library: sqlite-jdbc copies it into java.io.tmpdir (/tmp) only when that copy is not found.
[[ -f "$work/data/fanout/history.db" ]] || fail "no history database in \$XDG_DATA_HOME/fanout"
runs="$(bare history --format csv 2>"$work/history.err" | tail -n +2 | wc -l)"
[[ "$runs" -eq 3 ]] || fail "history lists $runs runs after 3 scans: $(cat "$work/history.err")"
copies="$(find /tmp -maxdepth 1 -name 'sqlite-*libsqlitejdbc.so' -newer "$work/before-scans" 2>/dev/null | wc -l)"
[[ "$copies" -eq 0 ]] || fail "SQLite's native library was copied into /tmp $copies times: the image's copy was not used"
echo "smoke: history recorded the $runs scans, with the image's SQLite library (no copy in /tmp)"

# The process strategy's workers must be JVMs of the image's runtime (not the launcher, which
# would take their JVM options for CLI arguments). A paced scan keeps them alive long enough to look.
bare scan --hosts 127.0.0.1 --ports "$(IFS=,; echo "${ports[*]}")" --strategy process --workers 2 --rate 2/s \
  --output "$work/paced.csv" --format csv 2>/dev/null &
scan=$!
workers=""
# Looked for while the scan runs (up to 30 s): on a loaded machine its JVMs take seconds to start.
for _ in $(seq 300); do
  workers="$(ps -eo args= | grep -F "$(cd "$image" && pwd)/" | grep ProcessWorker || true)"
  [[ -n "$workers" ]] && break
  kill -0 "$scan" 2>/dev/null || break
  sleep 0.1
done
wait "$scan" || fail "paced process scan exited $?"
runtime_java="$(cd "$image" && pwd)/lib/runtime/bin/java"
[[ -n "$workers" ]] || fail "process strategy: no worker processes seen"
if grep -qv "^$runtime_java " <<<"$workers"; then fail "process strategy: workers not started with $runtime_java: $workers"; fi
echo "smoke: process strategy: $(wc -l <<<"$workers") worker JVMs from the image's runtime/bin/java"

# 3. A user's mistake: status 2, one error: line.
set +e
bare scan --hosts 127.0.0.1 --ports 70000 >/dev/null 2>"$work/bad.err"
status=$?
set -e
[[ $status == 2 && "$(wc -l <"$work/bad.err")" == 1 ]] && grep -q '^error:' "$work/bad.err" \
  || fail "bad port: status $status, stderr: $(cat "$work/bad.err")"
echo "smoke: bad input: status 2, $(cat "$work/bad.err")"

# 4. No arguments: the GUI. The window needs the ui package (another branch until merged) and a display.
mainjar="$(ls "$image"/lib/app/fanout-*.jar 2>/dev/null | head -n1)"
if [[ -n "$mainjar" ]] && python3 -c 'import sys, zipfile; sys.exit(0 if any(n.startswith("org/fanout/ui/") for n in zipfile.ZipFile(sys.argv[1]).namelist()) else 1)' "$mainjar"; then
  if command -v xvfb-run >/dev/null && command -v xwininfo >/dev/null; then
    # A session under Xvfb with a bare environment, until its window is viewable (no window
    # manager: as soon as it is mapped), then ended with SIGTERM, the JVM's normal exit.
    # xvfb-run sets DISPLAY and XAUTHORITY (without it the X server refuses); env -i drops the rest.
    # JAVA_TOOL_OPTIONS logs where each class came from.
    gui_session() { # N: prints nothing; fails unless the window showed and the app ended
      rm -f "$work/shown"
      timeout 120 xvfb-run -a sh -c '
        env -i PATH=/usr/bin:/bin HOME="$1" LANG=C.UTF-8 DISPLAY="$DISPLAY" XAUTHORITY="$XAUTHORITY" \
          JAVA_TOOL_OPTIONS="-Xlog:class+load=info:file=$1/gui-classes-$3.txt" "$2" & app=$!
        for _ in $(seq 1000); do
          kill -0 $app 2>/dev/null || break
          for id in $(xwininfo -root -tree 2>/dev/null | grep -i fanout | grep -oE "0x[0-9a-f]+"); do
            xwininfo -id "$id" 2>/dev/null | grep -q IsViewable && : > "$1/shown"
          done
          [ -e "$1/shown" ] && { sleep 1; kill -TERM $app; break; }
          sleep 0.1
        done
        wait $app' sh "$work" "$launcher" "$1" 2>"$work/gui.err" >/dev/null || true
      [[ -e "$work/shown" ]] || fail "GUI session $1: no window within 100 s: $(head -c 2000 "$work/gui.err")"
      ! grep -q '^error:\|Exception in' "$work/gui.err" || fail "GUI: $(head -c 2000 "$work/gui.err")"
    }
    app_class_source() { sed -n 's/.* org\.fanout\.ui\.main\.FanoutApp source: //p' "$work/gui-classes-$1.txt"; }
    gui_session 1
    echo "smoke: no arguments: the GUI's window showed under Xvfb without an error"
    # The app's AOT cache, in the user's cache folder: the first session records what it loads
    # (written when it ends), the second start creates the cache in the background, the third maps it.
    records=("$work"/.cache/fanout/app-*.aotconf)
    [[ -f "${records[0]}" && -f "${records[0]%.aotconf}.shown" ]] \
      || fail "no record and mark in \$HOME/.cache/fanout after a session: $(ls -la "$work/.cache/fanout" 2>&1)"
    gui_session 2
    cache="${records[0]%.aotconf}.aot"
    for _ in $(seq 1200); do [[ -f "$cache" && ! -e "${records[0]}" ]] && break; sleep 0.1; done
    [[ -f "$cache" ]] || fail "no AOT cache 120 s after the second session: $(ls -la "$work/.cache/fanout" 2>&1)"
    gui_session 3
    [[ "$(app_class_source 3)" == "shared objects file" ]] \
      || fail "the third GUI session did not start from the app's AOT cache: FanoutApp from $(app_class_source 3)"
    echo "smoke: the GUI's third session starts from the app's AOT cache (${cache##*/}, made by the second)"
  else
    echo "smoke: no arguments: GUI present but no xvfb-run or xwininfo here; not started (apt-get install xvfb x11-utils)"
  fi
else
  set +e
  bare >/dev/null 2>"$work/gui.err"
  status=$?
  set -e
  grep -q "'gui'" "$work/gui.err" || fail "no arguments did not take the gui path: $(cat "$work/gui.err")"
  echo "smoke: no arguments: asks for the gui command (status $status; this build has no GUI yet: $(cat "$work/gui.err"))"
fi

# 5. The .deb, where it can be installed (as root with dpkg: CI): `fanout` on PATH as /usr/bin/fanout,
# started with the JVM options ./fanout gives the CLI, answers --version and scans loopback; then
# it is purged again, and /usr/bin/fanout with it.
deb="$(ls "$(dirname "$image")"/fanout_*.deb 2>/dev/null | head -n1 || true)"
if [[ -z "$deb" ]]; then
  echo "smoke: .deb: none built next to $image (no dpkg-deb or fakeroot); not installed"
elif [[ $(id -u) != 0 ]] || ! command -v dpkg >/dev/null; then
  echo "smoke: .deb: $deb built; installing it needs root and dpkg (CI runs as root)"
elif [[ -e /usr/bin/fanout ]] && ! dpkg -s fanout >/dev/null 2>&1; then
  fail ".deb: /usr/bin/fanout exists and is not the fanout package's: not overwriting it"
else
  # dpkg -i does not fetch dependencies: name the missing ones (.ci/run installs them)
  missing=()
  IFS=',' read -r -a depends <<<"$(dpkg-deb -f "$deb" Depends)"
  for alternatives in "${depends[@]}"; do
    found=""
    IFS='|' read -r -a names <<<"$alternatives"
    for name in "${names[@]}"; do
      name="${name%%(*}"; name="${name// /}"
      dpkg -s "$name" >/dev/null 2>&1 && found=1
    done
    [[ -n "$found" ]] || missing+=("${alternatives// /}")
  done
  ((${#missing[@]} == 0)) || fail ".deb: dependencies not installed: ${missing[*]} (apt-get install them)"
  remove_deb() { dpkg --purge fanout >"$work/dpkg-r.log" 2>&1; }
  trap 'remove_deb || true; cleanup' EXIT  # also after a failed or half-done install
  dpkg -i "$deb" >"$work/dpkg-i.log" 2>&1 || fail "dpkg -i $deb: $(tail -n 20 "$work/dpkg-i.log")"
  [[ "$(readlink /usr/bin/fanout)" == /opt/fanout/bin/fanout-cli ]] \
    || fail ".deb: /usr/bin/fanout is not the CLI launcher: $(ls -l /usr/bin/fanout 2>&1)"
  # the packaged CLI launcher's JVM options include every one ./fanout gives the CLI
  cfg=/opt/fanout/lib/app/fanout-cli.cfg
  [[ -f "$cfg" ]] || fail ".deb: no $cfg"
  read -r -a script_flags <<<"$(sed -n 's/^cli_flags=(\(.*\)$/\1/p' fanout)"
  [[ ${#script_flags[@]} -gt 0 ]] || fail "cannot read cli_flags from ./fanout"
  for flag in "${script_flags[@]}"; do
    grep -qF -- "java-options=$flag" "$cfg" || fail ".deb: $cfg lacks ./fanout's CLI option $flag"
    # on Linux the launcher is a script written from the .cfg: the options it runs with
    if [[ "$(head -c 2 /opt/fanout/bin/fanout-cli)" == '#!' ]]; then
      grep -qF -- "\"$flag" /opt/fanout/bin/fanout-cli || fail ".deb: the CLI launcher script lacks ./fanout's CLI option $flag"
    fi
  done
  if [[ -f /opt/fanout/lib/app/fanout-cli.jsa ]]; then
    cli_loads_from_archive /usr/bin/fanout || fail ".deb: /usr/bin/fanout does not use its class-data archive (moved jars?)"
  fi
  deb_fanout() { env -i PATH=/usr/bin:/bin HOME="$work" XDG_DATA_HOME="$work/data" LANG=C.UTF-8 fanout "$@"; }
  version="$(deb_fanout --version)" || fail ".deb: /usr/bin/fanout --version exited $?"
  [[ "$version" =~ ^Fanout\ [0-9]+\.[0-9]+.*\(Java\ 25 ]] || fail ".deb: --version said: $version"
  deb_fanout scan --hosts 127.0.0.1 --ports "$(IFS=,; echo "${ports[*]}")" --strategy nio --workers 2 \
    --timeout 2s --output "$work/deb.csv" --format csv 2>"$work/deb.err" \
    || fail ".deb: scan exited $?: $(cat "$work/deb.err")"
  got="$(python3 -c '
import csv, sys
for r in sorted(csv.DictReader(open(sys.argv[1], newline="")), key=lambda r: int(r["port"])): print(r["port"], r["state"])
' "$work/deb.csv")"
  [[ "$got" == "$expected" ]] || fail ".deb: scan CSV says
$got
expected
$expected"
  remove_deb || fail "dpkg --purge fanout: $(tail -n 20 "$work/dpkg-r.log")"
  trap cleanup EXIT
  [[ ! -e /usr/bin/fanout && ! -e /opt/fanout ]] || fail ".deb: left behind after dpkg --purge: $(ls -ld /usr/bin/fanout /opt/fanout 2>&1)"
  echo "smoke: .deb: installed, /usr/bin/fanout -> fanout-cli with ./fanout's CLI options ($version), scanned loopback, removed"
fi

echo "smoke: OK"
