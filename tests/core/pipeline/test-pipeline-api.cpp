// pipeline-api.cpp and tagger.cpp through the public C API: parameters and JSON options, entity
// offsets in UTF-16 units, code points and bytes on emoji / CJK / CRLF text, the JSON output, the
// allow/deny lists and score floor end to end, label_types from config.json, the stepwise jobs, model
// entities that are whole tokens, and the error paths.
#define BOOST_TEST_MODULE pipeline_api
#include <boost/test/unit_test.hpp>

#include "core/golden.h"
#include "core/loader/st-writer.h"
#include "minialbert.h"
#include "pipeline/surrogate-lists.h"
#include "pipeline/tagger.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

using json = nlohmann::json;

namespace {

// JavaScript's view of a UTF-8 string: its UTF-16 code units.
std::u16string utf16(const std::string & s) {
    std::u16string out;
    for (size_t i = 0; i < s.size();) {
        const uint8_t b = (uint8_t) s[i];
        const int n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        uint32_t c = n == 1 ? b : b & (0x7F >> n);
        for (int k = 1; k < n; k++) c = (c << 6) | ((uint8_t) s[i + k] & 0x3F);
        if (c > 0xFFFF) out += (char16_t) (0xD800 + ((c - 0x10000) >> 10)), out += (char16_t) (0xDC00 + ((c - 0x10000) & 0x3FF));
        else out += (char16_t) c;
        i += (size_t) n;
    }
    return out;
}

struct rules_tagger {
    mab_tagger * t = nullptr;
    rules_tagger() { BOOST_REQUIRE(mab_tagger_init(nullptr, nullptr, nullptr, 0, &t) == MAB_STATUS_OK); }
    ~rules_tagger() { mab_tagger_free(t); }
};

json tag_json(mab_tagger * t, const std::string & text, const std::string & options) {
    mab_tag_result * r = nullptr;
    const mab_status st = mab_tag_json(t, text.data(), text.size(), options.data(), options.size(), &r);
    BOOST_REQUIRE_MESSAGE(st == MAB_STATUS_OK, mab_last_error());
    const json j = json::parse(mab_tag_result_json(r));
    mab_tag_result_free(r);
    return j;
}

// text de-identified by the default model with surrogates (under `key`, or none).
std::string surrogates_by_the_default_model(const std::string & text, const char * key) {
    const std::string dir = std::string(MAB_SOURCE_DIR) + "/models/deid-minialbert-small";
    mab_tagger * t = nullptr;
    BOOST_REQUIRE(mab_tagger_load_from_dir(dir.c_str(), mab_model_default_params(), &t) == MAB_STATUS_OK);
    mab_deid_params dp = mab_deid_default_params();
    dp.operators = "*=surrogate";
    dp.key       = key;
    dp.key_len   = key ? strlen(key) : 0;
    mab_deid_result * r = nullptr;
    BOOST_REQUIRE_MESSAGE(mab_deidentify(t, text.data(), text.size(), nullptr, &dp, &r) == MAB_STATUS_OK, mab_last_error());
    size_t len = 0;
    const char * written = mab_deid_result_text(r, &len);
    const std::string out(written, len);
    mab_deid_result_free(r);
    mab_tagger_free(t);
    return out;
}

} // namespace

BOOST_AUTO_TEST_SUITE(pipeline_api_suite)

BOOST_AUTO_TEST_CASE(offsets_on_emoji_cjk_and_crlf) {
    rules_tagger rt;
    const std::string text = "患者 😀👍🏽\r\nTel: 617-555-0134\r\n日付 03/14/2021 e-mail 王@例え.jp x@y.org";
    const std::u16string u = utf16(text);
    mab_tag_params p = mab_tag_default_params();
    mab_tag_result * r = nullptr;
    BOOST_REQUIRE(mab_tag(rt.t, text.data(), text.size(), &p, &r) == MAB_STATUS_OK);
    BOOST_REQUIRE_EQUAL(mab_tag_result_n_entities(r), 3);
    const char * want[] = {"617-555-0134", "03/14/2021", "x@y.org"};
    for (int32_t i = 0; i < 3; i++) {
        mab_entity e;
        BOOST_REQUIRE(mab_tag_result_entity(r, i, &e) == MAB_STATUS_OK);
        BOOST_TEST(std::string(e.text) == want[i]);
        // Bytes, UTF-16 units and code points all point at the same text.
        BOOST_TEST(text.substr((size_t) e.start_byte, (size_t) (e.end_byte - e.start_byte)) == want[i]);
        BOOST_TEST((u.substr((size_t) e.start_utf16, (size_t) (e.end_utf16 - e.start_utf16)) == utf16(want[i])));
        BOOST_TEST(e.start == e.start_utf16);
        // Before the entity: 2 CJK (1 unit each), 3 emoji-ish code points (2 + 2 + 2 units) ...
        BOOST_TEST(e.start_utf16 - e.start_codepoint == 3);
    }
    mab_tag_result_free(r);
    // Code point offsets on request, in the JSON too.
    const json j = tag_json(rt.t, text, R"({"offsets": "codepoints"})");
    BOOST_REQUIRE_EQUAL(j["entities"].size(), 3u);
    BOOST_TEST(j["entities"][0]["start"].get<int>() == (int) utf16(text.substr(0, text.find("617"))).size() - 3);
}

BOOST_AUTO_TEST_CASE(json_output_shape) {
    rules_tagger rt;
    const json j = tag_json(rt.t, "Call 617-555-0134.", "{}");
    BOOST_REQUIRE_EQUAL(j["entities"].size(), 1u);
    const json & e = j["entities"][0];
    std::vector<std::string> keys;
    for (auto it = e.begin(); it != e.end(); ++it) keys.push_back(it.key());
    std::sort(keys.begin(), keys.end());
    BOOST_TEST(keys == std::vector<std::string>({"end", "score", "source", "start", "subtype", "text", "type"}));
    BOOST_TEST(e["type"] == "CONTACT");
    BOOST_TEST(e["subtype"] == "PHONE");
    BOOST_TEST(e["start"] == 5);
    BOOST_TEST(e["end"] == 17);
    BOOST_TEST(e["text"] == "617-555-0134");
    BOOST_TEST(e["score"] == 0.95);
    BOOST_TEST(e["source"] == "rule:phone");
}

BOOST_AUTO_TEST_CASE(lists_rules_and_options) {
    rules_tagger rt;
    const std::string text = "Jane Roe, MRN 4829173, call 617-555-0134 on 03/14/2021; Tylenol 500 mg.";
    json j = tag_json(rt.t, text, R"({"rules": ["date"], "denyList": ["NAME/PATIENT: jane roe", "/Tylenol/"],
                                     "allowList": ["03/14/2021"]})");
    BOOST_REQUIRE_EQUAL(j["entities"].size(), 2u);
    BOOST_TEST(j["entities"][0]["type"] == "NAME");
    BOOST_TEST(j["entities"][0]["subtype"] == "PATIENT");
    BOOST_TEST(j["entities"][0]["text"] == "Jane Roe");
    BOOST_TEST(j["entities"][0]["source"] == "deny-list:NAME/PATIENT: jane roe");
    BOOST_TEST(j["entities"][1]["type"] == "OTHER");
    j = tag_json(rt.t, text, R"({"rules": false})");
    BOOST_TEST(j["entities"].empty());
    // The same through mab_tag_params.
    mab_tag_params p = mab_tag_default_params();
    p.rules      = "phone,id";
    p.allow_list = "/\\d{7}/";
    mab_tag_result * r = nullptr;
    BOOST_REQUIRE(mab_tag(rt.t, text.data(), text.size(), &p, &r) == MAB_STATUS_OK);
    BOOST_REQUIRE_EQUAL(mab_tag_result_n_entities(r), 1);
    mab_entity e;
    mab_tag_result_entity(r, 0, &e);
    BOOST_TEST(std::string(e.subtype) == "PHONE");
    BOOST_TEST(std::string(e.source) == "rule");
    BOOST_TEST(std::string(e.origin) == "phone");
    BOOST_TEST(mab_tag_result_entity(r, 1, &e) == MAB_STATUS_INVALID_ARGUMENT);
    mab_tag_result_free(r);
}

