// The C API of the pipeline (include/minialbert.h, "pipeline" section): parameters and JSON options
// into tag_options / deid_options, results out as structs and JSON. No pipeline logic lives here.
#include "minialbert.h"

#include "loader/json-depth.h"
#include "loader/reader.h"
#include "pipeline/comma-list.h"
#include "pipeline/deid.h"
#include "pipeline/tagger.h"
#include "status.h"
#include "tokenizer/tokenizer.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <map>
#include <new>
#include <set>
#include <string>

using namespace mab;
using ojson = nlohmann::ordered_json;

struct mab_tag_result {
    std::string              text;
    text_index               index;
    std::vector<span>        spans;
    std::vector<std::string> texts; // the text of each span
    mab_offsets              offsets = MAB_OFFSETS_UTF16;
    std::string              json;
};

struct mab_deid_result {
    mab_tag_result           tagged;
    std::string              text;
    std::vector<replacement> replacements;
    std::string              json;
};

// A tag or de-identification in steps (minialbert.h): the result being filled, the options, and the
// run, which reads the result's own copy of the text.
struct mab_tag_job {
    bool             deidentify = false;
    deid_options     dopt;
    mab_tag_result * result = nullptr; // handed to the caller by finish
    tag_run          run;
    bool             failed = false;   // a step failed: the run's state is unusable
    ~mab_tag_job() { delete result; }
};

