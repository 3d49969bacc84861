#include "pipeline/clinical-terms.h"

#include "pipeline/word-list.h"

#include <algorithm>

namespace mab {

namespace {

constexpr std::string_view TERM_WORDS =
#include "pipeline/clinical-terms.inc"
    ;

// A word is a run of letters, digits, hyphens and non-ASCII bytes ("Lantus2" and "Lantusé" are
// no clinical term's word).
bool word_byte(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || (unsigned char) c >= 0x80;
}

// Endings of international nonproprietary names (WHO INN stems) that no name of a person or place
// of 8 letters or more has: ocrelizumab, ibrutinib, sofosbuvir, valsartan, metoprolol, atorvastatin,
// amoxicillin, ciprofloxacin, pantoprazole, famotidine, sitagliptin, empagliflozin, semaglutide,
// enoxaparin, alendronate, ondansetron, sumatriptan, montelukast, lisinopril, amlodipine,
// lorazepam, fluoxetine, tadalafil. A drug the lists lack is still no person ("Started ocrelizumab").
constexpr std::string_view INN_STEMS[] = {
    "mab", "tinib", "ciclib", "parib", "previr", "buvir", "asvir", "sartan", "olol", "statin", "cillin",
    "mycin", "floxacin", "prazole", "tidine", "gliptin", "gliflozin", "glutide", "parin", "dronate",
    "setron", "triptan", "lukast", "pril", "dipine", "azepam", "azolam", "oxetine", "afil",
};

// Endings of diseases and operations from Greek and Latin that no name of a person or place of 8
// letters or more has either (checked against the synthetic notes' names and the compiled-in
// places): adenocarcinoma, lymphoma, appendicitis, cholecystectomy, tracheostomy, neuropathy,
// fibromyalgia, dysplasia, hypertrophy, anemia, stenosis. Not -oma alone (Oklahoma, Tacoma), nor
// -scopy, a department's name too (Endoscopy).
constexpr std::string_view DISEASE_ENDINGS[] = {
    "carcinoma", "sarcoma", "lymphoma", "melanoma", "myeloma", "blastoma", "adenoma", "itis", "ectomy", "ostomy",
    "otomy", "opathy", "algia", "plasia", "trophy", "emia", "osis",
};

// Whether text[0, n), 8 ASCII letters or more, ends in one of the endings.
template <size_t N> bool has_an_ending(const char * text, size_t n, const std::string_view (&endings)[N]) {
    if (n < 8) return false;
    for (size_t k = 0; k < n; k++) {
        if (!((text[k] >= 'a' && text[k] <= 'z') || (text[k] >= 'A' && text[k] <= 'Z'))) return false;
    }
    for (const std::string_view ending : endings) {
        if (ending.size() > n) continue;
        size_t k = 0;
        while (k < ending.size() && (text[n - ending.size() + k] | 32) == ending[k]) k++;
        if (k == ending.size()) return true;
    }
    return false;
}

// Whether text[0, n) is clinical terms joined by hyphens ("DTaP-IPV", "DTaP-IPV-Hib"), each part a term.
bool is_hyphened_terms(const char * text, size_t n) {
    const char * end = text + n;
    if (std::find(text, end, '-') == end) return false;
    for (const char * p = text; p <= end;) {
        const char * q = std::find(p, end, '-');
        if (q == p || !is_clinical_term_word(p, (size_t) (q - p))) return false;
        p = q + 1;
    }
    return true;
}

} // namespace

bool is_clinical_term_word(const char * text, size_t n) {
    return in_word_list(TERM_WORDS, text, n) || has_an_ending(text, n, INN_STEMS) || has_an_ending(text, n, DISEASE_ENDINGS);
}

bool is_clinical_term(const char * text, size_t n) {
    bool any = false;
    for (size_t i = 0; i < n;) {
        if (!word_byte(text[i])) {
            i++;
            continue;
        }
        size_t e = i;
        while (e < n && word_byte(text[e])) e++;
        if (!is_clinical_term_word(text + i, e - i) && !is_hyphened_terms(text + i, e - i)) return false;
        any = true;
        i = e;
    }
    return any;
}

} // namespace mab
