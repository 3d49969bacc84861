// rules.cpp: every recognizer family on texts it must flag (with the exact span and subtype) and on
// look-alikes it must leave alone.
#define BOOST_TEST_MODULE rules
#include <boost/test/unit_test.hpp>

#include "pipeline/rules.h"
#include "pipeline/text-index.h"
#include "pipeline/word-list.h"

#include <cstring>
#include <string>
#include <vector>

using namespace mab;

namespace {

struct found {
    std::string subtype;
    std::string text;
};

std::vector<found> scan(const std::string & text, uint32_t families, bool day_first = false) {
    std::vector<span> spans;
    run_rules(text.data(), text.size(), families, day_first, &spans);
    std::vector<found> out;
    for (const span & s : spans) {
        BOOST_TEST(s.source == SOURCE_RULE);
        BOOST_TEST(s.score > 0.0f);
        BOOST_TEST(s.score <= 1.0f);
        out.push_back({s.subtype, text.substr((size_t) s.begin, (size_t) (s.end - s.begin))});
    }
    return out;
}

// The text flags exactly one span, with this subtype and text.
void one(uint32_t families, const std::string & text, const std::string & subtype, const std::string & want) {
    const auto f = scan(text, families);
    BOOST_TEST_CONTEXT(text) {
        BOOST_REQUIRE_EQUAL(f.size(), 1u);
        BOOST_TEST(f[0].subtype == subtype);
        BOOST_TEST(f[0].text == want);
    }
}

// The text flags exactly these spans, in the order found, all with this subtype.
void these(uint32_t families, const std::string & text, const std::string & subtype, const std::vector<std::string> & want) {
    const auto f = scan(text, families);
    BOOST_TEST_CONTEXT(text) {
        BOOST_REQUIRE_EQUAL(f.size(), want.size());
        for (size_t k = 0; k < want.size(); k++) {
            BOOST_TEST(f[k].subtype == subtype);
            BOOST_TEST(f[k].text == want[k]);
        }
    }
}

void none(uint32_t families, const std::string & text) {
    const auto f = scan(text, families);
    BOOST_TEST_CONTEXT(text) {
        BOOST_TEST(f.empty(), (f.empty() ? std::string() : "found '" + f[0].text + "' as " + f[0].subtype));
    }
}

// A model DATE span (the first `span` in `text`) and whether a check must drop it.
struct model_date {
    const char * text;
    const char * span;
    bool         dropped;
};

template <size_t N>
void check_model_dates(const model_date (&examples)[N], bool (*check)(const char *, size_t, size_t, size_t)) {
    for (const model_date & x : examples) {
        const std::string text = x.text;
        const size_t      b    = text.find(x.span);
        BOOST_TEST_CONTEXT(x.text << " [" << x.span << "]") {
            BOOST_REQUIRE(b != std::string::npos);
            BOOST_TEST(check(text.data(), text.size(), b, b + strlen(x.span)) == x.dropped);
        }
    }
}

// A model entity in a text, and what it grows to ("" when it stays).
struct model_growth {
    const char * text;
    const char * span;
    const char * grown;
};

// Each example's span grown by end_of(text, len, b, e) (0: it stays).
template <size_t N, class F> void check_model_growth(const model_growth (&examples)[N], F end_of) {
    for (const model_growth & x : examples) {
        const std::string text = x.text;
        const size_t b = text.find(x.span);
        BOOST_TEST_CONTEXT(x.text << " [" << x.span << "]") {
            BOOST_REQUIRE(b != std::string::npos);
            const size_t e = end_of(text.data(), text.size(), b, b + strlen(x.span));
            BOOST_TEST((e ? text.substr(b, e - b) : std::string()) == x.grown);
        }
    }
}

} // namespace

BOOST_AUTO_TEST_SUITE(rules_suite)

BOOST_AUTO_TEST_CASE(phone) {
    one(RULE_PHONE, "Call (617) 555-0134 today.", "PHONE", "(617) 555-0134");
    one(RULE_PHONE, "cell 617-555-0134.", "PHONE", "617-555-0134");
    one(RULE_PHONE, "tel: 617.555.0134", "PHONE", "617.555.0134");
    one(RULE_PHONE, "reach me at +1 617 555 0134", "PHONE", "+1 617 555 0134");
    one(RULE_PHONE, "1-800-555-0199 (toll free)", "PHONE", "1-800-555-0199");
    one(RULE_PHONE, "London office +44 20 7946 0958.", "PHONE", "+44 20 7946 0958");
    one(RULE_PHONE, "office 617-555-0134 ext. 221, mornings", "PHONE", "617-555-0134 ext. 221");
    one(RULE_PHONE, "office 617-555-0134 x221", "PHONE", "617-555-0134 x221");
    one(RULE_PHONE, "Fax: 617-555-0188", "FAX", "617-555-0188");
    // Short and bare forms only after a context word.
    one(RULE_PHONE, "phone 555-0134", "PHONE", "555-0134");
    one(RULE_PHONE, "call 6175550134", "PHONE", "6175550134");
    one(RULE_PHONE, "Pager 4821", "PHONE", "4821");
    none(RULE_PHONE, "BP 120/80, HR 72, glucose 555-0134 range");
    none(RULE_PHONE, "order 6175550134 units");
    none(RULE_PHONE, "Lot 617-555-01345 expired");
    none(RULE_PHONE, "dose 1.5 mg 3 times daily for 10 days");
    // Glued to its label, as OCR and hurried typing join them; not to any word.
    one(RULE_PHONE, "Tel617-555-0134 (home)", "PHONE", "617-555-0134");
    none(RULE_PHONE, "Lot617-555-0134; abc6175550134");
}

BOOST_AUTO_TEST_CASE(numbers_said_digit_by_digit) {
    one(RULE_PHONE, "You can reach me at five five five, one two three four.", "PHONE", "five five five, one two three four");
    one(RULE_PHONE, "my cell is six one seven five five five 0 1 3 4 if", "PHONE", "six one seven five five five 0 1 3 4");
    one(RULE_PHONE, "it's one eight hundred... no: One 800 five five five zero one nine nine", "PHONE",
        "One 800 five five five zero one nine nine");
    one(RULE_PHONE, "Fax: six one seven - five five five - oh one eight eight", "FAX", "six one seven - five five five - oh one eight eight");
    one(RULE_ID, "my member number is four four seven one two nine eight three", "IDNUM", "four four seven one two nine eight three");
    one(RULE_ID, "social is two one three, four five, six seven eight 1.", "IDNUM", "two one three, four five, six seven eight 1");
    // Each family flags its own kind only.
    none(RULE_ID, "You can reach me at five five five, one two three four.");
    none(RULE_PHONE, "my member number is four four seven one two nine eight three");
    // Counting (a cognitive test), short runs, too many digits, numerals alone, "oh" as an interjection.
    none(RULE_PHONE | RULE_ID, "Count backwards: nine eight seven six five four three two one.");
    none(RULE_PHONE | RULE_ID, "one two three four five six seven");
    none(RULE_PHONE | RULE_ID, "one , one , one eight and four zero five zero two");
    none(RULE_PHONE | RULE_ID, "one two three four five six seven eight nine one two three");
    none(RULE_PHONE | RULE_ID, "took 2 3 4 5 6 7 8 tablets");
    none(RULE_PHONE | RULE_ID, "oh one two three okay");
    none(RULE_PHONE | RULE_ID, "one or two, maybe three or four times a day for five to six weeks");
}

BOOST_AUTO_TEST_CASE(email) {
    one(RULE_EMAIL, "Write to jane.doe+clinic@mail.example.org.", "EMAIL", "jane.doe+clinic@mail.example.org");
    one(RULE_EMAIL, "(j_smith@hosp.co.uk)", "EMAIL", "j_smith@hosp.co.uk");
    none(RULE_EMAIL, "meet @ 5pm at the desk");
    none(RULE_EMAIL, "user@localhost is not an address");
    none(RULE_EMAIL, "ratio 3@4.5");
    // Said, or obfuscated against scrapers.
    one(RULE_EMAIL, "it's kob1958 at hotmail dot com, all lower case", "EMAIL", "kob1958 at hotmail dot com");
    one(RULE_EMAIL, "write j.smith (at) mgh [dot] org", "EMAIL", "j.smith (at) mgh [dot] org");
    one(RULE_EMAIL, "jsmith [AT] mgh (DOT) org", "EMAIL", "jsmith [AT] mgh (DOT) org");
    one(RULE_EMAIL, "ed @ yahoo dot co dot uk", "EMAIL", "ed @ yahoo dot co dot uk");
    // A local part said with its dots, up to two of them; no function word joins it.
    one(RULE_EMAIL, "email me at grace dot okonkwo at gmail dot com .", "EMAIL", "grace dot okonkwo at gmail dot com");
    one(RULE_EMAIL, "j dot r dot smith at mgh dot org", "EMAIL", "j dot r dot smith at mgh dot org");
    one(RULE_EMAIL, "connect the dot kob1958 at hotmail dot com", "EMAIL", "kob1958 at hotmail dot com");
    none(RULE_EMAIL, "Look at the dot in the middle of the lesion.");
    none(RULE_EMAIL, "She was at home. Com was there.");
    none(RULE_EMAIL, "looked it up at webmd.com last night");
    none(RULE_EMAIL, "stayed at work dot for now");
    none(RULE_EMAIL, "an [at] or (dot) alone");
}

// A social media handle: with a digit or '_', or a platform next to it; "@" for "at" is none.
BOOST_AUTO_TEST_CASE(social_handles) {
    these(RULE_URL, "Son (@paddyob on Instagram). IG: @jess_t88. TikTok handle @dancer.girl", "USERNAME",
          {"paddyob", "jess_t88", "dancer.girl"});
    none(RULE_URL, "Lasix @bedtime; seen @MGH; meds @home; call @5pm @0800; Instagram @home; a@bcd; @ab");
}

BOOST_AUTO_TEST_CASE(url) {
    one(RULE_URL, "See https://portal.example.org/patient?id=42.", "URL", "https://portal.example.org/patient?id=42");
    one(RULE_URL, "(http://example.com/a_(b))", "URL", "http://example.com/a_(b)");
    one(RULE_URL, "visit www.mercy-health.net for forms", "URL", "www.mercy-health.net");
    one(RULE_URL, "records at myclinic.com/records now", "URL", "myclinic.com/records");
    none(RULE_URL, "e.g. take 2 tabs, i.e. twice daily");
    none(RULE_URL, "Dr.Smith saw the pt. Plan: cont. meds.");
}

// Every family on megabyte-long runs without a break (hyphen- or dot-joined words, digits, letters):
// each rule must stay linear, as the url rule once was not (it read the rest of the run from every
// word start: hours for this). The first three flag nothing; the URL after the last run is found.
BOOST_AUTO_TEST_CASE(megabyte_runs_without_a_break) {
    const auto repeat = [](const std::string & unit, size_t n) {
        std::string out;
        for (size_t i = 0; i < n; i++) out += unit;
        return out;
    };
    const std::string runs[] = {repeat("Ab-", 350000), repeat("one-", 250000), repeat("A-b.", 250000),
                                repeat("7-", 500000), repeat("x", 1000000), repeat("1.", 500000)};
    for (size_t r = 0; r < 3; r++) none(RULE_ALL, runs[r]);
    for (const std::string & run : runs) {
        const auto f = scan(run + " see www.example.com", RULE_URL);
        BOOST_TEST_CONTEXT(run.substr(0, 8)) {
            BOOST_REQUIRE(!f.empty());
            BOOST_TEST(f.back().text == "www.example.com");
        }
        scan(run, RULE_ALL);
    }
    one(RULE_URL, "www." + repeat("a-", 400000) + "example.com", "URL", "www." + repeat("a-", 400000) + "example.com");
}

BOOST_AUTO_TEST_CASE(ip) {
    one(RULE_IP, "login from 192.168.10.254 failed", "IPADDR", "192.168.10.254");
    one(RULE_IP, "host 2001:db8::8a2e:370:7334 up", "IPADDR", "2001:db8::8a2e:370:7334");
    one(RULE_IP, "fe80:0:0:0:202:b3ff:fe1e:8329", "IPADDR", "fe80:0:0:0:202:b3ff:fe1e:8329");
    none(RULE_IP, "version 300.1.2.3 and 1.2.3 and 10.0.0");
    none(RULE_IP, "at 12:30:45 the patient");
}

BOOST_AUTO_TEST_CASE(ssn) {
    one(RULE_SSN, "SSN 078-05-1120.", "SSN", "078-05-1120");
    one(RULE_SSN, "ss no 078 05 1120", "SSN", "078 05 1120");
    one(RULE_SSN, "Social Security: 078051120", "SSN", "078051120");
    none(RULE_SSN, "code 078051120 only");
    none(RULE_SSN, "tel 617-555-0134");
    none(RULE_SSN, "range 078-05-11200");
}

