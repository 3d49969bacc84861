// Clinical terms no person, place or job is: medication names, which the model sometimes takes for
// a person ("doxycycline is low risk", "your Lantus and your Humalog") and which the address rule
// must not take for one ("okay nexium so we"), and clinical abbreviations ("Regarding her GERD",
// "No MVI"), and diseases and operations by their endings ("Diagnosis: Adenocarcinoma"). The words of
// models/synth/lists/drugs.txt, medication-names.txt and clinical-abbreviations.txt, compiled in
// (clinical-terms.inc, written by generate_lists.py), and the endings of drug names (INN stems) and
// of diseases (clinical-terms.cpp).
#pragma once

#include <cstddef>

namespace mab {

// Whether text[0, n) is a word of a clinical term, in any ASCII case.
bool is_clinical_term_word(const char * text, size_t n);

// Whether text[0, n) holds a word and every word in it is a clinical term's: "Lantus", "Norvasc,
// Lasix", "GERD"; not "Norvasc and Lasix" nor "Lantus 20".
bool is_clinical_term(const char * text, size_t n);

} // namespace mab
