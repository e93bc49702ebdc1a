#!/usr/bin/env bash
# Start-up of the command line, whole process through ./fanout: its static CDS archive
# (target/fanout.jsa, the default) vs a JDK 25 AOT cache (JEP 483/514/515; target/fanout.aot,
# FANOUT_CLASS_CACHE=aot), both trained by `fanout selftest`. hyperfine times `--version` and a
# small scan (127.0.0.0/24 x one closed port: 256 refused connects) with each; if the packaged
# CLI launcher exists (target/jpackage/fanout/bin/fanout-cli, `mvn -Ppackage package`; /usr/bin/fanout
# of the .deb), its --version too.
#
#   bench/startup-aot.sh                 # 20 runs per command after 3 warm-ups
#   RUNS=40 bench/startup-aot.sh
#
# Needs hyperfine (apt-get install -y hyperfine), python3, ss. Safety: the scan targets one port
# this script bound on 127.0.0.1 and released (checked refused, not listening), so every connect
# is refused by the local kernel; the self-tests that train the caches use their own loopback lab.
set -euo pipefail

RUNS="${RUNS:-20}"
WARMUP="${WARMUP:-3}"
[[ "$RUNS" =~ ^[1-9][0-9]{0,2}$ && "$WARMUP" =~ ^[0-9]{1,2}$ ]] || { echo "RUNS 1-999, WARMUP 0-99" >&2; exit 2; }

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
fanout="$root/fanout"
packaged="$root/target/jpackage/fanout/bin/fanout-cli"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/fanout-bench-aot.XXXXXX")"
cleanup() { rm -rf "$tmp"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
die() { echo "FAIL: $*" >&2; exit 1; }
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"
scratch_history
for tool in hyperfine python3 ss; do command -v "$tool" >/dev/null || die "$tool is required"; done

# 1. Build, and create both caches outside any timing (each is trained on its first use).
echo "== warming: ./fanout --version (CDS archive), FANOUT_CLASS_CACHE=aot ./fanout --version (AOT cache)" >&2
"$fanout" --version > "$tmp/version.out"
FANOUT_CLASS_CACHE=aot "$fanout" --version > /dev/null
[[ -f "$root/target/fanout.jsa" && -f "$root/target/fanout.aot" ]] || die "a cache was not created"

port=$(closed_port) || die "could not find a closed port"
is_listening "$port" && die "port $port is listening somewhere"
scan=(scan --hosts 127.0.0.0/24 --ports "$port" --output "$tmp/scan.csv" --no-progress)

# 2. hyperfine, no shell in between; `env` sets the cache for both alike.
bench() { # NAME CMD-ARGS...
  local name=$1; shift
  wait_quiet
  hyperfine -N --style basic --warmup "$WARMUP" --runs "$RUNS" --export-json "$tmp/$name.json" \
    -n "$name cds" "env FANOUT_CLASS_CACHE=cds $fanout $*" \
    -n "$name aot" "env FANOUT_CLASS_CACHE=aot $fanout $*" >&2
}
bench version --version
bench scan "${scan[*]}"
if [[ -x "$packaged" ]]; then
  wait_quiet
  hyperfine -N --style basic --warmup "$WARMUP" --runs "$RUNS" --export-json "$tmp/packaged.json" \
    -n "packaged --version" "$packaged --version" >&2
fi
awk 'NR>1 {n++; s += ($5 == "open")} END {exit !(n == 256 && s == 0)}' FS='","' "$tmp/scan.csv" \
  || die "the scan did not write 256 rows, none open"

# 3. Report: median wall and mean user+sys CPU per command.
echo
echo "Start-up, whole process through ./fanout: static CDS archive vs JDK 25 AOT cache ($RUNS runs each, hyperfine)"
machine_facts
echo "archives: fanout.jsa $(du -k "$root/target/fanout.jsa" | cut -f1) kB, fanout.aot $(du -k "$root/target/fanout.aot" | cut -f1) kB"
echo "scan: ./fanout ${scan[*]/#$tmp\//}"
echo
printf '%-22s %9s %9s %9s %12s\n' command median_s min_s max_s user+sys_s
for f in "$tmp"/version.json "$tmp"/scan.json "$tmp"/packaged.json; do
  [[ -f "$f" ]] || continue
  python3 - "$f" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(f'{r["command"]:<22} {r["median"]:9.3f} {r["min"]:9.3f} {r["max"]:9.3f} {r["user"] + r["system"]:12.3f}')
PY
done
for name in version scan; do
  python3 - "$tmp/$name.json" "$name" <<'PY'
import json, sys
res = {r["command"].split()[-1]: r for r in json.load(open(sys.argv[1]))["results"]}
print(f'{sys.argv[2]}: aot/cds median wall {res["aot"]["median"] / res["cds"]["median"]:.3f}, '
      f'user+sys {(res["aot"]["user"] + res["aot"]["system"]) / (res["cds"]["user"] + res["cds"]["system"]):.3f}')
PY
done
echo "goal (issue 14): --version <= 0.15 s, ./fanout and the packaged launcher"
