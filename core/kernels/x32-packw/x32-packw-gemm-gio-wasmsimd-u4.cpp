// The gio packer copying 4 floats per load and store: each k row of a panel is nr contiguous
// floats of w. Full panels with nr a multiple of 4; the rest goes to the scalar packer.
#if defined(__wasm_simd128__)
#include "kernels/x32-packw/x32-packw.h"

#include <wasm_simd128.h>

extern "C" void mab_x32_packw_gemm_gio_ukernel__wasmsimd_u4(size_t nr, size_t n, size_t k, const float * w,
                                                           size_t w_stride, const float * b, float * packed) {
    const size_t n_simd = nr % 4 == 0 ? n / nr * nr : 0;
    for (size_t n0 = 0; n0 < n_simd; n0 += nr) {
        for (size_t j = 0; j < nr; j++) packed[j] = b ? b[n0 + j] : 0.0f;
        packed += nr;
        for (size_t p = 0; p < k; p++, packed += nr) {
            const float * wp = w + p * w_stride + n0;
            for (size_t j = 0; j < nr; j += 4) wasm_v128_store(packed + j, wasm_v128_load(wp + j));
        }
    }
    if (n_simd < n) {
        mab_x32_packw_gemm_gio_ukernel__scalar(nr, n - n_simd, k, w + n_simd, w_stride, b ? b + n_simd : nullptr,
                                               packed);
    }
}

#endif // __wasm_simd128__
