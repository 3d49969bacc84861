// mab_classify (include/minialbert.h, "sequence classification"): text in, every label's score out,
// as transformers' TextClassificationPipeline computes them with truncation.
#include "minialbert.h"

#include "status.h"
#include "tokenizer/tokenizer.h"

#include <cmath>
#include <vector>

extern "C" mab_status mab_classify(mab_model * model, const mab_tokenizer * tokenizer, const char * text, size_t len,
                                   int32_t max_length, float * scores, mab_classification * out) {
    if (!model || !tokenizer || (!text && len) || !scores) {
        return mab::set_error(MAB_STATUS_INVALID_ARGUMENT, "mab_classify: null argument");
    }
    mab_model_info mi;
    mab_model_get_info(model, &mi);
    if (mi.head != MAB_HEAD_SEQUENCE_CLASSIFICATION || mi.num_labels < 1) {
        return mab::set_error(MAB_STATUS_NO_HEAD, "the model has no sequence-classification head (classify needs one; "
                                                  "tag a token-classification model instead)");
    }
    // The model's positions bound a window, and so does the tokenizer's model_max_length when smaller.
    mab_tokenizer_info ti;
    mab_tokenizer_get_info(tokenizer, &ti);
    if (const mab_status st = mab::tokenizer_check_ids(tokenizer, mi.vocab_size)) return st;
    int32_t limit = mi.max_position_embeddings;
    if (ti.model_max_length > 0 && ti.model_max_length < limit) limit = ti.model_max_length;
    if (max_length < 0 || max_length > limit) {
        return mab::set_error(MAB_STATUS_INVALID_ARGUMENT, "max_length %d is outside 0 (the model's) .. %d",
                              max_length, limit);
    }
    mab_tokenizer_encode_params ep = mab_tokenizer_default_encode_params();
    ep.max_length                  = max_length ? max_length : limit;
    ep.max_windows                 = 1;
    mab_encoding * enc             = nullptr;
    mab_status     st              = mab_tokenizer_encode(tokenizer, text ? text : "", len, ep, &enc);
    if (st) return st;
    const int32_t window = mab_encoding_window_length(enc, 0);
    std::vector<float> logits((size_t) mi.num_labels);
    st = mab_forward(model, mab_encoding_window_ids(enc, 0), nullptr, nullptr, 1, window, logits.data(), nullptr,
                     mab_forward_default_params());
    const mab_classification read = {mab_encoding_n_tokens(enc), window - ti.n_added_begin - ti.n_added_end};
    mab_encoding_free(enc);
    if (st) return st;
    float max = logits[0];
    for (int32_t l = 0; l < mi.num_labels; l++) {
        // An overflowed layer would make every score NaN, which no caller should read as a ranking.
        if (!std::isfinite(logits[(size_t) l])) {
            return mab::set_error(MAB_STATUS_BAD_WEIGHTS, "the model gave logit %g for label %d",
                                  (double) logits[(size_t) l], l);
        }
        max = std::fmax(max, logits[(size_t) l]);
    }
    if (mi.num_labels == 1 || mi.multi_label) {
        for (int32_t l = 0; l < mi.num_labels; l++) scores[l] = 1.0f / (1.0f + std::exp(-logits[(size_t) l]));
    } else {
        double sum = 0.0;
        for (int32_t l = 0; l < mi.num_labels; l++) sum += std::exp((double) (logits[(size_t) l] - max));
        for (int32_t l = 0; l < mi.num_labels; l++) scores[l] = (float) (std::exp((double) (logits[(size_t) l] - max)) / sum);
    }
    if (out) *out = read;
    return MAB_STATUS_OK;
}
