#include "pipeline/common-words.h"

#include "pipeline/word-list.h"

namespace mab {

namespace {

constexpr std::string_view COMMON_WORDS =
#include "pipeline/common-words.inc"
    ;

} // namespace

bool is_common_word(const char * text, size_t n) { return in_word_list(COMMON_WORDS, text, n); }

} // namespace mab
