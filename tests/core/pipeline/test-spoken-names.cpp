// spoken-names.cpp: the address rule (which words after a greeting, a title or a dictation's
// introduction are names) and the repeat rule (which names vouch for their other mentions, which
// mentions count, and the spans it adds: offsets in code points, subtype and score of the source,
// joined neighbours).
#define BOOST_TEST_MODULE spoken_names
#include <boost/test/unit_test.hpp>

#include "pipeline/spoken-names.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <string>
#include <vector>

using namespace mab;

namespace {

// f(text, len, b, e) for the bytes [b, e) of `what`'s first place in `text`.
template <class F> auto on_span(const std::string & text, const std::string & what, F f) {
    const size_t at = text.find(what);
    BOOST_REQUIRE(at != std::string::npos);
    return f(text.data(), text.size(), at, at + what.size());
}

// is_common_word_by_case on `what`'s first place in `text`.
bool common(const std::string & text, const std::string & what) {
    return on_span(text, what, [](const char * t, size_t len, size_t b, size_t e) {
        word_cases cases;
        return is_common_word_by_case(t, len, b, e, &cases);
    });
}

span model_name(const std::string & text, const std::string & what, size_t nth, float score,
                const char * subtype = "PATIENT") {
    size_t at = text.find(what);
    for (size_t k = 0; k < nth; k++) at = text.find(what, at + 1);
    BOOST_REQUIRE(at != std::string::npos);
    span s;
    s.begin   = (int32_t) at; // the texts of the tests that use this are ASCII
    s.end     = (int32_t) (at + what.size());
    s.score   = score;
    s.source  = SOURCE_MODEL;
    s.type    = "NAME";
    s.subtype = subtype;
    s.origin  = subtype;
    return s;
}

// "text|subtype|score" of each span the rule adds.
std::vector<std::string> repeated(const std::string & text, std::vector<span> spans) {
    text_index index;
    BOOST_REQUIRE(text_index_build(text.data(), text.size(), &index) == MAB_STATUS_OK);
    const size_t before = spans.size();
    find_repeated_names(text.data(), text.size(), index, &spans);
    std::vector<std::string> out;
    for (size_t k = before; k < spans.size(); k++) {
        const span & s = spans[k];
        BOOST_TEST(s.type == "NAME");
        BOOST_TEST(s.source == SOURCE_RULE);
        BOOST_TEST(s.origin == "repeat");
        const size_t b = (size_t) index.byte_of_cp[(size_t) s.begin], e = (size_t) index.byte_of_cp[(size_t) s.end];
        char score[16];
        snprintf(score, sizeof score, "%.2f", s.score);
        out.push_back(text.substr(b, e - b) + "|" + s.subtype + "|" + score);
    }
    return out;
}

using strings = std::vector<std::string>;

// A cased vocabulary that, like the default model's, holds common words in lower case and names
// only capitalised.
vocab common_words() {
    vocab v;
    int32_t id = 0;
    for (const char * w : {"how", "are", "you", "there", "and", "doing", "today", "dragon", "see", "Andrew", "Cruz",
                           "okay", "care", "nice", "to", "i", "so", "good", "tell", "me", "knee", "said", "notes",
                           "cook", "pain", "going", "on", "well", "my"}) {
        v.add(w, id++);
    }
    return v;
}

// "text|subtype" of each name the address rule finds.
strings addressed(const std::string & text, const vocab * v) {
    text_index index;
    BOOST_REQUIRE(text_index_build(text.data(), text.size(), &index) == MAB_STATUS_OK);
    std::vector<span> spans;
    find_addressed_names(text.data(), text.size(), index, v, &spans);
    strings out;
    for (const span & s : spans) {
        BOOST_TEST(s.type == "NAME");
        BOOST_TEST(s.source == SOURCE_RULE);
        BOOST_TEST(s.origin == "address");
        BOOST_TEST(s.score == ADDRESS_SCORE);
        const size_t b = (size_t) index.byte_of_cp[(size_t) s.begin], e = (size_t) index.byte_of_cp[(size_t) s.end];
        out.push_back(text.substr(b, e - b) + "|" + s.subtype);
    }
    return out;
}

} // namespace

BOOST_AUTO_TEST_CASE(a_name_said_after_a_greeting) {
    const vocab v = common_words();
    BOOST_TEST(addressed("[doctor] hi , andrew . how are you ?", &v) == strings{"andrew|PATIENT"});
    BOOST_TEST(addressed("[doctor] hey william so i see that you injured your knee", &v) == strings{"william|PATIENT"});
    BOOST_TEST(addressed("[doctor] good morning karen nice to see you", &v) == strings{"karen|PATIENT"});
    BOOST_TEST(addressed("[doctor] hi there jacqueline how are you doing today", &v) == strings{"jacqueline|PATIENT"});
    BOOST_TEST(addressed("[doctor] okay . take care andrew .\n[patient] thank you , doctor cruz", &v) ==
               (strings{"andrew|PATIENT", "cruz|DOCTOR"}));
    BOOST_TEST(addressed("[patient] hi dr. fisher . i'm fine", &v) == strings{"fisher|DOCTOR"});
    BOOST_TEST(addressed("[doctor] good morning ms. reyes !", &v) == strings{"reyes|PATIENT"});
    BOOST_TEST(addressed("Hello Émile, how are you?", &v) == strings{"Émile|PATIENT"});
    BOOST_TEST(addressed("bye andrew", &v) == strings{"andrew|PATIENT"});
    BOOST_TEST(addressed("hey diana it's good to see you", &v) == strings{"diana|PATIENT"});
    BOOST_TEST(addressed("[doctor] hey dylan what's going on", &v) == strings{"dylan|PATIENT"});
    BOOST_TEST(addressed("[doctor] okay hi andrea well i", &v) == strings{"andrea|PATIENT"});
    BOOST_TEST(addressed("[doctor] hey brandon you know glad to see you", &v) == strings{"brandon|PATIENT"});
}

