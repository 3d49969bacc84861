// Every recognizer is a function scan_<family>(const scanner &, out) that walks the bytes once.
// Context words are matched case-insensitively as whole words within a few bytes before a candidate.
#include "pipeline/rules.h"

#include "pipeline/clinical-terms.h"
#include "pipeline/common-words.h"
#include "pipeline/dates.h"
#include "pipeline/hl7-fields.h"
#include "pipeline/json-escapes.h"
#include "pipeline/json-fields.h"
#include "pipeline/number-words.h"
#include "pipeline/spoken-names.h"
#include "pipeline/table-columns.h"
#include "pipeline/text-index.h"
#include "pipeline/word-list.h"
#include "pipeline/xml-fields.h"
#include "tokenizer/unicode.h"

#include <algorithm>
#include <cstring>
#include <initializer_list>

namespace mab {

namespace {

struct scanner {
    const uint8_t * s;
    size_t          n;
    bool            day_first;
    std::vector<span> * out;
    // capitalised_word_end's last run of letters and hyphens [from, to): a word that begins inside it
    // runs to the same end, so a megabyte of "Ab-Ab-…" is read once, not once per word.
    mutable size_t run_from = 0, run_to = 0;

    bool digit(size_t i) const { return i < n && s[i] >= '0' && s[i] <= '9'; }
    bool alpha(size_t i) const { return i < n && ((s[i] | 32) >= 'a' && (s[i] | 32) <= 'z'); }
    bool upper(size_t i) const { return i < n && s[i] >= 'A' && s[i] <= 'Z'; }
    // The byte at i with ASCII capitals made lower case; 0 past the end.
    uint8_t lower(size_t i) const { return i >= n ? 0 : upper(i) ? (uint8_t) (s[i] + 32) : s[i]; }
    bool xdigit(size_t i) const { return digit(i) || (i < n && (s[i] | 32) >= 'a' && (s[i] | 32) <= 'f'); }
    // Letters, digits and any non-ASCII byte (part of a non-ASCII character) make words.
    bool word(size_t i) const { return i < n && (digit(i) || alpha(i) || s[i] >= 0x80); }
    bool word_start(size_t i) const { return i == 0 || !word(i - 1); }
    bool word_end(size_t e) const { return e >= n || !word(e); }
    // No digit run continues past e ("555-1234-9", "1.2.3.4.5").
    bool number_end(size_t e) const {
        if (e >= n) return true;
        if (word(e)) return false;
        return !((s[e] == '-' || s[e] == '.' || s[e] == '/') && digit(e + 1));
    }
    bool number_start(size_t i) const {
        if (i == 0) return true;
        if (word(i - 1)) return false;
        return !((s[i - 1] == '-' || s[i - 1] == '.' || s[i - 1] == '/') && i >= 2 && digit(i - 2));
    }
    // A number at i glued to a cue word before it, as OCR and hurried typing join them ("Tel617-555-0134",
    // "on1/5/2022"): the letters before i, from a word start, are one of the words.
    bool glued_to(size_t i, const char * const * words) const {
        if (!digit(i)) return false;
        size_t b = i;
        while (b > 0 && alpha(b - 1)) b--;
        if (b == i || !word_start(b)) return false;
        for (const char * const * w = words; *w; w++) {
            if (word_is(b, i, *w)) return true;
        }
        return false;
    }
    // Whether [b, e) is the case-insensitive ASCII word w, not followed by a letter. Compares
    // without strlen: the lists are scanned at every word start, and most fail on the first byte.
    bool word_is(size_t b, size_t e, const char * w) const {
        for (size_t k = 0; b + k < e; k++) {
            if (!w[k] || lower(b + k) != (uint8_t) w[k]) return false;
        }
        return w[e - b] == 0 && !alpha(e);
    }
    // The case-insensitive ASCII word w at i, not followed by a letter.
    bool word_at(size_t i, const char * w) const {
        size_t k = 0;
        for (; w[k]; k++) {
            if (lower(i + k) != (uint8_t) w[k]) return false;
        }
        return !alpha(i + k);
    }
    // The end of the run of ASCII letters from i.
    size_t alpha_end(size_t i) const {
        while (alpha(i)) i++;
        return i;
    }
    // "st", "nd", "rd" or "th" at i, ending a word (after the digits of "21st").
    bool ordinal_suffix(size_t i) const { return word_at(i, "st") || word_at(i, "nd") || word_at(i, "rd") || word_at(i, "th"); }
    // The case-insensitive ASCII prefix w at i.
    bool prefix_at(size_t i, const char * w) const {
        for (size_t k = 0; w[k]; k++) {
            if (i + k >= n || (s[i + k] | 32) != (uint8_t) w[k]) return false;
        }
        return true;
    }
    size_t digits(size_t i, size_t max) const {
        size_t k = 0;
        while (k < max && digit(i + k)) k++;
        return k;
    }
    // One of the words starts within `window` bytes after e (as a whole word).
    bool context_after(size_t e, size_t window, const char * const * words) const {
        for (const char * const * w = words; *w; w++) {
            for (size_t p = e; p < e + window && p < n; p++) {
                if (word_start(p) && word_at(p, *w)) return true;
            }
        }
        return false;
    }
    // One of the words ends within `window` bytes before i (as a whole word).
    bool context(size_t i, size_t window, const char * const * words) const {
        const size_t lo = i > window ? i - window : 0;
        for (const char * const * w = words; *w; w++) {
            const size_t len = strlen(*w);
            for (size_t p = lo; p + len <= i; p++) {
                if (word_start(p) && word_at(p, *w)) return true;
            }
        }
        return false;
    }
    void add(size_t b, size_t e, const char * type, const char * subtype, const char * rule, float score) const {
        out->push_back(rule_span(b, e, score, type, subtype, rule));
    }
};

bool is_sep(uint8_t c) { return c == '-' || c == '.' || c == ' '; }

// Whether text[b, e) is one of the words (ASCII, any case).
bool in_list(const scanner & sc, size_t b, size_t e, const char * const * words) {
    if (b >= e) return false;
    const uint8_t first = sc.lower(b);
    for (const char * const * w = words; *w; w++) {
        if ((uint8_t) (*w)[0] == first && sc.word_is(b, e, *w)) return true;
    }
    return false;
}

// Whether the word after the space at e is one of the words ("Christmas tree", "Huntington disease").
bool next_word_in(const scanner & sc, size_t e, const char * const * words) {
    return e + 1 < sc.n && sc.s[e] == ' ' && in_list(sc, e + 1, sc.alpha_end(e + 1), words);
}

const char * const k_phone_context[] = {"phone", "tel", "telephone", "call", "cell", "mobile", "pager", "beeper",
                                        "pgr", "fax", "ph", "contact", "number", "callback", nullptr};
const char * const k_fax_context[]   = {"fax", "facsimile", nullptr};
const char * const k_phone_glued[]   = {"tel", "ph", "phone", "cell", "fax", "mobile", "pager", nullptr};
const char * const k_pager_context[] = {"pager", "beeper", "pgr", "bleep", nullptr};

// "ext. 12", " x12", " extension 12" after a phone number: the new end, or e.
size_t phone_extension(const scanner & sc, size_t e) {
    size_t p = e;
    while (p < sc.n && sc.s[p] == ' ') p++;
    size_t k = 0;
    if (sc.word_at(p, "extension")) k = 9;
    else if (sc.word_at(p, "ext")) k = 3;
    else if (p < sc.n && (sc.s[p] | 32) == 'x' && sc.digit(p + 1)) k = 1;
    if (!k) return e;
    p += k;
    if (p < sc.n && sc.s[p] == '.') p++;
    while (p < sc.n && sc.s[p] == ' ') p++;
    const size_t d = sc.digits(p, 7);
    return d >= 1 && d <= 6 && sc.number_end(p + d) ? p + d : e;
}

// A North American number at i: [+1 ](ddd) ddd-dddd / ddd-ddd-dddd / ddd.ddd.dddd; returns the end or 0.
size_t nanp_at(const scanner & sc, size_t i) {
    size_t p = i;
    if (sc.s[p] == '+') {
        if (!(p + 1 < sc.n && sc.s[p + 1] == '1')) return 0;
        p += 2;
        if (p < sc.n && is_sep(sc.s[p])) p++;
    } else if (sc.s[p] == '1' && p + 1 < sc.n && is_sep(sc.s[p + 1]) && (sc.digit(p + 2) || (p + 2 < sc.n && sc.s[p + 2] == '('))) {
        p += 2;
    }
    if (p < sc.n && sc.s[p] == '(') {
        if (sc.digits(p + 1, 4) != 3 || p + 4 >= sc.n || sc.s[p + 4] != ')') return 0;
        p += 5;
        if (p < sc.n && is_sep(sc.s[p])) p++;
    } else {
        if (sc.digits(p, 4) != 3 || p + 3 >= sc.n || !is_sep(sc.s[p + 3])) return 0;
        p += 4;
    }
    if (sc.digits(p, 4) != 3 || p + 3 >= sc.n || !is_sep(sc.s[p + 3])) return 0;
    p += 4;
    if (sc.digits(p, 5) != 4 || !sc.number_end(p + 4)) return 0;
    return p + 4;
}

// +CC and 8-15 digits in groups separated by one space, '-' or '.': +44 20 7946 0958.
size_t international_at(const scanner & sc, size_t i) {
    if (sc.s[i] != '+' || !sc.digit(i + 1)) return 0;
    size_t p = i + 1, n_digits = 0, end = 0;
    while (true) {
        const size_t d = sc.digits(p, 16);
        if (!d) break;
        n_digits += d;
        p += d;
        end = p;
        if (p + 1 < sc.n && is_sep(sc.s[p]) && sc.digit(p + 1)) p++;
        else break;
    }
    return n_digits >= 8 && n_digits <= 15 && sc.number_end(end) ? end : 0;
}

void scan_phone(const scanner & sc) {
    for (size_t i = 0; i < sc.n; i++) {
        const uint8_t c = sc.s[i];
        if (!(sc.digit(i) || c == '(' || c == '+') || !(sc.number_start(i) || sc.glued_to(i, k_phone_glued))) continue;
        size_t e = nanp_at(sc, i);
        float score = 0.95f;
        if (!e) e = international_at(sc, i);
        const bool ctx = sc.context(i, 25, k_phone_context);
        if (!e && ctx && sc.digit(i)) {
            // Local 555-1234, bare 5551234567, or a pager number, only with a context word before.
            const size_t a = sc.digits(i, 11);
            if (a == 3 && i + 3 < sc.n && (sc.s[i + 3] == '-' || sc.s[i + 3] == '.') && sc.digits(i + 4, 5) == 4 && sc.number_end(i + 8)) {
                e = i + 8;
            } else if (a == 10 && sc.number_end(i + 10)) {
                e = i + 10;
            } else if (a >= 4 && a <= 10 && sc.number_end(i + a) && sc.context(i, 20, k_pager_context)) {
                e = i + a;
            }
            score = 0.85f;
        }
        if (!e) continue;
        e = phone_extension(sc, e);
        const bool fax   = sc.context(i, 25, k_fax_context);
        const bool pager = !fax && sc.context(i, 20, k_pager_context);
        sc.add(i, e, "CONTACT", fax ? "FAX" : "PHONE", fax ? "fax" : pager ? "pager" : "phone", score);
        i = e - 1;
    }
}

// A number said digit by digit, as transcripts write phone numbers and IDs: "five five five, one two
// three four", "six one seven five five five 0 1 3 4". A run of digit words ("oh" not first: it is
// an interjection there) and numerals of 1-4 digits, one to three of ' ', ',', '-', '.' between
// them, with at least 4 digit words and 7 to 11 digits in all; not counting (every step +1, or every
// step -1: "nine eight seven six five four three" is a cognitive test). 7 or 10 digits, or 11 from a
// leading 1: a phone number (family phone); 8, 9 or another 11: an ID (family id).
void scan_spoken_digits(const scanner & sc, bool phones, bool ids) {
    for (size_t i = 0; i < sc.n; i++) {
        if (!sc.word_start(i) || !sc.word(i)) continue;
        size_t p = i, e = i, n_digits = 0, n_words = 0, n_single = 0;
        int first = -1, prev = -1, step = 0;
        bool counting = true;
        while (true) {
            size_t t_end = 0;
            int v = digit_word_at((const char *) sc.s, sc.n, p, &t_end);
            if (v >= 0 && p == i && sc.word_at(p, "oh")) v = -1;
            size_t len = 1;
            if (v >= 0) {
                n_words++;
            } else {
                len = sc.digits(p, 5);
                if (len == 0 || len > 4 || !sc.word_end(p + len)) break;
                t_end = p + len;
                v = len == 1 ? sc.s[p] - '0' : -1;
            }
            if (first < 0) first = v >= 0 ? v : sc.s[p] - '0';
            n_digits += len;
            if (v < 0) counting = false;
            else if (n_single++ > 0) {
                const int d = v - prev;
                if ((d != 1 && d != -1) || (step && d != step)) counting = false;
                step = d;
            }
            prev = v;
            e = t_end;
            size_t q = e, sep = 0;
            while (q < sc.n && sep < 3 && (sc.s[q] == ' ' || sc.s[q] == ',' || sc.s[q] == '-' || sc.s[q] == '.')) q++, sep++;
            if (sep == 0 || q >= sc.n || !sc.word(q)) break;
            p = q;
        }
        if (n_words < 4 || n_digits < 7 || n_digits > 11 || counting) {
            i = e > i ? e - 1 : i;
            continue;
        }
        const bool phone = n_digits == 7 || n_digits == 10 || (n_digits == 11 && first == 1);
        if (phone && phones) {
            const bool fax = sc.context(i, 25, k_fax_context);
            sc.add(i, e, "CONTACT", fax ? "FAX" : "PHONE", "spoken-digits", 0.7f);
        } else if (!phone && ids) {
            sc.add(i, e, "ID", "IDNUM", "spoken-digits", 0.7f);
        }
        i = e - 1;
    }
}

bool email_local(uint8_t c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '%' ||
           c == '+' || c == '-';
}
bool host_char(uint8_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'; }

// A run of host characters: where it ends once trailing dots and hyphens are cut (`end`), just after
// its last dot (`dot`, or its start when it has none) and whether the label after that dot is all
// letters. All three are the same from any start inside the run, so the url rule, which tries every
// word start, works them out once per run: per start, a run like "Ab-Ab-Ab-…" would make it quadratic.
struct host_run {
    size_t raw_end = 0, end = 0, dot = 0;
    bool   alpha_tld = false;
};

host_run find_host_run(const scanner & sc, size_t p) {
    host_run r;
    r.raw_end = p;
    while (r.raw_end < sc.n && host_char(sc.s[r.raw_end])) r.raw_end++;
    r.end = r.raw_end;
    while (r.end > p && (sc.s[r.end - 1] == '.' || sc.s[r.end - 1] == '-')) r.end--;
    r.dot = r.end;
    while (r.dot > p && sc.s[r.dot - 1] != '.') r.dot--;
    r.alpha_tld = true;
    for (size_t k = r.dot; k < r.end; k++) r.alpha_tld = r.alpha_tld && sc.alpha(k);
    return r;
}

// The end of a host name starting at p inside run r (labels separated by dots, last label alphabetic,
// >= 2 letters, at least one dot), or 0.
size_t host_end(const host_run & r, size_t p, size_t * tld_begin) {
    if (r.dot <= p + 1 || r.end - r.dot < 2 || !r.alpha_tld) return 0;
    if (tld_begin) *tld_begin = r.dot;
    return r.end;
}

void scan_email(const scanner & sc) {
    size_t last_end = 0;
    for (size_t a = 0; a < sc.n; a++) {
        if (sc.s[a] != '@') continue;
        size_t b = a;
        while (b > last_end && email_local(sc.s[b - 1])) b--;
        while (b < a && sc.s[b] == '.') b++;
        if (b == a) continue;
        const size_t e = host_end(find_host_run(sc, a + 1), a + 1, nullptr);
        if (!e) continue;
        sc.add(b, e, "CONTACT", "EMAIL", "email", 0.99f);
        last_end = e;
        a = e - 1;
    }
}

// The end of "(w)" or "[w]" at i (w in any case); 0 when none.
size_t bracketed_word_end(const scanner & sc, size_t i, const char * w) {
    if (i >= sc.n || (sc.s[i] != '(' && sc.s[i] != '[')) return 0;
    const size_t len = strlen(w);
    if (i + len + 2 > sc.n || !sc.word_at(i + 1, w)) return 0;
    return sc.s[i + len + 1] == (sc.s[i] == '(' ? ')' : ']') ? i + len + 2 : 0;
}

// The end of "at", "(at)", "[at]" or a spaced "@" at i, an e-mail's @ said or written around;
// 0 when none.
size_t spoken_at_end(const scanner & sc, size_t i) {
    if (sc.word_start(i) && sc.word_at(i, "at")) return i + 2;
    if (sc.s[i] == '@' && i > 0 && sc.s[i - 1] == ' ') return i + 1;
    return bracketed_word_end(sc, i, "at");
}

// The end of a dot said or written around at p ("dot", "(dot)" or "[dot]", spaces around it); 0
// when none. A plain '.' is not one: "looked it up at webmd.com" is a web site (the url rule's).
size_t spoken_dot_end(const scanner & sc, size_t p) {
    size_t q = p;
    while (q < sc.n && sc.s[q] == ' ') q++;
    size_t e = 0;
    if (sc.word_at(q, "dot")) e = q + 3;
    else if (const size_t b = bracketed_word_end(sc, q, "dot")) e = b;
    if (!e) return 0;
    while (e < sc.n && sc.s[e] == ' ') e++;
    return e;
}

// An e-mail address said or obfuscated: "kob1958 at hotmail dot com", "j.smith (at) mgh [dot] org",
// "ed @ yahoo dot co dot uk": a local part, an @ (spoken_at_end), host labels
// joined by dots (spoken_dot_end), the last one a TLD of a closed list (the words "in" or "care"
// would end too many sentences).
void scan_spoken_email(const scanner & sc) {
    static const char * const tlds[] = {"com", "org", "net", "edu", "gov", "mil", "io", "co", "us", "uk", "ca", "au",
                                        "de", "fr", "info", "biz", "me", nullptr};
    const auto label_end = [&](size_t p) {
        while (p < sc.n && (sc.alpha(p) || sc.digit(p) || sc.s[p] == '-')) p++;
        return p;
    };
    for (size_t i = 1; i < sc.n; i++) {
        const size_t m = spoken_at_end(sc, i);
        if (!m || sc.s[i - 1] != ' ') continue;
        size_t b = i - 1;
        while (b > 0 && sc.s[b - 1] == ' ') b--;
        const size_t local_end = b;
        while (b > 0 && email_local(sc.s[b - 1])) b--;
        if (b == local_end || sc.s[local_end - 1] == '.' || !sc.word_start(b)) continue;
        // A local part said with its dots: "grace dot okonkwo at gmail dot com".
        for (int words = 0; words < 2; words++) {
            size_t q = b;
            while (q > 0 && sc.s[q - 1] == ' ') q--;
            if (q == b) break;
            size_t dot = 0;
            for (const char * d : {"dot", "(dot)", "[dot]"}) {
                const size_t len = strlen(d);
                if (!dot && q >= len && sc.prefix_at(q - len, d) && (q == len || !email_local(sc.s[q - len - 1]))) dot = q - len;
            }
            if (!dot) break;
            size_t w = dot;
            while (w > 0 && sc.s[w - 1] == ' ') w--;
            const size_t word_end = w;
            while (w > 0 && email_local(sc.s[w - 1])) w--;
            static const char * const not_local[] = {"the", "a", "an", "and", "or", "to", "of", "in", "on", "is", nullptr};
            if (w == word_end || word_end == dot || !sc.word_start(w) || in_list(sc, w, word_end, not_local)) break;
            b = w;
        }
        size_t p = m;
        while (p < sc.n && sc.s[p] == ' ') p++;
        size_t e = label_end(p), labels = 0, last = p;
        if (e == p) continue;
        while (true) {
            const size_t d = spoken_dot_end(sc, e);
            const size_t le = d ? label_end(d) : 0;
            if (!d || le == d) break;
            last = d;
            e = le;
            labels++;
        }
        if (!labels || !sc.word_end(e) || !in_list(sc, last, e, tlds)) continue;
        sc.add(b, e, "CONTACT", "EMAIL", "spoken-email", 0.85f);
        i = e - 1;
    }
}

bool is_common_tld(const scanner & sc, size_t b, size_t e) {
    static const char * const tlds[] = {"com", "org", "net", "edu", "gov", "mil", "int", "io", "info", "biz", "health",
                                        "care", "us", "uk", "ca", "au", "de", "fr", "nl", "ie", "nz", "in", "eu", nullptr};
    return in_list(sc, b, e, tlds);
}

// The end of a URL's path starting at p: up to white space, a quote or a backslash (no URL holds one:
// "http://…\"" of a JSON string ends before its escaped quote), minus trailing punctuation.
size_t url_path_end(const scanner & sc, size_t p) {
    size_t e = p;
    int parens = 0;
    while (e < sc.n && sc.s[e] > ' ' && !strchr("\"<>`\\", sc.s[e])) {
        if (sc.s[e] == '(') parens++;
        if (sc.s[e] == ')') parens--;
        e++;
    }
    while (e > p && strchr(".,;:!?'\"]}", sc.s[e - 1])) e--;
    while (e > p && sc.s[e - 1] == ')' && parens < 0) e--, parens++;
    return e;
}

void scan_url(const scanner & sc) {
    host_run run;
    for (size_t i = 0; i < sc.n; i++) {
        if (!sc.alpha(i) || !sc.word_start(i) || (i > 0 && (sc.s[i - 1] == '@' || sc.s[i - 1] == '.'))) continue;
        size_t p = 0;
        float score = 0.95f;
        static const char * const schemes[] = {"https://", "http://", "ftp://", nullptr};
        for (const char * const * sch = schemes; *sch && !p; sch++) {
            if (sc.prefix_at(i, *sch)) p = i + strlen(*sch);
        }
        size_t e = 0;
        if (p) {
            e = url_path_end(sc, p);
            if (e <= p) continue;
        } else {
            size_t tld = 0;
            if (i >= run.raw_end) run = find_host_run(sc, i);
            const size_t h = host_end(run, i, &tld);
            const bool www = sc.prefix_at(i, "www.");
            if (!h || (h < sc.n && sc.s[h] == '@') || !(www || is_common_tld(sc, tld, h)) || sc.word(h)) continue;
            e = h < sc.n && sc.s[h] == '/' ? url_path_end(sc, h) : h;
            score = www ? 0.9f : 0.8f;
        }
        sc.add(i, e, "CONTACT", "URL", "url", score);
        i = e - 1;
    }
}

// A social media handle: "@paddyob on Instagram", "IG: @jess_t88". '@' at no word's end (an email's
// is), then 3 to 30 letters, digits, '_' or '.', a letter first; with a digit or '_' in it, or a
// platform or "handle" just before or after it and no common word or clinical term: "@home",
// "@bedtime" and "@MGH" are what notes write for "at". Not a number first ("@5pm", "@0800"). A
// username is an identifier the patient can be found by; the default model left it.
void scan_social_handle(const scanner & sc) {
    static const char * const platforms[] = {"instagram", "insta", "ig", "twitter", "tiktok", "facebook", "fb", "snapchat",
                                             "threads", "youtube", "reddit", "discord", "handle", "username", nullptr};
    for (size_t i = 0; i + 3 < sc.n; i++) {
        if (sc.s[i] != '@' || (i > 0 && (sc.word(i - 1) || sc.s[i - 1] == '.' || sc.s[i - 1] == '_'))) continue;
        const size_t b = i + 1;
        if (!sc.alpha(b)) continue;
        size_t e = b;
        bool digit_or_underscore = false;
        while (e < sc.n && e - b <= 30 && (sc.alpha(e) || sc.digit(e) || sc.s[e] == '_' || (sc.s[e] == '.' && sc.alpha(e + 1)))) {
            digit_or_underscore |= sc.digit(e) || sc.s[e] == '_';
            e++;
        }
        if (e - b < 3 || e - b > 30 || sc.word(e)) continue;
        const bool platform = sc.context(i, 20, platforms) || sc.context_after(e, 16, platforms);
        const char * handle = (const char *) sc.s + b;
        if (!digit_or_underscore && !(platform && !is_common_word(handle, e - b) && !is_clinical_term_word(handle, e - b))) continue;
        sc.add(b, e, "NAME", "USERNAME", "handle", 0.85f);
        i = e - 1;
    }
}

void scan_ip(const scanner & sc) {
    for (size_t i = 0; i < sc.n; i++) {
        if (!sc.xdigit(i) && sc.s[i] != ':') continue;
        if (i > 0 && (sc.word(i - 1) || sc.s[i - 1] == '.' || sc.s[i - 1] == ':')) continue;
        // IPv4
        size_t p = i;
        int parts = 0;
        while (parts < 4) {
            const size_t d = sc.digits(p, 4);
            if (d < 1 || d > 3) break;
            int v = 0;
            for (size_t k = 0; k < d; k++) v = v * 10 + (sc.s[p + k] - '0');
            if (v > 255) break;
            p += d;
            parts++;
            if (parts < 4) {
                if (p >= sc.n || sc.s[p] != '.') break;
                p++;
            }
        }
        if (parts == 4 && sc.number_end(p)) {
            sc.add(i, p, "CONTACT", "IPADDR", "ip", 0.9f);
            i = p - 1;
            continue;
        }
        // IPv6: hex groups of 1-4 digits separated by ':' with at most one "::".
        size_t e = i;
        while (e < sc.n && (sc.xdigit(e) || sc.s[e] == ':')) e++;
        if (!sc.word_end(e)) continue;
        int colons = 0, doubles = 0, group = 0;
        bool ok = true;
        for (size_t k = i; k < e; k++) {
            if (sc.s[k] == ':') {
                colons++;
                if (k + 1 < e && sc.s[k + 1] == ':') doubles++;
                group = 0;
            } else if (++group > 4) {
                ok = false;
            }
        }
        if (ok && doubles <= 1 && colons <= 7 && ((doubles == 1 && colons >= 2 && e - i >= 4) || colons >= 5)) {
            sc.add(i, e, "CONTACT", "IPADDR", "ip", 0.9f);
            i = e - 1;
        }
    }
}

const char * const k_ssn_context[] = {"ssn", "ss", "social security", "soc sec", "social", nullptr};

void scan_ssn(const scanner & sc) {
    for (size_t i = 0; i < sc.n; i++) {
        if (!sc.digit(i) || !sc.number_start(i)) continue;
        if (sc.digits(i, 4) == 3 && i + 3 < sc.n && (sc.s[i + 3] == '-' || sc.s[i + 3] == ' ')) {
            const uint8_t sep = sc.s[i + 3];
            if (sc.digits(i + 4, 3) == 2 && i + 6 < sc.n && sc.s[i + 6] == sep && sc.digits(i + 7, 5) == 4 && sc.number_end(i + 11)) {
                sc.add(i, i + 11, "ID", "SSN", "ssn", sep == '-' ? 0.95f : 0.8f);
                i += 10;
                continue;
            }
        }
        const size_t d = sc.digits(i, 10);
        if (d == 9 && sc.number_end(i + 9) && sc.context(i, 25, k_ssn_context)) {
            sc.add(i, i + 9, "ID", "SSN", "ssn", 0.9f);
            i += 8;
        }
    }
}

struct id_context {
    const char * word;
    const char * subtype;
};

const id_context k_id_context[] = {
    {"mrn", "MEDICALRECORD"},        {"mr", "MEDICALRECORD"},        {"medical record", "MEDICALRECORD"},
    {"med rec", "MEDICALRECORD"},    {"record", "MEDICALRECORD"},    {"chart", "MEDICALRECORD"},
    {"unit", "MEDICALRECORD"},       {"hospital number", "MEDICALRECORD"},
    {"account", "ACCOUNT"},          {"acct", "ACCOUNT"},            {"acc", "ACCOUNT"},
    {"billing", "ACCOUNT"},          {"member", "HEALTHPLAN"},       {"policy", "HEALTHPLAN"},
    {"insurance", "HEALTHPLAN"},     {"health plan", "HEALTHPLAN"},  {"subscriber", "HEALTHPLAN"},
    {"medicaid", "HEALTHPLAN"},      {"medicare", "HEALTHPLAN"},     {"beneficiary", "HEALTHPLAN"},
    {"group", "HEALTHPLAN"},         {"license", "LICENSE"},         {"licence", "LICENSE"},
    {"lic", "LICENSE"},              {"dea", "LICENSE"},             {"npi", "LICENSE"},
    {"certificate", "LICENSE"},      {"serial", "DEVICE"},           {"device", "DEVICE"},
    {"plate", "VEHICLE"},            {"vin", "VEHICLE"},             {"id", "IDNUM"},
    {"identifier", "IDNUM"},         {"accession", "IDNUM"},         {"specimen", "IDNUM"},
    {"case", "IDNUM"},               {"ref", "IDNUM"},               {"reference", "IDNUM"},
    {"requisition", "IDNUM"},        {"order", "IDNUM"},             {"hicn", "HEALTHPLAN"},
    {"mbi", "HEALTHPLAN"},           {"badge", "IDNUM"},             {"transmitter", "DEVICE"},
    {"s/n", "DEVICE"},               {"sn", "DEVICE"},               {"registration", "VEHICLE"},
    {"health card", "HEALTHPLAN"},   {"nhs", "HEALTHPLAN"},          {"ohip", "HEALTHPLAN"},
    {"passport", "IDNUM"},           {"pps", "IDNUM"},               {"national insurance", "IDNUM"},
    {"sin", "IDNUM"},                {"claim", "IDNUM"},             {"activation code", "IDNUM"},
    {"access code", "IDNUM"},        {"verification code", "IDNUM"}, {"confirmation", "IDNUM"},
};

// Words and punctuation allowed between a context word and its ID: "MRN: 123", "Acct # 123",
// "record number is 123", "ID no. 123".
size_t skip_id_filler(const scanner & sc, size_t p) {
    static const char * const fillers[] = {"number", "numbers", "num", "nbr", "no", "nr", "id", "is", "was", "of", "card", nullptr};
    for (int guard = 0; guard < 6; guard++) {
        while (p < sc.n && (sc.s[p] == ' ' || sc.s[p] == ':' || sc.s[p] == '#' || sc.s[p] == '.' || sc.s[p] == '=' || sc.s[p] == '-' ||
                            sc.s[p] == '('))
            p++;
        bool skipped = false;
        for (const char * const * f = fillers; *f && !skipped; f++) {
            if (sc.word_at(p, *f)) p += strlen(*f), skipped = true;
        }
        if (!skipped) break;
    }
    return p;
}

// An ID's first token at p: [A-Za-z0-9] then [A-Za-z0-9-/.] ending in a letter or digit, at most 30
// bytes; its end, or 0.
size_t id_token_end(const scanner & sc, size_t p) {
    if (!(sc.digit(p) || sc.alpha(p)) || !sc.word_start(p)) return 0;
    size_t e = p;
    while (e < sc.n && (sc.digit(e) || sc.alpha(e) || ((sc.s[e] == '-' || sc.s[e] == '/' || sc.s[e] == '.') && (sc.digit(e + 1) || sc.alpha(e + 1))))) {
        e++;
    }
    return sc.word_end(e) && e - p <= 30 ? e : 0;
}

// Defined below, beside the units it reads.
bool is_quantity_or_range(const scanner & sc, size_t p, size_t e);
// Defined below, beside the states.
size_t skip_state_code(const scanner & sc, size_t p);

// An ID written in groups that single spaces separate, from the end e of its first group: "4488 123
// 456 XK", "4KXP 227", "943 476 5919". A later group is up to 6 letters and digits with a digit and no
// lower-case letter, or, last and after such a group, 1 to 3 capitals before no number ("XK was
// verified"; not "Order no. T68-8303 SSN"); not a quantity ("MRN 4829173 3 days ago"). Returns the
// end of the last group, and the digits of the later groups in *digits.
size_t id_groups_end(const scanner & sc, size_t e, size_t * digits) {
    *digits = 0;
    for (int groups = 0; groups < 4 && e + 1 < sc.n && sc.s[e] == ' '; groups++) {
        size_t q = e + 1, d = 0, upper = 0;
        while (sc.digit(q) || sc.alpha(q)) d += sc.digit(q), upper += sc.upper(q), q++;
        const size_t len = q - (e + 1);
        if (len == 0 || len > 6 || d + upper != len || !sc.word_end(q) || !sc.number_end(q)) break;
        const bool letters = d == 0 && len <= 3 && groups > 0 && !(q + 1 < sc.n && sc.s[q] == ' ' && sc.digit(q + 1));
        if (!(d > 0 || letters) || is_quantity_or_range(sc, e + 1, q)) break;
        *digits += d;
        e = q;
        if (letters) break;
    }
    return e;
}

void scan_id(const scanner & sc) {
    for (size_t i = 0; i < sc.n; i++) {
        if (!sc.word_start(i) || !sc.word(i)) continue;
        bool found = false;
        if (sc.alpha(i)) {
            const uint8_t first = sc.lower(i);
            for (const id_context & c : k_id_context) {
                if ((uint8_t) c.word[0] != first || !sc.word_at(i, c.word)) continue;
                size_t p = skip_id_filler(sc, i + strlen(c.word));
                // A plate's state before it: "plate MA 7XK-229".
                if (!strcmp(c.subtype, "VEHICLE")) p = skip_state_code(sc, p);
                size_t e = id_token_end(sc, p), first_digits = 0, later_digits = 0;
                for (size_t k = p; k < e; k++) first_digits += sc.digit(k);
                // A plate may begin with letters alone: "ABC 1234".
                bool plate = !strcmp(c.subtype, "VEHICLE") && e && e - p <= 4 && first_digits == 0;
                for (size_t k = p; plate && k < e; k++) plate = sc.upper(k);
                if (e && (first_digits > 0 || plate)) e = id_groups_end(sc, e, &later_digits);
                if (plate && later_digits == 0) e = 0;
                if (e && e - p >= 4 && first_digits + later_digits >= 2 && !is_quantity_or_range(sc, p, e)) {
                    sc.add(p, e, "ID", c.subtype, "id", 0.85f);
                    i = e - 1;
                    found = true;
                }
                break;
            }
        }
        if (found) continue;
        // Context-free: a long digit run, or capital letters mixed with >= 5 digits (A1234567, XK-882736),
        // or after >= 7 digits when they come first (1234567TA).
        size_t e = i;
        size_t n_digits = 0, n_upper = 0;
        bool lower_case = false;
        while (e < sc.n && (sc.digit(e) || sc.alpha(e) || (sc.s[e] == '-' && (sc.digit(e + 1) || sc.upper(e + 1))))) {
            n_digits += sc.digit(e);
            n_upper += sc.upper(e);
            lower_case |= sc.alpha(e) && !sc.upper(e);
            e++;
        }
        const bool all_digits = n_digits == e - i;
        if (sc.word_end(e) && sc.number_end(e) && sc.number_start(i) &&
            ((all_digits && n_digits >= 7 && n_digits <= 20) ||
             (!lower_case && (sc.upper(i) || n_digits >= 7) && n_upper >= 1 && n_digits >= 5 && e - i <= 20)) &&
            !is_obstetric_history((const char *) sc.s, sc.n, i, e)) {
            sc.add(i, e, "ID", "IDNUM", "long_number", 0.6f);
        }
        i = e > i ? e - 1 : i;
    }
}

const char * const k_month_day_context[] = {"on", "since", "from", "until", "till", "through", "thru", "to", "by",
                                            "dated", "date", "dob", "admitted", "discharged", "seen", nullptr};

const char * const k_scale_before[] = {"pain", "rates", "rated", "rating", "scale", "score", "severity", "grade", "graded",
                                       "strength", "weakness", "motor", "power", "pulse", "pulses", "reflexes", "murmur", nullptr};
// Named scores, whose top can be any number ("MoCA 24/30", "Tinetti gait score of 6-8/12").
const char * const k_score_words[] = {"score", "scores", "scored", "scoring", "mmse", "moca", "slums", "tinetti", "berg",
                                      "apgar", "gcs", nullptr};
// Units after a number or range that make it a duration or an amount ("6-9 months", "2000 mg").
const char * const k_time_units[] = {
    "second", "seconds", "sec", "secs", "minute", "minutes", "min", "mins", "hour", "hours", "hr", "hrs", "day", "days",
    "week", "weeks", "wk", "wks", "month", "months", "mo", "mos", "year", "years", "yr", "yrs", nullptr};
const char * const k_amount_units[] = {
    "mg", "mcg", "kg", "lb", "lbs", "pounds", "ml", "cc", "units", "unit", "iu", "mmhg", "cm", "mm", "times", "puffs",
    "tablets", "pills", "packs", "beats", "bpm", "%", "milligrams", "milligram", "micrograms", "grams", "gram",
    "kilograms", "milliliters", "liters", "ounces", "oz", "calories", "steps", "miles", "feet", "inches", "cigarettes",
    "drinks", "cgy", "gy", nullptr};
const char * const k_scale_after[]  = {"murmur", "murmurs", "systolic", "diastolic", "holosystolic", "strength", "pain", "pulses",
                                      "scale", nullptr};

// Whether an ID's token after its context word is a quantity ("Record 1500 mL output": a unit
// follows) or a range ("Age group 65-74", "Policy 2019-2020 guidelines": two numbers of up to two
// digits, or two years a few apart, the second not smaller), which no identifier is; "MRN 1234-5678"
// stays one.
bool is_quantity_or_range(const scanner & sc, size_t p, size_t e) {
    size_t u = e;
    while (u < sc.n && sc.s[u] == ' ') u++;
    if (u > e && (in_list(sc, u, sc.alpha_end(u), k_amount_units) || in_list(sc, u, sc.alpha_end(u), k_time_units))) return true;
    const size_t a = sc.digits(p, 5);
    if (a == 0 || a > 4 || p + a >= e || sc.s[p + a] != '-') return false;
    const size_t b = sc.digits(p + a + 1, 5);
    if (b == 0 || b > 4 || p + a + 1 + b != e) return false;
    const long first = strtol((const char *) sc.s + p, nullptr, 10), second = strtol((const char *) sc.s + p + a + 1, nullptr, 10);
    const bool years = a == 4 && b == 4 && first >= 1900 && second <= 2100 && second - first <= 10;
    return second >= first && ((a <= 2 && b <= 2) || years);
}

// Whether text[b, e) joins two dates: " and ", " or ", " to ", " through ", " until ", " - ".
bool joins_dates(const scanner & sc, size_t b, size_t e) {
    static const char * const joiners[] = {"and", "or", "to", "through", "until", nullptr};
    while (b < e && sc.s[b] == ' ') b++;
    while (e > b && sc.s[e - 1] == ' ') e--;
    return (e == b + 1 && sc.s[b] == '-') || in_list(sc, b, e, joiners);
}

const char * const k_date_glued[] = {"on", "dob", "dated", "since", nullptr};

void scan_date(const scanner & sc) {
    size_t last_end = 0; // of the last date found, 0 for none
    for (size_t i = 0; i < sc.n; i++) {
        if (!sc.word(i) || !(sc.number_start(i) || sc.glued_to(i, k_date_glued))) continue;
        parsed_date d;
        // A date word before, or a date just before and a joiner: "on may 17th and march third".
        const bool after_date = last_end && i > last_end && i - last_end <= 9 && joins_dates(sc, last_end, i);
        const bool ctx = after_date || (sc.digit(i) && sc.context(i, 12, k_month_day_context));
        const size_t len = match_date((const char *) sc.s, sc.n, i, sc.day_first, ctx, &d);
        if (len) {
            sc.add(i, i + len, "DATE", "DATE", "date", d.year ? 0.9f : 0.75f);
            i += len - 1;
            last_end = i + 1;
            continue;
        }
        while (i + 1 < sc.n && sc.word(i + 1) && !sc.glued_to(i + 1, k_date_glued)) i++;
    }
}

// Holidays name a day of the year: "the week before Thanksgiving", "Easter Sunday 2022" date an event
// as "March 3" does (Safe Harbor keeps only the year). dates.h knows their names and days.
// Things named for a holiday, which date nothing: "works at a Christmas tree farm".
const char * const k_holiday_things[] = {"tree", "trees", "lights", "card", "cards", "carol", "carols", "decorations",
                                         "ornaments", "cactus", "music", "song", "songs", "sweater", "movie", "movies",
                                         "farm", nullptr};

// A holiday at i, with the year that may follow ("Thanksgiving Day 2023", "Christmas, 2020"): its end, or 0.
size_t holiday_at(const scanner & sc, size_t i) {
    const size_t len = match_holiday_name((const char *) sc.s, sc.n, i);
    if (!len || next_word_in(sc, i + len, k_holiday_things)) return 0;
    size_t e = i + len, p = e;
    if (p < sc.n && sc.s[p] == ',') p++;
    if (p < sc.n && sc.s[p] == ' ') p++;
    if (sc.digits(p, 5) == 4 && (sc.prefix_at(p, "19") || sc.prefix_at(p, "20")) && sc.number_end(p + 4)) e = p + 4;
    return e;
}

void scan_holiday(const scanner & sc) {
    for (size_t i = 0; i < sc.n; i++) {
        if (!sc.alpha(i) && !sc.digit(i)) continue;
        if (!sc.word_start(i)) continue;
        if (const size_t e = holiday_at(sc, i)) {
            sc.add(i, e, "DATE", "DATE", "holiday", 0.8f);
            i = e - 1;
        }
    }
}

// "the fourth", "the 3rd" at p: the end of the day of the month (1 to 31), or 0.
size_t the_day_at(const scanner & sc, size_t p) {
    if (!(p + 4 < sc.n && sc.word_at(p, "the") && sc.s[p + 3] == ' ')) return 0;
    const size_t q = p + 4;
    size_t end = 0;
    const int v = ordinal_words_at((const char *) sc.s, sc.n, q, &end);
    if (v >= 1 && v <= 31) return end;
    const size_t d = sc.digits(q, 3);
    int32_t day = 0;
    for (size_t k = 0; k < d; k++) day = day * 10 + (sc.s[q + k] - '0');
    return d >= 1 && d <= 2 && day >= 1 && day <= 31 && sc.ordinal_suffix(q + d) ? q + d + 2 : 0;
}

const char * const k_weekdays[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", nullptr};

// The day of the month without its month, as transcripts say it: after a weekday ("tuesday the
// fourth", "Monday, the 3rd"), or after "on" when a pause follows ("yes , on the twelfth ."; not "on
// the third day", "on the 2nd floor"). It dates a visit as "March 4" does. Without a month,
// dateshift cannot move it: deid tags it.
void scan_day_of_month(const scanner & sc) {
    for (size_t i = 0; i < sc.n; i++) {
        if (!sc.alpha(i) || !sc.word_start(i)) continue;
        size_t p = sc.alpha_end(i);
        const size_t word_end = p;
        size_t day_end = 0;
        float score = 0.75f;
        if (word_end - i >= 6 && word_end - i <= 9 && sc.word_at(word_end - 3, "day") && in_list(sc, i, word_end, k_weekdays)) {
            if (p < sc.n && sc.s[p] == ',') p++;
            if (p < sc.n && sc.s[p] == ' ') day_end = the_day_at(sc, p + 1);
        } else if (word_end - i == 2 && sc.word_at(i, "on") && p < sc.n && sc.s[p] == ' ') {
            day_end = the_day_at(sc, p + 1);
            size_t q = day_end;
            while (q < sc.n && sc.s[q] == ' ') q++;
            if (day_end && !(q >= sc.n || strchr(".,;?!\n", sc.s[q]))) day_end = 0;
            i = p + 1; // the day, not "on"
            score = 0.7f;
        }
        if (day_end) {
            sc.add(i, day_end, "DATE", "DATE", "date", score);
            i = day_end - 1;
            continue;
        }
        i = word_end - 1;
    }
}

const char * const k_states[] = {
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY",
    "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH",
    "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "PR", nullptr};
const char * const k_state_names[] = {
    "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut", "delaware", "florida",
    "georgia", "hawaii", "idaho", "illinois", "indiana", "iowa", "kansas", "kentucky", "louisiana", "maine",
    "maryland", "massachusetts", "michigan", "minnesota", "mississippi", "missouri", "montana", "nebraska",
    "nevada", "new hampshire", "new jersey", "new mexico", "new york", "north carolina", "north dakota", "ohio",
    "oklahoma", "oregon", "pennsylvania", "rhode island", "south carolina", "south dakota", "tennessee", "texas",
    "utah", "vermont", "virginia", "washington", "west virginia", "wisconsin", "wyoming", "puerto rico", nullptr};
const char * const k_zip_context[] = {"zip", "zipcode", "postal", "postcode", nullptr};

size_t skip_state_code(const scanner & sc, size_t p) {
    if (p + 3 >= sc.n || sc.s[p + 2] != ' ' || !sc.word_start(p) || !(sc.digit(p + 3) || sc.upper(p + 3))) return p;
    for (const char * const * st = k_states; *st; st++) {
        if (sc.s[p] == (*st)[0] && sc.s[p + 1] == (*st)[1]) return p + 3;
    }
    return p;
}

// Whether a state follows the name that ends at e, after a comma or spaces: its code, not joined to
// more letters or a hyphen ("Sturbridge, MA 01566", "Gloucester MA."; not "PA-C"), or its name
// capitalised ("Nashua, New Hampshire").
bool state_after(const scanner & sc, size_t e) {
    const bool comma = e < sc.n && sc.s[e] == ',';
    size_t p = e + comma;
    const size_t spaces = p;
    while (p < sc.n && sc.s[p] == ' ') p++;
    if (!comma && p == spaces) return false;
    for (const char * const * st = k_states; *st; st++) {
        if (p + 2 <= sc.n && sc.s[p] == (*st)[0] && sc.s[p + 1] == (*st)[1] && !sc.word(p + 2) &&
            !(p + 2 < sc.n && sc.s[p + 2] == '-')) {
            return true;
        }
    }
    for (const char * const * st = k_state_names; *st; st++) {
        if (sc.upper(p) && sc.word_at(p, *st)) return true;
    }
    return false;
}

// Whether the word before the space before byte b is a capitalised word, an initial or a title, as
// a person's given name is: "Mathias Adams MD", "C. Davis, MD", "Dr. Hudson" (towns too, as people's
// names are), where "in Adams" or "PO Box 12, Adams" names a town; or b is inside a joined name
// ("O'Connell MD").
bool after_a_name_word(const scanner & sc, size_t b) {
    static const char * const titles[] = {"dr", "mr", "mrs", "ms", "prof", nullptr};
    if (b > 0 && (sc.s[b - 1] == '\'' || sc.s[b - 1] == '-')) return true; // the rest of "O'Connell", "Smith-Adams"
    if (b < 3 || sc.s[b - 1] != ' ') return false;
    size_t w = b - 1;
    const bool period = sc.s[w - 1] == '.';
    w -= period;
    const size_t end = w;
    while (w > 0 && (sc.alpha(w - 1) || sc.s[w - 1] == '\'' || sc.s[w - 1] == '-')) w--;
    if (w == end || !sc.upper(w) || !sc.word_start(w)) return false;
    // After a period only an initial or a title: "MA. Washington" begins a sentence.
    return !period || end - w == 1 || in_list(sc, w, end, titles);
}

// Whether a Canadian province or territory code comes just before i ("Toronto, ON M5V3L9").
bool after_a_province(const scanner & sc, size_t i) {
    static const char * const provinces[] = {"AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT", nullptr};
    size_t p = i;
    while (p > 0 && (sc.s[p - 1] == ' ' || sc.s[p - 1] == ',')) p--;
    if (p < 2 || !sc.word_start(p - 2)) return false;
    for (const char * const * pr = provinces; *pr; pr++) {
        if (sc.s[p - 2] == (uint8_t) (*pr)[0] && sc.s[p - 1] == (uint8_t) (*pr)[1]) return true;
    }
    return false;
}

void scan_zip(const scanner & sc) {
    for (size_t i = 0; i < sc.n; i++) {
        if (!sc.digit(i) || !sc.number_start(i)) continue;
        const size_t d = sc.digits(i, 6);
        if (d != 5) {
            i += d - 1;
            continue;
        }
        size_t e = i + 5;
        if (e + 5 <= sc.n && sc.s[e] == '-' && sc.digits(e + 1, 5) == 4) e += 5;
        if (!sc.number_end(e)) continue;
        // Back over ", " to the word before.
        size_t p = i;
        while (p > 0 && (sc.s[p - 1] == ' ' || sc.s[p - 1] == ',')) p--;
        bool state = false;
        if (p >= 2 && sc.upper(p - 1) && sc.upper(p - 2) && sc.word_start(p - 2)) {
            for (const char * const * st = k_states; *st && !state; st++) state = sc.s[p - 2] == (uint8_t) (*st)[0] && sc.s[p - 1] == (uint8_t) (*st)[1];
        }
        for (const char * const * st = k_state_names; *st && !state; st++) {
            const size_t len = strlen(*st);
            state = p >= len && sc.word_start(p - len) && sc.word_at(p - len, *st);
        }
        if (state || sc.context(i, 15, k_zip_context)) sc.add(i, e, "LOCATION", "ZIP", "zip", 0.85f);
        i = e - 1;
    }
    // UK ("SW1A 1AA", "OX1 4AB") and Canadian ("K1A 0B1") postcodes, in capitals: their letter-digit
    // shapes say what they are without a context word.
    const auto letter = [&](size_t k) { return sc.upper(k); };
    const auto digit  = [&](size_t k) { return sc.digit(k); };
    for (size_t i = 0; i < sc.n; i++) {
        if (!sc.upper(i) || !sc.word_start(i)) continue;
        size_t e = 0;
        if (letter(i) && digit(i + 1) && letter(i + 2)) { // Canadian: A1A 1A1
            const bool spaced = i + 3 < sc.n && sc.s[i + 3] == ' ';
            const size_t j = i + 3 + (spaced ? 1 : 0);
            // Left out, the space leaves a shape that tumour stages (T2N1M0) and coma scores
            // (E4V5M6) have too: then a province code or a postal word must come before.
            if (digit(j) && letter(j + 1) && digit(j + 2) && (spaced || after_a_province(sc, i) || sc.context(i, 15, k_zip_context))) {
                e = j + 3;
            }
        }
        if (!e) { // UK: an outward code A9, A9A, A99, AA9, AA9A or AA99, a space, an inward code 9AA
            size_t j = i + 1 + (letter(i + 1) ? 1 : 0);
            if (digit(j)) {
                j++;
                if (letter(j) || digit(j)) j++;
                if (j < sc.n && sc.s[j] == ' ' && digit(j + 1) && letter(j + 2) && letter(j + 3)) e = j + 4;
            }
        }
        if (e && sc.word_end(e)) {
            sc.add(i, e, "LOCATION", "ZIP", "zip", 0.85f);
            i = e - 1;
        }
    }
}

// The age unit at p: "yo", "y/o", "y.o.", "yoa" and "<year|yr>[s][- ]old" name an age whatever the
// number; a bare "years" / "yr" is also a duration ("for 10 years"), so it counts only for ages over
// 89, where a duration is unlikely and Safe Harbor requires the age removed.
enum age_unit { AGE_UNIT_NONE, AGE_UNIT_DURATION, AGE_UNIT_AGE };

age_unit age_unit_at(const scanner & sc, size_t p) {
    if (sc.word_at(p, "yo") || sc.word_at(p, "yoa")) return AGE_UNIT_AGE;
    if (p + 2 < sc.n && (sc.s[p] | 32) == 'y' && (sc.s[p + 1] == '/' || sc.s[p + 1] == '.') && (sc.s[p + 2] | 32) == 'o') {
        return AGE_UNIT_AGE;
    }
    static const char * const units[] = {"years", "year", "yrs", "yr"};
    for (const char * u : units) {
        if (!sc.word_at(p, u)) continue;
        size_t q = p + strlen(u);
        if (q < sc.n && (sc.s[q] == ' ' || sc.s[q] == '-')) q++;
        if (sc.word_at(q, "old") || sc.word_at(q, "of age")) return AGE_UNIT_AGE;
        return AGE_UNIT_DURATION;
    }
    return AGE_UNIT_NONE;
}

// "age 92", "aged 92", "age: 92", "Age of 92": an age word just before the number at i.
bool age_word_before(const scanner & sc, size_t i) {
    size_t b = i;
    while (b > 0 && i - b < 3 && (sc.s[b - 1] == ' ' || sc.s[b - 1] == ':')) b--;
    if (b < 3) return false;
    return (b >= 4 && sc.word_start(b - 4) && sc.word_at(b - 4, "aged")) || (sc.word_start(b - 3) && sc.word_at(b - 3, "age")) ||
           (b >= 6 && sc.word_start(b - 6) && sc.word_at(b - 6, "age of"));
}

// "She is 95.", "he was ninety one.", "I'm ninety three", "just turned 92", "I'll be ninety later
// this month": an age over 89 said with no unit, which Safe Harbor requires removed as much as "95
// years old". Only after a person and a form of "be" (or "turn", whose subject may be left out),
// and only where the number ends a phrase: "she was 92 on room air", "you're ninety seven . eight", "is 100%" and "she is 95, 96" are
// readings, not ages.
const char * const k_bare_age_subjects[] = {"he", "she", "i", "you", "patient", "pt", "who", "mother", "father", "mom",
    "dad", "grandmother", "grandfather", "grandma", "grandpa", "husband", "wife", "son", "daughter", "sister",
    "brother", "aunt", "uncle", nullptr};
const char * const k_bare_age_be[] = {"is", "was", "am", "are", nullptr};
const char * const k_bare_age_turn[] = {"turned", "turns", "turning", "turn", nullptr};
const char * const k_bare_age_adverbs[] = {"now", "about", "almost", "nearly", "already", "just", nullptr};
const char * const k_bare_age_followers[] = {"now", "and", "but", "this", "last", "next", "today", "yesterday", "soon",
    "later", "when", nullptr};

// The word (letters and apostrophes, ASCII or U+2019) that ends at the last non-space byte before i.
void token_before(const scanner & sc, size_t i, size_t * b, size_t * e) {
    while (i > 0 && sc.s[i - 1] == ' ') i--;
    *e = i;
    while (i > 0 && (sc.alpha(i - 1) || sc.s[i - 1] == '\'' ||
                     (i >= 3 && sc.s[i - 3] == 0xE2 && sc.s[i - 2] == 0x80 && sc.s[i - 1] == 0x99))) {
        i -= sc.s[i - 1] == 0x99 ? 3 : 1;
    }
    // A token glued to a digit or a non-ASCII letter ("3he", "éshe") is no word of the lists.
    *b = sc.word_start(i) ? i : *e;
}

// Whether the word [b, e) is a person of k_bare_age_subjects with one of the contractions `rests`
// ("he's", "I'm", "you're", "she'll"), after an ASCII or a U+2019 apostrophe.
bool contracted_subject(const scanner & sc, size_t b, size_t e, std::initializer_list<const char *> rests) {
    for (const char * rest : rests) {
        const size_t r = strlen(rest);
        if (e - b < r + 2 || !sc.word_at(e - r, rest)) continue;
        size_t a = e - r;
        if (sc.s[a - 1] == '\'') a -= 1;
        else if (a - b >= 4 && sc.s[a - 3] == 0xE2 && sc.s[a - 2] == 0x80 && sc.s[a - 1] == 0x99) a -= 3;
        else continue;
        return in_list(sc, b, a, k_bare_age_subjects);
    }
    return false;
}

// The word [b, e) before the number at i, past an adverb ("just turned 92"); false when none.
bool word_before_age(const scanner & sc, size_t i, size_t * b, size_t * e) {
    token_before(sc, i, b, e);
    if (*b < *e && in_list(sc, *b, *e, k_bare_age_adverbs)) token_before(sc, *b, b, e);
    return *b < *e;
}

bool bare_age_before(const scanner & sc, size_t i) {
    size_t b, e;
    if (!word_before_age(sc, i, &b, &e)) return false;
    if (in_list(sc, b, e, k_bare_age_turn)) return true;
    if (contracted_subject(sc, b, e, {"s", "m", "re"})) return true;
    // "I'll be ninety", "she will be 91".
    if (e - b == 2 && sc.word_at(b, "be")) {
        token_before(sc, b, &b, &e);
        if (contracted_subject(sc, b, e, {"ll"})) return true;
        if (e - b != 4 || !sc.word_at(b, "will")) return false;
        token_before(sc, b, &b, &e);
        return b < e && in_list(sc, b, e, k_bare_age_subjects);
    }
    if (!in_list(sc, b, e, k_bare_age_be)) return false;
    token_before(sc, b, &b, &e);
    return b < e && in_list(sc, b, e, k_bare_age_subjects);
}

// A digit or a number word at the first non-space byte from p.
bool number_follows(const scanner & sc, size_t p, bool lower_case_only) {
    while (p < sc.n && sc.s[p] == ' ') p++;
    size_t end;
    if (sc.digit(p)) return true;
    if (lower_case_only && sc.upper(p)) return false;
    return cardinal_words_at((const char *) sc.s, sc.n, p, &end) > 0 || sc.word_at(p, "point");
}

bool bare_age_after(const scanner & sc, size_t e) {
    size_t p = e;
    while (p < sc.n && sc.s[p] == ' ') p++;
    if (p >= sc.n || sc.s[p] == '\n' || sc.s[p] == '\r') return true;
    const uint8_t c = sc.s[p];
    if (c == '.' || c == '!' || c == '?') return !number_follows(sc, p + 1, true);
    if (c == ',' || c == ';' || c == ')') return !number_follows(sc, p + 1, false);
    for (const char * const * w = k_bare_age_followers; *w; w++) {
        if (sc.word_at(p, *w)) return !number_follows(sc, p + strlen(*w), false);
    }
    return false;
}

// After "turned", "turns", "lived to (be)" a number over 89 can only be an age, whatever follows
// ("he turned ninety-six on his last birthday", "lived to be 98", "lived to ninety six"), unless a unit does ("turned 90
// degrees") or another number. And "at 94 she still drives": "at" and a person after, with no
// reading named just before.
const char * const k_lived[] = {"lived", "live", "lives", "living", nullptr};
const char * const k_turn_units[] = {"degrees", "degree", "deg", "percent", nullptr};

bool age_verb_before(const scanner & sc, size_t i) {
    size_t b, e;
    if (!word_before_age(sc, i, &b, &e)) return false;
    if (in_list(sc, b, e, k_bare_age_turn)) return true;
    if (e - b == 2 && sc.word_at(b, "be")) token_before(sc, b, &b, &e); // "lived to be 98", "lived to 98"
    if (e - b != 2 || !sc.word_at(b, "to")) return false;
    token_before(sc, b, &b, &e);
    return b < e && in_list(sc, b, e, k_lived);
}

bool no_unit_after(const scanner & sc, size_t e) {
    size_t p = e;
    while (p < sc.n && sc.s[p] == ' ') p++;
    if (p < sc.n && (sc.s[p] == '%' || sc.s[p] == '/' || sc.s[p] == '-' || (sc.s[p] == '.' && sc.digit(p + 1)))) return false;
    for (const char * const * w = k_turn_units; *w; w++) {
        if (sc.word_at(p, *w)) return false;
    }
    for (const char * const * units : {k_time_units, k_amount_units}) {
        for (const char * const * w = units; *w; w++) {
            if (sc.word_at(p, *w)) return false;
        }
    }
    return !number_follows(sc, p, false);
}

// Readings that "at 92 she ..." may be: "sats at 92 she was put on oxygen".
const char * const k_reading_words[] = {"sat", "sats", "saturation", "saturating", "spo2", "o2", "oxygen", "pulse", "hr",
                                        "rate", "heart", "bp", "pressure", "weight", "weighs", "glucose", "sugar",
                                        "temp", "temperature", "rr", "fio2", "level", "levels", nullptr};

bool at_age_of_a_person(const scanner & sc, size_t i, size_t e) {
    size_t b, be;
    token_before(sc, i, &b, &be);
    if (be - b != 2 || !sc.word_at(b, "at") || sc.context(b, 40, k_reading_words)) return false;
    size_t p = e;
    if (p < sc.n && sc.s[p] == ',') p++;
    while (p < sc.n && sc.s[p] == ' ') p++;
    for (const char * const * w = k_bare_age_subjects; *w; w++) {
        if (sc.word_at(p, *w) && sc.word_end(p + strlen(*w))) return true;
    }
    return false;
}

// "Mother died at ninety-four", "passed away at 96": the age at a death.
bool at_age_of_death(const scanner & sc, size_t i) {
    static const char * const deaths[] = {"died", "death", "deceased", "expired", "away", nullptr};
    size_t b, e;
    token_before(sc, i, &b, &e);
    if (e - b != 2 || !sc.word_at(b, "at")) return false;
    token_before(sc, b, &b, &e);
    return b < e && in_list(sc, b, e, deaths);
}

void scan_age(const scanner & sc) {
    for (size_t i = 0; i < sc.n; i++) {
        int v = 0;
        size_t e = i;
        if (sc.digit(i) && sc.number_start(i)) {
            const size_t d = sc.digits(i, 4);
            for (size_t k = 0; k < d; k++) v = v * 10 + (sc.s[i + k] - '0');
            e = i + d;
            // "his 95th birthday": an age over 89 as the birthday it is.
            if (d <= 3 && v >= 90 && v <= 130 && sc.ordinal_suffix(e) && e + 2 < sc.n && sc.s[e + 2] == ' ' &&
                sc.word_at(e + 3, "birthday")) {
                sc.add(i, e, "AGE", "AGE", "age", 0.9f);
                i = e - 1;
                continue;
            }
            // A letter may follow the digits only as the unit itself ("56YO", "40yo").
            if (d > 3 || v > 130 || (sc.word(e) && age_unit_at(sc, e) != AGE_UNIT_AGE)) {
                i = e - 1;
                continue;
            }
        } else if (sc.alpha(i) && sc.word_start(i)) {
            v = cardinal_words_at((const char *) sc.s, sc.n, i, &e);
            if (!v || v > 130) continue;
        } else {
            continue;
        }
        size_t p = e;
        if (p < sc.n && (sc.s[p] == ' ' || sc.s[p] == '-')) p++;
        const age_unit unit = age_unit_at(sc, p);
        const bool age = unit == AGE_UNIT_AGE || (unit == AGE_UNIT_DURATION && v >= 90) || age_word_before(sc, i);
        // "40-yr-old" is as sure as an e-mail address; it outranks a model reading of the number as a date.
        if (age) sc.add(i, e, "AGE", "AGE", "age", unit == AGE_UNIT_AGE ? 0.99f : 0.9f);
        else if (unit == AGE_UNIT_NONE && v >= 90 &&
                 ((bare_age_before(sc, i) && bare_age_after(sc, e)) ||
                  ((age_verb_before(sc, i) || at_age_of_death(sc, i)) && no_unit_after(sc, e)) || at_age_of_a_person(sc, i, e))) {
            sc.add(i, e, "AGE", "AGE", "age", 0.85f);
        }
        i = e - 1;
    }
}

// Words before a street word that make it no street's name ("on the Way", "on their Way").
const char * const k_street_not_names[] = {"the", "a", "an", "this", "that", "our", "my", "your", "his", "her", "their",
                                           "its", "every", "each", "no", "any", "some", nullptr};

// From the space at p: one to three capitalised words ("Oak", "W", "McKinley") or ordinals ("21st"),
// none of them k_street_not_names, then a capitalised street word. Returns the street word's end or 0.
size_t capitalised_street_at(const scanner & sc, size_t p) {
    for (int words = 0; words < 4 && p + 1 < sc.n && sc.s[p] == ' '; words++) {
        const size_t w = p + 1;
        size_t q = w;
        if (sc.upper(w)) {
            q = w + 1;
            while (sc.alpha(q)) q++;
        } else if (sc.digit(w)) {
            q = w + sc.digits(w, 3);
            if (q == w || !sc.ordinal_suffix(q)) return 0;
            q += 2;
        }
        if (q == w || !sc.word_end(q) || in_list(sc, w, q, k_street_not_names)) return 0;
        if (words > 0 && in_list(sc, w, q, STREET_WORDS)) return q;
        p = q;
    }
    return 0;
}

// The words that can stand right before a street's name when it has no house number ("lives on
// Maple Street", "at the corner of Elm St and Main"): where people are, go or come from.
const char * const k_street_cues[] = {"on", "off", "onto", "along", "near", "at", "to", "from", "down", "up", "across",
                                      "past", nullptr};
const char * const k_lower_street_words[] = {"street", "avenue", "road", "lane", "boulevard", "drive", "court", "terrace",
                                             "parkway", "highway", nullptr};

// "on maple street", "live on maple street": a word of place (the word [i, p)), one or two lower-case
// words that are no function word, and a street word in full. Returns the start of the name and its
// end in *e, or 0.
size_t lower_street_after(const scanner & sc, size_t i, size_t p, size_t * e) {
    static const char * const preps[] = {"on", "off", "onto", "along", "at", "to", "near", nullptr};
    if (p >= sc.n || sc.s[p] != ' ' || !in_list(sc, i, p, preps)) return 0;
    const size_t name = p + 1;
    for (int words = 0; words < 3 && p + 1 < sc.n && sc.s[p] == ' '; words++) {
        const size_t w = p + 1;
        size_t q = w;
        while (q < sc.n && sc.s[q] >= 'a' && sc.s[q] <= 'z') q++;
        if (q == w || !sc.word_end(q) || in_list(sc, w, q, k_street_not_names)) return 0;
        if (words > 0 && in_list(sc, w, q, k_lower_street_words)) {
            *e = q;
            return name;
        }
        p = q;
    }
    return 0;
}

// "forty two pine ridge road", "Twelve Oak Street": a house number said in words (2 or more), one to
// three words that are no function word, and a street word, in full in lower case. Returns the end
// of the street word, or 0.
size_t street_after_number_words(const scanner & sc, size_t i) {
    size_t p = 0;
    if (cardinal_words_at((const char *) sc.s, sc.n, i, &p) < 2) return 0;
    for (int words = 0; words < 4 && p + 1 < sc.n && sc.s[p] == ' ' && sc.alpha(p + 1); words++) {
        const size_t w = p + 1;
        size_t q = sc.alpha_end(w);
        if (!sc.word_end(q) || in_list(sc, w, q, k_street_not_names)) return 0;
        if (words == 0 && (in_list(sc, w, q, k_time_units) || in_list(sc, w, q, k_amount_units) || sc.word_at(w, "old"))) return 0; // "seventy two years"
        const bool street_word = sc.upper(w) ? in_list(sc, w, q, STREET_WORDS) : in_list(sc, w, q, k_lower_street_words);
        if (words > 0 && street_word) return q;
        p = q;
    }
    return 0;
}

// The end of the unit after a street that ends at e ("1600 Pennsylvania Avenue NW, Apt. 5B", "77 Elm
// St, Unit #3", "Suite 310"): an optional direction, a comma, a unit word with its period or '#', and
// up to 6 letters and digits with a digit, or one capital ("Apt B"); e when none follows.
size_t unit_after_street_end(const scanner & sc, size_t e) {
    static const char * const directions[] = {"nw", "ne", "sw", "se", "n", "s", "e", "w", nullptr};
    static const char * const units[] = {"apt", "apartment", "unit", "suite", "ste", "fl", "floor", "bldg", "building",
                                         "lot", "trlr", nullptr};
    size_t p = e;
    if (p + 1 < sc.n && sc.s[p] == ' ' && sc.upper(p + 1) && in_list(sc, p + 1, sc.alpha_end(p + 1), directions)) {
        p = sc.alpha_end(p + 1);
    }
    const size_t street_end = p;
    if (p < sc.n && sc.s[p] == ',') p++;
    if (p >= sc.n || sc.s[p] != ' ') return e;
    p++;
    if (sc.alpha(p) && in_list(sc, p, sc.alpha_end(p), units)) {
        p = sc.alpha_end(p);
        if (p < sc.n && sc.s[p] == '.') p++;
        while (p < sc.n && (sc.s[p] == ' ' || sc.s[p] == '#')) p++;
    } else if (p < sc.n && sc.s[p] == '#') {
        p++;
    } else {
        return street_end > e && sc.word_end(street_end) ? street_end : e;
    }
    size_t q = p, digits = 0;
    while (q < sc.n && (sc.digit(q) || sc.alpha(q) || (sc.s[q] == '-' && q > p && (sc.digit(q + 1) || sc.alpha(q + 1))))) {
        digits += sc.digit(q), q++;
    }
    const bool letter = q == p + 1 && sc.upper(p);
    return q > p && q - p <= 6 && (digits > 0 || letter) && sc.word_end(q) ? q : e;
}

// "PO Box 1184", "P.O. Box 47", "RR 2 Box 47", "Rural Route 3": a box or route, which is an address.
size_t box_or_route_end(const scanner & sc, size_t i) {
    static const char * const starts[] = {"po box", "p.o. box", "p. o. box", "post office box", "pob", "rr", "rural route",
                                          "hc", nullptr};
    const uint8_t first = sc.lower(i);
    for (const char * const * st = starts; *st; st++) {
        if ((uint8_t) (*st)[0] != first) continue;
        const size_t n = strlen(*st);
        if (i + n + 2 > sc.n || !sc.word_at(i, *st)) continue;
        size_t p = i + n;
        if (p >= sc.n || sc.s[p] != ' ' || !sc.digit(p + 1)) continue;
        const bool route = !strstr(*st, "box"), spelled = !strcmp(*st, "rural route");
        p += 1 + sc.digits(p + 1, 6);
        if (!sc.word_end(p)) continue;
        // A route's box, which "RR" and "HC" need to be no respiratory rate or head circumference:
        // "RR 2 Box 47", not "RR 18".
        if (route && p + 5 < sc.n && sc.s[p] == ' ' && sc.word_at(p + 1, "box") && sc.s[p + 4] == ' ' && sc.digit(p + 5)) {
            p += 5 + sc.digits(p + 5, 6);
        } else if (route && !spelled) {
            continue;
        }
        return sc.word_end(p) ? p : 0;
    }
    return 0;
}

// A street address: a house number, one to three capitalised words and a street word ("12 Oak
// Street", "401 W 21st Ave", "7 Birch Hollow Lane"), with its unit ("Apt. 5B"). The default model
// read "seen at 12 Oak Street, Boston" as a name. Without a number, a street's name after a word of
// place ("lives on Maple Street", "on maple street"), which the default model, trained on numbered
// streets, missed, and the other street of a corner ("at the corner of Mass Ave and Columbus Ave").
// A post office box or a rural route ("PO Box 1184", "RR 2 Box 47").
void scan_street(const scanner & sc) {
    for (size_t i = 0; i < sc.n; i++) {
        size_t e = 0;
        if (sc.word_start(i) && (e = box_or_route_end(sc, i))) {
            sc.add(i, e, "LOCATION", "STREET", "street", 0.85f);
            i = e - 1;
            continue;
        }
        if (sc.word_start(i) && sc.alpha(i)) {
            size_t p = sc.alpha_end(i);
            const size_t word_end = p;
            if (const size_t b = lower_street_after(sc, i, word_end, &e)) {
                sc.add(b, e, "LOCATION", "STREET", "street", 0.8f);
                i = e - 1;
                continue;
            }
            if ((e = street_after_number_words(sc, i))) {
                sc.add(i, e, "LOCATION", "STREET", "street", 0.85f);
                i = e - 1;
                continue;
            }
            if (sc.word_at(i, "corner") && p < sc.n && sc.s[p] == ' ' && sc.word_at(p + 1, "of")) p += 3;
            const bool capital_next = p + 1 < sc.n && sc.s[p] == ' ' && (sc.upper(p + 1) || sc.digit(p + 1));
            if (capital_next && (p > word_end || in_list(sc, i, word_end, k_street_cues)) && (e = capitalised_street_at(sc, p))) {
                sc.add(p + 1, e, "LOCATION", "STREET", "street", 0.8f);
                i = e - 1;
                // The corner's other street: "Mass Ave and Columbus Ave", "5th Ave & 23rd St".
                size_t q = e + 1;
                if (sc.word_at(q, "and")) q += 3;
                else if (q < sc.n && sc.s[q] == '&') q += 1;
                else continue;
                if (e < sc.n && sc.s[e] == ' ') {
                    if (const size_t e2 = capitalised_street_at(sc, q)) {
                        sc.add(q + 1, e2, "LOCATION", "STREET", "street", 0.8f);
                        i = e2 - 1;
                    }
                }
            } else {
                i = word_end - 1;
            }
            continue;
        }
        if (!sc.digit(i) || !sc.number_start(i)) continue;
        const size_t d = sc.digits(i, 6);
        const size_t p = i + d;
        if (d > 5 || p >= sc.n || sc.s[p] != ' ') {
            i = p;
            continue;
        }
        if ((e = capitalised_street_at(sc, p))) {
            e = unit_after_street_end(sc, e);
            sc.add(i, e, "LOCATION", "STREET", "street", 0.9f);
            i = e - 1;
        } else {
            i = i + d - 1;
        }
    }
}

// The endings of words for a person by what they do: teacher, counselor, pharmacist, analyst,
// technician, accountant, agent, salesman, chairwoman, salesperson, employee, auctioneer, waitress,
// mechanic, executive, paralegal, chauffeur, masseuse, blacksmith, shipwright, deckhand, guard, and
// the fields people work in (nursing, banking).
const char * const k_job_endings[] = {"er",  "or",   "ist",  "yst",  "ian",    "ant", "ent",    "man",   "men",
                                      "ee",  "ess",  "ic",   "ive",  "al",     "eur", "euse",   "smith", "wright",
                                      "hand", "ard", "person", "people", "ing", nullptr};
// Occupations, and fields people work in, without such an ending (written from general knowledge).
const char * const k_job_words[] = {
    "nurse", "nurses", "chef", "chefs", "cook", "cooks", "clerk", "clerks", "aide", "aides", "aid", "student",
    "students", "pilot", "pilots", "priest", "attorney", "attorneys", "secretary", "judge", "nun", "monk", "maid",
    "nanny", "model", "coach", "cadet", "marine", "marines", "captain", "chief", "intern", "surgeon", "surgeons",
    "architect", "tech", "techs", "mason", "dean", "doula", "midwife", "housewife", "clergy", "rabbi", "imam",
    "deacon", "bishop", "pope", "sheriff", "deputy", "cop", "cops", "actuary", "apprentice", "athlete", "barista",
    "ceo", "cfo", "cto", "coo", "president", "vp", "staff", "rep", "jockey", "landlord", "lumberjack",
    "missionary", "notary", "poet", "diplomat", "warden", "veteran", "concierge", "temp", "faculty", "vet",
    "physio", "cowboy", "cowgirl", "butler", "guide", "scout", "clown", "spy", "diver", "ump", "referee", "usher",
    "valet", "courier", "crew", "infantry", "army", "navy", "military", "police", "security", "sales", "retail",
    "construction", "maintenance", "finance", "it", "hr", "ministry", "law", "education", "insurance",
    "hospitality", "logistics", "transportation", "management", "administration", "estate", "childcare",
    "daycare", "admin", "mba", "phd", "hand", "hands", "person", nullptr};

// Employment cues: a verb or noun, then the word that leads to the employer ("works for", "employed
// by", "retired from"), past up to two words of `between` ("works nights at", "works part-time for").
struct employment_cue {
    const char * const * words;
    const char * const * leads;
    const char * const * between;
};
const char * const k_work_verbs[]   = {"work", "works", "worked", "working", nullptr};
const char * const k_work_leads[]   = {"at", "for", nullptr};
const char * const k_work_between[] = {"nights", "days", "weekends", "evenings", "mornings", "overnight", "overnights",
                                       "shifts", "part-time", "full-time", "now", "currently", "still", "also",
                                       "mostly", "mainly", "remotely", nullptr};
const char * const k_employed[]     = {"employed", nullptr};
const char * const k_employed_leads[] = {"at", "by", "with", nullptr};
const char * const k_job_nouns[]    = {"job", "jobs", "position", "employment", nullptr};
const char * const k_job_leads[]    = {"at", "with", nullptr};
const char * const k_employee[]     = {"employee", "employees", nullptr};
const char * const k_employee_leads[] = {"of", "at", nullptr};
const char * const k_retired[]      = {"retired", nullptr};
const char * const k_retired_leads[] = {"from", nullptr};
const char * const k_gig_verbs[]    = {"drives", "drove", "driving", "delivers", "delivered", "delivering", nullptr};
const char * const k_gig_leads[]    = {"for", nullptr};
const char * const k_volunteer[]    = {"volunteers", "volunteered", "volunteering", "interns", "interned", "interning", nullptr};
const char * const k_volunteer_leads[] = {"at", "for", "with", nullptr};
const employment_cue k_employment_cues[] = {
    {k_work_verbs, k_work_leads, k_work_between}, {k_employed, k_employed_leads, nullptr},
    {k_job_nouns, k_job_leads, nullptr},          {k_employee, k_employee_leads, nullptr},
    {k_retired, k_retired_leads, nullptr},        {k_gig_verbs, k_gig_leads, k_work_between},
    {k_volunteer, k_volunteer_leads, nullptr}};
const char * const k_articles[]     = {"a", "an", nullptr};
const char * const k_job_leads_after_a[] = {"at", "for", "with", nullptr};
// Words with the ending of an occupation that name things a note has "for" or "at" someone: "a
// letter for Medicare", "a monitor for Holter".
const char * const k_things_not_occupations[] = {
    "number", "letter", "order", "filter", "monitor", "inhaler", "spacer", "meter", "paper", "center", "disorder",
    "transfer", "fever", "cancer", "ulcer", "tumor", "tumour", "marker", "reminder", "voucher", "container",
    "counter", "folder", "binder", "calendar", "sticker", "cover", "booster", "other", "another", "neighbor", "member",
    "partner", "roller", "walker", "charger", "shower", "dinner", "answer", "power", "laser", nullptr};

// Whether the word wb..we (ASCII letters) can name what a person does (has_a_job_head).
bool is_job_word(const scanner & sc, size_t wb, size_t we) {
    for (size_t i = wb; i < we; i++) {
        if (!sc.alpha(i)) return true; // a digit or a non-ASCII letter: no English word to judge
    }
    // An abbreviation in capitals (RN, CNA, EMT) or a letter said alone ("C N A").
    if (we - wb <= 5 && sc.upper(wb) && sc.upper(we - 1)) return true;
    if (in_list(sc, wb, we, k_job_words)) return true;
    // A compound ends in one ("stonemason", "schoolnurse"); not the short ones ("visit", "said").
    for (const char * const * w = k_job_words; *w; w++) {
        const size_t n = strlen(*w);
        if (n >= 4 && we - wb > n && sc.prefix_at(we - n, *w)) return true;
    }
    // The singular's ending counts for a plural ("teachers", "waitresses").
    const size_t singular = we - wb > 3 && (sc.s[we - 1] | 32) == 's' ? we - 1 : we;
    const bool   es       = singular < we && singular > wb + 2 && (sc.s[singular - 1] | 32) == 'e';
    const size_t ends[]   = {we, singular, es ? singular - 1 : singular};
    for (const size_t x : ends) {
        if (x - wb > 4 && sc.prefix_at(x - 4, "ness")) continue; // "tenderness", no waitress
        for (const char * const * end = k_job_endings; *end; end++) {
            const size_t n = strlen(*end);
            if (x - wb > n && sc.prefix_at(x - n, *end)) return true;
        }
    }
    return false;
}

// An occupation that "a" or "an" goes before ahead of its employer ("a pilot for Delta", "an
// engineer at Boeing"): one of the occupation list or a word with a person's ending of -er, -or,
// -ist, -ian, -man, -ess or -ant (not -ent, -al, -ing: "a treatment for", "a referral for").
bool is_occupation_before_employer(const scanner & sc, size_t wb, size_t we) {
    static const char * const endings[] = {"er", "or", "ist", "ian", "man", "ess", "ant", nullptr};
    if (in_list(sc, wb, we, k_things_not_occupations) || !is_job_word(sc, wb, we)) return false;
    if (in_list(sc, wb, we, k_job_words)) return true;
    for (const char * const * end = endings; *end; end++) {
        if (we - wb > strlen(*end) + 1 && sc.prefix_at(we - strlen(*end), *end)) return true;
    }
    return false;
}

// The end of the word that leads to an employer after the cue word [cue, cue_end) ("works for",
// "works nights at", "drives for", "a pilot for"), or 0. *after_occupation tells the last kind, after
// which more than employers follow ("a urologist for Further evaluation", "A TRIGGER FOR SMOKING").
size_t employment_lead_end(const scanner & sc, size_t cue, size_t cue_end, bool * after_occupation) {
    *after_occupation = false;
    const auto next_word_end = [&](size_t p) -> size_t {
        if (p + 1 >= sc.n || sc.s[p] != ' ' || !sc.alpha(p + 1)) return 0;
        size_t q = p + 1;
        while (sc.alpha(q) || (q + 1 < sc.n && sc.s[q] == '-' && sc.alpha(q + 1))) q++;
        return q;
    };
    if (in_list(sc, cue, cue_end, k_articles)) {
        const size_t job = next_word_end(cue_end);
        if (!job || !is_occupation_before_employer(sc, cue_end + 1, job)) return 0;
        const size_t lead = next_word_end(job);
        *after_occupation = true;
        return lead && in_list(sc, job + 1, lead, k_job_leads_after_a) ? lead : 0;
    }
    for (const employment_cue & c : k_employment_cues) {
        if (!in_list(sc, cue, cue_end, c.words)) continue;
        size_t p = cue_end;
        for (int skipped = 0; skipped <= 2; skipped++) {
            const size_t w = next_word_end(p);
            if (!w) return 0;
            if (in_list(sc, p + 1, w, c.leads)) return w;
            if (!c.between || !in_list(sc, p + 1, w, c.between)) return 0;
            p = w;
        }
        return 0;
    }
    return 0;
}

// Capitalised words after an employment cue that are no employer: titles (a person follows),
// pronouns and words of time ("works at Night", "worked for Christmas").
const char * const k_not_employers[] = {
    "dr", "mr", "mrs", "ms", "miss", "doctor", "professor", "i", "me", "you", "him", "her", "us", "them", "it",
    "this", "that", "home", "night", "nights", "least", "all", "times", "present", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "christmas", "thanksgiving", "easter", nullptr};

// Kinds of employer, which name none alone ("a professor at College", "a student at the University";
// "University of Michigan" is one).
const char * const k_kinds_of_employer[] = {"college", "university", "school", "hospital", "clinic", "company", "church",
                                            "office", "store", "factory", "restaurant", "bank", "army", "navy",
                                            "military", "government", "state", "city", "county", nullptr};

// A capitalised word at w: a capital then letters, hyphen-joined parts ("Rent-A-Car") and a possessive
// ("Women's"), or capitals alone ("IBM"). Returns its end, or w.
size_t capitalised_word_end(const scanner & sc, size_t w) {
    // Letters beyond ASCII count as the names write them: "Łuczak Architects", "Hrůzová Solutions".
    const auto letter = [&](size_t q, bool capital) -> size_t {
        if (capital ? sc.upper(q) : sc.alpha(q)) return 1;
        uint32_t cp = 0;
        if (q >= sc.n || sc.s[q] < 0xC0) return 0;
        const size_t n = (size_t) utf8_next(sc.s, sc.n, q, &cp);
        return (capital ? unicode::is_upper(cp) : unicode::is_lower(cp) || unicode::is_upper(cp)) ? n : 0;
    };
    size_t q = w + letter(w, true);
    if (q == w) return w;
    if (sc.run_from < w && w < sc.run_to) {
        q = sc.run_to;
    } else {
        for (size_t k; (k = letter(q, false)) || (q + 1 < sc.n && sc.s[q] == '-' && letter(q + 1, false));) q += k ? k : 1;
        sc.run_from = w, sc.run_to = q;
    }
    if (q + 1 < sc.n && sc.s[q] == '\'' && (sc.s[q + 1] | 32) == 's' && !sc.alpha(q + 2)) q += 2;
    if (q == w + letter(w, true)) return w; // one letter: "I", "A"
    return sc.word_end(q) ? q : w;
}

// "works for Chevron", "employed by the Social Security Administration", "worked at Shepherd Pratt":
// one to four capitalised words after an employment cue and an optional "the", with "of", "and" or
// "&" between two of them ("the City of Wichita", "Brigham and Women's"). The default model, which
// saw few employers, missed most of them; an employer is PHI under Safe Harbor. Lower case is not
// taken: "works for me", "works at a desk".
void scan_employer(const scanner & sc) {
    for (size_t i = 0; i < sc.n; i++) {
        if (!sc.word_start(i) || !sc.alpha(i)) continue;
        const size_t cue_end = sc.alpha_end(i);
        const size_t cue = i;
        i = cue_end - 1;
        if (cue_end >= sc.n || sc.s[cue_end] != ' ') continue;
        bool after_occupation = false;
        size_t p = employment_lead_end(sc, cue, cue_end, &after_occupation);
        if (!p || p + 1 >= sc.n || sc.s[p] != ' ' || !(sc.upper(p + 1) || sc.word_at(p + 1, "the"))) continue;
        if (p + 4 < sc.n && sc.s[p] == ' ' && sc.word_at(p + 1, "the")) p += 4;
        size_t b = 0, e = 0;
        for (int words = 0; words < 4 && p + 1 < sc.n && sc.s[p] == ' '; words++) {
            size_t w = p + 1;
            if (e && (sc.word_at(w, "of") || sc.word_at(w, "and") || sc.s[w] == '&') && words < 3) {
                const size_t after = sc.s[w] == '&' ? w + 1 : w + (sc.word_at(w, "of") ? 2 : 3);
                if (after + 1 >= sc.n || sc.s[after] != ' ' || capitalised_word_end(sc, after + 1) == after + 1) break;
                w = after + 1;
            }
            size_t word_end = capitalised_word_end(sc, w);
            // An initial between two words: "Walter P. Carter Center".
            if (word_end == w && e && sc.upper(w) && w + 3 < sc.n && sc.s[w + 1] == '.' && sc.s[w + 2] == ' ' &&
                capitalised_word_end(sc, w + 3) > w + 3) {
                word_end = w + 2;
            }
            if (word_end == w || (!e && in_list(sc, w, word_end, k_not_employers))) break;
            if (!b) b = w;
            e = p = word_end;
        }
        if (!e) continue;
        const size_t first_end = capitalised_word_end(sc, b);
        if (e == first_end && (in_list(sc, b, e, k_not_employers) || in_list(sc, b, e, k_kinds_of_employer))) continue;
        const char * first = (const char *) sc.s + b;
        if (after_occupation && (is_common_word(first, first_end - b) || is_clinical_term_word(first, first_end - b))) continue;
        sc.add(b, e, "LOCATION", "ORGANIZATION", "employer", 0.8f);
        i = e - 1;
    }
}

// Words that end an occupation after "works as a": prepositions, conjunctions, pronouns, articles,
// forms of be and have, and words of time ("works as a cook in a diner", "a nurse and", "a plumber
// for the last five years", "a teacher right now").
const char * const k_occupation_ends[] = {
    "in", "at", "for", "with", "over", "before", "after", "since", "until", "till", "up", "right", "there", "here",
    "now", "who", "whom", "which", "that", "when", "where", "while", "but", "so", "because", "from", "on", "of",
    "to", "and", "or", "then", "during", "into", "by", "the", "a", "an", "as", "is", "was", "were", "are", "be",
    "been", "has", "had", "have", "i", "he", "she", "they", "we", "you", "it", "his", "her", "their", "my", "our",
    "your", "full", "part", "currently", "previously", "anymore", "too", "also", "about", "all", "not", "no", "if",
    "though", "although", "unless", "years", "year", "months", "weeks", "days", "time", "today", "recently",
    "still", "already", "just", "only", "again", "every", "each", "some", "many", nullptr};
// The verbs that go on a note's sentence when it left out a comma end it too ("works as a barber
// complains of back pain"), unless title case: "United States Marine officer", but "AGENT REPORTS".
const char * const k_occupation_end_verbs[] = {
    "presents", "presented", "complains", "complained", "reports", "reported", "comes", "came", "denies", "denied",
    "states", "stated", "notes", "noted", "says", "said", "describes", "endorses", "returns", "arrives", "feels",
    "felt", "lives", "lived", "smokes", "drinks", "admits", "wants", "needs", "takes", "took", "gets", "got",
    "goes", "went", "does", "did", "will", "would", "can", "could", "should", "may", "might", "must", "seen",
    nullptr};
// What works as something without being a person ("it works as a diuretic", "this medicine works
// as a blood thinner"), and what a person works as that is no job ("work as a team").
const char * const k_not_workers[]    = {"it", "this", "that", "which", "what", "these", "those", "medicine",
                                         "medication", "medications", "drug", "drugs", "pill", "pills", "one", nullptr};
const char * const k_not_occupations[] = {"team", "result", "whole", "group", "unit", "family", "couple", "pair",
                                          "way", "means", "favor", "favour", "reminder", "precaution", "barrier",
                                          "filter", "buffer", "trigger", "bridge", "replacement", "backup", "retired",
                                          "unemployed", "disabled", "none", "unknown", nullptr};
const char * const k_articles_a[]        = {"a", "an", nullptr};
const char * const k_occupation_verbs[]  = {"work", "works", "worked", "working", "employed", "job", "career", nullptr};
const char * const k_occupation_labels[] = {"occupation", "profession", nullptr};

// The occupation's words from p (a space before them): up to four words of letters (with - / '
// inside: "x-ray technician", "engineer/manager"), ending at punctuation, a digit or a word of
// k_occupation_ends, or before an -ing word that such a word follows ("a social worker dealing
// with"). Returns the end, or p when there is none.
size_t occupation_end(const scanner & sc, size_t p) {
    // A letter said alone, as transcripts spell initialisms ("I T", "C N A", "L and D nurse"): such
    // letters and an "and" between two of them are no end.
    const auto initial_at = [&](size_t w) { return sc.upper(w) && !sc.alpha(w + 1); };
    const auto initial_after = [&](size_t q) { return q + 1 < sc.n && sc.s[q] == ' ' && initial_at(q + 1); };
    const size_t start = p;
    bool after_initial = false, after_lower = false;
    for (int words = 0; words < 4 && p + 1 < sc.n && sc.s[p] == ' ' && sc.alpha(p + 1); words++) {
        const size_t w = p + 1;
        size_t q = sc.alpha_end(w);
        while (q + 1 < sc.n && (sc.s[q] == '-' || sc.s[q] == '/' || sc.s[q] == '\'') && sc.alpha(q + 1)) q = sc.alpha_end(q + 1);
        if (!sc.word_end(q)) break;
        const bool initial = initial_at(w);
        const bool spelled = (initial && (after_initial || initial_after(q))) ||
                             (after_initial && sc.word_at(w, "and") && initial_after(q));
        // A capital after a word in lower case starts something else ("a pipefitter Record 00324").
        const bool title_case = sc.upper(w) && q > w + 1 && !sc.upper(w + 1);
        if (!spelled && (in_list(sc, w, q, k_occupation_ends) || (!title_case && in_list(sc, w, q, k_occupation_end_verbs)) ||
                         (sc.upper(w) && after_lower))) {
            break;
        }
        if (p > start && q - w > 4 && sc.word_at(q - 3, "ing")) {
            const size_t next = q + 1 < sc.n && sc.s[q] == ' ' ? sc.alpha_end(q + 1) : q;
            if (next <= q + 1 || in_list(sc, q + 1, next, k_occupation_ends)) break;
        }
        after_initial = initial || spelled;
        after_lower   = after_lower || (!sc.upper(w) && !spelled);
        p = q;
    }
    return p;
}

// "works as a paralegal", "employed as an x-ray technician", "Occupation: truck driver": the
// occupation after a cue that says it is one. The default model finds most of them but misses
// what it did not see (`medical coder`, `dock hand`, `OB nurse`: 18 of the 50 after such a cue on
// the ACI-Bench and MTS-Dialog texts), and drops those it scores under its PROFESSION floor.
void scan_profession(const scanner & sc) {
    for (size_t i = 0; i < sc.n; i++) {
        if (!sc.word_start(i) || !sc.alpha(i)) continue;
        const size_t cue_end = sc.alpha_end(i);
        const size_t cue = i;
        i = cue_end - 1;
        size_t p = 0;
        if (in_list(sc, cue, cue_end, k_occupation_labels) && cue_end + 1 < sc.n && sc.s[cue_end] == ':') {
            p = cue_end + 1;
            while (p + 1 < sc.n && sc.s[p + 1] == ' ') p++;
            if (p + 1 >= sc.n || sc.s[p] != ' ') continue;
            if (in_list(sc, p + 1, sc.alpha_end(p + 1), k_articles_a)) p = sc.alpha_end(p + 1);
        } else if (in_list(sc, cue, cue_end, k_occupation_verbs) && sc.word_at(cue_end + 1, "as") &&
                   sc.s[cue_end] == ' ' && cue_end + 4 < sc.n && sc.s[cue_end + 3] == ' ' &&
                   in_list(sc, cue_end + 4, sc.alpha_end(cue_end + 4), k_articles_a)) {
            size_t b = 0, e = 0;
            token_before(sc, cue, &b, &e);
            if (e > b && in_list(sc, b, e, k_not_workers)) continue;
            p = sc.alpha_end(cue_end + 4);
        } else {
            continue;
        }
        const size_t e = occupation_end(sc, p);
        if (e == p) continue;
        const size_t b = p + 1;
        size_t last = e;
        while (last > b && sc.s[last - 1] != ' ') last--;
        if (in_list(sc, last, e, k_not_occupations) || is_clinical_term((const char *) sc.s + b, e - b)) continue;
        sc.add(b, e, "PROFESSION", "PROFESSION", "profession", 0.8f);
        i = e - 1;
    }
}

// The last word of a care facility's name, which "of" and its town may follow ("Senior Living of
// Wellesley", "Rehabilitation Center of Newton", "Visiting Nurse Association of Boston"), or a comma
// and its town ("Lower Buckeye Jail, Boston": where a patient is held locates him as well).
const char * const k_facility_words[] = {"living", "home", "homes", "village", "manor", "center", "centre", "hospital",
                                         "rehabilitation", "rehab", "hospice", "association", "infirmary", "clinic",
                                         "institute", "nursing", "jail", "prison", "penitentiary", nullptr};

// Words no facility's name or town is, which text in capitals also capitalises ("HERE IN THE CENTER
// OF MY").
const char * const k_not_in_a_facility[] = {"the", "a", "an", "my", "your", "his", "her", "our", "their", "this", "that",
                                            "these", "those", "here", "there", "in", "on", "at", "to", "for", "and",
                                            "excellence", "attends", "attend", "attended", "attending", nullptr};

// Titles before a person's name.
const char * const k_titles[] = {"mr", "mrs", "ms", "miss", "mx", "dr", nullptr};

// The words that end the name of a care site, each capitalised in the text ("Brookdale Senior
// Living", "Seasons Hospice", "Heritage Hall Nursing and Rehabilitation Center"). The default model
// knows hospitals, clinics and care centers, but left "Atria Senior Living" whole and typed the first
// word of others as a person or a town.
const char * const k_care_site_tails[] = {
    "senior living", "assisted living", "independent living", "senior care", "memory care", "home care", "home health care",
    "home health", "nursing home", "nursing center", "nursing facility", "skilled nursing facility",
    "nursing and rehabilitation center", "nursing & rehabilitation center", "rehabilitation center", "rehabilitation hospital",
    "rehab center", "care center", "health care center", "healthcare center", "healthcare", "health care", "hospice", "manor",
    "adult day center", "adult day health", "adult day care", "retirement community", "retirement home", "senior center",
    "living center", "rest home", "care home", nullptr};

// Words that say what kind of care site it is, not which ("Skilled", "Acute", "Community", "Primary"):
// no name of one.
const char * const k_kinds_of_care[] = {"acute", "subacute", "inpatient", "outpatient", "skilled", "long-term", "short-term",
                                        "community", "primary", "behavioral", "mental", "public", "urgent", "home", "senior",
                                        "adult", "pediatric", "geriatric", "local", "regional", "residential", "private",
                                        "transitional", "respite", "comfort", "palliative", "family", "county", "state",
                                        "veterans", "general", "specialty", "nearby", "nursing", "day", nullptr};

// The lower-case particles of surnames ("de Koning", "van de Merwe").
const char * const k_name_particles[] = {"de", "van", "von", "der", "den", "la", "le", "du", "da", "di", "del", "des",
                                         "della", "dos", "das", "ter", "ten", "bin", "ibn", "al", "el", nullptr};

// The words that end a school's name ("Squantum Elementary", "Little Sprouts Preschool", "Hopkinton
// Middle School", "Little Acorns Daycare"), which the default model left or cut.
const char * const k_school_tails[] = {
    "elementary", "elementary school", "middle school", "high school", "junior high", "junior high school", "preschool",
    "nursery school", "day school", "country day school", "academy", "charter school", "montessori school",
    "intermediate school", "primary school", "secondary school", "grammar school", "public schools", "school",
    "daycare", "day care", "child care center", "childcare center", "learning center", "early learning center", nullptr};

// Words that say what kind of school it is, not which ("Medical School", "Sunday School").
const char * const k_kinds_of_school[] = {"high", "middle", "elementary", "junior", "medical", "nursing", "law", "graduate",
                                          "sunday", "summer", "night", "trade", "boarding", "charter", "special", "military",
                                          "police", "dance", "art", "driving", "language", "public", "private", "catholic",
                                          "christian", "hebrew", "religious", "vocational", "technical", "alternative",
                                          "regular", nullptr};

// The endings of a company's name ("Werner Enterprises", "Dufresne Roofing LLC", "Acme Inc"), an
// employer's, which Safe Harbor removes.
const char * const k_company_tails[] = {"inc", "incorporated", "llc", "corp", "corporation", "enterprises", "industries",
                                        "ltd", "holdings", "logistics", nullptr};

// Words that say what a company does, not which one ("Construction Corp", "Staffing Inc").
const char * const k_kinds_of_company[] = {"construction", "trucking", "staffing", "cleaning", "landscaping", "roofing",
                                           "insurance", "software", "security", "transport", "shipping", "freight",
                                           "manufacturing", "home", "health", nullptr};

// Words after which a capitalised care site's name is a place ("lives at Sunrise Senior Living").
const char * const k_place_prepositions[] = {"at", "to", "from", "into", "in", "of", nullptr};

// The end of the longest of the endings `tails` at byte i, each word capitalised but "and" (i when none).
size_t site_tail_end(const scanner & sc, size_t i, const char * const * tails) {
    if (!sc.word_start(i)) return i;
    size_t best = i;
    for (const char * const * t = tails; *t; t++) {
        size_t p = i;
        for (const char * w = *t;;) {
            const char * we = strchr(w, ' ');
            const size_t wl = we ? (size_t) (we - w) : strlen(w);
            // Each word but "and" with its capital: "assisted living" in running text is a kind of care.
            const std::string word(w, wl);
            const bool cased = word == "&"     ? sc.s[p] == '&' && !sc.word(p + 1)
                               : word == "and" ? sc.word_at(p, "and")
                                               : sc.upper(p) && sc.word_at(p, word.c_str());
            if (!cased) {
                p = i;
                break;
            }
            p += wl;
            if (!we) break;
            if (p + 1 >= sc.n || sc.s[p] != ' ') {
                p = i;
                break;
            }
            p++, w = we + 1;
        }
        if (p > best && sc.word_end(p)) best = p;
    }
    return best;
}

} // namespace

size_t care_site_tail_end(const char * text, size_t len, size_t i) {
    return site_tail_end(scanner{(const uint8_t *) text, len, false, nullptr}, i, k_care_site_tails);
}

namespace {

// A medical specialty, which names a department ("Cardiology Home Care", "Pediatrics Clinic").
bool is_specialty_word(const scanner & sc, size_t b, size_t e) {
    for (const char * suffix : {"ology", "iatry", "iatrics", "pedics", "surgery", "medicine"}) {
        const size_t n = strlen(suffix);
        if (e - b > n && sc.word_at(e - n, suffix)) return true;
    }
    return false;
}

// The kinds of named site the organization rule reads: their endings, the words that name no one of
// them, and whether a one-word ending needs a place word before the name (a person may be named
// "John Manor"; no one "Squantum Elementary").
struct site_kind {
    const char * const * tails;
    const char * const * kinds;
    const char *         subtype;
    const char *         origin;
    bool                 one_word_needs_place;
};
const site_kind k_care_sites = {k_care_site_tails, k_kinds_of_care, "HOSPITAL", "facility", true};
const site_kind k_schools    = {k_school_tails, k_kinds_of_school, "ORGANIZATION", "school", false};
const site_kind k_companies  = {k_company_tails, k_kinds_of_company, "ORGANIZATION", "company", false};

// A named site: capitalised words before one of its kind's endings ("Brookdale Senior Living",
// "discharged to Sunrise Senior Living", "Wingate Healthcare", "at Squantum Elementary"). The words
// are a name when one of them is no common word, or after a preposition of place; a word of a kind
// of care or school ("to Skilled Nursing Facility", "Primary Health Care", "Medical School") or a
// clinical term ("Cardiology Home Care") names none. A sentence's first words in common English stay
// out ("Visited Atria Senior Living").
void scan_named_site(const scanner & sc, const site_kind & kind) {
    const char * text = (const char *) sc.s;
    for (size_t i = 2; i < sc.n; i++) {
        if (!sc.word_start(i) || !sc.upper(i)) continue;
        const size_t tail = i, tail_end = site_tail_end(sc, i, kind.tails);
        if (tail_end == tail) continue;
        i = tail_end - 1;
        // The name goes on ("Golden Oaks Manor Nursing Home", "Royal Sunrise Manor Infirmary"): its
        // own ending, or another rule's, comes later.
        if (tail_end + 1 < sc.n && sc.s[tail_end] == ' ' &&
            (in_list(sc, tail_end + 1, capitalised_word_end(sc, tail_end + 1), k_facility_words) ||
             (sc.word_at(tail_end + 1, "of") && tail_end + 4 < sc.n && sc.s[tail_end + 3] == ' ' && sc.upper(tail_end + 4)))) {
            continue; // ... or "of" and a capitalised word: "American Academy of Pediatrics"
        }
        // Back from the ending: up to three capitalised words, one space apart.
        std::vector<size_t> starts;
        for (size_t w = tail; starts.size() < 3 && w >= 2 && sc.s[w - 1] == ' ';) {
            size_t start = w - 1;
            while (start > 0 && (sc.alpha(start - 1) || sc.s[start - 1] == '\'' || sc.s[start - 1] == '-')) start--;
            if (start == w - 1 || !sc.word_start(start) ||
                (capitalised_word_end(sc, start) != w - 1 && (starts.empty() || !in_list(sc, start, w - 1, k_name_particles))) ||
                in_list(sc, start, w - 1, k_not_in_a_facility)) {
                break;
            }
            starts.push_back(start);
            w = start;
        }
        if (starts.empty()) continue;
        std::reverse(starts.begin(), starts.end());
        size_t before = starts[0];
        while (before > 0 && sc.s[before - 1] == ' ') before--;
        const size_t before_end = before;
        while (before > 0 && sc.alpha(before - 1)) before--;
        const bool after_place_word = before < before_end && in_list(sc, before, before_end, k_place_prepositions);
        // A one-word ending may end a person's name ("Mr. John Manor", "seen with John Manor"): only
        // after a place word, never after a title.
        if (before < before_end && (in_list(sc, before, before_end, k_titles) || sc.word_at(before, "doctor"))) continue;
        if (kind.one_word_needs_place && !memchr(sc.s + tail, ' ', tail_end - tail) && !after_place_word) continue;
        const auto word_end = [&](size_t b) { return sc.upper(b) ? capitalised_word_end(sc, b) : sc.alpha_end(b); };
        const auto no_name = [&](size_t b) {
            const size_t e = word_end(b);
            return in_list(sc, b, e, kind.kinds) || is_clinical_term_word(text + b, e - b) || is_specialty_word(sc, b, e);
        };
        // The name's first word: past a kind of care, a clinical term or a specialty ("OSH", for an
        // outside hospital; "Cardiology"), and past common words but after a place word.
        size_t k = 0;
        while (k < starts.size() &&
               (no_name(starts[k]) || (!after_place_word && is_common_word(text + starts[k], word_end(starts[k]) - starts[k]) &&
                                       !in_list(sc, starts[k], word_end(starts[k]), k_name_particles)))) {
            k++;
        }
        if (k == starts.size() || std::any_of(starts.begin() + (long) k, starts.end(), no_name)) continue;
        const size_t first = starts[k];
        sc.add(first, tail_end, "LOCATION", kind.subtype, kind.origin, 0.8f);
    }
}

// Pharmacy chains, whose store number locates a patient's pharmacy ("Rite Aid #3312"), each word
// as written, capitals and all.
const char * const k_pharmacy_chains[] = {"CVS", "Walgreens", "Rite Aid", "Walmart", "Wal-Mart", "Kroger", "Costco", "Target",
                                          "Safeway", "Publix", "H-E-B", "HEB", "Meijer", "Duane Reade", "Giant Eagle",
                                          "Hy-Vee", "Albertsons", "Wegmans", "Sam's Club", "ShopRite", "Stop & Shop",
                                          "Harris Teeter", "Winn-Dixie", "Jewel-Osco", "Osco", "Vons", "Ralphs",
                                          "Fred Meyer", "King Soopers", "Food Lion", "Hannaford", "Price Chopper",
                                          "Giant", "Boots", "Shoppers Drug Mart", "London Drugs", "Jean Coutu",
                                          "Lloydspharmacy", "Superdrug", nullptr};

// The end of the chain's name written at i, with its word "Pharmacy" or "Pharmacies" after it if
// any; i when none.
size_t pharmacy_chain_end(const scanner & sc, size_t i) {
    for (const char * const * c = k_pharmacy_chains; *c; c++) {
        const size_t n = strlen(*c);
        if (i + n > sc.n || memcmp(sc.s + i, *c, n) || sc.word(i + n)) continue;
        size_t e = i + n;
        for (const char * word : {" Pharmacy", " pharmacy", " Pharmacies"}) {
            const size_t m = strlen(word);
            if (e + m <= sc.n && !memcmp(sc.s + e, word, m) && !sc.word(e + m)) e += m;
        }
        return e;
    }
    return i;
}

// A pharmacy's store: a chain's name ("CVS", "Rite Aid Pharmacy") or capitalised words ending in
// "Pharmacy" ("Main Street Pharmacy"), then its store number: "#3312", "# 3312", "store 10294",
// "Store #88", "store no. 12". The chain's name alone names no place and stays.
void scan_pharmacy_store(const scanner & sc) {
    for (size_t i = 0; i < sc.n; i++) {
        if (!sc.word_start(i) || !sc.upper(i)) continue;
        size_t e = pharmacy_chain_end(sc, i);
        if (e == i) {
            // Up to three capitalised words, then "Pharmacy".
            size_t p = i;
            for (int words = 0; words < 4 && sc.upper(p); words++) {
                const size_t q = capitalised_word_end(sc, p);
                if (q == p) break;
                if (sc.word_is(p, q, "pharmacy")) {
                    e = words > 0 ? q : i;
                    break;
                }
                if (q + 1 >= sc.n || sc.s[q] != ' ') break;
                p = q + 1;
            }
            if (e == i) continue;
        }
        size_t p = e;
        if (p < sc.n && sc.s[p] == ',') p++;
        if (p < sc.n && sc.s[p] == ' ') p++;
        const bool parenthesis = p < sc.n && sc.s[p] == '(';
        p += parenthesis;
        bool marked = false; // "store" or '#': a bare number after a name is no store's
        if (sc.word_at(p, "store")) {
            marked = true;
            p += 5;
            while (p < sc.n && sc.s[p] == ' ') p++;
            if (sc.word_at(p, "no") && p + 2 < sc.n && sc.s[p + 2] == '.') p += 3;
            else if (sc.word_at(p, "number")) p += 6;
            while (p < sc.n && sc.s[p] == ' ') p++;
        }
        if (p < sc.n && sc.s[p] == '#') p++, marked = true;
        while (p < sc.n && sc.s[p] == ' ') p++;
        if (!marked || !sc.digit(p)) continue;
        size_t q = p;
        while (sc.digit(q)) q++;
        if (q - p > 6 || !sc.word_end(q)) continue;
        if (parenthesis) {
            if (q >= sc.n || sc.s[q] != ')') continue;
            q++;
        }
        sc.add(i, q, "LOCATION", "ORGANIZATION", "pharmacy", 0.85f);
        i = q - 1;
    }
}

// The end of a town's name after "of " at p: an optional "the", then one to three capitalised words
// that are no common word or clinical term ("Wellesley", "the Greater Boston"); 0 when none. A common
// word ends the town: "Center of Excellence", "Hospital of Revere Imaging Services" (its "Valley"
// stays out of "Fountain Valley").
size_t town_after_of_end(const scanner & sc, size_t p) {
    if (sc.word_at(p, "the") && p + 4 < sc.n && sc.s[p + 3] == ' ') p += 4;
    size_t e = 0;
    for (int k = 0; k < 3; k++) {
        const size_t q = capitalised_word_end(sc, p);
        const char * word = (const char *) sc.s + p;
        if (q == p || is_common_word(word, q - p) || is_clinical_term_word(word, q - p) || in_list(sc, p, q, k_not_in_a_facility)) {
            break;
        }
        e = q;
        if (q + 1 >= sc.n || sc.s[q] != ' ') break;
        p = q + 1;
    }
    return e;
}

// A care facility named for its town: one to four capitalised words ending in a facility word, "of",
// an optional "the", and one to three capitalised words that are no word of clinical English ("Senior
// Living of Wellesley", "Mercy Hospital of Lodi"); the default model, which saw such names without
// "of", left the town in the text. Not a facility word alone ("Center of Excellence"), nor function
// words ("THE CENTER OF MY"). A hospital's subtype is HOSPITAL.
void scan_facility_of_a_town(const scanner & sc) {
    for (size_t i = 0; i + 4 < sc.n; i++) {
        if (sc.s[i] != ' ' || !sc.word_at(i + 1, "of") || sc.s[i + 3] != ' ') continue;
        // Back from " of": the facility word and up to three capitalised words before it.
        size_t b = i, words = 0;
        for (size_t w = i; words < 4 && w > 0;) {
            size_t start = w;
            while (start > 0 && (sc.alpha(start - 1) || sc.s[start - 1] == '\'')) start--;
            if (start == w || !sc.upper(start) || !sc.word_start(start) || in_list(sc, start, w, k_not_in_a_facility)) break;
            if (words == 0 && !in_list(sc, start, w, k_facility_words)) break;
            b = start, words++;
            if (start < 2 || sc.s[start - 1] != ' ') break;
            w = start - 1;
        }
        if (words < 2) continue; // "Center of Excellence" alone is no facility's name
        const size_t e = town_after_of_end(sc, i + 4);
        if (!e) continue;
        size_t f = i; // the facility word's start
        while (f > b && sc.alpha(f - 1)) f--;
        sc.add(b, e, "LOCATION", sc.word_at(f, "hospital") ? "HOSPITAL" : "ORGANIZATION", "facility", 0.8f);
        i = e - 1;
    }
}

// "saint luke's", "St. Joseph's": a saint's name with its 's names a hospital where patients say
// it, as transcripts write it; not the wort, the day, the dance, the fire or the cross named so.
void scan_saints_hospital(const scanner & sc) {
    static const char * const not_hospitals[] = {"wort", "day", "dance", "fire", "cross", nullptr};
    for (size_t i = 0; i < sc.n; i++) {
        if (!sc.alpha(i) || !sc.word_start(i)) continue;
        const size_t b = i;
        size_t p = sc.alpha_end(b);
        i = p - 1;
        if (!sc.word_at(b, "saint") && !sc.word_at(b, "st")) continue;
        if (p < sc.n && sc.s[p] == '.') p++;
        if (p + 1 >= sc.n || sc.s[p] != ' ' || !sc.alpha(p + 1)) continue;
        size_t e = sc.alpha_end(p + 1);
        if (!(e + 1 < sc.n && sc.s[e] == '\'' && (sc.s[e + 1] | 32) == 's' && !sc.alpha(e + 2))) continue;
        e += 2;
        if (next_word_in(sc, e, not_hospitals)) continue;
        sc.add(b, e, "LOCATION", "HOSPITAL", "hospital", 0.75f);
        i = e - 1;
    }
}

const std::string_view k_us_cities =
#include "pipeline/us-cities.inc"
    ;

// US places named by English words only ("Chestnut Hill", "Battle Creek"), a place only capitalised.
const std::string_view k_us_places_capitalised =
#include "pipeline/us-places-capitalised.inc"
    ;

// Cities outside the United States (world-cities.txt, this project's; the same filter).
const std::string_view k_world_cities =
#include "pipeline/world-cities.inc"
    ;

// Words after a number that make it a count, besides the units ("the ER 3 nights", "room 2 visits").
const char * const k_count_words[] = {"x", "night", "nights", "visit", "visits", "people", "patients", "more",
                                      "other", "others", "beds", "rooms", "of", nullptr};

// A room's or bed's number at p: up to 8 letters and digits, '-' between them allowed, with a digit
// ("412", "3104A", "B-12"), or one capital alone for a bed ("Bed B"); not a count ("room 3 times",
// "Room 5-6 people"). Its end, or 0.
size_t room_number_end(const scanner & sc, size_t p, bool letter_alone) {
    size_t e = p, d = 0;
    while (sc.digit(e) || sc.alpha(e) || (e > p && sc.s[e] == '-' && (sc.digit(e + 1) || sc.alpha(e + 1)))) d += sc.digit(e), e++;
    if (e == p || e - p > 8 || !sc.word_end(e) || !sc.number_end(e)) return 0;
    if (!(d > 0 || (letter_alone && e == p + 1 && sc.upper(p)))) return 0;
    if ((sc.s[p] | 32) == 'x' && d == e - p - 1) return 0; // "x2": twice
    return is_quantity_or_range(sc, p, e) || next_word_in(sc, e, k_count_words) ? 0 : e;
}

// Units of a hospital, before a bed or bay: "ED bay 7", "PACU bay 12", "4 West bed 17B".
const char * const k_bed_units[] = {"ed",   "er",   "pacu", "icu", "micu", "sicu", "ccu",  "cvicu", "nicu", "picu", "tsicu",
                                    "nsicu", "pcu", "ldr",  "west", "east", "north", "south", "unit", "ward", nullptr};

// A bed or bay alone at its number p..e: one whose number has a letter ("bed 17B"), that follows
// '#' or ':' ("Bed #4"), or a hospital's unit ("ED bay 7"). "head of bed 30 degrees", "Bed 2" are none.
bool is_bed_alone(const scanner & sc, size_t cue, size_t cue_end, size_t p, size_t e) {
    for (size_t k = p; k < e; k++) {
        if (sc.alpha(k)) return true;
    }
    for (size_t k = cue_end; k < p; k++) {
        if (sc.s[k] == '#' || sc.s[k] == ':') return true;
    }
    size_t ub = 0, ue = 0;
    token_before(sc, cue, &ub, &ue);
    return ue > ub && ue + 1 == cue && in_list(sc, ub, ue, k_bed_units);
}

// "Room 412", "rm. 3104A", "room #12", "ROOM: 5", and a bed or bay after one ("Room 412, Bed B", "rm 12
// bed 2") or alone where its number says so (is_bed_alone), and an operating room ("taken to OR 7"):
// where a patient lies, which i2b2 counts as a location (ROOM) and the default model never saw. Only
// the number is taken, so the note still says "Room". A count is no room ("went to the emergency room
// 3 times", "room 2 days").
void scan_room(const scanner & sc) {
    static const char * const rooms[] = {"room", "rm", nullptr};
    static const char * const beds[]  = {"bed", "bay", nullptr};
    static const char * const into[]  = {"to", "in", "into", "from", "the", nullptr};
    for (size_t i = 0; i < sc.n; i++) {
        if (!sc.alpha(i) || !sc.word_start(i)) continue;
        const size_t w = sc.alpha_end(i);
        const size_t cue = i;
        i = w - 1;
        const bool bed = in_list(sc, cue, w, beds);
        size_t ib = 0, ie = 0;
        const bool operating_room = w == cue + 2 && sc.s[cue] == 'O' && sc.s[cue + 1] == 'R' &&
                                    (token_before(sc, cue, &ib, &ie), ie > ib && in_list(sc, ib, ie, into));
        if (!bed && !operating_room && !in_list(sc, cue, w, rooms)) continue;
        size_t p = w + (w < sc.n && sc.s[w] == '.');
        const size_t gap = p;
        while (p < sc.n && (sc.s[p] == ' ' || sc.s[p] == ':' || sc.s[p] == '#')) p++;
        if (p == gap) continue;
        if (sc.word_at(p, "no") && p + 3 < sc.n && sc.s[p + 2] == '.') p = p + 3 + (sc.s[p + 3] == ' ');
        else if (sc.word_at(p, "number") && p + 6 < sc.n && sc.s[p + 6] == ' ') p += 7;
        const size_t e = room_number_end(sc, p, false);
        if (!e || (bed && !is_bed_alone(sc, cue, w, p, e))) continue;
        sc.add(p, e, "LOCATION", "ROOM", "room", 0.85f);
        i = e - 1;
        // The bed after the room: ", Bed B", " bed 2", "/bay 4".
        size_t q = e;
        if (q < sc.n && (sc.s[q] == ',' || sc.s[q] == '/')) q++;
        while (q < sc.n && sc.s[q] == ' ') q++;
        const size_t bw = sc.alpha_end(q);
        if (q == e || bw == q || !in_list(sc, q, bw, beds)) continue;
        size_t r = bw;
        while (r < sc.n && (sc.s[r] == ' ' || sc.s[r] == '#' || sc.s[r] == ':')) r++;
        const size_t be = r > bw ? room_number_end(sc, r, true) : 0;
        if (!be) continue;
        sc.add(r, be, "LOCATION", "ROOM", "room", 0.85f);
        i = be - 1;
    }
}

// Whether every word of text[b, e) begins with a capital.
bool words_capitalised(const scanner & sc, size_t b, size_t e) {
    for (size_t k = b; k < e; k++) {
        if ((k == b || sc.s[k - 1] == ' ' || sc.s[k - 1] == '-') && !sc.upper(k)) return false;
    }
    return b < e;
}

// Whether text[b, e) is one of k_us_cities or k_world_cities, in any case, or of
// k_us_places_capitalised, capitalised: whole, or (prefix) the first words of one.
bool is_city(const scanner & sc, size_t b, size_t e, bool prefix = false) {
    const char * t = (const char *) sc.s + b;
    return in_word_list(k_us_cities, t, e - b, prefix) || in_word_list(k_world_cities, t, e - b, prefix) ||
           (words_capitalised(sc, b, e) && in_word_list(k_us_places_capitalised, t, e - b, prefix));
}

// Words after a city's name that make it a disease or a thing ("died from Huntington disease",
// "Morton neuroma", "soaking in epsom salts", "a rise in buffalo hump").
const char * const k_eponym_nouns[] = {"disease", "syndrome", "chorea", "palsy", "neuroma", "salt", "salts", "hump", nullptr};

// People of a place, its area, and a site there: "a lifelong Boston resident", "a native of
// Worcester", "the Dallas area", "the Acton office".
const char * const k_city_people[] = {"resident", "residents", "native", "natives", nullptr};
const char * const k_city_nouns[]  = {"resident", "residents", "native", "natives", "area", "office",
                                      "offices", "clinic", "campus", "branch", nullptr};

// Whether the word before the space before byte i is one of the words.
bool word_before_in(const scanner & sc, size_t i, const char * const * words) {
    if (i < 2 || sc.s[i - 1] != ' ') return false;
    size_t b = i - 1;
    while (b > 0 && sc.alpha(b - 1)) b--;
    return b < i - 1 && in_list(sc, b, i - 1, words);
}

// "a lifelong Boston resident", "a Dallas native", "the salt lake city area", "the Acton office": a
// city (is_city) of up to four words right before one of k_city_nouns.
void scan_city_before_a_noun(const scanner & sc) {
    for (size_t i = 2; i < sc.n; i++) {
        if (!sc.alpha(i) || !sc.word_start(i)) continue;
        const size_t w = sc.alpha_end(i);
        const size_t noun = i;
        i = w - 1;
        if (sc.s[noun - 1] != ' ' || !in_list(sc, noun, w, k_city_nouns) || !sc.word_end(w)) continue;
        const size_t e = noun - 1;
        size_t b = e, city = 0;
        for (int words = 0; words < 4 && b > 0; words++) {
            while (b > 0 && (sc.alpha(b - 1) || sc.s[b - 1] == '\'' || sc.s[b - 1] == '-' || sc.s[b - 1] == '.')) b--;
            if (b == e || !sc.word_start(b)) break;
            if (is_city(sc, b, e)) city = b + 1;
            if (b == 0 || sc.s[b - 1] != ' ') break;
            b--;
        }
        if (city) sc.add(city - 1, e, "LOCATION", "CITY", "city", 0.75f);
    }
}

// "i live in dallas", "we ended up coming to atlanta", "lived in Seattle", "moved from Hyderabad": a
// city (k_us_cities, k_world_cities; no English word among them but a few large cities': "phoenix")
// right after from, in, to, near, outside, around, at or via ("from Accra via Amsterdam"). The
// default model, which saw cities capitalised, missed most of them in transcripts, and cities
// abroad in notes ("back from a trip to Dubai and Mumbai"). Names of up to four words, with their
// own apostrophes, hyphens, periods and letters beyond ASCII ("Coeur d'Alene", "Port St. Lucie",
// "Port-au-Prince", "São Paulo").
void scan_city(const scanner & sc) {
    static const char * const cues[] = {"from", "in", "to", "near", "outside", "around", "at", "via", nullptr};
    // The bytes of a character of a name at k, 0 for none: a letter (in any script: "São Paulo"), an
    // apostrophe, a hyphen or a period; not a curly apostrophe or a dash ("Boston’s").
    const auto name_char = [&](size_t k) -> size_t {
        if (sc.alpha(k) || (k < sc.n && (sc.s[k] == '\'' || sc.s[k] == '-' || sc.s[k] == '.'))) return 1;
        if (k >= sc.n || sc.s[k] < 0xC0) return 0;
        uint32_t cp = 0;
        const int n = utf8_next(sc.s, sc.n, k, &cp);
        return n > 0 && (unicode::is_upper(cp) || unicode::is_lower(cp)) ? (size_t) n : 0;
    };
    size_t last = 0; // the end of the last city found, which a list goes on from: "to Dubai and Mumbai"
    for (size_t i = 0; i < sc.n; i++) {
        if (!sc.alpha(i) || !sc.word_start(i)) continue;
        const size_t cue = i;
        const size_t p = sc.alpha_end(i);
        i = p - 1;
        size_t b = 0;            // where the city would begin
        bool after_facility = false, before_state = false;
        if (last && cue == last + 2 && sc.s[last] == ',' && sc.s[last + 1] == ' ' &&
            !is_before_a_state((const char *) sc.s, sc.n, last)) {
            b = cue; // "in Lagos, Abuja": the word itself; not "in Cheyenne, Wyoming"
        } else if (p + 2 < sc.n && sc.s[p] == ',' && sc.s[p + 1] == ' ' && sc.alpha(p + 2) && in_list(sc, cue, p, k_facility_words)) {
            b = p + 2; // a facility's town after its name: "ST. ELIZABETH'S MEDICAL CENTER, BOSTON"
            after_facility = true;
        } else if (p + 1 < sc.n && sc.s[p] == ' ' && sc.alpha(p + 1) &&
                   (in_list(sc, cue, p, cues) || (sc.word_at(cue, "of") && word_before_in(sc, cue, k_city_people)) ||
                    (last && cue == last + 1 && (sc.word_at(cue, "and") || sc.word_at(cue, "or"))))) {
            b = p + 1;
        } else if (sc.upper(cue) && !(last && cue <= last + 2)) {
            b = cue; // the city itself, when its state follows: "PO Box 1184, Sturbridge, MA 01566"
            before_state = true;
        } else {
            continue;
        }
        // The ends of the next four words; the longest name found wins. A final '.' may end the sentence.
        size_t ends[4];
        int words = 0;
        for (size_t q = b; words < 4;) {
            // No name of the lists is 48 bytes long: a run of hyphened words is read no further.
            while (q - b < 48 && name_char(q)) q += name_char(q);
            // Most words after "in" or "to" begin no city's name: one search decides.
            if (!words && !is_city(sc, b, q, true) && !(q > b && sc.s[q - 1] == '.' && is_city(sc, b, q - 1, true))) break;
            ends[words++] = q;
            if (q + 1 >= sc.n || sc.s[q] != ' ' || !sc.alpha(q + 1)) break;
            q++;
        }
        size_t e = 0;
        for (int k = words - 1; k >= 0 && !e; k--) {
            const size_t end = ends[k];
            if (is_city(sc, b, end)) e = end;
            else if (end > b && sc.s[end - 1] == '.' && is_city(sc, b, end - 1)) e = end - 1;
        }
        const bool curly_apostrophe = e + 2 < sc.n && sc.s[e] == 0xE2 && sc.s[e + 1] == 0x80 && sc.s[e + 2] == 0x99;
        if (!e || !(sc.word_end(e) || curly_apostrophe)) continue;
        // After a facility, a town that a capitalised word follows begins another name: "Clinic,
        // Elkhart Urgent Care".
        if (after_facility && e + 1 < sc.n && sc.s[e] == ' ' && sc.upper(e + 1)) continue;
        // A city before its state, not a person before a degree: "Sturbridge, MA", not "C. Davis, MD".
        if (before_state && (!state_after(sc, e) || after_a_name_word(sc, b))) continue;
        if (next_word_in(sc, e, k_eponym_nouns)) continue;
        sc.add(b, e, "LOCATION", "CITY", "city", 0.75f);
        i = e - 1;
        last = e;
    }
}

// Capitalised words that begin "<subject> is a 45-year-old" but name no one.
const char * const k_intro_not_names[] = {
    "this", "that", "he", "she", "they", "it", "who", "the", "a", "an", "our", "your", "my", "his", "her",
    "their", "patient", "pt", "client", "resident", "infant", "baby", "child", "boy", "girl", "man", "woman",
    "male", "female", "gentleman", "lady", "veteran", "today", "here", "there", "hpi", "cc", "history",
    "subjective", "mother", "father", "son", "daughter", "wife", "husband", "brother", "sister", "twin",
    "newborn", "neonate", "toddler", "adolescent", "teen", "teenager", "student", "also", "and", "but",
    "then", "now", "currently", "note", "summary", "impression", "assessment", "identification", "id",
    "reason", "case", "subject", "individual", "person", "member", "caller", "participant", "none", nullptr};

// "Jose is a 64-year-old male", "Ms. Brittany Edwards is a pleasant 32-year-old": the subject of a
// patient's introduction is the patient's name. Up to three capitalised words (an upper-case letter,
// then at least one lower-case one) joined by single spaces, ending at " is a" / " is an", then at
// most three lower-case words and an age with its unit (age_unit_at). A title before the words stays
// outside; a pronoun or generic noun (k_intro_not_names: This, She, Patient, Baby) is no name and
// ends the words.
void scan_name(const scanner & sc) {
    for (size_t i = 1; i + 4 < sc.n; i++) {
        if (sc.s[i - 1] != ' ' || !sc.word_at(i, "is") || sc.s[i + 2] != ' ') continue;
        size_t p = i + 3;
        if (sc.word_at(p, "a")) p += 1;
        else if (sc.word_at(p, "an")) p += 2;
        else continue;
        // At most three lower-case words, then the age in digits or words ("a seventy-two-year-old").
        size_t age_end = 0;
        for (int k = 0; k < 4 && p < sc.n && sc.s[p] == ' '; k++) {
            p++;
            if (sc.digit(p)) {
                if (sc.number_start(p)) age_end = p + sc.digits(p, 3);
                break;
            }
            if (sc.upper(p) || !sc.alpha(p)) break;
            if (cardinal_words_at((const char *) sc.s, sc.n, p, &age_end)) break;
            while (sc.alpha(p) || (p < sc.n && sc.s[p] == '-' && sc.alpha(p + 1))) p++;
        }
        if (!age_end) continue;
        size_t u = age_end;
        if (u < sc.n && (sc.s[u] == ' ' || sc.s[u] == '-')) u++;
        if (age_unit_at(sc, u) != AGE_UNIT_AGE) continue;
        // Back from " is": the capitalised words.
        size_t b = i - 1, e = i - 1;
        for (int words = 0; words < 3 && b > 0; words++) {
            size_t w = b;
            while (w > 0 && (sc.word(w - 1) || sc.s[w - 1] == '\'' || sc.s[w - 1] == '-')) w--;
            bool lower = false; // a capitalised word, not a heading in capitals (HISTORY OF PRESENT ILLNESS)
            for (size_t k = w + 1; k < b; k++) lower = lower || (sc.s[k] >= 'a' && sc.s[k] <= 'z');
            if (w == b || !sc.upper(w) || !lower || in_list(sc, w, b, k_intro_not_names) || in_list(sc, w, b, k_titles)) {
                break;
            }
            b = w;
            if (b == 0 || sc.s[b - 1] != ' ') break;
            b--;
        }
        if (b < e && sc.s[b] == ' ') b++;
        if (b < e) sc.add(b, e, "NAME", "PATIENT", "name", 0.9f);
    }
}

// Titles of clergy and of teaching before a name ("Rev. Thomas Beck", "Rabbi Levin", "Prof. Helen
// Marsh"); the name is a provider's (DOCTOR) after a chaplain's or a professor's title.
const char * const k_titles_of_office[] = {"rev", "reverend", "fr", "pastor", "rabbi", "imam", "chaplain", "prof",
                                           "professor", "msgr", "monsignor", "deacon", "bishop", "cantor", nullptr};
const char * const k_providers_titles[] = {"chaplain", "prof", "professor", nullptr};
// The roles of a care team, which a note writes before the person's name ("medical student Aidan
// Park", "nurse Carla DeLuca", "interpreter Maria Lopez"): the name is a provider's (DOCTOR), and
// none of these words is one ("nurse Practitioner", "case Manager").
const char * const k_care_roles[] = {"nurse", "rn", "lpn", "np", "pa", "attending", "resident", "intern", "hospitalist",
                                     "physician", "surgeon", "pharmacist", "therapist", "counselor", "psychologist",
                                     "worker", "manager", "dietitian", "nutritionist", "interpreter", "translator",
                                     "scribe", "student", "aide", "technician", "tech", "midwife", "doula",
                                     "coordinator", "navigator", "provider", "pcp", "practitioner", "assistant",
                                     "specialist", "consultant", nullptr};

// People of a patient's life besides relatives ("foreman Gary Tibbetts", "roommate Dana", "AA sponsor
// Phil", "Officer M. Delacroix"): the name is a person's (PATIENT), as a relative's is.
const char * const k_social_roles[] = {"roommate", "housemate", "landlord", "landlady", "boss", "supervisor", "foreman",
                                       "coworker", "colleague", "coach", "teacher", "tutor", "mentor",
                                       "advisor", "adviser", "sponsor", "guardian", "godmother", "godfather",
                                       "stepmother", "stepfather", "stepmom", "stepdad", "babysitter", "nanny",
                                       "classmate", "teammate", "officer", "detective", "deputy", "sergeant", "sgt",
                                       "trooper", "sheriff", "investigator", "caseworker", nullptr};

// What a title of office names in a heading or an order, not a person ("Chaplain Services", "Chaplain
// Consult").
const char * const k_offices[] = {"services", "service", "department", "dept", "office", "team", "program", "staff",
                                  "consult", "consults", "consultation", "visit", "visits", "rounds", "note", "notes",
                                  "referral", "referrals", "orders", "recommendations", "instructions", "plan",
                                  "evaluation", "assessment", "report", "education", "communication", nullptr};

// Labels of a form or a header before a person's name ("Decedent: Harold Eugene Whitcomb", "Next of
// kin: daughter, Lorraine Whitcomb-Pratt", "Insured: QUINTANILLA, MARISOL"). The labels of people of
// care (k_provider_labels) give the name a DOCTOR's type.
const char * const k_person_labels[] = {
    "patient", "pt", "patient name", "pt name", "name", "name of patient", "full name", "legal name", "decedent",
    "deceased", "member", "member name", "insured", "subscriber", "policyholder", "guarantor", "resident", "client",
    "subject", "child", "infant", "caller", "informant", "next of kin", "emergency contact", "caregiver", "guardian",
    "spouse", "health care proxy", "healthcare proxy", "power of attorney", "probation officer", "parole officer",
    "caseworker", "case worker", nullptr};
const char * const k_provider_labels[] = {
    "pcp", "attending", "provider", "physician", "surgeon", "primary care physician", "referring physician",
    "ordering physician", "referring provider", "dictated by", "signed by", "electronically signed by",
    "pronounced by", "cosigned by", "nurse", "midwife", "case manager", "social worker", "pharmacist", "therapist",
    "counselor", "psychiatrist", "psychologist", nullptr};
// Degrees after a surname and its comma, which are no given name ("Whitcomb, MD").
const char * const k_degrees[] = {"md", "do", "rn", "np", "pa", "phd", "lpn", "cnm", "dds", "dmd", "od", "pharmd", "mph",
                                  "msw", "lcsw", "dpt", "facs", "facp", "facg", "jr", "sr", nullptr};

// A label from k_person_labels, k_provider_labels or k_social_roles, or a relative ("Wife:"), at a
// line's start or in a column, a colon, then a name on the
// same line: two to four capitalised words (or words in capitals), an initial allowed between them,
// or a surname, a comma and the given names ("LOPEZ-ARRIAGA, JUAN CARLOS"), that fill their field.
// A title before the name stays outside, and so does a relative's word before a comma ("daughter,
// "). A word of clinical English or a clinical term ends the name ("Patient: Denies Chest Pain" has
// none).
void scan_labelled_name(const scanner & sc) {
    const auto name_word_end = [&](size_t w) -> size_t {
        if (!sc.upper(w)) return 0;
        size_t q = w + 1;
        while (sc.alpha(q) || (q < sc.n && (sc.s[q] == '-' || sc.s[q] == '\'') && sc.upper(q + 1))) q += sc.alpha(q) ? 1 : 2;
        if (q == w + 1 || !sc.word_end(q)) return 0;
        const char * t = (const char *) sc.s + w;
        if (is_common_word(t, q - w) || is_clinical_term(t, q - w) || in_list(sc, w, q, k_degrees) ||
            in_list(sc, w, q, k_titles)) {
            return 0;
        }
        return q;
    };
    // A label begins a line (after its indent) or a column: two spaces or a tab before it.
    const auto label_start = [&](size_t i) {
        size_t k = i, spaces = 0;
        while (k > 0 && (sc.s[k - 1] == ' ' || sc.s[k - 1] == '\t')) spaces += sc.s[k - 1] == ' ' ? 1 : 2, k--;
        return k == 0 || sc.s[k - 1] == '\n' || spaces >= 2;
    };
    for (size_t i = 0; i < sc.n; i++) {
        if (!sc.alpha(i) || !sc.word_start(i) || !label_start(i)) continue;
        size_t c = i;
        while (c < sc.n && c - i < 40 && (sc.alpha(c) || sc.s[c] == ' ')) c++;
        if (c >= sc.n || sc.s[c] != ':') continue;
        size_t le = c;
        while (le > i && sc.s[le - 1] == ' ') le--;
        const bool provider = in_list(sc, i, le, k_provider_labels);
        if (!provider && !in_list(sc, i, le, k_person_labels) && !in_list(sc, i, le, k_social_roles) &&
            !(sc.alpha_end(i) == le && is_relative_word((const char *) sc.s, i, le))) {
            continue;
        }
        size_t p = c + 1;
        while (p < sc.n && (sc.s[p] == ' ' || sc.s[p] == '\t')) p++;
        if (sc.alpha(p) && is_relative_word((const char *) sc.s, p, sc.alpha_end(p)) && sc.alpha_end(p) < sc.n &&
            sc.s[sc.alpha_end(p)] == ',') {
            p = sc.alpha_end(p) + 1;
            while (p < sc.n && sc.s[p] == ' ') p++;
        }
        if (in_list(sc, p, sc.alpha_end(p), k_titles)) {
            p = sc.alpha_end(p);
            if (p < sc.n && sc.s[p] == '.') p++;
            while (p < sc.n && sc.s[p] == ' ') p++;
        }
        const size_t b = p;
        size_t e = 0;
        int words = 0;
        bool comma_seen = false;
        while (words < 4) {
            if (size_t q = name_word_end(p)) {
                e = q, words++;
            } else if (words > 0 && sc.upper(p) && p + 1 < sc.n && sc.s[p + 1] == '.') {
                e = p + 2; // an initial
            } else {
                break;
            }
            if (e + 1 < sc.n && sc.s[e] == ' ' && sc.upper(e + 1)) {
                p = e + 1;
            } else if (!comma_seen && words == 1 && e + 2 < sc.n && sc.s[e] == ',' && sc.s[e + 1] == ' ' && name_word_end(e + 2)) {
                p = e + 2, comma_seen = true;
            } else {
                break;
            }
        }
        // The name fills its field: the line, a column (two spaces or a tab), a comma's part or a
        // parenthesis begins after it. In a transcript's turn a sentence goes on ("Patient: My
        // Gynecologist was saying").
        const auto line_end = [&](size_t k) { return k >= sc.n || sc.s[k] == '\n' || sc.s[k] == '\r'; };
        const bool field_end = line_end(e) || (sc.s[e] == '.' && line_end(e + 1)) || sc.s[e] == '\t' || sc.s[e] == ',' ||
                               sc.s[e] == ';' || (sc.s[e] == ' ' && e + 1 < sc.n && (sc.s[e + 1] == ' ' || sc.s[e + 1] == '('));
        if (words >= 2 && field_end) sc.add(b, e, "NAME", provider ? "DOCTOR" : "PATIENT", "name", 0.85f);
        i = c;
    }
}

size_t quoted_name_end(const scanner & sc, size_t p, size_t * b, size_t * e); // below, beside the nicknames

// Whether a word ends at e: no letter or digit follows, or a curly quote or apostrophe (U+2018 to
// U+201D) does, as a straight one would ("Liam’s", “Keisha’s grandmother”).
bool word_or_quote_end(const scanner & sc, size_t e) {
    return sc.word_end(e) || (e + 3 <= sc.n && sc.s[e] == 0xE2 && sc.s[e + 1] == 0x80 && sc.s[e + 2] >= 0x98 && sc.s[e + 2] <= 0x9D);
}

// The end of a capitalised name word at w (a capital, then lower-case letters in any script:
// "Bañuelos"; joined before a capital: "Miller-Ortiz", "O'Neil"), or 0 where there is none or the
// word is one of clinical English, a clinical term, a title, a role, an office or a specialty.
size_t person_name_word_end(const scanner & sc, size_t w) {
    if (!sc.upper(w) || !(w + 1 < sc.n && sc.s[w + 1] >= 'a' && sc.s[w + 1] <= 'z')) return 0;
    size_t q = w + 1;
    for (;;) {
        uint32_t cp = 0;
        if (q < sc.n && sc.s[q] >= 'a' && sc.s[q] <= 'z') q++;
        else if (q < sc.n && (sc.s[q] == '-' || sc.s[q] == '\'') && sc.upper(q + 1)) q += 2;
        else if (q < sc.n && sc.s[q] >= 0xC0 && unicode::is_lower((utf8_next(sc.s, sc.n, q, &cp), cp))) q += (size_t) utf8_next(sc.s, sc.n, q, &cp);
        else break;
    }
    if (!word_or_quote_end(sc, q)) return 0;
    const char * t = (const char *) sc.s + w;
    if (is_common_word(t, q - w) || is_clinical_term(t, q - w) || in_list(sc, w, q, k_titles) ||
        in_list(sc, w, q, k_titles_of_office) || in_list(sc, w, q, k_offices) || in_list(sc, w, q, k_care_roles) ||
        in_list(sc, w, q, k_social_roles) || in_list(sc, w, q, k_intro_not_names) || is_specialty_word(sc, w, q)) {
        return 0;
    }
    return q;
}

// A relative (is_relative_word, any case), a person of the patient's life (k_social_roles), a care
// role (k_care_roles) or a title of office (k_titles_of_office, capitalised, with or without its
// period), a space, and one or two capitalised words (an upper-case letter, then lower-case
// ones), an initial allowed between them: the relative's name, written with its capital ("Brother
// Jack visits daily", "wife Faith, son Chase", "accompanied by grandmother Nomvula"; lower-case
// transcripts have the address rule's "my son jose", which needs the possessive), or the titled
// person's ("Chaplain Rev. Thomas Beck", where the default model took "Chaplain Rev" and left the
// name). A word of clinical English (common-words.h: "Mother Deceased", "Brother Healthy"), a
// clinical term ("Father Diabetic"), a title or a pronoun is none: names that are common words too
// (Faith, Will, April) are on no such list.
void scan_relative_name(const scanner & sc) {
    for (size_t i = 0; i < sc.n; i++) {
        if (!sc.alpha(i) || !sc.word_start(i)) continue;
        size_t r = sc.alpha_end(i);
        const size_t cue = i;
        i = r - 1;
        // Only a capital, a quote or "is" can follow, after the space (and a title's period): most
        // words stop here, before the lists.
        const size_t next = r + (r < sc.n && sc.s[r] == '.') + 1;
        if (next >= sc.n || sc.s[next - 1] != ' ' ||
            !(sc.upper(next) || sc.s[next] == '"' || sc.s[next] == '\'' || sc.s[next] == 0xE2 || sc.word_at(next, "is"))) {
            continue;
        }
        // A title with its capital: "#imam Per nursing" is a tag and a word that is a name elsewhere.
        const bool office = sc.upper(cue) && in_list(sc, cue, r, k_titles_of_office);
        const bool role = in_list(sc, cue, r, k_care_roles);
        if (!office && !role && !is_relative_word((const char *) sc.s, cue, r) && !in_list(sc, cue, r, k_social_roles)) continue;
        if (office && r < sc.n && sc.s[r] == '.') r++;
        if (r + 1 >= sc.n || sc.s[r] != ' ') continue;
        // A quoted name, capitalised, right after the person or after "is": `sponsor is "Big Mike"`,
        // `son 'Bud'` (not `Mother is "not sure"`, `wife is "Worried"`).
        size_t q = r + 1, qb = 0, qe = 0;
        if (sc.word_at(q, "is") && q + 3 < sc.n && sc.s[q + 2] == ' ') q += 3;
        if (!office && quoted_name_end(sc, q, &qb, &qe) && sc.upper(qb) &&
            !(memchr(sc.s + qb, ' ', qe - qb) == nullptr && is_common_word((const char *) sc.s + qb, qe - qb))) {
            sc.add(qb, qe, "NAME", role ? "DOCTOR" : "PATIENT", "name", 0.85f);
            i = qe - 1;
            continue;
        }
        size_t e = person_name_word_end(sc, r + 1);
        // An initial and a surname: "Officer M. Delacroix", the whole name.
        const bool initial = !e && sc.upper(r + 1) && r + 4 < sc.n && sc.s[r + 2] == '.' && sc.s[r + 3] == ' ';
        if (initial) e = person_name_word_end(sc, r + 4);
        if (!e) continue;
        const bool provider = role || (office && in_list(sc, cue, sc.alpha_end(cue), k_providers_titles));
        if (!initial && e + 1 < sc.n && sc.s[e] == ' ') {
            // An initial between the names: "Rev. Thomas J. Beck".
            size_t p = e + 1;
            if (sc.upper(p) && p + 2 < sc.n && sc.s[p + 1] == '.' && sc.s[p + 2] == ' ') p += 3;
            if (const size_t e2 = person_name_word_end(sc, p)) e = e2;
        } else if (!initial && (provider || office) && e + 2 < sc.n && sc.s[e] == ',' && sc.s[e + 1] == ' ') {
            // A provider's surname first, as headers write it: "attending Olson, Rosa".
            if (const size_t e2 = person_name_word_end(sc, e + 2)) e = e2;
        }
        sc.add(r + 1, e, "NAME", provider ? "DOCTOR" : "PATIENT", "name", 0.85f);
        i = e - 1;
    }
}

// Whose relative or other person it is: one or two capitalised name words (person_name_word_end)
// before a possessive ('s, ’s, or ' after an s) and a relative or a person of the patient's life
// ("Sophia's dad called", "Spoke with Liam's mother", "Aurelio Vance's daughter is his proxy",
// "Mateo's teacher"), which the default model left; a title before them stays out ("Mr. Smith's
// wife", "Mister Smith's wife"). Not a relative's word itself ("Mom's boyfriend"), a word of
// clinical English ("Patient's wife") or a clinical term, a capitalised word after the possessive
// ("Johnson's Baby Oil"), nor a possessive before anything else ("Parkinson's disease").
void scan_relatives_possessor(const scanner & sc) {
    static const char * const k_possessed[] = {"mum", "parents", "parent", "kids", "children", "child", "baby",
                                               "stepmom", "stepdad", "stepmother", "stepfather", "guardian", nullptr};
    static const char * const k_spoken_titles[] = {"mister", "missus", "doctor", "sir", "madam", nullptr};
    const auto name_start = [&](size_t e) { // the start of the word that ends at e
        size_t w = e;
        while (w > 0 && (sc.alpha(w - 1) || sc.s[w - 1] >= 0x80 || sc.s[w - 1] == '-')) w--;
        while (w < e && !sc.alpha(w)) w++; // not a curly quote or a dash before it
        return w;
    };
    for (size_t i = 1; i + 2 < sc.n; i++) {
        // i: the apostrophe, and a = where the possessed person's word begins.
        size_t a;
        if (sc.s[i] == '\'' && (sc.s[i + 1] | 32) == 's' && sc.s[i + 2] == ' ') a = i + 3;
        else if (sc.s[i] == '\'' && sc.s[i - 1] == 's' && sc.s[i + 1] == ' ') a = i + 2;
        else if (i + 4 < sc.n && !memcmp(sc.s + i, "\xE2\x80\x99s ", 5)) a = i + 5;
        else continue;
        const size_t ae = sc.alpha_end(a);
        // In lower case: a product's name is capitalised ("Johnson's Baby Oil").
        if (!sc.alpha(a) || sc.upper(a) || !word_or_quote_end(sc, ae) ||
            !(is_relative_word((const char *) sc.s, a, ae) || in_list(sc, a, ae, k_possessed) || in_list(sc, a, ae, k_social_roles))) {
            continue;
        }
        size_t b = name_start(i);
        if (b == i || person_name_word_end(sc, b) != i || is_relative_word((const char *) sc.s, b, i)) continue;
        // A given name before the surname: "Aurelio Vance's".
        if (b >= 2 && sc.s[b - 1] == ' ') {
            const size_t g = name_start(b - 1);
            if (g < b - 1 && person_name_word_end(sc, g) == b - 1 && !is_relative_word((const char *) sc.s, g, b - 1) &&
                !in_list(sc, g, b - 1, k_spoken_titles)) {
                b = g;
            }
        }
        sc.add(b, i, "NAME", "PATIENT", "name", 0.85f);
        i = a;
    }
}

// The end of a quoted name at p: an opening quote (" ' or a curly one), a letter, up to 40 bytes of
// letters, spaces, hyphens, periods and apostrophes, and its closing quote. The name's bounds in
// *b, *e; returns the end past the closing quote, or 0.
size_t quoted_name_end(const scanner & sc, size_t p, size_t * b, size_t * e) {
    const auto bytes_at = [&](size_t q, const char * w) { return q + strlen(w) <= sc.n && !memcmp(sc.s + q, w, strlen(w)); };
    const bool curly_double = bytes_at(p, "\xe2\x80\x9c"), curly_single = bytes_at(p, "\xe2\x80\x98");
    if (!(curly_double || curly_single || (p < sc.n && (sc.s[p] == '"' || sc.s[p] == '\'')))) return 0;
    const size_t open = curly_double || curly_single ? 3 : 1;
    const char * close = curly_double ? "\xe2\x80\x9d" : curly_single ? "\xe2\x80\x99" : sc.s[p] == '"' ? "\"" : "'";
    const size_t q0 = p + open;
    if (!(sc.alpha(q0) || (q0 < sc.n && sc.s[q0] >= 0x80))) return 0;
    for (size_t q = q0; q < sc.n && q <= q0 + 40; q++) {
        if (bytes_at(q, close) && q > q0 && sc.word(q - 1) && !sc.alpha(q + strlen(close))) {
            *b = q0, *e = q;
            return q + strlen(close);
        }
        if (!(sc.word(q) || sc.s[q] == ' ' || sc.s[q] == '-' || sc.s[q] == '.' || sc.s[q] == '\'')) return 0;
    }
    return 0;
}

// A name that says what someone is called: after "goes by", "nicknamed", "prefers to be called",
// "aka", a quoted name ("goes by \"Buddy\"", "known as 'Red'") or one or two capitalised words ("prefers
// to be called Bud", "Nicknamed Sonny", "aka Jimmy"; a title before them stays out). After "known as",
// which also names conditions ("a condition known as Barrett's"), only a quoted one. The default
// model tags the cue ("Nicknamed") and leaves the name.
void scan_nickname(const scanner & sc) {
    struct cue {
        const char * words;
        bool         quoted_only;
    };
    static const cue cues[] = {{"goes by", false},          {"go by", false},
                               {"going by", false},         {"went by", false},
                               {"nicknamed", false},        {"nickname is", false},
                               {"nickname", false},         {"prefers to be called", false},
                               {"prefer to be called", false}, {"likes to be called", false},
                               {"like to be called", false},   {"wants to be called", false},
                               {"asks to be called", false},   {"aka", false},
                               {"a.k.a.", false},           {"a/k/a", false},
                               {"known as", true}};
    for (size_t i = 0; i < sc.n; i++) {
        if (!sc.alpha(i) || !sc.word_start(i)) continue;
        size_t p = 0;
        bool quoted_only = false;
        for (const cue & c : cues) {
            if (sc.prefix_at(i, c.words) && !sc.alpha(i + strlen(c.words))) {
                p = i + strlen(c.words), quoted_only = c.quoted_only;
                break;
            }
        }
        if (!p) {
            i = sc.alpha_end(i) - 1;
            continue;
        }
        while (p < sc.n && (sc.s[p] == ' ' || sc.s[p] == ':' || sc.s[p] == ',')) p++;
        size_t b = 0, e = 0;
        if (const size_t end = quoted_name_end(sc, p, &b, &e)) {
            sc.add(b, e, "NAME", "PATIENT", "nickname", 0.85f);
            i = end - 1;
            continue;
        }
        if (quoted_only) continue;
        // A title stays out: "prefers to be called Mr. Lee".
        const size_t t = sc.alpha_end(p);
        if (t > p && in_list(sc, p, t, k_titles)) p = t + (t < sc.n && sc.s[t] == '.') + 1;
        e = capitalised_word_end(sc, p);
        // Words of clinical English are no nickname unquoted ("AKa BUN and creatinine").
        const char * first = (const char *) sc.s + p;
        if (e == p || in_list(sc, p, e, k_not_employers) || in_list(sc, p, e, k_intro_not_names) || is_common_word(first, e - p) ||
            is_clinical_term_word(first, e - p)) {
            continue;
        }
        if (e + 1 < sc.n && sc.s[e] == ' ') {
            const size_t e2 = capitalised_word_end(sc, e + 1);
            if (e2 > e + 1 && !in_list(sc, e + 1, e2, k_not_employers)) e = e2;
        }
        sc.add(p, e, "NAME", "PATIENT", "nickname", 0.85f);
        i = e - 1;
    }
}

} // namespace

const char * const STREET_WORDS[] = {"street", "st", "avenue", "ave", "road", "rd", "lane", "ln", "boulevard", "blvd",
                                     "drive", "court", "ct", "way", "place", "pl", "terrace", "ter", "circle", "cir",
                                     "parkway", "pkwy", "highway", "hwy", nullptr};

const char * const RULE_FAMILY_NAMES[] = {"phone", "email", "url", "ip", "ssn", "id", "date", "zip", "age", "name", "repeat",
                                         "address", "street", "organization", "city", "profession", "room", "table", nullptr};

uint32_t rule_family_from_name(const char * name, size_t len) {
    for (size_t k = 0; RULE_FAMILY_NAMES[k]; k++) {
        if (strlen(RULE_FAMILY_NAMES[k]) == len && !strncmp(RULE_FAMILY_NAMES[k], name, len)) return 1u << k;
    }
    return 0;
}

namespace {

// is_clinical_scale, looking back through at most `series` earlier readings of a series.
bool clinical_scale_reading(const char * text, size_t len, size_t b, size_t e, int series) {
    const scanner sc{(const uint8_t *) text, len, false, nullptr};
    // The whole reading: the model may tag "2" and "3/10" of "2-3/10" apart.
    const auto reading = [&](size_t k) { return sc.digit(k) || text[k] == '+' || text[k] == '-' || text[k] == '/'; };
    while (b > 0 && reading(b - 1)) b--;
    while (e < len && reading(e)) e++;
    // N/D or N-M/D, each reading 1-2 digits with an optional '+' (2+/4) and at most the scale's top.
    size_t i = b;
    int32_t readings[2] = {0, 0}, count = 0;
    while (count < 2) {
        const size_t d = sc.digits(i, 2);
        if (d == 0) return false;
        for (size_t k = 0; k < d; k++) readings[count] = readings[count] * 10 + (text[i + k] - '0');
        count++;
        i += d;
        if (i < e && text[i] == '+') i++;
        if (i < e && text[i] == '-' && count == 1) {
            i++;
            continue;
        }
        break;
    }
    if (i >= e || text[i] != '/') return false;
    const size_t d = sc.digits(i + 1, 2);
    if (d == 0 || i + 1 + d != e) return false;
    const int32_t top = d == 1 ? text[i + 1] - '0' : (text[i + 1] - '0') * 10 + (text[i + 2] - '0');
    const bool scale_top = top == 4 || top == 5 || top == 6 || top == 10;
    // The sum of a score's parts: "Nottingham grade 2 (3+2+1=6/9)".
    const bool sum_of_parts = b >= 2 && text[b - 1] == '=' && sc.digit(b - 2);
    if (top == 0 || (!scale_top && !sum_of_parts && !sc.context(b, 40, k_score_words))) return false;
    for (int32_t k = 0; k < count; k++) {
        if (readings[k] > top) return false;
    }
    // "pain since 7/10" is a date: the date rule's own context words win, except for a range
    // ("pain to 2-3/10"), which no date layout writes.
    if (count == 1 && sc.context(b, 12, k_month_day_context)) return false;
    if (!scale_top || sc.context(b, 40, k_scale_before) || sc.context_after(e, 20, k_scale_after)) return true;
    // A reading in a series ("strength 4/5 on the right and 3/5 on the left") is on the scale of the
    // reading just before it, if that one is on the same scale within 30 bytes.
    for (size_t q = b; series > 0 && q > 1 && b - q < 30; q--) {
        if (text[q - 1] != '/' || !(sc.digit(q - 2) || text[q - 2] == '+')) continue;
        const size_t dq = sc.digits(q, 2);
        if (dq == d && !memcmp(text + q, text + i + 1, d) && (q + dq >= len || !sc.digit(q + dq))) {
            return clinical_scale_reading(text, len, q - 2, q + dq, series - 1);
        }
    }
    return false;
}

} // namespace

bool is_clinical_scale(const char * text, size_t len, size_t b, size_t e) {
    return clinical_scale_reading(text, len, b, e, 3);
}

void widen_to_joined_digits(const char * text, size_t len, const char * joiners, size_t * b, size_t * e) {
    const auto digit  = [&](size_t k) { return k < len && text[k] >= '0' && text[k] <= '9'; };
    const auto joiner = [&](size_t k) { return k < len && text[k] != 0 && strchr(joiners, text[k]) != nullptr; };
    while (*b > 0 && (digit(*b - 1) || (*b >= 2 && joiner(*b - 1) && digit(*b - 2)))) --*b;
    while (*e < len && (digit(*e) || (joiner(*e) && digit(*e + 1)))) ++*e;
}

// One of the units right after e, or after one space or hyphen ("100 milligrams", "2-wk").
bool unit_after(const scanner & sc, size_t e, const char * const * units) {
    if (e < sc.n && (sc.s[e] == ' ' || sc.s[e] == '-')) e++;
    for (const char * const * unit = units; *unit; unit++) {
        if (sc.word_at(e, *unit)) return true;
    }
    return false;
}

bool is_clinical_quantity(const char * text, size_t len, size_t b, size_t e) {
    const scanner sc{(const uint8_t *) text, len, false, nullptr};
    // The whole reading: the model may tag "8" and "10" of "8-10 years" apart. A '-' or '/' joins
    // two digits ("2-wk" keeps its hyphen out).
    widen_to_joined_digits(text, len, "-/", &b, &e);
    if (memchr(text + b, '/', e - b)) {
        // A slash reading with a three-digit number ("130-140/70-80"): a date's numbers have 1, 2 or 4 digits.
        for (size_t i = b; i < e; i++) {
            if (sc.digit(i) && (i == b || !sc.digit(i - 1)) && sc.digits(i, 4) == 3) return true;
        }
        return false;
    }
    size_t i = b, d = sc.digits(i, 4);
    if (d == 0) return false;
    i += d;
    if (i < e && text[i] == '-') {
        d = sc.digits(i + 1, 4);
        if (d == 0) return false;
        i += 1 + d;
    }
    // "in the 2000s units per day": hundreds or thousands of an amount, not a decade.
    if (i + 1 == e && text[i] == 's') return unit_after(sc, e, k_amount_units);
    if (i != e) return false;
    return unit_after(sc, e, k_time_units) || unit_after(sc, e, k_amount_units);
}

bool is_amount(const char * text, size_t len, size_t b, size_t e) {
    const scanner sc{(const uint8_t *) text, len, false, nullptr};
    widen_to_joined_digits(text, len, ",.", &b, &e);
    return e > b && sc.digit(e - 1) && unit_after(sc, e, k_amount_units);
}

const char * const k_ordinal_nouns[] = {
    "finger", "fingers", "fingertip", "fingertips", "fingernail", "toe", "toes", "toenail", "digit", "digits", "metacarpal",
    "metacarpals", "metatarsal", "metatarsals", "mcp", "mtp", "pip", "dip", "rib", "ribs", "intercostal", "vertebra",
    "vertebrae", "cervical", "thoracic", "lumbar", "sacral", "ventricle", "cranial", "nerve", "nerves", "web", "cousin",
    "cousins", "degree", "trimester", "percentile", "generation", "grade", "grader", "line", nullptr};
const char * const k_ordinal_joins[] = {"and", "or", "to", "through", "thru", nullptr};

const char * const k_demonyms[] = {"american", "african", "latin", "asian", "hispanic", "caucasian", "european",
                                   "native", "latino", "latina", "mexican", nullptr};

bool is_only_demonyms(const char * text, size_t len, size_t b, size_t e) {
    const scanner sc{(const uint8_t *) text, len, false, nullptr};
    bool any = false;
    for (size_t i = b; i < e;) {
        if (!sc.alpha(i)) {
            i++;
            continue;
        }
        const size_t w = sc.alpha_end(i);
        if (w > e || !in_list(sc, i, w, k_demonyms)) return false;
        any = true;
        i = w;
    }
    return any;
}

bool is_only_kinds_of_care(const char * text, size_t len, size_t b, size_t e) {
    static const char * const others[] = {"facility", "agency", "services", "program", nullptr};
    const scanner sc{(const uint8_t *) text, len, false, nullptr};
    bool any = false;
    for (size_t i = b; i < e;) {
        if (!sc.alpha(i)) {
            if (text[i] != ' ' && text[i] != '&' && text[i] != '-') return false;
            i++;
            continue;
        }
        const size_t w = sc.alpha_end(i);
        if (w > e) return false;
        bool care = in_list(sc, i, w, k_kinds_of_care) || in_list(sc, i, w, others) || sc.word_at(i, "and");
        // "General Hospital" is left to the model: a hospital's name, shortened.
        for (const char * const * t = k_care_site_tails; *t && !care && !sc.word_at(i, "hospital"); t++) {
            for (const char * p = *t; p && !care; p = strchr(p, ' ') ? strchr(p, ' ') + 1 : nullptr) {
                const char * pe = strchr(p, ' ');
                care = (size_t) ((pe ? pe : p + strlen(p)) - p) == w - i && sc.word_at(i, std::string(p, w - i).c_str());
            }
        }
        if (!care) return false;
        any = true;
        i = w;
    }
    return any;
}

bool is_place_word_of_another_kind(const char * text, size_t len, size_t b, size_t e) {
    const scanner sc{(const uint8_t *) text, len, false, nullptr};
    return next_word_in(sc, e, k_eponym_nouns) || is_only_demonyms(text, len, b, e);
}

bool is_common_word_of_a_compound(const char * text, size_t len, size_t b, size_t e) {
    const scanner sc{(const uint8_t *) text, len, false, nullptr};
    const size_t w = e > b && text[e - 1] == '-' ? e - 1 : e; // the model may take the hyphen
    return sc.alpha_end(b) == w && w + 1 < len && text[w] == '-' && text[w + 1] >= 'a' && text[w + 1] <= 'z' &&
           is_common_word(text + b, w - b);
}

bool is_number_in_a_name(const char * text, size_t len, size_t b, size_t e) {
    const scanner sc{(const uint8_t *) text, len, false, nullptr};
    if (b < 2 || e <= b || !sc.digit(b) || text[b - 1] != '-' || !sc.alpha(b - 2)) return false;
    size_t w = b - 2;
    while (w > 0 && sc.alpha(w - 1)) w--;
    return !is_month_name_at(text, len, w); // "Jan-19" is a date
}

bool is_cut_number(const char * text, size_t len, size_t b, size_t e) {
    const scanner sc{(const uint8_t *) text, len, false, nullptr};
    return e > b && sc.digit(e - 1) && e + 4 <= len && text[e] == ',' && sc.digit(e + 1) && sc.digit(e + 2) &&
           sc.digit(e + 3) && !sc.digit(e + 4);
}

bool is_obstetric_history(const char * text, size_t len, size_t b, size_t e) {
    const scanner sc{(const uint8_t *) text, len, false, nullptr};
    size_t k = b + 1;
    if (e - b < 4 || (text[b] | 32) != 'g' || !sc.digit(k)) return false;
    while (k < e && sc.digit(k)) k++;
    if (k - b > 3 || k >= e || (text[k] | 32) != 'p' || !sc.digit(k + 1)) return false;
    size_t digits = 0;
    for (k++; k < e; k++) {
        if (sc.digit(k)) digits++;
        else if (text[k] != '-' || !sc.digit(k + 1)) return false;
    }
    return digits <= 4;
}

bool is_said_to_be_ones_job(const char * text, size_t len, size_t b) {
    const scanner sc{(const uint8_t *) text, len, false, nullptr};
    size_t wb = 0, we = 0;
    token_before(sc, b, &wb, &we);
    if (we == wb || !in_list(sc, wb, we, k_articles_a)) return false;
    const auto word_is = [&](const char * w) { return we > wb && sc.word_is(wb, we, w); };
    token_before(sc, wb, &wb, &we);
    if (contracted_subject(sc, wb, we, {"m"}) || word_is("im")) return true; // "I'm a"
    if (word_is("am")) return token_before(sc, wb, &wb, &we), word_is("i");
    if (word_is("is")) return token_before(sc, wb, &wb, &we), word_is("who");
    if (word_is("be")) {
        token_before(sc, wb, &wb, &we);
        return word_is("to") && (token_before(sc, wb, &wb, &we), word_is("used"));
    }
    if (!word_is("been")) return false;
    token_before(sc, wb, &wb, &we);
    if (contracted_subject(sc, wb, we, {"ve"})) return true; // "I've been a"
    return word_is("have") && (token_before(sc, wb, &wb, &we), word_is("i"));
}

// Words that say the next one is an occupation: "a retired shepherd", "Former glassblower".
const char * const k_job_qualifiers[] = {"retired", "former", "part-time", "full-time", "freelance",
                                         "self-employed", "licensed", "certified", nullptr};

bool has_a_job_head(const char * text, size_t len, size_t b, size_t e) {
    const scanner sc{(const uint8_t *) text, len, false, nullptr};
    size_t qb = 0, qe = 0;
    token_before(sc, b, &qb, &qe);
    if (qe > qb && in_list(sc, qb, qe, k_job_qualifiers)) return true;
    // The word after the span, when a space comes between.
    size_t ne = e + 1;
    while (e + 1 < len && text[e] == ' ' && (sc.word(ne) || (sc.s[ne] == '-' && sc.alpha(ne + 1)))) ne++;
    const bool next_word = ne > e + 1 && sc.alpha(e + 1) && !in_list(sc, e + 1, ne, k_occupation_ends);
    // The model may stop before the occupation's last word ("lighthouse" of "lighthouse keeper").
    if (next_word && is_job_word(sc, e + 1, ne)) return true;
    size_t we = e;
    for (;;) {
        while (we > b && !sc.word(we - 1)) we--;
        size_t wb = we;
        while (wb > b && sc.word(wb - 1)) wb--;
        if (wb == we) return true; // no word: the other checks judge it
        // "counselor too", "a nurse and": the span may take a word after the occupation.
        if (wb > b && in_list(sc, wb, we, k_occupation_ends)) {
            we = wb;
            continue;
        }
        if (!is_job_word(sc, wb, we)) return false;
        // The -al and -ive endings of "paralegal" and "detective" also make adjectives, which the
        // model tags alone before their noun: "paracentral disc", "convulsive activity".
        const bool adjective = we - wb > 4 && (sc.prefix_at(we - 2, "al") || sc.prefix_at(we - 3, "ive")) &&
                               !in_list(sc, wb, we, k_job_words);
        return !(adjective && wb == b && we == e && next_word && !sc.upper(e + 1));
    }
}

bool is_before_a_state(const char * text, size_t len, size_t e) {
    return e < len && text[e] == ',' && state_after(scanner{(const uint8_t *) text, len, false, nullptr}, e);
}

bool is_too_short_for_a_phone(const char * text, size_t len, size_t b, size_t e) {
    const scanner sc{(const uint8_t *) text, len, false, nullptr};
    for (size_t i = b; i < e; i++) {
        if (sc.alpha(i)) return false; // an extension marker: "x1234"
    }
    widen_to_joined_digits(text, len, "-. ", &b, &e);
    size_t digits = 0;
    for (size_t i = b; i < e; i++) digits += sc.digit(i);
    static const char * const paging[] = {"page", "paged", "bleep", "dial", "extension", "ext", nullptr};
    return digits < 7 && !sc.context(b, 20, k_phone_context) && !sc.context(b, 20, k_pager_context) &&
           !sc.context(b, 20, paging);
}

bool is_mixed_number(const char * text, size_t len, size_t b, size_t e) {
    const scanner sc{(const uint8_t *) text, len, false, nullptr};
    widen_to_joined_digits(text, len, "/-.", &b, &e);
    // The number of at most `max` digits at i, then the separator `next` (0: the reading's end).
    size_t i = b;
    const auto number_then = [&](size_t max, char next, long * value) {
        const size_t d = sc.digits(i, max);
        *value = 0;
        for (size_t k = 0; k < d; k++) *value = *value * 10 + (text[i + k] - '0');
        i += d;
        const bool ok = d > 0 && (next ? i < e && text[i] == next : i == e);
        i += next ? 1 : 0;
        return ok;
    };
    long whole = 0, numerator = 0, denominator = 0;
    return number_then(3, '-', &whole) && number_then(2, '/', &numerator) && number_then(2, 0, &denominator) &&
           numerator < denominator && denominator <= 16;
}

bool is_count_of_total(const char * text, size_t len, size_t b, size_t e) {
    static const char * const before[] = {"recall", "recalled", "day", "days", "cycle", "dose", "week", "session", "attended",
                                          "completed", "nodes", "cores", "scored", "positive", "negative", "moves", "passed",
                                          "identified", "named", "got", "page", "pg", nullptr};
    static const char * const after[] = {"sessions", "extremities", "limbs", "positive", "negative", "correct", "doses", "cores",
                                         "nodes", "visits", "attempts", "trials", "words", "items", "objects", "cycles",
                                         "questions", "criteria", "sets", "lymph", "biopsies", "specimens", "samples",
                                         "fragments", "slides", "margins", nullptr};
    const scanner sc{(const uint8_t *) text, len, false, nullptr};
    widen_to_joined_digits(text, len, "/-.", &b, &e);
    const size_t top = sc.digits(b, 3);
    if (top == 0 || b + top >= e || text[b + top] != '/') return false;
    const size_t bottom = sc.digits(b + top + 1, 3);
    if (bottom == 0 || b + top + 1 + bottom != e) return false;
    const long t = strtol(text + b, nullptr, 10), u = strtol(text + b + top + 1, nullptr, 10);
    if (t > u || u > 31) return false;
    size_t p = b;
    while (p > 0 && text[p - 1] == ' ') p--;
    size_t w = p;
    while (w > 0 && sc.alpha(w - 1)) w--;
    size_t q = e;
    while (q < len && text[q] == ' ') q++;
    return (w < p && in_list(sc, w, p, before)) || (q > e && in_list(sc, q, sc.alpha_end(q), after));
}

bool is_clinical_ordinal(const char * text, size_t len, size_t b, size_t e) {
    const scanner sc{(const uint8_t *) text, len, false, nullptr};
    // The length of the ordinal ("4th", "21st") at i, or 0.
    const auto ordinal = [&](size_t i) -> size_t {
        const size_t d = sc.digits(i, 2);
        if (d == 0 || !sc.word_start(i)) return 0;
        for (const char * suffix : {"st", "nd", "rd", "th"}) {
            if (sc.prefix_at(i + d, suffix) && sc.word_end(i + d + 2)) return d + 2;
        }
        return 0;
    };
    if (ordinal(b) != e - b) return false;
    // Past "and 5th", "-5th", "or 5th": the first other word decides.
    size_t i = e;
    for (int words = 0; words < 6; words++) {
        while (i < len && (text[i] == ' ' || text[i] == '-' || text[i] == ',')) i++;
        if (const size_t o = ordinal(i)) {
            i += o;
            continue;
        }
        const char * const * join = k_ordinal_joins;
        while (*join && !sc.word_at(i, *join)) join++;
        if (*join) {
            i += strlen(*join);
            continue;
        }
        for (const char * const * w = k_ordinal_nouns; *w; w++) {
            if (sc.word_at(i, *w)) return true;
        }
        break;
    }
    // Or the noun came first in the same sentence ("the 4th and 5th fingers in the left hand and 3rd and
    // 4th on the right"), unless a date context word stands just before ("fingers numb since the 3rd").
    if (sc.context(b, 12, k_month_day_context)) return false;
    size_t lo = b;
    while (lo > 0 && b - lo < 40 && text[lo - 1] != '.' && text[lo - 1] != ';' && text[lo - 1] != '\n') lo--;
    for (size_t p = lo; p < b; p++) {
        if (!sc.word_start(p)) continue;
        for (const char * const * w = k_ordinal_nouns; *w; w++) {
            if (sc.word_at(p, *w)) return true;
        }
    }
    return false;
}

bool is_room_word_before_its_number(const char * text, size_t len, size_t b, size_t e) {
    static const char * const words[] = {"room", "rm", "bed", nullptr};
    const scanner sc{(const uint8_t *) text, len, false, nullptr};
    if (!in_list(sc, b, e, words)) return false;
    size_t p = e + (e < len && text[e] == '.');
    const size_t gap = p;
    while (p < len && (text[p] == ' ' || text[p] == '#' || text[p] == ':')) p++;
    return p > gap && room_number_end(sc, p, true) != 0;
}

bool is_role_word_before_a_name(const char * text, size_t len, size_t b, size_t e) {
    const scanner sc{(const uint8_t *) text, len, false, nullptr};
    if (!in_list(sc, b, e, k_social_roles) && !in_list(sc, b, e, k_care_roles) && !in_list(sc, b, e, k_titles_of_office)) {
        return false;
    }
    // A name in title case or an initial: "Mentor NJ" is the town before its state.
    const size_t p = e + (e < len && text[e] == '.') + 1;
    if (p + 2 >= len || text[p - 1] != ' ' || !sc.upper(p)) return false;
    return (text[p + 1] == '.' && text[p + 2] == ' ') || (sc.s[p + 1] >= 'a' && sc.s[p + 1] <= 'z' && capitalised_word_end(sc, p) > p);
}

size_t care_site_name_end(const char * text, size_t len, size_t b, size_t e, bool person) {
    const scanner sc{(const uint8_t *) text, len, false, nullptr};
    if (person) {
        // "Mr. John Manor" is a man.
        size_t t = b;
        while (t > 0 && (text[t - 1] == ' ' || text[t - 1] == '.')) t--;
        size_t w = t;
        while (w > 0 && sc.alpha(w - 1)) w--;
        if (w < t && (in_list(sc, w, t, k_titles) || sc.word_at(w, "doctor"))) return 0;
    }
    if (e + 1 < len && text[e] == ' ') {
        const size_t end = care_site_tail_end(text, len, e + 1);
        if (end > e + 1) return end;
    }
    for (size_t w = b + 1; w < e; w++) {
        if (text[w - 1] == ' ' && care_site_tail_end(text, len, w) == e) return e;
    }
    return 0;
}

size_t place_name_start(const char * text, size_t len, size_t b, size_t e) {
    const scanner sc{(const uint8_t *) text, len, false, nullptr};
    // In capitals, a word is an initialism of the name ("UCSF", "ABCD General Hospital"), of five
    // letters at most ("FORMER EMPLOYER" is a label), and only where the place is not: in a heading
    // or a shouted line every word is.
    bool place_in_capitals = true;
    for (size_t k = b; k < e; k++) place_in_capitals &= !(sc.s[k] >= 'a' && sc.s[k] <= 'z');
    for (int words = 0; words < 3 && b >= 2 && text[b - 1] == ' '; words++) {
        size_t w = b - 1;
        while (w > 0 && (sc.alpha(w - 1) || sc.s[w - 1] >= 0x80 || sc.s[w - 1] == '-' || sc.s[w - 1] == '\'')) w--;
        if (w == b - 1 || capitalised_word_end(sc, w) != b - 1) break;
        if (!(sc.s[w + 1] >= 'a' && sc.s[w + 1] <= 'z') && (place_in_capitals || b - 1 - w > 5)) break;
        // Not the first word of a line, a sentence or a field, where any word has its capital.
        size_t p = w;
        while (p > 0 && text[p - 1] == ' ') p--;
        if (p == 0 || strchr(".!?:;\n\r\t", text[p - 1])) break;
        const char * t = text + w;
        const size_t n = b - 1 - w;
        if (is_common_word(t, n) || is_clinical_term(t, n) || in_list(sc, w, b - 1, k_titles) ||
            in_list(sc, w, b - 1, k_weekdays) || is_month_name_at(text, len, w)) {
            break;
        }
        b = w;
    }
    return b;
}

// Capitalised words after a name that make it a place's or a thing's ("Cross Country", "Essex
// County", "Boston University"), or that begin what follows a name in letters, portal messages and
// signatures ("Copy to", "Login from", "Billing account").
const char * const k_no_surnames[] = {"country", "county", "city", "street", "avenue", "road", "university", "college",
                                      "school", "club", "copy", "cc", "login", "remote", "acct", "account", "billing",
                                      "my", "per", "re", "attn", "x-ray", nullptr};

// Endings of English adjectives, adverbs and nouns, of words of 7 letters or more: "Constitutional",
// "Genitourinary", "Additionally", "Residence", "Billing". A surname with one is left to the model.
const char * const k_english_endings[] = {"al", "ary", "ly", "ing", "ed", "tion", "ence", "ance", "ment", "ness", "ity",
                                          "ive", "ous", nullptr};

size_t name_surname_end(const char * text, size_t len, size_t b, size_t e) {
    const scanner sc{(const uint8_t *) text, len, false, nullptr};
    if (b >= e || capitalised_word_end(sc, b) != e || !(e - b >= 2 && sc.s[b + 1] >= 'a' && sc.s[b + 1] <= 'z')) return e;
    if (e + 2 >= len || text[e] != ' ') return e;
    const size_t w = e + 1;
    size_t q = capitalised_word_end(sc, w);
    if (q == w && w + 2 < len && text[w + 1] == '\'' && sc.upper(w + 2)) q = capitalised_word_end(sc, w + 2); // "O'Shea"
    if (q >= w + 4 && text[q - 2] == '\'' && text[q - 1] == 's') q -= 2; // "Smith's": its possessive stays out
    bool lower = false; // not in capitals, as a heading writes every word
    for (size_t k = w + 1; k < q; k++) lower |= sc.s[k] >= 'a' && sc.s[k] <= 'z';
    if (q < w + 2 || !lower || (q < len && sc.word(q))) return e;
    const char * t = text + w;
    const size_t n = q - w;
    if (q < len && text[q] == ':') return e; // a label: "Constitutional:"
    for (const char * const * ending = k_english_endings; n >= 7 && *ending; ending++) {
        const size_t m = strlen(*ending);
        if (sc.word_is(q - m, q, *ending)) return e;
    }
    if (is_common_word(t, n) || is_clinical_term(t, n) || in_list(sc, w, q, k_titles) || in_list(sc, w, q, k_weekdays) ||
        is_month_name_at(text, len, w) || in_list(sc, w, q, k_facility_words) || in_list(sc, w, q, k_no_surnames) ||
        care_site_tail_end(text, len, w) != w) {
        return e;
    }
    return q;
}

bool is_name_particle(const char * text, size_t n) {
    const scanner sc{(const uint8_t *) text, n, false, nullptr};
    return in_list(sc, 0, n, k_name_particles);
}

bool is_month_after_a_word_of_time(const char * text, size_t len, size_t b, size_t e) {
    static const char * const words_of_time[] = {"in", "since", "until", "till", "during", "last", "next", "early",
                                                 "late", "mid", "this", nullptr};
    const scanner sc{(const uint8_t *) text, len, false, nullptr};
    if (!is_month_name_at(text, len, b)) return false;
    size_t m = sc.alpha_end(b);
    if (m < len && text[m] == '.') m++; // "Sept."
    if (m < e) return false;
    size_t wb = 0, we = 0;
    token_before(sc, b, &wb, &we);
    return we > wb && in_list(sc, wb, we, words_of_time);
}

bool is_pedigree_position(const char * text, size_t len, size_t b, size_t e) {
    const scanner sc{(const uint8_t *) text, len, false, nullptr};
    const auto roman = [&](size_t k) { return k < len && (text[k] == 'I' || text[k] == 'V'); };
    while (b > 0 && (roman(b - 1) || sc.digit(b - 1) || text[b - 1] == '-')) b--;
    while (e < len && (roman(e) || sc.digit(e) || text[e] == '-')) e++;
    size_t k = b;
    while (k < e && roman(k)) k++;
    if (k == b || k - b > 4 || k + 1 >= e || text[k] != '-' || !sc.word_start(b) || !sc.word_end(e)) return false;
    const size_t digits = sc.digits(k + 1, 3);
    return digits >= 1 && digits <= 2 && k + 1 + digits == e;
}

bool is_may_the_verb(const char * text, size_t len, size_t b, size_t e) {
    static const char * const subjects[] = {"it", "i", "you", "we", "they", "he", "she", "this", "that", "which",
                                            "who", "symptoms", "patient", "pt", nullptr};
    const scanner sc{(const uint8_t *) text, len, false, nullptr};
    if (e != b + 3 || !sc.word_at(b, "may") || e + 1 >= len || text[e] != ' ' || !sc.alpha(e + 1)) return false;
    size_t wb = 0, we = 0;
    token_before(sc, b, &wb, &we);
    return we > wb && in_list(sc, wb, we, subjects);
}

bool is_label_of_no_date(const char * text, size_t len, size_t b, size_t e) {
    const scanner sc{(const uint8_t *) text, len, false, nullptr};
    parsed_date d;
    return sc.alpha(b) && sc.alpha_end(b) == e && e < len && text[e] == ':' && !is_month_name_at(text, len, b) &&
           !in_list(sc, b, e, k_weekdays) && !holiday_at(sc, b) && !parse_date(text + b, e - b, false, &d);
}

bool is_minutes_of_a_time(const char * text, size_t len, size_t b, size_t e) {
    const scanner sc{(const uint8_t *) text, len, false, nullptr};
    return e == b + 2 && sc.digit(b) && sc.digit(b + 1) && b >= 2 && text[b - 1] == ':' && sc.digit(b - 2) &&
           (b < 4 || !sc.digit(b - 4)) && !(e + 1 < len && (text[e] == ':' || text[e] == '/') && sc.digit(e + 1));
}

bool is_sex_after_its_label(const char * text, size_t len, size_t b, size_t e) {
    static const char * const sexes[]  = {"m", "f", "x", "u", "male", "female", nullptr};
    static const char * const labels[] = {"sex", "gender", nullptr};
    const scanner sc{(const uint8_t *) text, len, false, nullptr};
    if (!in_list(sc, b, e, sexes)) return false;
    size_t p = b;
    while (p > 0 && text[p - 1] == ' ') p--;
    if (p == 0 || text[p - 1] != ':') return false;
    p--;
    size_t w = p;
    while (w > 0 && sc.alpha(w - 1)) w--;
    return in_list(sc, w, p, labels);
}

size_t season_year_end(const char * text, size_t len, size_t b, size_t e) {
    const scanner sc{(const uint8_t *) text, len, false, nullptr};
    parsed_date d;
    const size_t l = sc.alpha_end(b) == e ? match_date(text, len, b, false, false, &d) : 0;
    return l && d.season ? b + l : 0;
}

void find_repeated_cities(const char * text, size_t len, const text_index & index, std::vector<span> * spans) {
    const scanner sc{(const uint8_t *) text, len, false, nullptr};
    std::vector<std::pair<size_t, size_t>> taken; // every span, in bytes
    std::vector<std::string_view> cities;
    for (const span & s : *spans) {
        const size_t b = (size_t) index.byte_of_cp[(size_t) s.begin], e = (size_t) index.byte_of_cp[(size_t) s.end];
        taken.emplace_back(b, e);
        if (s.subtype == "CITY" && sc.upper(b) && is_city(sc, b, e)) cities.emplace_back(text + b, e - b);
    }
    std::sort(cities.begin(), cities.end());
    cities.erase(std::unique(cities.begin(), cities.end()), cities.end());
    const std::string_view all(text, len);
    std::vector<span> found;
    for (const std::string_view city : cities) {
        for (size_t at = all.find(city); at != std::string_view::npos; at = all.find(city, at + 1)) {
            const size_t end = at + city.size();
            // Not a person's surname that is a town's name too ("Mathias Adams", "Dr. Hudson").
            if (!sc.word_start(at) || !sc.word_end(end) || next_word_in(sc, end, k_eponym_nouns) ||
                after_a_name_word(sc, at)) {
                continue;
            }
            const bool inside = std::any_of(taken.begin(), taken.end(), [&](const std::pair<size_t, size_t> & t) {
                return t.first < end && at < t.second;
            });
            if (inside) continue;
            found.push_back(rule_span(index.cp_of_byte((int32_t) at), index.cp_of_byte((int32_t) end), 0.75f, "LOCATION", "CITY", "city"));
        }
    }
    for (span & s : found) spans->push_back(std::move(s));
}

bool is_structure_field(const span & s) {
    return s.source == SOURCE_RULE && (s.origin == "table" || s.origin == "hl7" || s.origin == "json" || s.origin == "xml");
}

void find_record_names_again(const char * text, size_t len, const text_index & index, std::vector<span> * spans) {
    const scanner sc{(const uint8_t *) text, len, false, nullptr};
    // A JSON document's letters may be escapes ("Vi\u1ec7t" of Python's json.dumps): a word's part.
    const std::vector<std::pair<size_t, size_t>> escapes = json_escapes(text, len);
    const auto word = [&](size_t p) {
        const std::pair<size_t, size_t> * r = json_escape_at(escapes, p);
        return r ? json_escape_is_letter(text, *r) : sc.word(p);
    };
    const auto word_start = [&](size_t p) { return p == 0 || !word(p - 1); };
    // The end of a name word at b: letters, and apostrophes and hyphens between them ("O'Brien").
    const auto word_end = [&](size_t b) {
        size_t e = b;
        while (word(e) || (e < sc.n && (sc.s[e] == '\'' || sc.s[e] == '-') && e > b && word(e + 1))) e++;
        return e;
    };
    // Whether a word begins at w with a capital ("Çağdaş" too), and a word in lower case ("görmer").
    const auto capital = [&](size_t w) {
        uint32_t cp = 0;
        if (const std::pair<size_t, size_t> * r = json_escape_at(escapes, w)) cp = json_escape_value(text, *r);
        else if (w < len) utf8_next(sc.s, len, w, &cp);
        return unicode::is_upper(cp);
    };
    const auto lower_word = [&](size_t b, size_t e) {
        const std::string plain = json_unescaped(text + b, e - b);
        return unicode::lower_utf8(plain.data(), plain.size());
    };
    struct record_word {
        std::string lower;
        std::string subtype;
        bool        written_in_lower_case = false; // somewhere in the text: a word of its sentences too
    };
    std::vector<record_word> words;
    for (const span & s : *spans) {
        const size_t b = (size_t) index.byte_of_cp[(size_t) s.begin], e = (size_t) index.byte_of_cp[(size_t) s.end];
        if (s.type != "NAME" || s.subtype == "USERNAME" || !is_structure_field(s)) continue;
        for (size_t w = b; w < e;) {
            if (!word(w) || !word_start(w)) {
                w++;
                continue;
            }
            const size_t we = std::min(word_end(w), e);
            // A given name that is a common word ("Will", "Hope") or a title ("Dr") stays the record's.
            if (capital(w) && we - w >= 2 && !is_common_word(text + w, we - w) && !is_clinical_term(text + w, we - w)) {
                const std::string lower = lower_word(w, we);
                if (std::none_of(words.begin(), words.end(), [&](const record_word & r) { return r.lower == lower; })) {
                    words.push_back({lower, s.subtype});
                }
            }
            w = we;
        }
    }
    if (words.empty()) return;
    std::vector<std::pair<size_t, size_t>> taken; // every span, in bytes
    const std::string_view all(text, len);
    for (record_word & r : words) {
        for (size_t at = all.find(r.lower); at != std::string_view::npos && !r.written_in_lower_case; at = all.find(r.lower, at + 1)) {
            r.written_in_lower_case = word_start(at) && !word(at + r.lower.size());
        }
    }
    const auto record_word_of = [&](size_t w, size_t we) {
        const std::string lower = lower_word(w, we);
        return std::find_if(words.begin(), words.end(), [&](const record_word & x) { return x.lower == lower; });
    };
    // The model's other entity that is a word the record names a person ("BŁASZCZYK" read as a city)
    // is the person's name.
    taken.clear();
    for (const span & s : *spans) {
        const size_t b = (size_t) index.byte_of_cp[(size_t) s.begin], e = (size_t) index.byte_of_cp[(size_t) s.end];
        if (s.source != SOURCE_MODEL || s.type == "NAME" || record_word_of(b, e) == words.end()) taken.emplace_back(b, e);
    }
    std::vector<span> found;   // bytes until the end
    std::vector<span> anchors; // the person's names in the text, found or already spans: bytes
    for (const span & s : *spans) {
        if (s.type != "NAME" || is_structure_field(s)) continue;
        const size_t b = (size_t) index.byte_of_cp[(size_t) s.begin], e = (size_t) index.byte_of_cp[(size_t) s.end];
        for (size_t w = b; w < e; w = std::max(word_end(w), w + 1)) {
            if (!word(w) || !word_start(w)) continue;
            if (const auto r = record_word_of(w, std::min(word_end(w), e)); r != words.end()) {
                anchors.push_back(rule_span(b, e, 0, "NAME", r->subtype.c_str(), "record"));
                break;
            }
        }
    }
    for (size_t w = 0; w < len;) {
        if (!word_start(w) || !word(w) || !capital(w)) {
            w++;
            continue;
        }
        const size_t we = word_end(w);
        const auto r = record_word_of(w, we);
        if (r == words.end()) {
            w = we;
            continue;
        }
        const bool inside = std::any_of(taken.begin(), taken.end(), [&](const std::pair<size_t, size_t> & t) {
            return t.first < we && w < t.second;
        });
        // "Will call.": at a sentence's start, a word the text also writes in lower case says nothing.
        size_t before = w;
        while (before > 0 && text[before - 1] == ' ') before--;
        const bool sentence_start = before == 0 || strchr(".!?:\n", text[before - 1]);
        if (!inside && !next_word_in(sc, we, k_eponym_nouns) && !(sentence_start && r->written_in_lower_case)) {
            // "Lee Zoë": a name's words one space apart are one name.
            if (!found.empty() && found.back().subtype == r->subtype && (size_t) found.back().end + 1 == w && text[w - 1] == ' ') {
                found.back().end = (int32_t) we;
            } else {
                found.push_back(rule_span(w, we, 0.9f, "NAME", r->subtype.c_str(), "record"));
            }
        }
        w = we;
    }
    // "Ancuța Ian <b>GÖRMER</b>": one or two capitalised words between two names of a person the
    // record names, apart by spaces or tags, are the person's middle names.
    anchors.insert(anchors.end(), found.begin(), found.end());
    std::sort(anchors.begin(), anchors.end(), [](const span & x, const span & y) { return x.begin < y.begin; });
    for (size_t k = 0; k + 1 < anchors.size(); k++) {
        const span & a = anchors[k], & z = anchors[k + 1];
        const size_t from = (size_t) a.end, to = (size_t) z.begin;
        if (a.subtype != z.subtype || to <= from || to - from > 64 || text[from] != ' ') continue;
        std::vector<std::pair<size_t, size_t>> between;
        bool names = true;
        for (size_t p = from; p < to && names;) {
            if (text[p] == ' ') {
                p++;
            } else if (text[p] == '<') {
                const char * gt = (const char *) memchr(text + p, '>', to - p);
                names = gt && !memchr(text + p, '\n', (size_t) (gt - text) - p);
                if (names) p = (size_t) (gt - text) + 1;
            } else {
                size_t we = std::min(word_end(p), to);
                if (we - p == 1 && we < to && text[we] == '.') we++; // an initial: "J."
                names = word(p) && capital(p) && word_start(p) && between.size() < 2 &&
                        (we - p <= 2 || !is_common_word(text + p, we - p)) && !is_clinical_term(text + p, we - p);
                between.emplace_back(p, we);
                p = we;
            }
        }
        if (!names) continue;
        for (const std::pair<size_t, size_t> & w : between) {
            const bool inside = std::any_of(taken.begin(), taken.end(), [&](const std::pair<size_t, size_t> & t) {
                return t.first < w.second && w.first < t.second;
            });
            if (!inside) found.push_back(rule_span(w.first, w.second, 0.9f, "NAME", a.subtype.c_str(), "record"));
        }
    }
    for (span & s : found) {
        s.begin = index.cp_of_byte(s.begin);
        s.end   = index.cp_of_byte(s.end);
    }
    // The model's entity of another type over a word found so goes: a higher score would keep it.
    spans->erase(std::remove_if(spans->begin(), spans->end(),
                                [&](const span & m) {
                                    return m.source == SOURCE_MODEL && m.type != "NAME" &&
                                           std::any_of(found.begin(), found.end(), [&](const span & f) {
                                               return f.begin == m.begin && f.end == m.end;
                                           });
                                }),
                 spans->end());
    spans->insert(spans->end(), found.begin(), found.end());
}

size_t place_of_a_town_end(const char * text, size_t len, size_t e) {
    const scanner sc{(const uint8_t *) text, len, false, nullptr};
    // "Sunrise of" (the model's span took the "of"), or "Sunrise" then " of ".
    size_t p = 0;
    if (e >= 3 && sc.word_at(e - 2, "of") && text[e - 3] == ' ' && e + 1 < len && text[e] == ' ') p = e + 1;
    else if (e + 4 < len && text[e] == ' ' && sc.word_at(e + 1, "of") && text[e + 3] == ' ') p = e + 4;
    return p ? town_after_of_end(sc, p) : 0;
}

void run_rules(const char * text, size_t len, uint32_t families, bool day_first, std::vector<span> * out) {
    const scanner sc{(const uint8_t *) text, len, day_first, out};
    if (families & RULE_PHONE) scan_phone(sc);
    if (families & (RULE_PHONE | RULE_ID)) scan_spoken_digits(sc, families & RULE_PHONE, families & RULE_ID);
    if (families & RULE_EMAIL) scan_email(sc), scan_spoken_email(sc);
    if (families & RULE_URL) scan_url(sc), scan_social_handle(sc);
    if (families & RULE_IP) scan_ip(sc);
    if (families & RULE_SSN) scan_ssn(sc);
    if (families & RULE_ID) scan_id(sc);
    if (families & RULE_DATE) scan_date(sc), scan_holiday(sc), scan_day_of_month(sc);
    if (families & RULE_ZIP) scan_zip(sc);
    if (families & RULE_AGE) scan_age(sc);
    if (families & RULE_NAME) {
        scan_name(sc);
        scan_labelled_name(sc);
        scan_relative_name(sc);
        scan_relatives_possessor(sc);
        scan_nickname(sc);
    }
    if (families & RULE_STREET) scan_street(sc);
    if (families & RULE_ORGANIZATION) {
        scan_employer(sc), scan_saints_hospital(sc), scan_facility_of_a_town(sc), scan_pharmacy_store(sc);
        scan_named_site(sc, k_care_sites), scan_named_site(sc, k_schools), scan_named_site(sc, k_companies);
    }
    if (families & RULE_CITY) scan_city(sc), scan_city_before_a_noun(sc);
    if (families & RULE_PROFESSION) scan_profession(sc);
    if (families & RULE_ROOM) scan_room(sc);
    if (families & RULE_TABLE) {
        scan_table_columns(text, len, out);
        scan_hl7_fields(text, len, out);
        scan_json_fields(text, len, out);
        scan_xml_fields(text, len, out);
    }
}

} // namespace mab
