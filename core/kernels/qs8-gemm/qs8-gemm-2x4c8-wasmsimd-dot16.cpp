// Auto-generated file. Do not edit!
//   Generator: core/kernels/qs8-gemm/generate.py
//   Template: core/kernels/qs8-gemm/qs8-gemm-wasmsimd-dot16.h

#if defined(__wasm_simd128__)

#include "kernels/qs8-gemm/qs8-gemm-wasmsimd-dot16.h"

extern "C" void mab_qs8_gemm_minmax_ukernel_2x4c8__wasmsimd_dot16(size_t mr, size_t nc, size_t kc, const int8_t * a, size_t a_stride,
    const float * a_scale, const void * w, float * c, size_t cm_stride, size_t cn_stride,
    const mab_f32_minmax_params * params) {
    mab_qs8_gemm_wasmsimd_dot16_c8<2, 4, MAB_GEMM_EPILOGUE_MINMAX>(mr, nc, kc, a, a_stride, a_scale, w, c, cm_stride, cn_stride, params);
}

extern "C" void mab_qs8_gemm_gelu_ukernel_2x4c8__wasmsimd_dot16(size_t mr, size_t nc, size_t kc, const int8_t * a, size_t a_stride,
    const float * a_scale, const void * w, float * c, size_t cm_stride, size_t cn_stride,
    const mab_f32_minmax_params * params) {
    mab_qs8_gemm_wasmsimd_dot16_c8<2, 4, MAB_GEMM_EPILOGUE_GELU>(mr, nc, kc, a, a_stride, a_scale, w, c, cm_stride, cn_stride, params);
}

extern "C" void mab_qs8_gemm_gelutanh_ukernel_2x4c8__wasmsimd_dot16(size_t mr, size_t nc, size_t kc, const int8_t * a, size_t a_stride,
    const float * a_scale, const void * w, float * c, size_t cm_stride, size_t cn_stride,
    const mab_f32_minmax_params * params) {
    mab_qs8_gemm_wasmsimd_dot16_c8<2, 4, MAB_GEMM_EPILOGUE_GELUTANH>(mr, nc, kc, a, a_stride, a_scale, w, c, cm_stride, cn_stride, params);
}

#endif // __wasm_simd128__