// Where a greeting ends: "see you", "meet you", "doing today", and "are you" with a comma.
BOOST_AUTO_TEST_CASE(a_name_at_the_end_of_a_greeting) {
    const vocab v = common_words();
    BOOST_TEST(addressed("[doctor] it's nice to see you jack i know you've been", &v) == strings{"jack|PATIENT"});
    BOOST_TEST(addressed("[doctor] how're you doing today angela [patient] i'm doing well", &v) ==
               strings{"angela|PATIENT"}); // the next speaker's tag is a pause
    BOOST_TEST(addressed("Doctor: How are you, Mary?", &v) == strings{"Mary|PATIENT"});
    BOOST_TEST(addressed("[doctor] nice to meet you rosa . have a seat", &v) == strings{"rosa|PATIENT"});
    BOOST_TEST(addressed("are you busy ? are you crying , ma'am ?", &v).empty()); // no comma; a contraction
    BOOST_TEST(addressed("nice to meet you ladies . so", &v).empty());
    BOOST_TEST(addressed("i'll see you tuesday at the clinic", &v).empty()); // no pause or word after a name
}

// A sentence begun in lower case with so, okay, alright, all right or well, then the name and a word
// that follows names, with no pause: "[doctor] alright scott so". Interjections, adverbs and
// medications stand there too.
BOOST_AUTO_TEST_CASE(a_name_after_a_sentence_opener) {
    const vocab v = common_words();
    BOOST_TEST(addressed("[doctor] alright scott so i understand", &v) == strings{"scott|PATIENT"});
    BOOST_TEST(addressed("[doctor] so bryan it's nice to see you again", &v) == strings{"bryan|PATIENT"});
    BOOST_TEST(addressed("[doctor] okay . all right kevin so tell me", &v) == strings{"kevin|PATIENT"});
    BOOST_TEST(addressed("[doctor] okay raymond it looks like you've been", &v) == strings{"raymond|PATIENT"});
    for (const char * text : {"[doctor] okay , gotcha . okay", "[doctor] so typically we do", "[patient] okay awesome so",
                              "[doctor] so personally , i believe", "[doctor] okay nexium so we stop it",
                              "[doctor] alright so ibuprofen i want", "[doctor] and so bryan it's", "[doctor] alright scott .",
                              "So Bryan, it's nice to see you.", "so bryan"}) {
        BOOST_TEST(addressed(text, &v).empty(), text);
    }
}

// A relative's name: after my/his/her/... and a relative, then a pause or a word a name is followed
// by. A verb in the name's place ("my husband drove me") is followed by no such word.
BOOST_AUTO_TEST_CASE(a_relatives_name) {
    const vocab v = common_words();
    BOOST_TEST(addressed("[patient] my son jose drove me over from lawrence .", &v) == strings{"jose|PATIENT"});
    BOOST_TEST(addressed("this is my daughter , theresa . she is the one", &v) == strings{"theresa|PATIENT"});
    BOOST_TEST(addressed("i called my friend diane and she said", &v) == strings{"diane|PATIENT"});
    BOOST_TEST(addressed("yeah so my son sean i think you met", &v) == strings{"sean|PATIENT"});
    BOOST_TEST(addressed("He is accompanied by his daughter, Theresa, together", &v) == strings{"Theresa|PATIENT"});
    for (const char * text : {"my husband drove me to the clinic", "my partner keeps waking me up", "his son struck him",
                              "my son recently called", "my wife and i", "my son's friend jose came", "my mom suffered with a stroke",
                              "the son jose drove", "my son jose"}) {
        BOOST_TEST(addressed(text, &v).size() == (strcmp(text, "my son jose") ? 0u : 1u), text);
    }
}

// A name given after "named", with a surname that may follow; after a care role, a provider's.
BOOST_AUTO_TEST_CASE(a_name_given_after_named) {
    const vocab v = common_words();
    BOOST_TEST(addressed("[patient] yes , with a therapist named carla , twice a week .", &v) == strings{"carla|DOCTOR"});
    BOOST_TEST(addressed("i met a guy named bob whitfield at the gym", &v) == strings{"bob whitfield|PATIENT"});
    for (const char * text : {"we named it after my dad", "it is named for the town", "a medicine named lisinopril",
                              "message left for the named hospitalist .", "he was named mvp", "a nurse named nurse",
                              "because of the bacteria named Enterococcus ."}) {
        BOOST_TEST(addressed(text, &v).empty(), text);
    }
}

BOOST_AUTO_TEST_CASE(a_said_name_drops_the_models_span_of_another_type) {
    const vocab v = common_words();
    const std::string t = "hi elizabeth so i see . next patient is philip gutierrez , date of birth";
    text_index index;
    BOOST_REQUIRE(text_index_build(t.data(), t.size(), &index) == MAB_STATUS_OK);
    std::vector<span> spans = {model_name(t, "hi elizabeth", 0, 0.99f, "CITY"), model_name(t, "philip", 0, 0.97f),
                               model_name(t, "philip gutierrez", 0, 0.99f, "PROFESSION"),
                               model_name(t, "date", 0, 0.99f, "DATE")};
    spans[0].type = "LOCATION";
    spans[2].type = "PROFESSION";
    spans[3].type = "DATE";
    find_addressed_names(t.data(), t.size(), index, &v, &spans);
    strings kept;
    for (const span & s : spans) kept.push_back(t.substr((size_t) s.begin, (size_t) (s.end - s.begin)) + "|" + s.type);
    BOOST_TEST(kept == (strings{"philip|NAME", "date|DATE", "elizabeth|NAME", "philip gutierrez|NAME"}));
}

BOOST_AUTO_TEST_CASE(what_is_no_name_after_a_greeting) {
    const vocab v = common_words();
    BOOST_TEST(addressed("hey dragon , show me the labs", &v).empty());       // in the vocabulary
    BOOST_TEST(addressed("hi there , how are you ?", &v).empty());
    BOOST_TEST(addressed("hi doctor . how are you ?", &v).empty());           // a title alone
    BOOST_TEST(addressed("thank you yep . bye-bye", &v).empty());             // fillers
    BOOST_TEST(addressed("hi i'm fine", &v).empty());                         // a contraction
    BOOST_TEST(addressed("hi andrew's mother , how are you", &v).empty());    // not followed by a pause
    BOOST_TEST(addressed("hi andrew walked in", &v).empty());                 // nor a word that follows a name
    BOOST_TEST(addressed("hi , , andrew .", &v).empty());                     // two commas
    BOOST_TEST(addressed(std::string("hi \0andrew .", 12), &v).empty());     // a NUL is no pause
    BOOST_TEST(addressed("high andrew . thigh andrew .", &v).empty());        // whole words only
    BOOST_TEST(addressed("hi x .", &v).empty());                              // one letter
    BOOST_TEST(addressed("hi andrew .", nullptr).empty());                    // no vocabulary
    BOOST_TEST(addressed("hi andrew", &v) == strings{"andrew|PATIENT"});      // the end of the text is a pause
}

