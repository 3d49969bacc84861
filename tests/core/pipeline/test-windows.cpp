// windows.cpp: every token takes the window where it has the most context, each token is handed on
// once and in order, no entity is cut at a window edge, memory stays at one window, non-finite
// logits are an error rather than NaN scores; and with the golden tiny model, a note longer than 512
// tokens gives the same spans as a brute-force run that scores every token in every window that
// holds it.
#define BOOST_TEST_MODULE windows
#include <boost/test/unit_test.hpp>

#include "minialbert.h"
#include "pipeline/entity-decoder.h"
#include "pipeline/clinical-terms.h"
#include "pipeline/merge.h"
#include "pipeline/rules.h"
#include "pipeline/spoken-names.h"
#include "pipeline/tagger.h"
#include "pipeline/windows.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace mab;

namespace {

// A tokenizer whose vocabulary is x0..x999: "x5 x17" is two tokens, ids 5 + 5 and 17 + 5.
struct synthetic_tokenizer {
    mab_tokenizer * tok = nullptr;
    synthetic_tokenizer() {
        std::string vocab = "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\n";
        for (int k = 0; k < 1000; k++) vocab += "x" + std::to_string(k) + "\n";
        const mab_status st = mab_tokenizer_load_from_buffers(vocab.data(), vocab.size(), nullptr, 0, nullptr, 0, nullptr, 0, &tok);
        BOOST_REQUIRE_MESSAGE(st == MAB_STATUS_OK, mab_last_error());
    }
    ~synthetic_tokenizer() { mab_tokenizer_free(tok); }
};

std::string synthetic_text(int n_tokens) {
    std::string s;
    for (int k = 0; k < n_tokens; k++) s += (k ? " x" : "x") + std::to_string(k % 1000);
    return s;
}

// A stand-in model with 2 labels whose logit 1 is the token's position in the window: the
// probabilities say which position (hence which window context) a token was scored at.
struct position_model {
    int32_t calls = 0;
    static mab_status forward(void * user, const int32_t *, int32_t len, float * logits) {
        ((position_model *) user)->calls++;
        for (int32_t j = 0; j < len; j++) logits[2 * j] = 0.0f, logits[2 * j + 1] = 0.01f * (float) j;
        return MAB_STATUS_OK;
    }
};

struct collected {
    std::vector<int32_t> tokens;
    std::vector<int32_t> positions; // position in its window ([CLS] = 0), recovered from the probabilities
    static void sink(void * user, int32_t t, const float * p) {
        collected * c = (collected *) user;
        c->tokens.push_back(t);
        c->positions.push_back((int32_t) std::lround(std::log(p[1] / p[0]) / 0.01));
    }
};

void run_positions(int n_tokens, int32_t max_length, int32_t stride) {
    synthetic_tokenizer st;
    const std::string text = synthetic_text(n_tokens);
    mab_tokenizer_encode_params ep = mab_tokenizer_default_encode_params();
    ep.max_length = max_length;
    ep.stride     = stride;
    mab_encoding * enc = nullptr;
    BOOST_REQUIRE(mab_tokenizer_encode(st.tok, text.data(), text.size(), ep, &enc) == MAB_STATUS_OK);
    BOOST_REQUIRE_EQUAL(mab_encoding_n_tokens(enc), n_tokens);

    position_model model;
    collected got;
    window_runner r;
    r.forward      = position_model::forward;
    r.forward_user = &model;
    r.sink         = collected::sink;
    r.sink_user    = &got;
    r.n_labels     = 2;
    BOOST_REQUIRE(window_runner_run(&r, enc) == MAB_STATUS_OK);
    // The model runs once per window holding text (an empty text has one window of [CLS] [SEP] only).
    BOOST_TEST(model.calls == (n_tokens ? mab_encoding_n_windows(enc) : 0));

    // Brute force: for every token, the window with the largest min(left, right) context (earliest on ties).
    BOOST_REQUIRE_EQUAL((int) got.tokens.size(), n_tokens);
    for (int32_t t = 0; t < n_tokens; t++) {
        BOOST_REQUIRE_EQUAL(got.tokens[(size_t) t], t);
        int32_t best_ctx = -1, best_pos = -1;
        for (int32_t w = 0; w < mab_encoding_n_windows(enc); w++) {
            const int32_t first = mab_encoding_window_first_token(enc, w), n = mab_encoding_window_length(enc, w) - 2;
            if (t < first || t >= first + n) continue;
            const int32_t ctx = std::min(t - first, first + n - 1 - t);
            if (ctx > best_ctx) best_ctx = ctx, best_pos = 1 + t - first;
        }
        BOOST_TEST_CONTEXT("token " << t) { BOOST_TEST(got.positions[(size_t) t] == best_pos); }
    }
    // Bounded memory: the pending buffer never holds more than one window of probabilities.
    BOOST_TEST(r.pending.size() <= (size_t) max_length * 2);
    mab_encoding_free(enc);
}

// What the tagger drops of the model's entities in these ASCII notes (code points are bytes): those
// without a letter or digit, the names made of medication words ("metoprolol"), of function words
// ("with"), before a clinical noun ("Achilles reflexes"), of common words by the note's capitals or
// of common words in lower case, once names have left out their leading words.
void drop_implausible(const std::string & text, std::vector<span> * spans) {
    for (span & s : *spans) {
        if (s.type != "NAME") continue;
        size_t b = (size_t) s.begin, e = (size_t) s.end;
        if (s.subtype != "USERNAME") trim_lower_case_words_around_a_name(text.data(), text.size(), &b, &e);
        s.begin = (int32_t) name_start_after_leading_words(text.data(), text.size(), b, e);
        s.end   = (int32_t) e;
    }
    word_cases cases;
    spans->erase(std::remove_if(spans->begin(), spans->end(),
                                [&](const span & s) {
                                    const std::string t = text.substr((size_t) s.begin, (size_t) (s.end - s.begin));
                                    const size_t b = (size_t) s.begin, e = (size_t) s.end;
                                    return std::none_of(t.begin(), t.end(), [](char c) { return isalnum((unsigned char) c) != 0; }) ||
                                           (s.type == "NAME" && (is_clinical_term(t.data(), t.size()) ||
                                                                 is_no_name(text.data(), text.size(), b, e) ||
                                                                 is_before_a_clinical_noun(text.data(), text.size(), b, e) ||
                                                                 is_common_word_by_case(text.data(), text.size(), b, e, &cases) ||
                                                                 is_lower_case_no_name(text.data(), text.size(), b, e, &cases)));
                                }),
                 spans->end());
    for (span & s : *spans) {
        if (s.type == "NAME" && is_month_after_a_word_of_time(text.data(), text.size(), (size_t) s.begin, (size_t) s.end)) {
            s.type = s.subtype = "DATE"; // "since March": the tagger's retyping
        } else if (s.type == "NAME" && s.subtype != "USERNAME") {
            // The tagger's second trim and the surname it left.
            size_t b = (size_t) s.begin, e = (size_t) s.end;
            trim_lower_case_words_around_a_name(text.data(), text.size(), &b, &e);
            const size_t surname_end = name_surname_end(text.data(), text.size(), b, e);
            if (!is_before_a_clinical_noun(text.data(), text.size(), b, surname_end)) e = surname_end;
            s.begin = (int32_t) b, s.end = (int32_t) e;
        }
    }
    text_index index;
    BOOST_REQUIRE(text_index_build(text.data(), text.size(), &index) == MAB_STATUS_OK);
    join_split_names(text.data(), index, spans); // a name the model split in two: one span
    merge_spans(spans);                          // a name grown over a surname the model typed otherwise
}

} // namespace

