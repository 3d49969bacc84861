// dates.cpp: parsing keeps the layout, formatting writes it back byte for byte, shifting keeps
// intervals, and the civil-calendar conversions agree with a day-by-day walk.
#define BOOST_TEST_MODULE dates
#include <boost/test/unit_test.hpp>

#include "pipeline/dates.h"

#include <cstring>
#include <string>
#include <tuple>

using namespace mab;

BOOST_AUTO_TEST_SUITE(dates_suite)

BOOST_AUTO_TEST_CASE(round_trip_every_layout) {
    const char * layouts[] = {"03/14/2021", "3/4/21",       "2021-03-14",    "14.03.2021",     "March 14, 2021",
                              "Mar. 14th 2021", "14 March 2021", "14-Mar-2021", "14-MAR-21",    "3rd of May 2020",
                              "December 2019", "12/2019",     "3/28",          "Sept 9",        "2019",
                              "JANUARY 1ST, 2000", "jan 2 2001",
                              // as speech recognition spaces them
                              "january 13th , 1982", "13 january , 1982"};
    for (const char * s : layouts) {
        parsed_date d;
        BOOST_TEST_CONTEXT(s) {
            BOOST_REQUIRE(parse_date(s, strlen(s), false, &d));
            const std::string back = format_date(d);
            // "Sept" is written back as the 3-letter abbreviation.
            BOOST_TEST(back == (std::string(s) == "Sept 9" ? std::string("Sep 9") : std::string(s)));
        }
    }
}

BOOST_AUTO_TEST_CASE(values_and_day_order) {
    parsed_date d;
    BOOST_REQUIRE(parse_date("03/04/2021", 10, false, &d));
    BOOST_TEST((d.year == 2021 && d.month == 3 && d.day == 4));
    BOOST_REQUIRE(parse_date("03/04/2021", 10, true, &d));
    BOOST_TEST((d.month == 4 && d.day == 3));
    BOOST_REQUIRE(parse_date("25/04/2021", 10, false, &d)); // 25 cannot be a month
    BOOST_TEST((d.month == 4 && d.day == 25));
    BOOST_REQUIRE(parse_date("4/3/99", 6, false, &d));
    BOOST_TEST(d.year == 1999);
    BOOST_REQUIRE(parse_date("4/3/07", 6, false, &d));
    BOOST_TEST(d.year == 2007);
    BOOST_TEST(!parse_date("02/30/2021", 10, false, &d));
    BOOST_TEST(!parse_date("13/13/2021", 10, false, &d));
    BOOST_TEST(!parse_date("120/80", 6, false, &d));
    BOOST_REQUIRE(parse_date("january 13th , 1982", 19, false, &d));
    BOOST_TEST((d.year == 1982 && d.month == 1 && d.day == 13));
    BOOST_REQUIRE(parse_date("13 January , 1982", 17, false, &d));
    BOOST_TEST((d.year == 1982 && d.month == 1 && d.day == 13));
    BOOST_TEST(!parse_date("January 13 , , 1982", 19, false, &d)); // two commas: the date ends at 13
    BOOST_TEST(!parse_date("hello", 5, false, &d));
    BOOST_TEST(!parse_date("", 0, false, &d));
}

BOOST_AUTO_TEST_CASE(shift_moves_and_rewrites) {
    parsed_date d;
    BOOST_REQUIRE(parse_date("Feb 28, 2020", 12, false, &d));
    shift_date(&d, 2);
    BOOST_TEST(format_date(d) == "Mar 1, 2020"); // through 29 February
    BOOST_REQUIRE(match_date("since 7/93", 10, 6, false, true, &d) == 4); // month/year after a date word
    BOOST_TEST((d.year == 1993 && d.month == 7 && d.day == 0));
    shift_date(&d, 40);
    BOOST_TEST(format_date(d) == "8/93");
    BOOST_TEST(match_date("since 7/93", 10, 6, false, false, &d) == 0); // no date word: perhaps no date
    BOOST_TEST(match_date("on 7/23", 7, 3, false, true, &d) == 4);       // a day: 23 July
    BOOST_TEST((d.month == 7 && d.day == 23 && d.year == 0));
    BOOST_REQUIRE(parse_date("12/31/99", 8, false, &d));
    shift_date(&d, 1);
    BOOST_TEST(format_date(d) == "01/01/00");
    BOOST_REQUIRE(parse_date("1st of March 2021", 17, false, &d));
    shift_date(&d, 1);
    BOOST_TEST(format_date(d) == "2nd of March 2021");
    shift_date(&d, 9);
    BOOST_TEST(format_date(d) == "11th of March 2021");
    BOOST_REQUIRE(parse_date("2021", 4, false, &d));
    shift_date(&d, -200);
    BOOST_TEST(format_date(d) == "2020");
}

