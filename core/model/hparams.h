// Hyper-parameters of a miniALBERT model: one flat struct, fields named as the config.json keys.
#pragma once

#include "kernels/kernels.h"

#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

namespace mab {

struct hparams {
    int32_t    vocab_size              = 1000;
    int32_t    embedding_size          = 32;   // E: the factorised embedding width
    int32_t    hidden_size             = 64;   // H
    int32_t    num_hidden_layers       = 3;    // N: recursions of the one shared layer
    int32_t    num_attention_heads     = 4;
    int32_t    intermediate_size       = 256;  // FFN width
    int32_t    max_position_embeddings = 512;
    int32_t    type_vocab_size         = 2;
    bool       use_adapter             = true;
    int32_t    reduction_factor        = 16;   // adapter bottleneck = H / reduction_factor
    float      layer_norm_eps          = 1e-12f;
    activation hidden_act              = ACTIVATION_GELU_ERF;
    char       hidden_act_name[24]     = "gelu";
};
static_assert(std::is_trivially_copyable_v<hparams>);

enum head_kind { HEAD_NONE, HEAD_TOKEN_CLASSIFICATION, HEAD_SEQUENCE_CLASSIFICATION };

// Everything config.json says that inference needs.
struct model_config {
    hparams                  hp;
    std::vector<std::string> id2label;       // empty when the config has none (then LABEL_i)
    head_kind                architecture;   // from "architectures"; HEAD_NONE when absent/unknown
    bool                     multi_label = false; // "problem_type": "multi_label_classification"
};

// Parses config.json text. `name` (a path or URL) is used in error messages.
mab_status parse_config(const char * text, size_t len, const char * name, model_config * out);

} // namespace mab
