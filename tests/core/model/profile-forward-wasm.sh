#!/bin/sh
# Builds profile-forward.cpp with em++ (SIMD128 + relaxed SIMD, as the wasmrelaxedsimd module; for
# WebKit, which has no relaxed SIMD, SIMD128 alone) and runs it under Node, or in headless
# Chromium, Firefox or WebKit (--env): per-operator times of one single-thread forward pass.
# usage: tests/core/model/profile-forward-wasm.sh BUILD_DIR MODEL_DIR [--env node|chromium|firefox|webkit] [profile-forward args...]
#   e.g. ... build-perf ../shared/golden/full --backend wasmrelaxedsimd   (an int8 model: convert.py --dtype int8)
set -eu
[ $# -ge 2 ] || { echo "usage: $0 BUILD_DIR MODEL_DIR [--env node|chromium|firefox|webkit] [profile-forward args...]" >&2; exit 2; }
out=$1/profile-forward-wasm
model=$2
shift 2
env=node
if [ "${1:-}" = --env ]; then
  env=${2:?--env needs node, chromium, firefox or webkit}
  shift 2
fi
src=$(cd "$(dirname "$0")/../../.." && pwd)
core=$src/core
mkdir -p "$out/include"
# nlohmann_json's headers alone (the host's /usr/include would shadow the Emscripten sysroot).
[ -e "$out/include/nlohmann" ] || ln -s /usr/include/nlohmann "$out/include/nlohmann"
. "$src/tests/core/kernels/wasm-kernel-sources.sh"
sources="$kernel_sources $core/loader/config-json.cpp $core/loader/reader.cpp $core/loader/safetensors.cpp $core/model/minialbert.cpp
  $src/tests/core/model/profile-forward.cpp"
export NODE_PATH=/usr/share/nodejs
simd="-msimd128 -mrelaxed-simd"
[ "$env" = webkit ] && simd=-msimd128
flags="-std=c++20 -O3 -fno-exceptions -I$core/include -I$core -I$out/include $simd -sALLOW_MEMORY_GROWTH=1"
if [ "$env" = node ]; then
  # shellcheck disable=SC2086
  em++ $flags -sWASM_ASYNC_COMPILATION=0 -sNODERAWFS=1 $sources -o "$out/profile-forward.cjs"
  python3 "$core/kernels/wasmsimd/fix-relaxed-simd.py" "$out/profile-forward.wasm" >&2
  node --experimental-wasm-relaxed-simd "$out/profile-forward.cjs" "$model" "$@"
else
  # The page writes the model's two files into the module's memory file system (profile-forward-browser.mjs).
  # shellcheck disable=SC2086
  em++ $flags -sENVIRONMENT=web -sFORCE_FILESYSTEM=1 -sINVOKE_RUN=0 -sEXPORTED_RUNTIME_METHODS=FS,callMain \
    $sources -o "$out/profile-forward-web.js"
  [ "$env" = webkit ] || python3 "$core/kernels/wasmsimd/fix-relaxed-simd.py" "$out/profile-forward-web.wasm" >&2
  node "$src/tests/core/model/profile-forward-browser.mjs" "$env" "$out" "$model" "$@"
fi
