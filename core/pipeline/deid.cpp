#include "pipeline/deid.h"

#include "pipeline/comma-list.h"
#include "pipeline/dates.h"
#include "pipeline/hmac-sha256.h"
#include "pipeline/json-escapes.h"
#include "pipeline/number-words.h"
#include "pipeline/rules.h"
#include "pipeline/spoken-names.h"
#include "pipeline/surrogate-lists.h"
#include "status.h"
#include "tokenizer/unicode.h"

#include <algorithm>
#include <map>
#include <unordered_map>
#include <unordered_set>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>

namespace mab {

namespace sl = surrogate_lists;

static const char * const k_operator_names[] = {"redact", "mask", "tag", "surrogate", "dateshift", "keep"};

bool deid_operator_from_name(const char * name, size_t len, deid_operator * out) {
    for (int k = 0; k < 6; k++) {
        if (strlen(k_operator_names[k]) == len && !strncmp(name, k_operator_names[k], len)) {
            *out = (deid_operator) k;
            return true;
        }
    }
    return false;
}

const char * deid_operator_name(deid_operator op) { return k_operator_names[(int) op]; }

mab_status deid_parse_operators(const char * spec, deid_options * opt) {
    if (!spec) return MAB_STATUS_OK;
    std::vector<std::string> targets;
    for (const std::string & entry : split_commas(spec)) {
        // A bare operator ("surrogate") sets the fallback; "TYPE=op" one type; "*=op" the fallback.
        const size_t eq = entry.find('=');
        const std::string target = eq == std::string::npos ? "*" : trim_blanks(entry.substr(0, eq));
        const std::string name = eq == std::string::npos ? entry : trim_blanks(entry.substr(eq + 1));
        deid_operator op;
        if (!deid_operator_from_name(name.data(), name.size(), &op)) {
            return set_error(MAB_STATUS_INVALID_ARGUMENT, "unknown operator '%s' (expected redact, mask, tag, surrogate, dateshift or keep)",
                             name.c_str());
        }
        // Given twice, one of the two would be silently unused.
        const std::string key = target == "default" ? "*" : target;
        for (const std::string & seen : targets) {
            if (seen == key) return set_error(MAB_STATUS_INVALID_ARGUMENT, "operators: '%s' is given twice", key.c_str());
        }
        targets.push_back(key);
        if (key == "*") opt->fallback = op;
        else opt->operators.emplace_back(target, op);
    }
    return MAB_STATUS_OK;
}

namespace {

struct keyed {
    uint8_t key[32];
    size_t  key_len;
    std::string owned; // the user's key when it is longer than 32 bytes

    const void * data() const { return owned.empty() ? (const void *) key : owned.data(); }
    size_t size() const { return owned.empty() ? key_len : owned.size(); }

    // 32 pseudo-random bytes for (domain, value, counter).
    void bytes(const char * domain, const std::string & value, uint32_t counter, uint8_t out[32]) const {
        std::string msg = domain;
        msg.push_back('\0');
        msg += value;
        msg.push_back('\0');
        for (int k = 0; k < 4; k++) msg.push_back((char) (counter >> (8 * k)));
        hmac_sha256(data(), size(), msg.data(), msg.size(), out);
    }
    uint64_t u64(const char * domain, const std::string & value) const {
        uint8_t h[32];
        bytes(domain, value, 0, h);
        uint64_t v = 0;
        for (int k = 0; k < 8; k++) v = v << 8 | h[k];
        return v;
    }
};

keyed make_key(const deid_options & opt, const char * text, size_t len) {
    keyed k;
    if (opt.has_key) {
        if (opt.key.size() <= 32) {
            memcpy(k.key, opt.key.data(), opt.key.size());
            k.key_len = opt.key.size();
        } else {
            k.owned = opt.key;
        }
    } else {
        sha256(text, len, k.key);
        k.key_len = 32;
    }
    return k;
}

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return is_upper(c) || is_lower(c); }

// Lower case in every script, so that "ØRSTED", "Ørsted" and "ørsted" seed the same surrogate.
std::string lower_text(const std::string & s) { return unicode::lower_utf8(s.data(), s.size()); }

// Writes `value` (ASCII, from the lists) in the letter case of `like`: ALL CAPS, all lower, or as
// listed. Every letter of `like` counts, not only ASCII ones: "Ørsted" is capitalised, "ÖZTÜRK" all caps.
std::string match_case(const std::string & value, const std::string & like) {
    std::vector<uint32_t> cps;
    unicode::decode_utf8(like.data(), like.size(), &cps);
    bool any_upper = false, any_lower = false;
    for (uint32_t c : cps) any_upper |= unicode::is_upper(c), any_lower |= unicode::is_lower(c);
    std::string out = value;
    if (any_upper && !any_lower && cps.size() > 1) {
        for (char & c : out) c = is_lower(c) ? (char) (c - 32) : c;
    } else if (any_lower && !any_upper) {
        for (char & c : out) c = is_upper(c) ? (char) (c + 32) : c;
    }
    return out;
}

// What one document's surrogates have taken: each value (case folded) keeps the entry it was given,
// no two values share an entry, and no entry is a value the document holds itself, so that a name
// left in the output is a miss, never a surrogate, and two people never become one. `group`s are
// kinds of values ("name" for given names and surnames alike, "city", ...).
struct surrogate_book {
    std::map<std::string, std::string>                                chosen;  // group '\0' value -> entry
    std::unordered_map<std::string, std::unordered_set<std::string>> taken;   // group -> entries, lower case
    std::map<std::string, bool>                                       surname; // a name word -> read as a surname
    std::map<std::string, int>                                        woman;   // a name word -> 1 a woman's, 0 a man's
    std::map<const void *, std::vector<std::string>>                  lowered; // a list's entries in lower case
    std::map<std::string, std::string> initials; // initial '\0' surname -> the one given name it stands for

    void take(const char * group, std::string lower) { taken[group].insert(std::move(lower)); }

