// JSON's backslash escapes in a pasted document's strings ("\n", "\"", "\u00e9"). The default model
// read `"Follow-up.\nJohn Smith was seen…"` as the word "nJohn", and its span, replaced by a
// surrogate, left "\Aaron": an escape JSON does not have, and a document no parser reads. Python's
// json.dumps writes every letter beyond ASCII as "\u" and four digits, so a name with an accent was
// cut in two ("Vi" of "Vi\u1ec7t").
#pragma once

#include "pipeline/span.h"
#include "pipeline/text-index.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace mab {

// The byte ranges of text[0, len) that are JSON escapes, read from left to right: a backslash and
// one of "\/bfnrt, or "\u" and four hexadecimal digits (a UTF-16 surrogate pair's two escapes as one
// range). Anywhere in the text: outside a JSON string a backslash before those is rare, and read so
// it cuts no word the model or a rule would want whole.
std::vector<std::pair<size_t, size_t>> json_escapes(const char * text, size_t len);

// The escape of `escapes` (json_escapes') that holds byte p, or nullptr.
const std::pair<size_t, size_t> * json_escape_at(const std::vector<std::pair<size_t, size_t>> & escapes, size_t p);

// The character the escape text[r) stands for (U+FFFD for a lone surrogate).
uint32_t json_escape_value(const char * text, const std::pair<size_t, size_t> & r);

// Whether the escape text[r) stands for a letter or a digit ("\u00e9"), a word's part, rather than a
// space, a quote or a control character ("\n").
bool json_escape_is_letter(const char * text, const std::pair<size_t, size_t> & r);

// text[0, len) with each escape of `escapes` (json_escapes') written as the character it stands for,
// followed by as many U+0001 as the escape has characters but one: the tokenizer drops those, as
// BERT's does every control character, so the model reads "Việt" whole, and a code point's offset
// in the result is its offset in the text (its bytes may be more). An escape that is no longer one
// in text (XML markup written as spaces over a part of it) is copied.
std::string text_unescaped(const char * text, size_t len, const std::vector<std::pair<size_t, size_t>> & escapes);

// text[0, len) with its escapes read (no fillers): the value a de-identifying operator reads.
std::string json_unescaped(const char * text, size_t len);

// s written as a JSON string's text: quotes, backslashes and control characters escaped.
std::string json_escaped(const std::string & s);

// No span (code points of text, which index maps) cuts an escape: one that stands for a space or a
// quote stays outside it ("nJohn" of "\nJohn" is "John"), and one that stands for a letter is part
// of the word it is written in ("Vi" of "Vi\u1ec7t" takes the rest of the word). A span left empty
// is dropped.
void keep_escapes_whole(const char * text, size_t len, const std::vector<std::pair<size_t, size_t>> & escapes,
                        const text_index & index, std::vector<span> * spans);

} // namespace mab
