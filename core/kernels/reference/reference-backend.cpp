// The `reference` backend: the scalar reference operators behind the kernel interface. Linear
// weights are kept in PyTorch's [n][k] layout (a plain copy), f32 or int8 with per-channel scales.
#include "kernels/reference/reference-ops.h"
#include "status.h"

#include <cstdlib>
#include <cstring>

namespace mab {

struct linear_weights {
    size_t     n, k;
    activation act;
    float *    w;       // [n][k], or null for int8 weights
    float *    b;       // [n]
    int8_t *   wq;      // [n][k] int8 weights (linear_create_q8), or null
    float *    w_scale; // [n]
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
    *lw = {n, k, act, wc, bc, nullptr, nullptr};
    *out = lw;
    return MAB_STATUS_OK;
}

static mab_status ref_linear_create_q8(size_t n, size_t k, const int8_t * w, const float * w_scale, const float * b,
                                       activation act, linear_weights ** out) {
    size_t nk;
    if (mul_overflows(n, k, &nk) || k > LINEAR_Q8_MAX_K) {
        return set_error(MAB_STATUS_INVALID_ARGUMENT, "int8 linear layer %zux%zu is too large", n, k);
    }
    auto * lw = (linear_weights *) calloc(1, sizeof(linear_weights));
    int8_t * wc = (int8_t *) malloc(nk ? nk : 1);
    float * sc = (float *) malloc((n ? n : 1) * sizeof(float));
    float * bc = (float *) calloc(n ? n : 1, sizeof(float));
    if (!lw || !wc || !sc || !bc) {
        free(lw); free(wc); free(sc); free(bc);
        return set_error(MAB_STATUS_OUT_OF_MEMORY, "out of memory packing a %zux%zu int8 linear layer", n, k);
    }
    memcpy(wc, w, nk);
    memcpy(sc, w_scale, n * sizeof(float));
    if (b) memcpy(bc, b, n * sizeof(float));
    *lw = {n, k, act, nullptr, bc, wc, sc};
    *out = lw;
    return MAB_STATUS_OK;
}

static void ref_linear_run(const linear_weights * lw, size_t m, const float * x, float * y) {
    if (lw->wq) {
        ref::linear_q8(m, lw->n, lw->k, x, lw->wq, lw->w_scale, lw->b, lw->act, 127, y);
    } else {
        ref::linear(m, lw->n, lw->k, x, lw->w, lw->b, lw->act, y);
    }
}

static void ref_linear_destroy(linear_weights * lw) {
    if (!lw) return;
    free(lw->w);
    free(lw->b);
    free(lw->wq);
    free(lw->w_scale);
    free(lw);
}

static size_t ref_linear_bytes(const linear_weights * lw) {
    if (lw->wq) return lw->n * lw->k + 2 * lw->n * sizeof(float);
    return (lw->n * lw->k + lw->n) * sizeof(float);
}

const kernel_backend * reference_backend() {
    static const kernel_backend backend = {
        "reference",
        ref_linear_create,
        ref_linear_create_q8,
        127,
        ref_linear_run,
        ref_linear_destroy,
        ref_linear_bytes,
        ref::layer_norm,
        ref::attention,
        "ref::linear_q8",
    };
    return &backend;
}

} // namespace mab
