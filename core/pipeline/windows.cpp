#include "pipeline/windows.h"

#include "status.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace mab {

bool softmax_row(const float * x, int32_t n, float * out) {
    float m = x[0];
    for (int32_t i = 1; i < n; i++) m = std::max(m, x[i]);
    float sum = 0.0f;
    if (std::isfinite(m)) {
        for (int32_t i = 0; i < n; i++) {
            out[i] = std::exp(x[i] - m);
            sum += out[i];
        }
    }
    // The max term alone is exp(0) = 1, so a finite row sums to at least 1; a NaN logit, a +inf
    // one, or a row of -inf does not.
    if (!(sum >= 1.0f)) {
        for (int32_t i = 0; i < n; i++) out[i] = 0.0f;
        return false;
    }
    for (int32_t i = 0; i < n; i++) out[i] /= sum;
    return true;
}

mab_status window_runner_step(window_runner * r, const mab_encoding * enc) {
    const int32_t n_windows = mab_encoding_n_windows(enc);
    const int32_t n_tokens  = mab_encoding_n_tokens(enc);
    const int32_t L         = r->n_labels;
    const int32_t w         = r->next_window;
    if (L <= 0) return set_error(MAB_STATUS_INVALID_ARGUMENT, "window_runner: the model has no labels");
    if (w >= n_windows) return set_error(MAB_STATUS_INVALID_ARGUMENT, "window_runner: all %d windows have run", n_windows);
    const int32_t len    = mab_encoding_window_length(enc, w);
    const int32_t first  = mab_encoding_window_first_token(enc, w);
    const int32_t next   = w + 1 < n_windows ? mab_encoding_window_first_token(enc, w + 1) : n_tokens;
    const int32_t n_text = len - r->n_added_begin - r->n_added_end;
    int32_t & base = r->base, & n_pending = r->n_pending;
    r->next_window++;
    if (n_text <= 0) return MAB_STATUS_OK; // an empty text still has one window of [CLS] [SEP]
    if (first > base + n_pending || first < base || first + n_text > n_tokens) {
        return set_error(MAB_STATUS_INVALID_ARGUMENT,
                         "window %d holds tokens [%d, %d), expected a start in [%d, %d] and an end <= %d", w, first,
                         first + n_text, base, base + n_pending, n_tokens);
    }
    // Probabilities for [len or span][labels]: checked, as wasm32's 32-bit size_t would wrap.
    const int32_t span = std::max(n_pending, first - base + n_text);
    if ((checked_size((size_t) std::max(len, span)) * (size_t) L * sizeof(float)).overflow) {
        return set_error(MAB_STATUS_BAD_INPUT, "window %d: %d tokens x %d labels exceed the %zu-bit address space", w,
                         std::max(len, span), L, sizeof(size_t) * 8);
    }
    r->logits.resize((size_t) len * L);
    r->pending.resize((size_t) span * L);
    r->context.resize((size_t) span);
    mab_status st = r->forward(r->forward_user, mab_encoding_window_ids(enc, w), len, r->logits.data());
    if (st != MAB_STATUS_OK) return st;
    for (int32_t j = 0; j < n_text; j++) {
        const int32_t t   = first + j;
        const int32_t ctx = std::min(j, n_text - 1 - j);
        const int32_t k   = t - base;
        if (k < n_pending && ctx <= r->context[(size_t) k]) continue;
        const float * row = r->logits.data() + (size_t) (r->n_added_begin + j) * L;
        if (!softmax_row(row, L, r->pending.data() + (size_t) k * L)) {
            int32_t c = 0;
            while (c < L - 1 && std::isfinite(row[c])) c++;
            return set_error(MAB_STATUS_BAD_WEIGHTS,
                             "window %d: the model gave logit %g for label %d of text token %d, expected a finite "
                             "value (a layer overflows float32: check the checkpoint)",
                             w, (double) row[c], c, t);
        }
        r->context[(size_t) k] = ctx;
        if (k >= n_pending) n_pending = k + 1;
    }
    // Tokens before the next window's start are final.
    const int32_t n_done = std::min(next - base, n_pending);
    for (int32_t k = 0; k < n_done; k++) r->sink(r->sink_user, base + k, r->pending.data() + (size_t) k * L);
    memmove(r->pending.data(), r->pending.data() + (size_t) n_done * L, sizeof(float) * (size_t) (n_pending - n_done) * L);
    memmove(r->context.data(), r->context.data() + n_done, sizeof(int32_t) * (size_t) (n_pending - n_done));
    base += n_done;
    n_pending -= n_done;
    return MAB_STATUS_OK;
}

bool window_runner_done(const window_runner * r, const mab_encoding * enc) {
    return r->next_window >= mab_encoding_n_windows(enc);
}

mab_status window_runner_finish(const window_runner * r, const mab_encoding * enc) {
    const int32_t n_tokens = mab_encoding_n_tokens(enc);
    if (!window_runner_done(r, enc) || r->base != n_tokens) {
        return set_error(MAB_STATUS_INVALID_ARGUMENT, "the windows cover tokens [0, %d) of %d", r->base, n_tokens);
    }
    return MAB_STATUS_OK;
}

mab_status window_runner_run(window_runner * r, const mab_encoding * enc) {
    while (!window_runner_done(r, enc)) {
        const mab_status st = window_runner_step(r, enc);
        if (st != MAB_STATUS_OK) return st;
    }
    return window_runner_finish(r, enc);
}

} // namespace mab