BOOST_AUTO_TEST_CASE(ids_with_context) {
    one(RULE_ID, "MRN: 4829173", "MEDICALRECORD", "4829173");
    one(RULE_ID, "Medical record number is 00-482-917", "MEDICALRECORD", "00-482-917");
    one(RULE_ID, "Acct #A-228194", "ACCOUNT", "A-228194");
    one(RULE_ID, "Member ID XKQ9981234", "HEALTHPLAN", "XKQ9981234");
    one(RULE_ID, "DEA BX1234563", "LICENSE", "BX1234563");
    one(RULE_ID, "specimen S21-0443", "IDNUM", "S21-0443");
    one(RULE_ID, "Medicare card (1EG4-TE5-MK73) on file", "HEALTHPLAN", "1EG4-TE5-MK73"); // "card (" between
    one(RULE_ID, "CGM transmitter ID 8GM4TX replaced", "DEVICE", "8GM4TX");                // 2 digits, after a context word
    one(RULE_ID, "CGM transmitter 8GM4TX replaced", "DEVICE", "8GM4TX");
    one(RULE_ID, "Insulin pump S/N 12AB34567", "DEVICE", "12AB34567");
    one(RULE_ID, "HICN 123-45-6789A on file", "HEALTHPLAN", "123-45-6789A");
    one(RULE_ID, "Employee badge 44812", "IDNUM", "44812");
    one(RULE_ID, "Vehicle registration ABC-1234", "VEHICLE", "ABC-1234");
    // Without context: long digit runs and capital-letter codes, at a lower score.
    one(RULE_ID, "score 12345 and 99812734 seen", "IDNUM", "99812734");
    one(RULE_ID, "token AB123456 issued", "IDNUM", "AB123456");
    one(RULE_ID, "Irish number 1234567TA on file", "IDNUM", "1234567TA");
    one(RULE_ID, "PPS number 1234567T on file", "IDNUM", "1234567T");
    these(RULE_ID, "SIN 046 454 286, claim #WC-2026-118823", "IDNUM", {"046 454 286", "WC-2026-118823"});
    // A patient portal's codes: "MyChart activation code: 7KD4X-M2QPL-88WZT".
    these(RULE_ID, "MyChart activation code: 7KD4X-M2QPL-88WZT; access code 4471-2290; confirmation # QX77-1204",
          "IDNUM", {"7KD4X-M2QPL-88WZT", "4471-2290", "QX77-1204"});
    none(RULE_ID, "Mr. Smith, unit 4, record reviewed, 25 mg");
    // A quantity or a range after a context word is no identifier; a hyphenated ID stays one.
    none(RULE_ID, "Age group 65-74. Record 1500 mL output. Policy 2019-2020 guidelines. Order 2 tablets.");
    one(RULE_ID, "MRN 1234-5678", "MEDICALRECORD", "1234-5678");
    one(RULE_ID, "Group number 12345-678", "HEALTHPLAN", "12345-678");
    none(RULE_ID, "HbA1c 7.2, COVID19 negative, 100000 units");
    none(RULE_ID, "a 31 y/o G3P1011 at 38 weeks; G2P1-0-1-1; g10p20003; vitamin D 50000IU weekly");
    // Written in groups of letters and digits that single spaces separate; a plate may begin with letters.
    one(RULE_ID, "Health card 4488 123 456 XK was verified", "HEALTHPLAN", "4488 123 456 XK");
    one(RULE_ID, "Plate: 4KXP 227.", "VEHICLE", "4KXP 227");
    one(RULE_ID, "License plate ABC 1234 recorded", "VEHICLE", "ABC 1234");
    these(RULE_ID, "vehicle VIN 1HGCM82633A004352, plate MA 7XK-229.", "VEHICLE", {"1HGCM82633A004352", "7XK-229"});
    one(RULE_ID, "plate NY ABC 1234", "VEHICLE", "ABC 1234");
    one(RULE_ID, "NHS number 943 476 5919 on file", "HEALTHPLAN", "943 476 5919");
    one(RULE_ID, "MRN 4829173 3 days ago", "MEDICALRECORD", "4829173");        // a count is no group
    one(RULE_ID, "MRN 4829173 BP 120/80", "MEDICALRECORD", "4829173");         // capitals before a number
    one(RULE_ID, "Chart 12345 reviewed with RN", "MEDICALRECORD", "12345");
    one(RULE_ID, "Order no. T68-8303 SSN xxx-xx-1664", "IDNUM", "T68-8303");    // capitals after the first group
    one(RULE_ID, "Order no. M28-4276 SS# 604", "IDNUM", "M28-4276");
    none(RULE_ID, "plate ABC. plate abc 1234. MRN 1 2. Order 2 3 tablets. License revoked 1 time");
}

BOOST_AUTO_TEST_CASE(dates) {
    one(RULE_DATE, "admitted 03/14/2021.", "DATE", "03/14/2021");
    one(RULE_DATE, "on 3-4-21 at noon", "DATE", "3-4-21");
    one(RULE_DATE, "ISO 2021-03-14 stamp", "DATE", "2021-03-14");
    one(RULE_DATE, "dated 14.03.2021", "DATE", "14.03.2021");
    one(RULE_DATE, "since March 14, 2021 stable", "DATE", "March 14, 2021");
    one(RULE_DATE, "Seen Mar. 14th 2021.", "DATE", "Mar. 14th 2021");
    one(RULE_DATE, "seen 14 March 2021", "DATE", "14 March 2021");
    one(RULE_DATE, "seen 14-Mar-2021", "DATE", "14-Mar-2021");
    one(RULE_DATE, "the 3rd of May 2020", "DATE", "3rd of May 2020");
    one(RULE_DATE, "in December 2019 had", "DATE", "December 2019");
    one(RULE_DATE, "since 12/2019 on", "DATE", "12/2019");
    one(RULE_DATE, "follow-up on 3/28", "DATE", "3/28");
    one(RULE_DATE, "in good health until 7/93, when", "DATE", "7/93");   // a month and a 2-digit year
    none(RULE_DATE, "in good health in 7/93, pain 5/45, 13/94 ratio");   // no date word, or no month
    one(RULE_DATE, "Sept 9 visit", "DATE", "Sept 9");
    none(RULE_DATE, "took 1/2 tab, BP 120/80, 13/45 ratio");
    none(RULE_DATE, "may 2 tablets help, march 3 steps");
    none(RULE_DATE, "13/14/2021 is not a date, nor 02/30/2021");
    none(RULE_DATE, "In May the patient improved");
    one(RULE_DATE, "Seen on1/5/2022 for", "DATE", "1/5/2022");
    one(RULE_DATE, "away Sept. 14-18, 2019 for", "DATE", "Sept. 14-18, 2019");
    none(RULE_DATE, "Type1/5/2022 and x3/14");
}

// Transcripts say dates in words.
BOOST_AUTO_TEST_CASE(dates_in_words) {
    one(RULE_DATE, "Patient: I saw Doctor X on January tenth two thousand nine, and I", "DATE", "January tenth two thousand nine");
    one(RULE_DATE, "we last saw you June twenty first, this year", "DATE", "June twenty first");
    one(RULE_DATE, "as last seen on July thirteenth, two thousand and four.", "DATE", "July thirteenth, two thousand and four");
    one(RULE_DATE, "clinic on October twenty sixth nineteen ninety five because", "DATE", "October twenty sixth nineteen ninety five");
    one(RULE_DATE, "I had my son in August of two thousand eight, and", "DATE", "August of two thousand eight");
    one(RULE_DATE, "on the fifth of November, twenty eighteen.", "DATE", "fifth of November, twenty eighteen");
    one(RULE_DATE, "Surgery is on March third, 2021.", "DATE", "March third, 2021");
    // Lower-case "may" and "march" with an ordinal day and a year, or a date word before them.
    one(RULE_DATE, "and you were born on may fifth nineteen fifty eight ?", "DATE", "may fifth nineteen fifty eight");
    one(RULE_DATE, "coming back in on may 17th for your first shot", "DATE", "may 17th");
    one(RULE_DATE, "his thyroid profile from march 1st , 2021 .", "DATE", "march 1st , 2021");
    one(RULE_DATE, "it was may 5th 2020 i think", "DATE", "may 5th 2020");
    none(RULE_DATE, "Take it twenty five times. May two patients come? March twenty. First of all, the second time");
    none(RULE_DATE, "you may first want to rest; we march fourth in line; you may 2 times; i may third it; they march 3rd");
    // After a date and a joiner, as after a date word.
    BOOST_TEST(scan("[patient] we met on may 17th and march third .", RULE_DATE).size() == 2u);
    BOOST_TEST(scan("seen 3/14/2021 and 3/28, then", RULE_DATE).size() == 2u);
    BOOST_TEST(scan("we may 5 and may 6; you may 5th - may 7th", RULE_DATE).empty());
    // A weekday and the day of the month, without a month.
    one(RULE_DATE, "ana called the office on tuesday the fourth .", "DATE", "tuesday the fourth");
    one(RULE_DATE, "Seen Monday, the 3rd, in clinic", "DATE", "Monday, the 3rd");
    none(RULE_DATE, "sunday the thirty second; tuesday the 40th; on Monday the patient; Monday 3rd");
    // After "on", when a pause follows.
    one(RULE_DATE, "[patient] yes , on the twelfth . they sent me home", "DATE", "the twelfth");
    one(RULE_DATE, "the testosterone on the 28th .", "DATE", "the 28th");
    none(RULE_DATE, "on the third day; on the 2nd floor; on the first try; on the 40th.; the twelfth .");
    none(RULE_DATE, "He had a stroke in the year two thousand and two, in nineteen ninety.");
}

// A holiday names a day: the rule takes it, with the year that may follow, in any case.
BOOST_AUTO_TEST_CASE(holidays) {
    one(RULE_DATE, "first noted the week prior to Thanksgiving, when", "DATE", "Thanksgiving");
    one(RULE_DATE, "Seen Easter Sunday 2022 in clinic", "DATE", "Easter Sunday 2022");
    one(RULE_DATE, "travel over Christmas, 2020; no fever", "DATE", "Christmas, 2020");
    one(RULE_DATE, "since labor day , so about five weeks", "DATE", "labor day");
    one(RULE_DATE, "fell on New Year's Eve at home", "DATE", "New Year's Eve");
    one(RULE_DATE, "fireworks on the 4th of July burned", "DATE", "4th of July"); // the date rule's, not found twice
    none(RULE_DATE, "Easterly winds; the labor was long; a new year; Thanksgivings; 2020 Christmasy");
    // A thing named for the holiday dates nothing.
    none(RULE_DATE, "works at a local Christmas tree farm; the christmas lights; Easter cards; Halloween movies");
}

BOOST_AUTO_TEST_CASE(zip) {
    one(RULE_ZIP, "Boston, MA 02139", "ZIP", "02139");
    one(RULE_ZIP, "Austin, Texas 78701-1234.", "ZIP", "78701-1234");
    one(RULE_ZIP, "zip code: 60614", "ZIP", "60614");
    none(RULE_ZIP, "platelets 15000 and 25000 units");
    none(RULE_ZIP, "room 12345 on floor 3");
    // UK and Canadian postcodes, by their shape alone.
    one(RULE_ZIP, "lives in London WC2B 6TH with", "ZIP", "WC2B 6TH");
    one(RULE_ZIP, "Oxford OX1 4AB.", "ZIP", "OX1 4AB");
    one(RULE_ZIP, "London SW1A 1AA", "ZIP", "SW1A 1AA");
    one(RULE_ZIP, "Ottawa, ON K1A 0B1", "ZIP", "K1A 0B1");
    // Without its space, only after a province code or a postal word: tumour stages and coma
    // scores have that shape too.
    one(RULE_ZIP, "Toronto, ON M5V3L9", "ZIP", "M5V3L9");
    one(RULE_ZIP, "postal code K1A0B1", "ZIP", "K1A0B1");
    none(RULE_ZIP, "Stage T2N1M0; GCS E4V5M6 (E4V4M6); Toronto M5V3L9");
    none(RULE_ZIP, "T2 N0 M0 disease; HbA1c 7.2; A1C 7.2%; ox1 4ab; L4 5 disc; B12 400 pg/mL");
}

// A house number, capitalised words and a street word; lower case, a number alone or a street word
// alone is none.
BOOST_AUTO_TEST_CASE(streets) {
    one(RULE_STREET, "seen at 12 Oak Street, Boston", "STREET", "12 Oak Street");
    one(RULE_STREET, "lives at 401 W 21st Ave, Unit 3", "STREET", "401 W 21st Ave, Unit 3");   // with its unit
    one(RULE_STREET, "Lives at 1600 Pennsylvania Avenue NW, Apt. 5B, Washington", "STREET",
        "1600 Pennsylvania Avenue NW, Apt. 5B");
    one(RULE_STREET, "at 77 Elm St #3, Fitchburg", "STREET", "77 Elm St #3");
    one(RULE_STREET, "at 77 Elm St, Suite 4-B today", "STREET", "77 Elm St, Suite 4-B");
    one(RULE_STREET, "at 77 Elm St, Apt B.", "STREET", "77 Elm St, Apt B");
    one(RULE_STREET, "at 77 Elm St, apartment with stairs", "STREET", "77 Elm St");          // no unit's number
    one(RULE_STREET, "at 77 Elm St, Unit 1234567 with", "STREET", "77 Elm St");              // too long for one
    // A post office box or a rural route.
    one(RULE_STREET, "Mailing address: PO Box 1184, Sturbridge", "STREET", "PO Box 1184");
    one(RULE_STREET, "send to P.O. Box 47.", "STREET", "P.O. Box 47");
    one(RULE_STREET, "Alt address: RR 2 Box 47, Hardwick VT", "STREET", "RR 2 Box 47");
    one(RULE_STREET, "Rural Route 3, Hardwick", "STREET", "Rural Route 3");
    none(RULE_STREET, "rr 20 on room air; HR 88; RR 18; put it in the box 3 times; HC 12; RR 2 boxes");
    one(RULE_STREET, "moved to 7 Birch Hollow Lane.", "STREET", "7 Birch Hollow Lane");
    one(RULE_STREET, "at 55 Elm St. yesterday", "STREET", "55 Elm St");
    none(RULE_STREET, "12 oak street; 3 Street; Take 2 Tylenol Extra Strength; 4 Times Daily; Dr. Lane; 123456 Main Street");
}