namespace {

int32_t unit_of(const mab_tag_result & r, int32_t cp) {
    return r.offsets == MAB_OFFSETS_UTF16 ? r.index.utf16_of_cp[(size_t) cp] : cp;
}

double rounded(float score) { return std::round((double) score * 1e6) / 1e6; }

std::string source_string(const span & s) { return std::string(span_source_name(s.source)) + ":" + s.origin; }

std::string dump(const ojson & j) { return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

mab_status options_from_params(const mab_tag_params & p, tag_options * opt) {
    // A C caller may store any int in these enums; reading an out-of-range value as the C++ enum is
    // undefined, so they are read as plain integers.
    static_assert(sizeof(mab_aggregation) == sizeof(int32_t) && sizeof(mab_offsets) == sizeof(int32_t));
    int32_t agg, offsets;
    memcpy(&agg, &p.aggregation, sizeof agg);
    memcpy(&offsets, &p.offsets, sizeof offsets);
    if (agg < 0 || agg > 4) return set_error(MAB_STATUS_INVALID_ARGUMENT, "aggregation %d is not one of 0..4", agg);
    if (offsets != MAB_OFFSETS_UTF16 && offsets != MAB_OFFSETS_CODEPOINTS) {
        return set_error(MAB_STATUS_INVALID_ARGUMENT, "offsets %d is not MAB_OFFSETS_UTF16 or MAB_OFFSETS_CODEPOINTS", offsets);
    }
    opt->strategy   = (aggregation) agg;
    opt->max_length = p.max_length;
    opt->stride     = p.stride;
    if (p.ignore_labels) opt->ignore_labels = split_commas(p.ignore_labels);
    opt->use_model = p.use_model != 0;
    opt->day_first = p.day_first != 0;
    // A score floor above 1 would drop every model entity: de-identification quietly switched off.
    if (!(p.min_score >= 0.0f && p.min_score <= 1.0f)) {
        return set_error(MAB_STATUS_INVALID_ARGUMENT, "min_score must be a number from 0 to 1, got %g", (double) p.min_score);
    }
    opt->min_score = p.min_score;
    opt->offsets   = (mab_offsets) offsets;
    mab_status st = rules_from_list(p.rules, &opt->rules);
    if (st == MAB_STATUS_OK && p.allow_list) st = list_parse(p.allow_list, strlen(p.allow_list), false, "allow-list", &opt->allow);
    if (st == MAB_STATUS_OK && p.deny_list) st = list_parse(p.deny_list, strlen(p.deny_list), true, "deny-list", &opt->deny);
    return st;
}

mab_status deid_from_params(const mab_deid_params & p, deid_options * opt) {
    if (p.key) {
        opt->key.assign(p.key, p.key_len);
        opt->has_key = true;
    }
    opt->mask_char      = p.mask_char;
    opt->max_shift_days = p.max_shift_days;
    return deid_parse_operators(p.operators, opt);
}

// Lines of a JSON array of strings, for list_parse.
mab_status json_lines(const nlohmann::json & v, const char * key, std::string * out) {
    if (!v.is_array()) return set_error(MAB_STATUS_INVALID_ARGUMENT, "options.%s must be an array of strings", key);
    for (const auto & e : v) {
        if (!e.is_string()) return set_error(MAB_STATUS_INVALID_ARGUMENT, "options.%s must be an array of strings", key);
        const std::string & s = e.get_ref<const std::string &>();
        if (s.find('\n') != std::string::npos) {
            return set_error(MAB_STATUS_INVALID_ARGUMENT, "options.%s: an entry contains a line break", key);
        }
        *out += s;
        *out += '\n';
    }
    return MAB_STATUS_OK;
}

mab_status options_from_json(const char * js, size_t len, bool deid, tag_options * opt, deid_options * dopt) {
    if (!js || len == 0) return MAB_STATUS_OK;
    if (json_too_deep(js, len)) return set_error(MAB_STATUS_INVALID_ARGUMENT, "options: nested deeper than %d levels", MAX_JSON_DEPTH);
    const nlohmann::json j = nlohmann::json::parse(js, js + len, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return set_error(MAB_STATUS_INVALID_ARGUMENT, "options: not a JSON object");
    for (auto it = j.begin(); it != j.end(); ++it) {
        const std::string & k = it.key();
        const nlohmann::json & v = it.value();
        const auto bad = [&](const char * expected) {
            return set_error(MAB_STATUS_INVALID_ARGUMENT, "options.%s must be %s, got %s", k.c_str(), expected,
                             dump(ojson(v)).c_str());
        };
        mab_status st = MAB_STATUS_OK;
        if (k == "aggregation") {
            if (!v.is_string() || !aggregation_from_name(v.get_ref<const std::string &>().c_str(), &opt->strategy))
                return bad("one of \"none\", \"simple\", \"first\", \"average\", \"max\"");
        } else if (k == "maxLength" || k == "stride") {
            if (!v.is_number_integer() || v.get<int64_t>() < -1 || v.get<int64_t>() > 1000000) return bad("an integer from -1 to 1000000");
            (k == "maxLength" ? opt->max_length : opt->stride) = (int32_t) v.get<int64_t>();
        } else if (k == "maxShiftDays") {
            if (!v.is_number_integer() || v.get<int64_t>() < 1 || v.get<int64_t>() > MAX_SHIFT_DAYS) {
                return bad(("an integer from 1 to " + std::to_string(MAX_SHIFT_DAYS) + " (100 years)").c_str());
            }
            dopt->max_shift_days = (int32_t) v.get<int64_t>();
        } else if (k == "ignoreLabels") {
            if (!v.is_array()) return bad("an array of strings");
            opt->ignore_labels.clear();
            for (const auto & e : v) {
                if (!e.is_string()) return bad("an array of strings");
                opt->ignore_labels.push_back(e.get<std::string>());
            }
        } else if (k == "model" || k == "dayFirst") {
            if (!v.is_boolean()) return bad("true or false");
            (k == "model" ? opt->use_model : opt->day_first) = v.get<bool>();
            dopt->day_first = opt->day_first;
        } else if (k == "rules") {
            if (v.is_boolean()) {
                opt->rules = v.get<bool>() ? (uint32_t) RULE_ALL : 0u;
            } else if (v.is_array()) {
                std::string list;
                for (const auto & e : v) {
                    if (!e.is_string()) return bad("true, false or an array of rule names");
                    list += (list.empty() ? "" : ",") + e.get<std::string>();
                }
                st = list.empty() ? (opt->rules = 0, MAB_STATUS_OK) : rules_from_list(list.c_str(), &opt->rules);
            } else {
                return bad("true, false or an array of rule names");
            }
        } else if (k == "minScore") {
            if (!v.is_number() || !(v.get<double>() >= 0.0 && v.get<double>() <= 1.0)) return bad("a number from 0 to 1");
            opt->min_score = v.get<float>();
        } else if (k == "allowList" || k == "denyList") {
            std::string lines;
            st = json_lines(v, k.c_str(), &lines);
            const bool deny = k == "denyList";
            if (st == MAB_STATUS_OK)
                st = list_parse(lines.data(), lines.size(), deny, deny ? "denyList" : "allowList", deny ? &opt->deny : &opt->allow);
        } else if (k == "offsets") {
            if (v == "utf16") opt->offsets = MAB_OFFSETS_UTF16;
            else if (v == "codepoints") opt->offsets = MAB_OFFSETS_CODEPOINTS;
            else return bad("\"utf16\" or \"codepoints\"");
        } else if (deid && k == "operators") {
            if (v.is_string()) {
                st = deid_parse_operators(v.get_ref<const std::string &>().c_str(), dopt);
            } else if (v.is_object()) {
                // One pair at a time: a ',' inside a key or value would otherwise start another
                // pair ({"CONTACT": "mask,DATE=keep"} keeping every date).
                for (auto o = v.begin(); o != v.end() && st == MAB_STATUS_OK; ++o) {
                    if (!o.value().is_string()) return bad("an object of operator names");
                    const std::string & op = o.value().get_ref<const std::string &>();
                    if (o.key().find(',') != std::string::npos || op.find(',') != std::string::npos) {
                        return set_error(MAB_STATUS_INVALID_ARGUMENT, "options.operators: \"%s\": \"%s\" holds a ','; "
                                         "give one type and one operator per key", o.key().c_str(), op.c_str());
                    }
                    st = deid_parse_operators((o.key() + "=" + op).c_str(), dopt);
                }
            } else {
                return bad("an object {\"TYPE\": \"operator\"} or a string");
            }
        } else if (deid && k == "key") {
            if (!v.is_string()) return bad("a string");
            dopt->key     = v.get<std::string>();
            dopt->has_key = true;
        } else if (deid && k == "maskChar") {
            if (!v.is_string()) return bad("a one-character string");
            const std::string & s = v.get_ref<const std::string &>();
            uint32_t c = 0;
            if (s.empty() || (size_t) utf8_next((const uint8_t *) s.data(), s.size(), 0, &c) != s.size()) return bad("a one-character string");
            dopt->mask_char = c;
        } else {
            return set_error(MAB_STATUS_INVALID_ARGUMENT, "options: unknown key \"%s\"", k.c_str());
        }
        if (st != MAB_STATUS_OK) return st;
    }
    return MAB_STATUS_OK;
}

// A deid operator for a type or subtype no entity of this run can have does nothing, silently:
// "NAMES=surrogate", "name=surrogate" or "ID/SNN=mask" would leave those entities to the fallback
// (keep, perhaps). The types are the rules' seven, OTHER (a deny-list entry that names none), the
// model's and the deny-list's; a type's subtypes are the built-in table's, the type itself, the
// model's tags of that type and the deny-list's.
static mab_status check_operator_types(const mab_tagger * t, const tag_options & opt, const deid_options & d) {
    std::map<std::string, std::set<std::string>> known;
    for (const char * type : {"NAME", "PROFESSION", "LOCATION", "AGE", "DATE", "CONTACT", "ID", "OTHER"}) known[type];
    for (const label_tag & l : t->labels.tags) {
        if (l.tag.empty()) continue;
        std::string type, subtype;
        type_of_tag(l.tag, t->label_types, &type, &subtype);
        known[type].insert(subtype);
    }
    for (const list_entry & e : opt.deny) known[e.type].insert(e.subtype);
    for (auto & [type, subtypes] : known) {
        builtin_tags_of_type(type, &subtypes);
        subtypes.insert(type);
    }
    const auto names = [](const auto & set, const auto & name_of) {
        std::string out;
        for (const auto & x : set) out += (out.empty() ? "" : ", ") + name_of(x);
        return out;
    };
    for (const auto & target : d.operators) {
        const size_t      slash = target.first.find('/');
        const std::string type  = target.first.substr(0, slash);
        const auto        it    = known.find(type);
        if (it == known.end()) {
            return set_error(MAB_STATUS_INVALID_ARGUMENT, "operators: no entity has the type '%s' (types are upper case: %s)",
                             type.c_str(), names(known, [](const auto & kv) { return kv.first; }).c_str());
        }
        if (slash == std::string::npos) continue;
        const std::string subtype = target.first.substr(slash + 1);
        if (it->second.count(subtype)) continue;
        return set_error(MAB_STATUS_INVALID_ARGUMENT, "operators: no %s entity has the subtype '%s' (%s subtypes: %s)", type.c_str(),
                         subtype.c_str(), type.c_str(), names(it->second, [](const std::string & x) { return x; }).c_str());
    }
    return MAB_STATUS_OK;
}

// A label to ignore that no entity can carry ignores nothing, silently: "0" typed for "O", "B-NAM", or
// "B-NAME" under an aggregation that compares group tags ("NAME"), and the reverse under "none", which
// compares full labels. "O", the default, is always taken: a model without an O label keeps working
// with the defaults. A rules-only tagger has no labels, and no model entity to drop.
static mab_status check_ignore_labels(const mab_tagger * t, const tag_options & opt) {
    if (!t->model) return MAB_STATUS_OK;
    const bool full = opt.strategy == AGGREGATION_NONE;
    std::set<std::string> known = {"O"};
    for (size_t i = 0; i < t->labels.labels.size(); i++) known.insert(full ? t->labels.labels[i] : t->labels.tags[i].tag);
    for (const std::string & label : opt.ignore_labels) {
        if (known.count(label)) continue;
        std::string names;
        for (const std::string & k : known) names += (names.empty() ? "" : ", ") + k;
        return set_error(MAB_STATUS_INVALID_ARGUMENT, "a label to ignore, '%s', is not %s of the model, which aggregation '%s' "
                         "compares: expected one of %s", label.c_str(),
                         full ? "a label" : "a group tag (a label without its B-/I-/E-/S- prefix)", aggregation_name(opt.strategy),
                         names.c_str());
    }
    return MAB_STATUS_OK;
}

mab_status begin_job(mab_tagger * t, const char * text, size_t len, const tag_options & opt, const deid_options * dopt,
                     mab_tag_job ** out) {
    if (!text && len) return set_error(MAB_STATUS_INVALID_ARGUMENT, "tag: text is NULL");
    if (const mab_status st = check_ignore_labels(t, opt)) return st;
    if (dopt) {
        if (const mab_status st = deid_options_check(*dopt)) return st;
        if (const mab_status st = check_operator_types(t, opt, *dopt)) return st;
    }
    mab_tag_job * job = new (std::nothrow) mab_tag_job();
    if (job) job->result = new (std::nothrow) mab_tag_result();
    if (!job || !job->result) {
        delete job;
        return set_error(MAB_STATUS_OUT_OF_MEMORY, "out of memory allocating a tag job");
    }
    job->deidentify = dopt != nullptr;
    if (dopt) job->dopt = *dopt;
    mab_tag_result * r = job->result;
    r->offsets = opt.offsets;
    r->text.assign(text ? text : "", len);
    const mab_status st = tagger_begin(t, r->text.data(), r->text.size(), opt, &r->index, &r->spans, &job->run);
    if (st != MAB_STATUS_OK) {
        delete job;
        return st;
    }
    *out = job;
    return MAB_STATUS_OK;
}

// Runs the steps left and the rest of the tagging; the result then belongs to the caller.
mab_status finish_job(mab_tag_job * job, mab_tag_result ** out) {
    if (job->failed) return set_error(MAB_STATUS_INVALID_ARGUMENT, "this tag job failed at a step; free it");
    if (!job->result) return set_error(MAB_STATUS_INVALID_ARGUMENT, "this tag job has already finished");
    while (tagger_steps_done(job->run) < tagger_n_steps(job->run)) {
        const mab_status st = mab_tag_job_step(job);
        if (st != MAB_STATUS_OK) return st;
    }
    const mab_status st = tagger_finish(&job->run);
    if (st != MAB_STATUS_OK) {
        job->failed = true;
        return st;
    }
    mab_tag_result * r = job->result;
    for (const span & s : r->spans) {
        const int32_t b = r->index.byte_of_cp[(size_t) s.begin], e = r->index.byte_of_cp[(size_t) s.end];
        r->texts.emplace_back(r->text, (size_t) b, (size_t) (e - b));
    }
    *out = r;
    job->result = nullptr;
    return MAB_STATUS_OK;
}

// The one-call API: a job begun (with status `begun`), finished and freed.
mab_status finish_tag(mab_status begun, mab_tag_job * job, mab_tag_result ** out) {
    const mab_status st = begun == MAB_STATUS_OK ? mab_tag_job_finish(job, out) : begun;
    mab_tag_job_free(job);
    return st;
}

mab_status finish_deid(mab_status begun, mab_tag_job * job, mab_deid_result ** out) {
    const mab_status st = begun == MAB_STATUS_OK ? mab_tag_job_finish_deid(job, out) : begun;
    mab_tag_job_free(job);
    return st;
}

} // namespace

namespace mab {

const char * span_source_name(span_source s) {
    return s == SOURCE_MODEL ? "model" : s == SOURCE_RULE ? "rule" : "deny-list";
}

} // namespace mab

extern "C" {

mab_status mab_tagger_init(mab_model * model, mab_tokenizer * tokenizer, const char * config_json, size_t config_len,
                           mab_tagger ** out) {
    if (!out) return set_error(MAB_STATUS_INVALID_ARGUMENT, "mab_tagger_init: out is NULL");
    *out = nullptr;
    if (model && !tokenizer) return set_error(MAB_STATUS_INVALID_ARGUMENT, "mab_tagger_init: a model needs a tokenizer");
    mab_tagger * t = new (std::nothrow) mab_tagger();
    if (!t) return set_error(MAB_STATUS_OUT_OF_MEMORY, "out of memory allocating a tagger");
    mab_status st = tagger_read_config(config_json, config_len, &t->label_types, &t->min_scores);
    // Without a model, a tokenizer still gives the spoken-name rules their vocabulary.
    if (!model) t->tokenizer = tokenizer;
    if (st == MAB_STATUS_OK && model) {
        mab_model_info mi;
        mab_model_get_info(model, &mi);
        mab_tokenizer_info ti;
        mab_tokenizer_get_info(tokenizer, &ti);
        if (mi.head != MAB_HEAD_TOKEN_CLASSIFICATION || mi.num_labels < 1) {
            st = set_error(MAB_STATUS_NO_HEAD, "the model has no token-classification head (tagging needs one)");
        } else {
            st = tokenizer_check_ids(tokenizer, mi.vocab_size);
        }
        if (st == MAB_STATUS_OK) {
            std::vector<std::string> labels;
            for (int32_t l = 0; l < mi.num_labels; l++) labels.emplace_back(mab_model_label(model, l));
            label_set_build(labels, &t->labels);
            t->model         = model;
            t->tokenizer     = tokenizer;
            t->max_positions = mi.max_position_embeddings;
            if (ti.model_max_length > 0 && ti.model_max_length < t->max_positions) t->max_positions = ti.model_max_length;
            t->n_added_begin = ti.n_added_begin;
            t->n_added_end   = ti.n_added_end;
            // Else every tag would fail, the first one long after the load.
            if (t->max_positions - t->n_added_begin - t->n_added_end < 1) {
                st = set_error(MAB_STATUS_BAD_TOKENIZER, "a window of %d tokens (the tokenizer's model_max_length) leaves no room "
                               "for text beside the %d special tokens", t->max_positions, t->n_added_begin + t->n_added_end);
            }
        }
    }
    if (st != MAB_STATUS_OK) {
        delete t;
        return st;
    }
    *out = t;
    return MAB_STATUS_OK;
}

mab_status mab_tagger_load_from_dir(const char * dir, mab_model_params params, mab_tagger ** out) {
    if (!dir || !out) return set_error(MAB_STATUS_INVALID_ARGUMENT, "mab_tagger_load_from_dir: null argument");
    *out = nullptr;
    mab_model * model = nullptr;
    mab_tokenizer * tok = nullptr;
    void * config = nullptr;
    size_t config_len = 0;
    mab_status st = mab_model_load_from_dir(dir, params, &model);
    if (st == MAB_STATUS_OK) st = mab_tokenizer_load_from_dir(dir, &tok);
    if (st == MAB_STATUS_OK) st = read_file(file_in(dir, "config.json"), &config, &config_len);
    if (st == MAB_STATUS_OK) {
        st = mab_tagger_init(model, tok, (const char *) config, config_len, out);
        // mab_tagger_init is given the config's text, not its file: name the directory it came from.
        if (st != MAB_STATUS_OK) {
            const std::string why = mab_last_error();
            set_error(st, "%s: %s", dir, why.c_str());
        }
    }
    free(config);
    if (st != MAB_STATUS_OK) {
        mab_tokenizer_free(tok);
        mab_model_free(model);
        return st;
    }
    (*out)->owns = true;
    return MAB_STATUS_OK;
}

void mab_tagger_free(mab_tagger * t) {
    if (!t) return;
    if (t->owns) {
        mab_model_free(t->model);
        mab_tokenizer_free(t->tokenizer);
    }
    delete t;
}

mab_tag_params mab_tag_default_params(void) {
    mab_tag_params p;
    p.aggregation   = MAB_AGGREGATION_FIRST;
    p.max_length    = 0;
    p.stride        = -1;
    p.ignore_labels = nullptr;
    p.use_model     = 1;
    p.rules         = nullptr;
    p.day_first     = 0;
    p.min_score     = 0.0f;
    p.allow_list    = nullptr;
    p.deny_list     = nullptr;
    p.offsets       = MAB_OFFSETS_UTF16;
    return p;
}

mab_status mab_tag(mab_tagger * t, const char * text, size_t len, const mab_tag_params * params, mab_tag_result ** out) {
    if (!t || !out) return set_error(MAB_STATUS_INVALID_ARGUMENT, "mab_tag: tagger or out is NULL");
    mab_tag_job * job = nullptr;
    const mab_status begun = mab_tag_begin(t, text, len, params, &job);
    return finish_tag(begun, job, out);
}

mab_status mab_tag_json(mab_tagger * t, const char * text, size_t len, const char * options_json, size_t options_len,
                        mab_tag_result ** out) {
    if (!t || !out) return set_error(MAB_STATUS_INVALID_ARGUMENT, "mab_tag_json: tagger or out is NULL");
    mab_tag_job * job = nullptr;
    const mab_status begun = mab_tag_begin_json(t, text, len, options_json, options_len, &job);
    return finish_tag(begun, job, out);
}

mab_status mab_tag_begin(mab_tagger * t, const char * text, size_t len, const mab_tag_params * params, mab_tag_job ** out) {
    if (!t || !out) return set_error(MAB_STATUS_INVALID_ARGUMENT, "mab_tag_begin: tagger or out is NULL");
    *out = nullptr;
    tag_options opt;
    const mab_status st = options_from_params(params ? *params : mab_tag_default_params(), &opt);
    return st != MAB_STATUS_OK ? st : begin_job(t, text, len, opt, nullptr, out);
}

mab_status mab_tag_begin_json(mab_tagger * t, const char * text, size_t len, const char * options_json, size_t options_len,
                              mab_tag_job ** out) {
    if (!t || !out) return set_error(MAB_STATUS_INVALID_ARGUMENT, "mab_tag_begin_json: tagger or out is NULL");
    *out = nullptr;
    tag_options opt;
    deid_options dopt;
    const mab_status st = options_from_json(options_json, options_len, false, &opt, &dopt);
    return st != MAB_STATUS_OK ? st : begin_job(t, text, len, opt, nullptr, out);
}

int32_t mab_tag_job_n_steps(const mab_tag_job * job) { return job ? tagger_n_steps(job->run) : 0; }

int32_t mab_tag_job_steps_done(const mab_tag_job * job) { return job ? tagger_steps_done(job->run) : 0; }

mab_status mab_tag_job_step(mab_tag_job * job) {
    if (!job) return set_error(MAB_STATUS_INVALID_ARGUMENT, "mab_tag_job_step: job is NULL");
    if (job->failed) return set_error(MAB_STATUS_INVALID_ARGUMENT, "this tag job failed at a step; free it");
    if (!job->result) return set_error(MAB_STATUS_INVALID_ARGUMENT, "this tag job has already finished");
    if (tagger_steps_done(job->run) >= tagger_n_steps(job->run)) {
        return set_error(MAB_STATUS_INVALID_ARGUMENT, "this tag job has no step left (%d of %d done)",
                         tagger_steps_done(job->run), tagger_n_steps(job->run));
    }
    const mab_status st = tagger_step(&job->run);
    if (st != MAB_STATUS_OK) job->failed = true;
    return st;
}

mab_status mab_tag_job_finish(mab_tag_job * job, mab_tag_result ** out) {
    if (!job || !out) return set_error(MAB_STATUS_INVALID_ARGUMENT, "mab_tag_job_finish: job or out is NULL");
    *out = nullptr;
    if (job->deidentify) {
        return set_error(MAB_STATUS_INVALID_ARGUMENT, "this job was begun to de-identify: finish it with mab_tag_job_finish_deid");
    }
    return finish_job(job, out);
}

mab_status mab_tag_job_finish_deid(mab_tag_job * job, mab_deid_result ** out) {
    if (!job || !out) return set_error(MAB_STATUS_INVALID_ARGUMENT, "mab_tag_job_finish_deid: job or out is NULL");
    *out = nullptr;
    if (!job->deidentify) {
        return set_error(MAB_STATUS_INVALID_ARGUMENT, "this job was begun to tag: finish it with mab_tag_job_finish");
    }
    mab_deid_result * r = new (std::nothrow) mab_deid_result();
    if (!r) return set_error(MAB_STATUS_OUT_OF_MEMORY, "out of memory allocating a de-identification result");
    mab_tag_result * tagged = nullptr;
    mab_status st = finish_job(job, &tagged);
    if (st == MAB_STATUS_OK) {
        r->tagged = std::move(*tagged);
        delete tagged;
        st = deidentify_text(r->tagged.text.data(), r->tagged.text.size(), r->tagged.index, r->tagged.spans, job->dopt,
                             &r->text, &r->replacements);
    }
    if (st != MAB_STATUS_OK) {
        delete r;
        return st;
    }
    *out = r;
    return MAB_STATUS_OK;
}

void mab_tag_job_free(mab_tag_job * job) { delete job; }

int32_t mab_tag_result_n_entities(const mab_tag_result * r) { return r ? (int32_t) r->spans.size() : 0; }

mab_status mab_tag_result_entity(const mab_tag_result * r, int32_t i, mab_entity * out) {
    if (!r || !out || i < 0 || i >= (int32_t) r->spans.size()) {
        return set_error(MAB_STATUS_INVALID_ARGUMENT, "mab_tag_result_entity: index %d out of range [0, %d)", i,
                         r ? (int32_t) r->spans.size() : 0);
    }
    const span & s       = r->spans[(size_t) i];
    out->type            = s.type.c_str();
    out->subtype         = s.subtype.c_str();
    out->start           = unit_of(*r, s.begin);
    out->end             = unit_of(*r, s.end);
    out->start_utf16     = r->index.utf16_of_cp[(size_t) s.begin];
    out->end_utf16       = r->index.utf16_of_cp[(size_t) s.end];
    out->start_codepoint = s.begin;
    out->end_codepoint   = s.end;
    out->start_byte      = r->index.byte_of_cp[(size_t) s.begin];
    out->end_byte        = r->index.byte_of_cp[(size_t) s.end];
    out->text            = r->texts[(size_t) i].c_str();
    out->score           = s.score;
    out->source          = span_source_name(s.source);
    out->origin          = s.origin.c_str();
    return MAB_STATUS_OK;
}

const char * mab_tag_result_json(mab_tag_result * r) {
    if (!r) return nullptr;
    if (r->json.empty()) {
        ojson entities = ojson::array();
        for (size_t k = 0; k < r->spans.size(); k++) {
            const span & s = r->spans[k];
            entities.push_back({{"type", s.type},
                                {"subtype", s.subtype},
                                {"start", unit_of(*r, s.begin)},
                                {"end", unit_of(*r, s.end)},
                                {"text", r->texts[k]},
                                {"score", rounded(s.score)},
                                {"source", source_string(s)}});
        }
        r->json = dump(ojson{{"entities", entities}});
    }
    return r->json.c_str();
}

void mab_tag_result_free(mab_tag_result * r) { delete r; }

mab_deid_params mab_deid_default_params(void) {
    mab_deid_params p;
    p.operators      = nullptr;
    p.key            = nullptr;
    p.key_len        = 0;
    p.mask_char      = '*';
    p.max_shift_days = 365;
    return p;
}

mab_status mab_params_check(const mab_tag_params * tag_params, const mab_deid_params * params) {
    tag_options opt;
    mab_status  st = options_from_params(tag_params ? *tag_params : mab_tag_default_params(), &opt);
    if (st != MAB_STATUS_OK || !params) return st;
    deid_options dopt;
    st = deid_from_params(*params, &dopt);
    return st != MAB_STATUS_OK ? st : deid_options_check(dopt);
}

mab_status mab_deidentify(mab_tagger * t, const char * text, size_t len, const mab_tag_params * tag_params,
                          const mab_deid_params * params, mab_deid_result ** out) {
    if (!t || !out) return set_error(MAB_STATUS_INVALID_ARGUMENT, "mab_deidentify: tagger or out is NULL");
    mab_tag_job * job = nullptr;
    const mab_status begun = mab_deidentify_begin(t, text, len, tag_params, params, &job);
    return finish_deid(begun, job, out);
}

mab_status mab_deidentify_json(mab_tagger * t, const char * text, size_t len, const char * options_json, size_t options_len,
                               mab_deid_result ** out) {
    if (!t || !out) return set_error(MAB_STATUS_INVALID_ARGUMENT, "mab_deidentify_json: tagger or out is NULL");
    mab_tag_job * job = nullptr;
    const mab_status begun = mab_deidentify_begin_json(t, text, len, options_json, options_len, &job);
    return finish_deid(begun, job, out);
}

mab_status mab_deidentify_begin(mab_tagger * t, const char * text, size_t len, const mab_tag_params * tag_params,
                                const mab_deid_params * params, mab_tag_job ** out) {
    if (!t || !out) return set_error(MAB_STATUS_INVALID_ARGUMENT, "mab_deidentify_begin: tagger or out is NULL");
    *out = nullptr;
    tag_options opt;
    deid_options dopt;
    mab_status st = options_from_params(tag_params ? *tag_params : mab_tag_default_params(), &opt);
    if (st == MAB_STATUS_OK) st = deid_from_params(params ? *params : mab_deid_default_params(), &dopt);
    dopt.day_first = opt.day_first;
    return st != MAB_STATUS_OK ? st : begin_job(t, text, len, opt, &dopt, out);
}

mab_status mab_deidentify_begin_json(mab_tagger * t, const char * text, size_t len, const char * options_json,
                                     size_t options_len, mab_tag_job ** out) {
    if (!t || !out) return set_error(MAB_STATUS_INVALID_ARGUMENT, "mab_deidentify_begin_json: tagger or out is NULL");
    *out = nullptr;
    tag_options opt;
    deid_options dopt;
    const mab_status st = options_from_json(options_json, options_len, true, &opt, &dopt);
    return st != MAB_STATUS_OK ? st : begin_job(t, text, len, opt, &dopt, out);
}

const char * mab_deid_result_text(const mab_deid_result * r, size_t * len) {
    if (!r) return nullptr;
    if (len) *len = r->text.size();
    return r->text.c_str();
}

int32_t mab_deid_result_n_replacements(const mab_deid_result * r) { return r ? (int32_t) r->replacements.size() : 0; }

mab_status mab_deid_result_replacement(const mab_deid_result * r, int32_t i, mab_replacement * out) {
    if (!r || !out || i < 0 || i >= (int32_t) r->replacements.size()) {
        return set_error(MAB_STATUS_INVALID_ARGUMENT, "mab_deid_result_replacement: index %d out of range [0, %d)", i,
                         r ? (int32_t) r->replacements.size() : 0);
    }
    const replacement & rep = r->replacements[(size_t) i];
    const span & s          = *rep.source;
    const bool utf16        = r->tagged.offsets == MAB_OFFSETS_UTF16;
    out->type        = s.type.c_str();
    out->subtype     = s.subtype.c_str();
    out->op          = deid_operator_name(rep.op);
    out->start       = unit_of(r->tagged, s.begin);
    out->end         = unit_of(r->tagged, s.end);
    out->new_start   = utf16 ? rep.new_begin_utf16 : rep.new_begin;
    out->new_end     = utf16 ? rep.new_end_utf16 : rep.new_end;
    out->original        = r->tagged.texts[(size_t) i].c_str();
    out->original_len    = r->tagged.texts[(size_t) i].size();
    out->replacement     = rep.text.c_str();
    out->replacement_len = rep.text.size();
    out->score       = s.score;
    out->source      = span_source_name(s.source);
    out->origin      = s.origin.c_str();
    return MAB_STATUS_OK;
}

const char * mab_deid_result_json(mab_deid_result * r) {
    if (!r) return nullptr;
    if (r->json.empty()) {
        ojson reps = ojson::array();
        for (int32_t i = 0; i < (int32_t) r->replacements.size(); i++) {
            mab_replacement m;
            mab_deid_result_replacement(r, i, &m);
            reps.push_back({{"type", m.type},
                            {"subtype", m.subtype},
                            {"operator", m.op},
                            {"start", m.start},
                            {"end", m.end},
                            {"newStart", m.new_start},
                            {"newEnd", m.new_end},
                            {"original", std::string(m.original, m.original_len)}, // whole, NUL bytes and all
                            {"replacement", std::string(m.replacement, m.replacement_len)},
                            {"score", rounded(m.score)},
                            {"source", source_string(*r->replacements[(size_t) i].source)}});
        }
        r->json = dump(ojson{{"text", r->text}, {"replacements", reps}});
    }
    return r->json.c_str();
}

void mab_deid_result_free(mab_deid_result * r) { delete r; }

} // extern "C"