BOOST_AUTO_TEST_CASE(a_name_after_a_title) {
    const vocab v = common_words();
    BOOST_TEST(addressed("[doctor] hi , i'm dr. moore . how are you ?", &v) == strings{"moore|DOCTOR"});
    BOOST_TEST(addressed("i saw doctor wood the cardiologist", &v) == strings{"wood|DOCTOR"});
    BOOST_TEST(addressed("how are you , mr . gutierrez ? and mrs. jackson", &v) ==
               (strings{"gutierrez|PATIENT", "jackson|PATIENT"}));
    BOOST_TEST(addressed("good morning . you miss hill ?", &v) == strings{"hill|PATIENT"});
    BOOST_TEST(addressed("mr gutierrez , how are you", &v) == strings{"gutierrez|PATIENT"});
    BOOST_TEST(addressed("next radiographs , mr arthrogram of the right hip", &v).empty()); // magnetic resonance
    BOOST_TEST(addressed("the doctor said so . see the doctor's notes", &v).empty());
    BOOST_TEST(addressed("ask the doctor today", &v).empty()); // a word of the vocabulary
    BOOST_TEST(addressed("ask doctor cruz", &v) == strings{"cruz|DOCTOR"}); // only "Cruz" is in it
    // Titles said only before a name take a common word too: mr., ms. (with the period), mrs, dr,
    // mister and missus.
    BOOST_TEST(addressed("[doctor] hello , mr. cook . how are you", &v) == strings{"cook|PATIENT"});
    BOOST_TEST(addressed("thank you ms. cook ; mister pain ; dr cook said", &v) ==
               (strings{"cook|PATIENT", "pain|PATIENT", "cook|DOCTOR"}));
    BOOST_TEST(addressed("doctor cook ; miss cook ; mr cook . ms cook", &v).empty());
    BOOST_TEST(addressed("mr. so ; dr. i ; mrs. lasix", &v).empty()); // function words, a medication
    // After a number, "ms" is milliseconds: an ECG's intervals are no names.
    BOOST_TEST(addressed("QRS 88 ms. PR 160 ms. Mean 12 ms. Lead II", &v).empty());
    BOOST_TEST(addressed("latency 4 ms . cook", &v).empty());
    // "MR" and "MS" in capitals are findings (mitral regurgitation, multiple sclerosis) unless the
    // text is in capitals.
    BOOST_TEST(addressed("moderate MR. Diuresed with Lasix; known MS. Cook county", &v).empty());
    BOOST_TEST(addressed("SEEN BY MR. COOK TODAY", &v) == strings{"COOK|PATIENT"});
}

BOOST_AUTO_TEST_CASE(a_name_in_a_dictated_introduction) {
    const vocab v = common_words();
    BOOST_TEST(addressed("[doctor] next patient is nicole miller . date of birth 09/18/1949", &v) ==
               strings{"nicole miller|PATIENT"});
    BOOST_TEST(addressed("[doctor] this is philip gutierrez , date of birth 1/12/71", &v) ==
               strings{"philip gutierrez|PATIENT"});
    BOOST_TEST(addressed("[doctor] patient , bruce ward . date of birth 5/21", &v) == strings{"bruce ward|PATIENT"});
    BOOST_TEST(addressed("[doctor] today i'm seeing christina cooper . her date of birth", &v) ==
               strings{"christina cooper|PATIENT"});
    // The surname may be a common word; the given name may not, nor may the surname be a function word.
    BOOST_TEST(addressed("[doctor] patient is pamela cook . medical record number", &v) == strings{"pamela cook|PATIENT"});
    BOOST_TEST(addressed("[doctor] patient is cook pamela . medical record number", &v).empty());
    BOOST_TEST(addressed("[doctor] patient is pamela so . she", &v).empty());
    // A dictation that begins with the name and the birth date.
    BOOST_TEST(addressed("[doctor] sophia brown . date of birth , 3/17/1980", &v) == strings{"sophia brown|PATIENT"});
    BOOST_TEST(addressed("sophia brown , dob 3/17/1980", &v) == strings{"sophia brown|PATIENT"});
    BOOST_TEST(addressed("[doctor] and sophia brown . date of birth", &v).empty());       // not the sentence's start
    BOOST_TEST(addressed("[doctor] sophia brown . date of the visit", &v).empty());       // no birth date
    BOOST_TEST(addressed("Sophia Brown. Date of birth 3/17/1980.", &v).empty());          // written text
    BOOST_TEST(addressed("[doctor] knee pain . date of birth", &v).empty());              // common words
    BOOST_TEST(addressed("[doctor] next patient is nicole . date of birth", &v).empty()); // one word
    BOOST_TEST(addressed("[doctor] this is typically multifactorial and", &v).empty());   // no pause
    BOOST_TEST(addressed("I explained that this is typically multifactorial.", &v).empty()); // written text
}

BOOST_AUTO_TEST_CASE(a_common_word_the_model_took_is_not_repeated) {
    const std::string t = "tell me . let me see , andrew . bye andrew";
    BOOST_TEST(repeated(t, {model_name(t, "me", 0, 0.9f), model_name(t, "see", 0, 0.9f), model_name(t, "andrew", 0, 0.9f)}) ==
               strings{"andrew|PATIENT|0.90"});
}

BOOST_AUTO_TEST_CASE(an_addressed_name_repeats_like_a_confident_one) {
    const vocab v = common_words();
    const std::string t = "[doctor] hi andrew .\n[doctor] so andrew , tell me about your knee .";
    text_index index;
    BOOST_REQUIRE(text_index_build(t.data(), t.size(), &index) == MAB_STATUS_OK);
    std::vector<span> spans;
    find_addressed_names(t.data(), t.size(), index, &v, &spans);
    BOOST_REQUIRE(spans.size() == 1u);
    BOOST_TEST(repeated(t, spans) == strings{"andrew|PATIENT|0.90"});
}

BOOST_AUTO_TEST_CASE(a_confident_lower_case_name_repeats_in_any_case) {
    const std::string t = "[doctor] hi andrew . how are you ?\n[doctor] take care andrew . ANDREW's mother called. Andrew?";
    BOOST_TEST(repeated(t, {model_name(t, "andrew", 0, 0.9f)}) ==
               (strings{"andrew|PATIENT|0.90", "ANDREW|PATIENT|0.90", "Andrew|PATIENT|0.90"}));
}