BOOST_AUTO_TEST_SUITE(windows_suite)

BOOST_AUTO_TEST_CASE(most_context_window_wins) {
    run_positions(1000, 64, 16);  // many windows, a quarter shared
    run_positions(1000, 64, 40);  // more than half shared: tokens sit in three windows
    run_positions(1000, 64, 0);   // no overlap
    run_positions(61, 64, 16);    // one window exactly full
    run_positions(63, 64, 16);    // one token more than a window
    run_positions(5, 512, 128);   // shorter than one window
}

BOOST_AUTO_TEST_CASE(empty_text_gives_no_tokens) { run_positions(0, 32, 8); }

BOOST_AUTO_TEST_CASE(an_entity_across_window_edges_stays_whole) {
    // Every token says I-PER (the first B-PER): one entity over the whole note, whatever the windows.
    synthetic_tokenizer st;
    const std::string text = synthetic_text(700);
    mab_tokenizer_encode_params ep = mab_tokenizer_default_encode_params();
    ep.max_length = 128;
    ep.stride     = 32;
    mab_encoding * enc = nullptr;
    BOOST_REQUIRE(mab_tokenizer_encode(st.tok, text.data(), text.size(), ep, &enc) == MAB_STATUS_OK);
    BOOST_REQUIRE_GT(mab_encoding_n_windows(enc), 5);

    label_set ls;
    label_set_build({"O", "B-PER", "I-PER"}, &ls);
    std::vector<span> spans;
    entity_decoder dec;
    dec.labels = &ls;
    dec.out    = &spans;
    struct ctx {
        entity_decoder * dec;
        const int32_t *  offsets;
    } c{&dec, mab_encoding_offsets_codepoints(enc)};
    window_runner r;
    r.forward = [](void *, const int32_t *, int32_t len, float * logits) {
        for (int32_t j = 0; j < len; j++) logits[3 * j] = 0.0f, logits[3 * j + 1] = 0.0f, logits[3 * j + 2] = 4.0f;
        return MAB_STATUS_OK;
    };
    r.sink = [](void * u, int32_t t, const float * p) {
        ctx * c = (ctx *) u;
        c->dec->push(c->offsets[2 * t], c->offsets[2 * t + 1], false, p);
    };
    r.sink_user = &c;
    r.n_labels  = 3;
    BOOST_REQUIRE(window_runner_run(&r, enc) == MAB_STATUS_OK);
    dec.finish();
    BOOST_REQUIRE_EQUAL(spans.size(), 1u);
    BOOST_TEST(spans[0].begin == 0);
    BOOST_TEST(spans[0].end == (int32_t) text.size());
    mab_encoding_free(enc);
}