// Without a house number: a street's name after a word of place, capitalised ("lives on Maple
// Street"), or in lower case after where someone lives ("i live on maple street").
BOOST_AUTO_TEST_CASE(streets_without_a_number) {
    one(RULE_STREET, "She lives on Maple Street near the park.", "STREET", "Maple Street");
    one(RULE_STREET, "next to the Safeway on Village Drive.", "STREET", "Village Drive");
    one(RULE_STREET, "He moved to Birch Hollow Lane last year.", "STREET", "Birch Hollow Lane");
    one(RULE_STREET, "walks along W 21st Ave daily", "STREET", "W 21st Ave");
    one(RULE_STREET, "fell at the corner of Elm St. and Main", "STREET", "Elm St");
    these(RULE_STREET, "Found at the corner of Mass Ave and Columbus Ave.", "STREET", {"Mass Ave", "Columbus Ave"});
    these(RULE_STREET, "Moved to 5th Ave & 23rd St in 2019.", "STREET", {"5th Ave", "23rd St"});
    one(RULE_STREET, "i live on maple street with my wife", "STREET", "maple street");
    one(RULE_STREET, "we moved to cedar hill road last spring", "STREET", "cedar hill road");
    // No word of place, a street word alone, a function word before it, or lower case without a home.
    none(RULE_STREET, "Maple Street Clinic; on Street; on their Way; on The Way; on Our Way; Dr. Lane; went up Stairs");
    one(RULE_STREET, "she walked on maple street yesterday", "STREET", "maple street");
    none(RULE_STREET, "lives on a busy street; moved to the road; lives on my street; on main st; off the court; on a road");
    // The house number said in words.
    one(RULE_STREET, "my address is forty two pine ridge road , apartment three", "STREET", "forty two pine ridge road");
    one(RULE_STREET, "lives at Twelve Oak Street", "STREET", "Twelve Oak Street");
    none(RULE_STREET, "one more road trip; two main roads; he is seventy two years old street; two the road");
}

// Capitalised words after an employment cue: the employer. A person, a pronoun, a time or lower case
// is none.
BOOST_AUTO_TEST_CASE(employers) {
    one(RULE_ORGANIZATION, "He works for Chevron and lives in Angola.", "ORGANIZATION", "Chevron");
    one(RULE_ORGANIZATION, "She is employed by the Social Security Administration in data", "ORGANIZATION",
        "Social Security Administration");
    one(RULE_ORGANIZATION, "He works for the City of Wichita as a dispatcher", "ORGANIZATION", "City of Wichita");
    one(RULE_ORGANIZATION, "a nurse, she has a job at Brigham and Women's Hospital.", "ORGANIZATION", "Brigham and Women's Hospital");
    one(RULE_ORGANIZATION, "I worked for Walter P. Carter Center for two years", "ORGANIZATION", "Walter P. Carter Center");
    one(RULE_ORGANIZATION, "she works at T-Mobile Customer Service, and", "ORGANIZATION", "T-Mobile Customer Service");
    one(RULE_ORGANIZATION, "retired from IBM in 2010", "ORGANIZATION", "IBM");
    one(RULE_ORGANIZATION, "Retired employee of Champion Automotive Co. Denies", "ORGANIZATION", "Champion Automotive Co");
    one(RULE_ORGANIZATION, "works for Acme A. then", "ORGANIZATION", "Acme");
    none(RULE_ORGANIZATION, "works at Dr. Smith's office; works for me; works at Night; worked over Christmas; works at A store");
    none(RULE_ORGANIZATION, "works at a desk; works at home depot; Works; worked with Chevron; works at the");
    none(RULE_ORGANIZATION, "works for Monday; works for I think; the Hospital Center; works and Chevron");
}

// The occupation after "works as a" or "Occupation:", up to a preposition, a conjunction, a verb
// or punctuation; letters said alone stay together. What works as a drug or a team is none.
BOOST_AUTO_TEST_CASE(occupations) {
    one(RULE_PROFESSION, "Works as a paralegal.", "PROFESSION", "paralegal");
    one(RULE_PROFESSION, "She is employed as an x-ray technician for the county", "PROFESSION", "x-ray technician");
    one(RULE_PROFESSION, "i worked as a dock hand , but", "PROFESSION", "dock hand");
    one(RULE_PROFESSION, "I was working as an I T software developer.", "PROFESSION", "I T software developer");
    one(RULE_PROFESSION, "I worked as a L and D nurse before I retired", "PROFESSION", "L and D nurse");
    one(RULE_PROFESSION, "I was working as a C N A at the home", "PROFESSION", "C N A");
    one(RULE_PROFESSION, "He worked as an engineer/manager, and", "PROFESSION", "engineer/manager");
    one(RULE_PROFESSION, "She works as a social worker dealing with abuse", "PROFESSION", "social worker");
    one(RULE_PROFESSION, "Works as a newspaper printing press worker. Denies", "PROFESSION", "newspaper printing press worker");
    one(RULE_PROFESSION, "Miss Welch works as a pipefitter Record 0032", "PROFESSION", "pipefitter");
    one(RULE_PROFESSION, "WORKS AS A INSURANCE AGENT REPORTS WORSENING", "PROFESSION", "INSURANCE AGENT");
    one(RULE_PROFESSION, "Mr Mertz works as a barber complains of back pain.", "PROFESSION", "barber");
    one(RULE_PROFESSION, "employed as a United States Marine officer, artillery", "PROFESSION", "United States Marine officer");
    one(RULE_PROFESSION, "got a job as a cashier in town", "PROFESSION", "cashier");
    one(RULE_PROFESSION, "Occupation:  a line cook; employer", "PROFESSION", "line cook");
    one(RULE_PROFESSION, "PROFESSION: Teacher\n", "PROFESSION", "Teacher");
    none(RULE_PROFESSION, "it works as a diuretic; this medicine works as a blood thinner; we work as a team");
    none(RULE_PROFESSION, "worked as a result; Occupation: retired. works as an; work as a 2; works as a, well");
    none(RULE_PROFESSION, "Occupation:none; works as the cook; works like a nurse; working as in the past");
    none(RULE_PROFESSION, "works as a Lasix; works as a full time; working as a presents");
}

// More cues: between the verb and its lead, gig work, and an occupation with its article.
BOOST_AUTO_TEST_CASE(employers_after_more_cues) {
    one(RULE_ORGANIZATION, "He works nights at Target; denies", "ORGANIZATION", "Target");
    one(RULE_ORGANIZATION, "works part-time for Lowe's", "ORGANIZATION", "Lowe's");
    one(RULE_ORGANIZATION, "his son drives for Uber.", "ORGANIZATION", "Uber");
    one(RULE_ORGANIZATION, "He is a pilot for Delta and", "ORGANIZATION", "Delta");
    one(RULE_ORGANIZATION, "She is an engineer at Boeing.", "ORGANIZATION", "Boeing");
    one(RULE_ORGANIZATION, "was a cashier at Walmart until", "ORGANIZATION", "Walmart");
    one(RULE_ORGANIZATION, "volunteers at Habitat for Humanity", "ORGANIZATION", "Habitat");
    none(RULE_ORGANIZATION, "a urologist for Further evaluation; A TRIGGER FOR SMOKING; A PSYCHOLOGIST FOR YEARS");
    none(RULE_ORGANIZATION, "a letter for Medicare; a treatment for Crohn; a referral for Physical Therapy; an order for PT");
    none(RULE_ORGANIZATION, "a professor at College; a student at the University; works for the Army; works hard at School; a monitor for Holter; drives to Boston; works nights at home; a nurse at Dr. Lee's");
}

// A care facility named for its town, with "of": the whole name; not a facility word alone, function
// words in capitals, or a common word for a town.
BOOST_AUTO_TEST_CASE(facilities_named_for_their_town) {
    one(RULE_ORGANIZATION, "Lives at Senior Living of Wellesley with her sister.", "ORGANIZATION", "Senior Living of Wellesley");
    one(RULE_ORGANIZATION, "Followed by the Visiting Nurse Association of Boston.", "ORGANIZATION",
        "Visiting Nurse Association of Boston");
    one(RULE_ORGANIZATION, "MERCY HOSPITAL OF LODI", "HOSPITAL", "MERCY HOSPITAL OF LODI");
    one(RULE_ORGANIZATION, "Mercy Hospital of Revere Imaging Services", "HOSPITAL", "Mercy Hospital of Revere");
    none(RULE_ORGANIZATION, "Center of Excellence; Cancer Center of Excellence; HERE IN THE CENTER OF MY; Heart Center of the Day");
    none(RULE_ORGANIZATION, "the center of Boston; Home of Boston; Mercy Hospital of lodi; Mercy Hospital of");
}

// A pharmacy's store number locates the patient's pharmacy: the chain or pharmacy with the number;
// a chain alone, a number without "#" or "store", and "Pharmacy" alone stay.
BOOST_AUTO_TEST_CASE(pharmacy_stores) {
    one(RULE_ORGANIZATION, "Preferred pharmacy: Rite Aid #3312, 880 Belmont Ave", "ORGANIZATION", "Rite Aid #3312");
    one(RULE_ORGANIZATION, "Alt: CVS #4471 on Market St.", "ORGANIZATION", "CVS #4471");
    one(RULE_ORGANIZATION, "Last filled at Walgreens store 10294.", "ORGANIZATION", "Walgreens store 10294");
    one(RULE_ORGANIZATION, "Sent to CVS Pharmacy, Store #88 today", "ORGANIZATION", "CVS Pharmacy, Store #88");
    one(RULE_ORGANIZATION, "eRx to Stop & Shop Pharmacy # 0412", "ORGANIZATION", "Stop & Shop Pharmacy # 0412");
    one(RULE_ORGANIZATION, "eRx to Main Street Pharmacy (store no. 12)", "ORGANIZATION", "Main Street Pharmacy (store no. 12)");
    none(RULE_ORGANIZATION, "Pharmacy: CVS on Elm; Walgreens 10294; Pharmacy #12; CVS #1234567; cvs #12; Giant cell arteritis #2; CVS (#12");
}

// A care site's name before its ending: the model left "Atria Senior Living" whole and typed the
// first word of others as a person or a town. Common words name a site only after a word of place;
// kinds of care, clinical terms, a title before a one-word ending, or a name that goes on do not.
BOOST_AUTO_TEST_CASE(care_sites_before_their_ending) {
    one(RULE_ORGANIZATION, "She lives at Atria Senior Living in Newton.", "HOSPITAL", "Atria Senior Living");
    one(RULE_ORGANIZATION, "She attends Brookdale Adult Day Center weekly.", "HOSPITAL", "Brookdale Adult Day Center");
    one(RULE_ORGANIZATION, "Lives in Briarwood Assisted Living now.", "HOSPITAL", "Briarwood Assisted Living");
    one(RULE_ORGANIZATION, "Then Briarwood Assisted Living called.", "HOSPITAL", "Briarwood Assisted Living");
    one(RULE_ORGANIZATION, "discharged to Sunrise Senior Living", "HOSPITAL", "Sunrise Senior Living");
    one(RULE_ORGANIZATION, "Admitted from Wingate Healthcare after a fall.", "HOSPITAL", "Wingate Healthcare");
    one(RULE_ORGANIZATION, "Resident of Golden Oaks Manor Nursing Home.", "HOSPITAL", "Golden Oaks Manor Nursing Home");
    one(RULE_ORGANIZATION, "from Heritage Hall Nursing and Rehabilitation Center.", "HOSPITAL",
        "Heritage Hall Nursing and Rehabilitation Center");
    one(RULE_ORGANIZATION, "review at van de Merwe Nursing Home", "HOSPITAL", "van de Merwe Nursing Home");
    one(RULE_ORGANIZATION, "FROM PUKITIS NURSING HOME", "HOSPITAL", "PUKITIS NURSING HOME");
    one(RULE_ORGANIZATION, "Midwife: sabryna | OSH Skowronek Nursing Home", "HOSPITAL", "Skowronek Nursing Home");
    none(RULE_ORGANIZATION, "Discussed Home Care; discharge to Skilled Nursing Facility; needs Primary Health Care; referred to Hospice");
    none(RULE_ORGANIZATION, "Then Senior Living called; our Cardiology Home Care; Mr. John Manor; seen with John Manor; "
                            "to Acute Rehabilitation Center; at la Hospice; a senior living community");
    none(RULE_ORGANIZATION, "review at PU\u0136\u012aTIS NURSING HOME; at Royal Sunrise Manor Infirmary");
}

