# Sourced by the em++ benchmark scripts (bench-kernels-wasm.sh, ../model/profile-forward-wasm.sh):
# the kernel layer's sources, as kernels.cmake builds them for test-kernels-wasm: every source under
# core/kernels but the native-only XNNPACK backend. Needs $core.
kernel_sources="$core/status.cpp $(ls "$core"/kernels/*.cpp "$core"/kernels/*/*.cpp | grep -v /kernels/xnnpack/)"
