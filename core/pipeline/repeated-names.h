// The `repeat` rule: one confident name in lower case vouches for its other mentions.
//
// Speech recognition writes a conversation in lower case ("hi andrew . how are you ?"), so the model
// has no capital letter to go on and judges each mention by its context: it finds "so andrew tell me"
// and misses "take care andrew". Once the model has found a lower-case word as a NAME with a score of
// at least REPEAT_MIN_SCORE, every other mention of that word in the text, in any case, is a NAME too.
// Capitalised names are not repeated: in written notes the model finds each capitalised mention on
// its own, and repeating them only repeats its mistakes (a drug name taken for a name).
#pragma once

#include "pipeline/span.h"
#include "pipeline/text-index.h"

#include <cstddef>
#include <vector>

namespace mab {

// Chosen on ACI-Bench's train and validation transcripts with the default model (see README).
constexpr float REPEAT_MIN_SCORE = 0.7f;

// Appends, for the model NAME spans of *spans (code points) that qualify, a span for each other
// mention of their words in text[0, len): type NAME, the source's subtype and score, source rule,
// origin "repeat". Mentions already inside a NAME span are skipped; neighbouring mentions separated
// only by spaces become one span ("martha rivera").
void find_repeated_names(const char * text, size_t len, const text_index & index, std::vector<span> * spans);

} // namespace mab
