// entity-decoder.cpp against hand-built logits. Expected entities follow transformers'
// TokenClassificationPipeline (token_classification.py): softmax scores; NONE keeps tokens whose label is
// not ignored; SIMPLE groups tokens; FIRST / AVERAGE / MAX first merge the tokens of a word; a group
// joins the previous one when the tag is the same and the unit is not B-; a group's score is the mean
// of its units' scores.
#define BOOST_TEST_MODULE entity_decoder
#include <boost/test/unit_test.hpp>

#include "pipeline/entity-decoder.h"
#include "pipeline/windows.h"

#include <cmath>
#include <string>
#include <vector>

using namespace mab;

namespace {

struct token {
    int32_t            begin, end;
    bool               subword;
    std::vector<float> probs; // turned into logits log(p), so softmax gives p back
};

struct expected {
    const char * type;
    const char * subtype;
    int32_t      begin, end;
    float        score;
    const char * origin;
};

std::vector<span> decode(const std::vector<std::string> & labels, const std::vector<token> & tokens, aggregation a,
                         std::vector<std::string> ignore = {"O"}, const std::map<std::string, std::string> & types = {}) {
    label_set ls;
    label_set_build(labels, &ls);
    std::vector<span> out;
    entity_decoder d;
    d.labels        = &ls;
    d.label_types   = &types;
    d.strategy      = a;
    d.ignore_labels = ignore;
    d.out           = &out;
    for (const token & t : tokens) {
        std::vector<float> logits, probs(t.probs.size());
        for (float p : t.probs) logits.push_back(std::log(p));
        softmax_row(logits.data(), (int32_t) logits.size(), probs.data());
        d.push(t.begin, t.end, t.subword, probs.data());
    }
    d.finish();
    return out;
}

void check(const std::vector<span> & got, const std::vector<expected> & want) {
    BOOST_REQUIRE_EQUAL(got.size(), want.size());
    for (size_t k = 0; k < want.size(); k++) {
        BOOST_TEST_CONTEXT("entity " << k) {
            BOOST_TEST(got[k].type == want[k].type);
            BOOST_TEST(got[k].subtype == want[k].subtype);
            BOOST_TEST(got[k].begin == want[k].begin);
            BOOST_TEST(got[k].end == want[k].end);
            BOOST_TEST(std::fabs(got[k].score - want[k].score) < 1e-5, got[k].score << " vs " << want[k].score);
            BOOST_TEST(got[k].origin == want[k].origin);
            BOOST_TEST(got[k].source == SOURCE_MODEL);
        }
    }
}

const std::vector<std::string> k_iob2 = {"O", "B-PER", "I-PER", "B-LOC", "I-LOC"};

// "John Smithson lives in New York": John | Smith ##son | lives | in | New | York.
// The word "Smithson" is where the strategies differ: its first piece says I-PER (0.6), its second
// says O with more confidence (0.75), and their mean says O (0.425).
const std::vector<token> k_note = {
    {0, 4, false, {0.05f, 0.80f, 0.05f, 0.05f, 0.05f}},    // John   B-PER 0.8
    {5, 10, false, {0.10f, 0.20f, 0.60f, 0.05f, 0.05f}},   // Smith  I-PER 0.6
    {10, 13, true, {0.75f, 0.05f, 0.10f, 0.05f, 0.05f}},   // ##son  O 0.75
    {14, 19, false, {0.90f, 0.025f, 0.025f, 0.025f, 0.025f}}, // lives O
    {20, 22, false, {0.70f, 0.10f, 0.10f, 0.05f, 0.05f}},  // in     O
    {23, 26, false, {0.10f, 0.05f, 0.05f, 0.70f, 0.10f}},  // New    B-LOC 0.7
    {27, 31, false, {0.10f, 0.05f, 0.05f, 0.20f, 0.60f}},  // York   I-LOC 0.6
};

} // namespace

BOOST_AUTO_TEST_SUITE(entity_decoder_suite)

BOOST_AUTO_TEST_CASE(strategy_none_keeps_every_non_o_token) {
    check(decode(k_iob2, k_note, AGGREGATION_NONE), {{"NAME", "PER", 0, 4, 0.8f, "B-PER"},
                                                     {"NAME", "PER", 5, 10, 0.6f, "I-PER"},
                                                     {"LOCATION", "LOC", 23, 26, 0.7f, "B-LOC"},
                                                     {"LOCATION", "LOC", 27, 31, 0.6f, "I-LOC"}});
}

