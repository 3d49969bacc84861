// deid.cpp: every operator, per-type operator choice, surrogate consistency (within a document, and
// across documents with a key), format-preserving surrogates, date shifting that keeps intervals and
// formats, and the offsets of the replacements in both texts.
#define BOOST_TEST_MODULE deid
#include <boost/test/unit_test.hpp>

#include "pipeline/dates.h"
#include "pipeline/deid.h"
#include "pipeline/hmac-sha256.h"
#include "pipeline/number-words.h"
#include "pipeline/surrogate-lists.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <ctime>
#include <map>
#include <string>
#include <vector>

using namespace mab;

namespace {

struct doc {
    std::string       text;
    text_index        index;
    std::vector<span> spans;

    // Adds a span over the first occurrence of `what` at or after byte `from` (bytes -> code points).
    doc & add(const std::string & what, const char * type, const char * subtype, size_t from = 0) {
        const size_t b = text.find(what, from);
        BOOST_REQUIRE(b != std::string::npos);
        span s;
        s.begin   = index.cp_of_byte((int32_t) b);
        s.end     = index.cp_of_byte((int32_t) (b + what.size()));
        s.type    = type;
        s.subtype = subtype;
        s.source  = SOURCE_RULE;
        s.origin  = "test";
        spans.push_back(s);
        return *this;
    }
    explicit doc(const std::string & t) : text(t) { BOOST_REQUIRE(text_index_build(text.data(), text.size(), &index) == MAB_STATUS_OK); }
};

struct run_result {
    std::string              text;
    std::vector<replacement> reps;
};

run_result run(const doc & d, const deid_options & opt) {
    run_result r;
    BOOST_REQUIRE_MESSAGE(deidentify_text(d.text.data(), d.text.size(), d.index, d.spans, opt, &r.text, &r.reps) == MAB_STATUS_OK,
                          mab_last_error());
    BOOST_REQUIRE_EQUAL(r.reps.size(), d.spans.size());
    // Every replacement sits at its new offsets in the new text.
    text_index out;
    BOOST_REQUIRE(text_index_build(r.text.data(), r.text.size(), &out) == MAB_STATUS_OK);
    for (const replacement & rep : r.reps) {
        const int32_t b = out.byte_of_cp[(size_t) rep.new_begin], e = out.byte_of_cp[(size_t) rep.new_end];
        BOOST_TEST(r.text.substr((size_t) b, (size_t) (e - b)) == rep.text);
        BOOST_TEST(out.utf16_of_cp[(size_t) rep.new_begin] == rep.new_begin_utf16);
        BOOST_TEST(out.utf16_of_cp[(size_t) rep.new_end] == rep.new_end_utf16);
    }
    return r;
}

deid_options with(const char * operators, const char * key = nullptr) {
    deid_options o;
    BOOST_REQUIRE(deid_parse_operators(operators, &o) == MAB_STATUS_OK);
    if (key) o.key = key, o.has_key = true;
    return o;
}

bool same_layout(const std::string & a, const std::string & b) {
    if (a.size() != b.size()) return false;
    for (size_t k = 0; k < a.size(); k++) {
        const auto kind = [](char c) { return c >= '0' && c <= '9' ? 'd' : c >= 'A' && c <= 'Z' ? 'A' : c >= 'a' && c <= 'z' ? 'a' : c; };
        if (kind(a[k]) != kind(b[k])) return false;
    }
    return true;
}

} // namespace

BOOST_AUTO_TEST_SUITE(deid_suite)

BOOST_AUTO_TEST_CASE(redact_mask_tag_keep) {
    doc d("Jane Roe, MRN 123456, seen 😀 by Dr. Li.");
    d.add("Jane Roe", "NAME", "PATIENT").add("123456", "ID", "MEDICALRECORD").add("😀", "OTHER", "OTHER").add("Li", "NAME", "DOCTOR");
    BOOST_TEST(run(d, with("*=redact")).text == ", MRN , seen  by Dr. .");
    BOOST_TEST(run(d, with("*=mask")).text == "********, MRN ******, seen * by Dr. **."); // one per code point
    BOOST_TEST(run(d, with("*=tag")).text == "[NAME], MRN [ID], seen [OTHER] by Dr. [NAME].");
    BOOST_TEST(run(d, with("*=keep")).text == d.text);
    deid_options hash = with("mask");
    hash.mask_char = 0x2588; // a multi-byte mask character
    BOOST_TEST(run(d, hash).text == "████████, MRN ██████, seen █ by Dr. ██.");
}

