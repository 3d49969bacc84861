// Long notes: the model sees overlapping windows of at most max_length tokens (the tokenizer's
// return_overflowing_tokens windows, `stride` tokens shared by neighbours); every token takes the
// probabilities of the window where it has the most context, i.e. where its distance to the nearer
// window edge is largest (ties keep the earlier window). Tokens are handed on in text order as soon as
// no later window can improve them, so memory stays at one window of probabilities whatever the
// length of the note, and the decoder sees one continuous token stream: no entity is cut where a
// window ends.
#pragma once

#include "minialbert.h"

#include <cstdint>
#include <vector>

namespace mab {

// Runs the classifier on one window: ids[0, len) -> logits[len][n_labels].
typedef mab_status (*window_forward_fn)(void * user, const int32_t * ids, int32_t len, float * logits);
// Receives token `token` of the tokenization (0-based, in order, each exactly once) with its softmax
// probabilities.
typedef void (*token_sink_fn)(void * user, int32_t token, const float * probs);

struct window_runner {
    window_forward_fn forward      = nullptr;
    void *            forward_user = nullptr;
    token_sink_fn     sink         = nullptr;
    void *            sink_user    = nullptr;
    int32_t           n_labels     = 0;
    int32_t           n_added_begin = 1; // tokens the tokenizer puts before each window's text ([CLS])
    int32_t           n_added_end   = 1; // and after it ([SEP])

    // Where the run stands: the next window to run, and tokens [base, base + n_pending) of the
    // tokenization, seen but not yet handed on.
    int32_t next_window = 0;
    int32_t base        = 0;
    int32_t n_pending   = 0;

    // Scratch, reused across calls.
    std::vector<float>   logits;  // [window][n_labels]
    std::vector<float>   pending; // probabilities of tokens not yet handed on
    std::vector<int32_t> context; // their best context so far
};

// Runs window r->next_window of `enc` (from mab_tokenizer_encode) and hands on the tokens no later
// window can improve. A caller that must stay responsive runs one window at a time.
mab_status window_runner_step(window_runner * r, const mab_encoding * enc);
// Whether every window of `enc` has run.
bool window_runner_done(const window_runner * r, const mab_encoding * enc);
// After the last step: checks that every token was handed on once.
mab_status window_runner_finish(const window_runner * r, const mab_encoding * enc);
// Every remaining step, then window_runner_finish.
mab_status window_runner_run(window_runner * r, const mab_encoding * enc);

// Softmax of n logits into out (max-subtracted, as numpy does upstream). False, with out all zero,
// when the row has no distribution: a NaN or +inf logit, or every logit -inf.
bool softmax_row(const float * logits, int32_t n, float * out);

} // namespace mab
