#!/usr/bin/env bash
# Builds DJL's PyTorch JNI (libdjl_torch.so) from DJL_SRC against a libtorch it was not shipped
# with, and places it where DJL's LibUtils looks for a JNI (see the end).
#
# Compiled with g++ directly, not DJL's build.sh/CMake: build.sh downloads libtorch, and the GPU
# machine may have neither cmake nor a JDK (the JNI headers come from the bundle, see bundle.sh).
#
# In (environment):
#   DJL_SRC       a checkout of deepjavalibrary/djl at v0.36.0 (engines/pytorch, api/src/main/native)
#   TORCH_PYTHON  a Python whose torch to build against, or
#   LIBTORCH      a libtorch folder (include/, lib/; the libtorch zip's layout)
#   JNI_BUILD     build folder, kept and reused (default /tmp/djl-jni-build); the JNI is not rebuilt
#                 when its object files are newer than the sources
#   JNI_INCLUDE   folder with jni.h, jni_md.h and ai_djl_pytorch_jni_PyTorchLibrary.h; made here
#                 with javac when unset
#   PYTORCH_VERSION  override the version DJL is told (default: torch's x.y.z)
#   CUDART_DIR    with LIBTORCH and CUDA: the folder of libcudart.so* (found from torch with TORCH_PYTHON)
# Out: $JNI_BUILD/env.sh, to source before starting the JVM: PYTORCH_LIBRARY_PATH, PYTORCH_VERSION,
#   PYTORCH_FLAVOR (cpu, or cuXYZ when torch has CUDA), PYTORCH_LIBRARY_EXCLUSION, DJL_CACHE_DIR, and
#   with CUDA JNA_LIBRARY_PATH (for -Djna.library.path) and LD_LIBRARY_PATH.
set -euo pipefail

die() { echo "build-jni: $*" >&2; exit 2; }
[[ -n "${DJL_SRC:-}" ]] || die "DJL_SRC is not set: give a checkout of deepjavalibrary/djl at v0.36.0"
NATIVE="$DJL_SRC/engines/pytorch/pytorch-native/src/main/native"
[[ -d "$NATIVE" ]] || die "DJL_SRC=$DJL_SRC has no engines/pytorch/pytorch-native/src/main/native"
[[ -f "$DJL_SRC/api/src/main/native/djl/utils.h" ]] || die "DJL_SRC=$DJL_SRC has no api/src/main/native/djl/utils.h"
command -v g++ >/dev/null || die "g++ is needed to build the JNI and is not on PATH"
JNI_BUILD="${JNI_BUILD:-/tmp/djl-jni-build}"
mkdir -p "$JNI_BUILD/obj"
DJL_VERSION="${DJL_VERSION:-0.36.0}"   # the pytorch-engine on the classpath

# What to build against: include dirs, the folder of libc10/libtorch, version, CUDA, C++ ABI.
if [[ -n "${TORCH_PYTHON:-}" ]]; then
  "$TORCH_PYTHON" - > "$JNI_BUILD/torch.txt" <<'PY' || die "TORCH_PYTHON=$TORCH_PYTHON cannot import torch"
import os, re, torch, torch.utils.cpp_extension as ce
libs = {os.path.dirname(l.split()[-1]) for l in open('/proc/self/maps') if '/libc10.so' in l}
assert len(libs) == 1, "libc10 loaded from %s" % libs
print("INC=" + ":".join(p for p in ce.include_paths() if os.path.isdir(p)))
print("LIB=" + libs.pop())
print("VERSION=" + re.match(r"\d+\.\d+\.\d+", torch.__version__).group(0))
print("CUDA=" + (torch.version.cuda or ""))
print("ABI=" + str(int(torch.compiled_with_cxx11_abi())))
# DJL counts GPUs through JNA's "cudart": where torch's own libcudart lies (a wheel: site-packages/nvidia/...).
if torch.version.cuda and torch.cuda.is_available():
    rt = {os.path.dirname(l.split()[-1]) for l in open('/proc/self/maps') if '/libcudart' in l}
    print("CUDART=" + ":".join(rt))
else:
    print("CUDART=")
PY
elif [[ -n "${LIBTORCH:-}" ]]; then
  [[ -f "$LIBTORCH/build-version" && -d "$LIBTORCH/lib" ]] || die "LIBTORCH=$LIBTORCH has no build-version or lib/"
  V=$(cat "$LIBTORCH/build-version")
  CUDA=""; [[ "$V" =~ \+cu([0-9]+)([0-9]) ]] && CUDA="${BASH_REMATCH[1]}.${BASH_REMATCH[2]}"
  ABI=1; grep -q "_GLIBCXX_USE_CXX11_ABI=0" "$LIBTORCH/share/cmake/Torch/TorchConfig.cmake" 2>/dev/null && ABI=0
  printf 'INC=%s\nLIB=%s\nVERSION=%s\nCUDA=%s\nABI=%s\nCUDART=%s\n' "$LIBTORCH/include:$LIBTORCH/include/torch/csrc/api/include" \
    "$LIBTORCH/lib" "$(grep -oE '^[0-9]+\.[0-9]+\.[0-9]+' <<<"$V")" "$CUDA" "$ABI" "${CUDART_DIR:-}" > "$JNI_BUILD/torch.txt"
else
  die "give TORCH_PYTHON (a Python with torch) or LIBTORCH (a libtorch folder)"
