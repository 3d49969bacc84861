// Names in lower case, as speech recognition writes a conversation ("[doctor] hi andrew . how are you
// ?"). The model has no capital letter to go on there and judges each mention by its context: it
// finds "so andrew tell me" and misses "take care andrew". Two rules help it:
//
//   address  a word that the model's cased vocabulary does not hold in lower case (a word its corpus
//            does not write in lower case, so not "dragon", the dictation assistant) said where
//            people say names: after a greeting or a thank-you and before a pause ("hi andrew .",
//            "good morning karen nice to see you", "take care andrew"), at the end of one ("nice to
//            see you jack i know"), after a sentence's opener ("[doctor] alright scott so"), after a
//            title ("dr. moore", "mr . gutierrez", and a common word after one said only before
//            names: "mr. cook"), or as first name and surname in a dictation's introduction, in a
//            sentence begun in lower case ("next patient is nicole miller . date of birth").
//   repeat   once the model (score >= REPEAT_MIN_SCORE) or the address rule has found a lower-case
//            word as a NAME, every other mention of that word, in any case, is a NAME too, unless it
//            is a common function word the model mistook ("me", "see").
//
// Capitalised names are not repeated: in written notes the model finds each capitalised mention on
// its own, and repeating them only repeats its mistakes (a drug name taken for a name).
#pragma once

#include "pipeline/span.h"
#include "pipeline/text-index.h"
#include "tokenizer/vocab.h"

#include <cstddef>
#include <string>
#include <vector>

