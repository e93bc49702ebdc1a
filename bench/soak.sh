#!/usr/bin/env bash
# Soak: scan the loopback lab repeatedly in one JVM for a while (default 10 minutes) and show
# threads, open files and heap staying flat. Not part of CI.  Usage: bench/soak.sh [PT10M]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/fanout" --version >/dev/null              # builds if needed
java="$(cat "$root/target/.java-path")"
cp="$(ls "$root"/target/fanout-*.jar | head -n1):$(ls "$root"/target/lib/*.jar | paste -sd:)"
exec "$java" -cp "$cp" "$root/bench/Soak.java" "${1:-PT10M}"
