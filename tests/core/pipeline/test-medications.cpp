// medications.cpp: the compiled-in medication words, in any case, and spans made of nothing else.
// drug-names.inc must hold every word of models/synth/lists/drugs.txt (generate_lists.py).
#define BOOST_TEST_MODULE medications
#include <boost/test/unit_test.hpp>

#include "pipeline/medications.h"

#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

using namespace mab;

namespace {

bool medication(const char * s) { return is_medication(s, strlen(s)); }
bool medication_word(const char * s) { return is_medication_word(s, strlen(s)); }

} // namespace

BOOST_AUTO_TEST_CASE(every_word_of_the_list_is_compiled_in) {
    std::ifstream in(std::string(MAB_SOURCE_DIR) + "/models/synth/lists/drugs.txt");
    BOOST_REQUIRE(in);
    std::string line;
    int words = 0;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream split(line);
        for (std::string w; split >> w; words++) BOOST_TEST(medication_word(w.c_str()), w);
    }
    BOOST_TEST(words > 200);
}

BOOST_AUTO_TEST_CASE(words_in_any_case) {
    BOOST_TEST(medication_word("doxycycline"));
    BOOST_TEST(medication_word("Lantus"));
    BOOST_TEST(medication_word("NEXIUM"));
    BOOST_TEST(medication_word("piperacillin-tazobactam"));
    for (const char * w : {"", "dox", "doxycyclines", "lantu", "cook", "Scott", "so", "insulin glargine"}) {
        BOOST_TEST(!medication_word(w), w);
    }
    BOOST_TEST(!is_medication_word("doxycycline", 3));
    const std::string longer(100, 'a');
    BOOST_TEST(!medication_word(longer.c_str()));
}

BOOST_AUTO_TEST_CASE(spans_of_medications_only) {
    BOOST_TEST(medication("Lantus"));
    BOOST_TEST(medication("insulin glargine"));
    BOOST_TEST(medication("Norvasc, Lasix"));
    BOOST_TEST(medication(" doxycycline ."));
    for (const char * s : {"", " , ", "Norvasc and Lasix", "so xarelto", "Dr. Lyrica", "Lantus2", "Lantus 20", "Lantusé", "Émile"}) {
        BOOST_TEST(!medication(s), s);
    }
}