BOOST_AUTO_TEST_CASE(what_does_not_vouch) {
    const std::string t = "hi andrew . take care andrew";
    BOOST_TEST(repeated(t, {model_name(t, "andrew", 0, 0.69f)}).empty()); // below REPEAT_MIN_SCORE
    const std::string caps = "Seen by Dr. White. White blood cells: normal. Dr. White";
    BOOST_TEST(repeated(caps, {model_name(caps, "White", 0, 0.99f, "DOCTOR")}).empty()); // written names
    span rule = model_name(t, "andrew", 0, 1.0f);
    rule.source = SOURCE_RULE;
    BOOST_TEST(repeated(t, {rule}).empty());
    span place = model_name(t, "andrew", 0, 1.0f);
    place.type = "LOCATION";
    BOOST_TEST(repeated(t, {place}).empty());
    const std::string cut = "you're fine , you're sure";
    BOOST_TEST(repeated(cut, {model_name(cut, "re", 0, 0.99f)}).empty()); // a piece of a word
    const std::string one = "j is here , j is fine";
    BOOST_TEST(repeated(one, {model_name(one, "j", 0, 0.99f)}).empty()); // one letter
    const std::string num = "bed b12 , b12 again";
    BOOST_TEST(repeated(num, {model_name(num, "b12", 0, 0.99f)}).empty());
}

BOOST_AUTO_TEST_CASE(titles_and_greetings_in_a_name_do_not_repeat) {
    const std::string t = "hi mister thompson . so mister , how is kenneth ? hi kenneth . thompson said hi";
    BOOST_TEST(repeated(t, {model_name(t, "mister thompson", 0, 0.95f), model_name(t, "hi kenneth", 0, 0.8f)}) ==
               (strings{"kenneth|PATIENT|0.80", "thompson|PATIENT|0.95"}));
}

BOOST_AUTO_TEST_CASE(only_whole_words_match) {
    const std::string t = "so andrew , andrews sandrew andrew2 andrew-smith o'andrew andrew's andrew";
    BOOST_TEST(repeated(t, {model_name(t, "andrew", 0, 0.9f)}) == (strings{"andrew|PATIENT|0.90", "andrew|PATIENT|0.90"}));
}

BOOST_AUTO_TEST_CASE(neighbours_join_and_mentions_already_found_stay) {
    const std::string t = "this is martha rivera . martha rivera called ; martha , rivera . martha  rivera";
    std::vector<span> spans = {model_name(t, "martha rivera", 0, 0.9f), model_name(t, "martha rivera", 1, 0.99f)};
    BOOST_TEST(repeated(t, spans) ==
               (strings{"martha|PATIENT|0.99", "rivera|PATIENT|0.99", "martha  rivera|PATIENT|0.99"}));
    // Different subtypes stay apart; a word said as both takes the more confident one.
    const std::string two = "dr. jones and kim . kim jones . kim";
    BOOST_TEST(repeated(two, {model_name(two, "jones", 0, 0.95f, "DOCTOR"), model_name(two, "kim", 0, 0.9f),
                              model_name(two, "kim", 1, 0.8f, "DOCTOR")}) ==
               (strings{"jones|DOCTOR|0.95", "kim|PATIENT|0.90"}));
}

BOOST_AUTO_TEST_CASE(offsets_are_code_points) {
    const std::string t = "hi josé — ok josé, and zoë: josé";
    text_index index;
    BOOST_REQUIRE(text_index_build(t.data(), t.size(), &index) == MAB_STATUS_OK);
    span s = model_name(t, "josé", 0, 0.9f); // begins at byte 3 = code point 3
    s.end = index.cp_of_byte(s.end);
    std::vector<span> spans = {s};
    find_repeated_names(t.data(), t.size(), index, &spans);
    BOOST_REQUIRE(spans.size() == 3u);
    BOOST_TEST(spans[1].begin == 13); // "hi josé — ok " is 13 code points
    BOOST_TEST(spans[1].end == 17);
    BOOST_TEST(spans[2].begin == 28);
    BOOST_TEST(spans[2].end == 32);
}

BOOST_AUTO_TEST_CASE(random_text_gives_spans_inside_the_text) {
    // Greetings, titles, cue words, names, joiners, punctuation, non-ASCII and ill-formed bytes,
    // shuffled, with model NAME spans on random code point ranges: every span added must lie inside
    // the text, be non-empty, hold a whole word, and overlap no model span it was told to skip.
    const char * pieces[] = {"hi", "hey", "take", "care", "thank", "you", "dr", "mr", "doctor", ".", ",", " ", "  ", "\n",
                             "[doctor] ", "andrew", "Andrew", "ANDREW", "'s", "'", "-", "patient", "is", "next", "this",
                             "there", "how", "so", "me", "jos\xC3\xA9", "\xE2\x80\x94", "\xF0\x9F\x98\x80", "\xFF", "\xC3",
                             "2", "martha", "rivera", "Doctor:", "How", "I'd", "don't"};
    const vocab v = common_words();
    uint32_t seed = 11;
    const auto next = [&] { return (seed = seed * 1664525u + 1013904223u) >> 8; };
    for (int trial = 0; trial < 3000; trial++) {
        std::string text;
        const int n = 1 + (int) (next() % 40);
        for (int k = 0; k < n; k++) text += pieces[next() % (sizeof pieces / sizeof pieces[0])];
        text_index index;
        BOOST_REQUIRE(text_index_build(text.data(), text.size(), &index) == MAB_STATUS_OK);
        const int32_t n_cp = index.n_codepoints();
        std::vector<span> spans;
        for (int k = 0; k < 3 && n_cp > 0; k++) {
            span s;
            s.begin = (int32_t) (next() % (uint32_t) n_cp);
            s.end   = s.begin + 1 + (int32_t) (next() % (uint32_t) (n_cp - s.begin));
            s.score = 0.5f + (float) (next() % 50) / 100.0f;
            s.type  = k == 2 ? "LOCATION" : "NAME";
            spans.push_back(s);
            // The no-name check reads past the span only to the end of a word it cuts, and says
            // no name only of words.
            const size_t sb = (size_t) index.byte_of_cp[(size_t) s.begin], se = (size_t) index.byte_of_cp[(size_t) s.end];
            if (is_no_name(text.data(), text.size(), sb, se)) {
                BOOST_REQUIRE(std::any_of(text.begin() + (long) sb, text.end(), [](char c) { return std::isalpha((unsigned char) c); }));
            }
            // Leaving out leading words moves the start forward to a character's first byte, inside
            // the span.
            const size_t start = name_start_after_leading_words(text.data(), text.size(), sb, se);
            BOOST_REQUIRE((start >= sb && start < se && (start == sb || ((uint8_t) text[start] & 0xC0) != 0x80)));
            word_cases cases;
            if (is_common_word_by_case(text.data(), text.size(), sb, se, &cases)) BOOST_REQUIRE(std::isupper((unsigned char) text[sb]));
            // Lower case means ASCII lower case only.
            if (is_lower_case_no_name(text.data(), text.size(), sb, se, &cases)) {
                BOOST_REQUIRE(std::none_of(text.begin() + (long) sb, text.begin() + (long) se,
                                           [](char c) { return std::isupper((unsigned char) c) || (unsigned char) c >= 0x80; }));
            }
        }
        find_addressed_names(text.data(), text.size(), index, &v, &spans);
        find_repeated_names(text.data(), text.size(), index, &spans);
        for (const span & s : spans) {
            BOOST_REQUIRE((s.begin >= 0 && s.begin < s.end && s.end <= n_cp));
            if (s.source != SOURCE_RULE) continue;
            const size_t b = (size_t) index.byte_of_cp[(size_t) s.begin], e = (size_t) index.byte_of_cp[(size_t) s.end];
            BOOST_REQUIRE(e <= text.size());
            BOOST_REQUIRE(!std::isspace((unsigned char) text[b]));
            BOOST_REQUIRE(!std::isspace((unsigned char) text[e - 1]));
        }
    }
}

