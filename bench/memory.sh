#!/usr/bin/env bash
# Memory: peak RSS of a TCP connect scan streamed to CSV, as the target count grows:
# 127.0.0.0/18, /16, /14 (16,384 / 65,536 / 262,144 hosts) x one closed port.
#
#   bench/memory.sh                   # 3 rounds of the three sizes
#   ROUNDS=5 STRATEGY=virtual bench/memory.sh
#
# Safety: loopback only (the whole 127.0.0.0/8 answers locally; nothing leaves the machine).
# The port is one this script bound on 127.0.0.1 and released, below the ephemeral range (no
# loopback self-connects), and not listening on any address (ss) before every run, so every
# probe is refused by the kernel; a connect scan sends no data.
set -euo pipefail

ROUNDS="${ROUNDS:-3}"
STRATEGY="${STRATEGY:-auto}"
PREFIXES="${PREFIXES:-18 16 14}"
LIMIT_MB="${LIMIT_MB:-256}"
[[ "$ROUNDS" =~ ^[1-9][0-9]?$ && "$STRATEGY" =~ ^(auto|serial|pool|virtual|nio|process)$ ]] \
  || { echo "ROUNDS 1-99, STRATEGY auto|serial|pool|virtual|nio|process" >&2; exit 2; }
for p in $PREFIXES; do [[ "$p" =~ ^(1[4-9]|2[0-9]|3[0-2])$ ]] || { echo "prefix $p: 14-32 only" >&2; exit 2; }; done

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
fanout="$root/fanout"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/fanout-bench-mem.XXXXXX")"
cleanup() { rm -rf "$tmp"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
die() { echo "FAIL: $*" >&2; exit 1; }
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"
scratch_history
for tool in python3 ss /usr/bin/time; do command -v "$tool" >/dev/null || die "$tool is required"; done

echo "== warming: ./fanout --version" >&2
"$fanout" --version > "$tmp/version.out"

# ---------------------------------------------------------------------------------------------
# The closed port: bind on 127.0.0.1 in 1025..(ephemeral start - 1), release, verify refused.
port=$(closed_port) || die "could not find a closed port"
is_listening "$port" && die "port $port is listening somewhere"
echo "== closed port: $port (bound on 127.0.0.1 and released; refused)" >&2

# ---------------------------------------------------------------------------------------------
: > "$tmp/rows"
for r in $(seq "$ROUNDS"); do
  for p in $PREFIXES; do
    n=$(( 1 << (32 - p) ))
    is_listening "$port" && die "port $port started listening (another program); pick again"
    rm -f "$tmp/scan.csv"
    wait_quiet
    run_timed scan "$fanout" scan --hosts "127.0.0.0/$p" --ports "$port" --strategy "$STRATEGY" \
      --output "$tmp/scan.csv" --no-progress
    rows=$(awk 'END{print NR-1}' "$tmp/scan.csv")
    [[ "$rows" == "$n" ]] || die "/$p: $rows rows, want $n"
    summary=$(grep -E '^fanout: [0-9]+ ports in ' "$tmp/scan.err" | tail -n1) || die "no summary"
    inproc=$(sed -E 's/.* ports in ([0-9.]+) s.*/\1/' <<<"$summary")
    states=$(awk -F'","' 'NR>1{c[$5]++} END{for (s in c) printf "%s%s:%d", (k++ ? "," : ""), s, c[s]}' "$tmp/scan.csv")
    opened=$(awk -F'","' 'NR>1 && $5=="open"' "$tmp/scan.csv" | wc -l)
    (( opened == 0 )) || die "/$p: $opened targets open on port $port (a listener appeared?)"
    echo "$r $p $n $t_wall $inproc $t_user $t_sys $t_rss $t_bg $states" >> "$tmp/rows"
    echo "   round $r /$p ($n): ${t_wall}s, max RSS $((t_rss / 1024)) MB  ($summary)" >&2
  done
done

# ---------------------------------------------------------------------------------------------
# Diagnostics (not part of the target): where the RSS goes. One run of the largest size with a
# GC log (live set after each collection, bytes allocated per target), and one with a small
# heap cap (-Xmx$SMALL_HEAP_MB m) to show the scan does not need the memory it takes by default.
SMALL_HEAP_MB="${SMALL_HEAP_MB:-32}"
last=$(awk '{print $NF}' <<<"$PREFIXES"); n_last=$(( 1 << (32 - last) ))
wait_quiet
FANOUT_JAVA_OPTS="-Xlog:gc:file=$tmp/gc.log" run_timed gclog "$fanout" scan --hosts "127.0.0.0/$last" \
  --ports "$port" --strategy "$STRATEGY" --output "$tmp/scan.csv" --no-progress
gc_rss=$t_rss gc_wall=$t_wall gc_bg=$t_bg
# lines like: GC(3) Pause Young (Allocation Failure) 104M->3M(365M) 2.2ms
gc_stats=$(grep -oE '[0-9]+M->[0-9]+M\([0-9]+M\)' "$tmp/gc.log" | sed -E 's/([0-9]+)M->([0-9]+)M\(([0-9]+)M\)/\1 \2 \3/' | awk '
  {n++; alloc += $1 - prev; prev = $2; if ($2 > live) live = $2; heap = $3}
  END{printf "%d %d %d %d", n, live, heap, alloc}')
read -r gc_n gc_live gc_heap gc_alloc <<<"$gc_stats"
wait_quiet
rm -f "$tmp/scan.csv"
ALLOW_FAIL=1 FANOUT_JAVA_OPTS="-Xmx${SMALL_HEAP_MB}m" run_timed small "$fanout" scan --hosts "127.0.0.0/$last" \
  --ports "$port" --strategy "$STRATEGY" --output "$tmp/scan.csv" --no-progress
small_rows=$( [[ -f "$tmp/scan.csv" ]] && awk 'END{print NR-1}' "$tmp/scan.csv" || echo 0)
small_wall=$t_wall small_rss=$t_rss small_rc=$t_rc small_bg=$t_bg

echo
echo "Peak RSS of ./fanout scan --hosts 127.0.0.0/{$(echo $PREFIXES | tr ' ' ,)} --ports $port --strategy $STRATEGY --output F.csv"
echo "(one closed port; $ROUNDS rounds; every run wrote one row per target and found nothing open)"
machine_facts
echo
printf '%-5s %-4s %8s %8s %9s %7s %7s %8s %9s  %s\n' round net targets wall_s inproc_s user_s sys_s rss_MB others_s states
while read -r r p n w i u s m bg st; do
  printf '%-5s /%-3s %8s %8s %9s %7s %7s %8.1f %9s  %s\n' "$r" "$p" "$n" "$w" "$i" "$u" "$s" "$(awk -v k="$m" 'BEGIN{print k/1024}')" "$bg" "$st"
done < "$tmp/rows"
echo "(others_s: CPU everything else on the machine used during the run; ~0 = quiet)"
echo
printf '%-34s %9s %9s %9s\n' "" median min max
for p in $PREFIXES; do
  n=$(( 1 << (32 - p) ))
  printf '%-34s %9s %9s %9s\n' "/$p ($n targets) max RSS (MB)" $(awk -v p="$p" '$2==p{print $8/1024}' "$tmp/rows" | stats 1)
  printf '%-34s %9s %9s %9s\n' "  wall, whole process (s)" $(awk -v p="$p" '$2==p{print $4}' "$tmp/rows" | stats)
  printf '%-34s %9s %9s %9s\n' "  rate, whole process (targets/s)" $(awk -v p="$p" '$2==p{printf "%.0f\n", $3/$4}' "$tmp/rows" | stats 0)
  printf '%-34s %9s %9s %9s\n' "  rate, in-process (targets/s)" $(awk -v p="$p" '$2==p{printf "%.0f\n", $3/$5}' "$tmp/rows" | stats 0)
  printf '%-34s %9s %9s %9s\n' "  user+sys CPU (s)" $(awk -v p="$p" '$2==p{print $6+$7}' "$tmp/rows" | stats 2)
done
first=$(awk '{print $1}' <<<"$PREFIXES"); last=$(awk '{print $NF}' <<<"$PREFIXES")
read -r rss_first _ < <(awk -v p="$first" '$2==p{print $8/1024}' "$tmp/rows" | stats 1)
read -r rss_last _ < <(awk -v p="$last" '$2==p{print $8/1024}' "$tmp/rows" | stats 1)
read -r rss_max_all _ < <(awk -v p="$last" '$2==p{print $8/1024}' "$tmp/rows" | sort -g | tail -n1 | stats 1)
echo
echo "ratio max RSS /$last over /$first (medians): $(awk -v a="$rss_last" -v b="$rss_first" 'BEGIN{printf "%.2f", a/b}') for $(( 1 << (first - last) ))x the targets"
echo "target: peak RSS <= $LIMIT_MB MB at /$last -> worst run $rss_max_all MB: $(awk -v m="$rss_max_all" -v l="$LIMIT_MB" 'BEGIN{print (m<=l) ? "MET" : "NOT MET"}')"
echo
echo "diagnostics, /$last:"
echo "  GC log run: wall ${gc_wall}s (others ${gc_bg} CPU-s), max RSS $((gc_rss / 1024)) MB; $gc_n young collections; heap committed ${gc_heap} MB;"
echo "    largest live set after a collection ${gc_live} MB; ~${gc_alloc} MB allocated in all"\
  "= $(awk -v a="$gc_alloc" -v n="$n_last" 'BEGIN{printf "%.1f", a*1048576/n/1024}') kB per target (until the last collection)"
echo "  with -Xmx${SMALL_HEAP_MB}m: exit status $small_rc, $small_rows rows, wall ${small_wall}s (others ${small_bg} CPU-s), max RSS $((small_rss / 1024)) MB"
