#!/usr/bin/env bash
# Writes a long CSV (unique_id,ds,y) of SERIES daily series of POINTS points each, sorted by id,
# for the runner benchmarks in README "Runners": series-csv.sh SERIES POINTS > file.csv
set -euo pipefail
series=$1 points=$2
dates=$(for ((d = 0; d < points; d++)); do date -u -d "2020-01-01 +$d day" +%F; done | paste -sd,)
awk -v n="$series" -v dates="$dates" 'BEGIN {
  p = split(dates, ds, ",")
  print "unique_id,ds,y"
  srand(7)
  for (s = 0; s < n; s++) {
    level = 10 + (s % 97); amp = 1 + (s % 7)
    for (t = 1; t <= p; t++) {
      printf "s%07d,%s,%.3f\n", s, ds[t], level + amp * sin(6.2831853 * t / 7) + rand()
    }
  }
}'
