#include "kernels/x32-packw/x32-packw.h"

extern "C" void mab_x32_packw_gemm_goi_ukernel__scalar(size_t nr, size_t n, size_t k, const float * w, size_t w_stride,
                                                      const float * b, float * packed) {
    for (size_t n0 = 0; n0 < n; n0 += nr) {
        const size_t nb = n - n0 < nr ? n - n0 : nr;
        for (size_t j = 0; j < nr; j++) *packed++ = j < nb && b ? b[n0 + j] : 0.0f;
        if (nb == nr) {
            // Full panel (attention packs the keys of every head on each call): column by column,
            // so that each column is read contiguously and nothing is tested per element.
            for (size_t j = 0; j < nr; j++) {
                const float * wj = w + (n0 + j) * w_stride;
                for (size_t p = 0; p < k; p++) packed[p * nr + j] = wj[p];
            }
            packed += k * nr;
            continue;
        }
        for (size_t p = 0; p < k; p++) {
            for (size_t j = 0; j < nr; j++) *packed++ = j < nb ? w[(n0 + j) * w_stride + p] : 0.0f;
        }
    }
}
