#include "pipeline/spoken-names.h"

#include "pipeline/clinical-terms.h"
#include "pipeline/common-words.h"
#include "pipeline/rules.h"
#include "tokenizer/unicode.h"

#include <algorithm>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>

namespace mab {

namespace {

// Words a NAME span may hold that are no name of their own, and words said where a name could be
// that are none: titles, greetings, pronouns, fillers, interjections and adverbs ("mister
// thompson", "hi kenneth", "so andrew", "hi there", "thank you yep", "hey dragon", the dictation
// assistant, "okay , gotcha .", "so typically we", "my son recently called"). The words a small
// vocabulary holds need no place here (name_like).
constexpr std::string_view NOT_NAMES[] = {
    "mr",      "mrs",   "ms",      "miss",  "mister",  "missus",  "dr",        "doctor",  "doc",
    "nurse",   "professor", "sir", "madam", "hi",      "hey",     "hello",     "bye",     "goodbye",
    "dear",    "morning", "afternoon", "evening", "good", "the",  "a",         "an",      "and",
    "of",      "to",    "so",      "ok",    "okay",    "yes",     "no",        "um",      "uh",
    "well",    "you",   "he",      "she",   "his",     "her",     "him",       "it",      "we",
    "they",    "patient", "baby",  "there", "everyone", "everybody", "guys",   "folks",   "all",
    "again",   "dragon", "dax",    "mom",   "dad",     "honey",   "sweetie",   "buddy",   "man",
    "yeah",    "yep",   "yup",     "nope",  "alright", "sure",    "bye-bye", "ma'am",   "champ",
    "bud",     "pal",   "dude",  "ladies",  "gentlemen", "awesome", "cool",     "gotcha",  "gosh",
    "hmm",     "hmmm",  "alrighty", "perfect", "wow",    "recently", "actually", "usually", "finally",
    "always",  "never", "sometimes", "eventually", "apparently", "basically", "really", "probably", "currently",
    "unfortunately", "previously", "still", "even", "often", "later", "already", "who", "hopefully",
    "ideally", "typically", "personally", "anyway", "anytime", "honestly", "obviously", "definitely",
    "absolutely", "essentially", "literally", "seriously", "totally", "great", "welcome", "oh", "sincerely",
    "regards", "respectfully", "cordially",
    "ah",      "nice",  "wonderful", "congratulations", "excellent", "anyone", "anything", "any", "before",
    "tell",    "happy", "looks",   "sounds", "aw",     "correct", "besides", "because", "much",   "lets",
    "luckily", "remind", "keep",   "fantastic", "take", "ha",     "aside",   "huh",     "while",  "pretty",
    "glad",    "eh",    "maybe",   "make",  "nah",     "incredible", "exactly", "interesting", "certainly",
    "thanks",  "okey",  "okie",    "sadly", "fortunately", "thankfully",
};

// Common words no name is, which the model sometimes takes for one in a conversation ("let me see",
// "i am", "don't"): repeating them would flag every "me". (Not the vocabulary: the default model's
// holds "karen" and "john" in lower case.)
constexpr std::string_view FUNCTION_WORDS[] = {
    "i",    "me",    "my",    "mine",  "myself", "your",  "yours", "our",   "us",    "them",  "their", "its",
    "am",   "is",    "are",   "was",   "were",   "be",    "been",  "being", "do",    "does",  "did",   "done",
    "have", "has",   "had",   "get",   "got",    "go",    "going", "see",   "saw",   "seen",  "say",   "said",
    "how",  "what",  "when",  "where", "why",    "who",   "which", "that",  "this",  "these", "those", "here",
    "not",  "but",   "if",    "or",    "for",    "with",  "at",    "by",    "from",  "in",    "on",    "up",
    "out",  "off",   "over",  "about", "just",   "now",   "then",  "than",  "too",   "very",  "also",  "old",
    "new",  "one",   "two",   "can",   "could",  "would", "should", "let",  "like",  "know",  "think", "as",
    "don't", "can't", "it's", "i'm", "i'd", "i've", "i'll", "you're", "you've", "you'll", "we're", "we'll",
    "we've", "how've", "how're", "what's", "that's", "let's", "there's", "won't", "isn't", "aren't", "wasn't",
    "didn't", "doesn't", "haven't", "hasn't", "couldn't", "wouldn't", "shouldn't",
};

// Nouns that follow an eponym or a clinical adjective, which the model takes for a name ("Achilles
// reflexes", "Schnur scale", "peptic ulcer", "Von Hippel-Lindau disease"). Not "test" or "score".
constexpr std::string_view CLINICAL_NOUNS[] = {
    "reflex",  "reflexes", "tendon",    "tendons",    "tendinitis", "tendonitis", "maneuver", "manoeuvre", "scale",
    "ulcer",   "ulcers",   "criteria",  "phenomenon", "disease",    "syndrome",   "chorea",   "palsy",     "neuroma",
};

// "Sign" is a verb after a name too ("have Mary sign the form"): it is an eponym's noun only where a
// finding's words come after it ("Murphy sign is positive", "Doppler signs are present") or before
// the name ("positive for Murphy signs", "no Homan's sign").
constexpr std::string_view SIGNS[]       = {"sign", "signs"};
constexpr std::string_view AFTER_SIGN[]  = {"is", "are", "was", "were", "positive", "negative", "present", "absent",
                                            "noted", "bilaterally"};
constexpr std::string_view BEFORE_SIGN[] = {"positive", "negative", "no", "for", "a"};

// People that signs, tests and scores of an examination are named for ("Babinski negative", "Braden
// 14"), which the model takes for names. Surnames that are given names too (Patrick, Allen) are left
// out: "Patrick test results" may be a patient's.
constexpr std::string_view EXAM_EPONYMS[] = {
    "babinski", "romberg",   "mcburney",  "murphy",     "homan",    "homans",      "kernig",  "brudzinski",
    "lachman",  "mcmurray",  "phalen",    "tinel",      "finkelstein", "spurling", "hoffmann", "hoffman",
    "trendelenburg", "rovsing", "chvostek", "trousseau", "valsalva", "hawkins",    "neer",    "yergason",
    "ortolani", "barlow",    "apley",     "adson",      "kussmaul", "korotkoff",   "epley",   "hallpike",
    "dix-hallpike", "weber", "rinne",     "lhermitte",  "lasegue",  "gaenslen",    "beighton", "moro",
    "braden",   "gleason",   "tanner",    "apgar",      "mallampati", "karnofsky", "breslow", "bosniak",
    "fazekas",  "killip",    "ranson",    "alvarado",   "centor",   "epworth",     "caprini", "hinchey",
};
// Eponyms of scores, which a number follows ("Braden 14", "Gleason 3+4", "Tanner 4").
constexpr std::string_view SCORE_EPONYMS[] = {
    "braden",  "gleason", "tanner", "apgar",  "mallampati", "karnofsky", "breslow", "bosniak",
    "fazekas", "killip",  "ranson", "alvarado", "centor",   "epworth",   "caprini", "hinchey", "beighton",
};
// A finding or a kind of test after an exam's eponym, or a finding before it ("negative Romberg").
constexpr std::string_view AFTER_EPONYM[] = {
    "negative", "positive", "neg", "pos", "present", "absent", "equivocal", "intact", "normal", "abnormal",
    "upgoing", "downgoing", "sign", "signs", "test", "tests", "testing", "maneuver", "manoeuvre", "point",
    "stage", "score", "scores", "grade", "class", "classification", "criteria", "scale", "index", "reflex",
};
constexpr std::string_view BEFORE_EPONYM[] = {"negative", "positive", "neg", "pos", "no", "+"};

// Devices and tests named for people, or by words that are names, which the model takes for names:
// "Foley removed", "Holter monitor", "Repeat Echo", "Rolling Walker".
constexpr std::string_view DEVICE_EPONYMS[] = {
    "foley", "holter", "doppler", "swan-ganz", "jackson-pratt", "bovie", "penrose", "dobhoff", "hickman", "groshong",
    "blake", "hemovac", "pleurx", "echo", "walker", "kerlix", "coban", "tegaderm", "dermabond", "pap",
};
// The kind of device, written before it: "Rolling Walker", "Repeat Echo", "indwelling Foley".
constexpr std::string_view DEVICE_MODIFIERS[] = {
    "rolling", "front-wheeled", "wheeled", "four-wheeled", "standard", "repeat", "indwelling", "transthoracic",
    "transesophageal", "stress", "bedside", "limited", "formal", "via", "remove", "place", "insert", "discontinue",
    "obtain", "order",
};
// The device's noun, or what is done with it, after it: "Foley catheter", "Echo pending", "Foley was
// removed".
constexpr std::string_view AFTER_DEVICE[] = {
    "catheter", "catheters", "monitor", "monitoring", "drain", "drains", "smear", "ultrasound", "study", "studies",
    "cautery", "tube", "line", "bag", "dressing", "wrap", "removed", "placed", "inserted", "discontinued", "changed",
    "exchanged", "pending", "ordered", "showed", "shows", "revealed", "reviewed", "done", "obtained", "scheduled",
    "negative", "positive", "normal", "unremarkable", "flushed", "draining", "output", "care", "results", "report",
};
constexpr std::string_view DEVICE_NOUNS[] = {"catheter", "catheters", "monitor", "drain", "drains", "smear", "ultrasound", "cautery", "tube"};
// Orders a note writes before a drug ("Hold metformin", "Continue Lasix"): the model took "Hold" for
// a name at a sentence's start.
constexpr std::string_view ORDERS[] = {
    "hold", "continue", "start", "stop", "resume", "restart", "discontinue", "increase", "decrease", "titrate", "taper", "check",
};

// Forms of "be" between a device and what was done with it ("The Foley was removed").
constexpr std::string_view SUBJECT_VERBS_BE[] = {"was", "is", "were", "are"};

// Modal verbs that are also given names, and the pronouns that make them verbs: "Will I be asleep?",
// "May I see that list?", "I will do a test".
constexpr std::string_view MODALS[]   = {"will", "may"};
constexpr std::string_view SUBJECTS[] = {"i", "you", "he", "she", "it", "we", "they"};

// What a name said to someone follows ("hi andrew", "take care andrew", "thank you doctor cruz").
constexpr std::string_view GREETINGS[][2] = {
    {"hi", ""},      {"hey", ""},     {"hello", ""}, {"morning", ""}, {"afternoon", ""},
    {"evening", ""}, {"bye", ""},     {"goodbye", ""}, {"thanks", ""}, {"take", "care"},
    {"thank", "you"},
};

// Where a greeting ends and a name may follow: "nice to see you jack i know", "how're you doing
// today angela [patient]", and after a comma "how are you , mary ?" (without one, "are you" is
// followed by what the patient is: "are you busy ?").
constexpr std::string_view GREETING_ENDS[][2] = {
    {"see", "you"}, {"meet", "you"}, {"doing", "today"},
};
constexpr std::string_view GREETING_ENDS_BEFORE_COMMA[][2] = {{"are", "you"}};

// What a sentence may begin with before the name of the one spoken to, which a word of AFTER_NAME
// then follows ("[doctor] alright scott so", "so bryan it's nice to see you"). A pause after the
// word would not do: "okay , gotcha .", "so personally , i".
constexpr std::string_view SENTENCE_OPENERS[][2] = {
    {"so", ""}, {"alright", ""}, {"okay", ""}, {"ok", ""}, {"well", ""}, {"all", "right"},
};

constexpr std::string_view TITLES[] = {"mr", "mrs", "ms", "miss", "mister", "missus", "dr", "doctor"};
// The titles said only before a name, which may then be a common word ("mr. cook", "dr. juan
// price"): the others also stand alone ("the doctor said", "i miss") or, without a period, for
// something else ("mr arthrogram", "ms flare"), so there the name must be no common word.
constexpr std::string_view NAME_TITLES[] = {"mrs", "mister", "missus", "dr"};
constexpr std::string_view NAME_TITLES_WITH_PERIOD[] = {"mr", "ms"};

// Words that may follow the name when no punctuation does: "hi andrew how are you", "morning karen
// nice to see you", "hey william so i see".
constexpr std::string_view AFTER_NAME[] = {"how", "how're", "how's", "nice", "good", "so", "i", "i'm", "it's", "you're",
                                   "let's", "thanks", "thank", "welcome", "come", "have", "what", "what's", "well",
                                   "tell", "we", "great", "you", "it"};

// Who, named, is a provider: "a therapist named carla".
constexpr std::string_view CARE_ROLES[] = {"doctor", "physician", "surgeon", "nurse", "therapist", "counselor",
                                           "psychiatrist", "psychologist", "dentist", "chiropractor", "pharmacist",
                                           "specialist", "midwife", "provider", "practitioner", "worker"};

// What "named" is an adjective or a passive after ("the named GP", "was named"), and things named,
// no person ("the bacteria named Enterococcus").
constexpr std::string_view NOT_BEFORE_NAMED[] = {
    "the",      "a",         "an",       "by",      "with",     "to",      "for",       "of",     "was",
    "were",     "is",        "are",      "be",      "been",     "being",   "get",       "got",    "gets",
    "bacteria", "bacterium", "organism", "germ",    "bug",      "virus",   "fungus",    "drug",   "medication",
    "medicine", "pill",      "condition", "disease", "disorder", "syndrome", "procedure", "surgery", "test",
    "scan",     "device",    "product",  "app",     "program",  "brand",   "supplement", "cream", "vitamin"};

// What a dictated note introduces its patient with, and what may follow the name.
constexpr std::string_view INTRODUCTIONS[][2] = {
    {"patient", "is"}, {"name", "is"}, {"next", "is"}, {"this", "is"}, {"dictating", "on"}, {"seeing", ""},
    {"patient", ""},
};
constexpr std::string_view AFTER_INTRODUCTION[] = {"date", "dob", "mrn", "medical", "she", "he", "is", "who", "age"};

// A relative's name in a conversation: "my son jose drove me", "my daughter , theresa .", "my
// friend diane and". The possessive, the relative, then the name, which a pause or one of
// AFTER_RELATIVE_NAME must follow: after a relative comes a verb as often ("my husband drove me"),
// and in the default model's vocabulary of 8,000 pieces many verbs are no piece in lower case.
constexpr std::string_view POSSESSIVES[] = {"my", "his", "her", "your", "their", "our"};
constexpr std::string_view RELATIVES[] = {
    "son",     "daughter", "wife",        "husband",  "mother",   "mom",       "father",      "dad",
    "brother", "sister",   "grandson",    "granddaughter", "grandmother", "grandfather", "grandma", "grandpa",
    "aunt",    "uncle",    "niece",       "nephew",   "cousin",   "partner",   "boyfriend",   "girlfriend",
    "fiance",  "fiancee",  "friend",      "neighbor", "neighbour", "caregiver", "stepson",    "stepdaughter",
    "spouse",  "sibling",
};
constexpr std::string_view AFTER_RELATIVE_NAME[] = {
    "i",     "and",   "who",   "she",   "he",     "is",    "was",   "has",    "had",   "said",    "says",
    "called", "calls", "came", "comes", "drove",  "drives", "lives", "lived", "will",  "would",   "can",
    "could", "does",  "did",   "just",  "also",   "helps", "helped", "took",  "takes", "brought", "passed",
    "died",  "works", "worked", "stays", "thinks", "thought", "told", "wants", "went",  "goes",    "gets",
    "got",   "usually", "always", "never",
};

bool digit(uint8_t c) { return c >= '0' && c <= '9'; }

// Bytes of the letter or digit at byte i, 0 when it is none: ASCII letters and digits, and any other
// character that is no punctuation, space or control ("é", "ß", "中").
size_t word_char(const uint8_t * s, size_t len, size_t i) {
    if (i >= len) return 0;
    if (s[i] < 0x80) return ((s[i] | 32) >= 'a' && (s[i] | 32) <= 'z') || digit(s[i]) ? 1 : 0;
    uint32_t cp = 0;
    const size_t n = (size_t) utf8_next(s, len, i, &cp);
    return unicode::is_category_p(cp) || unicode::is_category_c(cp) || unicode::is_python_space(cp) ? 0 : n;
}

// Whether the character that ends at byte i (exclusive) is a letter or digit.
bool word_char_before(const uint8_t * s, size_t len, size_t i) {
    size_t k = i;
    while (k > 0 && i - k < 4) {
        k--;
        if ((s[k] & 0xC0) != 0x80) return word_char(s, len, k) == i - k;
    }
    return false;
}

// Bytes of the word character at byte i, where an apostrophe or hyphen between two letters or
// digits joins a word ("you're", "hawkins-kennedy"); 0 at the end of a word.
size_t word_step(const uint8_t * s, size_t len, size_t i) {
    if (const size_t n = word_char(s, len, i)) return n;
    const bool joiner = i < len && (s[i] == '\'' || s[i] == '-');
    return joiner && word_char_before(s, len, i) && word_char(s, len, i + 1) ? 1 : 0;
}

std::string ascii_lower(const char * s, size_t n) {
    std::string out(s, n);
    for (char & c : out) {
        if (c >= 'A' && c <= 'Z') c = (char) (c + 32);
    }
    return out;
}

// Whether text[b, e) is `lower` ignoring ASCII case.
bool equals_lower(const char * text, size_t b, size_t e, std::string_view lower) {
    if (e - b != lower.size()) return false;
    for (size_t k = 0; k < lower.size(); k++) {
        const char c = text[b + k];
        if ((c >= 'A' && c <= 'Z' ? (char) (c + 32) : c) != lower[k]) return false;
    }
    return true;
}

template <size_t N> bool one_of(const std::string_view (&list)[N], const char * text, size_t b, size_t e) {
    for (const std::string_view w : list) {
        if (equals_lower(text, b, e, w)) return true;
    }
    return false;
}

// Whether the ASCII word right before the space before byte b is one of `list` ("positive for
// Murphy": "for").
template <size_t N> bool word_before_in(const char * text, size_t b, const std::string_view (&list)[N]) {
    const uint8_t * s = (const uint8_t *) text;
    if (b < 2 || s[b - 1] != ' ') return false;
    size_t wb = b - 1;
    while (wb > 0 && (s[wb - 1] | 32) >= 'a' && (s[wb - 1] | 32) <= 'z') wb--;
    return one_of(list, text, wb, b - 1);
}

// Whether text[b, e) holds only spaces and at most one of the characters of `punct`.
bool plain_gap(const char * text, size_t b, size_t e, const char * punct) {
    bool punct_seen = false;
    for (size_t k = b; k < e; k++) {
        if (text[k] == ' ') continue;
        if (punct_seen || !text[k] || !strchr(punct, text[k])) return false; // strchr finds the NUL too
        punct_seen = true;
    }
    return true;
}

// Calls f(begin, end) for each whole word of text[0, len) that lies inside [b, e) (byte offsets): a
// maximal run of letters, digits and joining apostrophes and hyphens, with no digit. A final 's is
// not part of the word.
template <typename F> void for_each_word(const uint8_t * s, size_t len, size_t b, size_t e, F f) {
    size_t i = b;
    if (word_char_before(s, len, i)) {
        while (const size_t n = word_step(s, len, i)) i += n; // a word that b cuts
    }
    while (i < e) {
        if (!word_char(s, len, i)) {
            uint32_t cp = 0;
            i += (size_t) utf8_next(s, len, i, &cp);
            continue;
        }
        const size_t start = i;
        bool has_digit = false;
        while (const size_t n = word_step(s, len, i)) {
            has_digit |= digit(s[i]);
            i += n;
        }
        if (has_digit || i > e) continue;
        f(start, i - start > 2 && s[i - 2] == '\'' && (s[i - 1] | 32) == 's' ? i - 2 : i);
    }
}

// Whether the sentence around byte i begins with a lower-case letter: its first letter after the
// last sentence end, line break or speaker tag ("[doctor] ") before i.
bool sentence_in_lower_case(const uint8_t * s, size_t i) {
    size_t b = i;
    while (b > 0 && !strchr(".?!\n]", s[b - 1])) b--;
    while (b < i && !((s[b] | 32) >= 'a' && (s[b] | 32) <= 'z')) b++;
    return s[b] >= 'a' && s[b] <= 'z';
}

// Whether byte i begins a sentence: only spaces after the text's start, a sentence end, a line break
// or a speaker tag ("[doctor] ").
bool sentence_start(const uint8_t * s, size_t i) {
    while (i > 0 && s[i - 1] == ' ') i--;
    return i == 0 || strchr(".?!\n]", s[i - 1]);
}

// Whether only spaces and at most one list marker ("-", "*", "•") come between the start of a line
// and byte k.
bool line_start_before(const uint8_t * s, size_t k) {
    bool marker = false;
    while (k > 0 && s[k - 1] != '\n' && s[k - 1] != '\r') {
        if (s[k - 1] == ' ') {
            k--;
            continue;
        }
        if (marker) return false;
        marker = true;
        if (s[k - 1] == '-' || s[k - 1] == '*') k--;
        else if (k >= 3 && s[k - 3] == 0xE2 && s[k - 2] == 0x80 && s[k - 1] == 0xA2) k -= 3; // U+2022
        else return false;
    }
    return true;
}

// Whether byte i begins a sentence, a speaker's turn or a field: as sentence_start, or after a label
// of up to four words and a colon at the start of a line, or after a list marker there ("Doctor: ",
// "Guest_family: ", "Lower right extremity: ", "• Gait: ").
bool sentence_or_turn_start(const uint8_t * s, size_t i) {
    if (sentence_start(s, i)) return true;
    while (i > 0 && s[i - 1] == ' ') i--;
    if (i == 0 || s[i - 1] != ':') return false;
    size_t k = i - 1;
    for (int words = 0; words < 4; words++) {
        const size_t end = k;
        while (k > 0 && (((s[k - 1] | 32) >= 'a' && (s[k - 1] | 32) <= 'z') || digit(s[k - 1]) || s[k - 1] == '_')) k--;
        if (k == end) return false;
        if (line_start_before(s, k)) return true;
        if (s[k - 1] != ' ' || k < 2 || s[k - 2] == ' ') return false;
        k--;
    }
    return false;
}

// Whether a title comes before byte b, with spaces and at most one period between: "Dr. Good",
// "mr . good", "doctor good".
bool after_title(const char * text, size_t b, size_t * title = nullptr) {
    const uint8_t * s = (const uint8_t *) text;
    size_t k = b;
    while (k > 0 && s[k - 1] == ' ') k--;
    if (k > 0 && s[k - 1] == '.') k--;
    while (k > 0 && s[k - 1] == ' ') k--;
    size_t w = k;
    while (w > 0 && (s[w - 1] | 32) >= 'a' && (s[w - 1] | 32) <= 'z') w--;
    if (title) *title = w;
    return w < k && one_of(TITLES, text, w, k);
}

// Whether a word at byte b stands where its capital tells nothing: first in a sentence or a speaker's
// turn, and not after a title ("Dr. White" is a name's capital).
bool opens_a_sentence(const char * text, size_t b) {
    return sentence_or_turn_start((const uint8_t *) text, b) && !after_title(text, b);
}

// Whether text[b, e) is one of the words a name holds that are no name: a title, greeting, filler,
// interjection or function word. One letter is an initial ("Dr. A", "I. Mohr"), except "I" without a
// period.
bool no_name_word(const char * text, size_t len, size_t b, size_t e) {
    if (e - b == 1 && ((text[b] | 32) != 'i' || (e < len && text[e] == '.'))) return false;
    return one_of(NOT_NAMES, text, b, e) || one_of(FUNCTION_WORDS, text, b, e);
}

// Whether text[b, e) is a word of prose, not a piece of an address, a file name or an identifier
// ("kihn" of "kihn@example.org").
bool prose_word(const uint8_t * s, size_t len, size_t b, size_t e) {
    if (b > 0 && strchr("@./_:\\", s[b - 1])) return false;
    return !(e < len && (strchr("@/_\\", s[e]) || (s[e] == '.' && e + 1 < len && word_char(s, len, e + 1))));
}

struct repeated_word {
    std::string lower;
    std::string subtype;
    float       score;
};

} // namespace

void find_addressed_names(const char * text, size_t len, const text_index & index, const vocab * vocabulary,
                          std::vector<span> * spans) {
    if (!vocabulary) return;
    const uint8_t * s = (const uint8_t *) text;
    std::vector<std::pair<size_t, size_t>> w;
    for_each_word(s, len, 0, len, [&](size_t b, size_t e) { w.emplace_back(b, e); });
    const size_t n = w.size();
    const auto is = [&](size_t k, std::string_view word) { return k < n && equals_lower(text, w[k].first, w[k].second, word); };
    // Whether only spaces and at most one character of `punct` come between words k - 1 and k.
    const auto gap = [&](size_t k, const char * punct) { return k < n && plain_gap(text, w[k - 1].second, w[k].first, punct); };
    // A surname after a given name or a title may be a common word ("pamela cook", "mr. cook"): two
    // letters or more, no contraction, and no title, filler, function word or clinical term.
    const auto surname_like = [&](size_t k) {
        if (k >= n) return false;
        const size_t b = w[k].first, e = w[k].second;
        return e - b >= 2 && !memchr(text + b, '\'', e - b) && !one_of(NOT_NAMES, text, b, e) &&
               !one_of(FUNCTION_WORDS, text, b, e) && !is_clinical_term_word(text + b, e - b);
    };
    // Whether word k may be a name on its own: as above, and no piece of the vocabulary in lower case.
    const auto name_like = [&](size_t k) {
        return surname_like(k) && vocabulary->find(ascii_lower(text + w[k].first, w[k].second - w[k].first)) < 0;
    };
    // Whether a pause (punctuation, the end of a line or of the text, the next speaker's tag) or one
    // of `next` follows word k.
    const auto then = [&](size_t k, const auto & next) {
        size_t j = w[k].second;
        while (j < len && s[j] == ' ') j++;
        if (j == len || (text[j] && strchr(".,?!;:[\r\n", text[j]))) return true;
        if (k + 1 >= n || w[k + 1].first != j) return false;
        size_t e = w[k + 1].second;
        if (e + 1 < len && s[e] == '\'' && (s[e + 1] | 32) == 's') e += 2; // "it's": the word without its 's
        return one_of(next, text, j, e);
    };
    // Whether text[b, e) has no lower-case letter.
    const auto capitals = [&](size_t b, size_t e) { return std::none_of(s + b, s + e, [](uint8_t c) { return c >= 'a' && c <= 'z'; }); };
    std::vector<span> found;
    const auto add = [&](size_t first, size_t last, const char * subtype) {
        found.push_back(rule_span(index.cp_of_byte((int32_t) w[first].first), index.cp_of_byte((int32_t) w[last].second),
                                  ADDRESS_SCORE, "NAME", subtype, "address"));
    };
    // The words a cue of up to two words ends before, or n.
    const auto after = [&](size_t i, const auto & cues) {
        for (const auto & c : cues) {
            if (!is(i, c[0])) continue;
            if (c[1].empty()) return i + 1;
            if (is(i + 1, c[1]) && gap(i + 1, "")) return i + 2;
        }
        return n;
    };
    for (size_t i = 0; i < n; i++) {
        // A title: "mr . gutierrez", "dr. james", "thank you , doctor cruz". "mr" with no period may
        // be magnetic resonance ("mr arthrogram of the hip"): then a pause must follow the name.
        if (one_of(TITLES, text, w[i].first, w[i].second)) {
            // "QRS 88 ms. PR 160 ms.": after a number, "ms" is milliseconds.
            size_t before = w[i].first;
            while (before > 0 && text[before - 1] == ' ') before--;
            if (is(i, "ms") && before > 0 && text[before - 1] >= '0' && text[before - 1] <= '9') continue;
            // "moderate MR. Diuresed with Lasix": "MR" and "MS" in capitals are mitral regurgitation
            // and stenosis, multiple sclerosis, magnetic resonance; a title only where the name after
            // it is in capitals too.
            if ((is(i, "mr") || is(i, "ms")) && capitals(w[i].first, w[i].second) &&
                (i + 1 >= n || !capitals(w[i + 1].first, w[i + 1].second))) {
                continue;
            }
            const bool period = gap(i + 1, ".") && !gap(i + 1, "");
            const bool mr     = is(i, "mr") && !period;
            const bool only_before_names = one_of(NAME_TITLES, text, w[i].first, w[i].second) ||
                                           (period && one_of(NAME_TITLES_WITH_PERIOD, text, w[i].first, w[i].second));
            if (gap(i + 1, ".") && (only_before_names ? surname_like(i + 1) : name_like(i + 1)) &&
                (!mr || then(i + 1, AFTER_NAME))) {
                add(i + 1, i + 1, is(i, "doctor") || is(i, "dr") ? "DOCTOR" : "PATIENT");
            }
            continue;
        }
        // A relative: "my son jose drove me over", "my sister , hannah , summarized it".
        if (one_of(POSSESSIVES, text, w[i].first, w[i].second) && gap(i + 1, "") && i + 1 < n &&
            one_of(RELATIVES, text, w[i + 1].first, w[i + 1].second) && gap(i + 2, ",") && name_like(i + 2) &&
            then(i + 2, AFTER_RELATIVE_NAME)) {
            add(i + 2, i + 2, "PATIENT");
            continue;
        }
        // A name given: "a therapist named carla", "a friend named rosa alvarez"; after a care role, a
        // provider's. Not the adjective ("the named hospitalist", "Named consultant"), nor after a
        // verb's helper ("was named employee of the month").
        if (is(i, "named") && i > 0 && gap(i, "") && !one_of(NOT_BEFORE_NAMED, text, w[i - 1].first, w[i - 1].second) &&
            gap(i + 1, "") && name_like(i + 1) && !one_of(CARE_ROLES, text, w[i + 1].first, w[i + 1].second)) {
            const size_t last = gap(i + 2, "") && name_like(i + 2) ? i + 2 : i + 1;
            const bool provider = i > 0 && one_of(CARE_ROLES, text, w[i - 1].first, w[i - 1].second);
            add(i + 1, last, provider ? "DOCTOR" : "PATIENT");
            i = last;
            continue;
        }
        // A greeting: "hi , andrew .", "good morning karen nice to see you", "take care andrew".
        size_t k = after(i, GREETINGS);
        if (gap(k, ",")) {
            if (is(k, "there") && gap(k + 1, "")) k++;
            if (name_like(k) && then(k, AFTER_NAME)) add(k, k, "PATIENT");
            continue;
        }
        // The end of a greeting: "nice to see you jack i know", "how are you , mary ?".
        k = after(i, GREETING_ENDS);
        if (k == n) {
            k = after(i, GREETING_ENDS_BEFORE_COMMA);
            if (gap(k, "")) k = n;
        }
        if (gap(k, ",") && name_like(k) && then(k, AFTER_NAME)) {
            add(k, k, "PATIENT");
            continue;
        }
        // A sentence's opener, the name, and a word of AFTER_NAME: "[doctor] alright scott so".
        k = after(i, SENTENCE_OPENERS);
        if (gap(k, "") && sentence_start(s, w[i].first) && sentence_in_lower_case(s, w[i].first) && name_like(k) &&
            gap(k + 1, "") && then(k, AFTER_NAME)) {
            add(k, k, "PATIENT");
            continue;
        }
        // A dictation's introduction, first name and surname: "next patient is nicole miller .",
        // "this is philip gutierrez , date of birth", "patient , bruce ward .".
        // Only in a sentence begun in lower case: written text capitalises names, and there "this is
        // typically multifactorial." is no introduction.
        k = after(i, INTRODUCTIONS);
        if (gap(k, ",") && name_like(k) && gap(k + 1, "") && surname_like(k + 1) && then(k + 1, AFTER_INTRODUCTION) &&
            sentence_in_lower_case(s, w[i].first)) {
            add(k, k + 1, "PATIENT");
        }
        // A dictation that begins with the name and then the birth date: "sophia brown . date of birth".
        const bool birth_date_follows = (is(i + 2, "date") && is(i + 3, "of") && is(i + 4, "birth") && gap(i + 3, "") &&
                                         gap(i + 4, "")) || is(i + 2, "dob");
        if (sentence_start(s, w[i].first) && sentence_in_lower_case(s, w[i].first) && name_like(i) && gap(i + 1, "") &&
            surname_like(i + 1) && gap(i + 2, ".,") && birth_date_follows) {
            add(i, i + 1, "PATIENT");
        }
    }
    // Where a name is said, the model's span of another type is wrong ("hi elizabeth" as a city,
    // "philip gutierrez" as a profession): it goes, so that the name is not lost to a longer span.
    spans->erase(std::remove_if(spans->begin(), spans->end(),
                                [&](const span & m) {
                                    if (m.source != SOURCE_MODEL || m.type == "NAME") return false;
                                    return std::any_of(found.begin(), found.end(), [&](const span & a) {
                                        return a.begin < m.end && m.begin < a.end;
                                    });
                                }),
                 spans->end());
    spans->insert(spans->end(), found.begin(), found.end());
}

bool is_before_a_clinical_noun(const char * text, size_t len, size_t b, size_t e) {
    const uint8_t * s = (const uint8_t *) text;
    size_t p = e;
    if (p < len && s[p] == '\'') p += p + 1 < len && (s[p + 1] | 32) == 's' ? 2 : 1; // "Murphy's", "Achilles'"
    if (p + 1 >= len || s[p] != ' ' || after_title(text, b)) return false;
    const auto word_end = [&](size_t k) {
        while (k < len && (s[k] | 32) >= 'a' && (s[k] | 32) <= 'z') k++;
        return k;
    };
    const size_t q = word_end(p + 1);
    if (word_char(s, len, q)) return false;
    if (one_of(CLINICAL_NOUNS, text, p + 1, q)) return true;
    if (!one_of(SIGNS, text, p + 1, q)) return false;
    if (q + 1 < len && s[q] == ' ' && one_of(AFTER_SIGN, text, q + 1, word_end(q + 1))) return true;
    return word_before_in(text, b, BEFORE_SIGN);
}

bool is_exam_eponym(const char * text, size_t len, size_t b, size_t e) {
    const uint8_t * s = (const uint8_t *) text;
    if (after_title(text, b)) return false;
    bool all_scores = true;
    size_t words = 0;
    for (size_t k = b; k < e;) {
        size_t q = k;
        while (q < e && word_step(s, len, q)) q += word_step(s, len, q);
        if (q == k) {
            k++;
            continue;
        }
        const size_t name_end = q >= k + 2 && s[q - 2] == '\'' && (s[q - 1] | 32) == 's' ? q - 2 : q; // "McBurney's"
        if (!one_of(EXAM_EPONYMS, text, k, name_end)) return false;
        all_scores = all_scores && one_of(SCORE_EPONYMS, text, k, name_end);
        words++;
        k = q;
    }
    if (!words) return false;
    size_t p = e;
    if (p < len && s[p] == '\'') p += p + 1 < len && (s[p + 1] | 32) == 's' ? 2 : 1; // "Homan's", "Homans'"
    if (p < len && s[p] == ':') p++;
    if (p + 1 < len && s[p] == ' ') {
        size_t q = p + 1;
        while (q < len && word_step(s, len, q)) q += word_step(s, len, q);
        if (one_of(AFTER_EPONYM, text, p + 1, q)) return true;
        // A score's number, or a stage in Roman numerals: "Braden 14", "Gleason 3+4=7", "Tanner IV".
        const bool roman = q > p + 1 && q - (p + 1) <= 4 && std::all_of(s + p + 1, s + q, [](uint8_t c) { return c == 'I' || c == 'V'; });
        if (all_scores && (digit(s[p + 1]) || roman)) return true;
    }
    if (b < 2 || s[b - 1] != ' ') return false;
    size_t wb = b - 1;
    while (wb > 0 && s[wb - 1] != ' ' && s[wb - 1] != '\n' && s[wb - 1] != '(') wb--;
    return one_of(BEFORE_EPONYM, text, wb, b - 1);
}

bool is_device_eponym(const char * text, size_t len, size_t b, size_t e) {
    const uint8_t * s = (const uint8_t *) text;
    if (after_title(text, b)) return false;
    // Judged whole: the model may cut "Jackson-Pratt" at its hyphen, on either side.
    while (e + 1 < len && s[e] == '-' && word_char(s, len, e + 1)) {
        e++;
        while (e < len && word_step(s, len, e)) e += word_step(s, len, e);
    }
    while (b >= 2 && s[b - 1] == '-' && ((s[b - 2] | 32) >= 'a' && (s[b - 2] | 32) <= 'z')) {
        b--;
        while (b > 0 && (s[b - 1] | 32) >= 'a' && (s[b - 1] | 32) <= 'z') b--;
    }
    // The entity's words: modifiers, then the device's name and perhaps its noun ("Bovie cautery").
    size_t eponyms = 0, nouns = 0, others = 0;
    for_each_word(s, len, b, e, [&](size_t k, size_t q) {
        if (one_of(DEVICE_EPONYMS, text, k, q) && !nouns) eponyms++;
        else if (one_of(DEVICE_NOUNS, text, k, q) && eponyms) nouns++;
        else if (!one_of(DEVICE_MODIFIERS, text, k, q) || eponyms) others++;
    });
    if (others || eponyms > 1) return false;
    const auto word_after = [&](size_t p, size_t * end) {
        if (p < len && s[p] == ':') {
            *end = p + 1;
            return std::string_view(":");
        }
        if (p + 1 >= len || s[p] != ' ') return std::string_view();
        size_t q = p + 1;
        while (q < len && word_step(s, len, q)) q += word_step(s, len, q);
        *end = q;
        return std::string_view(text + p + 1, q - p - 1);
    };
    size_t q = 0;
    const std::string_view next = word_after(e, &q);
    // Only modifiers: the device's name comes next ("Rolling" of "Rolling Walker").
    if (!eponyms) return !next.empty() && one_of(DEVICE_EPONYMS, text, e + 1, q);
    if (nouns || next == ":" || (!next.empty() && one_of(AFTER_DEVICE, text, e + 1, q))) return true;
    // Its date, size or length: "Echo 11/20/25: EF 40%", "Foley 16 Fr", "Holter 48-hour".
    if (!next.empty() && digit((uint8_t) next[0])) return true;
    if (!next.empty() && (one_of(SUBJECT_VERBS_BE, text, e + 1, q))) {
        size_t r = 0;
        const std::string_view then = word_after(q, &r);
        if (!then.empty() && then != ":" && one_of(AFTER_DEVICE, text, q + 1, r)) return true; // "Foley was removed"
    }
    return word_before_in(text, b, DEVICE_MODIFIERS);
}

bool is_order_before_a_drug(const char * text, size_t len, size_t b, size_t e) {
    const uint8_t * s = (const uint8_t *) text;
    size_t w = b;
    while (w < e && word_step(s, len, w)) w += word_step(s, len, w);
    if (w == b || !one_of(ORDERS, text, b, w) || after_title(text, b)) return false;
    // The drug inside the entity ("Start Flovent"), or right after the order ("Hold metformin").
    if (w < e) return s[w] == ' ' && w + 1 < e && is_clinical_term(text + w + 1, e - w - 1);
    if (e + 1 >= len || s[e] != ' ') return false;
    size_t q = e + 1;
    while (q < len && word_step(s, len, q)) q += word_step(s, len, q);
    return q > e + 1 && is_clinical_term_word(text + e + 1, q - e - 1);
}

bool is_no_name(const char * text, size_t len, size_t b, size_t e) {
    const uint8_t * s = (const uint8_t *) text;
    // A span that ends inside a word takes the word's end: "I'" of "I'd".
    while (e > b && e < len && (word_char_before(s, len, e) || ((s[e - 1] == '\'' || s[e - 1] == '-') && word_step(s, len, e - 1)))) {
        const size_t n = word_step(s, len, e);
        if (!n) break;
        e += n;
    }
    const auto letter = [&](size_t k) { return ((s[k] | 32) >= 'a' && (s[k] | 32) <= 'z'); };
    // The start of the run of ASCII letters that ends at byte k.
    const auto letters_before = [&](size_t k) {
        while (k > 0 && letter(k - 1)) k--;
        return k;
    };
    // Whether a subject pronoun stands next to text[wb, we), one space away.
    const auto beside_a_subject = [&](size_t wb, size_t we) {
        if (wb >= 1 && s[wb - 1] == ' ' && one_of(SUBJECTS, text, letters_before(wb - 1), wb - 1)) return true;
        size_t ne = we + 1;
        while (ne < len && letter(ne)) ne++;
        return we + 1 < len && s[we] == ' ' && one_of(SUBJECTS, text, we + 1, ne);
    };
    bool any = false, all = true;
    for_each_word(s, len, b, e, [&](size_t wb, size_t we) {
        any = true;
        if (!(no_name_word(text, len, wb, we) || (one_of(MODALS, text, wb, we) && beside_a_subject(wb, we)))) all = false;
    });
    // After a title the word is a name ("Dr. Good", "mr . good"); after a speaker's label
    // ("Doctor: How about") it is not.
    return any && all && !after_title(text, b);
}

size_t name_end_before_possessive(const char * text, size_t b, size_t e) {
    // The apostrophe that ends at `at`, if any: its first byte, or `at` when there is none.
    const auto apostrophe_before = [&](size_t at) {
        if (at > b && text[at - 1] == '\'') return at - 1;
        if (at >= b + 3 && memcmp(text + at - 3, "\xE2\x80\x99", 3) == 0) return at - 3;
        return at;
    };
    if (e > b && (text[e - 1] == 's' || text[e - 1] == 'S')) {
        const size_t a = apostrophe_before(e - 1);
        if (a < e - 1 && a > b) return a;
    }
    const size_t a = apostrophe_before(e);
    return a < e && a > b ? a : e;
}

bool is_relative_word(const char * text, size_t b, size_t e) { return one_of(RELATIVES, text, b, e); }

bool is_possessive_ending(const char * text, size_t b, size_t e) {
    static const char curly[] = "\xE2\x80\x99"; // ’
    if (e <= b || (text[e - 1] | 32) != 's') return false;
    if (e == b + 1) return (b >= 1 && text[b - 1] == '\'') || (b >= 3 && memcmp(text + b - 3, curly, 3) == 0);
    if (e == b + 2) return text[b] == '\'';
    return e == b + 4 && memcmp(text + b, curly, 3) == 0;
}

size_t name_start_after_leading_words(const char * text, size_t len, size_t b, size_t e) {
    const uint8_t * s = (const uint8_t *) text;
    if (word_char(s, len, b) && word_char_before(s, len, b)) return b; // the span begins inside a word
    size_t at = b, start = b;
    bool done = false, title = false;
    for_each_word(s, len, b, e, [&](size_t wb, size_t we) {
        if (done) return;
        // Only whole words and the spaces and punctuation between them are left out: not a number
        // for_each_word skips, nor the "'s" it leaves after a word.
        for (size_t k = at; k < wb;) {
            if (word_char(s, len, k)) {
                done = true;
                return;
            }
            uint32_t cp = 0;
            k += (size_t) utf8_next(s, len, k, &cp);
        }
        // A capital says "name" ("Dr. An Nhiên") except on the first word of a sentence or turn.
        const bool capital  = s[wb] >= 'A' && s[wb] <= 'Z';
        const bool leading  = no_name_word(text, len, wb, we) && !one_of(TITLES, text, wb, we) &&
                             (!capital || (wb == at && at == b && opens_a_sentence(text, wb)));
        if (!leading) {
            start = wb;
            title = one_of(TITLES, text, wb, we);
            done  = true;
            return;
        }
        at = we;
    });
    // In a written sentence a name has its capital: "I'm obese" is no "obese" to keep ("Hi mister
    // Jones" is).
    size_t first = b;
    while (first < start && !((s[first] | 32) >= 'a' && (s[first] | 32) <= 'z')) first++;
    const bool capital_before = first < start && s[first] >= 'A' && s[first] <= 'Z';
    return capital_before && !title && !(s[start] >= 'A' && s[start] <= 'Z') ? b : start;
}

void trim_lower_case_words_around_a_name(const char * text, size_t len, size_t * b, size_t * e) {
    const uint8_t * s = (const uint8_t *) text;
    std::vector<std::pair<size_t, size_t>> words;
    for_each_word(s, len, *b, *e, [&](size_t wb, size_t we) { words.emplace_back(wb, we); });
    size_t first = words.size(), last = words.size();
    for (size_t k = 0; k < words.size(); k++) {
        const auto [wb, we] = words[k];
        if (!(s[wb] >= 'A' && s[wb] <= 'Z') || one_of(TITLES, text, wb, we)) continue;
        if (first == words.size()) first = k;
        last = k;
    }
    if (first == words.size()) return; // no capitalised name: a transcript's, judged as it is
    const auto lower_case = [&](size_t k) {
        const size_t wb = words[k].first, we = words[k].second; // no structured binding: a lambda below uses them
        for (size_t i = wb; i < we; i++) {
            if (!(s[i] >= 'a' && s[i] <= 'z')) return false;
        }
        // A word of English, not a surname typed in lower case ("Spouse zuliani", "Mr Quintero cruz"):
        // a common or function word, or a verb's past or participle ("rounded", "timing").
        const auto ends_in = [&](const char * suffix) {
            const size_t n = strlen(suffix);
            return we - wb >= n + 3 && !memcmp(text + we - n, suffix, n);
        };
        return !is_name_particle(text + wb, we - wb) && !one_of(TITLES, text, wb, we) &&
               (is_common_word(text + wb, we - wb) || no_name_word(text, len, wb, we) || ends_in("ed") || ends_in("ing"));
    };
    // Only words and the spaces and punctuation of a sentence between them go: not a number, nor a
    // word for_each_word skips.
    const auto only_words_between = [&](size_t from, size_t to, size_t kb, size_t ke) {
        for (size_t k = kb; k < ke; k++) {
            if (!lower_case(k)) return false;
        }
        for (size_t i = from; i < to; i++) {
            const bool in_a_word = std::any_of(words.begin() + (long) kb, words.begin() + (long) ke,
                                               [&](const std::pair<size_t, size_t> & w) { return i >= w.first && i < w.second; });
            if (!in_a_word && (!text[i] || !strchr(" ,.;:-", text[i]))) return false;
        }
        return true;
    };
    if (last + 1 < words.size() && only_words_between(words[last].second, *e, last + 1, words.size())) *e = words[last].second;
    if (first > 0 && only_words_between(*b, words[first].first, 0, first)) *b = words[first].first;
}

bool is_lower_case_in_a_cased_text(const char * text, size_t len, size_t b, size_t e, word_cases * cases) {
    const uint8_t * s = (const uint8_t *) text;
    bool letter = false;
    for (size_t k = b; k < e; k++) {
        if (s[k] >= 0x80 || (s[k] >= 'A' && s[k] <= 'Z')) return false;
        letter = letter || (s[k] >= 'a' && s[k] <= 'z');
    }
    if (!letter || word_char_before(s, len, b) || word_char(s, len, e)) return false;
    // After a title with its capital or its period the name was written carelessly ("Dr smith", "DR.
    // jaeden rice", "dr. smith"); "I miss golfing", "the doctor suspects" and "an MR myelogram" have
    // no title.
    size_t title = 0;
    if (after_title(text, b, &title)) {
        const bool capitalised = s[title] >= 'A' && s[title] <= 'Z' && s[title + 1] >= 'a' && s[title + 1] <= 'z';
        if (capitalised || memchr(text + title, '.', b - title)) return false;
    }
    if (cases->cased < 0) {
        size_t upper = 0, lower = 0;
        for_each_word(s, len, 0, len, [&](size_t wb, size_t) {
            // Not after a label ("Gait: normal" is a cased note's) nor a title's period ("Dr. smith").
            if (!sentence_start(s, wb) || after_title(text, wb)) return;
            if (s[wb] >= 'A' && s[wb] <= 'Z') upper++;
            else if (s[wb] >= 'a' && s[wb] <= 'z') lower++;
        });
        cases->cased = upper + lower >= 5 && upper >= 9 * lower;
    }
    return cases->cased == 1;
}

bool is_only_common_words(const char * text, size_t len, size_t b, size_t e) {
    bool any = false, all = true;
    for_each_word((const uint8_t *) text, len, b, e, [&](size_t wb, size_t we) {
        any = true;
        all = all && (no_name_word(text, len, wb, we) || is_common_word(text + wb, we - wb) ||
                      is_clinical_term_word(text + wb, we - wb));
    });
    return any && all; // "sharma" of "sharma-antonacci" holds no whole word
}

bool is_lower_case_no_name(const char * text, size_t len, size_t b, size_t e, word_cases * cases) {
    return is_lower_case_in_a_cased_text(text, len, b, e, cases) &&
           (is_only_common_words(text, len, b, e) || after_title(text, b)); // a title would have its capital
}

bool is_common_word_by_case(const char * text, size_t len, size_t b, size_t e, word_cases * cases) {
    const uint8_t * s = (const uint8_t *) text;
    if (b >= e || !(s[b] >= 'A' && s[b] <= 'Z') || !opens_a_sentence(text, b)) return false;
    if (!cases->gathered) {
        for_each_word(s, len, 0, len, [&](size_t wb, size_t we) {
            if (!prose_word(s, len, wb, we)) return;
            if (s[wb] >= 'A' && s[wb] <= 'Z') {
                if (!opens_a_sentence(text, wb)) cases->capitalised.push_back(ascii_lower(text + wb, we - wb));
                return;
            }
            if (!(s[wb] >= 'a' && s[wb] <= 'z')) return;
            for (size_t k = wb; k < we; k++) {
                if (s[k] >= 'A' && s[k] <= 'Z') return;
            }
            cases->words.emplace_back(text + wb, we - wb); // in lower case already
        });
        for (std::vector<std::string> * v : {&cases->words, &cases->capitalised}) {
            std::sort(v->begin(), v->end());
            v->erase(std::unique(v->begin(), v->end()), v->end());
        }
        cases->gathered = true;
    }
    // The first word's capital says nothing; a later one's says "name" ("Hi Jay"), and a later word
    // in lower case is none ("Any pets"). The first word must be common, by the text's use (in lower
    // case elsewhere) or by clinical English's (common-words.h), and capitalised nowhere inside a
    // sentence of the text ("Mr. Brown" makes "Brown" a name).
    bool first = true, all = true;
    for_each_word(s, len, b, e, [&](size_t wb, size_t we) {
        const bool no_name = no_name_word(text, len, wb, we);
        if (we - wb == 1 && !no_name) all = false; // an initial
        if (all && !no_name) {
            if (!first) {
                all = !(s[wb] >= 'A' && s[wb] <= 'Z');
            } else {
                const std::string w = ascii_lower(text + wb, we - wb);
                all = (std::binary_search(cases->words.begin(), cases->words.end(), w) || is_common_word(w.data(), w.size())) &&
                      !std::binary_search(cases->capitalised.begin(), cases->capitalised.end(), w);
            }
        }
        first = false;
    });
    return !first && all;
}

void find_repeated_names(const char * text, size_t len, const text_index & index, std::vector<span> * spans) {
    const uint8_t * s = (const uint8_t *) text;
    std::vector<repeated_word> words;
    std::vector<std::pair<size_t, size_t>> names; // NAME spans in bytes
    for (const span & sp : *spans) {
        if (sp.type != "NAME") continue;
        const size_t b = (size_t) index.byte_of_cp[(size_t) sp.begin], e = (size_t) index.byte_of_cp[(size_t) sp.end];
        names.emplace_back(b, e);
        const bool vouches = sp.source == SOURCE_MODEL ? sp.score >= REPEAT_MIN_SCORE
                                                       : sp.source == SOURCE_RULE && sp.origin == "address";
        if (!vouches) continue;
        for_each_word(s, len, b, e, [&](size_t wb, size_t we) {
            if (we - wb < 2 || !(s[wb] >= 'a' && s[wb] <= 'z')) return;
            if (one_of(NOT_NAMES, text, wb, we) || one_of(FUNCTION_WORDS, text, wb, we)) return;
            const std::string w = ascii_lower(text + wb, we - wb);
            for (repeated_word & r : words) {
                if (r.lower != w) continue;
                if (sp.score > r.score) r = {w, sp.subtype, sp.score};
                return;
            }
            words.push_back({w, sp.subtype, sp.score});
        });
    }
    if (words.empty()) return;
    std::sort(names.begin(), names.end());

    std::vector<span> found; // byte offsets until the end
    size_t next_name = 0;
    for_each_word(s, len, 0, len, [&](size_t wb, size_t we) {
        while (next_name < names.size() && names[next_name].second <= wb) next_name++;
        for (size_t k = next_name; k < names.size() && names[k].first <= wb; k++) {
            if (we <= names[k].second) return; // already inside a NAME
        }
        const auto r = std::find_if(words.begin(), words.end(),
                                    [&](const repeated_word & x) { return equals_lower(text, wb, we, x.lower); });
        if (r == words.end()) return;
        if (!found.empty() && found.back().subtype == r->subtype) {
            size_t gap = (size_t) found.back().end;
            while (gap < wb && s[gap] == ' ') gap++;
            if (gap == wb) {
                found.back().end   = (int32_t) we;
                found.back().score = std::min(found.back().score, r->score);
                return;
            }
        }
        found.push_back(rule_span(wb, we, r->score, "NAME", r->subtype.c_str(), "repeat"));
    });
    for (span & sp : found) {
        sp.begin = index.cp_of_byte(sp.begin);
        sp.end   = index.cp_of_byte(sp.end);
        spans->push_back(std::move(sp));
    }
}

} // namespace mab
