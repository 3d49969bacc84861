// number-words.cpp: every number it writes reads back (both joiners, any letter case), hundreds,
// and the words that are no number or not at a word start.
#define BOOST_TEST_MODULE number_words
#include <boost/test/unit_test.hpp>

#include "pipeline/number-words.h"

#include <cctype>
#include <string>

using namespace mab;

namespace {

std::string upper(std::string s) {
    for (char & c : s) c = (char) toupper((unsigned char) c);
    return s;
}

// "<value> <the text it covers>" for the number at the start of `text`, "0 " when none.
std::string cardinal(const std::string & text) {
    size_t end = 0;
    const int v = cardinal_words_at(text.data(), text.size(), 0, &end);
    return std::to_string(v) + " " + (v ? text.substr(0, end) : std::string());
}

std::string ordinal(const std::string & text) {
    size_t end = 0;
    const int v = ordinal_words_at(text.data(), text.size(), 0, &end);
    return std::to_string(v) + " " + (v ? text.substr(0, end) : std::string());
}

std::string read(int v, const std::string & text) { return std::to_string(v) + " " + text; }

} // namespace

BOOST_AUTO_TEST_CASE(every_number_written_reads_back) {
    for (int v = 1; v <= 99; v++) {
        for (const char joiner : {' ', '-'}) {
            const std::string c = cardinal_words(v, joiner), o = ordinal_words(v, joiner);
            BOOST_TEST(cardinal(c + " years") == read(v, c));
            BOOST_TEST(cardinal(upper(c) + ".") == read(v, upper(c)));
            BOOST_TEST(ordinal(o + " of May") == read(v, o));
            BOOST_TEST(ordinal(upper(o)) == read(v, upper(o)));
        }
    }
    BOOST_TEST(cardinal_words(72, '-') == "seventy-two");
    BOOST_TEST(ordinal_words(21, ' ') == "twenty first");
    BOOST_TEST(ordinal_words(30, ' ') == "thirtieth");
    BOOST_TEST(ordinal_words(12, ' ') == "twelfth");
    BOOST_TEST(cardinal_words(0, ' ').empty());
    BOOST_TEST(cardinal_words(100, ' ').empty());
}

BOOST_AUTO_TEST_CASE(hundreds) {
    BOOST_TEST(cardinal("one hundred and one years") == read(101, "one hundred and one"));
    BOOST_TEST(cardinal("a hundred years") == read(100, "a hundred"));
    BOOST_TEST(cardinal("One Hundred Twelve") == read(112, "One Hundred Twelve"));
    BOOST_TEST(cardinal("one hundred and change") == read(100, "one hundred"));
    BOOST_TEST(cardinal("one of them") == read(1, "one"));
}

BOOST_AUTO_TEST_CASE(no_number) {
    for (const char * text : {"someone", "a year", "nineteenth", "hundred", "twentyfive", "tenth"}) {
        BOOST_TEST(cardinal(text) == "0 ", text);
    }
    BOOST_TEST(ordinal("twenty") == "0 ");
    BOOST_TEST(ordinal("seventy two") == "0 ");
    BOOST_TEST(ordinal("second-hand") == "2 second");
    // Only at a word start.
    const std::string text = "xone, 5two, one";
    size_t end = 0;
    BOOST_TEST(cardinal_words_at(text.data(), text.size(), 1, &end) == 0);
    BOOST_TEST(cardinal_words_at(text.data(), text.size(), 7, &end) == 0);
    BOOST_TEST(cardinal_words_at(text.data(), text.size(), 12, &end) == 1);
}
