// Mirrors transformers/pipelines/token_classification.py:
//   gather_pre_entities: a token is a sub-word when it continues the previous token's word;
//   aggregate / aggregate_word: NONE and SIMPLE label every token with its argmax; FIRST, AVERAGE and
//     MAX first merge the tokens of a word into one unit;
//   group_entities: consecutive units join the previous group when they have the same tag and are not
//     "B" (for BIOES also not "S", and the previous unit is not "E" or "S"); a group is named after its
//     first unit's tag and scored by the mean of its units' scores;
//   postprocess: entities whose label (NONE) or group tag is in ignore_labels are dropped.
#include "pipeline/entity-decoder.h"

#include <algorithm>
#include <cstring>

namespace mab {

static const char * const k_aggregation_names[] = {"none", "simple", "first", "average", "max"};

bool aggregation_from_name(const char * name, aggregation * out) {
    for (int i = 0; i < 5; i++) {
        if (name && !strcmp(name, k_aggregation_names[i])) {
            *out = (aggregation) i;
            return true;
        }
    }
    return false;
}

const char * aggregation_name(aggregation a) { return k_aggregation_names[(int) a]; }

int32_t argmax(const float * p, int32_t n) {
    int32_t best = 0;
    for (int32_t i = 1; i < n; i++) {
        if (p[i] > p[best]) best = i;
    }
    return best;
}

void entity_decoder::push(int32_t begin, int32_t end, bool is_subword, const float * probs) {
    const int32_t n = (int32_t) labels->labels.size();
    const int32_t top = argmax(probs, n);
    if (strategy == AGGREGATION_NONE || strategy == AGGREGATION_SIMPLE) {
        push_unit({top, probs[top], begin, end});
        return;
    }
    if (word_open && is_subword) {
        word.end = end;
        if (strategy == AGGREGATION_AVERAGE) {
            for (int32_t i = 0; i < n; i++) word_sum[(size_t) i] += probs[i];
            word_n++;
        } else if (strategy == AGGREGATION_MAX && probs[top] > word_best) {
            // Strictly greater: Python's max() keeps the first of equal maxima.
            word_best = probs[top];
            word.label = top;
            word.score = probs[top];
        }
        return;
    }
    if (word_open) close_word();
    word_open = true;
    word      = {top, probs[top], begin, end};
    word_best = probs[top];
    if (strategy == AGGREGATION_AVERAGE) {
        word_sum.assign(probs, probs + n);
        word_n = 1;
    }
}

void entity_decoder::close_word() {
    word_open = false;
    if (strategy == AGGREGATION_AVERAGE) {
        const int32_t n = (int32_t) labels->labels.size();
        for (int32_t i = 0; i < n; i++) word_sum[(size_t) i] /= (float) word_n;
        word.label = argmax(word_sum.data(), n);
        word.score = word_sum[(size_t) word.label];
    }
    push_unit(word);
}

void entity_decoder::push_unit(const unit & u) {
    if (strategy == AGGREGATION_NONE) {
        emit(u.label, false, u.begin, u.end, u.score);
        return;
    }
    if (group_open) {
        const label_tag & cur  = labels->tags[(size_t) u.label];
        const label_tag & last = labels->tags[(size_t) group_last_label];
        bool joins = cur.tag == last.tag && cur.bi != 'B';
        if (labels->bioes) joins = joins && cur.bi != 'S' && last.bi != 'E' && last.bi != 'S';
        if (joins) {
            group_last_label = u.label;
            group_end        = u.end;
            group_score_sum += u.score;
            group_n++;
            return;
        }
        close_group();
    }
    group_open        = true;
    group_first_label = group_last_label = u.label;
    group_begin       = u.begin;
    group_end         = u.end;
    group_score_sum   = u.score;
    group_n           = 1;
}

void entity_decoder::close_group() {
    group_open = false;
    emit(group_first_label, true, group_begin, group_end, (float) (group_score_sum / group_n));
}

void entity_decoder::emit(int32_t label, bool grouped, int32_t begin, int32_t end, float score) {
    const std::string & tag  = labels->tags[(size_t) label].tag;
    const std::string & name = grouped ? tag : labels->labels[(size_t) label];
    if (std::find(ignore_labels.begin(), ignore_labels.end(), name) != ignore_labels.end()) return;
    span s;
    s.begin  = begin;
    s.end    = end;
    s.score  = score;
    s.source = SOURCE_MODEL;
    s.origin = name;
    static const std::map<std::string, std::string> no_types;
    type_of_tag(tag, label_types ? *label_types : no_types, &s.type, &s.subtype);
    out->push_back(std::move(s));
}

void entity_decoder::finish() {
    if (word_open) close_word();
    if (group_open) close_group();
}

} // namespace mab
