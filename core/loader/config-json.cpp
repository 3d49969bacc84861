// config.json → model_config. Reads the keys, never dispatches on "model_type": upstream fine-tuning
// re-saves the ALBERT config with "model_type": "bert" but the same ALBERT keys.
#include "loader/json-depth.h"
#include "model/hparams.h"
#include "status.h"

#include <nlohmann/json.hpp>

#include <cstring>
#include <string>

namespace mab {

using json = nlohmann::json;

// Reads an integer key into *out; missing keys keep the default unless required.
static mab_status read_int(const json & j, const char * key, bool required, int32_t lo, int32_t hi,
                           const char * name, int32_t * out) {
    if (!j.contains(key)) {
        if (required) return set_error(MAB_STATUS_BAD_CONFIG, "%s: missing required key \"%s\"", name, key);
        return MAB_STATUS_OK;
    }
    const json & v = j[key];
    if (!v.is_number_integer()) {
        return set_error(MAB_STATUS_BAD_CONFIG, "%s: \"%s\" must be an integer, got %s", name, key,
                         v.dump().substr(0, 40).c_str());
    }
    const int64_t x = v.get<int64_t>();
    if (x < lo || x > hi) {
        return set_error(MAB_STATUS_BAD_CONFIG, "%s: \"%s\" = %lld is out of range [%d, %d]", name, key,
                         (long long) x, lo, hi);
    }
    *out = (int32_t) x;
    return MAB_STATUS_OK;
}

static bool parse_activation(const std::string & s, activation * act) {
    // The names of transformers' ACT2FN that mean these functions (gelu_python and gelu_fast are
    // the same formulas written out in Python).
    if (s == "gelu" || s == "gelu_python")                                { *act = ACTIVATION_GELU_ERF;  return true; }
    if (s == "gelu_new" || s == "gelu_pytorch_tanh" || s == "gelu_fast")  { *act = ACTIVATION_GELU_TANH; return true; }
    if (s == "relu")                                   { *act = ACTIVATION_RELU;      return true; }
    return false;
}

mab_status parse_config(const char * text, size_t len, const char * name, model_config * out) {
    if (json_too_deep(text, len)) return set_error(MAB_STATUS_BAD_CONFIG, "%s: nested deeper than %d levels", name, MAX_JSON_DEPTH);
    const json j = json::parse(text, text + len, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) return set_error(MAB_STATUS_BAD_CONFIG, "%s: not valid JSON", name);
    if (!j.is_object()) return set_error(MAB_STATUS_BAD_CONFIG, "%s: expected a JSON object", name);

    model_config cfg{};
    hparams & hp = cfg.hp;
    const int32_t big = 1 << 24;
    mab_status st;
    if ((st = read_int(j, "vocab_size", true, 1, big, name, &hp.vocab_size)) ||
        (st = read_int(j, "embedding_size", true, 1, 1 << 16, name, &hp.embedding_size)) ||
        (st = read_int(j, "hidden_size", true, 1, 1 << 16, name, &hp.hidden_size)) ||
        (st = read_int(j, "num_hidden_layers", true, 1, 1024, name, &hp.num_hidden_layers)) ||
        (st = read_int(j, "num_attention_heads", true, 1, 1 << 12, name, &hp.num_attention_heads)) ||
        (st = read_int(j, "intermediate_size", true, 1, 1 << 18, name, &hp.intermediate_size)) ||
        (st = read_int(j, "max_position_embeddings", false, 1, 1 << 16, name, &hp.max_position_embeddings)) ||
        (st = read_int(j, "type_vocab_size", false, 1, 1 << 16, name, &hp.type_vocab_size)) ||
        (st = read_int(j, "reduction_factor", false, 1, 1 << 16, name, &hp.reduction_factor))) {
        return st;
    }
    // Defaults for keys a config may leave out: BertConfig's, as upstream's MiniAlbertFor* classes read
    // config.json with config_class = BertConfig (so a missing hidden_act is erf GELU, not ALBERT's gelu_new).
    hp.use_adapter    = false;
    hp.layer_norm_eps = 1e-12f;
    hp.hidden_act     = ACTIVATION_GELU_ERF;
    strcpy(hp.hidden_act_name, "gelu");

    if (j.contains("use_adapter")) {
        if (!j["use_adapter"].is_boolean()) {
            return set_error(MAB_STATUS_BAD_CONFIG, "%s: \"use_adapter\" must be true or false", name);
        }
        hp.use_adapter = j["use_adapter"].get<bool>();
    }
    if (j.contains("layer_norm_eps")) {
        const json & v = j["layer_norm_eps"];
        if (!v.is_number() || !(v.get<double>() > 0.0) || v.get<double>() > 1.0) {
            return set_error(MAB_STATUS_BAD_CONFIG, "%s: \"layer_norm_eps\" must be a number in (0, 1]", name);
        }
        hp.layer_norm_eps = (float) v.get<double>();
    }
    if (j.contains("hidden_act")) {
        const json & v = j["hidden_act"];
        const std::string s = v.is_string() ? v.get<std::string>() : v.dump();
        if (!v.is_string() || !parse_activation(s, &hp.hidden_act) || s.size() >= sizeof hp.hidden_act_name) {
            return set_error(MAB_STATUS_BAD_CONFIG,
                             "%s: unsupported \"hidden_act\" %s (supported: gelu, gelu_python, gelu_new, gelu_pytorch_tanh, gelu_fast, relu)",
                             name, s.substr(0, 40).c_str());
        }
        strcpy(hp.hidden_act_name, s.c_str());
    }
    if (hp.hidden_size % hp.num_attention_heads != 0) {
        return set_error(MAB_STATUS_BAD_CONFIG,
                         "%s: hidden_size %d is not a multiple of num_attention_heads %d", name, hp.hidden_size,
                         hp.num_attention_heads);
    }
    if (hp.use_adapter && hp.hidden_size / hp.reduction_factor < 1) {
        return set_error(MAB_STATUS_BAD_CONFIG, "%s: hidden_size %d / reduction_factor %d leaves no adapter width",
                         name, hp.hidden_size, hp.reduction_factor);
    }
    // One layer group of one layer is what MiniALBERT shares across recursions.
    for (const char * key : {"num_hidden_groups", "inner_group_num"}) {
        if (j.contains(key) && !(j[key].is_number_integer() && j[key].get<int64_t>() == 1)) {
            return set_error(MAB_STATUS_BAD_CONFIG, "%s: \"%s\" = %s is unsupported (miniALBERT shares exactly one layer)",
                             name, key, j[key].dump().substr(0, 20).c_str());
        }
    }
    if (j.contains("position_embedding_type") &&
        !(j["position_embedding_type"].is_string() && j["position_embedding_type"].get<std::string>() == "absolute")) {
        return set_error(MAB_STATUS_BAD_CONFIG, "%s: \"position_embedding_type\" %s is unsupported (only \"absolute\")",
                         name, j["position_embedding_type"].dump().substr(0, 40).c_str());
    }

    if (j.contains("id2label")) {
        const json & m = j["id2label"];
        if (!m.is_object()) return set_error(MAB_STATUS_BAD_CONFIG, "%s: \"id2label\" must be an object", name);
        const size_t n = m.size();
        if (n > (size_t) big) return set_error(MAB_STATUS_BAD_CONFIG, "%s: \"id2label\" is too large", name);
        cfg.id2label.assign(n, std::string());
        std::vector<bool> seen(n, false);
        for (auto it = m.begin(); it != m.end(); ++it) {
            const std::string & key = it.key();
            char * end = nullptr;
            const long id = key.empty() ? -1 : strtol(key.c_str(), &end, 10);
            if (key.empty() || *end != '\0' || id < 0 || (size_t) id >= n || seen[(size_t) id]) {
                return set_error(MAB_STATUS_BAD_CONFIG,
                                 "%s: \"id2label\" key \"%s\" is not one of 0..%zu (each once)", name,
                                 key.substr(0, 20).c_str(), n - 1);
            }
            if (!it.value().is_string()) {
                return set_error(MAB_STATUS_BAD_CONFIG, "%s: \"id2label\"[\"%s\"] must be a string", name, key.c_str());
            }
            seen[(size_t) id]          = true;
            cfg.id2label[(size_t) id] = it.value().get<std::string>();
        }
    }

    cfg.architecture = HEAD_NONE;
    if (j.contains("architectures") && j["architectures"].is_array()) {
        for (const json & a : j["architectures"]) {
            if (!a.is_string()) continue;
            const std::string s = a.get<std::string>();
            if (s.find("ForTokenClassification") != std::string::npos) cfg.architecture = HEAD_TOKEN_CLASSIFICATION;
            if (s.find("ForSequenceClassification") != std::string::npos) cfg.architecture = HEAD_SEQUENCE_CLASSIFICATION;
        }
    }
    // transformers' PretrainedConfig accepts these three (or null); the classification pipeline
    // scores a multi-label model's labels each with a sigmoid instead of one softmax.
    if (j.contains("problem_type") && !j["problem_type"].is_null()) {
        const json & v = j["problem_type"];
        const std::string s = v.is_string() ? v.get<std::string>() : std::string();
        if (s != "regression" && s != "single_label_classification" && s != "multi_label_classification") {
            return set_error(MAB_STATUS_BAD_CONFIG,
                             "%s: \"problem_type\" must be null, \"regression\", \"single_label_classification\" or "
                             "\"multi_label_classification\", got %s", name, v.dump().substr(0, 40).c_str());
        }
        cfg.multi_label = s == "multi_label_classification";
    }
    *out = std::move(cfg);
    return MAB_STATUS_OK;
}

} // namespace mab