// A model NAME of titles, greetings, fillers and function words only is no name, unless a title
// comes before it.
BOOST_AUTO_TEST_CASE(what_the_model_takes_for_a_name_and_is_none) {
    const auto no_name = [](const std::string & text, const std::string & what) { return on_span(text, what, is_no_name); };
    BOOST_TEST(no_name("Doctor: How about joint pain?", "How"));
    BOOST_TEST(no_name("Doctor: Do you have any back pain?", "Do you"));
    BOOST_TEST(no_name("[doctor] hi , james , how are you ?", "hi"));
    BOOST_TEST(no_name("Doctor: So Mister X, you don't smoke", "So Mister"));
    BOOST_TEST(no_name("Doctor: Happy birthday!", "Happy"));
    BOOST_TEST(!no_name("Doctor: I'm Anna, the nurse.", "I'm Anna")); // "Anna" is none of those words
    BOOST_TEST(no_name("Doctor: Well, given this mass", "Well"));
    BOOST_TEST(no_name("Doctor: Great, and do you have", "Great"));
    BOOST_TEST(no_name("Doctor: Okey. Let us do an exam.", "Okey"));       // a spelling of okay
    BOOST_TEST(no_name("Patient: Sadly, I do.", "Sadly, I"));
    BOOST_TEST(no_name("Doctor: I'd like to order an ultrasound", "I'"));  // the whole word counts: "I'd"
    BOOST_TEST(no_name("Doctor: Don't worry, we will", "Don"));            // "Don't"
    BOOST_TEST(!no_name("Patient: My son Don is here.", "Don"));           // a name
    // Will and May are names, and verbs next to a subject pronoun.
    BOOST_TEST(no_name("Patient: Will I be asleep for this?", "Will"));
    BOOST_TEST(no_name("Doctor: May I see that list?", "May"));
    BOOST_TEST(no_name("Doctor: Oh, wow. I will do a test", "I will"));
    BOOST_TEST(!no_name("Patient: My son Will is here.", "Will"));
    BOOST_TEST(!no_name("Will, you there?", "Will"));                   // a comma: said to Will
    BOOST_TEST(!no_name("I saw Dr. Will I think", "Will"));             // after a title
    BOOST_TEST(!no_name("May is here.", "May"));
    BOOST_TEST(!no_name("Seen by Dr. Good today.", "Good"));         // after a title: a surname
    BOOST_TEST(!no_name("thank you , mr . good", "good"));
    BOOST_TEST(!no_name("ask doctor good about it", "good"));
    BOOST_TEST(!no_name("She was seen by Dr. A. He put her", "A"));   // an initial
    BOOST_TEST(!no_name("Doctor: Hi, Anna.", "Anna"));
    BOOST_TEST(!no_name("Doctor: Hi, Anna.", "Hi, Anna"));
    BOOST_TEST(!no_name("Doctor: ... ?", "..."));                      // no word
}

// Where a model NAME begins once its leading greetings, fillers and function words are left out.
BOOST_AUTO_TEST_CASE(leading_words_are_left_out_of_a_name) {
    const auto start = [](const std::string & text, const std::string & what) {
        return on_span(text, what, [&](const char * t, size_t len, size_t b, size_t e) {
            const size_t start = name_start_after_leading_words(t, len, b, e);
            return text.substr(start, e - start);
        });
    };
    BOOST_TEST(start("[doctor] so logan is a 57-year-old male", "so logan") == "logan");
    BOOST_TEST(start("[doctor] all right . so , uh , anna is 26", "so , uh , anna") == "anna");
    BOOST_TEST(start("keep up with your friend , tyler , correct ?", ", tyler") == "tyler");
    BOOST_TEST(start("Doctor: Hi Jay, how are you today?", "Hi Jay") == "Jay");
    BOOST_TEST(start("Doctor: Hi mister Jones.", "Hi mister Jones") == "mister Jones");  // titles stay
    BOOST_TEST(start("hey , dragon , ms. thompson is 43", "hey , dragon , ms. thompson") == "ms. thompson");
    BOOST_TEST(start("[DOCTOR] HI BLICK HOW ARE YOU", "HI BLICK") == "BLICK");
    // Punctuation right after a word before the name, and a letter's sign-off.
    BOOST_TEST(start("Attending: Wehner, B. Smith-Ray", ", B. Smith-Ray") == "B. Smith-Ray");
    BOOST_TEST(start("Yours sincerely, Jack Olson", "sincerely, Jack Olson") == "Jack Olson");
    BOOST_TEST(start("Dr. Smithson", "son") == "son");                  // inside a word: judged whole
    // A capital inside a sentence is a name's: "An" is a given name here, "FOR" part of a heading.
    BOOST_TEST(start("Completed by Dr. An Nhiên Červenka", "An Nhiên Červenka") == "An Nhiên Červenka");
    BOOST_TEST(start("REFERRAL FOR HOÀI THƯƠNG (BORN 26/11/2027)", "HOÀI THƯƠNG") == "HOÀI THƯƠNG");
    BOOST_TEST(start("Reported by I. Orgulan", "I. Orgulan") == "I. Orgulan");  // an initial
    // In a written sentence a name has its capital: the span is judged whole.
    BOOST_TEST(start("Patient: I'm obese, and I also", "I'm obese") == "I'm obese");
    BOOST_TEST(start("[doctor] so 2 logan", "so 2 logan") == "so 2 logan");  // only whole words go
    BOOST_TEST(start("[doctor] also logan", "so logan") == "so logan");      // the span cuts a word
    BOOST_TEST(start("[doctor] hi , so", "hi , so") == "hi , so");           // nothing left: kept
}