BOOST_AUTO_TEST_CASE(bad_options_are_errors_with_messages) {
    rules_tagger rt;
    struct bad_case {
        const char * options;
        const char * message_part;
    } cases[] = {
        {R"({"aggregation": "mean"})", "aggregation"},
        {R"({"rules": ["phone", "fax"]})", "fax"},
        {R"({"offsets": "bytes"})", "offsets"},
        {R"({"colour": 1})", "colour"},
        {R"({"denyList": ["/(/"]})", "denyList line 1"},
        {R"({"allowList": "x"})", "allowList"},
        {R"({"maxLength": 1000000000})", "maxLength must be an integer from -1 to 1000000, got 1000000000"},
        {R"([1, 2])", "not a JSON object"},
        {R"({"operators": {"NAME": "surrogate"}})", "operators"}, // a deid option given to tag
        // A floor above 1 drops every model entity: de-identification quietly switched off.
        {R"({"minScore": 2})", "minScore must be a number from 0 to 1, got 2"},
        {R"({"minScore": -0.5})", "minScore must be a number from 0 to 1"},
    };
    std::vector<bad_case> all(std::begin(cases), std::end(cases));
    const std::string deep = R"({"rules": )" + std::string(100000, '[') + std::string(100000, ']') + "}";
    all.push_back({deep.c_str(), "options: nested deeper than 64 levels"});
    for (const bad_case & c : all) {
        mab_tag_result * r = nullptr;
        BOOST_TEST_CONTEXT(std::string(c.options).substr(0, 60)) {
            BOOST_TEST(mab_tag_json(rt.t, "x", 1, c.options, strlen(c.options), &r) == MAB_STATUS_INVALID_ARGUMENT);
            BOOST_TEST(r == nullptr);
            BOOST_TEST(std::string(mab_last_error()).find(c.message_part) != std::string::npos, mab_last_error());
        }
    }
    mab_tag_params p = mab_tag_default_params();
    p.aggregation = (mab_aggregation) 9;
    mab_tag_result * r = nullptr;
    BOOST_TEST(mab_tag(rt.t, "x", 1, &p, &r) == MAB_STATUS_INVALID_ARGUMENT);
    p = mab_tag_default_params();
    for (float floor : {1.5f, -1.0f, NAN}) {
        p.min_score = floor;
        BOOST_TEST(mab_tag(rt.t, "x", 1, &p, &r) == MAB_STATUS_INVALID_ARGUMENT);
        BOOST_TEST(std::string(mab_last_error()).find("min_score must be a number from 0 to 1") != std::string::npos);
    }
    BOOST_TEST(mab_tag(nullptr, "x", 1, nullptr, &r) == MAB_STATUS_INVALID_ARGUMENT);
    // Past MAB_MAX_TEXT_BYTES: refused with a message, not run out of memory (a trap in WebAssembly).
    const std::string huge(MAB_MAX_TEXT_BYTES + 1, 'a');
    BOOST_TEST(mab_tag(rt.t, huge.data(), huge.size(), nullptr, &r) == MAB_STATUS_INVALID_ARGUMENT);
    BOOST_TEST(std::string(mab_last_error()).find("more than the 8388608 supported: split it") != std::string::npos, mab_last_error());
    BOOST_TEST(mab_tag(rt.t, huge.data(), huge.size() - 1, nullptr, &r) == MAB_STATUS_OK);
    mab_tag_result_free(r);
    BOOST_TEST(mab_tag(rt.t, nullptr, 3, nullptr, &r) == MAB_STATUS_INVALID_ARGUMENT);
    BOOST_TEST(mab_tag(rt.t, nullptr, 0, nullptr, &r) == MAB_STATUS_OK); // empty text
    BOOST_TEST(mab_tag_result_n_entities(r) == 0);
    mab_tag_result_free(r);
}

// mab_params_check refuses what no model would take, with mab_deidentify_begin's message, and needs
// no tagger; mab_backend_check refuses a backend this binary lacks.
BOOST_AUTO_TEST_CASE(options_checked_before_a_model_loads) {
    BOOST_TEST(mab_params_check(nullptr, nullptr) == MAB_STATUS_OK);
    mab_tag_params tp = mab_tag_default_params();
    mab_deid_params dp = mab_deid_default_params();
    BOOST_TEST(mab_params_check(&tp, &dp) == MAB_STATUS_OK);
    tp.rules = "phone,fax";
    BOOST_TEST(mab_params_check(&tp, nullptr) == MAB_STATUS_INVALID_ARGUMENT);
    BOOST_TEST(std::string(mab_last_error()).find("unknown rule family 'fax'") != std::string::npos, mab_last_error());
    // The blanks around an entry are not part of it; "all" and "none" stand alone.
    tp.rules = " phone, date ,room";
    BOOST_TEST(mab_params_check(&tp, nullptr) == MAB_STATUS_OK, mab_last_error());
    tp.rules = "all,phone";
    BOOST_TEST(mab_params_check(&tp, nullptr) == MAB_STATUS_INVALID_ARGUMENT);
    BOOST_TEST(std::string(mab_last_error()).find("'all' stands alone") != std::string::npos, mab_last_error());
    tp = mab_tag_default_params();
    tp.deny_list = "/(/";
    BOOST_TEST(mab_params_check(&tp, nullptr) == MAB_STATUS_INVALID_ARGUMENT);
    tp = mab_tag_default_params();
    const auto refused = [&](mab_deid_params d, const std::string & part) {
        BOOST_TEST(mab_params_check(&tp, &d) == MAB_STATUS_INVALID_ARGUMENT);
        BOOST_TEST(std::string(mab_last_error()).find(part) != std::string::npos, mab_last_error());
    };
    dp.operators = "NAME=shred";
    refused(dp, "unknown operator 'shred'");
    dp = mab_deid_default_params();
    dp.key = "", dp.key_len = 0;
    refused(dp, "the key is empty");
    dp = mab_deid_default_params();
    dp.max_shift_days = 0;
    refused(dp, "max_shift_days is 0");
    dp = mab_deid_default_params();
    dp.mask_char = 0;
    refused(dp, "the mask character is U+0000 (NUL)");
    dp.mask_char = 0xD800;
    refused(dp, "mask character U+D800 is not a Unicode scalar value");

    for (const char * name : {"auto", "", "reference", "scalar"}) BOOST_TEST(mab_backend_check(name) == MAB_STATUS_OK, name);
    BOOST_TEST(mab_backend_check(nullptr) == MAB_STATUS_OK);
    BOOST_TEST(mab_backend_check("bogus") == MAB_STATUS_UNSUPPORTED);
    BOOST_TEST(std::string(mab_last_error()).find("backend 'bogus' is not built into this binary (available: auto, ") == 0,
               mab_last_error());
}

// A tagger without a model but with a tokenizer runs the address rule with its vocabulary, as the
// JS API's {model: false} on a loaded model does; without a tokenizer the rule finds nothing.
BOOST_AUTO_TEST_CASE(a_rules_only_tagger_with_a_tokenizer_finds_addressed_names) {
    const std::string vocab = "[PAD]\n[UNK]\n[CLS]\n[SEP]\nthe\n,\n.\nhi\n";
    mab_tokenizer * tok = nullptr;
    BOOST_REQUIRE(mab_tokenizer_load_from_buffers(vocab.data(), vocab.size(), nullptr, 0, nullptr, 0, nullptr, 0, &tok) == MAB_STATUS_OK);
    mab_tagger * with_vocab = nullptr;
    BOOST_REQUIRE(mab_tagger_init(nullptr, tok, nullptr, 0, &with_vocab) == MAB_STATUS_OK);
    const json found = tag_json(with_vocab, "hi , andrew . how are you ?", R"({"rules": ["address"]})");
    BOOST_REQUIRE_EQUAL(found["entities"].size(), 1u);
    BOOST_TEST(found["entities"][0]["text"] == "andrew");
    BOOST_TEST(found["entities"][0]["source"] == "rule:address");
    mab_tagger_free(with_vocab);
    mab_tokenizer_free(tok);
    rules_tagger rt;
    BOOST_TEST(tag_json(rt.t, "hi , andrew . how are you ?", R"({"rules": ["address"]})")["entities"].empty());
}

// An entity with a NUL byte inside: its original and replacement are whole in the C struct (by their
// lengths) and in the JSON, so the audit trail rebuilds the new text.
BOOST_AUTO_TEST_CASE(replacements_with_a_nul_inside) {
    rules_tagger rt;
    const std::string text("Patient John\0Smith, seen.", 25);
    const std::string opts = R"({"denyList": ["/John.Smith/"], "operators": "keep"})";
    mab_deid_result * r = nullptr;
    BOOST_REQUIRE(mab_deidentify_json(rt.t, text.data(), text.size(), opts.data(), opts.size(), &r) == MAB_STATUS_OK);
    BOOST_REQUIRE_EQUAL(mab_deid_result_n_replacements(r), 1);
    mab_replacement m;
    BOOST_REQUIRE(mab_deid_result_replacement(r, 0, &m) == MAB_STATUS_OK);
    BOOST_TEST(std::string(m.original, m.original_len) == std::string("John\0Smith", 10));
    BOOST_TEST(std::string(m.replacement, m.replacement_len) == std::string("John\0Smith", 10));
    const json j = json::parse(mab_deid_result_json(r));
    BOOST_TEST(j["replacements"][0]["original"].get<std::string>() == std::string("John\0Smith", 10));
    BOOST_TEST(j["replacements"][0]["replacement"].get<std::string>() == std::string("John\0Smith", 10));
    mab_deid_result_free(r);
}

BOOST_AUTO_TEST_CASE(deidentify_c_and_json) {
    rules_tagger rt;
    const std::string text = "Seen 03/14/2021 😀, call 617-555-0134.";
    mab_deid_params dp = mab_deid_default_params();
    dp.operators = "CONTACT=mask,DATE=dateshift";
    dp.key       = "k";
    dp.key_len   = 1;
    mab_deid_result * r = nullptr;
    BOOST_REQUIRE(mab_deidentify(rt.t, text.data(), text.size(), nullptr, &dp, &r) == MAB_STATUS_OK);
    size_t len = 0;
    const std::string out = mab_deid_result_text(r, &len);
    BOOST_TEST(len == out.size());
    BOOST_TEST(out.find("************.") != std::string::npos);
    BOOST_REQUIRE_EQUAL(mab_deid_result_n_replacements(r), 2);
    mab_replacement m;
    BOOST_REQUIRE(mab_deid_result_replacement(r, 1, &m) == MAB_STATUS_OK);
    BOOST_TEST(std::string(m.op) == "mask");
    BOOST_TEST(std::string(m.original) == "617-555-0134");
    const std::u16string u = utf16(out);
    BOOST_TEST((u.substr((size_t) m.new_start, (size_t) (m.new_end - m.new_start)) == utf16(m.replacement)));
    const int32_t phone_new_start = m.new_start;
    mab_deid_result_replacement(r, 0, &m);
    BOOST_TEST(std::string(m.op) == "dateshift");
    BOOST_TEST(std::string(m.replacement) != "03/14/2021");

    // An operator for a type no entity has would do nothing: refused, naming the types there are.
    for (const char * ops : {"NAMES=surrogate", "name=surrogate", "Contact/PHONE=mask"}) {
        mab_deid_params bad = mab_deid_default_params();
        bad.operators = ops;
        mab_deid_result * none = nullptr;
        BOOST_TEST(mab_deidentify(rt.t, text.data(), text.size(), nullptr, &bad, &none) == MAB_STATUS_INVALID_ARGUMENT, ops);
        BOOST_TEST(std::string(mab_last_error()).find("no entity has the type") != std::string::npos, mab_last_error());
        BOOST_TEST(std::string(mab_last_error()).find("CONTACT, DATE, ID, LOCATION, NAME") != std::string::npos, mab_last_error());
        BOOST_TEST(none == nullptr);
    }
    // A subtype no entity of its type can have would do nothing either ("ID/SNN=mask" leaves every
    // SSN to the fallback, perhaps keep); an empty one too; and a target given twice leaves one of
    // the two unused. The built-in table's subtypes, the type itself and a deny-list entry's are taken.
    const auto deid_with = [&](const char * ops) {
        mab_deid_params dp2 = mab_deid_default_params();
        dp2.operators = ops;
        mab_deid_result * res = nullptr;
        const mab_status st = mab_deidentify(rt.t, text.data(), text.size(), nullptr, &dp2, &res);
        mab_deid_result_free(res);
        return st;
    };
    const std::pair<const char *, const char *> refused[] = {
        {"ID/SNN=mask,*=keep", "operators: no ID entity has the subtype 'SNN' (ID subtypes: ACCOUNT, BIOID, DEVICE, HEALTHPLAN, ID, "
                               "IDNUM, LICENSE, MEDICALRECORD, MRN, SSN, VEHICLE)"},
        {"NAME/=mask", "no NAME entity has the subtype ''"},
        {"NAME/patient=mask", "no NAME entity has the subtype 'patient'"},
        {"CONTACT/SSN=mask", "no CONTACT entity has the subtype 'SSN'"},
        {"NAME=tag,NAME=redact", "operators: 'NAME' is given twice"},
        {"*=tag,default=keep", "operators: '*' is given twice"},
        {"ID/SSN=mask,ID/SSN=keep", "operators: 'ID/SSN' is given twice"},
    };
    for (const auto & [ops, part] : refused) {
        BOOST_TEST(deid_with(ops) == MAB_STATUS_INVALID_ARGUMENT, ops);
        BOOST_TEST(std::string(mab_last_error()).find(part) != std::string::npos, mab_last_error());
    }
    for (const char * ops : {"ID/SSN=mask", "CONTACT/PHONE=mask,NAME/PATIENT=surrogate", "ID/ID=mask", "LOCATION/ROOM=tag"}) {
        BOOST_TEST(deid_with(ops) == MAB_STATUS_OK, ops << ": " << mab_last_error());
    }
    // A deny-list entry brings its own type.
    const std::string custom = R"({"denyList": ["DRUG/TRIAL: ZX-9"], "operators": {"DRUG": "mask"}})";
    mab_deid_result * rc = nullptr;
    BOOST_REQUIRE(mab_deidentify_json(rt.t, "on ZX-9 daily", 13, custom.data(), custom.size(), &rc) == MAB_STATUS_OK);
    BOOST_TEST(std::string(mab_deid_result_text(rc, nullptr)) == "on **** daily");
    mab_deid_result_free(rc);

    // JSON with the same options gives the same text.
    const std::string opts = R"({"operators": {"CONTACT": "mask", "DATE": "dateshift"}, "key": "k"})";
    mab_deid_result * rj = nullptr;
    BOOST_REQUIRE(mab_deidentify_json(rt.t, text.data(), text.size(), opts.data(), opts.size(), &rj) == MAB_STATUS_OK);
    const json j = json::parse(mab_deid_result_json(rj));
    BOOST_TEST(j["text"] == out);
    BOOST_REQUIRE_EQUAL(j["replacements"].size(), 2u);
    BOOST_TEST(j["replacements"][1]["operator"] == "mask");
    BOOST_TEST(j["replacements"][1]["newStart"] == phone_new_start);
    BOOST_TEST(j["replacements"][1]["source"] == "rule:phone");
    mab_deid_result_free(rj);
    mab_deid_result_free(r);

    const char * bad = R"({"operators": "NAME=shred"})";
    BOOST_TEST(mab_deidentify_json(rt.t, "x", 1, bad, strlen(bad), &rj) == MAB_STATUS_INVALID_ARGUMENT);
    const char * bad_mask = R"({"maskChar": "ab"})";
    BOOST_TEST(mab_deidentify_json(rt.t, "x", 1, bad_mask, strlen(bad_mask), &rj) == MAB_STATUS_INVALID_ARGUMENT);
    // A ',' in an operators object would start another pair: "DATE=keep" smuggled in by a value.
    for (const char * smuggled : {R"({"operators": {"CONTACT": "mask,DATE=keep"}})", R"({"operators": {"CONTACT=keep,DATE": "keep"}})"}) {
        BOOST_TEST_CONTEXT(smuggled) {
            BOOST_TEST(mab_deidentify_json(rt.t, text.data(), text.size(), smuggled, strlen(smuggled), &rj) == MAB_STATUS_INVALID_ARGUMENT);
            BOOST_TEST(std::string(mab_last_error()).find("holds a ','") != std::string::npos, mab_last_error());
        }
    }
    // An empty key is everybody's key; a shift past 100 years would leave the years a format can write.
    for (const char * refused : {R"({"key": ""})", R"({"maxShiftDays": 36501})", R"({"maxShiftDays": 0})", R"({"maxShiftDays": -1})"}) {
        BOOST_TEST_CONTEXT(refused) {
            BOOST_TEST(mab_deidentify_json(rt.t, text.data(), text.size(), refused, strlen(refused), &rj) == MAB_STATUS_INVALID_ARGUMENT);
        }
    }
    // One message for every out-of-range shift, the one the CLI gives for --max-shift-days.
    const char * negative = R"({"maxShiftDays": -1})";
    mab_deidentify_json(rt.t, text.data(), text.size(), negative, strlen(negative), &rj);
    BOOST_TEST(std::string(mab_last_error()) == "options.maxShiftDays must be an integer from 1 to 36500 (100 years), got -1");
    const char * longest = R"({"operators": "DATE=dateshift", "maxShiftDays": 36500, "key": "a"})";
    BOOST_REQUIRE(mab_deidentify_json(rt.t, text.data(), text.size(), longest, strlen(longest), &rj) == MAB_STATUS_OK);
    const json shifted = json::parse(mab_deid_result_json(rj));
    mab_deid_result_free(rj);
    for (const auto & rep : shifted["replacements"]) {
        if (rep["type"] == "DATE") BOOST_TEST(rep["replacement"].get<std::string>().size() == 10u, rep["replacement"]); // mm/dd/yyyy
    }
}

BOOST_AUTO_TEST_CASE(model_phone_and_fax_entities_must_look_like_numbers) {
    auto ok = [](const char * subtype, const std::string & s) { return mab::model_contact_is_plausible(subtype, s.data(), s.size()); };
    for (const char * s : {"(617) 555-0134", "+1 617 555 0134 ext. 12", "555-0134 x22", "2-6522", "#5462", "617.555.0134 EXTN 9", "555-0134 ext12",
                           "617-555-O134", "6O7-555-0134"}) { // an OCR letter O for a zero
        BOOST_TEST(ok("PHONE", s), s);
        BOOST_TEST(ok("FAX", s), s);
    }
    for (const char * s : {"2149WU725", "chart 4197763043", "tel 555-0134", "call 555-0134", "٥٥٥-٠١٣٤", "BE-99-75993", "555-0134 o"}) {
        BOOST_TEST(!ok("PHONE", s), s);
        BOOST_TEST(!ok("FAX", s), s);
    }
    BOOST_TEST(ok("IDNUM", "2149WU725"));
    BOOST_TEST(ok("EMAIL", "a@b.org"));
    BOOST_TEST(!ok("EMAIL", "a.b.org"));
    for (const char * s : {"heart.org", "https://x.org/a", "portal/results"}) BOOST_TEST(ok("URL", s), s);
    BOOST_TEST(!ok("URL", "NCV"));
}

BOOST_AUTO_TEST_CASE(model_numeric_dates_must_be_dates_in_some_order) {
    auto ok = [](const char * type, const std::string & s) { return mab::model_date_is_plausible(type, s.data(), s.size()); };
    for (const char * s : {"3/14", "14/3", "12/31/2021", "31.12.2021", "2021-12-31", "12/2021", "2020-09", "1/2", "2019",
                           "03-04-21", "Dec 31", "20/20 on 3/4", "12/31/2021 14:30", "12345/6", "3/4/5/6",
                           "2019-2020", "2015/2016"}) {
        BOOST_TEST(ok("DATE", s), s);
    }
    for (const char * s : {"20/20", "20/40", "135/85", "13/13/2020", "2021-13-45", "99.99", "0/0", "3/6/123", "135/2020",
                           "4/80/-1", "80/-", "3//4"}) {
        BOOST_TEST(!ok("DATE", s), s);
    }
    BOOST_TEST(ok("ID", "20/20"));
}

// The golden tiny model and its tokenizer, loaded for a test case and freed after it.
struct tiny_model {
    const std::string dir   = std::string(MAB_GOLDEN_DIR) + "/tiny";
    mab_model *       model = nullptr;
    mab_tokenizer *   tok   = nullptr;
    tiny_model() {
        BOOST_REQUIRE(mab_model_load_from_dir(dir.c_str(), mab_model_default_params(), &model) == MAB_STATUS_OK);
        BOOST_REQUIRE(mab_tokenizer_load_from_dir(dir.c_str(), &tok) == MAB_STATUS_OK);
    }
    ~tiny_model() {
        mab_tokenizer_free(tok);
        mab_model_free(model);
    }
};

// A model whose weights are finite but overflow float32 (the projector's outputs are past FLT_MAX):
// tag() and deidentify() fail, naming the problem, instead of reading NaN scores as "no entity" and
// returning the text with its names in it.
BOOST_AUTO_TEST_CASE(overflowing_logits_are_a_tag_error) {
    const tiny_model tiny;
    auto es = st_test::split(golden::read_text(tiny.dir + "/model.safetensors"));
    st_test::entry & w = *st_test::find(es, "albert.projector.weight");
    for (size_t i = 0; i < w.bytes.size(); i += 4) {
        const float big = 3e38f;
        memcpy(&w.bytes[i], &big, 4);
    }
    const std::string weights = st_test::join(es), config = golden::read_text(tiny.dir + "/config.json");
    void * buf = malloc(weights.size());
    memcpy(buf, weights.data(), weights.size());
    mab_model * model = nullptr;
    BOOST_REQUIRE(mab_model_load_from_buffers(config.data(), config.size(), buf, weights.size(), "overflowing",
                                              mab_model_default_params(), &model) == MAB_STATUS_OK);
    mab_tagger * t = nullptr;
    BOOST_REQUIRE(mab_tagger_init(model, tiny.tok, nullptr, 0, &t) == MAB_STATUS_OK);
    const std::string text = "Patient John Smith seen on 03/04/2021.";
    mab_tag_result * r = nullptr;
    BOOST_TEST(mab_tag(t, text.data(), text.size(), nullptr, &r) == MAB_STATUS_BAD_WEIGHTS);
    const std::string msg = mab_last_error();
    BOOST_TEST(msg.find("window 0: the model gave logit ") != std::string::npos, msg);
    BOOST_TEST(msg.find("expected a finite value") != std::string::npos, msg);
    mab_deid_result * d = nullptr;
    BOOST_TEST(mab_deidentify(t, text.data(), text.size(), nullptr, nullptr, &d) == MAB_STATUS_BAD_WEIGHTS);
    mab_tagger_free(t);
    mab_model_free(model);
}

// config.json "min_scores" drops the model's entities of one type below its floor and leaves the
// other types, and the rules' entities, alone.
BOOST_FIXTURE_TEST_CASE(min_scores_per_type_from_config, tiny_model) {
    const std::string text = "Patient John Smith was admitted on 03/14/2021 with chest pain, seen by Dr. Alice Wong. "
                             "Call 617-555-0134.";
    mab_tag_params p = mab_tag_default_params();
    p.aggregation = MAB_AGGREGATION_NONE; // one entity per token: many NAME entities to set a floor between
    // Every model entity and its score, with no floor: the reference the floors are set from.
    auto tag = [&](const std::string & config) {
        mab_tagger * t = nullptr;
        BOOST_REQUIRE(mab_tagger_init(model, tok, config.data(), config.size(), &t) == MAB_STATUS_OK);
        mab_tag_result * r = nullptr;
        BOOST_REQUIRE(mab_tag(t, text.data(), text.size(), &p, &r) == MAB_STATUS_OK);
        std::vector<std::tuple<std::string, int32_t, float, std::string>> got;
        for (int32_t i = 0; i < mab_tag_result_n_entities(r); i++) {
            mab_entity e;
            mab_tag_result_entity(r, i, &e);
            got.emplace_back(e.type, e.start, e.score, e.source);
        }
        mab_tag_result_free(r);
        mab_tagger_free(t);
        return got;
    };
    const auto all = tag("{}");
    std::vector<float> name_scores;
    for (const auto & [type, start, score, source] : all) {
        if (type == "NAME" && source == "model") name_scores.push_back(score);
    }
    BOOST_REQUIRE(name_scores.size() >= 2);
    std::sort(name_scores.begin(), name_scores.end());
    // Between two neighbouring scores, so that no score is near the floor as config.json writes it.
    const size_t m = name_scores.size() / 2;
    BOOST_REQUIRE(name_scores[m - 1] < name_scores[m]);
    const float floor = (name_scores[m - 1] + name_scores[m]) / 2;
    char floor_json[32];
    snprintf(floor_json, sizeof floor_json, "%.9g", floor);
    const auto kept = tag(std::string(R"({"min_scores": {"NAME": )") + floor_json + "}}");
    size_t expected = 0;
    for (const auto & [type, start, score, source] : all) expected += type != "NAME" || source != "model" || score >= floor;
    BOOST_TEST(kept.size() == expected);
    BOOST_TEST(kept.size() < all.size());
    bool rule_phone = false;
    for (const auto & [type, start, score, source] : kept) {
        if (type == "NAME" && source == "model") BOOST_TEST(score >= floor);
        rule_phone |= type == "CONTACT" && source == "rule";
    }
    BOOST_TEST(rule_phone);
    // A floor for a type the model does not produce changes nothing.
    BOOST_TEST(tag(R"({"min_scores": {"PROFESSION": 1}})").size() == all.size());
}

BOOST_FIXTURE_TEST_CASE(model_tagger_and_label_types, tiny_model) {
    // The tiny model's labels are B-/I-NAME and B-/I-DATE; label_types renames NAME's type.
    const std::string config = R"({"label_types": {"NAME": "PERSON"}})";
    mab_tagger * t = nullptr;
    BOOST_REQUIRE(mab_tagger_init(model, tok, config.data(), config.size(), &t) == MAB_STATUS_OK);
    const std::string text = "Patient John Smith was admitted on 03/14/2021 with chest pain, seen by Dr. Alice Wong.";
    mab_tag_params p = mab_tag_default_params();
    p.rules = "none";
    p.aggregation = MAB_AGGREGATION_NONE;
    p.ignore_labels = "";
    mab_tag_result * r = nullptr;
    BOOST_REQUIRE(mab_tag(t, text.data(), text.size(), &p, &r) == MAB_STATUS_OK);
    // Nothing ignored, no aggregation: one entity per token, covering the text's words in order.
    mab_encoding * enc = nullptr;
    BOOST_REQUIRE(mab_tokenizer_tokenize(tok, text.data(), text.size(), &enc) == MAB_STATUS_OK);
    BOOST_REQUIRE_EQUAL(mab_tag_result_n_entities(r), mab_encoding_n_tokens(enc));
    for (int32_t i = 0; i < mab_tag_result_n_entities(r); i++) {
        mab_entity e;
        mab_tag_result_entity(r, i, &e);
        BOOST_TEST(e.start == mab_encoding_offsets_utf16(enc)[2 * i]);
        BOOST_TEST(std::string(e.source) == "model");
        const std::string sub = e.subtype, type = e.type;
        BOOST_TEST(((sub == "NAME" && type == "PERSON") || (sub == "DATE" && type == "DATE") || (sub == "O" && type == "O")));
        BOOST_TEST((e.score > 0.2f && e.score <= 1.0f)); // a softmax maximum over 5 labels
    }
    mab_encoding_free(enc);
    auto symbols_only = [&](const mab_entity & e) {
        const std::string s = text.substr((size_t) e.start, (size_t) (e.end - e.start)); // ASCII: UTF-16 = bytes
        return std::none_of(s.begin(), s.end(), [](char c) { return isalnum((unsigned char) c) != 0; });
    };
    int32_t symbol_entities = 0;
    for (int32_t i = 0; i < mab_tag_result_n_entities(r); i++) {
        mab_entity e;
        mab_tag_result_entity(r, i, &e);
        symbol_entities += symbols_only(e);
    }
    BOOST_TEST(symbol_entities == 5); // the tokens "/" "/" "," "." "." each stay an entity
    mab_tag_result_free(r);
    // Aggregated entities without a letter or digit are dropped.
    p.aggregation = MAB_AGGREGATION_SIMPLE;
    BOOST_REQUIRE(mab_tag(t, text.data(), text.size(), &p, &r) == MAB_STATUS_OK);
    BOOST_TEST(mab_tag_result_n_entities(r) > 0);
    for (int32_t i = 0; i < mab_tag_result_n_entities(r); i++) {
        mab_entity e;
        mab_tag_result_entity(r, i, &e);
        BOOST_TEST(!symbols_only(e));
    }
    mab_tag_result_free(r);
    p.aggregation = MAB_AGGREGATION_NONE;
    // min_score drops weak model entities.
    p.min_score = 1.0f;
    BOOST_REQUIRE(mab_tag(t, text.data(), text.size(), &p, &r) == MAB_STATUS_OK);
    BOOST_TEST(mab_tag_result_n_entities(r) == 0);
    mab_tag_result_free(r);
    // Window options are checked.
    p.min_score  = 0;
    p.max_length = 2;
    BOOST_TEST(mab_tag(t, text.data(), text.size(), &p, &r) == MAB_STATUS_INVALID_ARGUMENT);
    p.max_length = 16;
    p.stride     = 14;
    BOOST_TEST(mab_tag(t, text.data(), text.size(), &p, &r) == MAB_STATUS_INVALID_ARGUMENT);
    BOOST_TEST(std::string(mab_last_error()).find("stride 14") != std::string::npos);
    mab_tagger_free(t);

    BOOST_TEST(mab_tagger_init(model, nullptr, nullptr, 0, &t) == MAB_STATUS_INVALID_ARGUMENT);
    const char * broken = "{\"label_types\": [1]}";
    BOOST_TEST(mab_tagger_init(model, tok, broken, strlen(broken), &t) == MAB_STATUS_BAD_CONFIG);
    for (const char * bad : {R"({"min_scores": [0.5]})", R"({"min_scores": {"DATE": "0.5"}})", R"({"min_scores": {"DATE": 1.5}})",
                             R"({"min_scores": {"DATE": -0.1}})"}) {
        BOOST_TEST(mab_tagger_init(model, tok, bad, strlen(bad), &t) == MAB_STATUS_BAD_CONFIG);
        BOOST_TEST(std::string(mab_last_error()).find("min_scores") != std::string::npos);
    }

    // A model without a token-classification head cannot tag.
    BOOST_TEST(mab_tagger_load_from_dir((std::string(MAB_GOLDEN_DIR) + "/tiny-seqcls").c_str(), mab_model_default_params(), &t) ==
               MAB_STATUS_NO_HEAD);
    BOOST_TEST(mab_tagger_load_from_dir("/nonexistent-model-dir", mab_model_default_params(), &t) == MAB_STATUS_IO);
    // Loading from a directory owns model and tokenizer.
    BOOST_REQUIRE(mab_tagger_load_from_dir(dir.c_str(), mab_model_default_params(), &t) == MAB_STATUS_OK);
    BOOST_REQUIRE(mab_tag(t, text.data(), text.size(), nullptr, &r) == MAB_STATUS_OK);
    mab_tag_result_free(r);
    mab_tagger_free(t);
}

// A label to ignore that no entity can carry would ignore nothing, silently ("0" typed for "O",
// "B-NAM", a full label where group tags are compared and the reverse): refused by tag and
// deidentify, from the C parameters and the JSON options, naming it and what the aggregation
// compares. "O" is always taken; a rules-only tagger takes anything.
BOOST_FIXTURE_TEST_CASE(ignore_labels_must_name_what_the_aggregation_compares, tiny_model) {
    mab_tagger * t = nullptr;
    BOOST_REQUIRE(mab_tagger_init(model, tok, nullptr, 0, &t) == MAB_STATUS_OK);
    const std::string text = "Seen by John Smith on 03/14/2021.";
    const auto tag_with = [&](const char * labels, mab_aggregation aggregation) {
        mab_tag_params p = mab_tag_default_params();
        p.ignore_labels = labels;
        p.aggregation   = aggregation;
        mab_tag_result * r = nullptr;
        const mab_status st = mab_tag(t, text.data(), text.size(), &p, &r);
        mab_tag_result_free(r);
        return st;
    };
    for (const char * bad : {"0", "O,B-NAM", "name", "NAME,DATES", "B-", "B-NAME", "NAME,I-DATE"}) {
        BOOST_TEST(tag_with(bad, MAB_AGGREGATION_FIRST) == MAB_STATUS_INVALID_ARGUMENT, bad);
        BOOST_TEST(std::string(mab_last_error()).find("is not a group tag (a label without its B-/I-/E-/S- prefix) of the model, "
                                                      "which aggregation 'first' compares: expected one of DATE, NAME, O") !=
                       std::string::npos,
                   mab_last_error());
    }
    for (const char * bad : {"0", "NAME", "B-NAME,DATE"}) {
        BOOST_TEST(tag_with(bad, MAB_AGGREGATION_NONE) == MAB_STATUS_INVALID_ARGUMENT, bad);
        BOOST_TEST(std::string(mab_last_error()).find("is not a label of the model, which aggregation 'none' compares: expected one "
                                                      "of B-DATE, B-NAME, I-DATE, I-NAME, O") != std::string::npos,
                   mab_last_error());
    }
    BOOST_TEST(tag_with("O,B-NAM", MAB_AGGREGATION_FIRST) == MAB_STATUS_INVALID_ARGUMENT);
    BOOST_TEST(std::string(mab_last_error()).find("a label to ignore, 'B-NAM', is not") == 0, mab_last_error());
    for (const char * good : {"O", "", "NAME", "O,DATE,NAME", " O", "O, DATE,\tNAME "}) BOOST_TEST(tag_with(good, MAB_AGGREGATION_FIRST) == MAB_STATUS_OK, good);
    for (const char * good : {"O", "B-NAME", "I-DATE,O"}) BOOST_TEST(tag_with(good, MAB_AGGREGATION_NONE) == MAB_STATUS_OK, good);

    const std::string bad_json = R"({"ignoreLabels": ["O", "B-NAM"]})";
    mab_tag_result * r = nullptr;
    BOOST_TEST(mab_tag_json(t, text.data(), text.size(), bad_json.data(), bad_json.size(), &r) == MAB_STATUS_INVALID_ARGUMENT);
    BOOST_TEST(std::string(mab_last_error()).find("'B-NAM'") != std::string::npos, mab_last_error());
    mab_deid_result * d = nullptr;
    BOOST_TEST(mab_deidentify_json(t, text.data(), text.size(), bad_json.data(), bad_json.size(), &d) == MAB_STATUS_INVALID_ARGUMENT);
    BOOST_TEST(std::string(mab_last_error()).find("'B-NAM'") != std::string::npos, mab_last_error());
    mab_tag_params p = mab_tag_default_params();
    p.ignore_labels = "0";
    mab_tag_job * job = nullptr;
    BOOST_TEST(mab_deidentify_begin(t, text.data(), text.size(), &p, nullptr, &job) == MAB_STATUS_INVALID_ARGUMENT);
    BOOST_TEST(job == nullptr);
    // The entry is checked even when this call runs no model: the labels are the tagger's.
    p.use_model = 0;
    BOOST_TEST(mab_tag(t, text.data(), text.size(), &p, &r) == MAB_STATUS_INVALID_ARGUMENT);
    mab_tagger_free(t);

    rules_tagger rules;
    BOOST_TEST(mab_tag(rules.t, text.data(), text.size(), &p, &r) == MAB_STATUS_OK);
    mab_tag_result_free(r);
}

// A model entity is whole tokens. A special token written in the text is one token, as upstream's
// BertTokenizer reads it ("[UNK]", [8, 13) below), but "[", a word and "]" to the text-level trims
// of the entities (leading words and punctuation, a possessive, a line's end): the default model
// takes "[UNK]" into the name after it, and the trims cut it to "UNK] Ann Lee".
BOOST_AUTO_TEST_CASE(model_entities_are_whole_tokens) {
    const std::string dir = std::string(MAB_SOURCE_DIR) + "/models/deid-minialbert-small";
    mab_tagger * t = nullptr;
    mab_tokenizer * tok = nullptr;
    BOOST_REQUIRE(mab_tagger_load_from_dir(dir.c_str(), mab_model_default_params(), &t) == MAB_STATUS_OK);
    BOOST_REQUIRE(mab_tokenizer_load_from_dir(dir.c_str(), &tok) == MAB_STATUS_OK);
    const std::string texts[] = {
        "Seen by [UNK] Ann Lee today", "[UNK] Ann Lee", "Hi [UNK] Ann Lee.", "Seen by Dr. [UNK] today",
        "Seen by [UNK][UNK] Ann Lee today", "Seen by Ann Lee [UNK]", "Seen by [MASK] Ann Lee today",
        "Called [UNK]'s wife, [UNK] Smith.", "Dr. [SEP] Ann Lee\n[UNK] Cohen, [CLS] Boston",
    };
    for (const std::string & text : texts) {
        mab_encoding * enc = nullptr;
        BOOST_REQUIRE(mab_tokenizer_tokenize(tok, text.data(), text.size(), &enc) == MAB_STATUS_OK);
        std::vector<int32_t> begins, ends;
        for (int32_t i = 0; i < mab_encoding_n_tokens(enc); i++) {
            begins.push_back(mab_encoding_offsets_utf16(enc)[2 * i]);
            ends.push_back(mab_encoding_offsets_utf16(enc)[2 * i + 1]);
        }
        mab_encoding_free(enc);
        for (mab_aggregation a : {MAB_AGGREGATION_SIMPLE, MAB_AGGREGATION_FIRST, MAB_AGGREGATION_AVERAGE, MAB_AGGREGATION_MAX}) {
            mab_tag_params p = mab_tag_default_params();
            p.rules       = "none";
            p.aggregation = a;
            mab_tag_result * r = nullptr;
            BOOST_REQUIRE(mab_tag(t, text.data(), text.size(), &p, &r) == MAB_STATUS_OK);
            for (int32_t i = 0; i < mab_tag_result_n_entities(r); i++) {
                mab_entity e;
                mab_tag_result_entity(r, i, &e);
                BOOST_TEST_CONTEXT(text << " (aggregation " << a << "): '" << e.text << "' [" << e.start << ", " << e.end << ")") {
                    BOOST_TEST((std::find(begins.begin(), begins.end(), e.start) != begins.end()));
                    BOOST_TEST((std::find(ends.begin(), ends.end(), e.end) != ends.end()));
                }
            }
            mab_tag_result_free(r);
        }
    }
    // The literal token is one token with its own span, as upstream's (../shared/golden/tokenizer:
    // "inside[UNK]" -> "inside", "[UNK]"), and the name takes it whole.
    const std::string text = "Seen by [UNK] Ann Lee today";
    mab_encoding * enc = nullptr;
    BOOST_REQUIRE(mab_tokenizer_tokenize(tok, text.data(), text.size(), &enc) == MAB_STATUS_OK);
    BOOST_TEST(std::string(mab_encoding_token(enc, 2)) == "[UNK]");
    BOOST_TEST(mab_encoding_offsets_utf16(enc)[4] == 8);
    BOOST_TEST(mab_encoding_offsets_utf16(enc)[5] == 13);
    mab_encoding_free(enc);
    const json j = tag_json(t, text, R"({"rules": false})");
    BOOST_REQUIRE(j["entities"].size() == 1u);
    BOOST_TEST(j["entities"][0]["text"].get<std::string>() == "[UNK] Ann Lee");
    BOOST_TEST(j["entities"][0]["start"].get<int>() == 8);
    mab_tokenizer_free(tok);
    mab_tagger_free(t);
}

// A JSON document pasted whole (a FHIR Patient as Python's json.dumps writes it: escaped letters,
// lines and quotes; its narrative's XHTML in a string) is de-identified into a JSON document: no
// entity cuts an escape ("nJohn" of "\nJohn"), a surrogate is written escaped, and the narrative's
// names, dates and phone are gone.
BOOST_AUTO_TEST_CASE(json_documents_stay_json) {
    const std::string text =
        R"({"resourceType": "Patient", "id": "pt-88412", "text": {"status": "generated", "div": "<div xmlns=\"http://www.w3.org/1999/xhtml\">)"
        R"(<div class=\"hapiHeaderText\">Vi\u1ec7t Maeve <b>QUARTERMAINE</b></div><table class=\"hapiPropertyTable\"><tbody>)"
        R"(<tr><td>Identifier</td><td>40-771-2093</td></tr><tr><td>Date of birth</td><td><span>14 March 1961</span></td></tr>)"
        R"(<tr><td>Phone</td><td>(541) 555-0192</td></tr></tbody></table></div>"},)"
        R"( "name": [{"family": "Quartermaine", "given": ["Vi\u1ec7t", "Maeve"]}],)"
        R"( "note": "Follow-up visit.\nJohn Smith was seen on 3/4/2024 by Dr. Patel.\nPlan: \"recheck\" in 2 weeks."})";
    BOOST_REQUIRE(nlohmann::json::accept(text));
    const std::string out = surrogates_by_the_default_model(text, "k");
    BOOST_REQUIRE_MESSAGE(nlohmann::json::accept(out), out);
    const std::string read = nlohmann::json::parse(out).dump();
    for (const char * phi : {"Vi\\u1ec7t", "Maeve", "QUARTERMAINE", "Quartermaine", "40-771-2093", "14 March 1961", "555-0192", "John",
                             "Smith", "3/4/2024", "Patel", "pt-88412"}) {
        BOOST_TEST(read.find(phi) == std::string::npos, phi << " in " << read);
    }
    for (const char * kept : {"Identifier", "Date of birth", "hapiHeaderText", "http://www.w3.org/1999/xhtml", "Follow-up visit.\\n",
                              "\\\"recheck\\\""}) {
        BOOST_TEST(read.find(kept) != std::string::npos, kept << " not in " << read);
    }
    // The record says which names are given names: theirs are given names, and the narrative's
    // header names the same person with the same ones.
    const nlohmann::json patient = nlohmann::json::parse(out);
    const std::string given = patient["name"][0]["given"][0], middle = patient["name"][0]["given"][1];
    std::string family = patient["name"][0]["family"];
    const auto listed = [](const auto & list, const std::string & name) { return std::find(std::begin(list), std::end(list), name) != std::end(list); };
    BOOST_TEST(listed(mab::surrogate_lists::first_names, given), given);
    BOOST_TEST(listed(mab::surrogate_lists::first_names, middle), middle);
    BOOST_TEST(listed(mab::surrogate_lists::last_names, family), family);
    for (char & c : family) c = (char) toupper(c);
    const std::string header = patient["text"]["div"];
    BOOST_TEST(header.find(given + " " + middle + " <b>" + family + "</b>") != std::string::npos, header);
}

