#!/usr/bin/env bash
# The GPU procedure rehearsed on this CPU: Debian's libtorch 1.13.1 (never the 2.7.1 DJL ships),
# the JNI built from DJL_SRC against it, the bundle's jlinked JRE and jars (unpacked from the very
# archive the device machine gets), run-checks.sh on cpu.
#
#   DJL_SRC=/path/to/djl-v0.36.0 integration-tests/gpu/rehearse-cpu.sh
#
# JNI_BUILD (default /tmp/djl-jni-build-debian) keeps the compiled JNI: the C++ build is heavy.
# The bench runs at context 2,880, horizon 96, batch BENCH_BATCH (default 8 here: two shared cores).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
[[ -n "${DJL_SRC:-}" ]] || { echo "rehearse-cpu: DJL_SRC is not set: give a checkout of deepjavalibrary/djl at v0.36.0" >&2; exit 2; }
if ! /usr/bin/python3 -c 'import torch' 2>/dev/null || ! dpkg -s libtorch-dev >/dev/null 2>&1 || ! command -v g++ >/dev/null; then
  apt-get install -y python3-torch libtorch-dev g++
fi
# Debian's torch says 1.13.0a0; the package is 1.13.1, the version DJL's JNI source knows.
VERSION=$(dpkg-query -W -f='${Version}' libtorch-dev | grep -oE '^[0-9]+\.[0-9]+\.[0-9]+')

"$ROOT/integration-tests/gpu/bundle.sh"
# Run from the unpacked archive, as the device machine does.
WORK=$(mktemp -d) && trap 'rm -rf "$WORK"' EXIT
tar -C "$WORK" -xJf "$ROOT/integration-tests/target/gpu-bundle.tar.xz"
TORCH_PYTHON=/usr/bin/python3 PYTORCH_VERSION="$VERSION" DEVICE=cpu JNI_BUILD="${JNI_BUILD:-/tmp/djl-jni-build-debian}" \
  BENCH_BATCH="${BENCH_BATCH:-8}" JAVA_OPTS="-Dtimerbeam.bfloat16.allowEmulated=true ${JAVA_OPTS:-}" \
  "$WORK/gpu-bundle/run-checks.sh"
