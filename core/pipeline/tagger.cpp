#include "pipeline/tagger.h"

#include "loader/json-depth.h"
#include "pipeline/clinical-terms.h"
#include "pipeline/comma-list.h"
#include "pipeline/common-words.h"
#include "pipeline/hl7-fields.h"
#include "pipeline/json-escapes.h"
#include "pipeline/json-fields.h"
#include "pipeline/merge.h"
#include "pipeline/spoken-names.h"
#include "pipeline/table-columns.h"
#include "pipeline/windows.h"
#include "pipeline/xml-fields.h"
#include "status.h"
#include "tokenizer/tokenizer.h"
#include "tokenizer/unicode.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <string_view>

namespace mab {

mab_status tagger_read_config(const char * config_json, size_t len, std::map<std::string, std::string> * label_types,
                              std::map<std::string, float> * min_scores) {
    label_types->clear();
    min_scores->clear();
    if (!config_json) return MAB_STATUS_OK;
    if (json_too_deep(config_json, len)) return set_error(MAB_STATUS_BAD_CONFIG, "config.json: nested deeper than %d levels", MAX_JSON_DEPTH);
    const nlohmann::json j = nlohmann::json::parse(config_json, config_json + len, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return set_error(MAB_STATUS_BAD_CONFIG, "config.json: not a JSON object");
    if (j.contains("label_types")) {
        const nlohmann::json & lt = j["label_types"];
        if (!lt.is_object()) {
            return set_error(MAB_STATUS_BAD_CONFIG, "config.json: \"label_types\" must be an object of strings");
        }
        for (auto it = lt.begin(); it != lt.end(); ++it) {
            if (!it.value().is_string()) {
                return set_error(MAB_STATUS_BAD_CONFIG, "config.json: \"label_types\"[\"%s\"] must be a string",
                                 it.key().c_str());
            }
            (*label_types)[it.key()] = it.value().get<std::string>();
        }
    }
    if (j.contains("min_scores")) {
        const nlohmann::json & ms = j["min_scores"];
        if (!ms.is_object()) {
            return set_error(MAB_STATUS_BAD_CONFIG,
                             "config.json: \"min_scores\" must be an object of entity type -> number in [0, 1]");
        }
        for (auto it = ms.begin(); it != ms.end(); ++it) {
            const double v = it.value().is_number() ? it.value().get<double>() : -1.0;
            if (!(v >= 0.0 && v <= 1.0)) {
                return set_error(MAB_STATUS_BAD_CONFIG, "config.json: \"min_scores\"[\"%s\"] must be a number in [0, 1]",
                                 it.key().c_str());
            }
            (*min_scores)[it.key()] = (float) v;
        }
    }
    return MAB_STATUS_OK;
}

mab_status rules_from_list(const char * list, uint32_t * out) {
    const std::vector<std::string> names = list ? split_commas(list) : std::vector<std::string>{"all"};
    *out = 0;
    for (const std::string & name : names) {
        if ((name == "all" || name == "none") && names.size() > 1) {
            return set_error(MAB_STATUS_INVALID_ARGUMENT, "rule list '%s': '%s' stands alone, not in a list of families", list,
                             name.c_str());
        } else if (name == "all") {
            *out = RULE_ALL;
        } else if (name == "none") {
            *out = 0;
        } else if (const uint32_t bit = rule_family_from_name(name.data(), name.size())) {
            *out |= bit;
        } else {
            std::string known;
            for (const char * const * n = RULE_FAMILY_NAMES; *n; n++) known += std::string(*n) + ", ";
            return set_error(MAB_STATUS_INVALID_ARGUMENT, "unknown rule family '%s' (expected %sall or none)", name.c_str(),
                             known.c_str());
        }
    }
    return MAB_STATUS_OK;
}

namespace {

mab_status forward_window(void * user, const int32_t * ids, int32_t len, float * logits) {
    return mab_forward((mab_model *) user, ids, nullptr, nullptr, 1, len, logits, nullptr, mab_forward_default_params());
}

void decode_token(void * user, int32_t t, const float * probs) {
    tag_run * run = (tag_run *) user;
    const int32_t * offsets  = mab_encoding_offsets_codepoints(run->enc);
    const int32_t * word_ids = mab_encoding_word_ids(run->enc);
    const bool subword = t > 0 && word_ids[t] == word_ids[t - 1];
    run->decoder.push(offsets[2 * t], offsets[2 * t + 1], subword, probs);
}

mab_status begin_model(tag_run * run) {
    mab_tagger * t = run->tagger;
    const tag_options & opt = run->opt;
    const int32_t max_length = opt.max_length > 0 ? std::min(opt.max_length, t->max_positions) : t->max_positions;
    const int32_t room = max_length - t->n_added_begin - t->n_added_end;
    if (room < 1) return set_error(MAB_STATUS_INVALID_ARGUMENT, "max_length %d leaves no room for text tokens", max_length);
    const int32_t stride = opt.stride >= 0 ? opt.stride : room / 4;
    if (stride >= room) {
        return set_error(MAB_STATUS_INVALID_ARGUMENT, "stride %d must be below the %d text tokens of a window of %d", stride, room,
                         max_length);
    }
    mab_tokenizer_encode_params ep = mab_tokenizer_default_encode_params();
    ep.max_length = max_length;
    ep.stride     = stride;
    // The model, trained on notes, reads an XML document's text without its markup: of a CDA header's
    // "<given>Isa</given><family>Jones</family>" it saw "Isa Jones", and no element names to take
    // for people. It reads a JSON string's escapes as what they stand for.
    const bool rewritten = !run->markup.empty() || !run->escapes.empty();
    if (rewritten) {
        run->model_text = xml_text_for_the_model(run->text, run->len, run->markup);
        run->model_text = text_unescaped(run->model_text.data(), run->len, run->escapes);
    }
    mab_status st = rewritten ? mab_tokenizer_encode(t->tokenizer, run->model_text.data(), run->model_text.size(), ep, &run->enc)
                              : mab_tokenizer_encode(t->tokenizer, run->text, run->len, ep, &run->enc);
    if (st != MAB_STATUS_OK) return st;

    entity_decoder & dec = run->decoder;
    dec.labels        = &t->labels;
    dec.label_types   = &t->label_types;
    dec.strategy      = opt.strategy;
    dec.ignore_labels = opt.ignore_labels;
    dec.out           = run->out;

    window_runner & wr = run->windows;
    wr.forward       = forward_window;
    wr.forward_user  = t->model;
    wr.sink          = decode_token;
    wr.sink_user     = run;
    wr.n_labels      = (int32_t) t->labels.labels.size();
    wr.n_added_begin = t->n_added_begin;
    wr.n_added_end   = t->n_added_end;
    return MAB_STATUS_OK;
}

// An aggregated model entity without a letter or digit (a stray `***`, `-` or `—`) is never PHI;
// with aggregation "none" every token is its own entity, so the `/` of a date stays. A code point
// beyond ASCII counts as a letter unless it is punctuation, a space or a control character.
bool has_word_character(const char * bytes, size_t n) {
    for (size_t k = 0; k < n;) {
        const unsigned char c = (unsigned char) bytes[k];
        if (c < 0x80) {
            if (isalnum(c)) return true;
            k++;
            continue;
        }
        uint32_t cp = 0;
        k += (size_t) utf8_next((const uint8_t *) bytes, n, k, &cp);
        if (!unicode::is_category_p(cp) && !unicode::is_category_zs(cp) && !unicode::is_category_c(cp)) return true;
    }
    return false;
}

// Whether the word at byte i begins with a capital letter, in any script ("Ellison", "Öztürk").
bool capital_at(const char * text, size_t len, size_t i) {
    uint32_t cp = 0;
    utf8_next((const uint8_t *) text, len, i, &cp);
    return unicode::is_upper(cp);
}

// End of the word at byte i: letters (ASCII or not) and apostrophes.
size_t word_end_at(const char * text, size_t len, size_t i) {
    while (i < len && (isalpha((unsigned char) text[i]) || (unsigned char) text[i] >= 0x80 || text[i] == '\'')) i++;
    return i;
}

// Whether the word at byte i is written in ASCII capitals, two or more: "MS", "OK" and "IN" are
// states where the common words are written "Ms", "okay", "in".
bool capitals_word_at(const char * text, size_t len, size_t i) {
    size_t k = i;
    while (k < len && isupper((unsigned char) text[k])) k++;
    return k - i >= 2 && (k == len || !isalpha((unsigned char) text[k]));
}

// A model NAME that stops at a hyphen takes the capitalised word joined to it: "Quinn Harper-Ellison"
// came out as "Quinn Harper" and "-Ellison" stayed in the de-identified text, "Lily-Mae" as "Mae".
// So does one that stops at the apostrophe after a one-letter prefix: "Lee O" of "Lee O'Brien".
void grow_name_over_hyphens(const char * text, size_t len, size_t * b, size_t * e) {
    if (*e - *b >= 2 && text[*b] == '-') ++*b;     // the model's "-Boateng" of "Mensah-Boateng"
    if (*e - *b >= 2 && text[*e - 1] == '-') --*e; // and its "Mensah-"
    const size_t apostrophe = *e < len && text[*e] == '\'' ? 1 : *e + 2 < len && !memcmp(text + *e, "\xE2\x80\x99", 3) ? 3 : 0;
    if (apostrophe && *e > *b && capital_at(text, len, *e - 1) && (*e - 1 == *b || !isalpha((unsigned char) text[*e - 2])) &&
        capital_at(text, len, *e + apostrophe)) {
        *e = word_end_at(text, len, *e + apostrophe);
    }
    while (*e + 1 < len && text[*e] == '-' && capital_at(text, len, *e + 1)) {
        const size_t end = word_end_at(text, len, *e + 1);
        if (end == *e + 1) break;
        *e = end;
    }
    while (*b >= 2 && text[*b - 1] == '-') {
        size_t start = *b - 1;
        while (start > 0 && (isalpha((unsigned char) text[start - 1]) || (unsigned char) text[start - 1] >= 0x80)) start--;
        while (start < *b - 1 && ((unsigned char) text[start] & 0xC0) == 0x80) start++; // not inside a character
        if (start == *b - 1 || !capital_at(text, len, start)) break;
        *b = start;
    }
}

// Whether byte b is the letter after "x/" that ends a two-letter abbreviation ("d/c", "s/p", "w/o").
bool is_second_letter_of_an_abbreviation(const char * text, size_t len, size_t b) {
    const auto letter = [&](size_t i) { return i < len && isalpha((unsigned char) text[i]); };
    return b >= 2 && text[b - 1] == '/' && letter(b - 2) && (b == 2 || !isalnum((unsigned char) text[b - 3])) && letter(b) &&
           !letter(b + 1) && !(b + 1 < len && isdigit((unsigned char) text[b + 1]));
}

// A model contact, ID or ZIP grows over the run of ASCII letters and digits that '-', '.' or '/'
// join it to: the default model cut "617-555-O134" (an OCR letter O) into "617-" and "555-" and
// left "O134" in the text.
void grow_code_over_its_run(const char * text, size_t len, size_t * b, size_t * e) {
    const auto alnum  = [&](size_t i) { return i < len && isalnum((unsigned char) text[i]); };
    const auto joiner = [&](size_t i) { return i < len && (text[i] == '-' || text[i] == '.' || text[i] == '/'); };
    while (*b > 0 && (alnum(*b - 1) || (*b >= 2 && joiner(*b - 1) && alnum(*b - 2)))) --*b;
    while (alnum(*e) || (joiner(*e) && alnum(*e + 1))) ++*e;
    while (*e > *b && joiner(*e - 1)) --*e;
}

// A parenthesis the code's span holds without its pair is the text's, not the code's: the model's
// "(231-555-0187 x204" of "by phone (231-555-0187 x204) at".
void trim_unpaired_parentheses(const char * text, size_t * b, size_t * e) {
    const auto count = [&](char c) { return std::count(text + *b, text + *e, c); };
    if (*e > *b && text[*b] == '(' && count('(') > count(')')) ++*b;
    if (*e > *b && text[*e - 1] == ')' && count(')') > count('(')) --*e;
}

// The end of a model DATE text[b, e) before the hour it took of a clock time after it: "1/22" of
// the model's "1/22 10" in "1/22 10:43", whose minutes would have stayed as "[DATE]:43". e when none.
size_t date_end_before_its_hour(const char * text, size_t len, size_t b, size_t e) {
    size_t h = e;
    while (h > b && isdigit((unsigned char) text[h - 1])) h--;
    if (h == e || e - h > 2 || h <= b + 1 || text[h - 1] != ' ' || !(e + 1 < len && text[e] == ':' && isdigit((unsigned char) text[e + 1]))) {
        return e;
    }
    h--;
    while (h > b && (text[h - 1] == ' ' || text[h - 1] == ',')) h--;
    return h;
}

// text[*b, *e) grown over the letters and digits that hyphens join to it: "BI" or "BI-" -> "BI-RADS".
void widen_to_hyphened_word(const char * text, size_t len, size_t * b, size_t * e) {
    const auto alnum = [&](size_t i) { return i < len && isalnum((unsigned char) text[i]); };
    if (*e > *b && text[*e - 1] == '-') --*e; // the model's "BI-"
    while (*e < len && text[*e] == '-' && alnum(*e + 1)) {
        ++*e;
        while (alnum(*e)) ++*e;
    }
    while (*b >= 2 && text[*b - 1] == '-' && alnum(*b - 2)) {
        --*b;
        while (*b > 0 && alnum(*b - 1)) --*b;
    }
}

// Where a table's header or an HL7 field's place says what a cell holds, the model's reading of the
// words gives way: its spans ran across cells ("TRAVERSE CITY^MI^49684" as one city, whose surrogate
// lost the separators) and typed them by their words.
void drop_model_spans_over_cells(std::vector<span> * out) {
    std::vector<std::pair<int32_t, int32_t>> cells;
    for (const span & s : *out) {
        if (is_structure_field(s)) cells.emplace_back(s.begin, s.end);
    }
    if (cells.empty()) return;
    out->erase(std::remove_if(out->begin(), out->end(),
                              [&](const span & s) {
                                  return s.source == SOURCE_MODEL &&
                                         std::any_of(cells.begin(), cells.end(), [&](const std::pair<int32_t, int32_t> & c) {
                                             return s.begin < c.second && c.first < s.end;
                                         });
                              }),
               out->end());
}

// A street the rule finds takes in the model's spans over it: the default model read "12 Oak Street,
// Boston" as the name "Oak Street, Boston", which, longer, would have won over the street and left
// the house number in the de-identified text.
void absorb_into_streets(std::vector<span> * out) {
    std::vector<bool> absorbed(out->size(), false);
    for (span & street : *out) {
        if (street.source != SOURCE_RULE || street.origin != "street") continue;
        for (size_t m = 0; m < out->size(); m++) {
            const span & o = (*out)[m];
            if (o.source != SOURCE_MODEL || absorbed[m] || o.end <= street.begin || street.end <= o.begin) continue;
            absorbed[m]  = true;
            street.begin = std::min(street.begin, o.begin);
            street.end   = std::max(street.end, o.end);
        }
    }
    std::vector<span> kept;
    for (size_t m = 0; m < out->size(); m++) {
        if (!absorbed[m]) kept.push_back(std::move((*out)[m]));
    }
    out->swap(kept);
}

// XML markup holds no PHI, and a span over it would break the document de-identified: an entity
// (the model's "Henry</given><given>Seven", the user's deny list's word in an element's name) keeps
// its parts outside the markup that hold a letter or digit. So do the model's entities over an HL7
// message's segment ids and separators (`model_only`: "^^^HOSP^MR" of a PID-3 taken for a
// hospital; the message's own names span separators, "OKONKWO^ADAEZE"), and every entity over its
// codes.
void keep_spans_out_of_markup(const char * text, const std::vector<std::pair<size_t, size_t>> & markup,
                              const text_index & index, std::vector<span> * out, bool model_only = false) {
    if (markup.empty()) return;
    std::vector<span> kept;
    for (const span & s : *out) {
        const size_t b = (size_t) index.byte_of_cp[(size_t) s.begin], e = (size_t) index.byte_of_cp[(size_t) s.end];
        auto m = std::partition_point(markup.begin(), markup.end(), [&](const std::pair<size_t, size_t> & r) { return r.second <= b; });
        if (m == markup.end() || m->first >= e || (model_only && s.source != SOURCE_MODEL)) {
            kept.push_back(s);
            continue;
        }
        const auto keep_part = [&](size_t pb, size_t pe) {
            while (pb < pe && isspace((unsigned char) text[pb])) pb++;
            while (pe > pb && isspace((unsigned char) text[pe - 1])) pe--;
            if (pb == pe || !has_word_character(text + pb, pe - pb)) return;
            span part  = s;
            part.begin = index.cp_of_byte((int32_t) pb);
            part.end   = index.cp_of_byte((int32_t) pe);
            kept.push_back(std::move(part));
        };
        size_t p = b;
        for (; m != markup.end() && m->first < e; ++m) {
            if (m->first > p) keep_part(p, m->first);
            p = std::max(p, m->second);
        }
        if (p < e) keep_part(p, e);
    }
    *out = std::move(kept);
}

} // namespace

void join_split_names(const char * text, const text_index & index, std::vector<span> * spans) {
    std::vector<span> & v = *spans;
    std::sort(v.begin(), v.end(), [](const span & a, const span & b) { return a.begin < b.begin; });
    const auto person = [&](const span & s) {
        if (s.type != "NAME" || s.subtype == "USERNAME") return false;
        const size_t b = (size_t) index.byte_of_cp[(size_t) s.begin], e = (size_t) index.byte_of_cp[(size_t) s.end];
        return memchr(text + b, ' ', e - b) || !(is_common_word(text + b, e - b) || is_relative_word(text, b, e));
    };
    for (size_t k = 0; k + 1 < v.size();) {
        span & a = v[k];
        const span & b = v[k + 1];
        if (b.begin != a.end + 1 || text[index.byte_of_cp[(size_t) a.end]] != ' ' || !person(a) || !person(b)) {
            k++;
            continue;
        }
        if (b.score > a.score) a.subtype = b.subtype;
        a.score = std::max(a.score, b.score);
        a.end   = b.end;
        v.erase(v.begin() + (long) k + 1);
    }
}


bool model_contact_is_plausible(const std::string & subtype, const char * bytes, size_t n) {
    // An e-mail address has an '@', a URL a dot or a slash ("EMG/NCV" is read as a URL without them).
    if (subtype == "EMAIL") return memchr(bytes, '@', n) != nullptr;
    if (subtype == "URL") return memchr(bytes, '.', n) != nullptr || memchr(bytes, '/', n) != nullptr;
    if (subtype != "PHONE" && subtype != "FAX") return true;
    for (size_t k = 0; k < n;) {
        const unsigned char c = (unsigned char) bytes[k];
        if (c >= 0x80) return false;
        if (!isalpha(c)) {
            k++;
            continue;
        }
        const size_t begin = k;
        std::string word;
        for (; k < n && isalpha((unsigned char) bytes[k]); k++) word += (char) tolower((unsigned char) bytes[k]);
        // A letter O for a zero, as OCR reads one, inside a group of digits: "617-555-O134".
        const bool ocr_zero = word == "o" && ((begin > 0 && isdigit((unsigned char) bytes[begin - 1])) ||
                                              (k < n && isdigit((unsigned char) bytes[k])));
        if (word != "x" && word != "ext" && word != "extn" && !ocr_zero) return false;
    }
    return true;
}

bool model_date_is_plausible(const std::string & type, const char * bytes, size_t n) {
    if (type != "DATE") return true;
    struct number { long value; size_t digits; };
    std::vector<number> parts(1, number{0, 0});
    char separator = 0;
    for (size_t k = 0; k < n; k++) {
        const char c = bytes[k];
        if (isdigit((unsigned char) c)) {
            number & p = parts.back();
            if (++p.digits > 4) return true; // not a date shape: the model's call stands
            p.value = p.value * 10 + (c - '0');
        } else if ((c == '/' || c == '-' || c == '.') && parts.back().digits == 0) {
            return false; // no date has an empty part: "4/80/-1" (a cervical exam), "80/-"
        } else if ((c == '/' || c == '-' || c == '.') && (!separator || c == separator)) {
            separator = c;
            parts.push_back(number{0, 0});
        } else {
            return true;
        }
    }
    if (parts.size() < 2 || parts.size() > 3) return true; // a bare number: a year, or a day seen in context
    const auto year  = [](const number & p) { return p.digits == 2 || p.digits == 4; };
    const auto month = [](const number & p) { return p.digits <= 2 && p.value >= 1 && p.value <= 12; };
    const auto day   = [](const number & p) { return p.digits <= 2 && p.value >= 1 && p.value <= 31; };
    const number &a = parts[0], &b = parts[1];
    if (parts.size() == 2) {
        const bool year_range = a.digits == 4 && b.digits == 4; // "2019-2020"
        return (month(a) && (day(b) || year(b))) || (day(a) && month(b)) || (year(a) && month(b)) || year_range;
    }
    const number & c = parts[2];
    return ((month(a) && day(b)) || (day(a) && month(b))) ? year(c) : year(a) && month(b) && day(c);
}

mab_status tagger_begin(mab_tagger * t, const char * text, size_t len, const tag_options & opt, text_index * index,
                        std::vector<span> * out, tag_run * run) {
    out->clear();
    if (!text && len) return set_error(MAB_STATUS_INVALID_ARGUMENT, "tag: text is NULL");
    run->tagger = t;
    run->opt    = opt;
    run->text   = text ? text : "";
    run->len    = len;
    run->index  = index;
    run->out    = out;
    run->markup  = xml_markup(run->text, len);
    run->escapes = json_escapes(run->text, len);
    mab_status st = text_index_build(run->text, len, index);
    if (st == MAB_STATUS_OK && opt.use_model && t->model) st = begin_model(run);
    return st;
}

int32_t tagger_n_steps(const tag_run & run) { return run.enc ? mab_encoding_n_windows(run.enc) : 0; }

int32_t tagger_steps_done(const tag_run & run) { return run.enc ? run.windows.next_window : 0; }

mab_status tagger_step(tag_run * run) {
    if (!run->enc) return set_error(MAB_STATUS_INVALID_ARGUMENT, "tag: this run has no model windows to step through");
    return window_runner_step(&run->windows, run->enc);
}

namespace {

// A line break ends an entity. The model's labels run on across one ("Somerville\nStaying at a
// shelter"), which would take the next line's first words with them; each line's part is judged on
// its own below.
void split_at_line_breaks(const char * text, const text_index & index, std::vector<span> * spans) {
    std::vector<span> out;
    out.reserve(spans->size());
    const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    for (const span & s : *spans) {
        const size_t b = (size_t) index.byte_of_cp[(size_t) s.begin], e = (size_t) index.byte_of_cp[(size_t) s.end];
        if (!memchr(text + b, '\n', e - b)) {
            out.push_back(s);
            continue;
        }
        for (size_t start = b; start < e;) {
            const char * nl  = (const char *) memchr(text + start, '\n', e - start);
            const size_t end = nl ? (size_t) (nl - text) : e;
            size_t pb = start, pe = end;
            while (pb < pe && blank(text[pb])) pb++;
            while (pe > pb && blank(text[pe - 1])) pe--;
            // The punctuation that ends a line is no part of the entity, but an initial's period is.
            const bool initial = pe >= pb + 2 && text[pe - 1] == '.' && (pe == pb + 2 || blank(text[pe - 3]));
            if (nl && pe > pb + 1 && text[pe - 1] != 0 && strchr(".,;:", text[pe - 1]) && !initial) pe--;
            if (pe > pb) {
                span part = s;
                part.begin = index.cp_of_byte((int32_t) pb);
                part.end   = index.cp_of_byte((int32_t) pe);
                out.push_back(std::move(part));
            }
            start = end + 1;
        }
    }
    spans->swap(out);
}

// The text-level edits of the model's entities above (a line's end, leading words and punctuation, a
// possessive, a hyphenated name) read a special token written in the text ("[UNK]") as punctuation
// and a word, where the tokenizer, as upstream's, reads one token: an edge they leave inside a token
// goes back to that token's edge, so that an entity is whole tokens, as the model labelled them
// ("UNK] Ann Lee" was cut out of "[UNK] Ann Lee").
void widen_to_whole_tokens(const mab_encoding * enc, std::vector<span> * spans) {
    const int32_t   n   = mab_encoding_n_tokens(enc);
    const int32_t * off = mab_encoding_offsets_codepoints(enc);
    // The last token that begins before code point cp (tokens are in text order), or -1.
    const auto token_before = [&](int32_t cp) {
        int32_t lo = 0, hi = n;
        while (lo < hi) {
            const int32_t mid = lo + (hi - lo) / 2;
            if (off[2 * mid] < cp) lo = mid + 1;
            else hi = mid;
        }
        return lo - 1;
    };
    for (span & s : *spans) {
        const int32_t b = token_before(s.begin);
        if (b >= 0 && off[2 * b + 1] > s.begin) s.begin = off[2 * b];
        const int32_t e = token_before(s.end);
        if (e >= 0 && off[2 * e + 1] > s.end) s.end = off[2 * e + 1];
    }
}

} // namespace

mab_status tagger_finish(tag_run * run) {
    const mab_tagger * t = run->tagger;
    const tag_options & opt = run->opt;
    const char * text = run->text;
    const size_t len = run->len;
    const text_index * index = run->index;
    std::vector<span> * out = run->out;
    word_cases cases;
    if (run->enc) {
        const mab_status st = window_runner_finish(&run->windows, run->enc);
        if (st != MAB_STATUS_OK) return st;
        run->decoder.finish();
        split_at_line_breaks(text, *index, out);
        // A name's leading greetings and fillers go first, so that "Keep Wixela" is judged as
        // "Wixela" below, and so does its possessive ending ("Smith's").
        if (opt.strategy != AGGREGATION_NONE) {
            for (span & s : *out) {
                if (s.type != "NAME") continue;
                size_t b = (size_t) index->byte_of_cp[(size_t) s.begin], e = (size_t) index->byte_of_cp[(size_t) s.end];
                if (s.subtype != "USERNAME") trim_lower_case_words_around_a_name(text, len, &b, &e);
                const size_t nb = name_start_after_leading_words(text, len, b, e);
                s.begin = index->cp_of_byte((int32_t) nb);
                s.end   = index->cp_of_byte((int32_t) name_end_before_possessive(text, nb, e));
            }
        }
        out->erase(std::remove_if(out->begin(), out->end(),
                                  [&](const span & s) {
                                      if (s.score < opt.min_score) return true;
                                      const auto floor = t->min_scores.find(s.type);
                                      // A job the text says is one may score under the floor,
                                      // but not far: "I'm a paralegal" (0.85), not "I'm a i'm a".
                                      if (floor != t->min_scores.end() && s.score < floor->second &&
                                          !(s.type == "PROFESSION" && s.score >= 0.6f &&
                                            is_said_to_be_ones_job(text, len, (size_t) index->byte_of_cp[(size_t) s.begin]))) {
                                          return true;
                                      }
                                      if (opt.strategy == AGGREGATION_NONE) return false;
                                      const size_t b = (size_t) index->byte_of_cp[(size_t) s.begin];
                                      const size_t e = (size_t) index->byte_of_cp[(size_t) s.end];
                                      // The model may tag a part of a reading ("20" of "Vision
                                      // 20/20"): a numeric date is judged with its whole reading.
                                      size_t rb = b, re = e;
                                      widen_to_joined_digits(text, len, "/-.", &rb, &re);
                                      // A cervical exam's station is signed: "4/80/-1" is one reading.
                                      if (re + 2 < len && text[re] == '/' && (text[re + 1] == '-' || text[re + 1] == '+') &&
                                          isdigit((unsigned char) text[re + 2])) {
                                          re += 2;
                                          widen_to_joined_digits(text, len, "/-.", &rb, &re);
                                      }
                                      // A word the model cut at a hyphen is judged whole: "BI" of
                                      // "BI-RADS" is a clinical term.
                                      size_t hb = b, he = e;
                                      widen_to_hyphened_word(text, len, &hb, &he);
                                      return is_possessive_ending(text, b, e) || !has_word_character(text + b, e - b) ||
                                             !model_contact_is_plausible(s.subtype, text + b, e - b) ||
                                             !model_date_is_plausible(s.type, text + rb, re - rb) ||
                                             (s.type == "DATE" && (is_clinical_scale(text, len, b, e) ||
                                                                   is_clinical_quantity(text, len, b, e) ||
                                                                   is_clinical_ordinal(text, len, b, e) ||
                                                                   is_mixed_number(text, len, b, e) ||
                                                                   is_count_of_total(text, len, b, e))) ||
                                             ((s.type == "AGE" || s.type == "DATE") &&
                                              (is_number_in_a_name(text, len, b, e) || is_cut_number(text, len, b, e))) ||
                                             (s.type == "AGE" && is_amount(text, len, b, e)) ||
                                             (s.type == "ID" && is_obstetric_history(text, len, b, e)) ||
                                             ((s.type == "ID" || s.type == "DATE" || s.type == "AGE") &&
                                              is_pedigree_position(text, len, b, e)) ||
                                             (s.type == "DATE" && (is_may_the_verb(text, len, b, e) ||
                                                                   is_minutes_of_a_time(text, len, b, e) ||
                                                                   is_label_of_no_date(text, len, b, e))) ||
                                             is_sex_after_its_label(text, len, b, e) || is_column_header_cell(text, len, b, e) ||
                                             is_json_key(text, len, b, e) ||
                                             (s.type == "PROFESSION" && !has_a_job_head(text, len, b, e) &&
                                              !is_said_to_be_ones_job(text, len, b)) ||
                                             ((s.subtype == "PHONE" || s.subtype == "FAX") && is_too_short_for_a_phone(text, len, b, e)) ||
                                             // An OID ("2.16.840.1.113883.19.5"), no number with its dots.
                                             ((s.subtype == "PHONE" || s.subtype == "FAX") && std::count(text + rb, text + re, '.') > 3) ||
                                             // "f/u 1 wk": a number and a word after it is a duration,
                                             // not a user name (a person's name the model typed so,
                                             // "liliana koss", stays).
                                             (s.subtype == "USERNAME" && isdigit((unsigned char) text[b]) &&
                                              memchr(text + b, ' ', e - b) != nullptr) ||
                                             // A user name holds no sentence's end ("DNI. POLST").
                                             (s.subtype == "USERNAME" && std::string_view(text + b, e - b).find(". ") != std::string_view::npos) ||
                                             // "c tomorrow" of "d/c tomorrow": the second letter of an
                                             // abbreviation (s/p, w/o, h/o, f/u) begins no entity.
                                             is_second_letter_of_an_abbreviation(text, len, b) ||
                                             (s.type == "LOCATION" && is_place_word_of_another_kind(text, len, b, e)) ||
                                             // Not a department: "step" of "step-down unit" is the
                                             // unit's.
                                             (s.type == "LOCATION" && s.subtype != "DEPARTMENT" &&
                                              is_common_word_of_a_compound(text, len, b, e)) ||
                                             // A department is the model's call ("Primary Care", as the
                                             // synthetic notes tag departments).
                                             (s.type == "LOCATION" && s.subtype != "DEPARTMENT" && is_only_kinds_of_care(text, len, b, e)) ||
                                             ((s.type == "NAME" || s.type == "LOCATION") &&
                                              (is_room_word_before_its_number(text, len, b, e) || is_role_word_before_a_name(text, len, b, e))) ||
                                             // "doxycycline is low risk", "your Lantus", "her
                                             // GERD": a medication or a clinical abbreviation is
                                             // no person, place or job, and the repeat rule would
                                             // carry the mistake along.
                                             ((s.type == "NAME" || s.type == "LOCATION" || s.type == "PROFESSION") &&
                                              is_clinical_term(text + hb, he - hb)) ||
                                             // "Last question.", "in nineteen seventy three": a name
                                             // typed in lower case stays ("seen by elna braun"), and
                                             // so does a department or hospital ("wound care center").
                                             (((s.type == "NAME" && s.subtype != "USERNAME") ||
                                               (s.type == "LOCATION" && s.subtype != "DEPARTMENT" && s.subtype != "HOSPITAL")) &&
                                              is_lower_case_no_name(text, len, b, e, &cases)) ||
                                             // "Patient: Water pill", "Doctor: Holding the rail".
                                             ((s.type == "NAME" || (s.type == "LOCATION" && !capitals_word_at(text, len, b) &&
                                                                    !is_before_a_state(text, len, e))) &&
                                              is_common_word_by_case(text, len, b, e, &cases)) ||
                                             (s.type == "NAME" &&
                                              (is_no_name(text, len, b, e) || is_before_a_clinical_noun(text, len, b, e) ||
                                               is_exam_eponym(text, len, b, e) || is_device_eponym(text, len, b, e) ||
                                               is_only_demonyms(text, len, b, e))) ||
                                             ((s.type == "NAME" || s.type == "LOCATION") && is_order_before_a_drug(text, len, b, e));
                                  }),
                   out->end());
        if (opt.strategy != AGGREGATION_NONE) {
            for (span & s : *out) {
                const bool code = s.type == "CONTACT" || s.type == "ID" || s.subtype == "ZIP";
                const bool person = s.type == "NAME" && s.subtype != "USERNAME";
                const bool place  = s.subtype == "CITY" || s.subtype == "ORGANIZATION" || s.subtype == "HOSPITAL";
                size_t b = (size_t) index->byte_of_cp[(size_t) s.begin], e = (size_t) index->byte_of_cp[(size_t) s.end];
                if (s.type == "DATE") s.end = index->cp_of_byte((int32_t) date_end_before_its_hour(text, len, b, e));
                if (s.type != "NAME" && !code && !place) continue;
                // "Seasons" (a DOCTOR) of "Seasons Hospice", "Golden Oaks Manor" (a PATIENT): a care
                // site, whose surrogate is a place's.
                if (const size_t site_end = (person || place) ? care_site_name_end(text, len, b, e, person) : 0) {
                    // "Children's Healthcare of Atlanta": the site's town goes with it, as below.
                    const size_t town_end = place_of_a_town_end(text, len, site_end);
                    e = town_end ? town_end : site_end;
                    s.type = "LOCATION", s.subtype = "HOSPITAL";
                } else if (person && is_month_after_a_word_of_time(text, len, b, e)) {
                    // "Last seen ... in Sept.": a date, which dateshift moves, not a person.
                    s.type = "DATE", s.subtype = "DATE";
                } else if (const size_t year_end = place ? season_year_end(text, len, b, e) : 0) {
                    // "Spring 2025": a date, not the Texas town.
                    e = year_end;
                    s.type = "DATE", s.subtype = "DATE";
                } else if (const size_t town_end = place ? place_of_a_town_end(text, len, e) : 0) {
                    // "Sunrise of Wellesley", "VNA of Greater Boston": the model stopped at "of" and
                    // left the town; a town's name before "of" names an organization.
                    e = town_end;
                    if (s.subtype == "CITY") s.subtype = "ORGANIZATION";
                } else if (s.subtype == "HOSPITAL" || s.subtype == "ORGANIZATION") {
                    // "County Fire & Rescue" of "Fairfax County Fire & Rescue": the model left the town.
                    // Not over another entity's words: "Dr. Emelie Samolovac, Štefan" keeps its "Štefan".
                    const size_t grown = place_name_start(text, len, b, e);
                    const auto over = [&](const span & o) {
                        return &o != &s && (size_t) index->byte_of_cp[(size_t) o.begin] < b &&
                               (size_t) index->byte_of_cp[(size_t) o.end] > grown;
                    };
                    if (std::none_of(out->begin(), out->end(), over)) b = grown;
                } else if (code) {
                    // Not into what its type cannot hold: "#BE-99-75993" stays the id rule's.
                    size_t gb = b, ge = e;
                    // An address holds no space: the model's "or keisha.moore77@gmail.com" keeps
                    // the address alone.
                    if (const char * at = s.subtype == "EMAIL" ? (const char *) memchr(text + b, '@', e - b) : nullptr) {
                        gb = ge = (size_t) (at - text);
                        while (gb > b && !isspace((unsigned char) text[gb - 1])) gb--;
                        while (ge < e && !isspace((unsigned char) text[ge])) ge++;
                    }
                    trim_unpaired_parentheses(text, &gb, &ge);
                    grow_code_over_its_run(text, len, &gb, &ge);
                    if (model_contact_is_plausible(s.subtype, text + gb, ge - gb)) b = gb, e = ge;
                } else if (s.type == "NAME") {
                    // Grown over a hyphen, "Ferris rounded" is trimmed as "Nakagawa-Ferris rounded".
                    grow_name_over_hyphens(text, len, &b, &e);
                    if (person) {
                        trim_lower_case_words_around_a_name(text, len, &b, &e);
                        // Not into an eponym: "Lou" of "Lou Gehrig's disease".
                        const size_t surname_end = name_surname_end(text, len, b, e);
                        if (!is_before_a_clinical_noun(text, len, b, surname_end)) e = surname_end;
                    }
                }
                s.begin = index->cp_of_byte((int32_t) b);
                s.end   = index->cp_of_byte((int32_t) e);
            }
        }
        if (opt.strategy != AGGREGATION_NONE) join_split_names(text, *index, out);
        widen_to_whole_tokens(run->enc, out);
    }
    if (opt.rules) {
        const size_t first = out->size();
        run_rules(text, len, opt.rules, opt.day_first, out);
        for (size_t k = first; k < out->size(); k++) {
            span & s = (*out)[k];
            s.begin  = index->cp_of_byte(s.begin);
            s.end    = index->cp_of_byte(s.end);
        }
        if (opt.rules & RULE_TABLE) drop_model_spans_over_cells(out), find_record_names_again(text, len, *index, out);
        if (opt.rules & RULE_STREET) absorb_into_streets(out);
        if (opt.rules & RULE_CITY) find_repeated_cities(text, len, *index, out);
    }
    // The lists match code points. The spoken-name rules run before the allow-list, which drops
    // what they find too.
    std::vector<uint32_t> cps;
    if (!opt.deny.empty() || !opt.allow.empty()) {
        cps.resize((size_t) index->n_codepoints());
        for (int32_t c = 0; c < index->n_codepoints(); c++) {
            utf8_next((const uint8_t *) text, len, (size_t) index->byte_of_cp[(size_t) c], &cps[(size_t) c]);
        }
    }
    list_find_denied(opt.deny, cps.data(), cps.size(), out);
    const vocab * words = t->tokenizer ? &t->tokenizer->vocab : nullptr;
    if (opt.rules & RULE_ADDRESS) find_addressed_names(text, len, *index, words, out);
    if (opt.rules & RULE_REPEAT) find_repeated_names(text, len, *index, out);
    keep_escapes_whole(text, len, run->escapes, *index, out);
    keep_spans_out_of_markup(text, run->markup, *index, out);
    keep_spans_out_of_markup(text, hl7_markup(text, len), *index, out, true);
    keep_spans_out_of_markup(text, hl7_codes(text, len), *index, out);
    // Those two rules read transcripts, which write names in lower case; they are judged as the
    // model's entities are ("I miss golfing", "the doctor suspects").
    if (opt.rules & (RULE_ADDRESS | RULE_REPEAT)) {
        out->erase(std::remove_if(out->begin(), out->end(),
                                  [&](const span & s) {
                                      return s.source == SOURCE_RULE && (s.origin == "address" || s.origin == "repeat") &&
                                             is_lower_case_no_name(text, len, (size_t) index->byte_of_cp[(size_t) s.begin],
                                                                   (size_t) index->byte_of_cp[(size_t) s.end], &cases);
                                  }),
                   out->end());
    }
    if (!opt.allow.empty()) {
        out->erase(std::remove_if(out->begin(), out->end(),
                                  [&](const span & s) {
                                      return list_allows(opt.allow, cps.data() + s.begin, (size_t) (s.end - s.begin));
                                  }),
                   out->end());
    }
    merge_spans(out);
    return MAB_STATUS_OK;
}

} // namespace mab