// A school's name before its ending: an organization, with no place word needed.
BOOST_AUTO_TEST_CASE(schools) {
    one(RULE_ORGANIZATION, "Older sister Amara (7) at Squantum Elementary.", "ORGANIZATION", "Squantum Elementary");
    one(RULE_ORGANIZATION, "Her son goes to Hopkinton Middle School now.", "ORGANIZATION", "Hopkinton Middle School");
    one(RULE_ORGANIZATION, "attends Little Sprouts Preschool in Quincy", "ORGANIZATION", "Little Sprouts Preschool");
    one(RULE_ORGANIZATION, "Attends Little Acorns Daycare on Elm", "ORGANIZATION", "Little Acorns Daycare");
    one(RULE_ORGANIZATION, "was at Sunshine Day Care", "ORGANIZATION", "Sunshine Day Care");
    one(RULE_ORGANIZATION, "Teacher at New Britain Public Schools.", "ORGANIZATION", "New Britain Public Schools");
    one(RULE_ORGANIZATION, "Attends kindergarten at Whittier School (teacher Ms. Okafor).", "ORGANIZATION", "Whittier School");
    none(RULE_ORGANIZATION, "went to Medical School; in High School; Sunday School; finished Junior High; the Elementary "
                            "grades; at Academy; the American Academy of Pediatrics recommends");
    none(RULE_ORGANIZATION, "Public School 12; a New School year; at Catholic School; the School; Nursing School");
}

// A company's name before its ending: an employer, an organization.
BOOST_AUTO_TEST_CASE(companies) {
    one(RULE_ORGANIZATION, "Occupation: long-haul truck driver for Werner Enterprises; CDL due.", "ORGANIZATION",
        "Werner Enterprises");
    one(RULE_ORGANIZATION, "Pfizer Inc makes it.", "ORGANIZATION", "Pfizer Inc");
    one(RULE_ORGANIZATION, "Acme Holdings, Inc. employs him.", "ORGANIZATION", "Acme Holdings");
    none(RULE_ORGANIZATION, "a Construction Corp job; Data Logistics; a CO level; works in Staffing Inc; the Inc");
}

// A saint's name with its 's: a hospital, not the wort or the day.
BOOST_AUTO_TEST_CASE(saints_hospitals) {
    one(RULE_ORGANIZATION, "so you were at saint luke's last week ?", "HOSPITAL", "saint luke's");
    one(RULE_ORGANIZATION, "admitted to St. Joseph's Hospital", "HOSPITAL", "St. Joseph's");
    none(RULE_ORGANIZATION, "takes st john's wort; on St. Patrick's Day; saint vitus's dance; St Louis; saint luke");
}

// The sorted-list lookup the city rule uses: whole entries in any case, and with first_words the
// leading whole words of a longer entry, never part of a word.
BOOST_AUTO_TEST_CASE(word_list_first_words) {
    static const std::string_view list = "salt lake city\nsan\nsan antonio\nsana\n";
    const auto has = [](const char * text, bool first_words) {
        return mab::in_word_list(list, text, strlen(text), first_words);
    };
    BOOST_TEST(has("SAN", false));
    BOOST_TEST(has("Sana", false));
    BOOST_TEST(has("salt lake city", false));
    BOOST_TEST(!has("salt lake", false));
    BOOST_TEST(has("salt lake", true));
    BOOST_TEST(has("Salt", true));
    BOOST_TEST(!has("salt lake c", true));
    BOOST_TEST(!has("san an", true));
    BOOST_TEST(!has("sa", true));
    BOOST_TEST(!has("", true));
    BOOST_TEST(!has("zzz", true));
    BOOST_TEST(!has("salt lake city and a name far longer than any entry of the list", true));
}

// A city after from/in/to/near/outside/around/at, in any case; no English word, no eponym.
BOOST_AUTO_TEST_CASE(cities) {
    one(RULE_CITY, "[doctor] i live in dallas yes", "CITY", "dallas");
    one(RULE_CITY, "so we ended up coming to atlanta . we stayed", "CITY", "atlanta");
    one(RULE_CITY, "She used to live in Seattle. I had allergies", "CITY", "Seattle");
    one(RULE_CITY, "He was born in Salt Lake City.  He works", "CITY", "Salt Lake City");
    one(RULE_CITY, "moved to St. Louis in 2019", "CITY", "St. Louis");
    one(RULE_CITY, "a cabin near coeur d'alene .", "CITY", "coeur d'alene");
    one(RULE_CITY, "lives in Arlington Heights, Illinois", "CITY", "Arlington Heights");
    none(RULE_CITY, "right around spring time; found in orange juice; back to normal; able to bend it; in mobile");
    // The large cities named by an English word that are no word after these cues (WORD_CITIES).
    these(RULE_CITY, "so we moved to phoenix and my son flew in from anchorage. i grew up in buffalo", "CITY",
          {"phoenix", "anchorage", "buffalo"});
    none(RULE_CITY, "moon facies and buffalo hump; a rise in buffalo hump; fell off a boulder");
    none(RULE_CITY, "died from Huntington disease; in Huntington's; Dallas is far; seattle; in dallasite; to bostonian");
    // Cities abroad (world-cities.txt), in scripts beyond ASCII, and a list's later cities.
    one(RULE_CITY, "Worse since her move from Hyderabad in 2020.", "CITY", "Hyderabad");
    one(RULE_CITY, "Patient flew in from São Paulo yesterday.", "CITY", "São Paulo");
    one(RULE_CITY, "arrived from Ghana via Amsterdam on 6/2", "CITY", "Amsterdam");
    none(RULE_CITY, "seen via Zoom; via MyChart");
    one(RULE_CITY, "Lived in Port-au-Prince until 2010.", "CITY", "Port-au-Prince");
    one(RULE_CITY, "Originally from Kraków, Poland.", "CITY", "Kraków");
    one(RULE_CITY, "Back from Boston\xe2\x80\x99s airport", "CITY", "Boston");
    these(RULE_CITY, "Just back from a trip to Dubai and Mumbai.", "CITY", {"Dubai", "Mumbai"});
    these(RULE_CITY, "Family in Lagos, Abuja or Kano.", "CITY", {"Lagos", "Abuja", "Kano"});
    one(RULE_CITY, "visiting my son in Cheyenne, Wyoming, then", "CITY", "Cheyenne"); // a state, not a city
    one(RULE_CITY, "REFERRING: DR. NATARAJAN, ST. ELIZABETH'S MEDICAL CENTER, BOSTON", "CITY", "BOSTON"); // a facility's town
    one(RULE_CITY, "Transferred from Lower Buckeye Jail, Boston, in custody.", "CITY", "Boston"); // a jail's town
    none(RULE_CITY, "went to Shanghai the crew; in Cork; Dubai and Mumbai; Boston and Dallas; Clinic, Elkhart Urgent Care");
    // Small towns and neighbourhoods (us-places.txt, GeoNames); those named by English words only
    // count capitalised; a state, a country or a drug of that name is none.
    one(RULE_CITY, "He lives in Hopkinton with his wife.", "CITY", "Hopkinton");
    one(RULE_CITY, "i grew up in methuen and then", "CITY", "methuen");
    one(RULE_CITY, "MEDICAL CENTER, BRIGHTON", "CITY", "BRIGHTON");
    these(RULE_CITY, "She grew up in Jamaica Plain and moved to Chestnut Hill in 2015.", "CITY",
          {"Jamaica Plain", "Chestnut Hill"});
    none(RULE_CITY, "we moved to chestnut hill; went to bay point; in Florida; from Mexico; took Norco at home; "
                    "soaking in epsom salts");
    // A city with its state after it needs no word of place.
    these(RULE_CITY, "PO Box 1184, Sturbridge, MA 01566. Home: Gloucester MA. Washington, DC 20500", "CITY",
          {"Sturbridge", "Gloucester", "Washington"});
    one(RULE_CITY, "Daughter: Nashua, New Hampshire.", "CITY", "Nashua");
    none(RULE_CITY, "Tobias Lindqvist, MD; Aurora, PA-C; Gloucester MAP; Boston MARATHON; Completed by C. Davis, MD; "
                    "Mathias Adams MD; KIEL MITCHELL, MD; Dr. Hudson, MD; Thanks, Tess O'Connell MD");
}

// A city the text names again is a place there too, with the same letters, outside other spans.
BOOST_AUTO_TEST_CASE(cities_named_again) {
    const std::string text = "At home in Leominster. Runs with the Leominster Road Runners; LEOMINSTER; "
                             "Leominsterville; Leominster disease; Dr. Leominster; Spring is here. Lives in Spring.";
    text_index index;
    BOOST_REQUIRE(text_index_build(text.data(), text.size(), &index) == MAB_STATUS_OK);
    std::vector<span> spans;
    const auto add = [&](const char * what, size_t from) {
        span s;
        s.begin = (int32_t) text.find(what, from), s.end = s.begin + (int32_t) strlen(what);
        s.type = "LOCATION", s.subtype = "CITY", s.source = SOURCE_MODEL, s.score = 0.9f;
        spans.push_back(s);
    };
    add("Leominster", 0);
    add("Spring", text.find("Lives")); // no city of the lists
    find_repeated_cities(text.data(), text.size(), index, &spans);
    BOOST_REQUIRE(spans.size() == 3u);
    BOOST_TEST(spans[2].begin == (int32_t) text.find("Leominster Road"));
    BOOST_TEST(spans[2].end - spans[2].begin == 10);
    BOOST_TEST(spans[2].source == SOURCE_RULE);
    BOOST_TEST(spans[2].origin == "city");
}

// A name a record's structure gave is a name wherever the text names it again, capitalised or in
// capitals: its words one space apart as one, not a common word, a clinical term or an initial,
// nor inside another span or before a disease's noun, nor at a sentence's start when the text writes
// it in lower case too; only the readers' names vouch.
BOOST_AUTO_TEST_CASE(record_names_named_again) {
    const std::string text = "<family>O'Brien-Zoë</family> Seen with Lee O'Brien-Zoë, LEE; lee; Leeward; Lee disease. "
                             "Will call, he will. <given>Will</given> <given>Lee</given> <given>J</given> J. Oyelaran at "
                             "the Oyelaran Clinic. <doctor>Imani</doctor> Imani. Dr. Kwame saw Kwame.";
    text_index index;
    BOOST_REQUIRE(text_index_build(text.data(), text.size(), &index) == MAB_STATUS_OK);
    std::vector<span> spans;
    const auto add = [&](const char * what, size_t from, const char * origin, const char * subtype) {
        span s  = rule_span(text.find(what, from), text.find(what, from) + strlen(what), 0.99f, "NAME", subtype, origin);
        s.begin = index.cp_of_byte(s.begin), s.end = index.cp_of_byte(s.end);
        spans.push_back(s);
    };
    add("O'Brien-Zoë", 0, "xml", "PATIENT");
    add("Will", text.find("<given>"), "xml", "PATIENT");
    add("Lee", text.find("<given>Lee"), "xml", "PATIENT");
    add("J", text.find("<given>J"), "xml", "PATIENT");
    add("the Oyelaran Clinic", 0, "hospital", "HOSPITAL");
    add("Imani", text.find("<doctor>"), "table", "DOCTOR");
    add("Kwame", 0, "repeat", "DOCTOR"); // not a reader's: vouches for nothing
    find_record_names_again(text.data(), text.size(), index, &spans);
    std::vector<std::string> found;
    for (size_t k = 7; k < spans.size(); k++) {
        const size_t b = index.byte_of_cp[(size_t) spans[k].begin], e = index.byte_of_cp[(size_t) spans[k].end];
        BOOST_TEST((spans[k].source == SOURCE_RULE && spans[k].origin == "record" && spans[k].type == "NAME"));
        found.push_back(text.substr(b, e - b) + "|" + spans[k].subtype);
    }
    BOOST_TEST(found == (std::vector<std::string>{"Lee O'Brien-Zoë|PATIENT", "LEE|PATIENT", "Imani|DOCTOR"}));
}

// Capitals beyond ASCII ("Çağdaş", "GÖRMER") and letters a JSON string escapes ("Vi\u1ec7t") are a
// record's names too; one or two capitalised words between two of a person's names, apart by spaces
// or tags, are middle names; the model's other entity over a record's name ("GÖRMER" read as a city)
// gives way.
BOOST_AUTO_TEST_CASE(record_names_in_any_script_and_middle_names) {
    const std::string text = R"(<family>Görmer</family> <given>Çağdaş</given> {"given": "Vi\u1ec7t"} Çağdaş Ian <b>GÖRMER</b> )"
                             R"(and VI\u1ec6T came. Seen with Görmer. Görmer Lab Report Görmer.)";
    text_index index;
    BOOST_REQUIRE(text_index_build(text.data(), text.size(), &index) == MAB_STATUS_OK);
    std::vector<span> spans;
    const auto add = [&](const char * what, size_t from, const char * origin, const char * type, span_source source) {
        const size_t b = text.find(what, from);
        span s  = rule_span(b, b + strlen(what), 0.8f, type, "PATIENT", origin);
        s.source = source;
        s.begin = index.cp_of_byte(s.begin), s.end = index.cp_of_byte(s.end);
        spans.push_back(s);
    };
    add("Görmer", 0, "xml", "NAME", SOURCE_RULE);
    add("Çağdaş", 0, "xml", "NAME", SOURCE_RULE);
    add("Vi\\u1ec7t", 0, "json", "NAME", SOURCE_RULE);
    add("GÖRMER", 0, "", "LOCATION", SOURCE_MODEL);
    find_record_names_again(text.data(), text.size(), index, &spans);
    std::vector<std::string> found;
    for (const span & s : spans) {
        const size_t b = index.byte_of_cp[(size_t) s.begin], e = index.byte_of_cp[(size_t) s.end];
        if (s.origin == "record") found.push_back(text.substr(b, e - b));
        BOOST_TEST(s.type == "NAME"); // the model's city over GÖRMER is gone
    }
    BOOST_TEST(found == (std::vector<std::string>{"Çağdaş", "GÖRMER", "VI\\u1ec6T", "Görmer", "Görmer", "Görmer", "Ian"}));
}

