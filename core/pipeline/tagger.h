// The tagger: model + tokenizer + label set, and one tagging run: model spans through the long-note
// windows and the decoder, the score floor, rule spans, deny-list spans, the spoken-name rules (which
// read the model's spans and vocabulary), the allow-list, then overlap resolution.
#pragma once

#include "minialbert.h"
#include "pipeline/entity-decoder.h"
#include "pipeline/labels.h"
#include "pipeline/lists.h"
#include "pipeline/rules.h"
#include "pipeline/span.h"
#include "pipeline/text-index.h"
#include "pipeline/windows.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

struct mab_tagger {
    mab_model *     model     = nullptr; // NULL for a rules-only tagger
    mab_tokenizer * tokenizer = nullptr;
    bool            owns      = false;   // loaded from a directory: free model and tokenizer with the tagger
    mab::label_set  labels;
    std::map<std::string, std::string> label_types; // config.json "label_types"
    std::map<std::string, float>       min_scores;  // config.json "min_scores": a score floor per entity type
    int32_t         max_positions = 0;   // the longest window the model and tokenizer accept
    int32_t         n_added_begin = 0, n_added_end = 0;
};

namespace mab {

struct tag_options {
    aggregation              strategy      = AGGREGATION_FIRST;
    int32_t                  max_length    = 0;  // 0: the tagger's max_positions
    int32_t                  stride        = -1; // -1: max_length / 4
    std::vector<std::string> ignore_labels = {"O"};
    bool                     use_model     = true;
    uint32_t                 rules         = RULE_ALL;
    bool                     day_first     = false;
    float                    min_score     = 0.0f;
    std::vector<list_entry>  allow;
    std::vector<list_entry>  deny;
    mab_offsets              offsets = MAB_OFFSETS_UTF16;
};

// Parses config.json text for the tagger's extra keys, both optional: "label_types" (subtype →
// entity type) and "min_scores" (entity type → the score below which the model's entities of that
// type are dropped, a number in [0, 1]).
mab_status tagger_read_config(const char * config_json, size_t len, std::map<std::string, std::string> * label_types,
                              std::map<std::string, float> * min_scores);

// One tagging run, in steps, so that a caller can stay responsive on a long note: tagger_begin
// indexes and tokenizes the text, each tagger_step runs one model window (the decoder takes the
// tokens it settles), tagger_finish filters the model's spans and adds the rules' and lists'. The
// text, *index and *out belong to the caller and must outlive the run. Not copyable: the window
// runner points into it.
struct tag_run {
    mab_tagger *        tagger = nullptr;
    tag_options         opt;
    const char *        text  = nullptr;
    size_t              len   = 0;
    std::vector<std::pair<size_t, size_t>> markup;  // the text's XML markup (xml-fields.h), in bytes
    std::vector<std::pair<size_t, size_t>> escapes; // its JSON escapes (json-escapes.h), in bytes
    std::string         model_text; // the text as the model reads it, when it has markup or escapes (same code points)
    text_index *        index = nullptr;
    std::vector<span> * out   = nullptr;
    mab_encoding *      enc   = nullptr; // NULL when the model does not run
    entity_decoder      decoder;
    window_runner       windows;

    tag_run() = default;
    tag_run(const tag_run &) = delete;
    tag_run & operator=(const tag_run &) = delete;
    ~tag_run() { mab_encoding_free(enc); }
};

mab_status tagger_begin(mab_tagger * t, const char * text, size_t len, const tag_options & opt, text_index * index,
                        std::vector<span> * out, tag_run * run);
// Model windows of the run, and how many have run (both 0 when the model does not run).
int32_t tagger_n_steps(const tag_run & run);
int32_t tagger_steps_done(const tag_run & run);
mab_status tagger_step(tag_run * run);
// After the last step: *out holds the spans in code points, sorted, non-overlapping.
mab_status tagger_finish(tag_run * run);

// A PHONE or FAX entity of the model is digits, phone punctuation and at most an extension marker
// ("x", "ext", "extn") or a letter O that OCR read for a zero in a group of digits ("617-555-O134");
// one with other letters ("thread #2149WU725", "chart 4197763043") is an
// identifier or a misread, and the tagger drops it so that a rule's ID span can stand. An EMAIL
// needs an '@' and a URL a '.' or '/' ("EMG/NCV" is read as a URL otherwise). Other subtypes are
// always plausible. bytes[0, n) is the entity's UTF-8 text.
bool model_contact_is_plausible(const std::string & subtype, const char * bytes, size_t n);

// The model may give a name's two words as two entities ("Tiffany" a PATIENT, "Rourke" a DOCTOR):
// one space apart, they are one person's name ("Olson, Rosa" too), one span with the surer part's
// type, which a surrogate replaces whole. Not when a part is one word of clinical English or a
// relative, which the model sometimes takes too ("Spouse" before "Douglas Runte").
// Sorts spans (code points of text, which index maps) by their start.
void join_split_names(const char * text, const text_index & index, std::vector<span> * spans);

// A DATE entity of the model written as 2 or 3 numbers and one kind of separator (/ - .) must be a
// date in some order (month/day, day/month, month/year, year-month, m/d/y, d/m/y, y-m-d; months 1-12,
// days 1-31, years of 2 or 4 digits), or a range of two 4-digit years ("2019-2020"): "20/20" (visual
// acuity) or "135/85" (a blood pressure) is none, and the tagger drops it. Every other shape is
// plausible, as are other types. bytes[0, n) is the entity's UTF-8 text; the tagger passes the whole
// reading around a numeric entity, so "20" of "20/20" is judged as "20/20".
bool model_date_is_plausible(const std::string & type, const char * bytes, size_t n);

// "phone,email" / "phone, email" / "all" / "none" -> rule family bits.
mab_status rules_from_list(const char * list, uint32_t * out);

} // namespace mab
