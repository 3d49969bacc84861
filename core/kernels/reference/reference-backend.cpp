// The `reference` backend: the scalar reference operators behind the kernel interface. Linear
// weights are kept in PyTorch's [n][k] layout (a plain copy).
#include "kernels/reference/reference-ops.h"
#include "status.h"

#include <cstdlib>
#include <cstring>

namespace mab {

struct linear_weights {
    size_t     n, k;
    activation act;
    float *    w; // [n][k]
    float *    b; // [n]
};

static mab_status ref_linear_create(size_t n, size_t k, const float * w, const float * b, activation act,
                                    linear_weights ** out) {
    size_t nk;
    if (mul_overflows(n, k, &nk) || mul_overflows(nk, sizeof(float), &nk)) {
        return set_error(MAB_STATUS_INVALID_ARGUMENT, "linear layer %zux%zu is too large", n, k);
    }
    auto * lw = (linear_weights *) calloc(1, sizeof(linear_weights));
    float * wc = (float *) malloc(nk ? nk : 1);
    float * bc = (float *) calloc(n ? n : 1, sizeof(float));
    if (!lw || !wc || !bc) {
        free(lw); free(wc); free(bc);
        return set_error(MAB_STATUS_OUT_OF_MEMORY, "out of memory packing a %zux%zu linear layer", n, k);
    }
    memcpy(wc, w, nk);
    if (b) memcpy(bc, b, n * sizeof(float));
    *lw = {n, k, act, wc, bc};
    *out = lw;
    return MAB_STATUS_OK;
}

static void ref_linear_run(const linear_weights * lw, size_t m, const float * x, float * y) {
    ref::linear(m, lw->n, lw->k, x, lw->w, lw->b, lw->act, y);
}

static void ref_linear_destroy(linear_weights * lw) {
    if (!lw) return;
    free(lw->w);
    free(lw->b);
    free(lw);
}

static size_t ref_linear_bytes(const linear_weights * lw) { return (lw->n * lw->k + lw->n) * sizeof(float); }

const kernel_backend * reference_backend() {
    static const kernel_backend backend = {
        "reference",
        ref_linear_create,
        ref_linear_run,
        ref_linear_destroy,
        ref_linear_bytes,
        ref::layer_norm,
        ref::attention,
    };
    return &backend;
}

} // namespace mab
