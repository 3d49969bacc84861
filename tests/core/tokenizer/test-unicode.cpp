// The tokenizer's own Unicode data (unicode-tables.h, generated from the UCD): spot checks of each
// table against values from the Unicode standard, and the UTF-8 decoder on every kind of ill-formed
// sequence. (The tables were also compared with Python's unicodedata for every code point; see
// core/tokenizer/gen-unicode-tables.py.)
#define BOOST_TEST_MODULE unicode
#include <boost/test/unit_test.hpp>

#include "tokenizer/unicode.h"

#include <string>
#include <vector>

using namespace mab::unicode;

static std::vector<uint32_t> decode(const std::string & s) {
    std::vector<uint32_t> out;
    decode_utf8(s.data(), s.size(), &out);
    return out;
}

static std::vector<uint32_t> lower(uint32_t cp) {
    uint32_t out[3];
    const int n = to_lower(cp, out);
    return std::vector<uint32_t>(out, out + n);
}

static std::vector<uint32_t> nfd(uint32_t cp) {
    std::vector<uint32_t> out;
    decompose(cp, &out);
    return out;
}

using v = std::vector<uint32_t>;
constexpr uint32_t R = REPLACEMENT_CHAR;

BOOST_AUTO_TEST_CASE(decode_well_formed) {
    BOOST_TEST(decode("a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80") == (v{'a', 0xE9, 0x20AC, 0x1F600}), boost::test_tools::per_element());
    BOOST_TEST(decode("\xF4\x8F\xBF\xBF") == (v{0x10FFFF}), boost::test_tools::per_element());
    BOOST_TEST(decode(std::string("\0x", 2)) == (v{0, 'x'}), boost::test_tools::per_element());
    std::string all;
    for (uint32_t cp = 0; cp < 0x110000; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF) continue;
        append_utf8(cp, &all);
    }
    const v back = decode(all);
    BOOST_REQUIRE(back.size() == 0x110000 - 0x800);
    uint32_t want = 0;
    for (uint32_t cp : back) {
        if (want == 0xD800) want = 0xE000;
        BOOST_TEST_REQUIRE(cp == want);
        want++;
    }
}