// A city before resident, native, area, office, clinic, campus or branch, and after "resident of" /
// "native of".
BOOST_AUTO_TEST_CASE(cities_of_people_and_areas) {
    one(RULE_CITY, "He is a lifelong Boston resident.", "CITY", "Boston");
    one(RULE_CITY, "a native of Worcester who", "CITY", "Worcester");
    one(RULE_CITY, "we moved out of the salt lake city area", "CITY", "salt lake city");
    one(RULE_CITY, "Seattle natives, both", "CITY", "Seattle");
    one(RULE_CITY, "We can't come into the Acton office this week.", "CITY", "Acton");
    one(RULE_CITY, "seen at our Framingham clinic", "CITY", "Framingham");
    none(RULE_CITY, "a surgical resident; a native of the area; resident of Mars; the Mobile area; of Boston; "
                    "the main office; the Mayo Clinic");
}

// The number after room / rm, and a bed or bay after it; a count or a bed alone is none.
BOOST_AUTO_TEST_CASE(rooms) {
    these(RULE_ROOM, "Patient transferred to Room 412, Bed B on the floor.", "ROOM", {"412", "B"});
    these(RULE_ROOM, "moved to rm 3104A; in room #12; Rm. 5 bed 2; ROOM: B-14", "ROOM", {"3104A", "12", "5", "2", "B-14"});
    one(RULE_ROOM, "in the SICU room #1.", "ROOM", "1");
    one(RULE_ROOM, "room number 214", "ROOM", "214");
    none(RULE_ROOM, "went to the emergency room 3 times; room 2 days; room air 94%; head of bed 30 degrees; Bed 2");
    none(RULE_ROOM, "room for 2; the rooms 12; bedroom 3; room 1/2; a roomful; rm; room; Room 5-6 people");
    // A bed or bay alone where its number, a '#' or a unit says so; an operating room after to/in/from.
    these(RULE_ROOM, "4 West bed 17B; ED bay 7; PACU bay 12; Bed: 4; bed #3; taken to OR 7, back from the OR 12A",
          "ROOM", {"17B", "7", "12", "4", "3", "7", "12A"});
    none(RULE_ROOM, "bed 30 degrees; Bay 2; at bay 3; bed 2 days; or 7; OR 2 units; PRN OR 3; sick bay 4 hours; ED bay x2");
}

// A name said to be what someone is called: quoted, or capitalised after the cue ("known as": quoted only).
BOOST_AUTO_TEST_CASE(nicknames) {
    one(RULE_NAME, "Goes by \"Buddy\" at home", "PATIENT", "Buddy");
    one(RULE_NAME, "goes by \xe2\x80\x9c" "Big Mike\xe2\x80\x9d, and", "PATIENT", "Big Mike");
    one(RULE_NAME, "prefers to be called Bud.", "PATIENT", "Bud");
    one(RULE_NAME, "Nicknamed Sonny as a child", "PATIENT", "Sonny");
    one(RULE_NAME, "Robert, aka Bobby Joe, was", "PATIENT", "Bobby Joe");
    one(RULE_NAME, "also known as 'Red' to friends", "PATIENT", "Red");
    one(RULE_NAME, "prefers to be called Mr. Lee", "PATIENT", "Lee");
    none(RULE_NAME, "a condition known as Barrett; time goes by quickly; goes by Monday; goes by \"\"; known as the");
    none(RULE_NAME, "goes by \"Buddy; goes by She; nicknamed; known as \"12\"; AKa BUN and creatinine; aka Further");
}

BOOST_AUTO_TEST_CASE(ages_with_an_age_unit) {
    one(RULE_AGE, "89 yo male", "AGE", "89");
    one(RULE_AGE, "on this 40-yr-old woman", "AGE", "40");
    one(RULE_AGE, "INDICATION: 56YO LADY", "AGE", "56");
    one(RULE_AGE, "THIS 4 Y/O GENTLEMAN", "AGE", "4");
    one(RULE_AGE, "a 23 year old man", "AGE", "23");
    one(RULE_AGE, "3 years of age", "AGE", "3");
    one(RULE_AGE, "since age 5", "AGE", "5");
    one(RULE_AGE, "aged 45", "AGE", "45");
    one(RULE_AGE, "pt 37 y.o. F", "AGE", "37");
    // A bare "years" is a duration below 90.
    none(RULE_AGE, "smoked for 10 years, 2 yr history of asthma, 40yrs ago");
    none(RULE_AGE, "temp 68F, 37 w gestation, HR 92 bpm, 95 mg, SpO2 98%");
    none(RULE_AGE, "131 yo and 1000 years old");
}

BOOST_AUTO_TEST_CASE(ages_over_89) {
    one(RULE_AGE, "92 yo female", "AGE", "92");
    one(RULE_AGE, "He celebrated his 95th birthday last week.", "AGE", "95");
    one(RULE_AGE, "Her 92nd Birthday is next week.", "AGE", "92");
    none(RULE_AGE, "his 45th birthday; the 95th percentile; 101st birthdays");
    one(RULE_AGE, "a 101-year-old man", "AGE", "101");
    one(RULE_AGE, "is 95 years old", "AGE", "95");
    one(RULE_AGE, "for 95 years", "AGE", "95");
    one(RULE_AGE, "aged 90, lives alone", "AGE", "90");
    one(RULE_AGE, "Age: 97", "AGE", "97");
    one(RULE_AGE, "pt 93 y/o", "AGE", "93");
}

// Said without a unit ("She is 95."), an age over 89 is still one; a reading with the same words
// ("she was 92 on room air", "you're ninety seven . eight") is not.
BOOST_AUTO_TEST_CASE(ages_over_89_without_a_unit) {
    one(RULE_AGE, "My mom is doing well. She is ninety three. Both my parents", "AGE", "ninety three");
    one(RULE_AGE, "He passed away due to old age, he was ninety one.", "AGE", "ninety one");
    one(RULE_AGE, "I am ninety three. I am a super old woman.", "AGE", "ninety three");
    one(RULE_AGE, "[doctor] so you are 100 , so we ca n't really", "AGE", "100");
    one(RULE_AGE, "she just turned 92 last month", "AGE", "92");
    one(RULE_AGE, "I'm ninety four now", "AGE", "ninety four");
    one(RULE_AGE, "you\xE2\x80\x99re almost 101 and", "AGE", "101");
    one(RULE_AGE, "her grandmother's 96", "AGE", "96");
    one(RULE_AGE, "turning ninety next week", "AGE", "ninety");
    one(RULE_AGE, "Patient: I'll be ninety later this month, doctor.", "AGE", "ninety");
    one(RULE_AGE, "she will be 91 next month", "AGE", "91");
    none(RULE_AGE, "she was 92 on room air, he is 95/60, you're ninety seven . eight and the patient is 100% compliant");
    none(RULE_AGE, "she is 95, 96 and 97 on the last three readings; he was 90. 5 hours later");
    none(RULE_AGE, "the pulse is 95. she is 89. I'm about one hundred ninety seven pounds. turned 90 degrees");
    none(RULE_AGE, "this is 95 and 60, she was ninety point two, Xhe is 95.");
    none(RULE_AGE, "it will be 95. the sat'll be 92. I be 95. will be 90.");
    // After "turned" / "lived to be" anything but a unit or another number may follow; "at N" needs a
    // person after it and no reading before it.
    one(RULE_AGE, "he turned ninety-six on his last birthday", "AGE", "ninety-six");
    one(RULE_AGE, "turned 92 on 3/4 at home", "AGE", "92");
    one(RULE_AGE, "my mother lived to be ninety-eight", "AGE", "ninety-eight");
    one(RULE_AGE, "Mother lived to ninety six.", "AGE", "ninety six");
    none(RULE_AGE, "She lived to 2019 in Maine. He lives to 100 percent.");
    one(RULE_AGE, "at ninety four she still drives", "AGE", "ninety four");
    one(RULE_AGE, "Mother died at ninety-four.", "AGE", "ninety-four");    // the age at a death
    one(RULE_AGE, "his father passed away at 96 of a stroke", "AGE", "96");
    none(RULE_AGE, "died at 95% saturation; died at 90 degrees; died at 89; died at 100 mg");
    none(RULE_AGE, "turned 90 degrees to the left; turning 180 degrees; turned 100 mg; turns 90/60");
    none(RULE_AGE, "sats at 92 she was put on oxygen; heart rate at 95 he was fine; at 90 degrees she; at 95% she");
}

// Transcripts and dictated notes write ages in words; Safe Harbor asks for those over 89 as for digits.
BOOST_AUTO_TEST_CASE(ages_in_words) {
    one(RULE_AGE, "I am ninety two years old.", "AGE", "ninety two");
    one(RULE_AGE, "This is a Seventy-Two-year-old man.", "AGE", "Seventy-Two");
    one(RULE_AGE, "He is one hundred and one years old", "AGE", "one hundred and one");
    one(RULE_AGE, "she turned a hundred years old", "AGE", "a hundred");
    one(RULE_AGE, "a fifty six year old woman", "AGE", "fifty six");
    one(RULE_AGE, "my son is nineteen years old", "AGE", "nineteen");
    one(RULE_AGE, "NINETY-FOUR YEARS OF AGE", "AGE", "NINETY-FOUR");
    one(RULE_AGE, "aged ninety-one, lives alone", "AGE", "ninety-one");
    one(RULE_AGE, "married for ninety five years", "AGE", "ninety five");
    // No age unit, a duration below 90, a number word inside another word, or no number at all.
    none(RULE_AGE, "one of the two sisters, seventy two kilograms, twenty minutes");
    none(RULE_AGE, "smoked for forty years, for a hundred days, someone years old, nineteenth year");
    none(RULE_AGE, "a year old scar, a few years old, half years old");
}

// A relative's name written with its capital, after the relative: no possessive needed.
BOOST_AUTO_TEST_CASE(a_relatives_name_after_the_relative) {
    one(RULE_NAME, "Brother Jack visits daily.", "PATIENT", "Jack");
    one(RULE_NAME, "Husband Bill drove her in.", "PATIENT", "Bill");      // a name that is a word too
    one(RULE_NAME, "Accompanied by grandmother Nomvula.", "PATIENT", "Nomvula");
    one(RULE_NAME, "Family present: son Chase Miller-Ortiz.", "PATIENT", "Chase Miller-Ortiz");
    one(RULE_NAME, "I am his son Ethan.", "PATIENT", "Ethan");
    one(RULE_NAME, "with her daughter April today", "PATIENT", "April");     // a month's name is a name too
    // Family history and other words of clinical English after a relative are none.
    none(RULE_NAME, "Mother Deceased at 70. Father Diabetic. Brother Healthy. Sister Alive and well. "
                    "Mother Tongue. son JACK. my son jose. Mother: Breast cancer. wife Patient");
    // So is the name of another person of the patient's life.
    one(RULE_NAME, "Employer: Dufresne Roofing, contact foreman Gary Tibbetts 508-555-0166.", "PATIENT", "Gary Tibbetts");
    these(RULE_NAME, "Lives with roommate Dana; AA sponsor Phil checks in.", "PATIENT", {"Dana", "Phil"});
    these(RULE_NAME, "brought in by Officer M. Delacroix; Detective Sarah Lund called; the officer stated", "PATIENT",
          {"M. Delacroix", "Sarah Lund"});
    one(RULE_NAME, "Responsible consultant S. Paljevic Laparoscopic cholecystectomy.", "DOCTOR", "S. Paljevic");
    none(RULE_NAME, "Roommate Supervisor; teacher Assessment; boss Man; Guardian Notified");
    // A quoted name after the person, or after "is".
    one(RULE_NAME, "Attends AA on Tuesdays; sponsor is \"Big Mike\".", "PATIENT", "Big Mike");
    one(RULE_NAME, "Lives with son 'Bud' and his wife.", "PATIENT", "Bud");
    none(RULE_NAME, "Mother is \"not sure\"; sponsor is 'great'; wife is \"3 months\" along; wife is \"Worried\"");
}

// Whose relative it is: the name before a possessive and a relative or another person of the
// patient's life, which the default model left.
BOOST_AUTO_TEST_CASE(the_name_whose_relative_it_is) {
    one(RULE_NAME, "Sophia's dad called to ask about the refill.", "PATIENT", "Sophia");
    one(RULE_NAME, "Spoke with Liam\xE2\x80\x99s mother by phone.", "PATIENT", "Liam");  // a curly apostrophe
    one(RULE_NAME, "Aurelio Vance's daughter is his health care proxy.", "PATIENT", "Aurelio Vance");
    one(RULE_NAME, "Hi, this is Mateo's mom.", "PATIENT", "Mateo");
    one(RULE_NAME, "Per Mr. Smith's wife, he fell twice.", "PATIENT", "Smith");  // the title stays out
    one(RULE_NAME, "Are you Mister Smith's wife?", "PATIENT", "Smith");
    one(RULE_NAME, "Chris' parents are here.", "PATIENT", "Chris");
    one(RULE_NAME, "Call \xE2\x80\x9cKeisha's grandmother\xE2\x80\x9d back.", "PATIENT", "Keisha");
    one(RULE_NAME, "Mateo's teacher sent a note.", "PATIENT", "Mateo");
    one(RULE_NAME, "Ask about Dana Miller-Ortiz's kids.", "PATIENT", "Dana Miller-Ortiz");
    // A relative's word, clinical English, a title alone, or a possessive before anything else.
    none(RULE_NAME, "Patient's wife is at bedside. Mom's boyfriend drove them. Dr.'s nurse called.");
    none(RULE_NAME, "Parkinson's disease; Crohn's flare. Today's visit; Monday's labs; Mateo's fever.");
    none(RULE_NAME, "Husband's sister; Pt's son; the patient's daughter; DAD'S mom; sophia's dad");
    none(RULE_NAME, "She has been using some Johnson's Baby Oil; Carter's Kids pajamas.");
}