// A name's possessive ending is no part of it.
BOOST_AUTO_TEST_CASE(a_possessive_ending_is_left_out_of_a_name) {
    const auto end = [](const std::string & name) { return name.substr(0, name_end_before_possessive(name.data(), 0, name.size())); };
    BOOST_TEST(end("John Smith's") == "John Smith");
    BOOST_TEST(end("O'Connor's") == "O'Connor");
    BOOST_TEST(end("O'Connor") == "O'Connor");
    BOOST_TEST(end("SMITH'S") == "SMITH");
    BOOST_TEST(end("Ann Lee\u2019s") == "Ann Lee");
    BOOST_TEST(end("Jones'") == "Jones");
    BOOST_TEST(end("Jones\u2019") == "Jones");
    BOOST_TEST(end("Smith'") == "Smith");    // the model's part of "Smith's"
    BOOST_TEST(end("Charles") == "Charles"); // an s alone is the name's
    BOOST_TEST(end("'s") == "'s");           // nothing left: kept
}

// Lower-case words the model ran on into around a capitalised name go; a transcript's name, a
// surname's particle, an initial, a number and other characters stay.
BOOST_AUTO_TEST_CASE(lower_case_words_around_a_name_go) {
    const auto trim = [](const std::string & text, const std::string & span) {
        size_t b = text.find(span), e = b + span.size();
        trim_lower_case_words_around_a_name(text.data(), text.size(), &b, &e);
        return text.substr(b, e - b);
    };
    BOOST_TEST(trim("Dr. Nakagawa-Ferris rounded, plan", "Nakagawa-Ferris rounded") == "Nakagawa-Ferris");
    BOOST_TEST(trim("about Eliquis timing, reinforced.", "Eliquis timing, reinforced") == "Eliquis");
    BOOST_TEST(trim("wife Arlene following by car", "Arlene following") == "Arlene");
    BOOST_TEST(trim("Dr. Beer aware. -Cleo", "Beer aware") == "Beer");
    BOOST_TEST(trim("Spouse zuliani phoned", "Spouse zuliani") == "Spouse zuliani"); // a surname in lower case
    BOOST_TEST(trim("Mr Quintero cruz, now 97", "Quintero cruz") == "Quintero cruz");
    BOOST_TEST(trim("RN note: princess Routine blood", "princess Routine") == "princess Routine");
    BOOST_TEST(trim("Hi mister Jones.", "mister Jones") == "mister Jones");            // a title
    BOOST_TEST(trim("saw Dr. Reed today", "Dr. Reed") == "Dr. Reed");
    BOOST_TEST(trim("seen by Dr. Lee today", "Dr. Lee today") == "Dr. Lee");
    BOOST_TEST(trim("Juan de la Cruz came", "Juan de la Cruz") == "Juan de la Cruz");
    BOOST_TEST(trim("and de la Cruz came", "de la Cruz") == "de la Cruz");
    BOOST_TEST(trim("Ludwig van", "Ludwig van") == "Ludwig van");
    BOOST_TEST(trim("so andrew tell me", "andrew tell") == "andrew tell"); // no capital: a transcript's
    BOOST_TEST(trim("dr. cook said", "dr. cook said") == "dr. cook said");
    BOOST_TEST(trim("Dr. cook said", "Dr. cook said") == "Dr. cook said"); // a title is no name
    BOOST_TEST(trim("Mary a Smith", "Mary a Smith") == "Mary a Smith");
    BOOST_TEST(trim("Room 4 Smith 12 beds", "Smith 12 beds") == "Smith 12 beds");
    BOOST_TEST(trim("Smith/office", "Smith/office") == "Smith/office");
}

// A possessive ending alone is no entity ("Driver's license": the model may tag "s" or "'s").
BOOST_AUTO_TEST_CASE(a_possessive_ending_alone_is_no_entity) {
    const std::string text = "Driver's license; Driver\u2019s license; Dr. S; Al's; Gus";
    const auto is = [&](const std::string & what, size_t from = 0) {
        const size_t b = text.find(what, from);
        return is_possessive_ending(text.data(), b, b + what.size());
    };
    BOOST_TEST(is("'s"));
    BOOST_TEST(is("s", text.find("'s") + 1));
    BOOST_TEST(is("s", text.find("\u2019") + 3) == true);
    BOOST_TEST(is("\u2019s"));
    BOOST_TEST(!is("S;"));  // an initial: no apostrophe before it
    BOOST_TEST(!is("Al's"));
    BOOST_TEST(!is("s", text.find("Gus")));
}

// A capitalised model NAME at the start of a sentence or turn is common words when the text writes
// the first in lower case elsewhere and never capitalises it inside a sentence, and the others in
// lower case.
BOOST_AUTO_TEST_CASE(the_texts_own_capitals_say_what_is_no_name) {
    BOOST_TEST(common("Patient: My feet.\nDoctor: Numbness? Any numbness in your feet?", "Numbness"));
    BOOST_TEST(common("Doctor: Any pets? Patient: No, I don't like pets.", "Any pets"));
    BOOST_TEST(common("Doctor: I am afraid I don't have better news.", "I am afraid"));
    BOOST_TEST(common("Retina: normal. The retina was flat.", "Retina"));
    BOOST_TEST(!common("Doctor: Paresthesia? Any tingling?", "Paresthesia")); // no lower-case use, no common word
    BOOST_TEST(!common("Doctor: Hi Jay, how are you? Jays are birds, a jay.", "Hi Jay")); // a later capital
    BOOST_TEST(!common("Brown is here. Mr. Brown has brown skin.", "Brown")); // capitalised in a sentence
    BOOST_TEST(!common("Seen by Dr. White. The white count is up.", "White")); // after a title
    BOOST_TEST(!common("From: Kihn, Danbury Hospital\nkihn@example.org", "Kihn")); // an address is no prose
    BOOST_TEST(!common("[doctor] roger is 62 . roger that", "roger"));      // no capital to judge
    BOOST_TEST(!common("Patient: The A. Smith clinic, a place.", "The A"));   // an initial
    BOOST_TEST(!common("We saw Grace today and the grace period.", "Grace")); // not at a sentence start
}

