#!/usr/bin/env bash
# What a lent GPU machine runs, from the repository root, with the bundle carried in
# (integration-tests/target/gpu-bundle.tar.xz, made here by bundle.sh) and its Python's torch with CUDA:
#
#   run(command="bash integration-tests/gpu/on-device.sh", carry=["integration-tests/target/gpu-bundle.tar.xz"], timeout_s=600)
#
# Budget: about 15 minutes of device time, start-up included. The steps' limits (240 + 200 + 100 s:
# JNI build and goldens, bench, pipeline) leave the rest to the machine's start-up; each step has
# its own, so one that hangs leaves the others their time.
set -uo pipefail
ARCHIVE=integration-tests/target/gpu-bundle.tar.xz
[[ -f "$ARCHIVE" ]] || { echo "on-device: $ARCHIVE was not carried"; exit 2; }
mkdir -p /tmp/carry && B=/tmp/carry/gpu-bundle
for py in python3 python /opt/conda/bin/python; do
  command -v "$py" >/dev/null && "$py" -c 'import torch; assert torch.cuda.is_available()' 2>/dev/null && break
  py=""
done
[[ -n "$py" ]] || { echo "on-device: no Python here imports a torch that sees CUDA"; exit 2; }
tar -C /tmp/carry -xJf "$ARCHIVE" 2>/dev/null || "$py" -c 'import sys, tarfile; tarfile.open(sys.argv[1]).extractall("/tmp/carry")' "$ARCHIVE"
"$py" -c 'import torch; print("torch", torch.__version__, "cuda", torch.version.cuda, torch.cuda.get_device_name(0))'
export TORCH_PYTHON="$(command -v "$py")" DEVICE=gpu0 JNI_BUILD=/tmp/djl-jni-build JOBS="$(nproc)"
timeout 240 env CHECKS=goldens "$B/run-checks.sh"; s1=$?
timeout 200 env CHECKS=bench BENCH_BATCH=64 "$B/run-checks.sh"; s2=$?
timeout 100 env CHECKS=pipeline "$B/run-checks.sh"; s3=$?
echo "on-device: goldens=$s1 bench=$s2 pipeline=$s3"
exit $(( s1 | s2 | s3 ))
