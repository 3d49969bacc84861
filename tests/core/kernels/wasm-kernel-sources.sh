# Sourced by the em++ benchmark scripts (bench-kernels-wasm.sh, ../model/profile-forward-wasm.sh):
# the kernel layer's sources, as kernels.cmake builds them for test-kernels-wasm. Needs $core.
kernel_sources="$core/status.cpp $core/kernels/config.cpp $core/kernels/thread-pool.cpp
  $core/kernels/reference/reference-ops.cpp $core/kernels/reference/reference-backend.cpp
  $core/kernels/wasmsimd/ukernel-backend.cpp
  $(ls "$core"/kernels/f32-gemm/*.cpp "$core"/kernels/f32-layernorm/*.cpp "$core"/kernels/f32-softmax/*.cpp \
       "$core"/kernels/x32-packw/*.cpp "$core"/kernels/qs8-gemm/*.cpp "$core"/kernels/qs8-packw/*.cpp \
       "$core"/kernels/f32-qs8-quantize/*.cpp "$core"/kernels/qs8-qu7-gemm/*.cpp \
       "$core"/kernels/f32-qu7-quantize/*.cpp "$core"/kernels/f32-qs8-vcvt/*.cpp)"