// A weekday before a date is part of it and moves with it: left as written it would give the shift
// away (modulo 7) and no longer fit its date. With a year it is the new date's weekday; without one,
// the weekday written moved as far.
// A range of days in one month moves as one; shifted, its last day may fall in the next month or
// year, which then takes its month's name and the year after it.
BOOST_AUTO_TEST_CASE(ranges_of_days) {
    const auto shifted = [](const char * s, int32_t days) {
        parsed_date d;
        BOOST_REQUIRE_MESSAGE(parse_date(s, strlen(s), false, &d), s);
        BOOST_TEST(format_date(d) == (std::string(s) == "Sept. 14-18, 2019" ? "Sep. 14-18, 2019" : s));
        shift_date(&d, days);
        return format_date(d);
    };
    BOOST_TEST(shifted("Sept. 14-18, 2019", 2) == "Sep. 16-20, 2019");
    BOOST_TEST(shifted("March 3 - 5th, 2020", 30) == "April 2 - 4th, 2020");
    BOOST_TEST(shifted("Sept. 14-18, 2019", 14) == "Sep. 28-Oct. 2, 2019");
    BOOST_TEST(shifted("Dec 28\xe2\x80\x93" "31 2019", 2) == "Dec 30\xe2\x80\x93" "Jan 2 2020");
    BOOST_TEST(shifted("May 27-29", -30) == "April 27-29");
    parsed_date d;
    for (const char * s : {"Oct 3-1, 2019", "Feb 27-30, 2021", "Oct 3-", "Oct 3-44", "Oct 3-5-7"}) {
        BOOST_TEST(!parse_date(s, strlen(s), false, &d), s);
    }
}

BOOST_AUTO_TEST_CASE(weekdays_move_with_their_dates) {
    const std::pair<const char *, const char *> shifted_by_minus_69[] = {
        {"Monday, 4 September 2023", "Tuesday, 27 June 2023"},
        {"Tue 3/14/23", "Wed 1/4/23"},
        {"FRIDAY, MARCH 3RD, 2023", "SATURDAY, DECEMBER 24TH, 2022"},
        {"Wed. 12/6", "Thu. 9/28"},         // no year: Wednesday + (-69 mod 7 = 1)
        {"monday june 1 2023", "friday march 24 2023"}, // a weekday that did not fit (1 June 2023 was a Thursday) fits now
    };
    for (const auto & [was, want] : shifted_by_minus_69) {
        parsed_date d;
        BOOST_TEST_CONTEXT(was) {
            BOOST_REQUIRE(parse_date(was, strlen(was), false, &d));
            BOOST_TEST(format_date(d) == was); // round trip
            shift_date(&d, -69);
            BOOST_TEST(format_date(d) == want);
        }
    }
    parsed_date d;
    BOOST_TEST(match_date("Monday, March 2021", 18, 0, false, false, &d) == 0u); // a weekday needs a day
    BOOST_TEST(match_date("on Monday at noon", 17, 3, false, false, &d) == 0u);
    BOOST_TEST(match_date("Sun 5 mg", 8, 0, false, false, &d) == 0u);
}

