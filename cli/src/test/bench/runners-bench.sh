#!/usr/bin/env bash
# The runner benchmark of README "Runners": one forecast of a CSV with the tiny float32 fixture per
# runner option, printing wall seconds (from JVM start), peak RSS and the summary's series line.
#   runners-bench.sh INPUT.csv [default|direct|flink ...]   (default: all three)
# TIMERS1 names the launcher (default ./timers1); TIMEOUT stops a run after that many seconds.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)"
input=$1; shift
runs=("$@"); [ ${#runs[@]} -eq 0 ] && runs=(default direct flink)
launcher=${TIMERS1:-$root/timers1}
out=$(mktemp -d)
echo "# $(lscpu | grep "Model name" | sed "s/  */ /g"); $(uptime)"
for run in "${runs[@]}"; do
  runner=(); [ "$run" != default ] && runner=(--runner "$run")
  start=$(date +%s.%N)
  /usr/bin/time -v -o "$out/time" timeout "${TIMEOUT:-3600}" $launcher forecast --input "$input" --horizon 8 \
    --model "$root/model/src/test/resources/timer-s1/tiny-f32" --output "$out/f.duckdb" --failures "$out/failures.csv" \
    "${runner[@]}" > "$out/log" 2>&1
  rc=$?
  wall=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN {printf "%.1f", e - s}')
  rss=$(awk '/Maximum resident/ {printf "%.2f GB", $6 / 1048576}' "$out/time")
  echo "$run: rc=$rc wall_s=$wall peak_rss=$rss | $(grep -h '^timers1: runner\|^series:\|^wall time' "$out/log" | paste -sd'|') | load $(cut -d' ' -f1-3 /proc/loadavg)"
  rm -f "$out/f.duckdb"
done
rm -rf "$out"
