// json-escapes.cpp: JSON's backslash escapes in a pasted document: where they are, the text the model
// reads (the characters they stand for, at the same code point offsets), the value an operator reads
// and writes back, and spans that cut none.
#define BOOST_TEST_MODULE json_escapes
#include <boost/test/unit_test.hpp>

#include "pipeline/json-escapes.h"

#include <random>
#include <string>
#include <vector>

using namespace mab;

namespace {

std::vector<std::string> escapes_of(const std::string & text) {
    std::vector<std::string> out;
    for (const auto & [b, e] : json_escapes(text.data(), text.size())) out.push_back(text.substr(b, e - b));
    return out;
}

// The spans over `parts` of text after keep_escapes_whole, written out.
std::vector<std::string> kept(const std::string & text, const std::vector<std::pair<size_t, size_t>> & parts) {
    text_index index;
    BOOST_REQUIRE(text_index_build(text.data(), text.size(), &index) == MAB_STATUS_OK);
    std::vector<span> spans;
    for (const auto & [b, e] : parts) {
        span s  = rule_span(b, e, 0.9f, "NAME", "PATIENT", "test");
        s.begin = index.cp_of_byte(s.begin), s.end = index.cp_of_byte(s.end);
        spans.push_back(s);
    }
    keep_escapes_whole(text.data(), text.size(), json_escapes(text.data(), text.size()), index, &spans);
    std::vector<std::string> out;
    for (const span & s : spans) {
        const size_t b = (size_t) index.byte_of_cp[(size_t) s.begin], e = (size_t) index.byte_of_cp[(size_t) s.end];
        out.push_back(text.substr(b, e - b));
    }
    return out;
}

size_t code_points(const std::string & s) {
    size_t n = 0;
    for (const char c : s) n += ((unsigned char) c & 0xC0) != 0x80;
    return n;
}

} // namespace

BOOST_AUTO_TEST_SUITE(json_escapes_suite)

// Read from left to right ("\\n" is a backslash's escape, then an n); a surrogate pair is one escape;
// a backslash before anything else, or "\u" without four hexadecimal digits, is none.
BOOST_AUTO_TEST_CASE(where_they_are) {
    BOOST_TEST(escapes_of(R"(a\nb\"c\\nd\/e\u00e9\ud83d\ude00 \q \u12g4 \ud83d x\t\b\f\r)") ==
               (std::vector<std::string>{R"(\n)", R"(\")", R"(\\)", R"(\/)", R"(\u00e9)", R"(\ud83d\ude00)", R"(\ud83d)",
                                         R"(\t)", R"(\b)", R"(\f)", R"(\r)"}));
    BOOST_TEST(escapes_of("no escapes, C:\\Users\\x").empty());
    BOOST_TEST(escapes_of("ends with \\").empty());
}

// The model reads the characters, followed by U+0001 (which its tokenizer drops) up to the escape's
// code points; a control character is a filler too.
BOOST_AUTO_TEST_CASE(the_text_the_model_reads) {
    const std::string text = R"({"note": "Seen.\nVi\u1ec7t \"Zee\" \ud83d\ude00\u0007."})";
    const std::string read = text_unescaped(text.data(), text.size(), json_escapes(text.data(), text.size()));
    BOOST_TEST(read == "{\"note\": \"Seen.\n\x01Vi\xe1\xbb\x87\x01\x01\x01\x01\x01t \"\x01Zee\"\x01 \xf0\x9f\x98\x80" +
                           std::string(11, '\x01') + std::string(6, '\x01') + ".\"}");
    BOOST_TEST(code_points(read) == code_points(text));
    // An escape that markup written as spaces cut ("<a b=\"x\">" read as a tag) is no escape any more.
    const std::string cut = R"(x\ y\u00 9)";
    BOOST_TEST(text_unescaped(cut.data(), cut.size(), {{1, 3}, {4, 10}}) == cut);
}

// An operator reads the value unescaped and writes its replacement escaped.
BOOST_AUTO_TEST_CASE(values) {
    const std::string v = R"(Vi\u1ec7t \"Zee\" \\ \/ \ud83d\ude00\n)";
    BOOST_TEST(json_unescaped(v.data(), v.size()) == "Vi\xe1\xbb\x87t \"Zee\" \\ / \xf0\x9f\x98\x80\n");
    BOOST_TEST(json_escaped("Việt \"Zee\" \\ \n\t\x01") == R"(Việt \"Zee\" \\ \n\t\u0001)");
}

// A span stays outside an escape of a space or a quote and takes an escaped letter's whole word.
BOOST_AUTO_TEST_CASE(spans_cut_no_escape) {
    const std::string text = R"("Seen.\nJohn Smith\n", "Vi\u1ec7t Nguy\u1ec5n", "\"Zee\"")";
    const size_t n = text.find("nJohn"), vi = text.find("Vi"), nguy = text.find("Nguy"), zee = text.find("\\\"Zee");
    BOOST_TEST(kept(text, {{n, n + 11}}) == (std::vector<std::string>{"John Smith"}));
    BOOST_TEST(kept(text, {{n + 1, n + 13}}) == (std::vector<std::string>{"John Smith"}));
    BOOST_TEST(kept(text, {{vi, vi + 2}}) == (std::vector<std::string>{R"(Vi\u1ec7t)"}));
    BOOST_TEST(kept(text, {{vi + 3, vi + 9}}) == (std::vector<std::string>{R"(Vi\u1ec7t)"}));
    BOOST_TEST(kept(text, {{nguy + 10, nguy + 11}}) == (std::vector<std::string>{R"(Nguy\u1ec5n)"}));
    BOOST_TEST(kept(text, {{zee, zee + 7}}) == (std::vector<std::string>{"Zee"}));
    BOOST_TEST(kept(text, {{n - 1, n + 1}}).empty());
    // Words without an escape at their edge are left as they are.
    BOOST_TEST(kept(text, {{n + 1, n + 3}}) == (std::vector<std::string>{"Jo"}));
}

// Random text of escapes' own characters: spans stay in the text and cut no escape.
BOOST_AUTO_TEST_CASE(random_escapes) {
    std::mt19937 rng(46);
    const char alphabet[] = "\\\"nu0e9dAbc ";
    for (int round = 0; round < 5000; round++) {
        std::string text(rng() % 40 + 1, ' ');
        for (char & c : text) c = alphabet[rng() % (sizeof alphabet - 1)];
        const size_t b = rng() % text.size(), e = b + 1 + rng() % (text.size() - b);
        const auto ranges = json_escapes(text.data(), text.size());
        text_index index;
        BOOST_REQUIRE(text_index_build(text.data(), text.size(), &index) == MAB_STATUS_OK);
        std::vector<span> spans{rule_span(b, e, 0.9f, "NAME", "PATIENT", "test")};
        keep_escapes_whole(text.data(), text.size(), ranges, index, &spans);
        for (const span & s : spans) {
            BOOST_TEST_REQUIRE((s.begin >= 0 && s.begin < s.end && (size_t) s.end <= text.size()));
            for (const auto & [rb, re] : ranges) {
                BOOST_TEST_REQUIRE(!(rb < (size_t) s.begin && (size_t) s.begin < re));
                BOOST_TEST_REQUIRE(!(rb < (size_t) s.end && (size_t) s.end < re));
            }
        }
        BOOST_TEST_REQUIRE(code_points(text_unescaped(text.data(), text.size(), ranges)) == code_points(text));
    }
}

BOOST_AUTO_TEST_SUITE_END()