namespace mab {

// Chosen on ACI-Bench's train and validation transcripts with the default model (see README).
constexpr float REPEAT_MIN_SCORE = 0.7f;
constexpr float ADDRESS_SCORE    = 0.9f;

// Appends a span (code points; type NAME, subtype PATIENT, or DOCTOR after "doctor" / "dr", source
// rule, origin "address") for each name the address rule finds in text[0, len), and drops the model
// spans of other types that overlap one. Nothing without a vocabulary.
void find_addressed_names(const char * text, size_t len, const text_index & index, const vocab * words,
                          std::vector<span> * spans);

// Whether text[b, e) (bytes) holds words and each is a title, greeting, filler, interjection or
// common function word ("How", "Do you", "hi", "So Mister"), and no title comes before it: what the
// model takes for a name after a speaker's label ("Doctor: How about joint pain?") or next to one
// ("[doctor] hi , james"). One letter other than "I" is an initial, so "Dr. A" stays.
bool is_no_name(const char * text, size_t len, size_t b, size_t e);

// Where a NAME the model found in text[b, e) (bytes) begins once its leading greetings, fillers and
// function words are left out ("so logan" -> "logan", "Hi Jay" -> "Jay"): the first word that is none
// of those, or a title ("Hi mister Jones" -> "mister Jones"). b when there is none, and when the
// leading words begin with a capital and that word does not ("I'm obese": in a written sentence a
// name has its capital, so that span is judged whole, by is_common_word_by_case).
size_t name_start_after_leading_words(const char * text, size_t len, size_t b, size_t e);

// Where a NAME in text[b, e) (bytes) ends without its possessive ending, "'s" or a final apostrophe
// (either, ' or ’): "Smith's" -> "Smith", "O'Connor's" -> "O'Connor", "Jones'" -> "Jones", and
// "Smith'" of "Smith's" -> "Smith".
// The ending is no part of the name: a surrogate must not swallow it, and "Smith's" must get the
// surrogate "Smith" gets.
size_t name_end_before_possessive(const char * text, size_t b, size_t e);


// Whether text[b, e) (bytes) names a relative, in any ASCII case: son, wife, grandmother, friend,
// caregiver, ... (the address rule's "my son jose", the name rule's "Brother Jack").
bool is_relative_word(const char * text, size_t b, size_t e);

// Whether text[b, e) (bytes) is a possessive ending alone, "'s" or the "s" after an apostrophe: what the
// model sometimes tags of "Driver's license", and no entity.
bool is_possessive_ending(const char * text, size_t b, size_t e);

// How a text writes its words, gathered on first use: the words it writes in lower case
// ("numbness"), and those it capitalises inside a sentence ("Brown" of "Mr. Brown"), lower-cased.
struct word_cases {
    bool                     gathered = false;
    std::vector<std::string> words;       // sorted, unique
    std::vector<std::string> capitalised; // sorted, unique
    int                      cased = -1;  // whether the text is cased (below): -1 until asked
};

// Narrows a NAME the model found in text[b, e) (bytes), which holds a capitalised word other than a
// title, to its capitalised words when the words around them are words of English in lower case: a
// common word of clinical English (common-words.h), a function word, or a verb's form in -ed or -ing
// of 5 letters or more. The model ran on into the sentence ("Dr. Nakagawa-Ferris rounded" -> "Dr.
// Nakagawa-Ferris", "wife Arlene following" -> "Arlene", "Dr. Beer aware" -> "Dr. Beer"). Not over
// a surname typed in lower case ("Spouse zuliani", "Mr Quintero cruz"), a title ("mister Jones"), a
// surname's particle ("de la Cruz"), a number or other characters; a name without a capital (a
// transcript's, "andrew") is left as it is.
void trim_lower_case_words_around_a_name(const char * text, size_t len, size_t * b, size_t * e);

// Whether text[b, e) (bytes) is whole words with letters, all ASCII and in lower case, after no title
// with its capital or its period ("Dr smith", "dr. smith"), in a text that begins its sentences and
// lines with capitals (at least 5 of them, 90% or more; a field's value after its label and a word
// after a title's period do not count). There a name or a place would have its capital ("She wears
// sunscreen", "I miss golfing"), while transcripts in lower case write every name so ("hi , andrew").
bool is_lower_case_in_a_cased_text(const char * text, size_t len, size_t b, size_t e, word_cases * cases);

// Whether every word of text[b, e) (bytes) is a greeting, filler or function word, a common word of
// clinical English (common-words.h) or a clinical term's word: no name, though a name may be written
// in lower case by mistake ("seen by elna braun" stays).
bool is_only_common_words(const char * text, size_t len, size_t b, size_t e);

// Both of the above, or lower case in a cased text after a title written without its capital or
// period, which is then no title ("I miss golfing", "the doctor suspects", "an MR myelogram"): no
// name. A name typed in lower case stays ("her partner nolte", "Completed by tirone furgala").
bool is_lower_case_no_name(const char * text, size_t len, size_t b, size_t e, word_cases * cases);

// Whether text[b, e) (bytes), which the model took for a name, is common words. It begins with a
// capital letter where capitals tell nothing, at the start of a sentence, of a speaker's turn or of a
// field (after a label of up to four words and a colon at a line's start, a list marker allowed
// before it), and no title comes before it. Its first word is a greeting, filler or function word, or a common word:
// one the text writes in lower case elsewhere ("Doctor: Numbness? ... any numbness") or one of
// clinical English (common-words.h: "Doctor: Cough?", "Gait: Slow"), which the text capitalises
// nowhere inside a sentence ("Mr. White"). Each later word is a greeting, filler or function word or
// begins in lower case ("Any pets?", "I'm obese"): a later capital is a name's ("Hi Jay"). A
// one-letter word other than "I" is an initial, which keeps the span.
bool is_common_word_by_case(const char * text, size_t len, size_t b, size_t e, word_cases * cases);

// Whether the model NAME text[b, e) (bytes) comes right before a noun that follows an eponym or a
// clinical adjective, with no title before it: "Achilles reflexes", "Schnur scale", "peptic ulcer",
// "Von Hippel-Lindau disease", "Murphy's disease"; not "Dr. Achilles reflexes". "Sign" counts where
// a finding's words come around it ("positive for Murphy signs", "Doppler signs are present"), not
// as the verb ("have Mary sign the form").
bool is_before_a_clinical_noun(const char * text, size_t len, size_t b, size_t e);

// Whether the model NAME text[b, e) (bytes) is a sign, test or score of an examination named for a
// person, with no title before it: every word an exam's eponym (Babinski, Romberg, McBurney, Braden,
// Gleason, Tanner...), then a finding or a kind of test ("Babinski negative", "Romberg test",
// "McBurney's point", "Tanner stage"), or, for a score's eponym, its number ("Braden 14", "Gleason
// 3+4=7", "Tanner IV"); or a finding before it ("negative Romberg"). "Dr. Murphy" stays.
bool is_exam_eponym(const char * text, size_t len, size_t b, size_t e);

// Whether the model NAME text[b, e) (bytes) is a device or test named for a person or by a word that
// is a name, with no title before it: the name (Foley, Holter, Doppler, Jackson-Pratt, Echo, Walker,
// Pap...) with only a modifier before it in the entity ("Rolling Walker") or its noun after
// ("Bovie cautery"), then its noun or what is done with it ("Foley catheter", "Echo pending", "Echo:",
// "The Foley was removed"), or a modifier before it ("Repeat Echo", "indwelling Foley"); or only a
// modifier before such a name ("Rolling" of "Rolling Walker"). "Dr. Walker", "Walker at home" stay.
bool is_device_eponym(const char * text, size_t len, size_t b, size_t e);

// Whether the model NAME or place text[b, e) (bytes) is an order a note writes before a drug or
// clinical term, with no title before it ("Hold metformin", "Continue Lasix"), or such an order and
// the drug ("Start Flovent").
bool is_order_before_a_drug(const char * text, size_t len, size_t b, size_t e);

// Appends, for the NAME spans of *spans (code points) that qualify (above), a span for each other
// mention of their words in text[0, len): type NAME, the source's subtype and score, source rule,
// origin "repeat". Titles, greetings and common function words are not repeated ("me" or "see" that
// the model took for a name once). Mentions already inside a NAME span are skipped; neighbouring
// mentions separated only by spaces become one span ("martha rivera").
void find_repeated_names(const char * text, size_t len, const text_index & index, std::vector<span> * spans);

} // namespace mab
