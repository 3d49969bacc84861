// Loading: the slow-tokenizer files (vocab.txt, tokenizer_config.json, special_tokens_map.json) as
// transformers' BertTokenizer.from_pretrained resolves them, and the fast-tokenizer tokenizer.json.
// nlohmann_json is used through its non-throwing calls only (core builds with -fno-exceptions).
#include "tokenizer/tokenizer.h"

#include "loader/json-depth.h"
#include "status.h"
#include "tokenizer/unicode.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <climits>
#include <string>
#include <vector>

namespace mab {

using json = nlohmann::json;

// Ids index arrays, so keep them dense enough: at most 16M (an id of 2e9 once meant an 8 GB table).
constexpr int64_t MAX_TOKEN_ID = 1 << 24;

static mab_status parse_json_object(const char * text, size_t len, const char * name, json * out) {
    if (json_too_deep(text, len)) return set_error(MAB_STATUS_BAD_TOKENIZER, "%s: nested deeper than %d levels", name, MAX_JSON_DEPTH);
    *out = json::parse(text, text + len, nullptr, /*allow_exceptions=*/false);
    if (out->is_discarded()) return set_error(MAB_STATUS_BAD_TOKENIZER, "%s: not valid JSON", name);
    if (!out->is_object()) return set_error(MAB_STATUS_BAD_TOKENIZER, "%s: expected a JSON object", name);
    return MAB_STATUS_OK;
}

static std::string short_dump(const json & v) {
    std::string s = v.dump();
    if (s.size() > 60) s = s.substr(0, 57) + "...";
    return s;
}

static const json * find_key(const json & j, const char * key) {
    auto it = j.find(key);
    return it == j.end() ? nullptr : &*it;
}

// A bool key; absent or null keeps *out.
static mab_status read_bool(const json & j, const char * key, const char * name, bool * out) {
    const json * v = find_key(j, key);
    if (!v || v->is_null()) return MAB_STATUS_OK;
    if (!v->is_boolean()) {
        return set_error(MAB_STATUS_BAD_TOKENIZER, "%s: \"%s\" must be true or false, got %s", name, key, short_dump(*v).c_str());
    }
    *out = v->get<bool>();
    return MAB_STATUS_OK;
}

// A special-token value: a string or an AddedToken object {"content": "..."}; null means "none".
static mab_status read_token_value(const json & v, const char * key, const char * name, std::string * out) {
    if (v.is_null()) {
        out->clear();
        return MAB_STATUS_OK;
    }
    if (v.is_string()) {
        *out = v.get_ref<const std::string &>();
        return MAB_STATUS_OK;
    }
    if (v.is_object()) {
        const json * c = find_key(v, "content");
        if (c && c->is_string()) {
            *out = c->get_ref<const std::string &>();
            return MAB_STATUS_OK;
        }
    }
    return set_error(MAB_STATUS_BAD_TOKENIZER, "%s: \"%s\" must be a string or an object with \"content\", got %s",
                     name, key, short_dump(v).c_str());
}

static mab_status read_token_list(const json & v, const char * key, const char * name, std::vector<std::string> * out) {
    out->clear();
    if (v.is_null()) return MAB_STATUS_OK;
    if (!v.is_array()) {
        return set_error(MAB_STATUS_BAD_TOKENIZER, "%s: \"%s\" must be a list, got %s", name, key, short_dump(v).c_str());
    }
    for (const json & e : v) {
        std::string s;
        mab_status st = read_token_value(e, key, name, &s);
        if (st != MAB_STATUS_OK) return st;
        if (!s.empty()) out->push_back(s);
    }
    return MAB_STATUS_OK;
}

// The special tokens of PreTrainedTokenizerBase, in the order of SPECIAL_TOKENS_ATTRIBUTES, each with
// the file that named it (null: BertTokenizer's default), which a message about the token names.
struct special_tokens {
    static constexpr int N = 7;
    static constexpr const char * KEYS[N] = {"bos_token", "eos_token", "unk_token", "sep_token", "pad_token", "cls_token", "mask_token"};
    enum { BOS, EOS, UNK, SEP, PAD, CLS, MASK };

    std::string              value[N] = {"", "", "[UNK]", "[SEP]", "[PAD]", "[CLS]", "[MASK]"};
    const char *             named_in[N] = {};
    std::vector<std::string> additional;
    const char *             additional_named_in = nullptr;