// A name after a title of clergy or teaching, with or without its period; a provider's after a
// chaplain's or a professor's.
BOOST_AUTO_TEST_CASE(a_name_after_a_title_of_office) {
    one(RULE_NAME, "Seen by Chaplain Rev. Thomas Beck.", "PATIENT", "Thomas Beck");
    one(RULE_NAME, "Seen by Rev. Thomas J. Beck today.", "PATIENT", "Thomas J. Beck");
    one(RULE_NAME, "Spoke with Rabbi Aaron Levin about care.", "PATIENT", "Aaron Levin");
    one(RULE_NAME, "Seen by Fr. Doyle and the team.", "PATIENT", "Doyle");
    one(RULE_NAME, "Chaplain Thomas Beck visited.", "DOCTOR", "Thomas Beck");
    one(RULE_NAME, "Prof. Helen Marsh consulted.", "DOCTOR", "Helen Marsh");
    // A care team's role before a name: a provider's, surname first as headers write it too.
    one(RULE_NAME, "Seen with medical student Aidan Park today.", "DOCTOR", "Aidan Park");
    one(RULE_NAME, "Form faxed to the nurse, Ms. DeLuca; interpreter Maria Lopez present.", "DOCTOR", "Maria Lopez");
    one(RULE_NAME, "Discussed with attending Olson, Rosa. Beeper 8180.", "DOCTOR", "Olson, Rosa");
    one(RULE_NAME, "Discussed with attending Dipa Bañuelos. Beeper 5-9334.", "DOCTOR", "Dipa Bañuelos");
    none(RULE_NAME, "nurse Practitioner; Specialist Referrals: none; RN Hematology/Oncology; case Manager Notes");
    none(RULE_NAME, "Chaplain Services notified. Chaplain Consult placed. Pastor Care offered. rev. up the engine. "
                    "Prof Development. Chaplain to see. Rabbi: none. #imam Per nursing");
}

// A name after a form's or a header's label for a person, on the label's line; a provider's after a
// label of care.
BOOST_AUTO_TEST_CASE(a_name_after_a_label) {
    one(RULE_NAME, "AUTOPSY REPORT\nDecedent: Harold Eugene Whitcomb    Age: 93", "PATIENT", "Harold Eugene Whitcomb");
    one(RULE_NAME, "Next of kin: daughter, Lorraine Whitcomb-Pratt, Moultonborough NH", "PATIENT", "Lorraine Whitcomb-Pratt");
    one(RULE_NAME, "Patient: LOPEZ-ARRIAGA, JUAN CARLOS   MRN: 7741205", "PATIENT", "LOPEZ-ARRIAGA, JUAN CARLOS");
    one(RULE_NAME, "  Insured:\tMarisol J. Quintanilla", "PATIENT", "Marisol J. Quintanilla");
    one(RULE_NAME, "Case No. 12    Guarantor: Mr. Dale O'Brien", "PATIENT", "Dale O'Brien");
    one(RULE_NAME, "Pronounced by: Dr. Carla Brandt\n", "DOCTOR", "Carla Brandt");
    one(RULE_NAME, "Electronically signed by: Rebecca Tso, MD", "DOCTOR", "Rebecca Tso");
    one(RULE_NAME, "Probation officer: Mark Ellison (253-555-0166).", "PATIENT", "Mark Ellison");
    one(RULE_NAME, "Wife: Maria Lopez\n", "PATIENT", "Maria Lopez");           // a relative
    one(RULE_NAME, "Roommate: Dana Whitfield, 555-0101", "PATIENT", "Dana Whitfield");
    // One word, a word of clinical English, another label, no label at a line's start, the next line:
    // no name (the model takes single names).
    none(RULE_NAME, "Patient: Doris\nPatient: Denies Chest Pain\nPatient: ALERT AND ORIENTED\n"
                    "Attending: Cardiology Consult\nDiagnosis: Adenocarcinoma Stage\nseen by the patient: Jo Ann\n"
                    "Name:\nJo Ann\nSigned by: Whitcomb, MD\nName: Dr. Smith\n"
                    "Patient: My Gynecologist was saying something\nPatient: Chip Winkel? No.\n"
                    "Mother: Breast Cancer\nFather: Coronary Artery Disease");
}

BOOST_AUTO_TEST_CASE(the_patient_introduced_with_an_age) {
    one(RULE_NAME, "Jose is a 64-year-old male who was seen today", "PATIENT", "Jose");
    one(RULE_NAME, "HISTORY OF PRESENT ILLNESS\n\nMs. Brittany Edwards is a pleasant 32-year-old female", "PATIENT",
        "Brittany Edwards");
    one(RULE_NAME, "The patient Mary Ann is a very pleasant 70 y/o lady.", "PATIENT", "Mary Ann");
    one(RULE_NAME, "Today Jose is a 5-year-old boy", "PATIENT", "Jose");
    one(RULE_NAME, "HPI: Sean O'Neil-Park is an 80 yo", "PATIENT", "Sean O'Neil-Park");
    one(RULE_NAME, "Dr Ana Li is a 45 year old", "PATIENT", "Ana Li");
    one(RULE_NAME, "José Núñez is a 50-year-old", "PATIENT", "José Núñez");
    one(RULE_NAME, "Jose is a seventy-two-year-old male", "PATIENT", "Jose");
    one(RULE_NAME, "Mrs. Alma Ruiz is a pleasant ninety two year old lady", "PATIENT", "Alma Ruiz");
    // Pronouns, generic nouns, headings in capitals, a bare number, no age unit, a duration: no name.
    none(RULE_NAME, "This is a 45-year-old man. She is a 30 yo woman. Patient is an 80-year-old. Baby is a 2 yo.");
    none(RULE_NAME, "HISTORY OF PRESENT ILLNESS is a 45-year-old");
    none(RULE_NAME, "Ralph is a nurse. Kim is a 2-month-old. Aspirin is a 81 mg tablet. Lisa is a 10 year smoker.");
    none(RULE_NAME, "Ralph is a one-time smoker. Lisa is a ten year smoker. Kim is a two month old.");
    none(RULE_NAME, "the right knee is a 3-year-old injury; Jose is a smoker since he was 16 years old");
    none(RULE_NAME, "Jose is a 64-year");
    none(RULE_NAME, "is a 64-year-old");
}

BOOST_AUTO_TEST_CASE(families_switch_independently) {
    const std::string text = "Call 617-555-0134 on 03/14/2021 or mail a@b.org";
    BOOST_TEST(scan(text, RULE_ALL).size() == 3u);
    BOOST_TEST(scan(text, RULE_DATE).size() == 1u);
    BOOST_TEST(scan(text, 0).empty());
    BOOST_TEST(rule_family_from_name("zip", 3) == (uint32_t) RULE_ZIP);
    BOOST_TEST(rule_family_from_name("zipp", 4) == 0u);
    BOOST_TEST(rule_family_from_name("name", 4) == (uint32_t) RULE_NAME);
    BOOST_TEST(rule_family_from_name("repeat", 6) == (uint32_t) RULE_REPEAT);
    BOOST_TEST(rule_family_from_name("address", 7) == (uint32_t) RULE_ADDRESS);
    BOOST_TEST(rule_family_from_name("profession", 10) == (uint32_t) RULE_PROFESSION);
    BOOST_TEST(rule_family_from_name("room", 4) == (uint32_t) RULE_ROOM);
    BOOST_TEST(rule_family_from_name("table", 5) == (uint32_t) RULE_TABLE);
    // One name per bit of RULE_ALL, so that the error message lists every family.
    uint32_t all = 0;
    for (const char * const * n = RULE_FAMILY_NAMES; *n; n++) all |= rule_family_from_name(*n, strlen(*n));
    BOOST_TEST(all == (uint32_t) RULE_ALL);
}