BOOST_AUTO_TEST_CASE(decode_ill_formed_maximal_subparts) {
    // Table 3-8 of the Unicode standard ("U+FFFD for maximal subparts"), as TextDecoder does.
    BOOST_TEST(decode("\xC0\xAF") == (v{R, R}), boost::test_tools::per_element());
    BOOST_TEST(decode("\xE0\x80\xAF") == (v{R, R, R}), boost::test_tools::per_element());
    BOOST_TEST(decode("\xED\xA0\x80") == (v{R, R, R}), boost::test_tools::per_element());
    BOOST_TEST(decode("\xF4\x90\x80\x80") == (v{R, R, R, R}), boost::test_tools::per_element());
    BOOST_TEST(decode("\xF0\x9F\x98" "A") == (v{R, 'A'}), boost::test_tools::per_element());
    BOOST_TEST(decode("\xE1\x80\xE2\xF0\x91\x92\xF1\xBF\x41") == (v{R, R, R, R, 'A'}), boost::test_tools::per_element());
    BOOST_TEST(decode("\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64") == (v{'a', R, R, R, 'b', R, 'c', R, R, 'd'}),
               boost::test_tools::per_element());
    BOOST_TEST(decode("\xFE\xFF\xF5") == (v{R, R, R}), boost::test_tools::per_element());
    BOOST_TEST(decode("\xC2") == (v{R}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(categories) {
    BOOST_TEST(is_category_c(0x00));
    BOOST_TEST(is_category_c(0x85));    // Cc
    BOOST_TEST(is_category_c(0x200B));  // ZERO WIDTH SPACE, Cf
    BOOST_TEST(is_category_c(0xFEFF));  // BOM, Cf
    BOOST_TEST(is_category_c(0xE000));  // Co
    BOOST_TEST(is_category_c(0xE0080)); // Cn
    BOOST_TEST(is_category_c(0x10FFFF));
    BOOST_TEST(!is_category_c('A'));
    BOOST_TEST(!is_category_c(0xFFFD));
    BOOST_TEST(is_category_zs(0xA0));
    BOOST_TEST(is_category_zs(0x3000));
    BOOST_TEST(!is_category_zs(0x2028)); // Zl
    BOOST_TEST(is_python_space(0x2028));
    BOOST_TEST(is_python_space(0x1C));   // bidi class B
    BOOST_TEST(is_python_space(0x85));
    BOOST_TEST(!is_python_space(0x200B));
    BOOST_TEST(is_category_p(0x2019));   // RIGHT SINGLE QUOTATION MARK
    BOOST_TEST(is_category_p(0x3002));   // IDEOGRAPHIC FULL STOP
    BOOST_TEST(!is_category_p('$'));     // Sc: BERT's ASCII rule, not the category, makes it punctuation
    BOOST_TEST(is_category_mn(0x301));
    BOOST_TEST(is_category_mn(0x94D));   // DEVANAGARI SIGN VIRAMA
    BOOST_TEST(!is_category_mn(0x93F));  // DEVANAGARI VOWEL SIGN I, Mc
}

BOOST_AUTO_TEST_CASE(lower_case) {
    BOOST_TEST(lower('A') == v{'a'}, boost::test_tools::per_element());
    BOOST_TEST(lower(0x130) == (v{'i', 0x307}), boost::test_tools::per_element()); // İ: SpecialCasing
    BOOST_TEST(lower(0x3A3) == v{0x3C3}, boost::test_tools::per_element());        // Σ per character: σ, never ς
    BOOST_TEST(lower(0x1C5) == v{0x1C6}, boost::test_tools::per_element());        // ǅ titlecase
    BOOST_TEST(lower(0x216B) == v{0x217B}, boost::test_tools::per_element());      // Ⅻ
    BOOST_TEST(lower(0xFF21) == v{0xFF41}, boost::test_tools::per_element());      // full-width A
    BOOST_TEST(lower(0x10400) == v{0x10428}, boost::test_tools::per_element());    // Deseret
    BOOST_TEST(lower(0xDF) == v{0xDF}, boost::test_tools::per_element());          // ß has no lower-case change
}

BOOST_AUTO_TEST_CASE(letter_case) {
    // Capitals: ASCII, Latin-1, Greek, Cyrillic, titlecase ǅ, İ (a multi-character lower case), Deseret.
    for (uint32_t cp : {(uint32_t) 'A', 0xC9u, 0xD8u, 0x394u, 0x416u, 0x1C5u, 0x130u, 0x10400u}) {
        BOOST_TEST(is_upper(cp), std::hex << cp);
        BOOST_TEST(!is_lower(cp), std::hex << cp);
    }
    // Small letters: their capitals' lower cases, ß (lower case of ẞ) included.
    for (uint32_t cp : {(uint32_t) 'z', 0xE9u, 0xF8u, 0x3B4u, 0x3C3u, 0x436u, 0x1C6u, 0xDFu, 0x10428u}) {
        BOOST_TEST(is_lower(cp), std::hex << cp);
        BOOST_TEST(!is_upper(cp), std::hex << cp);
    }
    // Uncased: digits, punctuation, CJK, a combining accent; and ĸ, a small letter with no capital.
    for (uint32_t cp : {(uint32_t) '1', (uint32_t) '-', 0x4E2Du, 0x301u, 0x138u}) {
        BOOST_TEST(!is_upper(cp), std::hex << cp);
        BOOST_TEST(!is_lower(cp), std::hex << cp);
    }
}

BOOST_AUTO_TEST_CASE(canonical_decomposition) {
    BOOST_TEST(nfd(0xE9) == (v{'e', 0x301}), boost::test_tools::per_element());
    BOOST_TEST(nfd(0x1E09) == (v{'c', 0x327, 0x301}), boost::test_tools::per_element()); // recursive
    BOOST_TEST(nfd(0xD55C) == (v{0x1112, 0x1161, 0x11AB}), boost::test_tools::per_element()); // 한: L V T
    BOOST_TEST(nfd(0xAC00) == (v{0x1100, 0x1161}), boost::test_tools::per_element());         // 가: L V
    BOOST_TEST(nfd(0x2126) == v{0x3A9}, boost::test_tools::per_element());  // OHM SIGN: canonical singleton
    BOOST_TEST(nfd(0xFB01) == v{0xFB01}, boost::test_tools::per_element()); // ﬁ: compatibility only, kept
    BOOST_TEST(nfd(0x2460) == v{0x2460}, boost::test_tools::per_element()); // ①
    BOOST_TEST(combining_class(0x301) == 230);
    BOOST_TEST(combining_class(0x327) == 202);
    BOOST_TEST(combining_class(0x316) == 220);
    BOOST_TEST(combining_class('a') == 0);
    BOOST_TEST(combining_class(0x1D165) == 216);
}