    // all_special_tokens: the set ones, then the additional ones, without repeats; with where each
    // was named ("special_tokens_map.json: cls_token", or "BertTokenizer's default cls_token").
    std::vector<std::pair<std::string, std::string>> all() const {
        std::vector<std::pair<std::string, std::string>> out;
        const auto add = [&](const std::string & s, const char * file, const char * key) {
            for (const auto & o : out) {
                if (o.first == s) return;
            }
            out.push_back({s, file ? std::string(file) + ": " + key : std::string("BertTokenizer's default ") + key});
        };
        for (int i = 0; i < N; i++) {
            if (!value[i].empty()) add(value[i], named_in[i], KEYS[i]);
        }
        for (const std::string & s : additional) add(s, additional_named_in, "additional_special_tokens");
        return out;
    }
};

static mab_status read_special_tokens(const json & j, const char * name, special_tokens * sp) {
    for (int i = 0; i < special_tokens::N; i++) {
        const json * v = find_key(j, special_tokens::KEYS[i]);
        if (!v) continue;
        mab_status st = read_token_value(*v, special_tokens::KEYS[i], name, &sp->value[i]);
        if (st != MAB_STATUS_OK) return st;
        sp->named_in[i] = name;
    }
    if (const json * v = find_key(j, "additional_special_tokens")) {
        mab_status st = read_token_list(*v, "additional_special_tokens", name, &sp->additional);
        if (st != MAB_STATUS_OK) return st;
        sp->additional_named_in = name;
    }
    return MAB_STATUS_OK;
}

static void add_no_split(mab_tokenizer * tok, const std::string & text, int32_t id) {
    for (const no_split_token & t : tok->no_split) {
        if (t.text == text) return;
    }
    no_split_token t;
    t.text = text;
    unicode::decode_utf8(text.data(), text.size(), &t.cps);
    t.id = id;
    tok->no_split.push_back(std::move(t));
}

// convert_tokens_to_ids: the token's id, else the id of the unknown token.
static int32_t token_id_or_unk(const mab_tokenizer & tok, const std::string & s) {
    const int32_t id = tok.vocab.find(s);
    return id >= 0 ? id : tok.unk_id;
}

mab_status tokenizer_load_slow(const char * vocab_txt, size_t vocab_len, const char * config_json, size_t config_len,
                               const char * special_map_json, size_t special_map_len, mab_tokenizer * tok) {
    mab_status st = vocab_parse_txt(vocab_txt, vocab_len, "vocab.txt", &tok->vocab);
    if (st != MAB_STATUS_OK) return st;

    // BertTokenizer's defaults.
    special_tokens sp;
    int  strip_accents = -1; // None
    std::vector<std::string> never_split;
    std::vector<std::pair<int32_t, std::string>> added_tokens;

    if (config_json) {
        const char * name = "tokenizer_config.json";
        json cfg;
        if ((st = parse_json_object(config_json, config_len, name, &cfg)) != MAB_STATUS_OK) return st;
        if ((st = read_bool(cfg, "do_lower_case", name, &tok->do_lower_case)) != MAB_STATUS_OK) return st;
        if ((st = read_bool(cfg, "tokenize_chinese_chars", name, &tok->tokenize_chinese_chars)) != MAB_STATUS_OK) return st;
        bool basic = true;
        if ((st = read_bool(cfg, "do_basic_tokenize", name, &basic)) != MAB_STATUS_OK) return st;
        if (!basic) return set_error(MAB_STATUS_BAD_TOKENIZER, "%s: do_basic_tokenize = false is not supported", name);
        if (const json * v = find_key(cfg, "strip_accents")) {
            if (v->is_boolean()) {
                strip_accents = v->get<bool>() ? 1 : 0;
            } else if (!v->is_null()) {
                return set_error(MAB_STATUS_BAD_TOKENIZER, "%s: \"strip_accents\" must be true, false or null, got %s",
                                 name, short_dump(*v).c_str());
            }
        }
        if (const json * v = find_key(cfg, "never_split")) {
            if ((st = read_token_list(*v, "never_split", name, &never_split)) != MAB_STATUS_OK) return st;
        }
        if (const json * v = find_key(cfg, "model_max_length")) {
            // Upstream writes a huge float (1e30) for "no limit".
            if (v->is_number_integer() && v->get<int64_t>() > 0 && v->get<int64_t>() <= INT32_MAX) {
                tok->model_max_length = (int32_t) v->get<int64_t>();
            }
        }
        if ((st = read_special_tokens(cfg, name, &sp)) != MAB_STATUS_OK) return st;
        // Newer transformers list every added token here ({"101": {"content": "[CLS]", ...}}).
        if (const json * v = find_key(cfg, "added_tokens_decoder")) {
            if (!v->is_object()) {
                return set_error(MAB_STATUS_BAD_TOKENIZER, "%s: \"added_tokens_decoder\" must be an object", name);
            }
            for (auto it = v->begin(); it != v->end(); ++it) {
                char *     end = nullptr;
                const long id  = strtol(it.key().c_str(), &end, 10);
                std::string content;
                if (it.key().empty() || *end != '\0' || id < 0 || id >= MAX_TOKEN_ID ||
                    read_token_value(it.value(), "added_tokens_decoder", name, &content) != MAB_STATUS_OK || content.empty()) {
                    return set_error(MAB_STATUS_BAD_TOKENIZER,
                                     "%s: added_tokens_decoder entry \"%s\" must map an id in [0, %lld) to a token", name,
                                     it.key().c_str(), (long long) MAX_TOKEN_ID);
                }
                added_tokens.push_back({(int32_t) id, content});
            }
        }
    }
    if (special_map_json) {
        // from_pretrained sets these after construction: they override tokenizer_config.json.
        json map;
        if ((st = parse_json_object(special_map_json, special_map_len, "special_tokens_map.json", &map)) != MAB_STATUS_OK) return st;
        if ((st = read_special_tokens(map, "special_tokens_map.json", &sp)) != MAB_STATUS_OK) return st;
    }

    tok->strip_accents = strip_accents < 0 ? tok->do_lower_case : strip_accents == 1;
    const std::string & unk = sp.value[special_tokens::UNK];
    const char * unk_named_in = sp.named_in[special_tokens::UNK];
    if (unk.empty()) return set_error(MAB_STATUS_BAD_TOKENIZER, "%s: unk_token is null", unk_named_in);
    tok->unk_token = unk;
    tok->unk_id    = tok->vocab.find(unk);
    if (tok->unk_id < 0) {
        // Blame the file that named the token: vocab.txt is only wrong when the default was meant.
        if (unk_named_in) {
            return set_error(MAB_STATUS_BAD_TOKENIZER, "%s: unk_token '%s' is not in vocab.txt (%d tokens): name a token of the "
                             "vocabulary", unk_named_in, unk.c_str(), tok->vocab.size());
        }
        return set_error(MAB_STATUS_BAD_TOKENIZER, "vocab.txt: the unknown token '%s' (BertTokenizer's default unk_token) is not in "
                         "the vocabulary (%d tokens): add it, or name another in tokenizer_config.json's unk_token",
                         unk.c_str(), tok->vocab.size());
    }
    for (const auto & [id, content] : added_tokens) {
        if (tok->vocab.find(content) != id) tok->vocab.add(content, id);
    }
    // sanitize_special_tokens(): a special token missing from the vocabulary gets the next id,
    // len(vocab) + the number added so far. Where it was named is kept for tokenizer_check_ids.
    const std::vector<std::pair<std::string, std::string>> all = sp.all();
    int32_t next_id = tok->vocab.size();
    for (const auto & [s, named_in] : all) {
        if (tok->vocab.find(s) >= 0) continue;
        tok->vocab.add(s, next_id);
        tok->added_specials.push_back({next_id++, named_in});
    }
    for (const auto & [s, named_in] : all) add_no_split(tok, s, tok->vocab.find(s));
    for (const auto & [id, content] : added_tokens) add_no_split(tok, content, tok->vocab.find(content));

    tok->never_split.insert(never_split.begin(), never_split.end());
    tok->never_split_all = tok->never_split;
    for (const auto & [s, named_in] : all) tok->never_split_all.insert(s);

    const auto id_of = [&](int i) { return sp.value[i].empty() ? -1 : token_id_or_unk(*tok, sp.value[i]); };
    tok->cls_id  = id_of(special_tokens::CLS);
    tok->sep_id  = id_of(special_tokens::SEP);
    tok->pad_id  = id_of(special_tokens::PAD);
    tok->mask_id = id_of(special_tokens::MASK);
    if (tok->cls_id >= 0) tok->begin_ids.push_back(tok->cls_id);
    if (tok->sep_id >= 0) tok->end_ids.push_back(tok->sep_id);
    tokenizer_finish(tok);
    return MAB_STATUS_OK;
}

// The single-sequence part of a TemplateProcessing post-processor: the special tokens before and
// after $A.
static mab_status read_template(const json & pp, mab_tokenizer * tok) {
    const char * name = "tokenizer.json";
    const json * single = find_key(pp, "single");
    const json * specials = find_key(pp, "special_tokens");
    if (!single || !single->is_array() || !specials || !specials->is_object()) {
        return set_error(MAB_STATUS_BAD_TOKENIZER, "%s: TemplateProcessing needs a \"single\" list and a \"special_tokens\" object", name);
    }
    bool seen_sequence = false;
    for (const json & item : *single) {
        if (!item.is_object()) return set_error(MAB_STATUS_BAD_TOKENIZER, "%s: bad template item %s", name, short_dump(item).c_str());
        if (find_key(item, "Sequence")) {
            if (seen_sequence) return set_error(MAB_STATUS_BAD_TOKENIZER, "%s: the single template has two sequences", name);
            seen_sequence = true;
            continue;
        }
        const json * sp = find_key(item, "SpecialToken");
        const json * id = sp && sp->is_object() ? find_key(*sp, "id") : nullptr;
        if (!id || !id->is_string()) {
            return set_error(MAB_STATUS_BAD_TOKENIZER, "%s: bad template item %s", name, short_dump(item).c_str());
        }
        const json * def = find_key(*specials, id->get_ref<const std::string &>().c_str());
        const json * ids = def && def->is_object() ? find_key(*def, "ids") : nullptr;
        if (!ids || !ids->is_array()) {
            return set_error(MAB_STATUS_BAD_TOKENIZER, "%s: template special token '%s' has no \"ids\" in special_tokens",
                             name, id->get_ref<const std::string &>().c_str());
        }
        for (const json & x : *ids) {
            if (!x.is_number_integer() || x.get<int64_t>() < 0 || x.get<int64_t>() >= tok->vocab.n_ids()) {
                return set_error(MAB_STATUS_BAD_TOKENIZER, "%s: template special token '%s' has id %s, expected 0..%d",
                                 name, id->get_ref<const std::string &>().c_str(), short_dump(x).c_str(), tok->vocab.n_ids() - 1);
            }
            (seen_sequence ? tok->end_ids : tok->begin_ids).push_back((int32_t) x.get<int64_t>());
        }
    }
    if (!seen_sequence) return set_error(MAB_STATUS_BAD_TOKENIZER, "%s: the single template has no $A sequence", name);
    return MAB_STATUS_OK;
}

// BertProcessing: {"sep": ["[SEP]", 102], "cls": ["[CLS]", 101]}.
static mab_status read_bert_processing(const json & pp, mab_tokenizer * tok) {
    for (const char * key : {"cls", "sep"}) {
        const json * v = find_key(pp, key);
        if (!v || !v->is_array() || v->size() != 2 || !(*v)[1].is_number_integer() ||
            (*v)[1].get<int64_t>() < 0 || (*v)[1].get<int64_t>() >= tok->vocab.n_ids()) {
            return set_error(MAB_STATUS_BAD_TOKENIZER, "tokenizer.json: BertProcessing \"%s\" must be [token, id] with a vocabulary id",
                             key);
        }
        const int32_t id = (int32_t) (*v)[1].get<int64_t>();
        (key[0] == 'c' ? tok->begin_ids : tok->end_ids).push_back(id);
    }
    return MAB_STATUS_OK;
}

static const std::string * type_of(const json & j) {
    const json * t = j.is_object() ? find_key(j, "type") : nullptr;
    return t && t->is_string() ? &t->get_ref<const std::string &>() : nullptr;
}

mab_status tokenizer_load_fast(const char * tokenizer_json, size_t len, mab_tokenizer * tok) {
    const char * name = "tokenizer.json";
    json root;
    mab_status st = parse_json_object(tokenizer_json, len, name, &root);
    if (st != MAB_STATUS_OK) return st;

    // model: WordPiece.
    const json * model = find_key(root, "model");
    const std::string * model_type = model ? type_of(*model) : nullptr;
    if (!model_type || *model_type != "WordPiece") {
        return set_error(MAB_STATUS_BAD_TOKENIZER, "%s: model.type is %s, expected \"WordPiece\"", name,
                         model_type ? model_type->c_str() : "missing");
    }
    const json * vocab = find_key(*model, "vocab");
    if (!vocab || !vocab->is_object() || vocab->empty()) {
        return set_error(MAB_STATUS_BAD_TOKENIZER, "%s: model.vocab must be a non-empty object {token: id}", name);
    }
    for (auto it = vocab->begin(); it != vocab->end(); ++it) {
        const json & v = it.value();
        if (!v.is_number_integer() || v.get<int64_t>() < 0 || v.get<int64_t>() >= MAX_TOKEN_ID) {
            return set_error(MAB_STATUS_BAD_TOKENIZER, "%s: model.vocab[\"%s\"] = %s, expected an id in [0, %lld)", name,
                             it.key().c_str(), short_dump(v).c_str(), (long long) MAX_TOKEN_ID);
        }
        tok->vocab.add(it.key(), (int32_t) v.get<int64_t>());
    }
    const json * unk = find_key(*model, "unk_token");
    if (!unk || !unk->is_string()) return set_error(MAB_STATUS_BAD_TOKENIZER, "%s: model.unk_token must be a string", name);
    tok->unk_token = unk->get_ref<const std::string &>();
    tok->unk_id    = tok->vocab.find(tok->unk_token);
    if (tok->unk_id < 0) {
        return set_error(MAB_STATUS_BAD_TOKENIZER, "%s: model.unk_token '%s' is not in model.vocab", name, tok->unk_token.c_str());
    }
    if (const json * p = find_key(*model, "continuing_subword_prefix"); p && !p->is_null()) {
        if (!p->is_string()) return set_error(MAB_STATUS_BAD_TOKENIZER, "%s: model.continuing_subword_prefix must be a string", name);
        tok->continuing_subword_prefix = p->get_ref<const std::string &>();
    }
    if (const json * m = find_key(*model, "max_input_chars_per_word"); m && !m->is_null()) {
        if (!m->is_number_integer() || m->get<int64_t>() < 1 || m->get<int64_t>() > INT32_MAX) {
            return set_error(MAB_STATUS_BAD_TOKENIZER, "%s: model.max_input_chars_per_word must be a positive integer, got %s",
                             name, short_dump(*m).c_str());
        }
        tok->max_input_chars_per_word = (int32_t) m->get<int64_t>();
    }

    // normalizer: BertNormalizer or none.
    const json * norm = find_key(root, "normalizer");
    if (!norm || norm->is_null()) {
        tok->clean_text = tok->tokenize_chinese_chars = tok->do_lower_case = tok->strip_accents = false;
    } else {
        const std::string * t = type_of(*norm);
        if (!t || *t != "BertNormalizer") {
            return set_error(MAB_STATUS_BAD_TOKENIZER, "%s: normalizer.type is %s, expected \"BertNormalizer\"", name,
                             t ? t->c_str() : "missing");
        }
        if ((st = read_bool(*norm, "clean_text", name, &tok->clean_text)) != MAB_STATUS_OK) return st;
        if ((st = read_bool(*norm, "handle_chinese_chars", name, &tok->tokenize_chinese_chars)) != MAB_STATUS_OK) return st;
        if ((st = read_bool(*norm, "lowercase", name, &tok->do_lower_case)) != MAB_STATUS_OK) return st;
        tok->strip_accents = tok->do_lower_case;
        if ((st = read_bool(*norm, "strip_accents", name, &tok->strip_accents)) != MAB_STATUS_OK) return st;
    }

    const json * pre = find_key(root, "pre_tokenizer");
    const std::string * pre_type = pre ? type_of(*pre) : nullptr;
    if (!pre_type || *pre_type != "BertPreTokenizer") {
        return set_error(MAB_STATUS_BAD_TOKENIZER, "%s: pre_tokenizer.type is %s, expected \"BertPreTokenizer\"", name,
                         pre_type ? pre_type->c_str() : "missing");
    }

    if (const json * pp = find_key(root, "post_processor"); pp && !pp->is_null()) {
        const std::string * t = type_of(*pp);
        if (t && *t == "TemplateProcessing") {
            st = read_template(*pp, tok);
        } else if (t && *t == "BertProcessing") {
            st = read_bert_processing(*pp, tok);
        } else {
            st = set_error(MAB_STATUS_BAD_TOKENIZER, "%s: post_processor.type is %s, expected \"TemplateProcessing\" or \"BertProcessing\"",
                           name, t ? t->c_str() : "missing");
        }
        if (st != MAB_STATUS_OK) return st;
    }

    // added_tokens: matched whole in the raw text; the special ones are also kept whole by the
    // basic tokenizer, as BertTokenizer's all_special_tokens are.
    if (const json * added = find_key(root, "added_tokens"); added && !added->is_null()) {
        if (!added->is_array()) return set_error(MAB_STATUS_BAD_TOKENIZER, "%s: added_tokens must be a list", name);
        for (const json & a : *added) {
            const json * id      = a.is_object() ? find_key(a, "id") : nullptr;
            const json * content = a.is_object() ? find_key(a, "content") : nullptr;
            const json * special = a.is_object() ? find_key(a, "special") : nullptr;
            if (!id || !id->is_number_integer() || id->get<int64_t>() < 0 || id->get<int64_t>() >= MAX_TOKEN_ID ||
                !content || !content->is_string() || content->get_ref<const std::string &>().empty()) {
                return set_error(MAB_STATUS_BAD_TOKENIZER, "%s: bad added_tokens entry %s", name, short_dump(a).c_str());
            }
            const std::string & text = content->get_ref<const std::string &>();
            const int32_t       tid  = (int32_t) id->get<int64_t>();
            if (tok->vocab.find(text) != tid) tok->vocab.add(text, tid);
            add_no_split(tok, text, tid);
            if (special && special->is_boolean() && special->get<bool>()) tok->never_split_all.insert(text);
        }
    }

    if (const json * trunc = find_key(root, "truncation"); trunc && trunc->is_object()) {
        const json * m = find_key(*trunc, "max_length");
        if (m && m->is_number_integer() && m->get<int64_t>() > 0 && m->get<int64_t>() <= INT32_MAX) {
            tok->model_max_length = (int32_t) m->get<int64_t>();
        }
    }
    // tokenizer.json does not name the roles of its special tokens; the template gives [CLS] and
    // [SEP], padding gives [PAD], and [MASK] goes by its usual name.
    if (tok->begin_ids.size() == 1) tok->cls_id = tok->begin_ids[0];
    if (tok->end_ids.size() == 1) tok->sep_id = tok->end_ids[0];
    tok->pad_id = tok->vocab.find("[PAD]");
    if (const json * pad = find_key(root, "padding"); pad && pad->is_object()) {
        const json * id = find_key(*pad, "pad_id");
        if (id && id->is_number_integer() && id->get<int64_t>() >= 0 && id->get<int64_t>() < tok->vocab.n_ids()) {
            tok->pad_id = (int32_t) id->get<int64_t>();
        }
    }
    tok->mask_id = tok->vocab.find("[MASK]");
    tokenizer_finish(tok);
    return MAB_STATUS_OK;
}

void tokenizer_finish(mab_tokenizer * tok) {
    // Upstream builds its protection regex from the sorted token list; byte order of UTF-8 is code
    // point order, which is Python's string order.
    std::sort(tok->no_split.begin(), tok->no_split.end(),
              [](const no_split_token & a, const no_split_token & b) { return a.text < b.text; });
    tok->no_split_first.clear();
    for (const no_split_token & t : tok->no_split) {
        if (!t.cps.empty()) tok->no_split_first.push_back(t.cps[0]);
    }
    std::sort(tok->no_split_first.begin(), tok->no_split_first.end());
    tok->no_split_first.erase(std::unique(tok->no_split_first.begin(), tok->no_split_first.end()), tok->no_split_first.end());
    tok->never_split_first.clear();
    std::vector<uint32_t> cps;
    for (const std::string & s : tok->never_split_all) {
        unicode::decode_utf8(s.data(), s.size(), &cps);
        if (!cps.empty()) tok->never_split_first.push_back(cps[0]);
    }
    std::sort(tok->never_split_first.begin(), tok->never_split_first.end());
    tok->never_split_first.erase(std::unique(tok->never_split_first.begin(), tok->never_split_first.end()), tok->never_split_first.end());
}

} // namespace mab