// Transcripts say dates in words; they parse to their values and are written back in the same words.
BOOST_AUTO_TEST_CASE(dates_in_words) {
    struct want { const char * text; int32_t year, month, day; };
    const want cases[] = {
        {"March third", 0, 3, 3},
        {"October twenty sixth nineteen ninety five", 1995, 10, 26},
        {"July thirteenth, two thousand and four", 2004, 7, 13},
        {"January tenth two thousand nine", 2009, 1, 10},
        {"August of two thousand eight", 2008, 8, 0},
        {"July two thousand and seven", 2007, 7, 0},
        {"October of 1992", 1992, 10, 0},
        {"twenty fifth of September", 0, 9, 25},
        {"Fifth of November, twenty eighteen", 2018, 11, 5},
        {"MARCH TWENTY-FIRST, NINETEEN OH FIVE", 1905, 3, 21},
        {"June 3rd two thousand", 2000, 6, 3},
        {"Dec thirtieth nineteen hundred", 1900, 12, 30},
        {"September first of nineteen ninety four", 1994, 9, 1},
        {"June third of two thousand and nine", 2009, 6, 3},
    };
    for (const want & w : cases) {
        BOOST_TEST_CONTEXT(w.text) {
            parsed_date d;
            BOOST_REQUIRE(parse_date(w.text, strlen(w.text), false, &d));
            BOOST_TEST((d.year == w.year && d.month == w.month && d.day == w.day));
            BOOST_TEST(format_date(d) == w.text);
        }
    }
    // A span taken for a date parses with a lower-case "may" or "march" and a day (deid shifts the
    // model's "may 17th"); without a day they are the verbs.
    for (const char * text : {"may 17th", "march third", "may fifth"}) {
        parsed_date d;
        BOOST_TEST(parse_date(text, strlen(text), false, &d), text);
        BOOST_TEST(format_date(d) == text);
    }
    // No date: "twenty five" is no year, a day in words needs its month, lower-case "march" alone is a verb.
    for (const char * text : {"March twenty five", "twenty fifth", "fifth of all", "march", "may 2020", "June thirty first",
                              "May two thousand twelve hundred"}) {
        parsed_date d;
        BOOST_TEST(!parse_date(text, strlen(text), false, &d), text);
    }
    // Shifted, a date in words stays in words, in its style and letter case.
    parsed_date d;
    BOOST_REQUIRE(parse_date("July thirteenth, two thousand and four", 38, false, &d));
    shift_date(&d, 20);
    BOOST_TEST(format_date(d) == "August second, two thousand and four");
    BOOST_REQUIRE(parse_date("December thirty-first nineteen ninety-nine", 42, false, &d));
    shift_date(&d, 1);
    BOOST_TEST(format_date(d) == "January first two thousand"); // 2000 is no "twenty hundred"
    BOOST_REQUIRE(parse_date("January first two thousand", 26, false, &d));
    shift_date(&d, -1);
    BOOST_TEST(format_date(d) == "December thirty first nineteen ninety nine"); // before 2000: in pairs
    BOOST_REQUIRE(parse_date("The Twenty-Second of May", 24, false, &d) == false); // "The" stays outside
    BOOST_REQUIRE(parse_date("Twenty-Second of May", 20, false, &d));
    shift_date(&d, 10);
    BOOST_TEST(format_date(d) == "First of June");
}

BOOST_AUTO_TEST_CASE(shift_keeps_intervals) {
    const char * a = "01/15/2021", * b = "2021-03-02";
    for (int32_t shift : {-365, -31, -1, 1, 17, 200, 365}) {
        parsed_date da, db;
        BOOST_REQUIRE(parse_date(a, strlen(a), false, &da));
        BOOST_REQUIRE(parse_date(b, strlen(b), false, &db));
        const int64_t before = days_from_civil(db.year, db.month, db.day) - days_from_civil(da.year, da.month, da.day);
        shift_date(&da, shift);
        shift_date(&db, shift);
        BOOST_TEST(days_from_civil(db.year, db.month, db.day) - days_from_civil(da.year, da.month, da.day) == before);
        BOOST_TEST(days_from_civil(da.year, da.month, da.day) - days_from_civil(2021, 1, 15) == shift);
    }
}