BOOST_AUTO_TEST_CASE(operator_choice_by_type_and_subtype) {
    doc d("Jane Roe and Dr. Li, SSN 078-05-1120, MRN 123456");
    d.add("Jane Roe", "NAME", "PATIENT").add("Li", "NAME", "DOCTOR").add("078-05-1120", "ID", "SSN").add("123456", "ID", "MEDICALRECORD");
    const auto r = run(d, with("NAME=redact,NAME/DOCTOR=keep,ID/SSN=mask,*=tag"));
    BOOST_TEST(r.text == " and Dr. Li, SSN ***********, MRN [ID]");
    BOOST_TEST(std::string(deid_operator_name(r.reps[0].op)) == "redact");
    BOOST_TEST(std::string(deid_operator_name(r.reps[1].op)) == "keep");
    // The blanks around a key or an operator are not part of it.
    BOOST_TEST(run(d, with(" NAME = redact , NAME/DOCTOR=keep,\tID/SSN =mask, default= tag")).text == r.text);
    deid_options bad;
    BOOST_TEST(deid_parse_operators("NAME=scramble", &bad) == MAB_STATUS_INVALID_ARGUMENT);
    BOOST_TEST(std::string(mab_last_error()).find("scramble") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(surrogates_are_consistent_within_a_document) {
    doc d("John Smith called. Later Mr. Smith and JOHN SMITH came; john smith left. Call 617-555-0134 or (617) 555-0134.");
    d.add("John Smith", "NAME", "PATIENT").add("Smith", "NAME", "PATIENT", 20).add("JOHN SMITH", "NAME", "PATIENT")
        .add("john smith", "NAME", "PATIENT").add("617-555-0134", "CONTACT", "PHONE").add("(617) 555-0134", "CONTACT", "PHONE");
    const auto r = run(d, with("surrogate"));
    const std::string full = r.reps[0].text;
    const size_t sp = full.find(' ');
    BOOST_REQUIRE(sp != std::string::npos);
    BOOST_TEST(full != "John Smith");
    BOOST_TEST(r.reps[1].text == full.substr(sp + 1)); // "Mr. Smith" keeps the same surname
    std::string upper = full, lower = full;
    for (char & c : upper) c = (char) toupper(c);
    for (char & c : lower) c = (char) tolower(c);
    BOOST_TEST(r.reps[2].text == upper); // letter case follows the original
    BOOST_TEST(r.reps[3].text == lower);
    // A given name said alone ("hi , john .") takes the given name of "John Smith".
    doc alone("John Smith came. hi , john . thank you , james .");
    alone.add("John Smith", "NAME", "PATIENT").add("john", "NAME", "PATIENT").add("james", "NAME", "PATIENT");
    const auto a = run(alone, with("surrogate"));
    std::string given = a.reps[0].text.substr(0, a.reps[0].text.find(' '));
    for (char & c : given) c = (char) tolower(c);
    BOOST_TEST(a.reps[1].text == given);
    // James is a given name and a surname on the lists: alone it stays a surname, as "Mr. Smith".
    const auto in = [](const auto & list, const std::string & name) {
        return std::find(std::begin(list), std::end(list), name) != std::end(list);
    };
    const auto j = run(doc("Mr. James came.").add("James", "NAME", "PATIENT"), with("surrogate"));
    BOOST_TEST(in(surrogate_lists::last_names, j.reps[0].text));
    const auto andrew = run(doc("bye Andrew.").add("Andrew", "NAME", "PATIENT"), with("surrogate"));
    BOOST_TEST(in(surrogate_lists::first_names, andrew.reps[0].text));
    // The same number written two ways gets the same digits, each in its own layout.
    BOOST_TEST(same_layout(r.reps[4].text, "617-555-0134"));
    BOOST_TEST(same_layout(r.reps[5].text, "(617) 555-0134"));
    std::string d4, d5;
    for (char c : r.reps[4].text) if (c >= '0' && c <= '9') d4.push_back(c);
    for (char c : r.reps[5].text) if (c >= '0' && c <= '9') d5.push_back(c);
    BOOST_TEST(d4 == d5);
    BOOST_TEST(d4 != "6175550134");
    // A phone's extension label stays as written; its digits change, as the number's do. An ID's
    // letters still change.
    doc ext("Call 617-555-0134 ext. 123, pager x4567, fax 617.555.0199 Ext 9. MRN AB-12345.");
    ext.add("617-555-0134 ext. 123", "CONTACT", "PHONE").add("x4567", "CONTACT", "PHONE")
        .add("617.555.0199 Ext 9", "CONTACT", "FAX").add("AB-12345", "ID", "MEDICALRECORD");
    const auto e = run(ext, with("surrogate"));
    BOOST_TEST(same_layout(e.reps[0].text, "617-555-0134 ext. 123"));
    BOOST_TEST(e.reps[0].text.substr(12, 6) == " ext. ");
    BOOST_TEST(e.reps[0].text.substr(18) != "123");
    BOOST_TEST(e.reps[1].text[0] == 'x');
    BOOST_TEST(e.reps[1].text.substr(1) != "4567");
    BOOST_TEST(e.reps[2].text.substr(12, 5) == " Ext ");
    BOOST_TEST(e.reps[3].text.substr(0, 2) != "AB");
}

BOOST_AUTO_TEST_CASE(surrogates_across_documents_need_the_key) {
    doc a("Patient Maria Lopez, MRN 4829173."), b("Follow-up for Maria Lopez (MRN 4829173) today.");
    a.add("Maria Lopez", "NAME", "PATIENT").add("4829173", "ID", "MEDICALRECORD");
    b.add("Maria Lopez", "NAME", "PATIENT").add("4829173", "ID", "MEDICALRECORD");
    const auto ka = run(a, with("surrogate", "secret-1")), kb = run(b, with("surrogate", "secret-1"));
    BOOST_TEST(ka.reps[0].text == kb.reps[0].text);
    BOOST_TEST(ka.reps[1].text == kb.reps[1].text);
    BOOST_TEST(same_layout(ka.reps[1].text, "4829173"));
    // Another key gives other values; no key ties the values to the document.
    const auto other = run(a, with("surrogate", "secret-2"));
    BOOST_TEST((other.reps[0].text != ka.reps[0].text || other.reps[1].text != ka.reps[1].text));
    const auto na = run(a, with("surrogate")), na2 = run(a, with("surrogate")), nb = run(b, with("surrogate"));
    BOOST_TEST(na.text == na2.text); // repeatable
    BOOST_TEST((na.reps[0].text != nb.reps[0].text || na.reps[1].text != nb.reps[1].text));
}

BOOST_AUTO_TEST_CASE(surrogates_by_kind) {
    doc d("J. Smith-Jones, Smith, Anna; 12 Oak Street, Boston, MA; Mercy Hospital; a@b.org; http://x.org/p; 10.1.2.3; 97; "
          "teacher; AB-1234-x; 02139; Dr. Alan Whitfield, MD");
    d.add("J. Smith-Jones", "NAME", "PATIENT").add("Smith, Anna", "NAME", "PATIENT").add("12 Oak Street", "LOCATION", "STREET")
        .add("Boston", "LOCATION", "CITY").add("MA", "LOCATION", "STATE").add("Mercy Hospital", "LOCATION", "HOSPITAL")
        .add("a@b.org", "CONTACT", "EMAIL").add("http://x.org/p", "CONTACT", "URL").add("10.1.2.3", "CONTACT", "IPADDR")
        .add("97", "AGE", "AGE").add("teacher", "PROFESSION", "PROFESSION").add("AB-1234-x", "ID", "IDNUM").add("02139", "LOCATION", "ZIP")
        .add("Dr. Alan Whitfield, MD", "NAME", "DOCTOR");
    const auto r = run(d, with("surrogate", "k"));
    const auto & t = r.reps;
    BOOST_TEST((t[0].text.size() >= 4 && t[0].text[1] == '.' && t[0].text[2] == ' ' && t[0].text.find('-') != std::string::npos));
    BOOST_TEST(t[1].text.find(", ") != std::string::npos);
    BOOST_TEST(t[13].text.rfind("Dr. ", 0) == 0u); // titles stay
    BOOST_TEST(t[13].text.find(", MD") == t[13].text.size() - 4);
    BOOST_TEST(t[13].text.find("Alan") == std::string::npos);
    BOOST_TEST(t[2].text.find(" Street") != std::string::npos);
    BOOST_TEST(same_layout(t[2].text.substr(0, 2), "12"));
    BOOST_TEST(t[3].text != "Boston");
    BOOST_TEST((t[4].text.size() == 2 && t[4].text[0] >= 'A' && t[4].text[0] <= 'Z'));
    BOOST_TEST(t[5].text != "Mercy Hospital");
    BOOST_TEST(t[6].text.find("@example.com") != std::string::npos);
    BOOST_TEST(t[7].text == "http://www.example.org");
    BOOST_TEST(t[8].text.rfind("10.", 0) == 0u);
    BOOST_TEST(t[9].text == "90"); // Safe Harbor: ages over 89 -> 90
    BOOST_TEST(t[10].text != "teacher");
    BOOST_TEST(same_layout(t[11].text, "AB-1234-x"));
    BOOST_TEST(same_layout(t[12].text, "02139"));
}

// Numbers read out digit by digit stay in words, each word another digit's, in its letter case; the
// digits are those the same number in digits gets. Letters that are no digit word are never copied.
BOOST_AUTO_TEST_CASE(codes_said_digit_by_digit) {
    doc d("call 555-0134, Five five five, zero one three four, or FIVE FIVE FIVE 0 1 3 4; Smith five five five one two");
    d.add("555-0134", "CONTACT", "PHONE").add("Five five five, zero one three four", "CONTACT", "PHONE")
        .add("FIVE FIVE FIVE 0 1 3 4", "CONTACT", "PHONE").add("Smith five five five one two", "ID", "IDNUM");
    const auto r = run(d, with("surrogate", "k"));
    const auto & t = r.reps;
    const auto word_of = [](char digit) { return std::string(digit_word(digit - '0')); };
    const std::string n = t[0].text; // ddd-dddd
    BOOST_REQUIRE(same_layout(n, "555-0134"));
    BOOST_TEST(n != "555-0134");
    std::string cap = word_of(n[0]);
    cap[0] = (char) (cap[0] - 32);
    BOOST_TEST(t[1].text == cap + " " + word_of(n[1]) + " " + word_of(n[2]) + ", " + word_of(n[4]) + " " + word_of(n[5]) + " " +
                                word_of(n[6]) + " " + word_of(n[7]));
    std::string upper;
    for (int i = 0; i < 3; i++) {
        for (char c : word_of(n[i])) upper.push_back((char) (c - 32));
        upper.push_back(' ');
    }
    BOOST_TEST(t[2].text == upper + n.substr(4, 1) + " " + n.substr(5, 1) + " " + n.substr(6, 1) + " " + n.substr(7, 1));
    BOOST_TEST(t[3].text.find("Smith") == std::string::npos);
    BOOST_TEST(same_layout(t[3].text, "Smith five five five one two"));
}

// An address said or obfuscated keeps its at and dot as said; the local part and the host go.
BOOST_AUTO_TEST_CASE(email_said_or_obfuscated) {
    doc d("kob1958 at hotmail dot com; J.Smith (AT) mgh [dot] org; ed @ yahoo dot co dot uk; odd at nothing");
    d.add("kob1958 at hotmail dot com", "CONTACT", "EMAIL").add("J.Smith (AT) mgh [dot] org", "CONTACT", "EMAIL")
        .add("ed @ yahoo dot co dot uk", "CONTACT", "EMAIL").add("odd at nothing", "CONTACT", "EMAIL");
    const auto r = run(d, with("surrogate", "k"));
    const auto & t = r.reps;
    const auto ends_with = [](const std::string & s, const std::string & tail) {
        return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
    };
    BOOST_TEST(ends_with(t[0].text, " at example dot com"));
    BOOST_TEST(same_layout(t[0].text.substr(0, 7), "kob1958"));
    BOOST_TEST(t[0].text.rfind("kob1958", 0) != 0u);
    BOOST_TEST(ends_with(t[1].text, " (AT) example [dot] com"));
    BOOST_TEST(same_layout(t[1].text.substr(0, 7), "J.Smith"));
    BOOST_TEST(t[2].text.find(" @ example dot com") != std::string::npos);
    BOOST_TEST(t[2].text.find("yahoo") == std::string::npos);
    BOOST_TEST(same_layout(t[3].text, "odd at nothing")); // no dot: the whole text as a code
    BOOST_TEST(t[3].text.find("nothing") == std::string::npos);
}

// A local part said with its dots keeps them; each word is replaced.
BOOST_AUTO_TEST_CASE(email_said_with_dots_in_its_local_part) {
    doc d("grace dot okonkwo at gmail dot com");
    d.add("grace dot okonkwo at gmail dot com", "CONTACT", "EMAIL");
    const std::string t = run(d, with("surrogate", "k")).reps[0].text;
    BOOST_TEST(t.size() == std::string("xxxxx dot xxxxxxx at example dot com").size(), t);
    BOOST_TEST(t.substr(5, 5) == " dot ", t);
    BOOST_TEST(t.find("grace") == std::string::npos, t);
    BOOST_TEST(t.find("okonkwo") == std::string::npos, t);
}

// A house number said in words becomes other words, 2 to 99, in the same letter case.
BOOST_AUTO_TEST_CASE(street_number_in_words) {
    doc d("forty two pine ridge road; Twelve Oak Street");
    d.add("forty two pine ridge road", "LOCATION", "STREET").add("Twelve Oak Street", "LOCATION", "STREET");
    for (int key = 0; key < 20; key++) {
        const auto r = run(d, with("surrogate", std::to_string(key).c_str()));
        const std::string & a = r.reps[0].text, & b = r.reps[1].text;
        size_t end = 0;
        const int n = cardinal_words_at(a.data(), a.size(), 0, &end);
        BOOST_TEST((n >= 2 && n <= 99 && n != 42), a);
        BOOST_TEST(a.substr(a.size() - 5) == " road", a);
        BOOST_TEST((b[0] >= 'A' && b[0] <= 'Z'), b);
        BOOST_TEST(cardinal_words_at(b.data(), b.size(), 0, &end) != 12, b);
        BOOST_TEST(b.substr(b.size() - 7) == " Street", b);
    }
}

// A date the model called an AGE would keep its digits as an age under 90 does: it is shifted as a
// date instead, or tagged when it does not parse; real ages are untouched.
BOOST_AUTO_TEST_CASE(an_age_that_reads_as_a_date_is_shifted) {
    doc d("seen 03/14 and 3/14/2021, aged 45, 97 y/o, ratio 45/99");
    d.add("03/14", "AGE", "AGE").add("3/14/2021", "AGE", "AGE").add("45", "AGE", "AGE").add("97", "AGE", "AGE")
        .add("45/99", "AGE", "AGE");
    const auto r = run(d, with("surrogate", "k"));
    const auto & t = r.reps;
    BOOST_TEST(t[0].text != "03/14");
    BOOST_TEST(same_layout(t[0].text, "03/14"));
    BOOST_TEST(t[1].text != "3/14/2021");
    BOOST_TEST(t[1].text.find('/') != std::string::npos);
    BOOST_TEST(t[2].text == "45");
    BOOST_TEST(t[3].text == "90");
    BOOST_TEST(t[4].text == "[AGE]"); // no date: tagged, not kept
    // The same two dates as DATE spans get the same shift.
    doc e("seen 03/14 and 3/14/2021");
    e.add("03/14", "DATE", "DATE").add("3/14/2021", "DATE", "DATE");
    const auto dates = run(e, with("surrogate", "k"));
    BOOST_TEST(dates.reps[0].text == t[0].text);
    BOOST_TEST(dates.reps[1].text == t[1].text);
}

// Ages over 89 become 90 whether written in digits or in words (transcripts); younger ones stay.
BOOST_AUTO_TEST_CASE(age_surrogates_in_digits_and_words) {
    doc d("ninety two; Ninety-Four; NINETY SIX; one hundred and one; seventy-two; 92F; 45; a hundred years");
    d.add("ninety two", "AGE", "AGE").add("Ninety-Four", "AGE", "AGE").add("NINETY SIX", "AGE", "AGE")
        .add("one hundred and one", "AGE", "AGE").add("seventy-two", "AGE", "AGE").add("92F", "AGE", "AGE")
        .add("45", "AGE", "AGE").add("a hundred years", "AGE", "AGE");
    const auto r = run(d, with("surrogate", "k"));
    std::vector<std::string> got;
    for (const auto & rep : r.reps) got.push_back(rep.text);
    const std::vector<std::string> want = {"ninety", "Ninety", "NINETY", "ninety", "seventy-two", "90F", "45", "ninety years"};
    BOOST_TEST(got == want, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(surrogates_keep_non_ascii_letter_case) {
    doc d("Dr. Ørsted; Dr. Émile Zola; ÖZTÜRK, AHMET; émile zola; É. Zola, é. zola; Δημήτρης Παπαδόπουλος; Иванов; "
          "ÉX-12; Århus");
    d.add("Ørsted", "NAME", "DOCTOR").add("Émile Zola", "NAME", "DOCTOR").add("ÖZTÜRK, AHMET", "NAME", "PATIENT")
        .add("émile zola", "NAME", "PATIENT").add("É. Zola", "NAME", "PATIENT").add("é. zola", "NAME", "PATIENT")
        .add("Δημήτρης Παπαδόπουλος", "NAME", "PATIENT").add("Иванов", "NAME", "PATIENT").add("ÉX-12", "ID", "IDNUM")
        .add("Århus", "LOCATION", "CITY");
    const auto r = run(d, with("surrogate", "k"));
    const auto & t = r.reps;
    // Every word as the original: capitalised, ALL CAPS or all lower (the lists hold capitalised words).
    const auto words_like = [](const std::string & s, char first, char rest) {
        bool start = true;
        for (char c : s) {
            const bool letter = isalpha((unsigned char) c);
            if (letter && start && !(first == 'A' ? isupper(c) : islower(c))) return false;
            if (letter && !start && !(rest == 'A' ? isupper(c) : rest == 'a' ? islower(c) : true)) return false;
            start = !letter;
        }
        return true;
    };
    for (size_t i : {0, 1, 6, 7, 9}) BOOST_TEST(words_like(t[i].text, 'A', '*'), t[i].text);
    BOOST_TEST(words_like(t[2].text, 'A', 'A'), t[2].text);
    BOOST_TEST(t[2].text.find(", ") != std::string::npos); // "Last, First" kept
    BOOST_TEST(words_like(t[3].text, 'a', 'a'), t[3].text);
    // A one-letter non-ASCII word is an initial, in its case.
    BOOST_TEST((t[4].text.size() > 4 && isupper(t[4].text[0]) && t[4].text.substr(1, 2) == ". "), t[4].text);
    BOOST_TEST((t[5].text.size() > 4 && islower(t[5].text[0]) && t[5].text.substr(1, 2) == ". "), t[5].text);
    BOOST_TEST(words_like(t[4].text, 'A', '*'), t[4].text);
    BOOST_TEST(words_like(t[5].text, 'a', 'a'), t[5].text);
    BOOST_TEST(same_layout(t[8].text, "EX-12"), t[8].text); // É is a capital of its kind
}

BOOST_AUTO_TEST_CASE(street_surrogates_leave_no_letter_of_the_original) {
    doc d("Lives at Königstraße 5; seen at Øvre Slottsgate 12 Apt 3; from Calle Peñalver 7.");
    d.add("Königstraße 5", "LOCATION", "STREET").add("Øvre Slottsgate 12 Apt 3", "LOCATION", "STREET")
        .add("Calle Peñalver 7", "LOCATION", "STREET");
    const auto r = run(d, with("surrogate", "k"));
    for (const auto & rep : r.reps) {
        // Whole words are replaced: no non-ASCII letter (nor any other byte of it) is copied through.
        for (char c : rep.text) BOOST_TEST((uint8_t) c < 0x80, rep.text);
        BOOST_TEST(rep.text.find("nigstra") == std::string::npos, rep.text);
        BOOST_TEST(rep.text.find("alver") == std::string::npos, rep.text);
    }
    BOOST_TEST(r.reps[1].text.find(" Apt ") != std::string::npos, r.reps[1].text); // street words kept
}

// A surrogate that happens to equal the original would put the real name back into a text that
// looks de-identified. Every listed name, place and short code, under 40 keys: none comes out as itself.
BOOST_AUTO_TEST_CASE(surrogates_never_equal_what_they_replace) {
    std::string text;
    std::vector<std::pair<std::string, std::string>> items; // (value, type/subtype)
    const auto item = [&](const std::string & value, const char * kind) {
        text += value + "; ";
        items.emplace_back(value, kind);
    };
    for (const char * w : surrogate_lists::first_names) item(std::string(w) + " " + surrogate_lists::last_names[0], "NAME/PATIENT");
    for (const char * w : surrogate_lists::last_names) item(std::string("Mr. ") + w, "NAME/PATIENT");
    for (const char * w : surrogate_lists::cities) item(w, "LOCATION/CITY");
    for (const char * w : surrogate_lists::state_codes) item(w, "LOCATION/STATE");
    for (const char * w : surrogate_lists::street_names) item(w, "LOCATION/STREET");
    for (const char * w : surrogate_lists::hospitals) item(w, "LOCATION/HOSPITAL");
    for (const char * w : surrogate_lists::professions) item(w, "PROFESSION/PROFESSION");
    for (const char * w : {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "A", "b", "7Z"}) item(w, "ID/IDNUM");
    doc d(text);
    size_t from = 0;
    for (const auto & [value, kind] : items) {
        const size_t slash = kind.find('/');
        d.add(value, kind.substr(0, slash).c_str(), kind.substr(slash + 1).c_str(), from);
        from = text.find(value, from) + value.size();
    }
    for (int key = 0; key < 40; key++) {
        const auto r = run(d, with("surrogate", std::to_string(key).c_str()));
        for (size_t i = 0; i < items.size(); i++) {
            const std::string & got = r.reps[i].text, & was = items[i].first;
            if (items[i].second == "NAME/PATIENT") {
                // Word by word: "Mr." stays, every name word changes.
                const size_t sp = was.find(' '), gsp = got.find(' ');
                BOOST_TEST(got.substr(0, gsp) != (was.rfind("Mr.", 0) == 0 ? std::string("Mr") : was.substr(0, sp)), got);
                BOOST_TEST(got.substr(gsp + 1) != was.substr(sp + 1), was << " -> " << got);
            } else {
                BOOST_TEST(got != was, items[i].second << ": " << was << " -> " << got);
            }
        }
    }
}

namespace {

template <size_t N> bool listed_in(const char * const (&list)[N], const std::string & name) {
    return std::find(std::begin(list), std::end(list), name) != std::end(list);
}

// 1 a woman's given name of the lists, 0 a man's, -1 none.
int womans_given_name(const std::string & name) {
    const auto & l = surrogate_lists::first_names;
    const auto it = std::find(std::begin(l), std::end(l), name);
    return it == std::end(l) ? -1 : (int) ((it - std::begin(l)) % 2);
}

// A lower-case name as the lists write it: "bobby" -> "Bobby".
std::string match(std::string name) {
    if (!name.empty()) name[0] = (char) toupper(name[0]);
    return name;
}

std::string word(const std::string & s, size_t k) {
    size_t b = 0;
    for (; k > 0; k--) b = s.find(' ', b) + 1;
    return s.substr(b, s.find(' ', b) - b);
}

} // namespace

// A name word gets one surrogate in a document, whichever span it is in: a given name alone takes
// the given name its full name gives it; a record's "given" and "family" fields, a title, a
// relative and an HL7 name's order say which it is; a given name keeps its kind (a man's, a woman's).
BOOST_AUTO_TEST_CASE(name_words_read_as_the_document_reads_them) {
    for (int key = 0; key < 20; key++) {
        const std::string k = std::to_string(key);
        doc d("Việt Nguyen came. Việt reports pain. NGUYEN^VIỆT^T. Ms Nguyen will return. given: Thi family: Lê.");
        d.add("Việt Nguyen", "NAME", "PATIENT").add("Việt", "NAME", "PATIENT", 18).add("NGUYEN^VIỆT", "NAME", "PATIENT")
            .add("Nguyen", "NAME", "PATIENT", 60).add("Thi", "NAME", "PATIENT").add("Lê", "NAME", "PATIENT");
        d.spans[4].part = NAME_PART_GIVEN;
        d.spans[5].part = NAME_PART_FAMILY;
        const auto r = run(d, with("surrogate", k.c_str()));
        const std::string given = word(r.reps[0].text, 0), surname = word(r.reps[0].text, 1);
        BOOST_TEST(listed_in(surrogate_lists::first_names, given), given);
        BOOST_TEST(listed_in(surrogate_lists::last_names, surname), surname);
        BOOST_TEST(womans_given_name(given) == 1, given); // "Ms Nguyen": Việt Nguyen is a woman
        BOOST_TEST(r.reps[1].text == given);
        std::string hl7 = surname + "^" + given;
        for (char & c : hl7) c = (char) toupper(c);
        BOOST_TEST(r.reps[2].text == hl7);
        BOOST_TEST(r.reps[3].text == surname);
        BOOST_TEST(listed_in(surrogate_lists::first_names, r.reps[4].text), r.reps[4].text);
        BOOST_TEST(listed_in(surrogate_lists::last_names, r.reps[5].text), r.reps[5].text);

        // A relative names a given name, and says whose; a title names a surname, and wins over a
        // relative; a name of the lists keeps its kind; '-' joins the words of one name.
        doc f("Seen with her son Minh and his wife Agnieszka. Mrs. Corkery called about his father Corkery. "
              "John came. Mary-Jane Smith-Jones came.");
        f.add("Minh", "NAME", "PATIENT").add("Agnieszka", "NAME", "PATIENT").add("Corkery", "NAME", "PATIENT")
            .add("Corkery", "NAME", "PATIENT", 70).add("John", "NAME", "PATIENT").add("Mary-Jane Smith-Jones", "NAME", "PATIENT");
        const auto g = run(f, with("surrogate", k.c_str()));
        BOOST_TEST(womans_given_name(g.reps[0].text) == 0, g.reps[0].text);
        BOOST_TEST(womans_given_name(g.reps[1].text) == 1, g.reps[1].text);
        BOOST_TEST(listed_in(surrogate_lists::last_names, g.reps[2].text), g.reps[2].text);
        BOOST_TEST(g.reps[3].text == g.reps[2].text);
        BOOST_TEST(womans_given_name(g.reps[4].text) == 0, g.reps[4].text);
        const std::string mj = g.reps[5].text;
        const size_t h1 = mj.find('-'), sp = mj.find(' '), h2 = mj.find('-', sp);
        BOOST_REQUIRE((h1 < sp && sp < h2 && h2 != std::string::npos));
        BOOST_TEST(womans_given_name(mj.substr(0, h1)) == 1, mj);
        BOOST_TEST(womans_given_name(mj.substr(h1 + 1, sp - h1 - 1)) == 1, mj);
        BOOST_TEST(listed_in(surrogate_lists::last_names, mj.substr(sp + 1, h2 - sp - 1)), mj);
        BOOST_TEST(listed_in(surrogate_lists::last_names, mj.substr(h2 + 1)), mj);

        // A record's sex says whose the given names are.
        doc x("given: Minh; given: Bao");
        x.add("Minh", "NAME", "PATIENT").add("Bao", "NAME", "PATIENT");
        x.spans[0].part = x.spans[1].part = NAME_PART_GIVEN;
        x.spans[0].sex = SEX_FEMALE;
        x.spans[1].sex = SEX_MALE;
        const auto xr = run(x, with("surrogate", k.c_str()));
        BOOST_TEST(womans_given_name(xr.reps[0].text) == 1, xr.reps[0].text);
        BOOST_TEST(womans_given_name(xr.reps[1].text) == 0, xr.reps[1].text);

        // A greeting names a given name, as transcripts write it too; a title a surname.
        doc t("[doctor] hi , bobby . how are you ? [patient] fine . [doctor] and you , mr . okonkwo ?");
        t.add("bobby", "NAME", "PATIENT").add("okonkwo", "NAME", "PATIENT");
        const auto tr = run(t, with("surrogate", k.c_str()));
        BOOST_TEST(listed_in(surrogate_lists::first_names, match(tr.reps[0].text)), tr.reps[0].text);
        BOOST_TEST(listed_in(surrogate_lists::last_names, match(tr.reps[1].text)), tr.reps[1].text);

        // An initial beside a surname stands for the document's only given name of that initial
        // beside it; with two ("John Lee", "James Lee") it stands for neither.
        doc i("Alan Kowalczyk; A. Kowalczyk; Kowalczyk, a.; John Lee; James Lee; J. Lee.");
        i.add("Alan Kowalczyk", "NAME", "PATIENT").add("A. Kowalczyk", "NAME", "PATIENT").add("Kowalczyk, a.", "NAME", "PATIENT")
            .add("John Lee", "NAME", "PATIENT").add("James Lee", "NAME", "PATIENT").add("J. Lee", "NAME", "PATIENT");
        const auto n = run(i, with("surrogate", k.c_str()));
        const std::string alan = word(n.reps[0].text, 0), kowalczyk = word(n.reps[0].text, 1);
        BOOST_TEST(n.reps[1].text == alan.substr(0, 1) + ". " + kowalczyk);
        BOOST_TEST(n.reps[2].text == kowalczyk + ", " + std::string(1, (char) tolower(alan[0])) + ".");
        BOOST_TEST(n.reps[5].text.substr(2) == " " + word(n.reps[3].text, 1));
    }
}

// Names of random pieces (hyphens, carets, commas, initials, titles, apostrophes, letters of other
// scripts, relatives and greetings before them): every one is rewritten, with no name word kept.
BOOST_AUTO_TEST_CASE(names_of_random_pieces) {
    const char * const pieces[] = {"A", "b", "-", "^", ",", " ", ".", "É", "'", "Mr", "Mrs", "J", "Ann", "Lee", "ÖZ", "-Ng", "jo^"};
    const char * const before[] = {"", "his wife ", "hi , ", "Ms. ", "Dr ", "^", "-"};
    uint32_t seed = 12345;
    const auto next = [&]() { return seed = seed * 1664525u + 1013904223u, seed >> 8; };
    for (int round = 0; round < 3000; round++) {
        std::string text, names[3];
        for (std::string & name : names) {
            for (int k = 1 + (int) (next() % 6); k > 0; k--) name += pieces[next() % std::size(pieces)];
            if (name.find_first_not_of(" ") == std::string::npos) name = "Q";
            name.erase(0, name.find_first_not_of(' '));
            name.erase(name.find_last_not_of(' ') + 1);
            text += std::string(before[next() % std::size(before)]) + name + " she said. ";
        }
        doc d(text);
        size_t from = 0;
        for (const std::string & name : names) {
            d.add(name, "NAME", "PATIENT", from);
            from = text.find(name, from) + name.size();
        }
        const auto r = run(d, with("surrogate", std::to_string(round).c_str()));
        for (size_t i = 0; i < 3; i++) {
            const std::string & got = r.reps[i].text;
            BOOST_TEST(!got.empty(), names[i]);
            // Words are runs of letters and non-ASCII bytes, as the surrogates read them.
            const auto words = [](const std::string & s) {
                std::vector<std::string> out(1);
                for (char c : s) {
                    if (isalpha((unsigned char) c) || (unsigned char) c >= 0x80) out.back().push_back(c);
                    else if (!out.back().empty()) out.emplace_back();
                }
                return out;
            };
            const std::vector<std::string> was = words(names[i]), now = words(got);
            for (const char * kept : {"Ann", "Lee", "ÖZ", "Ng"}) {
                const bool in_was = std::find(was.begin(), was.end(), kept) != was.end();
                BOOST_TEST((!in_was || std::find(now.begin(), now.end(), kept) == now.end()), names[i] << " -> " << got);
            }
        }
    }
}

// Two values never share a surrogate in a document, and no surrogate is a value the document holds:
// two people never become one, and a real name left in the output is a miss, never a surrogate.
BOOST_AUTO_TEST_CASE(one_surrogate_per_value_and_none_shared) {
    std::string text;
    std::vector<std::string> names, cities;
    for (int i = 0; i < 40; i++) {
        const char syllables[][4] = {"ka", "lo", "mi", "ru", "te", "va", "zo", "ne"};
        std::string n = "Q";
        for (int j = i; j > 0 || n.size() < 4; j /= 8) n += syllables[j % 8];
        names.push_back(n);
        text += "Mr. " + n + ". ";
    }
    for (const char * n : {"Smith", "Johnson", "Williams", "Brown", "Garcia"}) names.push_back(n), text += "Mr. " + std::string(n) + ". ";
    for (int i = 0; i < 8; i++) cities.push_back(surrogate_lists::cities[i]), text += std::string(surrogate_lists::cities[i]) + "; ";
    for (const char * c : {"Worcester", "Lowell", "Quincy", "Lynn"}) cities.push_back(c), text += std::string(c) + "; ";
    doc d(text);
    size_t from = 0;
    for (const std::string & n : names) {
        d.add(n, "NAME", "PATIENT", from);
        from = text.find(n, from) + n.size();
    }
    for (const std::string & c : cities) {
        d.add(c, "LOCATION", "CITY", from);
        from = text.find(c, from) + c.size();
    }
    for (int key = 0; key < 20; key++) {
        const auto r = run(d, with("surrogate", std::to_string(key).c_str()));
        std::vector<std::string> got_names, got_cities;
        for (size_t i = 0; i < names.size(); i++) got_names.push_back(r.reps[i].text);
        for (size_t i = 0; i < cities.size(); i++) got_cities.push_back(r.reps[names.size() + i].text);
        for (const auto & [got, was] : {std::pair{got_names, names}, std::pair{got_cities, cities}}) {
            std::vector<std::string> sorted = got;
            std::sort(sorted.begin(), sorted.end());
            BOOST_TEST((std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end()), "a surrogate shared, key " << key);
            for (const std::string & g : got) BOOST_TEST((std::find(was.begin(), was.end(), g) == was.end()), g << ", key " << key);
        }
        // Which value keeps a contested entry does not depend on the order they are written in.
        std::string reversed;
        for (size_t i = names.size(); i-- > 0;) reversed += "Mr. " + names[i] + ". ";
        doc back(reversed);
        for (size_t i = names.size(); i-- > 0;) back.add("Mr. " + names[i] + ".", "NAME", "PATIENT");
        const auto rb = run(back, with("surrogate", std::to_string(key).c_str()));
        for (size_t i = 0; i < names.size(); i++) {
            BOOST_TEST(rb.reps[names.size() - 1 - i].text == "Mr. " + got_names[i] + ".", names[i] << ", key " << key);
        }
    }
}

// With a key, a value keeps its surrogate from document to document but where another value of the
// document took its entry first: rare with the lists' sizes.
BOOST_AUTO_TEST_CASE(surrogates_across_documents_with_many_names) {
    std::vector<std::string> surnames;
    for (int i = 0; i < 400; i++) {
        const char syllables[][4] = {"ka", "lo", "mi", "ru", "te", "va", "zo", "ne", "di", "so"};
        std::string n = "Q";
        for (int j = i; j > 0 || n.size() < 5; j /= 10) n += syllables[j % 10];
        surnames.push_back(n);
    }
    const auto surrogates = [&](size_t first, size_t count) {
        std::string text;
        for (size_t i = first; i < first + count; i++) text += "Mr. " + surnames[i] + ". ";
        doc d(text);
        for (size_t i = first; i < first + count; i++) d.add(surnames[i], "NAME", "PATIENT");
        std::map<std::string, std::string> out;
        const auto r = run(d, with("surrogate", "one key"));
        for (size_t i = 0; i < count; i++) out[surnames[first + i]] = r.reps[i].text;
        return out;
    };
    // Each surname alone, then in documents of 20 surnames.
    std::map<std::string, std::string> alone;
    for (size_t i = 0; i < surnames.size(); i++) alone[surnames[i]] = surrogates(i, 1)[surnames[i]];
    size_t moved = 0;
    for (size_t first = 0; first < surnames.size(); first += 20) {
        for (const auto & [name, got] : surrogates(first, 20)) moved += got != alone[name];
    }
    BOOST_TEST(moved * 100 <= surnames.size() * 4, moved << " of " << surnames.size() << " surnames moved");
}

// Digits in a name are replaced like a code's; one value gets one surrogate whatever subtype the
// model gave it; a "://" inside a URL's query is no scheme to keep.
BOOST_AUTO_TEST_CASE(codes_in_names_one_surrogate_per_value_and_urls) {
    doc d("user 4829173, login jsmith1975; MRN 4829173; licence 4829173; go www.johnsmith-family.com/r?to=https://x.org now");
    d.add("4829173", "NAME", "USERNAME").add("jsmith1975", "NAME", "USERNAME").add("4829173", "ID", "MEDICALRECORD", 30)
        .add("4829173", "ID", "LICENSE", 48).add("www.johnsmith-family.com/r?to=https://x.org", "CONTACT", "URL");
    for (int key = 0; key < 10; key++) {
        const auto r = run(d, with("surrogate", std::to_string(key).c_str()));
        const auto & t = r.reps;
        BOOST_TEST((same_layout(t[0].text, "4829173") && t[0].text != "4829173"), t[0].text);
        BOOST_TEST(t[1].text.find("1975") == std::string::npos, t[1].text);
        BOOST_TEST(same_layout(t[1].text.substr(t[1].text.size() - 4), "1975"), t[1].text);
        BOOST_TEST(t[2].text == t[0].text); // the same value, as a record number: the same surrogate
        BOOST_TEST(t[3].text == t[0].text);
        BOOST_TEST(t[4].text == "www.example.org");
    }
}

// An entity written in a JSON string with escapes is read unescaped (the surrogate of "Vi\u00eat" is
// that of "Viêt" elsewhere) and replaced by text escaped for the string: the document stays JSON.
BOOST_AUTO_TEST_CASE(values_written_with_json_escapes) {
    doc d(R"({"given": "Vi\u00eat", "id": "A\"7-\\3", "seen": "2021-03-04", "note": "Vi\u00eat came on 03\/14\/2021"} Viêt)");
    d.add("Vi\\u00eat", "NAME", "PATIENT").add("A\\\"7-\\\\3", "ID", "IDNUM").add("03\\/14\\/2021", "DATE", "DATE")
        .add("Viêt", "NAME", "PATIENT");
    for (int key = 0; key < 10; key++) {
        const auto r = run(d, with("surrogate", std::to_string(key).c_str()));
        BOOST_TEST(r.reps[0].text == r.reps[3].text);
        BOOST_TEST(r.reps[1].text.find_first_of("\"\\") != std::string::npos, r.reps[1].text); // the quote and backslash, escaped
        BOOST_TEST(r.reps[2].text.find('/') != std::string::npos, r.reps[2].text); // "\/" read as "/": a date
        const std::string json = r.text.substr(0, r.text.rfind('}') + 1);
        BOOST_TEST(nlohmann::json::accept(json), json);
    }
    // Masks, tags and what is kept hold no escape to break.
    BOOST_TEST(run(d, with("*=keep")).text == d.text);
}

// A unit or an ordinal in a street is a code, not a street name: "Apt 3B" does not become "Apt 2Maple".
BOOST_AUTO_TEST_CASE(street_units_and_ordinals) {
    doc d("1 12th Street Apt 3B; 401 W 21st Ave, Unit B12; 7 3RD AVE");
    d.add("1 12th Street Apt 3B", "LOCATION", "STREET").add("401 W 21st Ave, Unit B12", "LOCATION", "STREET")
        .add("7 3RD AVE", "LOCATION", "STREET");
    for (int key = 0; key < 20; key++) {
        const auto r = run(d, with("surrogate", std::to_string(key).c_str()));
        const std::string & a = r.reps[0].text, & b = r.reps[1].text, & c = r.reps[2].text;
        const auto ordinal_ok = [](const std::string & s, size_t at) {
            size_t e = at;
            while (e < s.size() && isdigit((unsigned char) s[e])) e++;
            const int n = std::stoi(s.substr(at, e - at));
            const char * want = n % 100 / 10 == 1 ? "th" : n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
            std::string got = s.substr(e, 2);
            for (char & ch : got) ch = (char) tolower((unsigned char) ch);
            return got == want;
        };
        BOOST_TEST(same_layout(a.substr(0, 2), "1 "), a);
        BOOST_TEST(ordinal_ok(a, 2), a);
        BOOST_TEST(a.find(" Street Apt ") != std::string::npos, a);
        BOOST_TEST(same_layout(a.substr(a.size() - 2), "3B"), a);
        BOOST_TEST(ordinal_ok(b, 6), b);
        BOOST_TEST(same_layout(b.substr(b.size() - 8), "Unit B12"), b);
        BOOST_TEST(ordinal_ok(c, 2), c);
        BOOST_TEST((c.substr(c.size() - 4) == " AVE" && isupper((unsigned char) c[c.size() - 6]) && isupper((unsigned char) c[c.size() - 5])), c);
    }
}

BOOST_AUTO_TEST_CASE(surrogate_choice_ignores_letter_case_in_every_script) {
    doc d("ØRSTED; Ørsted; ørsted; ÉMILE ZOLA; émile zola");
    d.add("ØRSTED", "NAME", "PATIENT").add("Ørsted", "NAME", "PATIENT").add("ørsted", "NAME", "PATIENT")
        .add("ÉMILE ZOLA", "NAME", "PATIENT").add("émile zola", "NAME", "PATIENT");
    const auto r = run(d, with("surrogate", "k"));
    const auto lower = [](std::string s) {
        for (char & c : s) c = (char) tolower((unsigned char) c);
        return s;
    };
    BOOST_TEST(lower(r.reps[0].text) == lower(r.reps[1].text));
    BOOST_TEST(lower(r.reps[1].text) == lower(r.reps[2].text));
    BOOST_TEST(lower(r.reps[3].text) == lower(r.reps[4].text));
}

BOOST_AUTO_TEST_CASE(codes_differing_in_a_non_ascii_letter_get_different_surrogates) {
    doc d("ÅB-1234; ØB-1234; åb-1234");
    d.add("ÅB-1234", "ID", "MEDICALRECORD").add("ØB-1234", "ID", "MEDICALRECORD").add("åb-1234", "ID", "MEDICALRECORD");
    const auto r = run(d, with("surrogate", "k"));
    BOOST_TEST(r.reps[0].text != r.reps[1].text);
    std::string upper = r.reps[2].text;
    for (char & c : upper) c = (char) toupper((unsigned char) c);
    BOOST_TEST(upper == r.reps[0].text); // the same code in another case: the same surrogate in that case
    BOOST_TEST(same_layout(r.reps[0].text, "AB-1234"));
}

// A date 90 years or more before this year (or before the note's latest date) is a birth date of
// someone over 89, or reads as one: its year goes too, so it is tagged, under dateshift and surrogate.
BOOST_AUTO_TEST_CASE(dates_of_someone_over_89_are_tagged_not_shifted) {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    const int year = 1900 + utc.tm_year;
    const std::string old = "05/12/" + std::to_string(year - 95), young = "05/12/" + std::to_string(year - 80);
    for (const char * ops : {"DATE=dateshift", "*=surrogate"}) {
        doc d("DOB: " + old + ". Mother's DOB: " + young + ".");
        d.add(old, "DATE", "DATE").add(young, "DATE", "DATE");
        const auto r = run(d, with(ops, "k"));
        BOOST_TEST(r.reps[0].text == "[DATE]", ops);
        BOOST_TEST(std::string(deid_operator_name(r.reps[0].op)) == "tag");
        BOOST_TEST(r.reps[1].text != young);
        BOOST_TEST(std::string(deid_operator_name(r.reps[1].op)) == "dateshift");
    }
    // The note's own later dates count: 95 years before a date in 2300 is old there.
    doc future("Born 05/12/2205, seen 01/02/2300.");
    future.add("05/12/2205", "DATE", "DATE").add("01/02/2300", "DATE", "DATE");
    BOOST_TEST(run(future, with("DATE=dateshift", "k")).reps[0].text == "[DATE]");
}

BOOST_AUTO_TEST_CASE(dateshift_keeps_intervals_and_formats) {
    doc d("Admitted 03/14/2021, surgery March 16, 2021, discharged 2021-03-20, seen 3rd of April 2021, unknown date soon.");
    d.add("03/14/2021", "DATE", "DATE").add("March 16, 2021", "DATE", "DATE").add("2021-03-20", "DATE", "DATE")
        .add("3rd of April 2021", "DATE", "DATE").add("soon", "DATE", "DATE");
    for (const char * key : {"k1", "k2", "another key"}) {
        const deid_options o = with("DATE=dateshift", key);
        const int32_t shift = deid_date_offset(o, d.text.data(), d.text.size());
        BOOST_TEST(shift != 0);
        BOOST_TEST(std::abs(shift) <= 365);
        const auto r = run(d, o);
        const char * originals[] = {"03/14/2021", "March 16, 2021", "2021-03-20", "3rd of April 2021"};
        for (int k = 0; k < 4; k++) {
            parsed_date before, after;
            BOOST_REQUIRE(parse_date(originals[k], strlen(originals[k]), false, &before));
            BOOST_REQUIRE_MESSAGE(parse_date(r.reps[(size_t) k].text.data(), r.reps[(size_t) k].text.size(), false, &after), r.reps[(size_t) k].text);
            BOOST_TEST(days_from_civil(after.year, after.month, after.day) - days_from_civil(before.year, before.month, before.day) == shift);
            // Same layout: re-formatting the shifted value with the original pieces gives the new text.
            before.year = after.year, before.month = after.month, before.day = after.day;
            BOOST_TEST(format_date(before) == r.reps[(size_t) k].text);
        }
        BOOST_TEST(r.reps[4].text == "[DATE]"); // not a date it can read: tagged instead
        BOOST_TEST(std::string(deid_operator_name(r.reps[4].op)) == "tag");
    }
    // The same key shifts every document by the same amount.
    deid_options o = with("dateshift", "k1");
    BOOST_TEST(deid_date_offset(o, "a", 1) == deid_date_offset(o, "b", 1));
    o.max_shift_days = 3;
    for (const char * key : {"a", "b", "c", "d", "e", "f"}) {
        o.key = key;
        const int32_t s = deid_date_offset(o, "", 0);
        BOOST_TEST((s != 0 && std::abs(s) <= 3));
    }
}

// A season of a year moves with the note's shift: the 15th of its middle month moves, and the season
// that day falls in is written, in the case and words written.
BOOST_AUTO_TEST_CASE(dateshift_moves_seasons) {
    doc d("Ran in Spring 2025, stopped in the fall of 2019.");
    d.add("Spring 2025", "DATE", "DATE").add("fall of 2019", "DATE", "DATE");
    for (const char * key : {"k1", "k2", "k3", "k4"}) {
        const deid_options o = with("DATE=dateshift", key);
        const int32_t shift = deid_date_offset(o, d.text.data(), d.text.size());
        const auto r = run(d, o);
        const char * originals[] = {"Spring 2025", "fall of 2019"};
        for (int k = 0; k < 2; k++) {
            parsed_date want;
            BOOST_REQUIRE(parse_date(originals[k], strlen(originals[k]), false, &want));
            shift_date(&want, shift);
            BOOST_TEST(r.reps[(size_t) k].text == format_date(want));
            BOOST_TEST(std::string(deid_operator_name(r.reps[(size_t) k].op)) == "dateshift");
        }
    }
}

// A holiday moves with the note's shift as the day it fell on; one that moves from year to year
// without a written year falls in the note's latest year, and without any, it is tagged like a day
// of another calendar.
BOOST_AUTO_TEST_CASE(dateshift_moves_holidays) {
    doc d("Fell the day after Thanksgiving, seen 11/30/2022 and on Christmas Eve 2023; fasting for Passover.");
    d.add("Thanksgiving", "DATE", "DATE").add("11/30/2022", "DATE", "DATE").add("Christmas Eve 2023", "DATE", "DATE")
        .add("Passover", "DATE", "DATE");
    for (const char * key : {"k1", "k2", "k3"}) {
        const deid_options o = with("DATE=dateshift", key);
        const int32_t shift = deid_date_offset(o, d.text.data(), d.text.size());
        const auto r = run(d, o);
        parsed_date a, b;
        BOOST_REQUIRE(parse_holiday("Thanksgiving", 12, 2023, &a)); // the note's year, not written
        shift_date(&a, shift);
        BOOST_TEST(r.reps[0].text == format_date(a));
        BOOST_REQUIRE(parse_date(r.reps[2].text.data(), r.reps[2].text.size(), false, &b));
        BOOST_TEST(days_from_civil(b.year, b.month, b.day) - days_from_civil(2023, 12, 24) == shift);
        BOOST_TEST(std::string(deid_operator_name(r.reps[2].op)) == "dateshift");
        BOOST_TEST(r.reps[3].text == "[DATE]");
    }
    doc alone("Seen the week before Thanksgiving.");
    alone.add("Thanksgiving", "DATE", "DATE");
    BOOST_TEST(run(alone, with("*=surrogate", "k")).reps[0].text == "[DATE]");
}

BOOST_AUTO_TEST_CASE(offsets_on_emoji_cjk_and_crlf) {
    doc d("患者：王小明\r\n😀😀 Tel 617-555-0134\r\nDOB 01/02/1990 👍🏽");
    d.add("王小明", "NAME", "PATIENT").add("617-555-0134", "CONTACT", "PHONE").add("01/02/1990", "DATE", "DATE");
    for (const char * ops : {"*=tag", "*=redact", "*=mask", "*=surrogate,DATE=dateshift"}) {
        const auto r = run(d, with(ops, "k"));
        // The text around the spans is untouched.
        BOOST_TEST(r.text.rfind("患者：", 0) == 0u);
        BOOST_TEST(r.text.find("\r\n😀😀 Tel ") != std::string::npos);
        BOOST_TEST(r.text.find(" 👍🏽") == r.text.size() - strlen(" 👍🏽"));
    }
    const auto r = run(d, with("*=tag"));
    BOOST_TEST(r.text == "患者：[NAME]\r\n😀😀 Tel [CONTACT]\r\nDOB [DATE] 👍🏽");
    // Code points vs UTF-16 units: the two emoji before the phone count 2 and 4.
    BOOST_TEST(r.reps[1].new_begin == 3 + 6 + 2 + 2 + 5);
    BOOST_TEST(r.reps[1].new_begin_utf16 == 3 + 6 + 2 + 4 + 5);
}

BOOST_AUTO_TEST_CASE(bad_spans_and_options_are_errors) {
    doc d("abc def");
    d.add("def", "NAME", "NAME").add("abc", "NAME", "NAME"); // out of order
    std::string out;
    std::vector<replacement> reps;
    BOOST_TEST(deidentify_text(d.text.data(), d.text.size(), d.index, d.spans, with("tag"), &out, &reps) == MAB_STATUS_INVALID_ARGUMENT);
    doc ok("abc");
    deid_options o = with("mask");
    o.mask_char = 0xD800;
    BOOST_TEST(deidentify_text(ok.text.data(), ok.text.size(), ok.index, ok.spans, o, &out, &reps) == MAB_STATUS_INVALID_ARGUMENT);
    o = with("dateshift");
    o.max_shift_days = 0;
    BOOST_TEST(deidentify_text(ok.text.data(), ok.text.size(), ok.index, ok.spans, o, &out, &reps) == MAB_STATUS_INVALID_ARGUMENT);
}

BOOST_AUTO_TEST_CASE(hmac_sha256_known_answers) {
    // FIPS 180-2 "abc" and RFC 4231 test case 2.
    uint8_t h[32];
    sha256("abc", 3, h);
    const uint8_t abc[4] = {0xba, 0x78, 0x16, 0xbf};
    BOOST_TEST(memcmp(h, abc, 4) == 0);
    BOOST_TEST(h[31] == 0xad);
    hmac_sha256("Jefe", 4, "what do ya want for nothing?", 28, h);
    const uint8_t rfc[4] = {0x5b, 0xdc, 0xc1, 0x46};
    BOOST_TEST(memcmp(h, rfc, 4) == 0);
    BOOST_TEST(h[31] == 0x43);
}

BOOST_AUTO_TEST_SUITE_END()