// An HL7 message de-identified is the same message: every segment keeps its separators, in order,
// whatever the model took for an entity across them ("^^^HOSP^MR" of a PID-3 for a hospital), and
// its codes, which the model took for entities ("MTH" a state, the race "White" a name, "NE" of
// MSH-16 a state).
BOOST_AUTO_TEST_CASE(hl7_messages_keep_their_separators_and_codes) {
    const std::string text = "MSH|^~\\&|EHR|HOSP|LAB|HOSP|202603110945||ADT^A01|MSG1|P|2.5|||AL|NE\r"
                             "PID|1||7731^^^HOSP^MR~7781^^^SSA^SS||NGUYEN^MINH^ANH||19610314|F||2106-3^White^CDCREC|12 Elm St^^Utica^NY^13501"
                             "||(315)555-0142||vi^Vietnamese^ISO639|W^Widowed^HL70002|JEW^Jewish^HL70006|||||2186-5^Not Hispanic or Latino^CDCREC\r"
                             "NK1|1|TRAN^BAO|SON^Son^HL70063||||||||||||M\r"
                             "NK1|2|TRAN^LAN|MTH^Mother^HL70063||||||||||||F\r"
                             "PV1|1|I|4W^417^B|||||1487729310^RAGHUNATHAN^PRIYANKA^^^DR||CAR\r"
                             "AL1|1|DA|PCN^Penicillin|SV|RASH\r"
                             "OBX|1|NM|2345-7^Glucose^LN||97|mg/dL^mg/dL^UCUM|70-99|N|||F\r"
                             "OBX|2|TX|^Note||Seen with her son Bao Tran at Utica Memorial.\\.br\\Dr Raghunathan||||||F\r";
    const std::string out = surrogates_by_the_default_model(text, nullptr);
    // The segments of a message, each a list of its fields' values (separators kept as written).
    const auto segments = [](const std::string & m) {
        std::vector<std::vector<std::string>> lines(1, std::vector<std::string>(1));
        for (char c : m) {
            if (c == '\r') lines.emplace_back(1);
            else if (c == '|') lines.back().emplace_back();
            else lines.back().back().push_back(c);
        }
        return lines;
    };
    const auto separators = [](const std::string & m) {
        std::vector<std::string> lines(1);
        for (char c : m) {
            if (c == '\r') lines.emplace_back();
            else if (strchr("|^~\\&", c)) lines.back().push_back(c);
        }
        return lines;
    };
    BOOST_TEST(separators(out) == separators(text), out);
    const auto before = segments(text), after = segments(out);
    BOOST_REQUIRE_EQUAL(before.size(), after.size());
    const struct {
        size_t      line;
        const char *codes;
    } kept[] = {{0, "0 1 2 4 8 10 11 14 15"}, {1, "0 1 8 10 15 16 17 22"}, {2, "0 1 3 15"}, {3, "0 1 3 15"}, {4, "0 1 2 10"},
                {5, "0 1 2 3 4 5"}, {6, "0 1 2 3 5 6 7 8 11"}, {7, "0 1 2 3 11"}};
    for (const auto & k : kept) {
        std::istringstream fields(k.codes);
        for (size_t f; fields >> f;) {
            BOOST_REQUIRE(f < before[k.line].size() && f < after[k.line].size());
            // MSH-1 is the field separator itself, so its fields come one later.
            BOOST_TEST(after[k.line][f] == before[k.line][f], before[k.line][0] << "-" << (k.line == 0 ? f + 1 : f) << " in " << out);
        }
    }
    for (const char * phi : {"NGUYEN", "MINH", "7731", "7781", "19610314", "Elm", "555-0142", "TRAN^BAO", "TRAN^LAN", "RAGHUNATHAN",
                             "1487729310", "Bao Tran"}) {
        BOOST_TEST(out.find(phi) == std::string::npos, phi << " in " << out);
    }
}

