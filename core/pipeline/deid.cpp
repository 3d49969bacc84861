#include "pipeline/deid.h"

#include "pipeline/comma-list.h"
#include "pipeline/dates.h"
#include "pipeline/hmac-sha256.h"
#include "pipeline/json-escapes.h"
#include "pipeline/number-words.h"
#include "pipeline/rules.h"
#include "pipeline/surrogate-lists.h"
#include "status.h"
#include "tokenizer/unicode.h"

#include <algorithm>
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

// A list entry chosen by the value, never the value itself: "Jackson" must not stay "Jackson" by chance.
template <size_t N>
std::string pick(const keyed & k, const char * domain, const std::string & value, const char * const (&list)[N]) {
    const std::string lower = lower_text(value);
    const uint64_t h = k.u64(domain, lower);
    size_t i = h % N;
    if (lower_text(list[i]) == lower) i = (i + 1 + (h >> 32) % (N - 1)) % N;
    return list[i];
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

// Whether a list of ASCII names holds token, ignoring case.
template <size_t N> bool listed(const char * const (&list)[N], const std::string & token) {
    for (const char * w : list) {
        size_t i = 0;
        while (w[i] && i < token.size() && (w[i] | 32) == (token[i] | 32)) i++;
        if (!w[i] && i == token.size()) return true;
    }
    return false;
}

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

// A name, word by word: given names and surnames from the lists, initials as initials, titles kept.
std::string name_surrogate(const keyed & k, const std::string & value) {
    // Words are runs of letters, apostrophes and non-ASCII bytes; '-' splits double-barrelled names.
    struct word { size_t b, e; };
    std::vector<word> words;
    for (size_t i = 0; i < value.size();) {
        const auto in_word = [&](size_t p) { return is_alpha(value[p]) || (uint8_t) value[p] >= 0x80 || value[p] == '\''; };
        if (!in_word(i)) {
            i++;
            continue;
        }
        size_t e = i;
        while (e < value.size() && in_word(e)) e++;
        words.push_back({i, e});
        i = e;
    }
    // "Smith, John" puts the surname first; "Alan Whitfield, MD" does not (only a title follows the comma).
    size_t comma = value.find(',');
    bool name_after_comma = false;
    for (const word & w : words) {
        if (comma != std::string::npos && w.b > comma && !is_name_title(value.substr(w.b, w.e - w.b))) name_after_comma = true;
    }
    if (!name_after_comma) comma = std::string::npos;
    size_t name_words = 0;
    for (const word & w : words) name_words += !is_name_title(value.substr(w.b, w.e - w.b));
    // The surname is the last word that is not a title ("Alan Whitfield MD").
    size_t last_name_word = words.size();
    while (last_name_word > 1 && is_name_title(value.substr(words[last_name_word - 1].b, words[last_name_word - 1].e - words[last_name_word - 1].b)))
        last_name_word--;
    std::string out;
    size_t prev = 0;
    for (size_t w = 0; w < words.size(); w++) {
        out += digits_replaced(k, value.substr(prev, words[w].b - prev));
        const std::string token = value.substr(words[w].b, words[w].e - words[w].b);
        std::string repl;
        uint32_t    first;
        const int   first_len = utf8_next((const uint8_t *) token.data(), token.size(), 0, &first);
        if (is_name_title(token)) {
            repl = token; // "Dr.", "Mrs", "MD", "Jr" say nothing about who it is
        } else if ((size_t) first_len == token.size()) { // one letter, "J" or "É": an initial
            repl = std::string(1, (char) ('A' + k.u64("initial", lower_text(token)) % 26));
            if (unicode::is_lower(first)) repl[0] = (char) (repl[0] + 32);
        } else {
            // "Smith, John": surnames before the comma. "John Q. Smith": the last word is the surname.
            // A name of one word is a surname ("Mr. Smith") unless the lists know it only as a given
            // name: "hi , andrew ." takes the given name that "Andrew Smith" gives Andrew.
            const bool given_alone = name_words == 1 && listed(sl::first_names, token) && !listed(sl::last_names, token);
            const bool surname = comma != std::string::npos ? words[w].b < comma
                                 : given_alone ? false
                                 : (w + 1 >= last_name_word || (w > 0 && value[words[w].b - 1] == '-'));
            repl = surname ? pick(k, "surname", token, sl::last_names) : pick(k, "given", token, sl::first_names);
            repl = match_case(repl, token);
        }
        out += repl;
        prev = words[w].e;
    }
    out += digits_replaced(k, value.substr(prev));
    return out;
}

std::string street_surrogate(const keyed & k, const std::string & value) {
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
                out += kept ? token : match_case(pick(k, "street", token, sl::street_names), token);
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

std::string surrogate(const keyed & k, const span & s, const std::string & value) {
    const std::string & t = s.type, & st = s.subtype;
    if (t == "NAME") return name_surrogate(k, value);
    if (t == "AGE") return age_surrogate(value);
    if (t == "PROFESSION") return match_case(pick(k, "profession", value, sl::professions), value);
    if (t == "LOCATION") {
        if (st == "CITY") return match_case(pick(k, "city", value, sl::cities), value);
        if (st == "STATE") {
            const bool code = value.size() == 2 && is_upper(value[0]) && is_upper(value[1]);
            return code ? pick(k, "state", value, sl::state_codes) : match_case(pick(k, "state", value, sl::states), value);
        }
        if (st == "COUNTRY") return match_case(pick(k, "country", value, sl::countries), value);
        if (st == "STREET") return street_surrogate(k, value);
        if (st == "HOSPITAL") return match_case(pick(k, "hospital", value, sl::hospitals), value);
        if (st == "ORGANIZATION") return match_case(pick(k, "organization", value, sl::organizations), value);
        if (st == "DEPARTMENT") return match_case(pick(k, "department", value, sl::departments), value);
        if (st == "ZIP" || st == "ROOM") return class_preserving(k, "code", value);
        return match_case(pick(k, "city", value, sl::cities), value);
    }
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

    int32_t prev_cp = 0, new_cp = 0, new_u16 = 0;
    for (const span & s : spans) {
        if (s.begin < prev_cp || s.end < s.begin || s.end > index.n_codepoints()) {
            return set_error(MAB_STATUS_INVALID_ARGUMENT, "span [%d, %d) overlaps the previous one or leaves the text of %d code points",
                             s.begin, s.end, index.n_codepoints());
        }
        const int32_t b0 = index.byte_of_cp[(size_t) prev_cp], b1 = index.byte_of_cp[(size_t) s.begin];
        out_text->append(text + b0, (size_t) (b1 - b0));
        new_cp += s.begin - prev_cp;
        new_u16 += index.utf16_of_cp[(size_t) s.begin] - index.utf16_of_cp[(size_t) prev_cp];

        const int32_t e1 = index.byte_of_cp[(size_t) s.end];
        const std::string written(text + b1, (size_t) (e1 - b1));
        // An entity of a JSON string's text is read unescaped ("Vi\u1ec7t" is "Việt", whose surrogate
        // its other mentions share), and what replaces it is written escaped: the document stays JSON.
        const bool escaped = !json_escapes(written.data(), written.size()).empty();
        const std::string original = escaped ? json_unescaped(written.data(), written.size()) : written;
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
        case OPERATOR_SURROGATE: r.text = surrogate(k, s, original); break;
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
