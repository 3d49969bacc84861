// Token probabilities -> entities, with the semantics of transformers' TokenClassificationPipeline
// (postprocess / aggregate / aggregate_word / group_entities) for the five aggregation strategies,
// extended to the BIOES scheme. Tokens arrive one at a time, so a note of any length is decoded in
// memory bounded by the longest word.
#pragma once

#include "minialbert.h"
#include "pipeline/labels.h"
#include "pipeline/span.h"

#include <map>
#include <string>
#include <vector>

namespace mab {

enum aggregation {
    AGGREGATION_NONE,    // one entity per token, labelled with the full label ("B-PATIENT")
    AGGREGATION_SIMPLE,  // tokens grouped by B/I (and E/S) into entities; score = mean token score
    AGGREGATION_FIRST,   // a word takes the label of its first token, then grouping as SIMPLE
    AGGREGATION_AVERAGE, // a word takes the argmax of its tokens' mean probabilities
    AGGREGATION_MAX,     // a word takes the label of its most confident token
};

bool aggregation_from_name(const char * name, aggregation * out);
const char * aggregation_name(aggregation a);

struct entity_decoder {
    // Set before the first push.
    const label_set *                          labels      = nullptr;
    const std::map<std::string, std::string> * label_types = nullptr;
    aggregation                                strategy    = AGGREGATION_FIRST;
    std::vector<std::string>                   ignore_labels{"O"}; // as upstream: labels (NONE) or group tags
    std::vector<span> *                        out = nullptr;

    // One token, in text order: its code point range, whether it continues the previous token's word
    // (a WordPiece "##" piece: same pre-tokenized word), and its softmax probabilities.
    void push(int32_t begin, int32_t end, bool is_subword, const float * probs);
    // Flushes the last word and group.
    void finish();

    // Internal state.
    struct unit {
        int32_t label;
        float   score;
        int32_t begin;
        int32_t end;
    };
    bool               word_open = false;
    unit               word{};
    std::vector<float> word_sum;   // AVERAGE: sum of the word's token probabilities
    int32_t            word_n = 0;
    float              word_best = -1.0f; // MAX: the best token's top probability

    bool               group_open = false;
    int32_t            group_first_label = 0;
    int32_t            group_last_label  = 0;
    int32_t            group_begin = 0, group_end = 0;
    double             group_score_sum = 0.0;
    int32_t            group_n = 0;

    void close_word();
    void push_unit(const unit & u);
    void close_group();
    void emit(int32_t label, bool grouped, int32_t begin, int32_t end, float score);
};

// argmax over n probabilities; the first of equal maxima, as numpy.argmax.
int32_t argmax(const float * p, int32_t n);

} // namespace mab
