#if defined(__wasm_simd128__)

#include "kernels/f32-qs8-quantize/f32-qs8-quantize-wasmsimd.h"
#include "kernels/f32-qu7-quantize/f32-qu7-quantize.h"

extern "C" float mab_f32_qu7_quantize_ukernel__wasmsimd_u8(size_t k, size_t kp, const float * x, int8_t * q) {
    return mab_f32_quantize_wasmsimd_u8<63, 64>(k, kp, x, q);
}

#endif // __wasm_simd128__
