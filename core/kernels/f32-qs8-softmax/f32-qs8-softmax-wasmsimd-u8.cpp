// exp and sum in place (f32-softmax-wasmsimd.h), then the int8 pass, 8 values per step, with the
// quantize kernels' conversion (mab_quantize_f32x4: 127·e rounded by adding 1.5·2^23, NaN → 0).
// Fusing the int8 pass into the exp pass (two passes, no stores) measured slower: 2.3 against
// 1.5 ns per score at 512 scores, Node 24.
#if defined(__wasm_simd128__)
#include "kernels/f32-qs8-quantize/f32-qs8-quantize-wasmsimd.h"
#include "kernels/f32-qs8-softmax/f32-qs8-softmax.h"
#include "kernels/f32-softmax/f32-softmax-wasmsimd.h"

extern "C" float mab_f32_qs8_softmax_ukernel__wasmsimd_u8(size_t n, size_t np, float * x, float scale,
                                                          const float * mask, int8_t * y) {
    const float sum = mab_f32_softmax_exp_wasmsimd_u8(n, x, scale, mask, x);

    const mab_quantize_consts qc = mab_quantize_consts_runtime<127, 0>();
    const v128_t v127 = qc.hi; // 127, splatted at run time like the rest (not a v128.const)
    size_t j = 0;
    for (; j + 8 <= n; j += 8) {
        const v128_t q01 = wasm_i16x8_narrow_i32x4(mab_quantize_f32x4(wasm_v128_load(x + j), v127, qc),
                                                   mab_quantize_f32x4(wasm_v128_load(x + j + 4), v127, qc));
        wasm_v128_store64_lane(y + j, wasm_i8x16_narrow_i16x8(q01, q01), 0);
    }
    for (; j < n; j++) y[j] = (int8_t) mab_quantize_one_wasmsimd<127>(x[j], 127.0f);
    for (; j < np; j++) y[j] = 0;
    return sum;
}

#endif // __wasm_simd128__