// The stepwise API: stepping a long note window by window, interleaving two jobs on one tagger, or
// finishing without stepping all give what the one call gives; the job's misuses are errors.
BOOST_FIXTURE_TEST_CASE(stepwise_jobs_match_the_one_call, tiny_model) {
    mab_tagger * t = nullptr;
    BOOST_REQUIRE(mab_tagger_init(model, tok, nullptr, 0, &t) == MAB_STATUS_OK);
    std::string note;
    for (int k = 0; k < 12; k++) {
        note += "Patient John Smith (MRN 48291" + std::to_string(k) + ") was admitted on 03/1" + std::to_string(k % 10) +
                "/2021, seen by Dr. Alice Wong, call 617-555-01" + std::to_string(10 + k) + ". ";
    }
    const std::string options = R"({"maxLength": 32, "stride": 6})";
    const json expected = tag_json(t, note, options);
    mab_deid_result * d = nullptr;
    BOOST_REQUIRE(mab_deidentify_json(t, note.data(), note.size(), options.data(), options.size(), &d) == MAB_STATUS_OK);
    const json expected_deid = json::parse(mab_deid_result_json(d));
    mab_deid_result_free(d);

    auto begin = [&](const std::string & text, mab_tag_job ** job) {
        BOOST_REQUIRE_MESSAGE(mab_tag_begin_json(t, text.data(), text.size(), options.data(), options.size(), job) == MAB_STATUS_OK,
                              mab_last_error());
    };
    auto finish = [&](mab_tag_job * job) {
        mab_tag_result * r = nullptr;
        BOOST_REQUIRE_MESSAGE(mab_tag_job_finish(job, &r) == MAB_STATUS_OK, mab_last_error());
        const json j = json::parse(mab_tag_result_json(r));
        mab_tag_result_free(r);
        return j;
    };

    // Window by window; the job copied the text, so the caller's buffer may change at once.
    std::string scratch = note;
    mab_tag_job * a = nullptr;
    begin(scratch, &a);
    scratch.assign(scratch.size(), 'x');
    const int32_t n = mab_tag_job_n_steps(a);
    BOOST_TEST(n > 5);
    for (int32_t k = 0; k < n; k++) {
        BOOST_TEST(mab_tag_job_steps_done(a) == k);
        BOOST_REQUIRE(mab_tag_job_step(a) == MAB_STATUS_OK);
    }
    BOOST_TEST(mab_tag_job_steps_done(a) == n);
    BOOST_TEST(mab_tag_job_step(a) == MAB_STATUS_INVALID_ARGUMENT);
    BOOST_TEST(std::string(mab_last_error()).find("no step left") != std::string::npos);
    BOOST_TEST(finish(a) == expected);
    mab_tag_result * r = nullptr;
    BOOST_TEST(mab_tag_job_finish(a, &r) == MAB_STATUS_INVALID_ARGUMENT); // finished once only
    BOOST_TEST(r == nullptr);
    mab_tag_job_free(a);

    // Two jobs stepped in turn, one on another text; a third finished without steps.
    const std::string other = "Seen by Dr. Maria Lopez on 04/05/2022 at Mercy Hospital.";
    mab_tag_job *b = nullptr, *c = nullptr, *e = nullptr;
    begin(note, &b);
    begin(other, &c);
    begin(note, &e);
    while (mab_tag_job_steps_done(b) < mab_tag_job_n_steps(b)) {
        BOOST_REQUIRE(mab_tag_job_step(b) == MAB_STATUS_OK);
        if (mab_tag_job_steps_done(c) < mab_tag_job_n_steps(c)) BOOST_REQUIRE(mab_tag_job_step(c) == MAB_STATUS_OK);
    }
    BOOST_TEST(finish(b) == expected);
    BOOST_TEST(finish(c) == tag_json(t, other, options));
    BOOST_TEST(finish(e) == expected);
    for (mab_tag_job * j : {b, c, e}) mab_tag_job_free(j);

    // Cancelling is freeing a job part way.
    begin(note, &a);
    BOOST_REQUIRE(mab_tag_job_step(a) == MAB_STATUS_OK);
    mab_tag_job_free(a);

    // De-identification jobs finish as de-identification only, and tag jobs as tags only.
    BOOST_REQUIRE(mab_deidentify_begin_json(t, note.data(), note.size(), options.data(), options.size(), &a) == MAB_STATUS_OK);
    BOOST_TEST(mab_tag_job_finish(a, &r) == MAB_STATUS_INVALID_ARGUMENT);
    BOOST_TEST(std::string(mab_last_error()).find("mab_tag_job_finish_deid") != std::string::npos);
    BOOST_REQUIRE(mab_tag_job_step(a) == MAB_STATUS_OK);
    BOOST_REQUIRE(mab_tag_job_finish_deid(a, &d) == MAB_STATUS_OK);
    BOOST_TEST(json::parse(mab_deid_result_json(d)) == expected_deid);
    mab_deid_result_free(d);
    mab_tag_job_free(a);
    begin(note, &a);
    BOOST_TEST(mab_tag_job_finish_deid(a, &d) == MAB_STATUS_INVALID_ARGUMENT);
    mab_tag_job_free(a);

    // The C-parameter forms, and bad options refused at begin.
    mab_tag_params p = mab_tag_default_params();
    p.max_length = 32;
    p.stride     = 6;
    BOOST_REQUIRE(mab_tag_begin(t, note.data(), note.size(), &p, &a) == MAB_STATUS_OK);
    BOOST_TEST(finish(a) == expected);
    mab_tag_job_free(a);
    BOOST_REQUIRE(mab_deidentify_begin(t, note.data(), note.size(), &p, nullptr, &a) == MAB_STATUS_OK);
    BOOST_REQUIRE(mab_tag_job_finish_deid(a, &d) == MAB_STATUS_OK);
    BOOST_TEST(json::parse(mab_deid_result_json(d)) == expected_deid);
    mab_deid_result_free(d);
    mab_tag_job_free(a);
    const std::string bad = R"({"stride": 40, "maxLength": 32})";
    BOOST_TEST(mab_tag_begin_json(t, note.data(), note.size(), bad.data(), bad.size(), &a) == MAB_STATUS_INVALID_ARGUMENT);
    BOOST_TEST(a == nullptr);
    BOOST_TEST(mab_tag_job_step(nullptr) == MAB_STATUS_INVALID_ARGUMENT);
    mab_tagger_free(t);

    // Without the model a job has no steps.
    rules_tagger rules;
    BOOST_REQUIRE(mab_tag_begin_json(rules.t, note.data(), note.size(), nullptr, 0, &a) == MAB_STATUS_OK);
    BOOST_TEST(mab_tag_job_n_steps(a) == 0);
    BOOST_TEST(mab_tag_job_step(a) == MAB_STATUS_INVALID_ARGUMENT);
    BOOST_TEST(finish(a) == tag_json(rules.t, note, "{}"));
    mab_tag_job_free(a);
}

BOOST_AUTO_TEST_SUITE_END()