// Clinical English's common words (common-words.h) are no name where a capital says nothing, unless
// the text makes one a name.
BOOST_AUTO_TEST_CASE(common_words_of_clinical_english_are_no_name_where_a_capital_says_nothing) {
    BOOST_TEST(common("Doctor: Cough?\nPatient: No.", "Cough"));
    BOOST_TEST(common("Coordination: Slow for finger-to-nose.", "Slow"));
    BOOST_TEST(common("No rash. Briefly, she is a 60-year-old woman.", "Briefly"));
    BOOST_TEST(common("Buttock abscess.", "Buttock abscess"));                  // a later word in lower case
    BOOST_TEST(common("Exam\nLower right extremity: Swollen right knee.", "Swollen")); // a field's label
    BOOST_TEST(common("Heart\n\u2022 Auscultation of Heart: Irregular rate.", "Irregular")); // after a list marker
    BOOST_TEST(common("Exam\n  - Gait: Slow.", "Slow"));
    BOOST_TEST(!common("Exam\nNo - Gait: Slow", "Slow"));                     // a marker only at a line's start
    BOOST_TEST(!common("Exam\nSeen in the clinic today by: Slow", "Slow"));   // five words are no label
    BOOST_TEST(!common("Exam\nLower  right: Slow", "Slow"));                   // nor words two spaces apart
    BOOST_TEST(!common("Doctor: Will, come in.", "Will"));                     // a given name too
    BOOST_TEST(!common("Hope is here.", "Hope"));
    BOOST_TEST(!common("Slow is here. I called Slow today.", "Slow"));         // capitalised in a sentence
    BOOST_TEST(!common("We saw Slow today.", "Slow"));                         // not at a sentence start
    BOOST_TEST(!common("Seen by Dr. Slow.", "Slow"));                          // after a title
    BOOST_TEST(!common("Cough Smith is here.", "Cough Smith"));                // a later capital
}

// A name or place in lower case is none in a text that capitalises its sentences and turns.
BOOST_AUTO_TEST_CASE(lower_case_in_a_cased_text_is_no_name) {
    const auto lower = [](const std::string & text, const std::string & what) {
        return on_span(text, what, [](const char * t, size_t len, size_t b, size_t e) {
            word_cases cases;
            return is_lower_case_in_a_cased_text(t, len, b, e, &cases);
        });
    };
    const std::string note = "Skin is clear. She wears sunscreen daily. Trunk has nevi. Seen by Dr. smith today. "
                             "Plan: follow up. I miss golfing. The doctor suspects gout. An MR myelogram was done.";
    BOOST_TEST(lower(note, "sunscreen"));
    BOOST_TEST(lower(note, "golfing"));                    // "miss" in lower case is no title
    BOOST_TEST(lower(note, "gout"));
    BOOST_TEST(lower(note, "myelogram"));                  // "MR" in capitals is no title either
    BOOST_TEST(!lower(note, "smith"));                     // after a title: a name written carelessly
    BOOST_TEST(!lower(note, "Trunk"));                     // a capital
    BOOST_TEST(!lower(note + " Seen by Émile.", "mile"));  // a span cut from a non-ASCII word: not judged
    // Turns of a dialogue count as sentences.
    BOOST_TEST(lower("Doctor: Any pets?\nPatient: A golden.\nDoctor: Name?\nPatient: Max.\nDoctor: Okay.\n"
                     "Patient: He is a golden retriever.", "golden"));
    // A transcript in lower case writes every name so, and a short text says nothing.
    BOOST_TEST(!lower("[doctor] hi , andrew .\n[patient] hi .\n[doctor] so how are you ?\n[patient] good .\n"
                      "[doctor] great . and your son jose ?\n[patient] fine .", "andrew"));
    BOOST_TEST(!lower("Seen with andrew today.", "andrew"));
    BOOST_TEST(!lower(note, "."));                         // no letter
}

// Words no name is: fillers and function words, common words of clinical English, clinical terms.
BOOST_AUTO_TEST_CASE(only_common_words) {
    const auto common_only = [](const std::string & text, const std::string & what) {
        return on_span(text, what, is_only_common_words);
    };
    BOOST_TEST(common_only("Doctor: Last question. Do you drink?", "question"));
    BOOST_TEST(common_only("Patient: No, neither.", "neither"));
    BOOST_TEST(common_only("Can you bend your hand?", "bend"));
    BOOST_TEST(common_only("your Lantus dose", "Lantus"));                 // a clinical term
    BOOST_TEST(!common_only("Completed by tirone furgala, RN", "tirone furgala"));
    BOOST_TEST(!common_only("a word and a name: the team consulted tudorache", "consulted tudorache"));
    BOOST_TEST(!common_only("Next of kin: s. sharma-antonacci", "sharma"));  // no whole word
}

// The two together, or after a title written without its capital.
BOOST_AUTO_TEST_CASE(lower_case_no_names) {
    const std::string note = "Skin is clear. She is here with her partner nolte. Trunk has nevi. I miss golfing. "
                             "Last question. An MR myelogram was done. Plan: follow up. Completed by tirone furgala, RN.";
    const auto no_name = [](const std::string & text, const std::string & what) {
        return on_span(text, what, [](const char * t, size_t len, size_t b, size_t e) {
            word_cases cases;
            return is_lower_case_no_name(t, len, b, e, &cases);
        });
    };
    BOOST_TEST(no_name(note, "question"));
    BOOST_TEST(no_name(note, "golfing"));
    BOOST_TEST(no_name(note, "myelogram"));
    BOOST_TEST(!no_name(note, "nolte"));
    BOOST_TEST(!no_name(note, "tirone furgala"));
    BOOST_TEST(!no_name(note + " From: DR. jaeden rice, Garland.", "jaeden rice")); // a title in capitals with its period
}