// A season of a year is a date: it round-trips, and a shift moves the 15th of its middle month and
// writes the season that day falls in, in the case and the word (fall or autumn) written.
BOOST_AUTO_TEST_CASE(seasons_of_a_year) {
    const std::tuple<const char *, int32_t, const char *> cases[] = {
        {"Spring 2025", 20, "Spring 2025"},              // a few weeks: the same season
        {"Spring 2025", 100, "Summer 2025"},
        {"summer of 2019", -120, "spring of 2019"},
        {"Fall, 2023", 90, "Winter, 2024"},               // January 2024 is winter 2024's
        {"Autumn 2023", 365, "Autumn 2024"},
        {"Winter 2024", -20, "Winter 2024"},             // 26 December 2023 begins winter 2024
        {"Winter 2024", -60, "Fall 2023"},
        {"WINTER '24", 100, "SPRING '24"},
        {"winter of two thousand nine", 200, "summer of two thousand nine"},
        {"spring", 100, "summer"},                       // alone, as a whole span
    };
    for (const auto & [was, days, want] : cases) {
        parsed_date d;
        BOOST_TEST_CONTEXT(was) {
            BOOST_REQUIRE(parse_date(was, strlen(was), false, &d));
            BOOST_TEST(d.season);
            BOOST_TEST(format_date(d) == was);
            shift_date(&d, days);
            BOOST_TEST(format_date(d) == want);
        }
    }
    // In running text only with its year: "spring" and "fall" are mostly other words.
    parsed_date d;
    const std::string t = "had a fall in the spring of 2019; spring clip; fall 20251; Summer 1650";
    BOOST_TEST(match_date(t.data(), t.size(), 6, false, true, &d) == 0u);
    BOOST_TEST(match_date(t.data(), t.size(), 18, false, false, &d) == 14u);
    BOOST_TEST((d.season && d.year == 2019 && d.month == 4));
    BOOST_TEST(match_date(t.data(), t.size(), 34, false, true, &d) == 0u);
    BOOST_TEST(match_date(t.data(), t.size(), 47, false, false, &d) == 0u);
    BOOST_TEST(match_date(t.data(), t.size(), 59, false, false, &d) == 0u); // no plausible year
    BOOST_TEST(!parse_date("springs", 7, false, &d));
}

// A holiday is the day it falls on, written back as a date in the name's case: a shifted holiday
// is no longer that holiday.
BOOST_AUTO_TEST_CASE(holidays_as_the_days_they_fall_on) {
    const std::tuple<const char *, int32_t, const char *> cases[] = {
        {"Thanksgiving 2023", 0, "November 23, 2023"},
        {"Thanksgiving Day, 2024", 0, "November 28, 2024"},
        {"thanksgiving", 2019, "november 28"},           // the year from the note
        {"Memorial Day 2021", 0, "May 31, 2021"},          // the last Monday
        {"Labor Day 2023", 0, "September 4, 2023"},
        {"MLK Day 2024", 0, "January 15, 2024"},
        {"Presidents' Day 2025", 0, "February 17, 2025"},
        {"Columbus Day 2022", 0, "October 10, 2022"},
        {"Mother's Day 2024", 0, "May 12, 2024"},
        {"Father\xE2\x80\x99s Day 2024", 0, "June 16, 2024"}, // a typographic apostrophe
        {"Easter 2024", 0, "March 31, 2024"},
        {"Easter Sunday of 2019", 0, "April 21, 2019"},
        {"Good Friday 2024", 0, "March 29, 2024"},
        {"Easter Monday 2019", 0, "April 22, 2019"},
        {"Easter 1818", 0, "March 22, 1818"},              // the earliest Easter can be
        {"easter 2038", 0, "april 25, 2038"},              // and the latest
        {"Christmas Eve", 0, "December 24"},               // a fixed day needs no year
        {"CHRISTMAS 2020", 0, "DECEMBER 25, 2020"},
        {"New Year's Eve", 1999, "December 31"},           // a year hint is not written
        {"Juneteenth", 0, "June 19"},
    };
    for (const auto & [was, hint, want] : cases) {
        parsed_date d;
        BOOST_TEST_CONTEXT(was) {
            BOOST_REQUIRE(parse_holiday(was, strlen(was), hint, &d));
            BOOST_TEST(format_date(d) == want);
            BOOST_TEST(match_holiday_name(was, strlen(was), 0) > 0u);
        }
    }
    parsed_date d;
    BOOST_TEST(parse_holiday("Christmas Eve 2019", 18, 0, &d));
    shift_date(&d, 10);
    BOOST_TEST(format_date(d) == "January 3, 2020");
    // A movable holiday without a year, a day of another calendar, more than a holiday: none is a day.
    for (const char * s : {"Thanksgiving", "Easter Sunday", "Passover 2021", "Diwali", "Christmas tree", "Xmases", "Halloweens 2020"}) {
        BOOST_TEST(!parse_holiday(s, strlen(s), 0, &d), s);
    }
    BOOST_TEST(match_holiday_name("Xmases", 6, 0) == 0u);
    BOOST_TEST(match_holiday_name("Rosh Hashanah", 13, 0) == 13u);
    // Every year's holiday falls on its weekday in its week.
    for (int32_t y = 1900; y <= 2200; y++) {
        const auto day = [&](const char * name) {
            BOOST_REQUIRE(parse_holiday(name, strlen(name), y, &d));
            return days_from_civil(y, d.month, d.day);
        };
        // 1970-01-01 was a Thursday: weekday 0 is Thursday, 3 Sunday, 4 Monday.
        const int64_t thanksgiving = day("Thanksgiving");
        BOOST_REQUIRE(((thanksgiving % 7 + 7) % 7 == 0 && d.month == 11 && d.day >= 22 && d.day <= 28));
        const int64_t memorial = day("Memorial Day");
        BOOST_REQUIRE(((memorial % 7 + 7) % 7 == 4 && d.month == 5 && d.day >= 25));
        const int64_t easter = day("Easter");
        BOOST_REQUIRE(((easter % 7 + 7) % 7 == 3 && easter >= days_from_civil(y, 3, 22) && easter <= days_from_civil(y, 4, 25)));
        BOOST_REQUIRE(day("Good Friday") == easter - 2);
    }
}

