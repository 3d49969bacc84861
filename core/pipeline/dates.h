// Dates as clinical notes write them, parsed into a value plus the layout they were written in, so a
// shifted date can be written back in the same format (separators, zero padding, 2- or 4-digit year,
// month name spelled full or abbreviated in the same case, ordinal suffix).
//
// Recognised layouts (any of / - . between numbers, the same one twice):
//   12/31/2021  31.12.2021  2021-12-31  12/31/21  12/2021 (month/year)
//   December 31, 2021   Dec. 31st 2021   Dec 31   December 2021
//   31 December 2021    31st of Dec 2021   31-Dec-2021   31 Dec
//   Sept. 14-18, 2019   March 3 - 5th (a range of days in one month; shifted, it may cross into the next)
// and as transcripts say them, in words:
//   March third   October twenty sixth nineteen ninety five   July thirteenth, two thousand and four
//   the twenty fifth of September   August of two thousand eight   July 2007   March third, 2021
// a season and its year (Spring 2025, summer of 2019, Winter '24; a season alone only as a whole span),
// each of them with a day may follow a weekday ("Monday, 4 September 2023", "Tue 3/14/23"), which a
// shift moves with the date: a weekday left as it was would give the shift away, modulo 7.
// A numeric date with both numbers <= 12 is month first unless day_first is set; one above 12 decides.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace mab {

struct date_piece {
    enum kind_t { LITERAL, YEAR, MONTH_NUMBER, MONTH_NAME, DAY, LAST_DAY, DAY_WORDS, YEAR_WORDS, WEEKDAY, SEASON } kind = LITERAL;
    std::string text;       // LITERAL: the characters; DAY, LAST_DAY: its ordinal suffix as written ("st", "TH", "");
                            // SEASON: "autumn" when the writer said autumn, not fall
    int32_t     width = 0;  // digits as written (YEAR 2 or 4; MONTH_NUMBER/DAY 1 or 2); MONTH_NAME, WEEKDAY: 0 full, 3 abbreviated;
                            // YEAR_WORDS: 1 "two thousand (and) four", 2 in pairs "nineteen ninety five"
    char        letter_case = 'T'; // MONTH_NAME, WEEKDAY, SEASON and the words: 'T' Title, 'U' UPPER, 'L' lower
    char        joiner   = ' ';    // the words: between tens and units ("twenty-first" or "twenty first")
    bool        with_and = false;  // YEAR_WORDS: "two thousand and four"
};

struct parsed_date {
    int32_t                 year  = 0; // 0 when the layout has no year
    int32_t                 month = 0;
    int32_t                 day   = 0; // 0 when the layout has no day
    int32_t                 weekday = -1; // 0 Monday .. 6 Sunday, -1 when none is written
    int32_t                 range_days = 0; // a range of days ("Sept. 14-18"): days from the first to the last
    bool                    season = false; // a season: month is its middle month (1 winter, 4, 7, 10 fall), day 0
    std::vector<date_piece> pieces;
};

// The longest date starting at byte i of s[0, n) (i must be at a word start); returns its length in
// bytes, 0 when none. A bare "month/day" (3/14) is only accepted when allow_month_day is set (the
// caller has seen a context word such as "on" or "since"), and so is a lower-case "may" or "march"
// with a day but no year, unless a date word stands right before it ("on may 17th").
size_t match_date(const char * s, size_t n, size_t i, bool day_first, bool allow_month_day, parsed_date * out);

// Whether the word at byte p of s[0, n) is a month's name or abbreviation ("March", "mar", "Sept").
bool is_month_name_at(const char * s, size_t n, size_t p);

// Parses the whole of s[0, n) as a date (also a bare 4-digit year, a season, month/day, or a compact
// YYYYMMDD with an HHMM[SS] time after it, which stays); false when it is not one.
bool parse_date(const char * s, size_t n, bool day_first, parsed_date * out);

// The length in bytes of the holiday named at byte i of s[0, n) ("Christmas Eve", "Thanksgiving Day",
// "New Year’s Day"), 0 when none.
size_t match_holiday_name(const char * s, size_t n, size_t i);

// The whole of s[0, n) as a holiday and the year that may follow ("Thanksgiving 2023", "Christmas, 2020",
// "Easter Sunday of 2019"): the day it fell on, laid out "November 23, 2023" in the name's letter case,
// since a shifted holiday is no longer that holiday. One that moves from year to year (Thanksgiving,
// Easter) without a written year falls in year_hint's, and is false when year_hint is 0; so is a day of
// another calendar (Passover, Diwali). The year is set when known, written or not, so that a shift
// counts the leap days of that year.
bool parse_holiday(const char * s, size_t n, int32_t year_hint, parsed_date * out);

// "st", "nd", "rd" or "th" for n (1st, 12th, 23rd).
const char * ordinal_suffix(int64_t n);

// Writes the date in its layout. A range's last day that falls in another month than its first
// takes its month's name ("Sept. 28-Oct. 2, 2019"), and a year after it is the last day's.
std::string format_date(const parsed_date & d);

// Days since 1970-01-01 of a proleptic Gregorian date, and back.
int64_t days_from_civil(int32_t y, int32_t m, int32_t d);
void civil_from_days(int64_t z, int32_t * y, int32_t * m, int32_t * d);
int32_t days_in_month(int32_t y, int32_t m);

// The date moved by `days`; a date without a day moves its 1st, a year alone moves its 1 July, and a
// season moves the 15th of its middle month and becomes the season that day falls in.
void shift_date(parsed_date * d, int32_t days);

} // namespace mab