BOOST_AUTO_TEST_CASE(a_failing_forward_is_passed_up) {
    synthetic_tokenizer st;
    const std::string text = synthetic_text(10);
    mab_encoding * enc = nullptr;
    BOOST_REQUIRE(mab_tokenizer_encode(st.tok, text.data(), text.size(), mab_tokenizer_default_encode_params(), &enc) == MAB_STATUS_OK);
    window_runner r;
    r.forward  = [](void *, const int32_t *, int32_t, float *) { return MAB_STATUS_OUT_OF_MEMORY; };
    r.sink     = [](void *, int32_t, const float *) {};
    r.n_labels = 2;
    BOOST_TEST(window_runner_run(&r, enc) == MAB_STATUS_OUT_OF_MEMORY);
    mab_encoding_free(enc);
}

BOOST_AUTO_TEST_CASE(softmax_of_a_non_finite_row_is_refused) {
    float p[3];
    const float masked[] = {-INFINITY, 0.0f, 1.0f}; // a -inf logit among finite ones is a 0 probability
    BOOST_TEST(softmax_row(masked, 3, p));
    BOOST_TEST(p[0] == 0.0f);
    BOOST_TEST(std::fabs(p[1] + p[2] - 1.0f) < 1e-6f);
    const float rows[][3] = {{NAN, 0.0f, 1.0f}, {0.0f, NAN, 1.0f}, {0.0f, INFINITY, 1.0f}, {-INFINITY, -INFINITY, -INFINITY}};
    for (const auto & row : rows) {
        BOOST_TEST(!softmax_row(row, 3, p));
        BOOST_TEST((p[0] == 0.0f && p[1] == 0.0f && p[2] == 0.0f)); // never NaN scores
    }
}

