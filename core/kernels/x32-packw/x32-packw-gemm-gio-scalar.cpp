#include "kernels/x32-packw/x32-packw.h"

extern "C" void mab_x32_packw_gemm_gio_ukernel__scalar(size_t nr, size_t n, size_t k, const float * w, size_t w_stride,
                                                      const float * b, float * packed) {
    for (size_t n0 = 0; n0 < n; n0 += nr) {
        const size_t nb = n - n0 < nr ? n - n0 : nr;
        for (size_t j = 0; j < nr; j++) *packed++ = j < nb && b ? b[n0 + j] : 0.0f;
        for (size_t p = 0; p < k; p++) {
            const float * wp = w + p * w_stride + n0;
            if (nb == nr) {
                // Full panel: a plain copy the compiler turns into vector loads and stores.
                for (size_t j = 0; j < nr; j++) packed[j] = wp[j];
                packed += nr;
                continue;
            }
            for (size_t j = 0; j < nr; j++) *packed++ = j < nb ? wp[j] : 0.0f;
        }
    }
}
