// Auto-generated file. Do not edit!
//   Generator: core/kernels/f32-gemm/generate.py
//   Template: core/kernels/f32-gemm/f32-gemm-wasmsimd.h

#if defined(__wasm_simd128__)

#include "kernels/f32-gemm/f32-gemm-wasmsimd.h"

extern "C" void mab_f32_gemm_minmax_ukernel_2x16__wasmsimd_loadsplat(size_t mr, size_t nc, size_t kc, const float * a, size_t a_stride,
    const float * w, float * c, size_t cm_stride, size_t cn_stride, const mab_f32_minmax_params * params) {
    mab_f32_gemm_wasmsimd<2, 16, /*FMA=*/false, /*LOADSPLAT=*/true, MAB_GEMM_EPILOGUE_MINMAX>(mr, nc, kc, a, a_stride, w, c, cm_stride, cn_stride, params);
}

extern "C" void mab_f32_gemm_gelu_ukernel_2x16__wasmsimd_loadsplat(size_t mr, size_t nc, size_t kc, const float * a, size_t a_stride,
    const float * w, float * c, size_t cm_stride, size_t cn_stride, const mab_f32_minmax_params * params) {
    mab_f32_gemm_wasmsimd<2, 16, /*FMA=*/false, /*LOADSPLAT=*/true, MAB_GEMM_EPILOGUE_GELU>(mr, nc, kc, a, a_stride, w, c, cm_stride, cn_stride, params);
}

extern "C" void mab_f32_gemm_gelutanh_ukernel_2x16__wasmsimd_loadsplat(size_t mr, size_t nc, size_t kc, const float * a, size_t a_stride,
    const float * w, float * c, size_t cm_stride, size_t cn_stride, const mab_f32_minmax_params * params) {
    mab_f32_gemm_wasmsimd<2, 16, /*FMA=*/false, /*LOADSPLAT=*/true, MAB_GEMM_EPILOGUE_GELUTANH>(mr, nc, kc, a, a_stride, w, c, cm_stride, cn_stride, params);
}

#endif // __wasm_simd128__