BOOST_AUTO_TEST_CASE(non_finite_logits_are_an_error) {
    synthetic_tokenizer st;
    const std::string text = synthetic_text(10);
    mab_encoding * enc = nullptr;
    BOOST_REQUIRE(mab_tokenizer_encode(st.tok, text.data(), text.size(), mab_tokenizer_default_encode_params(), &enc) == MAB_STATUS_OK);
    window_runner r;
    r.forward = [](void *, const int32_t *, int32_t len, float * logits) {
        for (int32_t j = 0; j < len; j++) logits[2 * j] = 0.0f, logits[2 * j + 1] = j == 4 ? NAN : 1.0f;
        return MAB_STATUS_OK;
    };
    r.sink     = [](void *, int32_t, const float *) {};
    r.n_labels = 2;
    BOOST_TEST(window_runner_run(&r, enc) == MAB_STATUS_BAD_WEIGHTS);
    const std::string msg = mab_last_error();
    BOOST_TEST(msg.find("window 0: the model gave logit nan for label 1 of text token 3, expected a finite value") !=
                   std::string::npos, msg);
    mab_encoding_free(enc);
}

BOOST_AUTO_TEST_CASE(golden_tiny_long_note_matches_brute_force) {
    const std::string dir = std::string(MAB_GOLDEN_DIR) + "/tiny";
    mab_model * model = nullptr;
    mab_tokenizer * tok = nullptr;
    BOOST_REQUIRE_MESSAGE(mab_model_load_from_dir(dir.c_str(), mab_model_default_params(), &model) == MAB_STATUS_OK, mab_last_error());
    BOOST_REQUIRE_MESSAGE(mab_tokenizer_load_from_dir(dir.c_str(), &tok) == MAB_STATUS_OK, mab_last_error());
    mab_tagger * tagger = nullptr;
    BOOST_REQUIRE(mab_tagger_init(model, tok, nullptr, 0, &tagger) == MAB_STATUS_OK);

    std::string note;
    const char * parts[] = {"Patient John Smith was admitted on 03/14/2021 with chest pain. ",
                            "Seen by Dr. Alice Wong at Mercy Hospital; follow up in two weeks. ",
                            "Mrs. Garcia reports dizziness since March 2020 and takes metoprolol daily. "};
    for (int k = 0; k < 60; k++) note += parts[k % 3];

    mab_tokenizer_encode_params ep = mab_tokenizer_default_encode_params();
    ep.max_length = 512;
    ep.stride     = 128;
    mab_encoding * enc = nullptr;
    BOOST_REQUIRE(mab_tokenizer_encode(tok, note.data(), note.size(), ep, &enc) == MAB_STATUS_OK);
    const int32_t n_tokens = mab_encoding_n_tokens(enc), n_windows = mab_encoding_n_windows(enc);
    BOOST_TEST_MESSAGE(n_tokens << " tokens in " << n_windows << " windows");
    BOOST_REQUIRE_GT(n_windows, 2);

    // Brute force: run every window, keep each token's probabilities from its best window.
    const int32_t L = 5;
    std::vector<float> best((size_t) n_tokens * L);
    std::vector<int32_t> best_ctx((size_t) n_tokens, -1);
    for (int32_t w = 0; w < n_windows; w++) {
        const int32_t len = mab_encoding_window_length(enc, w), first = mab_encoding_window_first_token(enc, w);
        std::vector<float> logits((size_t) len * L);
        BOOST_REQUIRE(mab_forward(model, mab_encoding_window_ids(enc, w), nullptr, nullptr, 1, len, logits.data(), nullptr,
                                  mab_forward_default_params()) == MAB_STATUS_OK);
        for (int32_t j = 0; j < len - 2; j++) {
            const int32_t ctx = std::min(j, len - 3 - j);
            if (ctx <= best_ctx[(size_t) (first + j)]) continue;
            best_ctx[(size_t) (first + j)] = ctx;
            softmax_row(logits.data() + (size_t) (j + 1) * L, L, best.data() + (size_t) (first + j) * L);
        }
    }
    for (aggregation a : {AGGREGATION_NONE, AGGREGATION_SIMPLE, AGGREGATION_FIRST, AGGREGATION_AVERAGE, AGGREGATION_MAX}) {
        label_set ls;
        std::vector<std::string> labels;
        for (int32_t l = 0; l < L; l++) labels.push_back(mab_model_label(model, l));
        label_set_build(labels, &ls);
        std::vector<span> want;
        entity_decoder dec;
        dec.labels   = &ls;
        dec.strategy = a;
        dec.out      = &want;
        const int32_t * off = mab_encoding_offsets_codepoints(enc), * words = mab_encoding_word_ids(enc);
        for (int32_t t = 0; t < n_tokens; t++) dec.push(off[2 * t], off[2 * t + 1], t > 0 && words[t] == words[t - 1], best.data() + (size_t) t * L);
        dec.finish();
        if (a != AGGREGATION_NONE) drop_implausible(note, &want);

        mab_tag_params p = mab_tag_default_params();
        p.aggregation = (mab_aggregation) a;
        p.max_length  = 512;
        p.stride      = 128;
        p.rules       = "none";
        p.offsets     = MAB_OFFSETS_CODEPOINTS;
        mab_tag_result * r = nullptr;
        BOOST_REQUIRE(mab_tag(tagger, note.data(), note.size(), &p, &r) == MAB_STATUS_OK);
        BOOST_TEST_CONTEXT("aggregation " << aggregation_name(a)) {
            BOOST_REQUIRE_EQUAL(mab_tag_result_n_entities(r), (int32_t) want.size());
            BOOST_TEST(want.size() > 10u);
            for (int32_t i = 0; i < mab_tag_result_n_entities(r); i++) {
                mab_entity e;
                BOOST_REQUIRE(mab_tag_result_entity(r, i, &e) == MAB_STATUS_OK);
                BOOST_TEST(e.start == want[(size_t) i].begin);
                BOOST_TEST(e.end == want[(size_t) i].end);
                BOOST_TEST(std::string(e.subtype) == want[(size_t) i].subtype);
                BOOST_TEST(std::fabs(e.score - want[(size_t) i].score) < 1e-6);
            }
        }
        mab_tag_result_free(r);
    }

    // A note that fits one window: the tagger's spans are those of one forward over the whole note.
    const std::string short_note = std::string(parts[0]) + parts[1] + parts[2];
    mab_encoding * one = nullptr;
    BOOST_REQUIRE(mab_tokenizer_encode(tok, short_note.data(), short_note.size(), ep, &one) == MAB_STATUS_OK);
    BOOST_REQUIRE_EQUAL(mab_encoding_n_windows(one), 1);
    const int32_t len = mab_encoding_window_length(one, 0);
    std::vector<float> logits((size_t) len * L), probs(L);
    BOOST_REQUIRE(mab_forward(model, mab_encoding_window_ids(one, 0), nullptr, nullptr, 1, len, logits.data(), nullptr,
                              mab_forward_default_params()) == MAB_STATUS_OK);
    label_set ls;
    std::vector<std::string> labels;
    for (int32_t l = 0; l < L; l++) labels.push_back(mab_model_label(model, l));
    label_set_build(labels, &ls);
    std::vector<span> want;
    entity_decoder dec;
    dec.labels = &ls;
    dec.out    = &want;
    const int32_t * off = mab_encoding_offsets_codepoints(one), * words = mab_encoding_word_ids(one);
    for (int32_t t = 0; t < len - 2; t++) {
        softmax_row(logits.data() + (size_t) (t + 1) * L, L, probs.data());
        dec.push(off[2 * t], off[2 * t + 1], t > 0 && words[t] == words[t - 1], probs.data());
    }
    dec.finish();
    drop_implausible(short_note, &want);
    mab_tag_params p = mab_tag_default_params();
    p.rules   = "none";
    p.offsets = MAB_OFFSETS_CODEPOINTS;
    mab_tag_result * r = nullptr;
    BOOST_REQUIRE(mab_tag(tagger, short_note.data(), short_note.size(), &p, &r) == MAB_STATUS_OK);
    BOOST_REQUIRE_EQUAL(mab_tag_result_n_entities(r), (int32_t) want.size());
    for (int32_t i = 0; i < mab_tag_result_n_entities(r); i++) {
        mab_entity e;
        mab_tag_result_entity(r, i, &e);
        BOOST_TEST(e.start == want[(size_t) i].begin);
        BOOST_TEST(e.end == want[(size_t) i].end);
        BOOST_TEST(e.score == want[(size_t) i].score);
    }
    mab_tag_result_free(r);
    mab_encoding_free(one);
    mab_encoding_free(enc);
    mab_tagger_free(tagger);
    mab_tokenizer_free(tok);
    mab_model_free(model);
}

BOOST_AUTO_TEST_SUITE_END()
