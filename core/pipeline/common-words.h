// Common words of clinical English, which the model takes for a name where a capital says nothing:
// first in a sentence or a speaker's turn ("Doctor: Cough?", "Patient: Earlier today.", "Gait: Slow").
// The words written in lower case in at least 5 documents of ACI-Bench's and MTS-Dialog's train
// splits, less every word of the synthetic notes' given names and surnames, compiled in
// (common-words.inc, written by generate_lists.py).
#pragma once

#include <cstddef>

namespace mab {

// Whether text[0, n) is a common word, in any ASCII case.
bool is_common_word(const char * text, size_t n);

} // namespace mab