BOOST_AUTO_TEST_CASE(strategy_simple_groups_tokens_and_cuts_words) {
    // ##son is O, so the person ends inside the word: SIMPLE does not know about words.
    check(decode(k_iob2, k_note, AGGREGATION_SIMPLE), {{"NAME", "PER", 0, 10, 0.7f, "PER"}, {"LOCATION", "LOC", 23, 31, 0.65f, "LOC"}});
}

BOOST_AUTO_TEST_CASE(strategy_first_takes_the_first_piece) {
    check(decode(k_iob2, k_note, AGGREGATION_FIRST), {{"NAME", "PER", 0, 13, 0.7f, "PER"}, {"LOCATION", "LOC", 23, 31, 0.65f, "LOC"}});
}

BOOST_AUTO_TEST_CASE(strategy_average_takes_the_mean_probabilities) {
    // Smithson: mean [0.425, 0.125, 0.35, 0.05, 0.05] -> O, so the person is John alone.
    check(decode(k_iob2, k_note, AGGREGATION_AVERAGE), {{"NAME", "PER", 0, 4, 0.8f, "PER"}, {"LOCATION", "LOC", 23, 31, 0.65f, "LOC"}});
}

BOOST_AUTO_TEST_CASE(strategy_max_takes_the_most_confident_piece) {
    // Smithson: ##son (0.75) beats Smith (0.6) -> O.
    check(decode(k_iob2, k_note, AGGREGATION_MAX), {{"NAME", "PER", 0, 4, 0.8f, "PER"}, {"LOCATION", "LOC", 23, 31, 0.65f, "LOC"}});
}

BOOST_AUTO_TEST_CASE(max_keeps_the_first_of_equal_maxima) {
    // Both pieces peak at 0.6: Python's max() keeps the first (I-PER), not the later B-LOC.
    const std::vector<token> t = {{0, 3, false, {0.1f, 0.1f, 0.6f, 0.1f, 0.1f}}, {3, 6, true, {0.1f, 0.1f, 0.1f, 0.6f, 0.1f}}};
    check(decode(k_iob2, t, AGGREGATION_MAX), {{"NAME", "PER", 0, 6, 0.6f, "PER"}});
}

BOOST_AUTO_TEST_CASE(grouping_b_starts_a_new_entity_and_i_after_o_starts_one) {
    // B-PER B-PER I-PER O I-LOC I-LOC B-LOC
    auto one_hot = [](int l) {
        std::vector<float> p(5, 0.05f);
        p[(size_t) l] = 0.8f;
        return p;
    };
    const int seq[] = {1, 1, 2, 0, 4, 4, 3};
    std::vector<token> t;
    for (int k = 0; k < 7; k++) t.push_back({2 * k, 2 * k + 1, false, one_hot(seq[k])});
    check(decode(k_iob2, t, AGGREGATION_SIMPLE), {{"NAME", "PER", 0, 1, 0.8f, "PER"},
                                                  {"NAME", "PER", 2, 5, 0.8f, "PER"},
                                                  {"LOCATION", "LOC", 8, 11, 0.8f, "LOC"},
                                                  {"LOCATION", "LOC", 12, 13, 0.8f, "LOC"}});
}

BOOST_AUTO_TEST_CASE(ignore_labels) {
    // Nothing ignored: the O groups come out too, as upstream with ignore_labels=[].
    const auto all = decode(k_iob2, k_note, AGGREGATION_FIRST, {});
    BOOST_REQUIRE_EQUAL(all.size(), 3u);
    BOOST_TEST(all[1].origin == "O");
    BOOST_TEST(all[1].begin == 14);
    BOOST_TEST(all[1].end == 22);
    // Grouped strategies compare the group tag; NONE compares the full label.
    check(decode(k_iob2, k_note, AGGREGATION_FIRST, {"O", "LOC"}), {{"NAME", "PER", 0, 13, 0.7f, "PER"}});
    check(decode(k_iob2, k_note, AGGREGATION_NONE, {"O", "B-LOC", "I-PER"}),
          {{"NAME", "PER", 0, 4, 0.8f, "B-PER"}, {"LOCATION", "LOC", 27, 31, 0.6f, "I-LOC"}});
}

