#include "kernels/qs8-packw/qs8-packw.h"

// One panel loop for every layout: WEIGHT is the stored weight type (int16 for qs8-gemm, int8 for
// qs8-qu7-gemm); INIT_SUMS adds the qu7 panel's nr int32 initial sums after the scales, -SHIFT·Σw.
// Weight p of column c is w[c·c_stride + p·p_stride] (goi: c_stride k, p_stride 1; gio: 1, ldw).
template <typename WEIGHT, bool INIT_SUMS, int32_t SHIFT = 0>
static void pack(size_t nr, size_t kr, size_t n, size_t k, const int8_t * w, size_t c_stride, size_t p_stride,
                 const float * w_scale, const float * b, void * packed) {
    const size_t kc = (k + 7) / 8 * 8;
    auto * out = (uint8_t *) packed;
    for (size_t n0 = 0; n0 < n; n0 += nr) {
        float *   fb   = (float *) out; // biases, then scales
        int32_t * init = (int32_t *) (fb + 2 * nr);
        for (size_t j = 0; j < nr; j++) {
            const size_t c = n0 + j;
            fb[j]      = c < n && b ? b[c] : 0.0f;
            fb[nr + j] = c < n ? w_scale[c] : 0.0f;
            if (INIT_SUMS) {
                // The activations arrive as q + SHIFT: this takes SHIFT·Σ_p w[c][p] back out of every
                // sum (the padding's zero weights add nothing to it).
                int32_t sum = 0;
                for (size_t p = 0; SHIFT != 0 && c < n && p < k; p++) sum += w[c * c_stride + p * p_stride];
                init[j] = -SHIFT * sum;
            }
        }
        auto * q = (WEIGHT *) (INIT_SUMS ? (void *) (init + nr) : (void *) init);
        for (size_t p0 = 0; p0 < kc; p0 += kr) {
            const size_t kn = k > p0 ? (k - p0 < kr ? k - p0 : kr) : 0; // weights of this group inside k
            for (size_t j = 0; j < nr; j++, q += kr) {
                const size_t c = n0 + j;
                size_t       r = 0;
                if (c < n && kn) { // src is formed only where it points inside w
                    const int8_t * src = w + c * c_stride + p0 * p_stride;
                    for (; r < kn; r++) q[r] = src[r * p_stride];
                }
                for (; r < kr; r++) q[r] = 0;
            }
        }
        out = (uint8_t *) q;
    }
}

extern "C" void mab_qs8_packw_gemm_goi_ukernel__scalar(size_t nr, size_t kr, size_t n, size_t k, const int8_t * w,
                                                      const float * w_scale, const float * b, void * packed) {
    pack<int16_t, false>(nr, kr, n, k, w, k, 1, w_scale, b, packed);
}

extern "C" void mab_qs8_packw_gemm_goi_qu7_ukernel__scalar(size_t nr, size_t kr, size_t n, size_t k, const int8_t * w,
                                                          const float * w_scale, const float * b, void * packed) {
    pack<int8_t, true, 64>(nr, kr, n, k, w, k, 1, w_scale, b, packed);
}

extern "C" void mab_qs8_packw_gemm_gio_ukernel__scalar(size_t nr, size_t kr, size_t n, size_t k, const int8_t * w,
                                                      size_t ldw, const float * w_scale, const float * b, void * packed) {
    pack<int16_t, false>(nr, kr, n, k, w, 1, ldw, w_scale, b, packed);
}

extern "C" void mab_qs8_packw_gemm_gio_qu7_unshifted_ukernel__scalar(size_t nr, size_t kr, size_t n, size_t k,
                                                                    const int8_t * w, size_t ldw,
                                                                    const float * w_scale, const float * b,
                                                                    void * packed) {
    pack<int8_t, true, 0>(nr, kr, n, k, w, 1, ldw, w_scale, b, packed);
}