// A compact date as HL7 writes it: YYYYMMDD, and a time after it that a shift leaves as it was.
BOOST_AUTO_TEST_CASE(compact_dates) {
    const std::tuple<const char *, int32_t, const char *> cases[] = {
        {"19610719", 10, "19610729"},
        {"20240314083000", -20, "20240223083000"},
        {"202403140830", 300, "202501080830"},
    };
    for (const auto & [was, days, want] : cases) {
        parsed_date d;
        BOOST_TEST_CONTEXT(was) {
            BOOST_REQUIRE(parse_date(was, strlen(was), false, &d));
            BOOST_TEST(format_date(d) == was);
            shift_date(&d, days);
            BOOST_TEST(format_date(d) == want);
        }
    }
    parsed_date d;
    for (const char * s : {"20241301", "20240230", "12345678", "2024031", "202403140", "99990101"}) {
        BOOST_TEST(!parse_date(s, strlen(s), false, &d), s);
    }
    // Not in running text: an 8-digit number there is as often an identifier.
    const std::string t = "MRN 19610719 on file";
    BOOST_TEST(match_date(t.data(), t.size(), 4, false, true, &d) == 0u);
}

BOOST_AUTO_TEST_CASE(civil_calendar_matches_a_day_walk) {
    int32_t y = 1899, m = 12, d = 31;
    for (int64_t z = days_from_civil(1899, 12, 31); z < days_from_civil(2101, 1, 1); z++) {
        int32_t cy, cm, cd;
        civil_from_days(z, &cy, &cm, &cd);
        BOOST_REQUIRE((cy == y && cm == m && cd == d));
        if (++d > days_in_month(y, m)) d = 1, m++;
        if (m > 12) m = 1, y++;
    }
    BOOST_TEST(days_from_civil(1970, 1, 1) == 0);
    BOOST_TEST(days_in_month(1900, 2) == 28);
    BOOST_TEST(days_in_month(2000, 2) == 29);
}

BOOST_AUTO_TEST_CASE(match_date_in_running_text) {
    const std::string t = "seen 03/14/2021. Next: April 2, 2021";
    parsed_date d;
    BOOST_TEST(match_date(t.data(), t.size(), 5, false, false, &d) == 10u);
    BOOST_TEST(match_date(t.data(), t.size(), 23, false, false, &d) == 13u);
    BOOST_TEST(match_date(t.data(), t.size(), 0, false, false, &d) == 0u);
    // ISO 8601's date and time: the date, the time left as it is; another letter after a date is none.
    const std::string iso = "admitted 2026-11-27T14:32; ref 2026-11-27X4";
    BOOST_TEST(match_date(iso.data(), iso.size(), 9, false, false, &d) == 10u);
    BOOST_TEST(d.day == 27);
    BOOST_TEST(match_date(iso.data(), iso.size(), 31, false, false, &d) == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