BOOST_AUTO_TEST_CASE(bioes_scheme) {
    const std::vector<std::string> labels = {"O", "B-PER", "I-PER", "E-PER", "S-PER"};
    // S S B I E I: two singles, one B..E entity, and an I after E starts a new entity.
    const int seq[] = {4, 4, 1, 2, 3, 2};
    std::vector<token> t;
    for (int k = 0; k < 6; k++) {
        std::vector<float> p(5, 0.05f);
        p[(size_t) seq[k]] = 0.8f;
        t.push_back({2 * k, 2 * k + 1, false, p});
    }
    for (aggregation a : {AGGREGATION_SIMPLE, AGGREGATION_FIRST, AGGREGATION_AVERAGE, AGGREGATION_MAX}) {
        check(decode(labels, t, a), {{"NAME", "PER", 0, 1, 0.8f, "PER"},
                                     {"NAME", "PER", 2, 3, 0.8f, "PER"},
                                     {"NAME", "PER", 4, 9, 0.8f, "PER"},
                                     {"NAME", "PER", 10, 11, 0.8f, "PER"}});
    }
    // BILOU spellings read the same way.
    check(decode({"O", "B-PER", "I-PER", "L-PER", "U-PER"}, t, AGGREGATION_SIMPLE),
          {{"NAME", "PER", 0, 1, 0.8f, "PER"}, {"NAME", "PER", 2, 3, 0.8f, "PER"}, {"NAME", "PER", 4, 9, 0.8f, "PER"},
           {"NAME", "PER", 10, 11, 0.8f, "PER"}});
}

BOOST_AUTO_TEST_CASE(plain_labels_group_like_i) {
    // Labels without a prefix read as I-: consecutive PATIENT tokens form one entity (upstream get_tag).
    const std::vector<std::string> labels = {"O", "PATIENT", "DATE"};
    const std::vector<token> t = {{0, 4, false, {0.1f, 0.8f, 0.1f}}, {5, 9, false, {0.1f, 0.6f, 0.3f}}, {10, 14, false, {0.1f, 0.2f, 0.7f}}};
    check(decode(labels, t, AGGREGATION_SIMPLE), {{"NAME", "PATIENT", 0, 9, 0.7f, "PATIENT"}, {"DATE", "DATE", 10, 14, 0.7f, "DATE"}});
}

BOOST_AUTO_TEST_CASE(types_from_label_types_and_builtin_table) {
    const std::vector<std::string> labels = {"O", "B-PATIENT", "B-HOSPITAL", "B-MEDICALRECORD", "B-NAME", "B-WIDGET"};
    std::vector<token> t;
    for (int l = 1; l < 6; l++) {
        std::vector<float> p(6, 0.02f);
        p[(size_t) l] = 0.9f;
        t.push_back({3 * l, 3 * l + 2, false, p});
    }
    // config.json label_types override the built-in table.
    const std::map<std::string, std::string> types = {{"PATIENT", "PERSON_NAME"}};
    check(decode(labels, t, AGGREGATION_FIRST, {"O"}, types), {{"PERSON_NAME", "PATIENT", 3, 5, 0.9f, "PATIENT"},
                                                               {"LOCATION", "HOSPITAL", 6, 8, 0.9f, "HOSPITAL"},
                                                               {"ID", "MEDICALRECORD", 9, 11, 0.9f, "MEDICALRECORD"},
                                                               {"NAME", "NAME", 12, 14, 0.9f, "NAME"},
                                                               {"WIDGET", "WIDGET", 15, 17, 0.9f, "WIDGET"}});
}

BOOST_AUTO_TEST_CASE(e_and_s_are_plain_outside_a_bioes_set) {
    // E-/S- prefixes switch the whole set to BIOES; a set with only B-/I- stays IOB2.
    label_set ls;
    label_set_build({"O", "B-X", "I-X"}, &ls);
    BOOST_TEST(!ls.bioes);
    label_set_build({"O", "B-X", "E-X"}, &ls);
    BOOST_TEST(ls.bioes);
    BOOST_TEST(ls.tags[2].bi == 'E');
    BOOST_TEST(ls.tags[2].tag == "X");
}

BOOST_AUTO_TEST_CASE(softmax_matches_float64) {
    const float logits[4] = {1.5f, -2.0f, 0.25f, 3.0f};
    float p[4];
    softmax_row(logits, 4, p);
    double z = 0;
    for (float l : logits) z += std::exp((double) l);
    for (int k = 0; k < 4; k++) BOOST_TEST(std::fabs(p[k] - std::exp((double) logits[k]) / z) < 1e-6);
    BOOST_TEST(argmax(p, 4) == 3);
}

BOOST_AUTO_TEST_CASE(aggregation_names) {
    aggregation a;
    BOOST_TEST(aggregation_from_name("average", &a));
    BOOST_TEST(a == AGGREGATION_AVERAGE);
    BOOST_TEST(!aggregation_from_name("mean", &a));
    BOOST_TEST(std::string(aggregation_name(AGGREGATION_MAX)) == "max");
}

BOOST_AUTO_TEST_SUITE_END()
