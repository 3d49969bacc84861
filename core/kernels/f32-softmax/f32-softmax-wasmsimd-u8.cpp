// exp and sum (f32-softmax-wasmsimd.h), then normalise.
#if defined(__wasm_simd128__)
#include "kernels/f32-softmax/f32-softmax.h"
#include "kernels/f32-softmax/f32-softmax-wasmsimd.h"

extern "C" void mab_f32_softmax_ukernel__wasmsimd_u8(size_t n, const float * x, float scale, const float * mask,
                                                     float * y) {
    const float  inv  = 1.0f / mab_f32_softmax_exp_wasmsimd_u8(n, x, scale, mask, y);
    const v128_t vinv = wasm_f32x4_splat(inv);
    size_t       j    = 0;
    for (; j + 4 <= n; j += 4) wasm_v128_store(y + j, wasm_f32x4_mul(wasm_v128_load(y + j), vinv));
    for (; j < n; j++) y[j] *= inv;
}

#endif // __wasm_simd128__