fi
# Objects built against another libtorch are stale.
if ! cmp -s "$JNI_BUILD/torch.txt" "$JNI_BUILD/obj/torch.txt"; then rm -f "$JNI_BUILD"/obj/*; cp "$JNI_BUILD/torch.txt" "$JNI_BUILD/obj/"; fi
# shellcheck disable=SC1091
source "$JNI_BUILD/torch.txt"
VERSION="${PYTORCH_VERSION:-$VERSION}"
FLAVOR=cpu; [[ -n "$CUDA" ]] && FLAVOR="cu${CUDA//./}"
echo "build-jni: libtorch $VERSION ($FLAVOR, cxx11 abi $ABI) in $LIB"

DEFS=(-D_GLIBCXX_USE_CXX11_ABI="$ABI")
[[ "$VERSION" =~ ^(1\.13\.|2\.0\.|2\.1\.) ]] && DEFS+=(-DV1_13_X)   # as DJL's build.sh sets PT_VERSION
INCS=()
IFS=: read -ra dirs <<<"$INC"; for d in "${dirs[@]}"; do INCS+=(-I"$d"); done
# No USE_CUDA: in DJL's JNI it only adds a separate stream for TorchScript (off by default) and
# emptyCache, and needs CUDA's headers, which a wheel may lack. CUDA itself reaches the JNI through
# libtorch (torch::cuda::is_available, device placement) once DJL has loaded libtorch_cuda.

# The JNI header and jni.h: from a JDK here, from the bundle on a machine without one.
if [[ -z "${JNI_INCLUDE:-}" ]]; then
  command -v javac >/dev/null || die "no javac: set JNI_INCLUDE to the bundle's jni-include folder"
  JNI_INCLUDE="$JNI_BUILD/include"
  JDK_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
  mkdir -p "$JNI_INCLUDE" && cp "$JDK_HOME/include/jni.h" "$JDK_HOME/include/linux/jni_md.h" "$JNI_INCLUDE/"
  javac -h "$JNI_INCLUDE" -d "$JNI_BUILD/classes" \
    "$DJL_SRC/engines/pytorch/pytorch-engine/src/main/java/ai/djl/pytorch/jni/PyTorchLibrary.java"
fi
for f in jni.h jni_md.h ai_djl_pytorch_jni_PyTorchLibrary.h; do
  [[ -f "$JNI_INCLUDE/$f" ]] || die "JNI_INCLUDE=$JNI_INCLUDE lacks $f"
done
INCS+=(-I"$JNI_INCLUDE" -I"$DJL_SRC/api/src/main/native")

# One object per source, in parallel, each skipped when newer than its source (the build is heavy).
JOBS="${JOBS:-$(nproc)}"
OBJS=()
for src in "$NATIVE"/*.cc; do
  obj="$JNI_BUILD/obj/$(basename "${src%.cc}").o"; OBJS+=("$obj")
  if [[ ! "$obj" -nt "$src" ]]; then
    while (( $(jobs -rp | wc -l) >= JOBS )); do wait -n; done
    echo "build-jni: compiling $(basename "$src")"
    g++ -std=c++17 -O2 -fPIC -w "${DEFS[@]}" "${INCS[@]}" -c "$src" -o "$obj" &
  fi
done
while (( $(jobs -rp | wc -l) > 0 )); do wait -n || die "compile failed (see above)"; done
g++ -shared -o "$JNI_BUILD/libdjl_torch.so" "${OBJS[@]}" -L"$LIB" -lc10 -ltorch_cpu -ltorch -Wl,-rpath,"$LIB"

# Where DJL finds them (LibUtils): PYTORCH_LIBRARY_PATH names a folder whose every library DJL
# loads, so a system folder such as Debian's /usr/lib/x86_64-linux-gnu gets a folder of links to
# libc10/libtorch_cpu/libtorch instead; a wheel's torch/lib is used as it is (links would break its
# $ORIGIN lookups), less libtorch_python, which needs libpython. The JNI goes to DJL's cache layout,
# <cache>/pytorch/<version>-<flavor>-<classifier>/<djl version>-libdjl_torch.so, under our own
# DJL_CACHE_DIR, so ~/.djl.ai and its bundled 2.7.1 JNI are never touched or used.
if [[ "$LIB" == */torch/lib ]]; then
  LIBDIR="$LIB"
else
  LIBDIR="$JNI_BUILD/libtorch"; rm -rf "$LIBDIR"; mkdir -p "$LIBDIR"
  for n in c10 torch_cpu torch; do ln -s "$(readlink -f "$LIB/lib$n.so")" "$LIBDIR/lib$n.so"; done
fi
CACHE="$JNI_BUILD/djl-cache"
JNI_DIR="$CACHE/pytorch/$VERSION-$FLAVOR-linux-$(uname -m | sed 's/arm64/aarch64/')"
mkdir -p "$JNI_DIR" && cp "$JNI_BUILD/libdjl_torch.so" "$JNI_DIR/$DJL_VERSION-libdjl_torch.so"
cat > "$JNI_BUILD/env.sh" <<ENV
export PYTORCH_LIBRARY_PATH="$LIBDIR"
export PYTORCH_LIBRARY_EXCLUSION=libtorch_python.so
export PYTORCH_VERSION="$VERSION"
export PYTORCH_FLAVOR="$FLAVOR"
export DJL_CACHE_DIR="$CACHE"
ENV
if [[ -n "$CUDA" ]]; then
  [[ -n "$CUDART" ]] || echo "build-jni: no libcudart found (set CUDART_DIR): DJL will see no GPU" >&2
  echo "export JNA_LIBRARY_PATH=\"$CUDART\"; export LD_LIBRARY_PATH=\"$CUDART\${LD_LIBRARY_PATH:+:\$LD_LIBRARY_PATH}\"" >> "$JNI_BUILD/env.sh"
fi
echo "build-jni: $JNI_DIR/$DJL_VERSION-libdjl_torch.so; DJL settings in $JNI_BUILD/env.sh:"
cat "$JNI_BUILD/env.sh"