    template <size_t N> const std::vector<std::string> & lower_case(const char * const (&list)[N]) {
        std::vector<std::string> & low = lowered[list];
        if (low.empty()) {
            for (const char * e : list) low.push_back(lower_text(e));
        }
        return low;
    }
};

// Entries tried, after the key's choice, before a value shares one: enough that a list's entries
// nine in ten of them taken still leave a free one found 99.8% of the time; a document of more
// values than the list holds shares some.
constexpr int MAX_PICKS = 60;

uint64_t splitmix64(uint64_t * state) {
    uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

// A list entry chosen by the value, never the value itself: "Jackson" must not stay "Jackson" by chance.
// The key's choice unless the document has taken it: then others from a sequence the key seeds.
// `parity` 0 or 1 keeps to the entries at even or odd places (a man's or a woman's given name:
// surrogate_lists::first_names alternates them).
template <size_t N>
std::string pick(const keyed & k, surrogate_book & book, const char * domain, const char * group, const std::string & value,
                 const char * const (&list)[N], int parity = -1) {
    const std::string lower = lower_text(value);
    const std::string own = std::string(group) + '\0' + lower;
    if (const auto it = book.chosen.find(own); it != book.chosen.end()) return it->second;
    const std::vector<std::string> & low = book.lower_case(list);
    const std::unordered_set<std::string> & taken = book.taken[group];
    const size_t m = parity < 0 ? N : N / 2;
    const auto at = [&](size_t j) { return parity < 0 ? j : 2 * j + (size_t) parity; };
    const auto free = [&](size_t j) { return low[at(j)] != lower && !taken.count(low[at(j)]); };
    uint64_t h = k.u64(domain, lower);
    size_t first = h % m;
    if (low[at(first)] == lower) first = (first + 1 + (h >> 32) % (m - 1)) % m;
    size_t j = first;
    for (int tries = 0; !free(j) && tries < MAX_PICKS; tries++) j = splitmix64(&h) % m;
    if (!free(j)) j = first;
    book.take(group, low[at(j)]);
    return book.chosen[own] = list[at(j)];
}

// Same layout, every digit / letter replaced by one of its kind; seeded by the characters it replaces
// (digits and letters of any script, case folded) only, so "555-123-4567" and "(555) 123 4567" get
// the same digits, and codes that differ in one non-ASCII letter get different ones.
std::string class_preserving(const keyed & k, const char * domain, const std::string & value) {
    std::string seed;
    for (char c : value) {
        if (is_digit(c) || is_alpha(c) || (uint8_t) c >= 0x80) seed.push_back(c);
    }
    seed = lower_text(seed);
    std::string out;
    uint8_t stream[32];
    size_t used = 32;
    uint32_t counter = 0;
    for (size_t i = 0; i < value.size(); i++) {
        const char c = value[i];
        const bool non_ascii = (uint8_t) c >= 0x80;
        if (!is_digit(c) && !is_alpha(c) && !non_ascii) {
            out.push_back(c);
            continue;
        }
        if (non_ascii && ((uint8_t) c & 0xC0) == 0x80) continue; // continuation byte: the letter was replaced already
        uint32_t cp = (uint8_t) c;
        if (non_ascii) utf8_next((const uint8_t *) value.data(), value.size(), i, &cp);
        if (used == 32) k.bytes(domain, seed, counter++, stream), used = 0;
        const uint8_t r = stream[used++];
        out.push_back(is_digit(c) ? (char) ('0' + r % 10) : unicode::is_upper(cp) ? (char) ('A' + r % 26) : (char) ('a' + r % 26));
    }
    // A short code can come out as itself ("7" stays "7" one time in ten): then its first character
    // moves on by 1..9 (1..25 for a letter), so the surrogate never equals what it replaces.
    if (out == value) {
        for (char & c : out) {
            if (!is_digit(c) && !is_alpha(c)) continue;
            if (used == 32) k.bytes(domain, seed, counter++, stream), used = 0;
            const uint8_t r = stream[used++];
            const char base = is_digit(c) ? '0' : is_upper(c) ? 'A' : 'a';
            const int n = is_digit(c) ? 10 : 26;
            c = (char) (base + (c - base + 1 + r % (n - 1)) % n);
            break;
        }
    }
    return out;
}

bool is_name_title(const std::string & token) {
    static const char * const titles[] = {"dr", "mr", "mrs", "ms", "miss", "mx", "prof", "md", "do", "rn", "np", "pa",
                                          "phd", "jr", "sr", "ii", "iii", "iv", "sir", "dame", nullptr};
    const std::string t = lower_text(token);
    for (const char * const * w = titles; *w; w++) {
        if (t == *w) return true;
    }
    return false;
}

// Whether a word (lower case) greets someone, whom it names by a given name: "hi bobby", "Dear Ana".
bool is_greeting(const std::string & word) {
    for (const char * g : {"hi", "hey", "hello", "bye", "goodbye", "thanks", "dear"}) {
        if (word == g) return true;
    }
    return false;
}

// Whether a title (lower case) is one said before a surname: "Mrs. Corkery", "Dr Lee"; not "Sir John".
bool is_title_before_surname(const std::string & word) {
    for (const char * t : {"mr", "mrs", "ms", "miss", "mx", "dr", "prof"}) {
        if (word == t) return true;
    }
    return false;
}

// Where a list of ASCII names holds token, ignoring case; N when it does not.
template <size_t N> size_t listed_at(const char * const (&list)[N], const std::string & token) {
    for (size_t k = 0; k < N; k++) {
        const char * w = list[k];
        size_t i = 0;
        while (w[i] && i < token.size() && (w[i] | 32) == (token[i] | 32)) i++;
        if (!w[i] && i == token.size()) return k;
    }
    return N;
}

template <size_t N> bool listed(const char * const (&list)[N], const std::string & token) { return listed_at(list, token) < N; }

// Digits between the words of a name (a username "jsmith1975", an ID the model took for a name) are
// replaced as a code's are, never copied through.
std::string digits_replaced(const keyed & k, const std::string & s) {
    std::string out;
    for (size_t i = 0; i < s.size();) {
        size_t e = i;
        while (e < s.size() && is_digit(s[e])) e++;
        if (e == i) {
            out.push_back(s[i++]);
            continue;
        }
        out += class_preserving(k, "code", s.substr(i, e - i));
        i = e;
    }
    return out;
}

enum name_word_kind { WORD_TITLE, WORD_INITIAL, WORD_GIVEN, WORD_SURNAME };

struct name_word {
    size_t         b, e;
    name_word_kind kind;
    bool           hyphen = false; // a '-' joins it to the next word: "Smith-" of "Smith-Jones"
};

// The words of a name and what each is by its place: titles ("Dr", "MD", "Jr") and initials as
// such; surnames before a comma ("Smith, John") or an HL7 '^' ("SMITH^JOHN^Q"), else the last word
// that is not a title ("Alan Whitfield MD"); the rest given names. Words joined by '-' are one name
// ("Mary-Jane Smith-Jones"). A name of one word is a surname ("Mr. Smith") unless the lists know it
// only as a given name.
std::vector<name_word> name_words(const std::string & value) {
    // Words are runs of letters, apostrophes and non-ASCII bytes; '-' splits double-barrelled names.
    const auto in_word = [&](size_t p) { return is_alpha(value[p]) || (uint8_t) value[p] >= 0x80 || value[p] == '\''; };
    std::vector<name_word> words;
    for (size_t i = 0; i < value.size();) {
        if (!in_word(i)) {
            i++;
            continue;
        }
        size_t e = i;
        while (e < value.size() && in_word(e)) e++;
        const std::string token = value.substr(i, e - i);
        uint32_t cp;
        const bool initial = (size_t) utf8_next((const uint8_t *) token.data(), token.size(), 0, &cp) == token.size();
        words.push_back({i, e, is_name_title(token) ? WORD_TITLE : initial ? WORD_INITIAL : WORD_GIVEN});
        words.back().hyphen = e + 1 < value.size() && value[e] == '-' && in_word(e + 1);
        i = e;
    }
    // "Smith, John" puts the surname first; "Alan Whitfield, MD" does not (only a title follows the comma).
    size_t comma = value.find('^');
    if (comma == std::string::npos) {
        comma = value.find(',');
        bool name_after_comma = false;
        for (const name_word & w : words) name_after_comma |= comma != std::string::npos && w.b > comma && w.kind != WORD_TITLE;
        if (!name_after_comma) comma = std::string::npos;
    }
    size_t names = 0;
    for (const name_word & w : words) names += w.kind != WORD_TITLE;
    size_t last_name_word = words.size();
    while (last_name_word > 1 && words[last_name_word - 1].kind == WORD_TITLE) last_name_word--;
    for (size_t w = 0; w < words.size(); w++) {
        if (words[w].kind != WORD_GIVEN) continue;
        const std::string token = value.substr(words[w].b, words[w].e - words[w].b);
        const bool given_alone = names == 1 && listed(sl::first_names, token) && !listed(sl::last_names, token);
        size_t last = w;
        while (words[last].hyphen) last++;
        const bool surname = comma != std::string::npos ? words[w].b < comma : !given_alone && last + 1 >= last_name_word;
        if (surname) words[w].kind = WORD_SURNAME;
    }
    return words;
}

// Whether the name's words say by their places which are given names and which surnames: two or
// more names (words or hyphen-joined words) that are neither titles nor initials.
bool placed_by_words(const std::vector<name_word> & words) {
    size_t n = 0;
    for (const name_word & w : words) n += (w.kind == WORD_GIVEN || w.kind == WORD_SURNAME) && !w.hyphen;
    return n >= 2;
}

// Words in or just before a name that say whose it is: a man's or a woman's.
const char * const k_mens_words[] = {"mr", "sir", "son", "husband", "father", "dad", "brother", "grandson", "grandfather",
                                     "grandpa", "uncle", "nephew", "boyfriend", "fiance", "stepson", nullptr};
const char * const k_womens_words[] = {"mrs", "ms", "miss", "dame", "daughter", "wife", "mother", "mom", "sister",
                                       "granddaughter", "grandmother", "grandma", "aunt", "niece", "girlfriend",
                                       "fiancee", "stepdaughter", nullptr};

// 1 when the word (lower case) says a woman, 0 a man, -1 neither.
int womans_word(const std::string & word) {
    for (const char * const * w = k_mens_words; *w; w++) {
        if (word == *w) return 0;
    }
    for (const char * const * w = k_womens_words; *w; w++) {
        if (word == *w) return 1;
    }
    return -1;
}

// Whether a given name is a woman's (1) or a man's (0), -1 unknown: as the lists have it, else as
// the document says (a title, a relative: "her son Minh"). Its surrogate is one of the same: the
// note's "he" and "she" stay right.
int womans_name(const surrogate_book & book, const std::string & token) {
    if (const size_t i = listed_at(sl::first_names, token); i < std::size(sl::first_names)) return (int) (i % 2);
    const auto said = book.woman.find(lower_text(token));
    return said != book.woman.end() ? said->second : -1;
}

// Whether a name word (lower case) is a surname: as the document reads it, else by its place.
bool is_surname(const surrogate_book & book, const std::string & word, const name_word & w) {
    const auto read = book.surname.find(word);
    return read != book.surname.end() ? read->second : w.kind == WORD_SURNAME;
}

std::string given_surrogate(const keyed & k, surrogate_book & book, const std::string & token) {
    return pick(k, book, "given", "name", token, sl::first_names, womans_name(book, token));
}

// The one given name (lower case) an initial of a name stands for: the document's only given name of
// that initial beside one of the name's surnames ("J." of "J. Smith" beside "John Smith"); "" for none.
std::string initial_stands_for(const surrogate_book & book, const std::string & value, const std::vector<name_word> & words,
                               const std::string & initial) {
    for (const name_word & s : words) {
        const std::string surname = lower_text(value.substr(s.b, s.e - s.b));
        if (s.kind != WORD_GIVEN && s.kind != WORD_SURNAME) continue;
        if (!is_surname(book, surname, s)) continue;
        const auto it = book.initials.find(lower_text(initial) + '\0' + surname);
        if (it != book.initials.end() && !it->second.empty()) return it->second;
    }
    return "";
}

// A name, word by word: given names and surnames from the lists, initials as initials, titles kept.
// A word the document reads as a given name or a surname (book.surname) is one everywhere.
std::string name_surrogate(const keyed & k, surrogate_book & book, const std::string & value) {
    const std::vector<name_word> words = name_words(value);
    std::string out;
    size_t prev = 0;
    for (const name_word & w : words) {
        out += digits_replaced(k, value.substr(prev, w.b - prev));
        const std::string token = value.substr(w.b, w.e - w.b);
        std::string repl;
        if (w.kind == WORD_TITLE) {
            repl = token; // "Dr.", "Mrs", "MD", "Jr" say nothing about who it is
        } else if (w.kind == WORD_INITIAL) { // one letter, "J" or "É"
            uint32_t first;
            utf8_next((const uint8_t *) token.data(), token.size(), 0, &first);
            // "J. Smith" beside "John Smith": the initial of John's surrogate.
            const std::string given = initial_stands_for(book, value, words, token);
            repl = given.empty() ? std::string(1, (char) ('A' + k.u64("initial", lower_text(token)) % 26))
                                 : std::string(1, given_surrogate(k, book, given)[0]);
            repl[0] = (char) (unicode::is_lower(first) ? repl[0] | 32 : repl[0] & ~32);
        } else if (is_surname(book, lower_text(token), w)) {
            repl = match_case(pick(k, book, "surname", "name", token, sl::last_names), token);
        } else {
            repl = match_case(given_surrogate(k, book, token), token);
        }
        out += repl;
        prev = w.e;
    }
    out += digits_replaced(k, value.substr(prev));
    return out;
}

std::string street_surrogate(const keyed & k, surrogate_book & book, const std::string & value) {
    // Kept as written: the street words, "Dr" (a drive here), units and directions.
    static const char * const also_kept[] = {"dr", "apt", "suite", "ste", "unit", "n", "s", "e", "w", "ne", "nw", "se",
                                             "sw", "north", "south", "east", "west", nullptr};
    // Words are runs of letters and non-ASCII bytes, as in names: "Königstraße" is one word to
    // replace, not "K", "nigstra" and "e" around letters copied through.
    const auto in_word = [&](size_t p) { return is_alpha(value[p]) || (uint8_t) value[p] >= 0x80; };
    std::string out;
    size_t start = 0;
    // A house number said in words ("forty two pine ridge road") becomes other words: 2 to 99.
    size_t said_end = 0;
    if (const int said = cardinal_words_at(value.data(), value.size(), 0, &said_end); said >= 2) {
        const long code = strtol(class_preserving(k, "code", std::to_string(said)).c_str(), nullptr, 10);
        int number = (int) (code % 98) + 2;
        if (number == said) number = number % 98 + 2; // never the number itself
        const std::string written = value.substr(0, said_end);
        out = match_case(cardinal_words(number, written.find('-') != std::string::npos ? '-' : ' '), written);
        if (is_upper(written[0]) && is_lower(out[0])) out[0] = (char) (out[0] - 32); // "Twelve" -> "Twenty two"
        start = said_end;
    }
    for (size_t i = start; i < value.size();) {
        size_t e = i;
        if (in_word(i) || is_digit(value[i])) {
            while (e < value.size() && (in_word(e) || is_digit(value[e]))) e++;
            const std::string token = value.substr(i, e - i);
            size_t digits = 0;
            while (digits < token.size() && is_digit(token[digits])) digits++;
            const std::string suffix = lower_text(token.substr(digits));
            if (digits == token.size() || (digits > 0 && (suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th"))) {
                // A house number, or an ordinal street ("12th"): new digits, and the suffix they need.
                const std::string number = class_preserving(k, "code", token.substr(0, digits));
                out += number;
                if (digits < token.size()) out += match_case(ordinal_suffix(strtoll(number.c_str(), nullptr, 10)), token.substr(digits));
            } else if (std::any_of(token.begin(), token.end(), is_digit)) {
                out += class_preserving(k, "code", token); // "3B", "B12": a unit, not a street name
            } else {
                bool kept = false;
                for (const char * const * w = STREET_WORDS; *w && !kept; w++) kept = suffix == *w;
                for (const char * const * w = also_kept; *w && !kept; w++) kept = suffix == *w;
                out += kept ? token : match_case(pick(k, book, "street", "street", token, sl::street_names), token);
            }
        } else {
            e = i + 1;
            out.push_back(value[i]);
        }
        i = e;
    }
    return out;
}

// An address said or obfuscated ("kob1958 at hotmail dot com", "j.smith (at) mgh [dot] org"; the
// email rule's spoken-email spans): the local part replaced, the host example.com, with the at and the
// dot kept as they were said. Without either, the whole text as a code.
std::string spoken_email_surrogate(const keyed & k, const std::string & value) {
    const std::string lower = lower_text(value);
    size_t at = std::string::npos, at_len = 0;
    for (const char * m : {" at ", "(at)", "[at]", " @ "}) {
        const size_t p = lower.find(m);
        if (p != std::string::npos && p < at) at = p, at_len = strlen(m);
    }
    if (at == std::string::npos) return class_preserving(k, "email", value);
    size_t local_end = at, host = at + at_len;
    while (local_end > 0 && value[local_end - 1] == ' ') local_end--;
    while (host < value.size() && value[host] == ' ') host++;
    size_t label_end = host;
    while (label_end < value.size() && (is_alpha(value[label_end]) || is_digit(value[label_end]) || value[label_end] == '-')) label_end++;
    size_t next = label_end;
    while (next < value.size() && value[next] == ' ') next++;
    const size_t dot = next;
    if (lower.compare(dot, 3, "dot") == 0) next += 3;
    else if (lower.compare(dot, 5, "(dot)") == 0 || lower.compare(dot, 5, "[dot]") == 0) next += 5;
    else return class_preserving(k, "email", value);
    while (next < value.size() && value[next] == ' ') next++;
    // The local part word by word, its spoken dots kept ("grace dot okonkwo").
    std::string local;
    for (size_t i = 0; i < local_end;) {
        size_t e = i;
        while (e < local_end && value[e] != ' ') e++;
        const std::string word = lower.substr(i, e - i);
        const bool spoken_dot = word == "dot" || word == "(dot)" || word == "[dot]";
        local += spoken_dot ? value.substr(i, e - i) : class_preserving(k, "email", value.substr(i, e - i));
        while (e < local_end && value[e] == ' ') local.push_back(value[e++]);
        i = e;
    }
    return local + value.substr(local_end, host - local_end) + "example" + value.substr(label_end, next - label_end) + "com";
}

std::string email_surrogate(const keyed & k, const std::string & value) {
    const size_t at = value.find('@');
    if (at == std::string::npos || (at > 0 && value[at - 1] == ' ')) return spoken_email_surrogate(k, value);
    return class_preserving(k, "email", value.substr(0, at)) + "@example.com";
}

// A code read out digit by digit ("five five five, one two three four": the rules' spoken-digits
// spans): each digit word becomes another digit's word in its letter case, each digit another digit,
// from the digits it says, so that "five five five 0134" and "555-0134" get the same new digits.
// Codes without digit words, or with other letters (which must not be copied through): class_preserving.
std::string code_surrogate(const keyed & k, const std::string & value) {
    struct digit_at { size_t begin, end; bool word; }; // one digit of the value, as a word or a numeral's
    std::vector<digit_at> found;
    std::string digits;
    bool words = false, other_letters = false;
    for (size_t i = 0; i < value.size();) {
        size_t e = i + 1;
        const int v = i == 0 || !is_alpha(value[i - 1]) ? digit_word_at(value.data(), value.size(), i, &e) : -1;
        if (v >= 0) {
            found.push_back({i, e, true}), digits.push_back((char) ('0' + v)), words = true;
        } else if (is_digit(value[i])) {
            found.push_back({i, i + 1, false}), digits.push_back(value[i]), e = i + 1;
        } else {
            other_letters |= is_alpha(value[i]) || (uint8_t) value[i] >= 0x80, e = i + 1;
        }
        i = e;
    }
    if (!words || other_letters) return class_preserving(k, "code", value);
    const std::string fresh = class_preserving(k, "code", digits); // never equal to digits
    std::string out;
    size_t at = 0;
    for (size_t d = 0; d < found.size(); d++) {
        out.append(value, at, found[d].begin - at);
        if (found[d].word) {
            std::string word = digit_word(fresh[d] - '0');
            if (is_upper(value[found[d].begin])) word[0] = (char) (word[0] - 32);
            out += match_case(word, value.substr(found[d].begin, found[d].end - found[d].begin));
        } else {
            out.push_back(fresh[d]);
        }
        at = found[d].end;
    }
    return out.append(value, at, std::string::npos);
}

// A phone or fax number: a code, whose extension label ("ext. 123", "x456") stays as written: it
// names no one, and a changed one ("kyq. 437") would read as damage.
std::string phone_surrogate(const keyed & k, const std::string & value) {
    static const char * const labels[] = {"ext", "extn", "extension", "x"};
    std::string stripped = value;
    std::vector<std::pair<size_t, size_t>> kept;
    for (size_t i = 0; i < value.size();) {
        if (!is_alpha(value[i])) {
            i++;
            continue;
        }
        size_t e = i;
        while (e < value.size() && is_alpha(value[e])) e++;
        const std::string word = lower_text(value.substr(i, e - i));
        if (std::find_if(std::begin(labels), std::end(labels), [&](const char * l) { return word == l; }) != std::end(labels)) {
            kept.emplace_back(i, e);
            for (size_t j = i; j < e; j++) stripped[j] = ' ';
        }
        i = e;
    }
    std::string out = code_surrogate(k, stripped);
    // Code surrogates keep an ASCII value's length, character for character.
    if (kept.empty() || out.size() != value.size()) return kept.empty() ? out : code_surrogate(k, value);
    for (const auto & [b, e] : kept) out.replace(b, e - b, value, b, e - b);
    return out;
}

std::string ip_surrogate(const keyed & k, const std::string & value) {
    const uint64_t h = k.u64("ip", lower_text(value));
    char buf[64];
    if (value.find(':') != std::string::npos) {
        snprintf(buf, sizeof buf, "fd00::%x:%x", (unsigned) (h & 0xFFFF), (unsigned) ((h >> 16) & 0xFFFF));
    } else {
        snprintf(buf, sizeof buf, "10.%u.%u.%u", (unsigned) (h & 0xFF), (unsigned) ((h >> 8) & 0xFF), (unsigned) (1 + (h >> 16) % 254));
    }
    return buf;
}

// Safe Harbor keeps ages up to 89; older ages become 90 (the "90 or older" bucket), in digits or in
// words as they were written ("ninety two" -> "ninety").
std::string age_surrogate(const std::string & value) {
    std::string out;
    for (size_t i = 0; i < value.size();) {
        size_t e = i;
        if (is_digit(value[i])) {
            long v = 0;
            while (e < value.size() && is_digit(value[e])) v = v * 10 + (value[e] - '0'), e++;
            out += v > 89 ? std::string("90") : value.substr(i, e - i);
        } else if (const int v = cardinal_words_at(value.data(), value.size(), i, &e)) {
            const std::string words = value.substr(i, e - i);
            const bool all_upper = words.size() > 1 && std::none_of(words.begin(), words.end(), is_lower);
            out += v <= 89 ? words : all_upper ? "NINETY" : is_upper(words[0]) ? "Ninety" : "ninety";
        } else {
            out.push_back(value[e++]);
        }
        i = e;
    }
    return out;
}

std::string url_surrogate(const std::string & value) {
    // A scheme is letters, digits, '+', '-' and '.' from the start ("https://"). A "://" further on,
    // in a query ("www.smith.com/r?to=https://…"), is not one: keeping what comes before it would keep the host.
    const size_t scheme = value.find("://");
    bool has_scheme = scheme != std::string::npos && scheme > 0 && is_alpha(value[0]);
    for (size_t i = 0; has_scheme && i < scheme; i++) {
        has_scheme = is_alpha(value[i]) || is_digit(value[i]) || value[i] == '+' || value[i] == '-' || value[i] == '.';
    }
    return (has_scheme ? value.substr(0, scheme + 3) : std::string()) + "www.example.org";
}

// Whether an AGE's text is a date the model took for an age ("03/14"): digits on both sides of a
// '/', which no age has. As an age under 90 it would keep its digits under surrogate, so it is shifted
// as a date (or tagged, when it does not parse).
bool reads_as_date(const std::string & value) {
    for (size_t i = 1; i + 1 < value.size(); i++) {
        if (value[i] == '/' && is_digit(value[i - 1]) && is_digit(value[i + 1])) return true;
    }
    return false;
}

// The group (surrogate_book) of the list a span's surrogate is taken from, which is also the HMAC
// domain of places and professions; nullptr for surrogates made otherwise (codes, dates, ages).
const char * list_group(const span & s) {
    if (s.type == "NAME") return "name";
    if (s.type == "PROFESSION") return "profession";
    if (s.type != "LOCATION") return nullptr;
    static const char * const groups[][2] = {{"CITY", "city"},         {"STATE", "state"},
                                             {"COUNTRY", "country"},   {"STREET", "street"},
                                             {"HOSPITAL", "hospital"}, {"ORGANIZATION", "organization"},
                                             {"DEPARTMENT", "department"}};
    for (const auto & g : groups) {
        if (s.subtype == g[0]) return g[1];
    }
    return s.subtype == "ZIP" || s.subtype == "ROOM" ? nullptr : "city";
}

std::string surrogate(const keyed & k, surrogate_book & book, const span & s, const std::string & value) {
    const std::string & t = s.type, & st = s.subtype;
    if (t == "NAME") return name_surrogate(k, book, value);
    if (t == "AGE") return age_surrogate(value);
    if (t == "LOCATION" && st == "STREET") return street_surrogate(k, book, value);
    if (t == "LOCATION" && st == "STATE" && value.size() == 2 && is_upper(value[0]) && is_upper(value[1])) {
        return pick(k, book, "state", "state", value, sl::state_codes);
    }
    if (const char * group = list_group(s)) {
        const auto from = [&](const auto & list) { return match_case(pick(k, book, group, group, value, list), value); };
        if (t == "PROFESSION") return from(sl::professions);
        if (st == "STATE") return from(sl::states);
        if (st == "COUNTRY") return from(sl::countries);
        if (st == "HOSPITAL") return from(sl::hospitals);
        if (st == "ORGANIZATION") return from(sl::organizations);
        if (st == "DEPARTMENT") return from(sl::departments);
        return from(sl::cities);
    }
    if (t == "LOCATION" && (st == "ZIP" || st == "ROOM")) return class_preserving(k, "code", value);
    if (t == "CONTACT") {
        if (st == "EMAIL") return email_surrogate(k, value);
        if (st == "URL") return url_surrogate(value);
        if (st == "IPADDR") return ip_surrogate(k, value);
        if (st == "PHONE" || st == "FAX") return phone_surrogate(k, value);
    }
    // Every ID and anything else: the same layout with other characters. One domain for every code
    // (phones too), so an MRN the model calls a LICENSE in one place gets the same surrogate in both.
    return code_surrogate(k, value);
}

deid_operator operator_for(const deid_options & opt, const span & s) {
    const std::string full = s.type + "/" + s.subtype;
    for (const auto & o : opt.operators) {
        if (o.first == full) return o.second;
    }
    for (const auto & o : opt.operators) {
        if (o.first == s.type) return o.second;
    }
    return opt.fallback;
}

// What is around a name: the word before it and the first pronoun after it in its sentence.
struct name_cues {
    bool familiar = false; // the word before says a given name follows: a relative ("wife"), a greeting ("hi")
    bool titled   = false; // the word before is a title said before a surname ("Mrs", "Dr")
    int  woman    = -1;    // the word before says a woman (1) or a man (0): womans_word
    int  pronoun  = -1;    // "she", "her" 1; "he", "his" 0; before another name or the sentence's end
};

// What the document's names and places tell its surrogates (surrogate_book), before any is chosen.
// Every value and name word it holds is taken. A name word is a given name or a surname as the
// document reads it: as a record's field says ("given", "Last name"), else as most of the names of
// two or more words place it (the first of them on a tie), else a surname when a title names it
// alone ("Mrs. Corkery"), else a given name when a relative or a greeting does ("his wife
// Agnieszka", "hi bobby"). So "Việt" alone takes the given name that "Việt Nguyen" gives it, and the
// family name of "Nguyen^Việt" is a surname. A name word is a man's or a woman's as most of its
// names' records, titles and relatives say ("gender": "female", "Mrs", "her son"), else as most
// pronouns after them; a given name without either is its hyphen-joined given name's ("Jane" of
// "Mary-Jane"), else its surname's ("Việt Nguyen" of "Ms Nguyen"). An initial beside a surname stands for the only
// given name of that initial beside it ("J. Smith", "John Smith").
// `read(s)` is a span's value, `cues(s)` what is around it.
template <typename Read, typename Cues> surrogate_book read_document(const std::vector<span> & spans, Read read, Cues cues) {
    enum { FIELD, PLACED, TITLED, FAMILIAR, TIERS }; // what says a role, strongest first
    struct votes {
        int  role[TIERS][2] = {}; // given, surname
        bool first[TIERS]   = {};
        int  said[2] = {}, pronoun[2] = {}; // a man's, a woman's
    };
    surrogate_book book;
    std::map<std::string, votes> words;
    const auto word_of = [](const std::string & value, const name_word & w) { return lower_text(value.substr(w.b, w.e - w.b)); };
    for (const span & s : spans) {
        const char * group = list_group(s);
        if (!group) continue;
        const std::string value = read(s);
        if (!strcmp(group, "street")) { // replaced word by word
            for (size_t i = 0; i < value.size(); i++) {
                size_t e = i;
                while (e < value.size() && (is_alpha(value[e]) || (uint8_t) value[e] >= 0x80)) e++;
                if (e > i) book.take(group, lower_text(value.substr(i, e - i))), i = e;
            }
            continue;
        }
        if (s.type != "NAME") {
            book.take(group, lower_text(value));
            continue;
        }
        const std::vector<name_word> parts = name_words(value);
        const name_cues cue = cues(s);
        int said = s.sex != SEX_UNKNOWN ? (int) (s.sex == SEX_FEMALE) : cue.woman;
        bool titled = cue.titled;
        size_t names = 0;
        for (const name_word & w : parts) {
            if (w.kind == WORD_TITLE && said < 0) said = womans_word(word_of(value, w));
            titled |= w.kind == WORD_TITLE && is_title_before_surname(word_of(value, w));
            names += w.kind == WORD_GIVEN || w.kind == WORD_SURNAME;
        }
        const int tier = s.part != NAME_PART_ANY ? FIELD
                         : placed_by_words(parts) ? PLACED
                         : names == 1 && titled   ? TITLED
                         : names == 1 && cue.familiar ? FAMILIAR
                                                      : TIERS;
        for (const name_word & w : parts) {
            if (w.kind != WORD_GIVEN && w.kind != WORD_SURNAME) continue;
            const std::string word = word_of(value, w);
            book.take(group, word);
            votes & v = words[word];
            if (said >= 0) v.said[said]++;
            if (cue.pronoun >= 0) v.pronoun[cue.pronoun]++;
            if (tier == TIERS) continue;
            const bool surname = tier == FIELD ? s.part == NAME_PART_FAMILY : tier == PLACED ? w.kind == WORD_SURNAME : tier == TITLED;
            if (!v.role[tier][0] && !v.role[tier][1]) v.first[tier] = surname;
            v.role[tier][surname]++;
        }
    }
    for (const auto & [word, v] : words) {
        if (v.said[0] != v.said[1]) book.woman[word] = v.said[1] > v.said[0];
        else if (v.pronoun[0] != v.pronoun[1]) book.woman[word] = v.pronoun[1] > v.pronoun[0];
        int t = 0;
        while (t < TIERS && !v.role[t][0] && !v.role[t][1]) t++;
        if (t < TIERS) book.surname[word] = v.role[t][1] != v.role[t][0] ? v.role[t][1] > v.role[t][0] : v.first[t];
    }
    for (const span & s : spans) {
        if (s.type != "NAME") continue;
        const std::string value = read(s);
        const std::vector<name_word> parts = name_words(value);
        int person = -1;
        for (const name_word & w : parts) {
            const auto said = book.woman.find(word_of(value, w));
            if (w.kind == WORD_SURNAME && said != book.woman.end()) person = said->second;
        }
        // Which given name an initial beside a surname stands for: one, or none when two could.
        for (const name_word & g : parts) {
            const std::string given = word_of(value, g);
            if ((g.kind != WORD_GIVEN && g.kind != WORD_SURNAME) || is_surname(book, given, g)) continue;
            uint32_t cp;
            const std::string initial = given.substr(0, (size_t) utf8_next((const uint8_t *) given.data(), given.size(), 0, &cp));
            for (const name_word & f : parts) {
                const std::string surname = word_of(value, f);
                if ((f.kind != WORD_GIVEN && f.kind != WORD_SURNAME) || !is_surname(book, surname, f)) continue;
                const auto [it, added] = book.initials.emplace(initial + '\0' + surname, given);
                if (!added && it->second != given) it->second.clear();
            }
        }
        for (size_t i = 0; i < parts.size(); i++) {
            if (parts[i].kind != WORD_GIVEN || womans_name(book, word_of(value, parts[i])) >= 0) continue;
            // The words of one given name are one person's: "Mary-Jane".
            size_t b = i, e = i + 1;
            while (b > 0 && parts[b - 1].hyphen) b--;
            while (parts[e - 1].hyphen) e++;
            int woman = -1;
            for (size_t j = b; j < e && woman < 0; j++) woman = j == i ? -1 : womans_name(book, word_of(value, parts[j]));
            if (woman < 0) woman = person;
            if (woman >= 0) book.woman.emplace(word_of(value, parts[i]), woman);
        }
    }
    return book;
}

void count_units(const std::string & s, int32_t * cps, int32_t * u16) {
    for (size_t i = 0; i < s.size();) {
        uint32_t c;
        i += (size_t) utf8_next((const uint8_t *) s.data(), s.size(), i, &c);
        *cps += 1;
        *u16 += c > 0xFFFF ? 2 : 1;
    }
}

} // namespace

int32_t deid_date_offset(const deid_options & opt, const char * text, size_t len) {
    const keyed k = make_key(opt, text, len);
    const uint64_t h = k.u64("dateshift", "");
    const int32_t max = opt.max_shift_days > 0 ? opt.max_shift_days : 1;
    const int32_t magnitude = 1 + (int32_t) ((h >> 1) % (uint64_t) max);
    return (h & 1) ? magnitude : -magnitude;
}

mab_status deid_options_check(const deid_options & opt) {
    if (opt.max_shift_days < 1 || opt.max_shift_days > MAX_SHIFT_DAYS) {
        return set_error(MAB_STATUS_INVALID_ARGUMENT, "max_shift_days is %d, expected 1 to %d (100 years)", opt.max_shift_days,
                         MAX_SHIFT_DAYS);
    }
    // An empty key is one everybody knows: the surrogates and date shifts of every document could be
    // recomputed by anyone. No key at all derives one from the text instead.
    if (opt.has_key && opt.key.empty()) {
        return set_error(MAB_STATUS_INVALID_ARGUMENT, "the key is empty: pass a secret key, or none to derive one from each text");
    }
    if (opt.mask_char == 0) {
        return set_error(MAB_STATUS_INVALID_ARGUMENT, "the mask character is U+0000 (NUL), which would end the text for C "
                                                      "and many tools: choose a visible one");
    }
    if (opt.mask_char > 0x10FFFF || (opt.mask_char >= 0xD800 && opt.mask_char <= 0xDFFF)) {
        return set_error(MAB_STATUS_INVALID_ARGUMENT, "mask character U+%04X is not a Unicode scalar value", opt.mask_char);
    }
    return MAB_STATUS_OK;
}

// The latest year written in the note's DATE spans, 0 when none has one.
static int32_t latest_date_year(const char * text, const text_index & index, const std::vector<span> & spans, bool day_first) {
    int32_t latest = 0;
    for (const span & s : spans) {
        if (s.type != "DATE") continue;
        const int32_t b = index.byte_of_cp[(size_t) s.begin], e = index.byte_of_cp[(size_t) s.end];
        parsed_date d;
        if (parse_date(text + b, (size_t) (e - b), day_first, &d) || parse_holiday(text + b, (size_t) (e - b), 0, &d)) {
            latest = std::max(latest, d.year);
        }
    }
    return latest;
}

// The year ages are counted to: the current year, or a later one among the note's DATE spans. A
// birth date in a note of long ago counts too: its person is over 89 now, if not then.
static int32_t reference_year(int32_t latest_date_year) {
    // From the clock's days, not gmtime: in WebAssembly its first call allocates time zone data.
    int32_t year = 0, month = 0, day = 0;
    civil_from_days((int64_t) std::time(nullptr) / 86400, &year, &month, &day);
    return std::max(latest_date_year, year);
}

mab_status deidentify_text(const char * text, size_t len, const text_index & index, const std::vector<span> & spans,
                           const deid_options & opt, std::string * out_text, std::vector<replacement> * out) {
    out_text->clear();
    out->clear();
    if (const mab_status st = deid_options_check(opt)) return st;
    const keyed k = make_key(opt, text, len);
    const int32_t shift = deid_date_offset(opt, text, len);
    // A date 90 years or more ago is a birth date of someone over 89, or reads as one: Safe Harbor
    // removes even its year, which a shift would keep ("DOB 05/12/1919" beside "Age: 90").
    // A holiday without its year ("the week before Thanksgiving") is taken in the note's latest one.
    const int32_t note_year      = latest_date_year(text, index, spans, opt.day_first);
    const int32_t oldest_shifted = reference_year(note_year) - 89;
    std::string mask_utf8;
    {
        const uint32_t c = opt.mask_char;
        if (c < 0x80) mask_utf8.push_back((char) c);
        else if (c < 0x800) mask_utf8 += {(char) (0xC0 | (c >> 6)), (char) (0x80 | (c & 0x3F))};
        else if (c < 0x10000) mask_utf8 += {(char) (0xE0 | (c >> 12)), (char) (0x80 | ((c >> 6) & 0x3F)), (char) (0x80 | (c & 0x3F))};
        else mask_utf8 += {(char) (0xF0 | (c >> 18)), (char) (0x80 | ((c >> 12) & 0x3F)), (char) (0x80 | ((c >> 6) & 0x3F)), (char) (0x80 | (c & 0x3F))};
    }

    int32_t prev_cp = 0;
    for (const span & s : spans) {
        if (s.begin < prev_cp || s.end < s.begin || s.end > index.n_codepoints()) {
            return set_error(MAB_STATUS_INVALID_ARGUMENT, "span [%d, %d) overlaps the previous one or leaves the text of %d code points",
                             s.begin, s.end, index.n_codepoints());
        }
        prev_cp = s.end;
    }
    // An entity of a JSON string's text is read unescaped ("Vi\u1ec7t" is "Việt", whose surrogate
    // its other mentions share), and what replaces it is written escaped: the document stays JSON.
    const auto written_at = [&](const span & s) {
        const int32_t b = index.byte_of_cp[(size_t) s.begin], e = index.byte_of_cp[(size_t) s.end];
        return std::string(text + b, (size_t) (e - b));
    };
    const auto read = [](const std::string & written) {
        return json_escapes(written.data(), written.size()).empty() ? written : json_unescaped(written.data(), written.size());
    };
    // The word before a name, past blanks and a comma ("my son, Minh") or a title's full stop ("Mrs.
    // Lee"); the first "he" or "she" after it, before the next name and the sentence's end.
    const auto cues = [&](const span & s) {
        name_cues c;
        size_t e = (size_t) index.byte_of_cp[(size_t) s.begin];
        while (e > 0 && text[e - 1] == ' ') e--;
        const bool stop = e > 0 && text[e - 1] == '.';
        if (e > 0 && (stop || text[e - 1] == ',')) e--;
        while (e > 0 && text[e - 1] == ' ') e--; // "hi , bobby", "mr . gutierrez", as transcripts write them
        size_t b = e;
        while (b > 0 && is_alpha(text[b - 1])) b--;
        if (b < e && (b == 0 || (!is_alpha(text[b - 1]) && (uint8_t) text[b - 1] < 0x80))) {
            const std::string word = lower_text(std::string(text + b, e - b));
            if (!stop || is_name_title(word)) {
                c.familiar = !stop && (is_relative_word(text, b, e) || is_greeting(word));
                c.titled   = is_title_before_surname(word);
                c.woman    = womans_word(word);
            }
        }
        const span * next = &s + 1;
        while (next < spans.data() + spans.size() && next->type != "NAME") next++;
        const size_t end = next < spans.data() + spans.size() ? (size_t) index.byte_of_cp[(size_t) next->begin] : len;
        for (size_t i = (size_t) index.byte_of_cp[(size_t) s.end]; i < end && c.pronoun < 0;) {
            if (text[i] == '.' || text[i] == '!' || text[i] == '?' || text[i] == '\n') break;
            size_t we = i;
            while (we < end && is_alpha(text[we])) we++;
            if (we == i) {
                i++;
                continue;
            }
            const std::string word = lower_text(std::string(text + i, we - i));
            if (word == "he" || word == "his" || word == "him" || word == "himself") c.pronoun = 0;
            if (word == "she" || word == "her" || word == "hers" || word == "herself") c.pronoun = 1;
            i = we;
        }
        return c;
    };
    surrogate_book book = read_document(spans, [&](const span & s) { return read(written_at(s)); }, cues);
    // Surrogates from the lists are chosen in the order of the values, not of the text: which of two
    // values that want one entry keeps it does not depend on where either is written.
    {
        std::vector<std::pair<std::string, const span *>> by_value;
        for (const span & s : spans) {
            if (list_group(s) && operator_for(opt, s) == OPERATOR_SURROGATE) by_value.emplace_back(s.type + '\0' + s.subtype + '\0' + lower_text(read(written_at(s))), &s);
        }
        std::sort(by_value.begin(), by_value.end());
        for (const auto & [value, s] : by_value) surrogate(k, book, *s, read(written_at(*s)));
    }

    int32_t new_cp = 0, new_u16 = 0;
    prev_cp = 0;
    for (const span & s : spans) {
        const int32_t b0 = index.byte_of_cp[(size_t) prev_cp], b1 = index.byte_of_cp[(size_t) s.begin];
        out_text->append(text + b0, (size_t) (b1 - b0));
        new_cp += s.begin - prev_cp;
        new_u16 += index.utf16_of_cp[(size_t) s.begin] - index.utf16_of_cp[(size_t) prev_cp];

        const std::string written = written_at(s);
        const std::string original = read(written);
        const bool escaped = original != written;
        replacement r;
        r.source = &s;
        r.op     = operator_for(opt, s);
        if (r.op == OPERATOR_SURROGATE && (s.type == "DATE" || (s.type == "AGE" && reads_as_date(original)))) {
            r.op = OPERATOR_DATESHIFT;
        }
        if (r.op == OPERATOR_DATESHIFT) {
            parsed_date d;
            const bool parsed = s.type == "DATE" ? parse_date(original.data(), original.size(), opt.day_first, &d) ||
                                                       parse_holiday(original.data(), original.size(), note_year, &d)
                                : s.type == "AGE" && parse_date(original.data(), original.size(), opt.day_first, &d);
            if (parsed && (d.year == 0 || d.year >= oldest_shifted) && (shift_date(&d, shift), d.year == 0 || (d.year >= 1 && d.year <= 9999))) {
                r.text = format_date(d);
            } else {
                r.op = OPERATOR_TAG;
            }
        }
        switch (r.op) {
        case OPERATOR_REDACT: break;
        case OPERATOR_MASK:
            for (int32_t c = s.begin; c < s.end; c++) r.text += mask_utf8;
            break;
        case OPERATOR_TAG: r.text = "[" + s.type + "]"; break;
        case OPERATOR_SURROGATE: r.text = surrogate(k, book, s, original); break;
        case OPERATOR_DATESHIFT: break;
        case OPERATOR_KEEP: r.text = written; break;
        }
        if (escaped && (r.op == OPERATOR_SURROGATE || r.op == OPERATOR_DATESHIFT)) r.text = json_escaped(r.text);
        r.new_begin       = new_cp;
        r.new_begin_utf16 = new_u16;
        count_units(r.text, &new_cp, &new_u16);
        r.new_end       = new_cp;
        r.new_end_utf16 = new_u16;
        out_text->append(r.text);
        out->push_back(std::move(r));
        prev_cp = s.end;
    }
    const int32_t b0 = index.byte_of_cp[(size_t) prev_cp];
    out_text->append(text + b0, len - (size_t) b0);
    return MAB_STATUS_OK;
}

} // namespace mab
