// text-index.cpp: code point / UTF-16 / byte positions agree with the tokenizer's count of the same
// bytes (ill-formed UTF-8 included: one U+FFFD per maximal subpart) and with hand-counted strings.
#define BOOST_TEST_MODULE text_index
#include <boost/test/unit_test.hpp>

#include "minialbert.h"
#include "pipeline/text-index.h"

#include <random>
#include <string>

using namespace mab;

BOOST_AUTO_TEST_SUITE(text_index_suite)

BOOST_AUTO_TEST_CASE(known_strings) {
    text_index ix;
    const std::string s = "a\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80\r\n"; // a é 中 😀 CR LF
    BOOST_REQUIRE(text_index_build(s.data(), s.size(), &ix) == MAB_STATUS_OK);
    BOOST_TEST(ix.n_codepoints() == 6);
    BOOST_TEST(ix.n_utf16() == 7);
    BOOST_TEST(ix.n_bytes() == (int32_t) s.size());
    BOOST_TEST(ix.byte_of_cp[3] == 6);
    BOOST_TEST(ix.utf16_of_cp[4] == 5);
    BOOST_TEST(ix.cp_of_byte(7) == 3); // inside the emoji
    BOOST_TEST(ix.cp_of_byte(10) == 4);
    BOOST_TEST(ix.cp_of_utf16(4) == 3); // the emoji's low surrogate
    BOOST_TEST(ix.cp_of_utf16(7) == 6);
}

BOOST_AUTO_TEST_CASE(ill_formed_bytes_count_as_the_tokenizer_counts_them) {
    std::string vocab = "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\n";
    mab_tokenizer * tok = nullptr;
    BOOST_REQUIRE(mab_tokenizer_load_from_buffers(vocab.data(), vocab.size(), nullptr, 0, nullptr, 0, nullptr, 0, &tok) == MAB_STATUS_OK);
    std::mt19937 rng(1234);
    const uint8_t interesting[] = {0x00, 0x41, 0x7F, 0x80, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xA0, 0xED, 0x9F, 0xEF,
                                   0xF0, 0x90, 0xF4, 0x8F, 0xF5, 0xFF, 0x20, 0x0D, 0x0A};
    for (int trial = 0; trial < 2000; trial++) {
        std::string s;
        const int n = (int) (rng() % 24);
        for (int k = 0; k < n; k++) s.push_back((char) interesting[rng() % sizeof interesting]);
        text_index ix;
        BOOST_REQUIRE(text_index_build(s.data(), s.size(), &ix) == MAB_STATUS_OK);
        mab_encoding * enc = nullptr;
        BOOST_REQUIRE(mab_tokenizer_tokenize(tok, s.data(), s.size(), &enc) == MAB_STATUS_OK);
        BOOST_TEST_CONTEXT("trial " << trial) {
            BOOST_TEST(ix.n_codepoints() == mab_encoding_text_length_codepoints(enc));
            BOOST_TEST(ix.n_utf16() == mab_encoding_text_length_utf16(enc));
        }
        mab_encoding_free(enc);
    }
    mab_tokenizer_free(tok);
}

BOOST_AUTO_TEST_SUITE_END()