// A model NAME right before a noun that follows an eponym or a clinical adjective is none.
BOOST_AUTO_TEST_CASE(eponyms_before_a_clinical_noun_are_no_names) {
    const auto before_noun = [](const std::string & text, const std::string & what) {
        return on_span(text, what, is_before_a_clinical_noun);
    };
    BOOST_TEST(before_noun("NEURO: Patella and Achilles reflexes are symmetrical.", "Achilles"));
    BOOST_TEST(before_noun("based on a BSA of 2.65 with the Schnur scale is 1792 g", "Schnur"));
    BOOST_TEST(before_noun("the peptic ulcer disease , um ,", "peptic"));
    BOOST_TEST(before_noun("Father with Von Hippel-Lindau Disease.", "Von Hippel-Lindau"));
    BOOST_TEST(before_noun("Positive Murphy's disease", "Murphy"));
    BOOST_TEST(before_noun("Right Achilles' tendon", "Achilles"));
    BOOST_TEST(!before_noun("Please have Mary sign the form.", "Mary"));   // "sign": a verb too
    // "Sign" as a noun: a finding's words around it.
    BOOST_TEST(before_noun("No palpable DP pulses but Doppler signs are present.", "Doppler"));
    BOOST_TEST(before_noun("Positive for Murphy signs. Peritoneal signs not appreciated", "Murphy"));
    BOOST_TEST(before_noun("Kernig sign negative.", "Kernig"));
    BOOST_TEST(before_noun("no Homan's sign", "Homan"));
    BOOST_TEST(!before_noun("Mary signs the consent today.", "Mary"));
    BOOST_TEST(!before_noun("Let John sign.", "John"));
    BOOST_TEST(!before_noun("Dr. Murphy signs are present", "Murphy"));   // after a title
    BOOST_TEST(!before_noun("Mary scaled the wall.", "Mary"));             // a longer word
    BOOST_TEST(!before_noun("Seen by Mary, scale reading 80 kg.", "Mary")); // a comma between
    BOOST_TEST(!before_noun("Referred to Dr. Huntington disease clinic.", "Huntington")); // after a title
    BOOST_TEST(!before_noun("John test results are back.", "John"));
    BOOST_TEST(!before_noun("Seen by John", "John"));                      // the text's end
}

// A model NAME that is an exam's eponym before a finding, a kind of test or a score's number is none.
BOOST_AUTO_TEST_CASE(exam_eponyms_are_no_names) {
    const auto eponym = [](const std::string & text, const std::string & what) { return on_span(text, what, is_exam_eponym); };
    BOOST_TEST(eponym("Babinski negative bilaterally.", "Babinski"));
    BOOST_TEST(eponym("Romberg test positive", "Romberg"));
    BOOST_TEST(eponym("Tenderness at McBurney's point.", "McBurney"));
    BOOST_TEST(eponym("Tenderness at McBurney's point.", "McBurney's"));
    BOOST_TEST(eponym("Braden 14. Skin intact", "Braden"));
    BOOST_TEST(eponym("Gleason 3+4=7 adenocarcinoma", "Gleason"));
    BOOST_TEST(eponym("Tanner IV breasts", "Tanner"));
    BOOST_TEST(eponym("Tanner stage 4", "Tanner"));
    BOOST_TEST(eponym("negative Romberg, normal gait", "Romberg"));
    BOOST_TEST(eponym("Lachman: negative", "Lachman"));
    BOOST_TEST(!eponym("Dr. Murphy positive about surgery", "Murphy"));    // after a title
    BOOST_TEST(!eponym("Murphy 14 days ago", "Murphy"));                   // no score's eponym
    BOOST_TEST(!eponym("Ruth Tanner 4 days ago", "Ruth Tanner"));          // a given name too
    BOOST_TEST(!eponym("Tanner called back", "Tanner"));
    BOOST_TEST(!eponym("Patrick test results", "Patrick"));                // no exam's eponym
}

// A model NAME that is a device or test named for a person, in a device's context, is none; nor is an
// order before a drug.
BOOST_AUTO_TEST_CASE(devices_and_orders_are_no_names) {
    const auto device = [](const std::string & text, const std::string & what) { return on_span(text, what, is_device_eponym); };
    BOOST_TEST(device("Foley catheter removed.", "Foley"));
    BOOST_TEST(device("Holter monitor placed.", "Holter"));
    BOOST_TEST(device("Bovie cautery used.", "Bovie cautery"));
    BOOST_TEST(device("Jackson-Pratt drain in place.", "Jackson"));       // judged whole
    BOOST_TEST(device("Jackson-Pratt drain in place.", "Pratt"));
    BOOST_TEST(device("17. Echo pending.", "Echo"));
    BOOST_TEST(device("Echo: EF 60%.", "Echo"));
    BOOST_TEST(device("Echo 11/20/25: EF 40-45%.", "Echo"));             // its date, size or length
    BOOST_TEST(device("Foley 16 Fr placed.", "Foley"));
    BOOST_TEST(!device("Dr. Foley 11/20 visit.", "Foley"));
    BOOST_TEST(device("Repeat Echo in 6 months.", "Echo"));
    BOOST_TEST(device("The Foley was removed.", "Foley"));
    BOOST_TEST(device("Rolling Walker ordered.", "Rolling Walker"));
    BOOST_TEST(device("Rolling Walker ordered.", "Rolling"));
    BOOST_TEST(device("Rolling Walker ordered.", "Walker"));
    BOOST_TEST(!device("Dr. Walker reviewed the chart.", "Walker"));      // after a title
    BOOST_TEST(!device("Walker at home.", "Walker"));                     // no device's context
    BOOST_TEST(!device("Spoke with Walker today.", "Walker"));
    BOOST_TEST(!device("Jane Foley removed her dressing.", "Jane Foley")); // a given name too
    BOOST_TEST(!device("The Walker family was here.", "Walker"));
    BOOST_TEST(!device("Rolling down the hill.", "Rolling"));

    const auto order = [](const std::string & text, const std::string & what) { return on_span(text, what, is_order_before_a_drug); };
    BOOST_TEST(order("18. Hold metformin for now.", "Hold"));
    BOOST_TEST(order("Continue Lasix 40 mg.", "Continue"));
    BOOST_TEST(order("Start Flovent HFA 44 mcg.", "Start Flovent"));     // the drug in the entity
    BOOST_TEST(!order("Start Jane on it.", "Start Jane"));
    BOOST_TEST(!order("Hold the door.", "Hold"));
    BOOST_TEST(!order("Mrs. Hold metformin", "Hold"));                    // after a title
}

