#include "pipeline/dates.h"

#include "pipeline/number-words.h"

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace mab {

namespace {

const char * const k_months[12] = {"january", "february", "march",     "april",   "may",      "june",
                                   "july",    "august",   "september", "october", "november", "december"};

const char * const k_weekdays[7] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};

bool is_digit(uint8_t c) { return c >= '0' && c <= '9'; }
bool is_alpha(uint8_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
uint8_t lower(uint8_t c) { return c >= 'A' && c <= 'Z' ? (uint8_t) (c + 32) : c; }

// Up to 4 digits at p not followed by another digit: value and width, or width 0.
int read_number(const uint8_t * s, size_t n, size_t p, int32_t * value) {
    int w = 0;
    int32_t v = 0;
    while (p + w < n && is_digit(s[p + w]) && w < 5) v = v * 10 + (s[p + w] - '0'), w++;
    if (w == 0 || w > 4) return 0;
    *value = v;
    return w;
}

// A month name or abbreviation (optionally followed by '.') at p: returns bytes used (the '.' is not
// included), or 0.
size_t read_month(const uint8_t * s, size_t n, size_t p, date_piece * piece, int32_t * month) {
    size_t len = 0;
    while (p + len < n && is_alpha(s[p + len])) len++;
    if (len < 3) return 0;
    for (int m = 0; m < 12; m++) {
        const char * name = k_months[m];
        if (lower(s[p]) != (uint8_t) name[0]) continue;
        size_t full = 0;
        while (name[full]) full++;
        bool ok = len == full || len == 3 || (m == 8 && len == 4); // "Sept"
        for (size_t k = 0; ok && k < len; k++) ok = lower(s[p + k]) == (uint8_t) name[k];
        if (!ok) continue;
        piece->kind  = date_piece::MONTH_NAME;
        piece->width = len == full ? 0 : 3;
        bool all_upper = true;
        for (size_t k = 0; k < len; k++) {
            if (s[p + k] >= 'a') all_upper = false;
        }
        piece->letter_case = all_upper ? 'U' : s[p] >= 'a' ? 'L' : 'T';
        *month = m + 1;
        return len;
    }
    return 0;
}

// A weekday, full or in 3 letters ("Monday", "MON", "tue"), at p: bytes used (not a following '.'), or 0.
size_t read_weekday(const uint8_t * s, size_t n, size_t p, date_piece * piece, int32_t * weekday) {
    size_t len = 0;
    while (p + len < n && is_alpha(s[p + len])) len++;
    for (int w = 0; w < 7 && len >= 3; w++) {
        if (lower(s[p]) != (uint8_t) k_weekdays[w][0]) continue;
        const size_t full = strlen(k_weekdays[w]);
        bool ok = len == full || len == 3;
        for (size_t k = 0; ok && k < len; k++) ok = lower(s[p + k]) == (uint8_t) k_weekdays[w][k];
        if (!ok) continue;
        bool all_upper = true;
        for (size_t k = 0; k < len; k++) all_upper &= s[p + k] < 'a';
        piece->kind        = date_piece::WEEKDAY;
        piece->width       = len == full ? 0 : 3;
        piece->letter_case = all_upper ? 'U' : s[p] >= 'a' ? 'L' : 'T';
        *weekday           = w;
        return len;
    }
    return 0;
}

int32_t weekday_of(int32_t y, int32_t m, int32_t d) { return (int32_t) (((days_from_civil(y, m, d) + 3) % 7 + 7) % 7); } // 1970-01-01 was a Thursday

int32_t full_year(int32_t v, int width) { return width == 2 ? (v < 50 ? 2000 + v : 1900 + v) : v; }
bool plausible_year(int32_t v, int width) { return width == 2 || (width == 4 && v >= 1800 && v <= 2199); }

date_piece literal(const uint8_t * s, size_t b, size_t e) {
    date_piece p;
    p.kind = date_piece::LITERAL;
    for (size_t k = b; k < e; k++) p.text.push_back((char) s[k]); // (assign() trips a GCC 12 -Wrestrict false positive)
    return p;
}

date_piece number_piece(date_piece::kind_t k, int width) {
    date_piece p;
    p.kind  = k;
    p.width = width;
    return p;
}

// An ordinal suffix (st, nd, rd, th) at p not followed by a letter: its length, else 0.
size_t read_ordinal(const uint8_t * s, size_t n, size_t p) {
    if (p + 2 > n) return 0;
    const uint8_t a = lower(s[p]), b = lower(s[p + 1]);
    const bool ok = (a == 's' && b == 't') || (a == 'n' && b == 'd') || (a == 'r' && b == 'd') || (a == 't' && b == 'h');
    if (!ok || (p + 2 < n && is_alpha(s[p + 2]))) return 0;
    return 2;
}

size_t skip_spaces(const uint8_t * s, size_t n, size_t p) {
    while (p < n && s[p] == ' ') p++;
    return p;
}

// The case-insensitive word w at p, not followed by a letter.
bool word_is(const uint8_t * s, size_t n, size_t p, const char * w) {
    size_t k = 0;
    for (; w[k]; k++) {
        if (p + k >= n || lower(s[p + k]) != (uint8_t) w[k]) return false;
    }
    return p + k >= n || !is_alpha(s[p + k]);
}

// One space or hyphen at p, then a letter: what joins the words of a number.
bool joined_at(const uint8_t * s, size_t n, size_t p) { return p + 1 < n && (s[p] == ' ' || s[p] == '-') && is_alpha(s[p + 1]); }

// How the words s[b, e) are written: letter case ('U' all capitals, 'T' capitalised, 'L' lower
// case) and the joiner of tens and units ('-' if any hyphen, else ' ').
void words_style(const uint8_t * s, size_t b, size_t e, date_piece * piece) {
    bool any_lower = false;
    size_t letters = 0;
    piece->joiner = ' ';
    for (size_t k = b; k < e; k++) {
        if (is_alpha(s[k])) letters++, any_lower |= s[k] >= 'a';
        if (s[k] == '-') piece->joiner = '-';
    }
    piece->letter_case = !any_lower && letters > 1 ? 'U' : s[b] >= 'A' && s[b] <= 'Z' ? 'T' : 'L';
}

// A day in words at p ("third", "twenty-sixth"): bytes used, or 0.
size_t read_day_words(const uint8_t * s, size_t n, size_t p, date_piece * piece, int32_t * day) {
    size_t end = 0;
    const int v = ordinal_words_at((const char *) s, n, p, &end);
    if (v < 1 || v > 31) return 0;
    piece->kind = date_piece::DAY_WORDS;
    words_style(s, p, end, piece);
    *day = v;
    return end - p;
}

// A year in words at p: "two thousand (and) nine", or in pairs, "nineteen ninety five", "twenty
// eighteen", "nineteen oh five", "nineteen hundred". "twenty five" is no year. Bytes used, or 0.
size_t read_year_words(const uint8_t * s, size_t n, size_t p, date_piece * piece, int32_t * year) {
    const char * t = (const char *) s;
    date_piece y;
    y.kind = date_piece::YEAR_WORDS;
    size_t end = 0, rest_end = 0;
    int32_t v = 0;
    if (word_is(s, n, p, "two") && joined_at(s, n, p + 3) && word_is(s, n, p + 4, "thousand")) {
        end = p + 12;
        v = 2000;
        y.width = 1;
        size_t r = end;
        const bool with_and = joined_at(s, n, r) && word_is(s, n, r + 1, "and");
        if (with_and) r += 4;
        const int rest = joined_at(s, n, r) ? cardinal_words_at(t, n, r + 1, &rest_end) : 0;
        if (rest >= 1 && rest <= 99) {
            v += rest;
            end = rest_end;
            y.with_and = with_and;
        }
    } else {
        static const char * const centuries[] = {"eighteen", "nineteen", "twenty"};
        int32_t century = 0;
        size_t q = p;
        for (int k = 0; k < 3; k++) {
            if (word_is(s, n, p, centuries[k])) century = 18 + k, q = p + strlen(centuries[k]);
        }
        if (!century || !joined_at(s, n, q)) return 0;
        int rest = 0;
        if (word_is(s, n, q + 1, "hundred")) {
            rest_end = q + 8;
        } else if (word_is(s, n, q + 1, "oh") || word_is(s, n, q + 1, "o")) {
            const size_t o = q + 1 + (word_is(s, n, q + 1, "oh") ? 2 : 1);
            rest = joined_at(s, n, o) ? cardinal_words_at(t, n, o + 1, &rest_end) : 0;
            if (rest < 1 || rest > 9) return 0;
        } else {
            rest = cardinal_words_at(t, n, q + 1, &rest_end);
            if (rest < 10 || rest > 99) return 0;
        }
        v = century * 100 + rest;
        end = rest_end;
        y.width = 2;
    }
    words_style(s, p, end, &y);
    *piece = y;
    *year = v;
    return end - p;
}

// The end of a match that ends with a digit must not run into more digits ("12/31/2021/5", "3/4/20211").
bool digits_end_ok(const uint8_t * s, size_t n, size_t e) {
    if (e < n && (is_digit(s[e]) || is_alpha(s[e]))) return false;
    if (e + 1 < n && (s[e] == '/' || s[e] == '-' || (s[e] == '.' && is_digit(s[e + 1]))) && is_digit(s[e + 1])) return false;
    return true;
}

bool valid_day(int32_t y, int32_t m, int32_t d) { return m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y ? y : 2000, m); }

size_t match_numeric(const uint8_t * s, size_t n, size_t i, bool day_first, bool allow_month_day, parsed_date * out) {
    int32_t a = 0, b = 0, c = 0;
    const int wa = read_number(s, n, i, &a);
    if (!wa || i + wa >= n) return 0;
    const uint8_t sep = s[i + wa];
    if (sep != '/' && sep != '-' && sep != '.') return 0;
    const size_t pb = i + wa + 1;
    const int wb = pb < n ? read_number(s, n, pb, &b) : 0;
    if (!wb) return 0;
    const size_t pc = pb + wb + 1;
    const int wc = pc < n + 1 && pb + wb < n && s[pb + wb] == sep ? read_number(s, n, pc, &c) : 0;
    parsed_date d;
    if (wc) {
        const size_t e = pc + wc;
        // ISO 8601 joins the time with a 'T': "2026-11-27T14:32" is the date and its time.
        const bool iso_time = wa == 4 && sep == '-' && e + 1 < n && s[e] == 'T' && is_digit(s[e + 1]);
        if (!digits_end_ok(s, n, e) && !iso_time) return 0;
        if (wa == 4 && wb <= 2 && wc <= 2) { // year-month-day
            if (!plausible_year(a, 4) || !valid_day(a, b, c)) return 0;
            d.year = a, d.month = b, d.day = c;
            d.pieces = {number_piece(date_piece::YEAR, 4), literal(s, i + wa, pb), number_piece(date_piece::MONTH_NUMBER, wb),
                        literal(s, pb + wb, pc), number_piece(date_piece::DAY, wc)};
        } else if (wa <= 2 && wb <= 2 && (wc == 2 || wc == 4)) {
            if (!plausible_year(c, wc)) return 0;
            const int32_t y = full_year(c, wc);
            bool dmy = day_first || sep == '.';
            if (a > 12) dmy = true;
            if (b > 12) dmy = false;
            const int32_t m = dmy ? b : a, dd = dmy ? a : b;
            if (!valid_day(y, m, dd)) return 0;
            d.year = y, d.month = m, d.day = dd;
            const date_piece first  = number_piece(dmy ? date_piece::DAY : date_piece::MONTH_NUMBER, wa);
            const date_piece second = number_piece(dmy ? date_piece::MONTH_NUMBER : date_piece::DAY, wb);
            d.pieces = {first, literal(s, i + wa, pb), second, literal(s, pb + wb, pc), number_piece(date_piece::YEAR, wc)};
        } else {
            return 0;
        }
        *out = d;
        return e - i;
    }
    const size_t e = pb + wb;
    if (!digits_end_ok(s, n, e) || sep == '.') return 0;
    if (wa <= 2 && (wb == 4 || (wb == 2 && b > 31 && sep == '/' && allow_month_day))) {
        // month/year; with a 2-digit year only after a date word and when it cannot be a day
        // ("until 7/93"), as "3/28" is a day.
        if (a < 1 || a > 12 || !plausible_year(b, wb)) return 0;
        d.year = full_year(b, wb), d.month = a;
        d.pieces = {number_piece(date_piece::MONTH_NUMBER, wa), literal(s, i + wa, pb), number_piece(date_piece::YEAR, wb)};
    } else if (wa <= 2 && wb <= 2 && sep == '/' && allow_month_day) {
        const bool dm = (day_first && b <= 12) || a > 12;
        const int32_t m = dm ? b : a, dd = dm ? a : b;
        if (!valid_day(0, m, dd)) return 0;
        d.month = m, d.day = dd;
        d.pieces = {number_piece(dm ? date_piece::DAY : date_piece::MONTH_NUMBER, wa), literal(s, i + wa, pb),
                    number_piece(dm ? date_piece::MONTH_NUMBER : date_piece::DAY, wb)};
    } else {
        return 0;
    }
    *out = d;
    return e - i;
}

// An optional year after a date ending at e: ", 2021", " 2021", " two thousand nine", ", nineteen
// ninety five", " of two thousand and four", and " , 1982" as speech recognition spaces it. Appends
// the characters between and the year to d; returns the new end, or e.
size_t append_year(const uint8_t * s, size_t n, size_t e, parsed_date * d) {
    size_t r = skip_spaces(s, n, e);
    if (r < n && s[r] == ',') r++;
    r = skip_spaces(s, n, r);
    if (r == e) return e;
    if (word_is(s, n, r, "of")) {
        const size_t after_of = skip_spaces(s, n, r + 2);
        if (after_of == r + 2) return e;
        r = after_of;
    }
    int32_t y = 0;
    const int wy = read_number(s, n, r, &y);
    date_piece yp = number_piece(date_piece::YEAR, 4);
    size_t len = wy == 4 && plausible_year(y, 4) && digits_end_ok(s, n, r + 4) ? 4 : 0;
    if (!wy) len = read_year_words(s, n, r, &yp, &y);
    if (!len) return e;
    d->year = y;
    d->pieces.push_back(literal(s, e, r));
    d->pieces.push_back(yp);
    return r + len;
}

// The last day of a range after the day that ends at e, in the same month: "-18", " - 18th", "–18"
// (an en dash). Appends the characters between and the day to d and sets its range_days; returns the
// new end, or e.
size_t append_last_day(const uint8_t * s, size_t n, size_t e, parsed_date * d) {
    size_t r = skip_spaces(s, n, e);
    if (r < n && s[r] == '-') r++;
    else if (r + 2 < n && s[r] == 0xE2 && s[r + 1] == 0x80 && s[r + 2] == 0x93) r += 3;
    else return e;
    r = skip_spaces(s, n, r);
    int32_t last = 0;
    const int w = read_number(s, n, r, &last);
    if (!w || w > 2 || last <= d->day || last > 31) return e;
    date_piece lp = number_piece(date_piece::LAST_DAY, w);
    size_t end = r + (size_t) w;
    const size_t ord = read_ordinal(s, n, end);
    if (ord) lp.text.assign((const char *) s + end, ord), end += ord;
    if (!ord && !digits_end_ok(s, n, end)) return e;
    d->range_days = last - d->day;
    d->pieces.push_back(literal(s, e, r));
    d->pieces.push_back(lp);
    return end;
}

// Whether the word before byte i says a date follows ("born on", "since", "until").
bool date_word_before(const uint8_t * s, size_t i) {
    static const char * const words[] = {"on", "since", "until", "till", "from", "by", "before", "after", "born", "dated", "of"};
    size_t e = i;
    while (e > 0 && s[e - 1] == ' ') e--;
    size_t b = e;
    while (b > 0 && is_alpha(s[b - 1])) b--;
    for (const char * w : words) {
        const size_t len = strlen(w);
        if (e - b != len) continue;
        size_t k = 0;
        while (k < len && lower(s[b + k]) == w[k]) k++;
        if (k == len) return true;
    }
    return false;
}

// "December 31, 2021", "Dec. 31st 2021", "Dec 31", "December 2021", and in words "March third",
// "October twenty sixth nineteen ninety five", "August of two thousand eight", "October of 1992".
size_t match_month_first(const uint8_t * s, size_t n, size_t i, bool context, parsed_date * out) {
    parsed_date d;
    date_piece mp;
    const size_t ml = read_month(s, n, i, &mp, &d.month);
    if (!ml) return 0;
    // "may" and "march" in lower case are mostly the verbs ("you may need", "we march"): months only
    // with an ordinal day and then a year or, before them, a date word ("born on may fifth nineteen
    // fifty eight", "since march 3rd"), as transcripts write them, or in a span already taken for a
    // date (`context`, parse_date).
    const bool verb = mp.letter_case == 'L' && mp.width == 0 && (d.month == 3 || d.month == 5);
    const auto verb_refused = [&](const parsed_date & x) { return verb && !x.year && !context && !date_word_before(s, i); };
    d.pieces.push_back(mp);
    size_t p = i + ml;
    if (p < n && s[p] == '.' && mp.width == 3) p++;
    const size_t after_month = p;
    const size_t w0 = skip_spaces(s, n, p);
    if (w0 > after_month && w0 < n && is_alpha(s[w0])) {
        date_piece dp;
        const size_t dl = read_day_words(s, n, w0, &dp, &d.day);
        if (dl) {
            d.pieces.push_back(literal(s, i + ml, w0));
            d.pieces.push_back(dp);
            const size_t e = append_year(s, n, w0 + dl, &d);
            if (!valid_day(d.year, d.month, d.day) || verb_refused(d)) return 0;
            *out = d;
            return e - i;
        }
        // Month and year: "August of two thousand eight", "July two thousand and seven".
        if (verb) return 0;
        d.pieces.push_back(literal(s, i + ml, after_month));
        const size_t e = append_year(s, n, after_month, &d);
        if (e == after_month) return 0;
        *out = d;
        return e - i;
    }
    size_t q = w0;
    if (q < n && s[q] == '-' ) q++;
    int32_t v = 0;
    const int w = q > after_month ? read_number(s, n, q, &v) : 0;
    if (!w || (verb && w == 4)) return 0;
    if (w == 4) { // month year
        if (!plausible_year(v, 4) || !digits_end_ok(s, n, q + 4)) return 0;
        d.year = v;
        d.pieces.push_back(literal(s, i + ml, q));
        d.pieces.push_back(number_piece(date_piece::YEAR, 4));
        *out = d;
        return q + 4 - i;
    }
    if (w > 2 || v < 1 || v > 31) return 0;
    d.day = v;
    d.pieces.push_back(literal(s, i + ml, q));
    date_piece dp = number_piece(date_piece::DAY, w);
    size_t e = q + w;
    const size_t ord = read_ordinal(s, n, e);
    if (ord) dp.text.assign((const char *) s + e, ord), e += ord;
    d.pieces.push_back(dp);
    e = append_last_day(s, n, e, &d);
    const size_t with_year = append_year(s, n, e, &d);
    if (with_year == e && !ord && !digits_end_ok(s, n, e)) return 0;
    e = with_year;
    if (!valid_day(d.year, d.month, d.day) || !valid_day(d.year, d.month, d.day + d.range_days) || (verb && !ord) || verb_refused(d)) {
        return 0;
    }
    *out = d;
    return e - i;
}

// "31 December 2021", "31st of Dec 2021", "31-Dec-2021", "31-Dec-21", "31 Dec".
size_t match_day_first(const uint8_t * s, size_t n, size_t i, parsed_date * out) {
    parsed_date d;
    int32_t v = 0;
    const int w = read_number(s, n, i, &v);
    if (!w || w > 2 || v < 1 || v > 31) return 0;
    d.day = v;
    date_piece dp = number_piece(date_piece::DAY, w);
    size_t p = i + w;
    const size_t ord = read_ordinal(s, n, p);
    if (ord) dp.text.assign((const char *) s + p, ord), p += ord;
    d.pieces.push_back(dp);
    size_t q = p;
    const bool dash = q < n && s[q] == '-';
    if (dash) {
        q++;
    } else {
        q = skip_spaces(s, n, q);
        if (q == p) return 0;
        if (q + 3 <= n && lower(s[q]) == 'o' && lower(s[q + 1]) == 'f' && s[q + 2] == ' ') q = skip_spaces(s, n, q + 2);
    }
    date_piece mp;
    const size_t ml = read_month(s, n, q, &mp, &d.month);
    if (!ml) return 0;
    d.pieces.push_back(literal(s, p, q));
    d.pieces.push_back(mp);
    size_t e = q + ml;
    if (e < n && s[e] == '.' && mp.width == 3) e++;
    size_t r = e;
    if (dash ? (r < n && s[r] == '-') : (r < n && (s[r] == ' ' || s[r] == ','))) {
        r++;
        if (!dash) {
            r = skip_spaces(s, n, r);
            if (r < n && s[r] == ',' && s[r - 1] == ' ') r = skip_spaces(s, n, r + 1); // "13 january , 1982"
        }
        int32_t y = 0;
        const int wy = read_number(s, n, r, &y);
        if ((wy == 4 || (wy == 2 && dash)) && plausible_year(y, wy) && digits_end_ok(s, n, r + wy)) {
            d.year = full_year(y, wy);
            d.pieces.push_back(literal(s, q + ml, r));
            d.pieces.push_back(number_piece(date_piece::YEAR, wy));
            e = r + wy;
        }
    }
    if (d.year == 0) e = q + ml; // without a year the '.' of "Dec." stays outside
    if (!valid_day(d.year, d.month, d.day)) return 0;
    *out = d;
    return e - i;
}

// "the twenty fifth of September", "fourth of June, two thousand nine": from the day, in words.
size_t match_day_words_first(const uint8_t * s, size_t n, size_t i, parsed_date * out) {
    parsed_date d;
    date_piece dp;
    const size_t dl = read_day_words(s, n, i, &dp, &d.day);
    if (!dl) return 0;
    const size_t q = skip_spaces(s, n, i + dl);
    if (q == i + dl || !word_is(s, n, q, "of")) return 0;
    const size_t m0 = skip_spaces(s, n, q + 2);
    date_piece mp;
    const size_t ml = m0 > q + 2 ? read_month(s, n, m0, &mp, &d.month) : 0;
    if (!ml) return 0;
    d.pieces = {dp, literal(s, i + dl, m0), mp};
    const size_t e = append_year(s, n, m0 + ml, &d);
    if (!valid_day(d.year, d.month, d.day)) return 0;
    *out = d;
    return e - i;
}

// The seasons, each by its middle month: meteorological seasons of the northern hemisphere, so
// winter runs from December to February and "Winter 2024" is the one whose January is in 2024.
const char * const k_seasons[]       = {"winter", "spring", "summer", "fall", "autumn"};
const int32_t      k_season_months[] = {1, 4, 7, 10, 10};

// "Spring 2025", "summer of 2019", "Fall, 2023", "winter of two thousand nine", "Winter '24": a
// season and its year. A season alone (alone = true) only when the whole span is one: in running
// text "spring" and "fall" are mostly other words.
size_t match_season(const uint8_t * s, size_t n, size_t i, bool alone, parsed_date * out) {
    size_t len = 0;
    while (i + len < n && is_alpha(s[i + len])) len++;
    for (int k = 0; k < 5; k++) {
        if (strlen(k_seasons[k]) != len || !word_is(s, n, i, k_seasons[k])) continue;
        parsed_date d;
        d.season = true;
        d.month  = k_season_months[k];
        date_piece sp;
        sp.kind = date_piece::SEASON;
        words_style(s, i, i + len, &sp);
        if (k == 4) sp.text = "autumn";
        d.pieces.push_back(sp);
        size_t e = i + len;
        int32_t yy = 0;
        if (e + 1 < n && s[e] == ' ' && s[e + 1] == '\'' && read_number(s, n, e + 2, &yy) == 2 && digits_end_ok(s, n, e + 4)) {
            d.year = full_year(yy, 2);
            d.pieces.push_back(literal(s, e, e + 2));
            d.pieces.push_back(number_piece(date_piece::YEAR, 2));
            e += 4;
        } else {
            e = append_year(s, n, e, &d);
        }
        if (!d.year && !alone) return 0;
        *out = d;
        return e - i;
    }
    return 0;
}

// Holidays by the day they fall on: a fixed day of a month, the nth weekday of a month (nth -1: the
// last), or days after Easter Sunday. Longer names first, so "christmas eve" wins over "christmas".
// Days of other calendars (Passover, Diwali) have no rule here: they stay names, tagged.
struct holiday {
    const char * name;
    enum { FIXED, NTH_WEEKDAY, EASTER, OTHER_CALENDAR } rule;
    int32_t month, day; // FIXED: the day; NTH_WEEKDAY: day is the weekday (0 Monday); EASTER: day is days after it
    int32_t nth;
};
const holiday k_holidays[] = {
    {"christmas eve", holiday::FIXED, 12, 24, 0},       {"christmas day", holiday::FIXED, 12, 25, 0},
    {"christmas", holiday::FIXED, 12, 25, 0},           {"xmas", holiday::FIXED, 12, 25, 0},
    {"thanksgiving day", holiday::NTH_WEEKDAY, 11, 3, 4}, {"thanksgiving", holiday::NTH_WEEKDAY, 11, 3, 4},
    {"easter sunday", holiday::EASTER, 0, 0, 0},        {"easter monday", holiday::EASTER, 0, 1, 0},
    {"easter", holiday::EASTER, 0, 0, 0},               {"good friday", holiday::EASTER, 0, -2, 0},
    {"new year's day", holiday::FIXED, 1, 1, 0},        {"new year's eve", holiday::FIXED, 12, 31, 0},
    {"new years day", holiday::FIXED, 1, 1, 0},         {"new years eve", holiday::FIXED, 12, 31, 0},
    {"halloween", holiday::FIXED, 10, 31, 0},           {"independence day", holiday::FIXED, 7, 4, 0},
    {"memorial day", holiday::NTH_WEEKDAY, 5, 0, -1},   {"labor day", holiday::NTH_WEEKDAY, 9, 0, 1},
    {"labour day", holiday::NTH_WEEKDAY, 9, 0, 1},      {"veterans day", holiday::FIXED, 11, 11, 0},
    {"veteran's day", holiday::FIXED, 11, 11, 0},       {"valentine's day", holiday::FIXED, 2, 14, 0},
    {"valentines day", holiday::FIXED, 2, 14, 0},       {"mother's day", holiday::NTH_WEEKDAY, 5, 6, 2},
    {"mothers day", holiday::NTH_WEEKDAY, 5, 6, 2},     {"father's day", holiday::NTH_WEEKDAY, 6, 6, 3},
    {"fathers day", holiday::NTH_WEEKDAY, 6, 6, 3},     {"boxing day", holiday::FIXED, 12, 26, 0},
    {"martin luther king day", holiday::NTH_WEEKDAY, 1, 0, 3}, {"mlk day", holiday::NTH_WEEKDAY, 1, 0, 3},
    {"presidents day", holiday::NTH_WEEKDAY, 2, 0, 3},  {"presidents' day", holiday::NTH_WEEKDAY, 2, 0, 3},
    {"president's day", holiday::NTH_WEEKDAY, 2, 0, 3}, {"columbus day", holiday::NTH_WEEKDAY, 10, 0, 2},
    {"st. patrick's day", holiday::FIXED, 3, 17, 0},    {"st patrick's day", holiday::FIXED, 3, 17, 0},
    {"saint patrick's day", holiday::FIXED, 3, 17, 0},  {"juneteenth", holiday::FIXED, 6, 19, 0},
    {"cinco de mayo", holiday::FIXED, 5, 5, 0},         {"hanukkah", holiday::OTHER_CALENDAR, 0, 0, 0},
    {"chanukah", holiday::OTHER_CALENDAR, 0, 0, 0},     {"rosh hashanah", holiday::OTHER_CALENDAR, 0, 0, 0},
    {"yom kippur", holiday::OTHER_CALENDAR, 0, 0, 0},   {"passover", holiday::OTHER_CALENDAR, 0, 0, 0},
    {"diwali", holiday::OTHER_CALENDAR, 0, 0, 0},
};

// The holiday whose name is at p, case-insensitive, an apostrophe straight or typographic (U+2019);
// its length in bytes through *len.
const holiday * read_holiday(const uint8_t * s, size_t n, size_t p, size_t * len) {
    if (p >= n) return nullptr;
    for (const holiday & h : k_holidays) {
        if (lower(s[p]) != (uint8_t) h.name[0]) continue;
        size_t q = p;
        const char * w = h.name;
        for (; *w && q < n; w++) {
            if (*w == '\'' && q + 2 < n && s[q] == 0xE2 && s[q + 1] == 0x80 && s[q + 2] == 0x99) q += 3;
            else if (lower(s[q]) == (uint8_t) *w) q++;
            else break;
        }
        if (*w || (q < n && (is_alpha(s[q]) || is_digit(s[q])))) continue;
        *len = q - p;
        return &h;
    }
    return nullptr;
}

// Easter Sunday of year y in the Gregorian calendar (the anonymous Gregorian computus).
void easter_sunday(int32_t y, int32_t * month, int32_t * day) {
    const int32_t a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
    const int32_t h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
    const int32_t m = (a + 11 * h + 22 * l) / 451;
    *month = (h + l - 7 * m + 114) / 31;
    *day   = (h + l - 7 * m + 114) % 31 + 1;
}

// Words in the letter case of the piece they replace.
void append_words(std::string * out, const std::string & words, char letter_case) {
    for (size_t k = 0; k < words.size(); k++) {
        const bool up = letter_case == 'U' || (letter_case == 'T' && k == 0);
        out->push_back(up && words[k] >= 'a' && words[k] <= 'z' ? (char) (words[k] - 32) : words[k]);
    }
}

// A year in words in the style it was said: "two thousand (and) nine" (2000-2099 only) or in pairs
// ("nineteen ninety five", "nineteen oh five"; 2000 is "two thousand" either way).
std::string year_words(int32_t y, const date_piece & p) {
    if (p.width == 1 && y >= 2000 && y <= 2099) {
        if (y == 2000) return "two thousand";
        return std::string("two thousand") + (p.with_and ? " and " : " ") + cardinal_words(y % 100, p.joiner);
    }
    const int32_t r = y % 100;
    if (y == 2000) return "two thousand";
    return cardinal_words(y / 100, p.joiner) + " " +
           (r == 0 ? std::string("hundred") : r < 10 ? "oh " + cardinal_words(r, p.joiner) : cardinal_words(r, p.joiner));
}

void append_number(std::string * out, int32_t v, int width) {
    char buf[16];
    if (width >= 2) snprintf(buf, sizeof buf, "%0*d", width, (int) v);
    else snprintf(buf, sizeof buf, "%d", (int) v);
    out->append(buf);
}

} // namespace

