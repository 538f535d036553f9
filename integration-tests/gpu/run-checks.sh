#!/usr/bin/env bash
# Runs inside a carry bundle (made by bundle.sh): builds DJL's JNI against the given libtorch, points
# DJL at it, then (a) the golden fixtures on DEVICE in each precision, (b) the release-slice bench,
# (c) PIPELINE_SERIES series through TimerForecast on the DirectRunner. Needs g++; no JDK, no network.
#
#   TORCH_PYTHON=python3 DEVICE=gpu0 ./run-checks.sh          # or LIBTORCH=/opt/libtorch
#
# Environment (defaults in brackets):
#   DEVICE cpu|gpu0 [cpu]; PRECISIONS for the goldens [float32,bfloat16,float16];
#   BENCH_BATCH [32], BENCH_CONTEXT [2880], BENCH_HORIZON [96], BENCH_COMPUTE [float32 on cpu, bfloat16 on gpu];
#   PIPELINE_SERIES [300]; JNI_BUILD [/tmp/djl-jni-build]; CHECKS [goldens,bench,pipeline]; JAVA_OPTS.
# Exit 1 when a float32 golden misses 1e-4 or the pipeline loses a series; every step still runs.
set -uo pipefail
B="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
for d in jre lib fixtures djl-src jni-include; do
  [[ -d "$B/$d" ]] || { echo "run-checks: $B is not a carry bundle (no $d/): build it with integration-tests/gpu/bundle.sh" >&2; exit 2; }
done
DEVICE="${DEVICE:-cpu}"
[[ "$DEVICE" =~ ^(cpu|gpu[0-9]*)$ ]] || { echo "run-checks: DEVICE must be cpu or gpuN, got $DEVICE" >&2; exit 2; }
PRECISIONS="${PRECISIONS:-float32,bfloat16,float16}"
if [[ "$DEVICE" == cpu ]]; then BENCH_COMPUTE="${BENCH_COMPUTE:-float32}"; else BENCH_COMPUTE="${BENCH_COMPUTE:-bfloat16}"; fi
CHECKS="${CHECKS:-goldens,bench,pipeline}"

echo "== host: $(uname -m) $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1); $(uptime)"
command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader
DJL_SRC="$B/djl-src" JNI_INCLUDE="$B/jni-include" "$B/build-jni.sh" || exit 2
# shellcheck disable=SC1091
source "${JNI_BUILD:-/tmp/djl-jni-build}/env.sh"

JAVA=("$B/jre/bin/java" --add-opens=java.base/java.nio=ALL-UNNAMED -cp "$B/lib/*" -Dai.djl.offline=true ${JNA_LIBRARY_PATH:+-Djna.library.path=$JNA_LIBRARY_PATH} ${JAVA_OPTS:-})
status=0
run() { # one check, timed, its status kept
  local t0=$SECONDS
  "${JAVA[@]}" io.timerbeam.it.gpu.GpuCheck "$@" || status=1
  echo "== $1 took $((SECONDS - t0)) s"
}
# --add-opens: Arrow (the forecast DoFn's batches) reads direct buffers' addresses.
# Peak device memory during the bench: nvidia-smi sampled every 100 ms (the engine has no counter for it).
poll_gpu() {
  [[ "$DEVICE" == gpu* ]] && command -v nvidia-smi >/dev/null || return 0
  nvidia-smi -i "${DEVICE#gpu}" --query-gpu=memory.used --format=csv,noheader,nounits -lms 100 > "$1" 2>/dev/null &
  echo $!
}

[[ ",$CHECKS," == *,goldens,* ]] && run goldens "$B/fixtures" "$DEVICE" "$PRECISIONS"
if [[ ",$CHECKS," == *,bench,* ]]; then
  log=$(mktemp); pid=$(poll_gpu "$log")
  run bench "$DEVICE" "$BENCH_COMPUTE" "${BENCH_BATCH:-32}" "${BENCH_CONTEXT:-2880}" "${BENCH_HORIZON:-96}"
  if [[ -n "$pid" ]]; then kill "$pid"; echo "peak_device_memory_mb=$(sort -n "$log" | tail -1)"; fi
  rm -f "$log"
fi
[[ ",$CHECKS," == *,pipeline,* ]] && run pipeline "$B/fixtures" "$DEVICE" "${PIPELINE_SERIES:-300}"
exit $status
