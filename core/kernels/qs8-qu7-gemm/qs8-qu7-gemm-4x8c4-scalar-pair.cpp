// Auto-generated file. Do not edit!
//   Generator: core/kernels/qs8-qu7-gemm/generate.py
//   Template: core/kernels/qs8-qu7-gemm/qs8-qu7-gemm-scalar.h

#include "kernels/qs8-qu7-gemm/qs8-qu7-gemm-scalar.h"

extern "C" void mab_qs8_qu7_gemm_minmax_ukernel_4x8c4__scalar_pair(size_t mr, size_t nc, size_t kc, const int8_t * a, size_t a_stride,
    const float * a_scale, const void * w, float * c, size_t cm_stride, size_t cn_stride,
    const mab_f32_minmax_params * params) {
    mab_qs8_qu7_gemm_scalar<4, 8, 4, MAB_GEMM_EPILOGUE_MINMAX, true>(mr, nc, kc, a, a_stride, a_scale, w, c, cm_stride, cn_stride, params);
}

extern "C" void mab_qs8_qu7_gemm_gelu_ukernel_4x8c4__scalar_pair(size_t mr, size_t nc, size_t kc, const int8_t * a, size_t a_stride,
    const float * a_scale, const void * w, float * c, size_t cm_stride, size_t cn_stride,
    const mab_f32_minmax_params * params) {
    mab_qs8_qu7_gemm_scalar<4, 8, 4, MAB_GEMM_EPILOGUE_GELU, true>(mr, nc, kc, a, a_stride, a_scale, w, c, cm_stride, cn_stride, params);
}

extern "C" void mab_qs8_qu7_gemm_gelutanh_ukernel_4x8c4__scalar_pair(size_t mr, size_t nc, size_t kc, const int8_t * a, size_t a_stride,
    const float * a_scale, const void * w, float * c, size_t cm_stride, size_t cn_stride,
    const mab_f32_minmax_params * params) {
    mab_qs8_qu7_gemm_scalar<4, 8, 4, MAB_GEMM_EPILOGUE_GELUTANH, true>(mr, nc, kc, a, a_stride, a_scale, w, c, cm_stride, cn_stride, params);
}
