#!/usr/bin/env bash
# Builds the carry bundle a GPU machine (no JDK, no network, PyTorch with CUDA in Python) needs to
# run run-checks.sh: a jlinked JRE, the runtime jars of model/ and transforms/ with the DirectRunner
# and the check (no pytorch-native-cpu: the machine's own libtorch replaces it), the golden
# fixtures, DJL's JNI sources with their generated JNI header and jni.h: one .tar.xz of at most
# 64 MiB (the device machine's carry limit); prints its size.
#
#   DJL_SRC=/path/to/djl-v0.36.0 integration-tests/gpu/bundle.sh   # -> integration-tests/target/gpu-bundle.tar.xz
set -euo pipefail
die() { echo "bundle: $*" >&2; exit 2; }
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="${BUNDLE_OUT:-$ROOT/integration-tests/target/gpu-bundle}"
LIMIT_MIB=64
[[ -n "${DJL_SRC:-}" ]] || die "DJL_SRC is not set: give a checkout of deepjavalibrary/djl at v0.36.0"
NATIVE=engines/pytorch/pytorch-native/src/main/native
[[ -d "$DJL_SRC/$NATIVE" ]] || die "DJL_SRC=$DJL_SRC has no $NATIVE"
for t in javac jlink jar mvn; do command -v $t >/dev/null || die "$t is needed here and is not on PATH"; done

rm -rf "$OUT" && mkdir -p "$OUT/lib" "$OUT/fixtures" "$OUT/jni-include" "$OUT/djl-src/api/src/main/native/djl" "$OUT/djl-src/$NATIVE"

# The classes (reactor, no install). The jars: transforms' runtime classpath (model, DJL, Beam core,
# Arrow) less pytorch-native-cpu (the machine's own libtorch replaces it), plus from integration-tests'
# test classpath the DirectRunner, slf4j-simple, the model's test classes (Golden, with gson) and the check.
cd "$ROOT"
mvn -B -o -q -pl integration-tests -am test-compile dependency:build-classpath -DincludeScope=test -Dmdep.outputFile="$OUT/it.txt"
mvn -B -o -q -pl transforms -am compile dependency:build-classpath -DincludeScope=runtime \
  -DexcludeArtifactIds=pytorch-native-cpu -Dmdep.outputFile="$OUT/runtime.txt"
IFS=: read -ra runtime <<<"$(cat "$OUT/runtime.txt")"
IFS=: read -ra it <<<"$(cat "$OUT/it.txt")"
for e in "${it[@]}"; do
  case "$e" in */beam-runners-direct-java-*.jar|*/slf4j-simple-*.jar|*/gson-*.jar) runtime+=("$e") ;; esac
done
jar cf "$OUT/lib/transforms.jar" -C transforms/target/classes .                       # build-classpath lists its deps only
jar cf "$OUT/lib/model-test-classes.jar" -C model/target/test-classes io             # classes only: fixtures/ has the data
jar cf "$OUT/lib/gpu-check.jar" -C integration-tests/target/test-classes io/timerbeam/it/gpu
for e in "${runtime[@]}"; do
  if [[ -d "$e" ]]; then # a reactor module's classes: jarred under its module's name
    jar cf "$OUT/lib/$(basename "$(dirname "$(dirname "$e")")").jar" -C "$e" .
  elif [[ -f "$e" ]]; then
    cp "$e" "$OUT/lib/"
  fi
done
[[ $(ls "$OUT"/lib | grep -c beam-runners-direct-java) == 1 ]] || die "no DirectRunner jar on integration-tests' test classpath"
# Not carried: pytorch-jni (DJL's prebuilt JNIs for 2.7.1: the machine builds its own) and conscrypt
# (a TLS provider: the machine has no network). Every jar loses its native libraries for other
# platforms and is stored uncompressed, so the archive's xz compresses all classes together
# (about 2.5x smaller than the jars' own per-entry deflate).
rm -f "$OUT"/lib/pytorch-jni-*.jar "$OUT"/lib/conscrypt-*.jar
python3 - "$OUT"/lib/*.jar <<'PY'
import re, shutil, sys, warnings, zipfile
warnings.simplefilter('ignore')  # duplicate entries some jars already hold are copied as they are
native = re.compile(r'\.(so(\.\d+)*|dll|dylib|jnilib|a)$', re.I)
ours = re.compile(r'linux.*(x86.64|amd64|x64)', re.I)
for jar in sys.argv[1:]:
    with zipfile.ZipFile(jar) as src, zipfile.ZipFile(jar + '.tmp', 'w', zipfile.ZIP_STORED) as dst:
        for e in src.infolist():
            if not (native.search(e.filename) and not ours.search(e.filename)):
                dst.writestr(e.filename, src.read(e), zipfile.ZIP_STORED)
    shutil.move(jar + '.tmp', jar)
PY
ls "$OUT"/lib | grep -q pytorch-native && die "pytorch-native leaked into the bundle"

cp -r model/src/test/resources/timer-s1 model/src/test/resources/timer-xl "$OUT/fixtures/"

# DJL's JNI sources (mtimes kept, so a kept JNI_BUILD is not recompiled) and the headers the GPU
# machine cannot make without a JDK.
cp -a "$DJL_SRC/$NATIVE/." "$OUT/djl-src/$NATIVE/"
cp -a "$DJL_SRC/api/src/main/native/djl/utils.h" "$OUT/djl-src/api/src/main/native/djl/"
JDK_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
cp "$JDK_HOME/include/jni.h" "$JDK_HOME/include/linux/jni_md.h" "$OUT/jni-include/"
javac -h "$OUT/jni-include" -d "$OUT/.classes" "$DJL_SRC/engines/pytorch/pytorch-engine/src/main/java/ai/djl/pytorch/jni/PyTorchLibrary.java"
rm -rf "$OUT/.classes"

# The JRE: the modules the jars use (java.desktop for Beam's PipelineOptions' java.beans). Its
# modules uncompressed (--compress=0) for the same reason as the jars.
jlink --add-modules java.base,java.desktop,java.logging,java.management,java.naming,java.sql,jdk.unsupported \
  --compress=0 --strip-debug --no-header-files --no-man-pages --output "$OUT/jre"

cp integration-tests/gpu/build-jni.sh integration-tests/gpu/run-checks.sh "$OUT/"
rm -f "$OUT/it.txt" "$OUT/runtime.txt"
mib() { bc -l <<<"$1/1048576"; }
printf 'bundle: unpacked %.1f MiB (jre %.1f, lib %.1f, fixtures %.1f, djl-src %.1f)\n' "$(mib "$(du -sb "$OUT" | cut -f1)")" \
  "$(mib "$(du -sb "$OUT/jre" | cut -f1)")" "$(mib "$(du -sb "$OUT/lib" | cut -f1)")" \
  "$(mib "$(du -sb "$OUT/fixtures" | cut -f1)")" "$(mib "$(du -sb "$OUT/djl-src" | cut -f1)")"
# What travels: one archive (the machine unpacks it with tar, or Python's tarfile where tar lacks xz).
tar -C "$(dirname "$OUT")" -cf - "$(basename "$OUT")" | xz -T0 -6 > "$OUT.tar.xz"
rm -rf "$OUT"
size=$(stat -c %s "$OUT.tar.xz")
printf 'bundle: %s %.1f MiB (limit %d MiB)\n' "$OUT.tar.xz" "$(mib "$size")" "$LIMIT_MIB"
(( size <= LIMIT_MIB * 1048576 )) || die "the bundle is over $LIMIT_MIB MiB"
