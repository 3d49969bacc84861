// merge.cpp: the longer span wins, then the higher score, then deny-list > rule > model, then the
// earlier start; touching spans both stay; the result is sorted.
#define BOOST_TEST_MODULE merge
#include <boost/test/unit_test.hpp>

#include "pipeline/merge.h"

using namespace mab;

namespace {

span make(int32_t b, int32_t e, float score, span_source src, const char * origin) {
    span s;
    s.begin  = b;
    s.end    = e;
    s.score  = score;
    s.source = src;
    s.origin = origin;
    return s;
}

std::vector<std::string> origins(const std::vector<span> & s) {
    std::vector<std::string> out;
    for (const span & x : s) out.push_back(x.origin);
    return out;
}

} // namespace

BOOST_AUTO_TEST_SUITE(merge_suite)

BOOST_AUTO_TEST_CASE(longer_span_wins) {
    std::vector<span> s = {make(10, 14, 0.99f, SOURCE_MODEL, "short"), make(5, 20, 0.5f, SOURCE_RULE, "long")};
    merge_spans(&s);
    BOOST_TEST(origins(s) == std::vector<std::string>({"long"}));
}

BOOST_AUTO_TEST_CASE(equal_length_higher_score_wins) {
    std::vector<span> s = {make(0, 5, 0.7f, SOURCE_RULE, "rule"), make(2, 7, 0.9f, SOURCE_MODEL, "model")};
    merge_spans(&s);
    BOOST_TEST(origins(s) == std::vector<std::string>({"model"}));
}

BOOST_AUTO_TEST_CASE(full_ties_prefer_deny_then_rule_then_earlier) {
    std::vector<span> s = {make(0, 5, 0.9f, SOURCE_MODEL, "model"), make(0, 5, 0.9f, SOURCE_RULE, "rule")};
    merge_spans(&s);
    BOOST_TEST(origins(s) == std::vector<std::string>({"rule"}));
    s = {make(0, 5, 1.0f, SOURCE_RULE, "rule"), make(0, 5, 1.0f, SOURCE_DENY_LIST, "deny")};
    merge_spans(&s);
    BOOST_TEST(origins(s) == std::vector<std::string>({"deny"}));
    s = {make(3, 8, 0.9f, SOURCE_MODEL, "later"), make(0, 5, 0.9f, SOURCE_MODEL, "earlier")};
    merge_spans(&s);
    BOOST_TEST(origins(s) == std::vector<std::string>({"earlier"}));
}

BOOST_AUTO_TEST_CASE(touching_spans_both_stay_sorted) {
    std::vector<span> s = {make(5, 9, 0.5f, SOURCE_MODEL, "b"), make(0, 5, 0.5f, SOURCE_RULE, "a"), make(9, 9, 0.9f, SOURCE_RULE, "empty"),
                           make(9, 12, 0.4f, SOURCE_MODEL, "c")};
    merge_spans(&s);
    BOOST_TEST(origins(s) == std::vector<std::string>({"a", "b", "c"}));
}

BOOST_AUTO_TEST_CASE(a_chain_of_overlaps) {
    // [0,10) beats [8,12) and [-]; [11,20) then fits, [9,11) overlaps the winner.
    std::vector<span> s = {make(8, 12, 0.9f, SOURCE_MODEL, "x"), make(0, 10, 0.5f, SOURCE_MODEL, "w"),
                           make(11, 20, 0.5f, SOURCE_RULE, "y"), make(9, 11, 0.99f, SOURCE_RULE, "z")};
    merge_spans(&s);
    BOOST_TEST(origins(s) == std::vector<std::string>({"w", "y"}));
}

BOOST_AUTO_TEST_SUITE_END()
