// Medication names, which the model sometimes takes for a person ("doxycycline is low risk",
// "your Lantus and your Humalog") and which the address rule must not take for one ("okay nexium
// so we"): the words of models/synth/lists/drugs.txt, compiled in (drug-names.inc, written by
// generate_lists.py).
#pragma once

#include <cstddef>

namespace mab {

// Whether text[0, n) is a word of a medication name, in any ASCII case.
bool is_medication_word(const char * text, size_t n);

// Whether text[0, n) holds a word and every word in it is a medication word: "Lantus", "Norvasc,
// Lasix"; not "Norvasc and Lasix" nor "Lantus 20".
bool is_medication(const char * text, size_t n);

} // namespace mab
