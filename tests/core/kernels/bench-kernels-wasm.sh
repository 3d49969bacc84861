#!/bin/sh
# Builds bench-kernels.cpp with em++ twice (SIMD128, and SIMD128 + relaxed SIMD) and runs both
# under Node on the model's shapes. Extra arguments go to bench-kernels (e.g. --filter 6x8).
# usage: tests/core/kernels/bench-kernels-wasm.sh BUILD_DIR [bench-kernels args...]
set -eu
[ $# -ge 1 ] || { echo "usage: $0 BUILD_DIR [bench-kernels args...]" >&2; exit 2; }
out=$1/kernels-wasm-bench
shift
src=$(cd "$(dirname "$0")/../../.." && pwd)
core=$src/core
mkdir -p "$out"
. "$src/tests/core/kernels/wasm-kernel-sources.sh"
sources="$kernel_sources $src/tests/core/kernels/bench-kernels.cpp"
# NODERAWFS: the bench reads the shapes file (and /proc/cpuinfo) from the real file system.
flags="-std=c++20 -O3 -fno-exceptions -I$core/include -I$core -DMAB_SOURCE_DIR=\"$src\"
  -sWASM_ASYNC_COMPILATION=0 -sALLOW_MEMORY_GROWTH=1 -sNODERAWFS=1"
export NODE_PATH=/usr/share/nodejs
# shellcheck disable=SC2086
em++ $flags -msimd128 $sources -o "$out/bench-kernels-simd128.cjs"
# shellcheck disable=SC2086
em++ $flags -msimd128 -mrelaxed-simd $sources -o "$out/bench-kernels-relaxed.cjs"
python3 "$core/kernels/wasmsimd/fix-relaxed-simd.py" "$out/bench-kernels-relaxed.wasm" >&2
echo "# simd128" >&2
node "$out/bench-kernels-simd128.cjs" "$@"
echo "# relaxed simd" >&2
node --experimental-wasm-relaxed-simd "$out/bench-kernels-relaxed.cjs" "$@"