bool is_month_name_at(const char * s, size_t n, size_t p) {
    date_piece piece;
    int32_t    month = 0;
    const size_t len = read_month((const uint8_t *) s, n, p, &piece, &month);
    return len > 0 && (p + len >= n || !is_alpha((uint8_t) s[p + len]));
}

int32_t days_in_month(int32_t y, int32_t m) {
    static const int32_t k[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : k[(m - 1) % 12];
}

// Howard Hinnant's civil calendar algorithms.
int64_t days_from_civil(int32_t y, int32_t m, int32_t d) {
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const int64_t yoe = y - era * 400;
    const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void civil_from_days(int64_t z, int32_t * y, int32_t * m, int32_t * d) {
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const int64_t doe = z - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int64_t mp  = (5 * doy + 2) / 153;
    *d = (int32_t) (doy - (153 * mp + 2) / 5 + 1);
    *m = (int32_t) (mp < 10 ? mp + 3 : mp - 9);
    *y = (int32_t) (yoe + era * 400 + (*m <= 2));
}

// A 2-digit day or month of 10 or more does not say whether the writer pads: "03/14" and "12/25" do, "Feb 28"
// and "3/14" do not. Keep padding when the layout is all numbers and day and month were both written
// with 2 digits; otherwise only a leading zero pads.
static void decide_padding(parsed_date * d) {
    bool numeric = true;
    int  two_digit = 0;
    for (const date_piece & p : d->pieces) {
        if (p.kind == date_piece::MONTH_NAME) numeric = false;
        if ((p.kind == date_piece::DAY || p.kind == date_piece::MONTH_NUMBER) && p.width == 2) two_digit++;
    }
    for (date_piece & p : d->pieces) {
        const int32_t v = p.kind == date_piece::DAY        ? d->day
                          : p.kind == date_piece::LAST_DAY ? d->day + d->range_days
                          : p.kind == date_piece::MONTH_NUMBER ? d->month : 0;
        const bool day_or_month = p.kind == date_piece::DAY || p.kind == date_piece::LAST_DAY || p.kind == date_piece::MONTH_NUMBER;
        if (day_or_month && p.width == 2 && v >= 10 && !(numeric && two_digit == 2)) {
            p.width = 1;
        }
    }
}

size_t match_date(const char * text, size_t n, size_t i, bool day_first, bool allow_month_day, parsed_date * out) {
    const uint8_t * s = (const uint8_t *) text;
    if (i >= n) return 0;
    // A weekday, then ", " or " " (after an optional '.'), then a date with a day: one date.
    date_piece weekday;
    int32_t    wd = -1;
    if (const size_t wl = read_weekday(s, n, i, &weekday, &wd)) {
        size_t j = i + wl;
        if (j < n && s[j] == '.') j++;
        if (j < n && s[j] == ',') j++;
        if (j < n && s[j] == ' ') j++;
        parsed_date rest;
        const size_t l = j > i + wl && !(j < n && s[j] == ' ') ? match_date(text, n, j, day_first, true, &rest) : 0;
        if (l && rest.day) {
            *out = rest;
            out->weekday = wd;
            out->pieces.insert(out->pieces.begin(), {weekday, literal(s, i + wl, j)});
            return j - i + l;
        }
    }
    size_t best = 0;
    parsed_date d;
    if (is_digit(s[i])) {
        size_t l = match_numeric(s, n, i, day_first, allow_month_day, &d);
        if (l > best) best = l, *out = d;
        l = match_day_first(s, n, i, &d);
        if (l > best) best = l, *out = d;
    } else if (is_alpha(s[i])) {
        size_t l = match_month_first(s, n, i, allow_month_day, &d);
        if (l > best) best = l, *out = d;
        l = match_day_words_first(s, n, i, &d);
        if (l > best) best = l, *out = d;
        l = match_season(s, n, i, false, &d);
        if (l > best) best = l, *out = d;
    }
    if (best) decide_padding(out);
    return best;
}

bool parse_date(const char * text, size_t n, bool day_first, parsed_date * out) {
    if (n > 0 && match_date(text, n, 0, day_first, true, out) == n) return true;
    // A compact date as HL7 messages and exports write it, YYYYMMDD, with a time after it that stays
    // (YYYYMMDDHHMM, YYYYMMDDHHMMSS).
    const uint8_t * u = (const uint8_t *) text;
    if ((n == 8 || n == 12 || n == 14) && std::all_of(u, u + n, is_digit)) {
        const auto number = [&](size_t b, size_t w) {
            int32_t v = 0;
            for (size_t k = b; k < b + w; k++) v = v * 10 + (u[k] - '0');
            return v;
        };
        const int32_t y = number(0, 4), m = number(4, 2), d = number(6, 2);
        if (plausible_year(y, 4) && valid_day(y, m, d)) {
            *out = parsed_date();
            out->year = y, out->month = m, out->day = d;
            out->pieces = {number_piece(date_piece::YEAR, 4), number_piece(date_piece::MONTH_NUMBER, 2),
                           number_piece(date_piece::DAY, 2)};
            if (n > 8) out->pieces.push_back(literal(u, 8, n));
            return true;
        }
    }
    if (n > 0 && match_season((const uint8_t *) text, n, 0, true, out) == n) return true;
    int32_t y = 0;
    if (n == 4 && read_number((const uint8_t *) text, n, 0, &y) == 4 && plausible_year(y, 4)) {
        *out = parsed_date();
        out->year = y;
        out->pieces = {number_piece(date_piece::YEAR, 4)};
        return true;
    }
    return false;
}

size_t match_holiday_name(const char * text, size_t n, size_t i) {
    size_t len = 0;
    return read_holiday((const uint8_t *) text, n, i, &len) ? len : 0;
}

bool parse_holiday(const char * text, size_t n, int32_t year_hint, parsed_date * out) {
    const uint8_t * s = (const uint8_t *) text;
    size_t len = 0;
    const holiday * h = read_holiday(s, n, 0, &len);
    if (!h || h->rule == holiday::OTHER_CALENDAR) return false;
    parsed_date d;
    if (append_year(s, n, len, &d) != n) return false;
    const int32_t year = d.year ? d.year : year_hint;
    date_piece month = number_piece(date_piece::MONTH_NAME, 0);
    words_style(s, 0, len, &month);
    d.pieces = {month, literal((const uint8_t *) " ", 0, 1), number_piece(date_piece::DAY, 1)};
    if (d.year) d.pieces.insert(d.pieces.end(), {literal((const uint8_t *) ", ", 0, 2), number_piece(date_piece::YEAR, 4)});
    if (h->rule == holiday::FIXED) {
        d.month = h->month, d.day = h->day;
    } else if (!year) {
        return false; // it falls on another day each year, and no year says which
    } else if (h->rule == holiday::EASTER) {
        int32_t em = 0, ed = 0, ey = 0;
        easter_sunday(year, &em, &ed);
        civil_from_days(days_from_civil(year, em, ed) + h->day, &ey, &d.month, &d.day);
    } else {
        const int32_t first = (h->day - weekday_of(year, h->month, 1) + 7) % 7 + 1; // the month's first such weekday
        d.month = h->month;
        d.day   = h->nth > 0 ? first + 7 * (h->nth - 1) : first + 7 * ((days_in_month(year, h->month) - first) / 7);
    }
    d.year = year;
    *out = d;
    return true;
}

const char * ordinal_suffix(int64_t n) {
    const int64_t r = n % 100;
    return (r >= 11 && r <= 13) ? "th" : r % 10 == 1 ? "st" : r % 10 == 2 ? "nd" : r % 10 == 3 ? "rd" : "th";
}

// A day's number and its ordinal suffix, in the case written.
void append_day(std::string * out, int32_t day, const date_piece & p) {
    append_number(out, day, p.width);
    if (!p.text.empty()) {
        const char * suf = ordinal_suffix(day);
        const bool upper = p.text[0] >= 'A' && p.text[0] <= 'Z';
        for (int k = 0; k < 2; k++) out->push_back(upper ? (char) (suf[k] - 32) : suf[k]);
    }
}

void append_month_name(std::string * out, int32_t month, const date_piece & p) {
    const std::string name = k_months[month - 1];
    append_words(out, p.width == 3 ? name.substr(0, 3) : name, p.letter_case);
}

std::string format_date(const parsed_date & d) {
    // A range's last day, which a shift may move into the next month (or year).
    int32_t ly = d.year, lm = d.month, ld = d.day;
    if (d.range_days) civil_from_days(days_from_civil(d.year ? d.year : 2000, d.month, d.day) + d.range_days, &ly, &lm, &ld);
    bool after_last_day = false;
    std::string out;
    for (size_t k = 0; k < d.pieces.size(); k++) {
        const date_piece & p = d.pieces[k];
        switch (p.kind) {
        case date_piece::LITERAL: out += p.text; break;
        case date_piece::YEAR: {
            const int32_t y = after_last_day && d.year ? ly : d.year;
            append_number(&out, p.width == 2 ? y % 100 : y, p.width);
            break;
        }
        case date_piece::MONTH_NUMBER: append_number(&out, d.month, p.width); break;
        case date_piece::DAY: append_day(&out, d.day, p); break;
        case date_piece::LAST_DAY: {
            if (lm != d.month) { // "Sept. 28-Oct. 2": the month's name as the first day's is written
                for (size_t m = 0; m + 1 < d.pieces.size(); m++) {
                    if (d.pieces[m].kind != date_piece::MONTH_NAME) continue;
                    append_month_name(&out, lm, d.pieces[m]);
                    out += d.pieces[m + 1].kind == date_piece::LITERAL ? d.pieces[m + 1].text : " ";
                    break;
                }
            }
            append_day(&out, ld, p);
            after_last_day = true;
            break;
        }
        case date_piece::MONTH_NAME: append_month_name(&out, d.month, p); break;
        case date_piece::DAY_WORDS: append_words(&out, ordinal_words(d.day, p.joiner), p.letter_case); break;
        case date_piece::WEEKDAY: {
            const std::string name = k_weekdays[d.weekday];
            append_words(&out, p.width == 3 ? name.substr(0, 3) : name, p.letter_case);
            break;
        }
        case date_piece::YEAR_WORDS: append_words(&out, year_words(d.year, p), p.letter_case); break;
        case date_piece::SEASON: {
            const int k = d.month == 1 ? 0 : d.month == 4 ? 1 : d.month == 7 ? 2 : p.text == "autumn" ? 4 : 3;
            append_words(&out, k_seasons[k], p.letter_case);
            break;
        }
        }
    }
    return out;
}

void shift_date(parsed_date * d, int32_t days) {
    const bool has_year = d->year != 0;
    if (d->season) {
        // The middle of the season moves, and the season it lands in is written: a shift of a few
        // weeks keeps "Spring 2025", one of months gives another season, as it would a date.
        int32_t ny, nm, nd;
        civil_from_days(days_from_civil(has_year ? d->year : 2000, d->month, 15) + days, &ny, &nm, &nd);
        d->month = nm == 12 || nm <= 2 ? 1 : nm <= 5 ? 4 : nm <= 8 ? 7 : 10;
        if (has_year) d->year = nm == 12 ? ny + 1 : ny; // December begins the next year's winter
        return;
    }
    const int32_t y = has_year ? d->year : 2000; // a month/day without a year moves within a leap year
    const int32_t m = d->month ? d->month : 7;
    const int32_t dd = d->day ? d->day : 1;
    int32_t ny, nm, nd;
    civil_from_days(days_from_civil(y, m, dd) + days, &ny, &nm, &nd);
    if (has_year) d->year = ny;
    if (d->month) d->month = nm;
    if (d->day) d->day = nd;
    // The weekday of the new date; without a year, the one written moved as far.
    if (d->weekday >= 0) d->weekday = has_year ? weekday_of(ny, nm, nd) : ((d->weekday + days) % 7 + 7) % 7;
}

} // namespace mab