BOOST_AUTO_TEST_CASE(non_ascii_text_is_scanned_safely) {
    // Multi-byte characters are word characters: no match starts or ends inside them.
    const auto f = scan("電話 617-555-0134 😀 4829173é MRN：4829173", RULE_ALL);
    BOOST_REQUIRE(!f.empty());
    BOOST_TEST(f[0].text == "617-555-0134");
    for (const found & x : f) BOOST_TEST(x.text.find("\xC3") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(random_bytes_give_spans_inside_the_text) {
    // Digits, separators, letters of context words, number words and non-ASCII bytes, shuffled: every
    // span must lie inside the text, be non-empty, and start and end on character boundaries.
    const char * pieces[] = {"0", "1", "5", "9", "-", ".", "/", " ", "(", ")", "+", "@", ":", "x", "MRN", "fax", "age", "yo",
                             "Mar", "www.", "http://", "\xC3\xA9", "\xF0\x9F\x98\x80", "\xE4", "\r\n", ",", "MA", "zip",
                             "twenty", "first", "ninety", "two thousand", "and", "of", "nineteen", "oh", "hundred", "year",
                             "old", "Is", "Jo"};
    uint32_t seed = 7;
    for (int trial = 0; trial < 3000; trial++) {
        std::string text;
        const int n = 1 + (int) ((seed = seed * 1664525u + 1013904223u) >> 27);
        for (int k = 0; k < n * 3; k++) text += pieces[((seed = seed * 1664525u + 1013904223u) >> 16) % (sizeof pieces / sizeof pieces[0])];
        std::vector<span> spans;
        run_rules(text.data(), text.size(), RULE_ALL, trial % 2 == 0, &spans);
        for (const span & s : spans) {
            BOOST_REQUIRE((s.begin >= 0 && s.begin < s.end && s.end <= (int32_t) text.size()));
            BOOST_REQUIRE(((uint8_t) text[(size_t) s.begin] & 0xC0) != 0x80);
            BOOST_REQUIRE((s.end == (int32_t) text.size() || ((uint8_t) text[(size_t) s.end] & 0xC0) != 0x80));
        }
        // The tagger's checks of a model entity read only inside the text, on any span of it.
        const size_t b = ((seed = seed * 1664525u + 1013904223u) >> 8) % text.size();
        const size_t e = b + 1 + ((seed = seed * 1664525u + 1013904223u) >> 8) % (text.size() - b);
        if (is_cut_number(text.data(), text.size(), b, e)) BOOST_REQUIRE(text[e] == ',');
        has_a_job_head(text.data(), text.size(), b, e);
        is_said_to_be_ones_job(text.data(), text.size(), b);
    }
}

BOOST_AUTO_TEST_CASE(clinical_scale_readings_are_no_dates) {
    const model_date examples[] = {
        {"Pain is 7/10 today.", "7/10", true},
        {"She rates her pain as 2-3/10.", "2-3/10", true},
        {"She rates her pain as 2-3/10.", "2", true},       // the model tagged the pieces apart
        {"She rates her pain as 2-3/10.", "3/10", true},
        {"shoulder pain to 2-3/10 on the pain scale", "2-3/10", true}, // a range is no date even after "to"
        {"Grade 2/6 systolic murmur.", "2/6", true},
        {"Auscultation of Heart: 2/6 stable systolic ejection murmur", "2", true},  // the grade, before its murmur
        {"a 3/6 holosystolic murmur", "3/6", true},
        {"Strength is 4/5 on the right and 5/5 on the left.", "5/5", true},
        {"Radial pulses 2+/4 bilaterally.", "2+/4", true},
        {"Current Pain Intensity: 2/10.", "2/10", true},
        {"Pain since 7/10, worse on 3/10.", "7/10", false},  // date context words win
        {"Pain 7/10 on 3/10.", "3/10", false},
        {"Seen 2/6 for a grade 2/6 murmur.", "2/6", false},  // the first 2/6, after "seen"
        {"voicemail 10/30", "10/30", false},                  // no scale word
        {"Pain 11/10, screaming.", "11/10", false},           // above the scale's top: not a reading
        {"Pain 7/12 better.", "7/12", false},                 // 12 is no scale
        {"Pain improved by 03/10/2021.", "03/10", false},
        {"Weakness in the lower extremities, 4/5 on the right and 3/5 on the left.", "4/5", true},
        {"Weakness in the lower extremities, 4/5 on the right and 3/5 on the left.", "3/5", true}, // a series
        {"Pulses in the upper extremities 2+/4 radial, 1+/4 dorsalis pedis", "1+/4", true},
        {"Voicemail left 4/5 and again 3/5.", "3/5", false},   // a series of dates: no scale word
        {"Strength 4/5. Then on 3/5 she fell.", "3/5", false},  // a date context word wins
        {"Tinetti: a gait score of 6-8/12 and a balance score of 12/16", "6-8/12", true}, // named scores: any top
        {"Tinetti: a gait score of 6-8/12 and a balance score of 12/16", "12/16", true},
        {"MoCA 24/30 with spelling", "24/30", true},
        {"Nottingham grade 2 (3+2+1=6/9), 1.8 cm", "6/9", true},   // a sum of parts
        {"DOB=6/9/1962", "6/9", false},
        {"MMSE 31/30", "31/30", false},                       // above the top
        {"MoCA done on 12/16.", "12/16", false},              // date context word
        {"Balance 12/16 today.", "12/16", false},             // 16 is no scale without a named score
    };
    check_model_dates(examples, is_clinical_scale);
}

BOOST_AUTO_TEST_CASE(durations_amounts_and_blood_pressures_are_no_dates) {
    const model_date examples[] = {
        {"Return to clinic in 6-9 months.", "6-9", true},
        {"He presented with 8-10 years of progressive gait.", "8", true}, // the model tagged the pieces apart
        {"He presented with 8-10 years of progressive gait.", "10", true},
        {"for 3 days", "3", true},
        {"over 2-wk", "2", true},
        {"Reduce sodium to 1500 to <2000 mg per day.", "2000", true},
        {"weight down 12 lbs", "12", true},
        {"keep your salt under 2000 milligrams a day", "2000", true},
        {"walks 2000 steps, 1800 calories", "1800", true},
        {"Target BP is 130-140/70-80.", "-140/70-80", true},
        {"BP 142/88", "142/88", true},
        {"in the 2000s units per day", "2000s", true},
        {"tremor since the 1990s.", "1990s", false},         // a decade
        {"in the 1990s years ago", "1990s", false},
        {"Seen in 2019.", "2019", false},
        {"Seen 2019 in Boston.", "2019", false},              // "in" is no unit
        {"Seen 3/4 for 2 days", "3/4", false},                // the unit is not next to it
        {"on 12/16/2024", "12/16/2024", false},
        {"since 2020-09", "2020-09", false},
        {"in March 3 weeks ago", "March 3", false},           // starts with a word: the model's call stands
    };
    check_model_dates(examples, is_clinical_quantity);
}

BOOST_AUTO_TEST_CASE(clinical_ordinals_are_no_dates) {
    const model_date examples[] = {
        {"The 4th and 5th fingers in the left hand", "4th", true},
        {"The 4th and 5th fingers in the left hand", "5th", true},
        {"intact in the 3rd, 4th and 5th fingers", "3rd", true},
        {"tenderness over the 3rd-5th metatarsals", "3rd", true},
        {"Fracture of the 5th metatarsal.", "5th", true},
        {"a 2nd degree burn", "2nd", true},
        {"His 4th cousin has scoliosis.", "4th", true},
        {"at the 6th intercostal space", "6th", true},
        {"in her 3rd trimester", "3rd", true},
        {"Seen on the 4th of March.", "4th", false},
        {"Follow up on the 21st.", "21st", false},
        {"the 4th and the fingers", "4th", false},   // "the" is no join: the next word decides
        {"4th", "4th", false},
        {"the 4thfinger", "4th", false},             // not an ordinal word
        {"the 14 fingers", "14", false},             // not an ordinal
        {"The 4th and 5th fingers in the left hand and 3rd and 4th on the right-hand tingle.", "3rd", true},
        {"Fingers numb since the 3rd.", "3rd", false},         // date context word just before
        {"Fingers are fine. Then the 3rd.", "3rd", false},     // another sentence
        {"His fingers were cut in an accident last year on a farm; the 3rd", "3rd", false},
    };
    check_model_dates(examples, is_clinical_ordinal);
}

// The same check for a model AGE or DATE: a number that is part of a name.
BOOST_AUTO_TEST_CASE(numbers_in_names_are_no_ages_nor_dates) {
    const model_date examples[] = {
        {"have you had a covid-19 vaccine", "19", true},
        {"SARS-CoV-2 PCR negative", "2", true},
        {"IL-6 was raised", "6", true},
        {"a cbc and a chem-12 to check", "12", true},
        {"seen in Jan-19 for a cough", "19", false},   // a month's name makes a date
        {"since SEPT-2020", "2020", false},
        {"a mayo-19 clinic", "19", true},              // no month, though it starts as one
        {"a 45-year-old man", "45", false},
        {"aged 19 - lives alone", "19", false},
        {"ages 5-10", "10", false},                  // a range of numbers, not a name
        {"-19", "19", false},
    };
    check_model_dates(examples, is_number_in_a_name);
}

// The same check: a number cut before its thousands group.
BOOST_AUTO_TEST_CASE(numbers_cut_before_a_thousands_group_are_no_ages_nor_dates) {
    const model_date examples[] = {
        {"you're on 100 , 1,000 milligrams a day", "100 , 1", true},
        {"took 2,500 units", "2", true},
        {"on 3/1,000 mg", "3/1", true},
        {"seen June 1, 2000 at noon", "June 1", false},     // a space: the year follows
        {"seen June 1,2000 at noon", "June 1", false},      // four digits: a year
        {"on 3/1,12 cases", "3/1", false},                  // two digits: no thousands group
        {"5,000", "5,000", false},                          // the whole number
        {"aged 7,", "7", false},
    };
    check_model_dates(examples, is_cut_number);
}

// Whether a model PROFESSION ends in a word that can name what a person does (model_date's
// `dropped` here means kept: the check's answer).
BOOST_AUTO_TEST_CASE(a_profession_ends_in_a_word_for_what_a_person_does) {
    const model_date examples[] = {
        {"He is a truck driver.", "truck driver", true},
        {"works as a paralegal", "paralegal", true},
        {"She is a pharmacist.", "pharmacist", true},
        {"a retired electrician", "electrician", true},
        {"a school nurse", "school nurse", true},
        {"the reports from his teachers", "teachers", true},     // a plural
        {"two waitresses", "waitresses", true},
        {"She is a stonemason.", "stonemason", true},             // a compound of a listed job
        {"I have a counselor too.", "counselor too", true},      // a word after the job
        {"She is employed as an RN.", "RN", true},               // an abbreviation
        {"He works in sales.", "sales", true},                   // a field
        {"a Swedish nurse", "nurse", true},
        {"she is a retired shepherd", "shepherd", true},         // after a qualifier
        {"Former glassblower", "glassblower", true},
        {"a lighthouse keeper", "lighthouse", true},             // the model stopped short
        {"a día técnico", "técnico", true},                      // no English word to judge
        {"I've been coughing up a storm.", "storm", false},
        {"I used to chew tobacco", "chew", false},
        {"Happy as a clam.", "clam", false},
        {"She was barely a day old.", "day", false},
        {"I'm a big cheese man", "cheese", false},
        {"a barky cough", "barky", false},
        {"the patient fell in a grocery store.", "grocery store", false},
        {"Gardening is a great hobby.", "great hobby", false},
        {"He is a Swedish American.", "Swedish American", false},
        {"a disc bulge with a paracentral disc herniation", "paracentral", false}, // an adjective
        {"lumbar paravertebral tenderness", "paravertebral", false},
        {"never a convulsive activity noted", "convulsive", false},
        {"She works as a paralegal.", "paralegal", true},
        {"a sales representative and a nurse", "representative", true},
        {"the detective inspector", "detective", true},          // before a job word
        {"a general practitioner", "general", true},
    };
    check_model_dates(examples, has_a_job_head);
}

// What says that the next words are a person's job.
BOOST_AUTO_TEST_CASE(jobs_said_to_be_ones) {
    const std::pair<const char *, bool> examples[] = {
        {"[patient] i'm a paralegal .", true},        {"Patient: I\u2019m an engineer.", true},
        {"I am a homemaker.", true},                    {"I've been a feed salesman", true},
        {"I have been a nurse for years", true},        {"I used to be an insurance salesman.", true},
        {"the patient who is a truck driver", true},    {"it is a hockey town", false},
        {"it's been a crazy year", false},              {"I am the cook", false},
        {"one is a placebo", false},                    {"Am a cook", false},
        {"to be a nurse", false},                       {" a nurse", false},       // nothing before the article
    };
    for (const auto & x : examples) {
        const std::string text = x.first;
        // The job is the word after the article.
        const size_t article = text.find(" a ") != std::string::npos ? text.find(" a ") + 3 : text.find(" an ") + 4;
        BOOST_TEST_CONTEXT(text) { BOOST_TEST(is_said_to_be_ones_job(text.data(), text.size(), article) == x.second); }
    }
}

// A comma and a US state after a place make it one, whatever its words.
BOOST_AUTO_TEST_CASE(places_before_a_state) {
    const std::pair<const char *, bool> examples[] = {
        {"Normal, Missouri 53257", true}, {"Enterprise, AL", true}, {"Normal,  New York", true},
        {"Normal, missouri", false},      {"Normal, ALL", false},   {"Normal. Missouri", false},
        {"Normal", false},                {"Normal, Mississippian", false},
    };
    for (const auto & x : examples) {
        BOOST_TEST_CONTEXT(x.first) { BOOST_TEST(is_before_a_state(x.first, strlen(x.first), strcspn(x.first, ",. ")) == x.second); }
    }
}

// A model PHONE of fewer than 7 digits is a reading or a part of a number, unless a phone or pager
// word comes before it or it has an extension marker.
BOOST_AUTO_TEST_CASE(short_numbers_are_no_phones) {
    const model_date examples[] = {
        {"a couple of weeks ago , it was 116 on the dot .", "116", true},
        {"She is averaged 135-145 or 150 over 95-110.", "135-145", true},
        {"She is averaged 135-145 or 150 over 95-110.", "95-", true},
        {"the schnur scale is 1,792 grams", "792", true},
        {"Call 38572 with questions.", "38572", false},
        {"Page -- 56059 | proxy", "56059", false},
        {"Beeper #02852.", "02852", false},
        {"reach me at x1234", "x1234", false},
        {"his number is 555-0134 today", "555-0134", false},
        {"his number is 555 0134 today", "0134", false},  // a part of a 7-digit number
        {"(617) 555-0134", "555-0134", false},
    };
    check_model_dates(examples, is_too_short_for_a_phone);
}

// A model AGE before a unit of amount is a dose.
BOOST_AUTO_TEST_CASE(doses_are_no_ages) {
    const model_date examples[] = {
        {"prescribe you doxycycline , 100 milligrams twice a day", "100", true},
        {"he underwent 5040 cGy in 28 fractions", "5040", true},
        {"take 1,500 mg a day", "500", true},
        {"she is 100 years old", "100", false},
        {"a 92-year-old woman", "92", false},
        {"turned 95 last month", "95", false},
    };
    check_model_dates(examples, is_amount);
}

// A model DATE in a mixed number, or a range on a scale of the same shape: no date is written so.
BOOST_AUTO_TEST_CASE(mixed_numbers_are_no_dates) {
    const model_date examples[] = {
        {"She smokes 1-1/2 packs a day", "1-1", true},
        {"She smokes 1-1/2 packs a day", "1-1/", true},
        {"The patient is a 2-1/2-year-old female", "1", true},
        {"a 5-1/2-year-old sister", "1/2", true},
        {"he is 4-1/2-years posttransplant", "4-1/2", true},
        {"pain decreased to approximately 4-5/10.", "4-5/10", true},
        {"seen 3-12-2019", "3-12", false},             // one separator: a date's
        {"seen 12/3/19", "12/3", false},
        {"on 2-3/4/2020", "2-3", false},               // not a proper fraction's end
        {"on 5-7/3", "5-7/3", false},                  // improper
        {"ratio 1-1/20", "1-1/20", false},             // a denominator over 16
    };
    check_model_dates(examples, is_mixed_number);
}

// A count out of a total, with a counting word beside it, is no date; a bare month/day stays one.
BOOST_AUTO_TEST_CASE(counts_out_of_a_total_are_no_dates) {
    const model_date examples[] = {
        {"Recall 1/3 at 5 minutes.", "1/3", true},
        {"He attended 4/6 sessions.", "4/6", true},
        {"Day 3/7 of antibiotics.", "3/7", true},
        {"Lymph nodes 3/12 positive.", "3/12", true},
        {"Moves 3/4 extremities.", "3", true},          // the model's part of the reading
        {"Seen 3/7 for follow-up.", "3/7", false},
        {"Return 1/3 at clinic.", "1/3", false},
        {"Day 3/7/2021 of antibiotics.", "3/7/2021", false}, // a year: a date
        {"recall 5/3 words", "5/3", false},                 // more than the total
        {"attended 4/40 sessions", "4/40", false},          // a total past 31
        {"PAGE 01/03", "01/03", true},                      // a page of a document
        {"Pg 2/5 of the report", "2/5", true},
        {"pT3 pN1a (1/17 lymph nodes).", "1/17", true},     // a pathology report's count
        {"Prostate biopsy: 2/12 cores", "2/12", true},
    };
    check_model_dates(examples, is_count_of_total);
}

// A model NAME or LOCATION that is the word before a room's or bed's number is none.
BOOST_AUTO_TEST_CASE(room_words_are_no_names_nor_places) {
    const model_date examples[] = {
        {"to Room 412, Bed B on the floor", "Bed", true},
        {"moved to rm 3104A overnight", "rm", true},
        {"Room: 12", "Room", true},
        {"Bed rest advised", "Bed", false},
        {"the Room 5-6 people", "Room", false},  // no room's number
        {"Bedford 12", "Bedford", false},
    };
    check_model_dates(examples, is_room_word_before_its_number);
}

// A model NAME or LOCATION that is a role before a person's name is neither.
BOOST_AUTO_TEST_CASE(role_words_before_a_name_are_no_names_nor_places) {
    const model_date examples[] = {
        {"(Officer M. Delacroix, badge 1187)", "Officer", true},
        {"seen by Chaplain Thomas Beck", "Chaplain", true},
        {"with Rev. Thomas Beck", "Rev", true},
        {"the officer stated", "officer", false},   // no name after it
        {"Officer on scene", "Officer", false},
        {"Mentor, Ohio", "Mentor", false},
        {"Mentor NJ 81181", "Mentor", false},           // a town before its state
        {"Officers Reyes and Diaz", "Officers", false}, // not a word of the lists
    };
    check_model_dates(examples, is_role_word_before_a_name);
}

// A model LOCATION made only of words that say a kind of care names no site.
BOOST_AUTO_TEST_CASE(kinds_of_care_are_no_places) {
    const model_date examples[] = {
        {"discharge to Skilled Nursing Facility", "Skilled Nursing", true},
        {"discussed Home Care and Hospice", "Home Care", true},
        {"goes to Adult Day Health", "Adult Day Health", true},
        {"lives at Hillcrest Home Care", "Hillcrest Home Care", false},
        {"seen at Boston Medical Center", "Boston Medical Center", false},
        {"admitted to General Hospital", "General Hospital", false},  // a hospital's word: the model's call stands
    };
    check_model_dates(examples, is_only_kinds_of_care);
}

// A model person or place that a care site's ending follows or ends is the site: the end of its name.
BOOST_AUTO_TEST_CASE(model_names_of_care_sites) {
    const model_growth people[] = {
        {"Followed by Seasons Hospice for comfort care.", "Seasons", "Seasons Hospice"},
        {"Resident of Golden Oaks Manor since May", "Golden Oaks Manor", "Golden Oaks Manor"},
        {"Seen with Mr. John Manor today", "John Manor", ""},
        {"Seen with Dr. Seasons Hospice today", "Seasons", ""},
        {"Seen with John Smith today", "John Smith", ""},
        {"Seen by Amy Brown home care nurse", "Amy Brown", ""},  // "home care" in lower case
    };
    check_model_growth(people, [](const char * t, size_t n, size_t b, size_t e) { return care_site_name_end(t, n, b, e, true); });
    const model_growth places[] = {
        {"moved into Brookdale Senior Living last", "Brookdale", "Brookdale Senior Living"},
    };
    check_model_growth(places, [](const char * t, size_t n, size_t b, size_t e) { return care_site_name_end(t, n, b, e, false); });
}

// A model NAME that is a month alone after a word of time is a date.
BOOST_AUTO_TEST_CASE(months_after_a_word_of_time_are_dates) {
    const model_date examples[] = {
        {"seen at Dana-Farber in Sept. for review", "Sept", true},
        {"seen at Dana-Farber in Sept. for review", "Sept.", true},
        {"no episodes since January", "January", true},
        {"admitted last Oct with pneumonia", "Oct", true},
        {"seen by June today", "June", false},              // a person may be named so
        {"a call from April", "April", false},
        {"in June Carter's room", "June Carter", false},    // more than the month
        {"in Septic shock", "Septic", false},
    };
    check_model_dates(examples, is_month_after_a_word_of_time);
}

// A model entity in a pedigree's position is none.
BOOST_AUTO_TEST_CASE(pedigree_positions) {
    const model_date examples[] = {
        {"Proband: Ayesha (II-2), 34F", "II-2", true},
        {"Brother Zain (II-1), 37", "II", true},
        {"Daughter Mariam (III-1), 6.", "III", true},
        {"grandfather (I-1)", "I-1", true},
        {"seen 11-2", "11-2", false},
        {"Type II-2019", "II", false},                       // a year's digits
        {"MRN XII-22", "XII-22", false},
        {"CN II-XII intact", "II", false},
    };
    check_model_dates(examples, is_pedigree_position);
}

// A model DATE "May" between a subject and a word is the verb.
BOOST_AUTO_TEST_CASE(may_the_verb_is_no_month) {
    const model_date examples[] = {
        {"To Whom It May Concern:", "May", true},
        {"Symptoms May worsen at night", "May", true},
        {"seen in May for review", "May", false},
        {"It May 5 be", "May", false},                        // a day after it
        {"since May 2019", "May", false},
        {"It May", "May", false},                             // nothing after
    };
    check_model_dates(examples, is_may_the_verb);
}

// A model place that is a season before a year is the date's: the end of the year.
BOOST_AUTO_TEST_CASE(model_seasons_of_a_year) {
    const model_growth examples[] = {
        {"Started running in Spring 2025.", "Spring", "Spring 2025"},
        {"moved in the fall of 2019 to", "fall", "fall of 2019"},
        {"since Winter '24 she", "Winter", "Winter '24"},
        {"lives in Spring, TX", "Spring", ""},                // the town
        {"Spring 20251 units", "Spring", ""},
        {"Springfield 2025", "Springfield", ""},
    };
    check_model_growth(examples, season_year_end);
}

// A model place that "of" and a town follow, or that ends in "of": the town is the place's.
BOOST_AUTO_TEST_CASE(model_places_of_a_town) {
    const model_growth examples[] = {
        {"Discharged to Sunrise of Wellesley with", "Sunrise of", "Sunrise of Wellesley"},
        {"woman from Sunrise of Wellesley assisted living", "Sunrise", "Sunrise of Wellesley"},
        {"with VNA of the Berkshires area", "VNA", "VNA of the Berkshires"},
        {"Boston of course", "Boston", ""},                   // a common word
        {"Center of Excellence", "Center", ""},
        {"University of lodi", "University", ""},             // no capital
        {"Mercy Hospital of", "Mercy Hospital", ""},          // nothing after
    };
    check_model_growth(examples, [](const char * t, size_t n, size_t, size_t e) { return place_of_a_town_end(t, n, e); });
}

// A model hospital or organization takes the capitalised words it left before it, up to three, but
// none that begins a line, sentence or field, is in capitals, or is a common word, title or month.
BOOST_AUTO_TEST_CASE(model_places_take_the_words_they_left_before) {
    const model_growth examples[] = {
        {"Medic 14 (Fairfax County Fire & Rescue) arrived", "County Fire & Rescue", "Fairfax County Fire & Rescue"},
        {"To: Intake, Pacific Crest Neuroscience Institute", "Crest Neuroscience Institute", "Pacific Crest Neuroscience Institute"},
        {"seen at Rancho Palos Verdes Hospice today", "Verdes Hospice", "Rancho Palos Verdes Hospice"},
        {"transferred to Mercy Hospital", "Mercy Hospital", "Mercy Hospital"},          // a common word
        {"Seen today. Fairview Clinic called", "Fairview Clinic", "Fairview Clinic"},    // a sentence's first word
        {"Facility: Lakeside Hospital", "Lakeside Hospital", "Lakeside Hospital"},
        {"Workplace\nSomssich and Sons", "Somssich and Sons", "Somssich and Sons"},
        {"REFERRED BY DR. LEE GENERAL HOSPITAL", "GENERAL HOSPITAL", "GENERAL HOSPITAL"}, // all in capitals
        {"presents to ABCD General Hospital.", "Hospital", "ABCD General Hospital"},   // an initialism
        {"FORMER EMPLOYER West Sacramento Fire Department", "West Sacramento Fire Department",
         "West Sacramento Fire Department"},                                         // a label, no initialism
        {"seen by Dr Mercy Hospital staff", "Mercy Hospital", "Mercy Hospital"},       // a title
        {"since March Kaiser Permanente", "Kaiser Permanente", "Kaiser Permanente"},    // a month
        {"at Ulm Wolcott Xavier Yancey Zorn Clinic", "Zorn Clinic", "Wolcott Xavier Yancey Zorn Clinic"}, // three at most
    };
    for (const model_growth & x : examples) {
        const std::string text = x.text;
        const size_t b = text.find(x.span);
        BOOST_TEST_CONTEXT(x.text << " [" << x.span << "]") {
            BOOST_REQUIRE(b != std::string::npos);
            const size_t start = place_name_start(text.data(), text.size(), b, b + strlen(x.span));
            BOOST_TEST(text.substr(start, b + strlen(x.span) - start) == x.grown);
        }
    }
}

// A model name of one word takes the surname it left after it.
BOOST_AUTO_TEST_CASE(model_names_take_the_surname_they_left) {
    const model_growth examples[] = {
        {"From: Marisol Etxeberria\nSubject", "Marisol", "Marisol Etxeberria"},
        {"with Paloma O'Shea-Lamb today", "Paloma", "Paloma O'Shea-Lamb"},
        {"Thanks, Marisol", "Marisol", "Marisol"},
        {"Dr. Feld has a 2:40 opening", "Feld", "Feld"},                 // lower case next
        {"Dr. Feld Monday", "Feld", "Feld"},                             // a weekday
        {"saw Mary Hospice staff", "Mary", "Mary"},                      // a care site's word
        {"saw Mary Lasix", "Mary", "Mary"},                              // a clinical term
        {"does Cross Country track", "Cross", "Cross"},                  // a place's word
        {"Yours sincerely, Dr. Marais Copy to 260-3232.", "Marais", "Marais"},
        {"RN note: Pirkko Constitutional: Reports chills", "Pirkko", "Pirkko"},   // a label
        {"RN note: Lucia Additionally, patient was", "Lucia", "Lucia"},          // an adverb's ending
        {"by Dr. Stanley Gertzbein for back pain", "Stanley", "Stanley Gertzbein"},
        {"a carer Clark Cartwright. She has", "Clark", "Clark Cartwright"},
        {"saw Mary Smith's chart", "Mary", "Mary Smith"},                // not its possessive
        {"saw Mary SMITH", "Mary", "Mary"},                              // capitals, a heading's
        {"Marisol Etxeberria", "Marisol Etx", "Marisol Etx"},            // no whole word
        {"Dr. Jo Lee", "Jo Lee", "Jo Lee"},                              // two words already
    };
    check_model_growth(examples, name_surname_end);
}

// The same check for a model LOCATION: demonyms, and places that name a disease.
BOOST_AUTO_TEST_CASE(demonyms_and_eponyms_are_no_places) {
    const model_date examples[] = {
        {"a 55-year-old African-American male", "African-American", true},
        {"a 55-year-old African-American male", "-American", true},
        {"the American Heart Association website", "American", true},
        {"I would call myself Latin American.", "Latin American", true},
        {"family history of Huntington disease", "Huntington", true},
        {"Morton neuroma of her feet", "Morton", true},
        {"I moved to America in 1973", "America", false},
        {"she lives in Huntington now", "Huntington", false},
        {"born in Mexico City", "Mexico City", false},
        {"the American Legion hall in Salem", "Salem", false},
        {"... ,", "...", false}, // no word
    };
    check_model_dates(examples, is_place_word_of_another_kind);
}

// A model town that is a common word beginning a compound is the compound's.
BOOST_AUTO_TEST_CASE(first_words_of_compounds_are_no_places) {
    const model_date examples[] = {
        {"Spring-loaded device", "Spring-", true},
        {"a Reading-based program", "Reading", true},
        {"Boston-based team", "Boston", false},
        {"Lives in Spring, TX", "Spring", false},
        {"Mrs. Reading-Smith", "Reading", false},
        {"Spring -", "Spring", false},
    };
    check_model_dates(examples, is_common_word_of_a_compound);
}

// The minutes of a clock time are no date.
BOOST_AUTO_TEST_CASE(minutes_of_a_time_are_no_dates) {
    const model_date examples[] = {
        {"departed 14:52 on 11/26/2025", "52", true},
        {"at 9:05am", "05", true},
        {"on 3/14:52", "52", true},
        {"ratio 1:52", "52", true},
        {"12:30:45", "30", false},   // a time's seconds follow: judged as the model saw it
        {"2023:11", "11", false},    // a year before the colon
        {"11/26", "26", false},
    };
    check_model_dates(examples, is_minutes_of_a_time);
}

// A form's label is no date; a month, weekday, holiday or season before a colon stays one.
BOOST_AUTO_TEST_CASE(labels_are_no_dates) {
    const model_date examples[] = {
        {"Decedent: Harold Whitcomb", "Decedent", true},
        {"Pronounced: 04:40", "Pronounced", true},
        {"December: 3 visits", "December", false},
        {"Monday: clinic", "Monday", false},
        {"Christmas: at home", "Christmas", false},
        {"Spring: better", "Spring", false},
        {"Decedent Harold", "Decedent", false},   // no colon
        {"12/03: seen", "12/03", false},
    };
    check_model_dates(examples, is_label_of_no_date);
}

// A sex after its label is no initial nor anything else to hide.
BOOST_AUTO_TEST_CASE(sexes_after_their_labels) {
    const model_date examples[] = {
        {"Age: 93    Sex: M\n", "M", true},
        {"Gender:Female; DOB", "Female", true},
        {"SEX:  F", "F", true},
        {"Sex: Mark", "Mark", false},
        {"Seen by M. Jones", "M", false},
        {"Sex M", "M", false},
    };
    check_model_dates(examples, is_sex_after_its_label);
}

// A model NAME of demonyms only is no person either.
BOOST_AUTO_TEST_CASE(demonyms_are_no_names) {
    const model_date examples[] = {
        {"Patient: I'm an African American, sir.", "African American", true},
        {"a 26-year-old African-American male", "African-", true},
        {"a 23-year-old Hispanic male", "Hispanic", true},
        {"a 23-year-old Hispanic male", "Hispanic male", false}, // a word of another kind
        {"family history of Huntington disease", "Huntington", false},
        {"Seen by Dr. Asian-Smith.", "Asian-Smith", false},
        {"... ,", "...", false},
    };
    check_model_dates(examples, is_only_demonyms);
}

BOOST_AUTO_TEST_SUITE_END()
