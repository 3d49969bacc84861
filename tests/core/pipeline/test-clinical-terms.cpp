// clinical-terms.cpp: the compiled-in words of medications and clinical abbreviations, in any case,
// and spans made of nothing else. clinical-terms.inc must hold every word of drugs.txt,
// medication-names.txt and clinical-abbreviations.txt that is no given name, surname, US state code
// or department word of the synthetic notes' lists (generate_lists.py). common-words.cpp: clinical
// English's common words, in any case, none of them a given name or surname of those lists.
#define BOOST_TEST_MODULE clinical_terms
#include <boost/test/unit_test.hpp>

#include "pipeline/clinical-terms.h"
#include "pipeline/common-words.h"

#include <cctype>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace mab;

namespace {

bool term(const char * s) { return is_clinical_term(s, strlen(s)); }
bool term_word(const char * s) { return is_clinical_term_word(s, strlen(s)); }

// The lower-case words of a list file (one entry a line, # comments).
std::set<std::string> words_of(const std::string & path) {
    std::ifstream in(std::string(MAB_SOURCE_DIR) + "/" + path);
    BOOST_REQUIRE_MESSAGE(in, path);
    std::set<std::string> out;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream split(line);
        for (std::string w; split >> w;) {
            for (char & c : w) c = (char) std::tolower((unsigned char) c);
            out.insert(w);
        }
    }
    return out;
}

} // namespace

const char * const NAME_LISTS[] = {"first_names.txt",       "last_names.txt",   "extra_first_names.txt",
                                   "extra_last_names.txt",  "en_first_names.txt", "en_last_names.txt"};

BOOST_AUTO_TEST_CASE(every_word_of_the_lists_is_compiled_in_unless_a_name_or_place) {
    std::set<std::string> not_terms;
    std::vector<std::string> lists(std::begin(NAME_LISTS), std::end(NAME_LISTS));
    lists.insert(lists.end(), {"us_state_abbr.txt", "departments.txt"});
    for (const std::string & f : lists) {
        const std::set<std::string> w = words_of("models/synth/lists/" + f);
        not_terms.insert(w.begin(), w.end());
    }
    int compiled = 0;
    for (const char * f : {"models/synth/lists/drugs.txt", "core/pipeline/medication-names.txt",
                           "core/pipeline/clinical-abbreviations.txt"}) {
        for (const std::string & w : words_of(f)) {
            BOOST_TEST(term_word(w.c_str()) == !not_terms.count(w), f << ": " << w);
            compiled += term_word(w.c_str());
        }
    }
    BOOST_TEST(compiled > 700);
    BOOST_TEST(!term_word("Ana"));  // ANA, a test, is a given name too
    BOOST_TEST(!term_word("MS"));   // Mississippi
    BOOST_TEST(!term_word("MICU")); // a unit, which the synthetic notes tag as a place
}

BOOST_AUTO_TEST_CASE(words_in_any_case) {
    for (const char * w : {"doxycycline", "Lantus", "NEXIUM", "piperacillin-tazobactam", "GERD", "gerd"}) BOOST_TEST(term_word(w), w);
    for (const char * w : {"", "dox", "doxycyclines", "lantu", "cook", "Scott", "so", "insulin glargine"}) {
        BOOST_TEST(!term_word(w), w);
    }
    BOOST_TEST(!is_clinical_term_word("doxycycline", 3));
    const std::string longer(100, 'a');
    BOOST_TEST(!term_word(longer.c_str()));
}

// A drug on no list is a term by its INN stem; no given name or surname of the lists is one.
BOOST_AUTO_TEST_CASE(drugs_by_their_stem) {
    for (const char * w : {"ocrelizumab", "Ibrutinib", "sofosbuvir", "olmesartan", "NEBIVOLOL", "pitavastatin",
                           "dicloxacillin", "rabeprazole", "linagliptin", "dulaglutide", "dalteparin", "tadalafil"}) {
        BOOST_TEST(term_word(w), w);
    }
    for (const char * w : {"April", "Mab", "Olol", "Kaspar", "Bennett", "mab-like", "ocrelizumab2", "Gliflozi", "liflozin"}) {
        BOOST_TEST(!term_word(w), w); // the last two: 8 letters, a stem of 9 does not fit
    }
    int names = 0;
    for (const char * f : NAME_LISTS) {
        for (const std::string & w : words_of(std::string("models/synth/lists/") + f)) {
            BOOST_TEST(!term_word(w.c_str()), f << ": " << w);
            names++;
        }
    }
    BOOST_TEST(names > 20000);
}

// A disease or an operation is a term by its ending; places and names ending alike are not.
BOOST_AUTO_TEST_CASE(diseases_by_their_ending) {
    for (const char * w : {"Adenocarcinoma", "lymphoma", "appendicitis", "CHOLECYSTECTOMY", "tracheostomy", "neuropathy",
                           "fibromyalgia", "dysplasia", "hypertrophy", "leukemia", "stenosis", "craniotomy"}) {
        BOOST_TEST(term_word(w), w);
    }
    for (const char * w : {"Oklahoma", "Tacoma", "Endoscopy", "Bohemia", "Mitis", "osis", "lymphoma2"}) {
        BOOST_TEST(!term_word(w), w);
    }
}

BOOST_AUTO_TEST_CASE(spans_of_clinical_terms_only) {
    for (const char * s : {"Lantus", "insulin glargine", "Norvasc, Lasix", " doxycycline .", "MVI", "CKD, GERD", "Morphine, Darvocet",
                           "DTaP, IPV, MMR, varicella", "DTaP-IPV", "DTaP-IPV-Hib", "SI"}) BOOST_TEST(term(s), s);
    for (const char * s : {"", " , ", "Norvasc and Lasix", "so xarelto", "Dr. Lyrica", "Lantus2", "Lantus 20", "Lantusé", "Émile",
                           "DTaP-", "-IPV", "DTaP--IPV", "Smith-Jones", "Lantus-Kate"}) {
        BOOST_TEST(!term(s), s);
    }
}

BOOST_AUTO_TEST_CASE(common_words_in_any_case_and_no_name) {
    for (const char * w : {"cough", "Cough", "SLOW", "briefly", "numbness", "don't"}) BOOST_TEST(is_common_word(w, strlen(w)), w);
    for (const char * w : {"", "a", "coughs-", "will", "Hope", "white", "Diana", "paresthesia"}) {
        BOOST_TEST(!is_common_word(w, strlen(w)), w);
    }
    int names = 0;
    for (const char * f : NAME_LISTS) {
        for (const std::string & w : words_of(std::string("models/synth/lists/") + f)) {
            BOOST_TEST(!is_common_word(w.data(), w.size()), f << ": " << w);
            names++;
        }
    }
    BOOST_TEST(names > 20000);
}
