// The miniALBERT model: weights as loaded from a checkpoint, and the forward pass.
#pragma once

#include "kernels/kernels.h"
#include "kernels/thread-pool.h"
#include "model/hparams.h"
#include "status.h"

#include <string>
#include <utility>
#include <vector>

// A bottleneck adapter: LN(up(GELU_erf(down(x))) + x).
struct mab_adapter {
    mab::linear_weights * down;   // albert.{att,mlp}_adapters.%d.block.0.{weight,bias}  [H/r, H]
    mab::linear_weights * up;     // albert.{att,mlp}_adapters.%d.block.2.{weight,bias}  [H, H/r]
    const float *         norm_w; // albert.{att,mlp}_adapters.%d.norm.weight            [H]
    const float *         norm_b; // albert.{att,mlp}_adapters.%d.norm.bias              [H]
};

struct mab_model {
    mab::hparams             hp;
    mab::head_kind           head = mab::HEAD_NONE;
    std::vector<std::string> labels;     // id2label
    bool                     multi_label = false; // config.json "problem_type": "multi_label_classification"
    std::string              head_note;  // why there is no head, for the NO_HEAD message
    const mab::kernel_backend * backend = nullptr;
    mab::thread_pool *          pool    = nullptr; // the forward pass's threads (kernels/thread-pool.h)

    // albert.albert.embeddings.*
    const float * word_embeddings       = nullptr; // word_embeddings.weight        [V, E] (f32 files)
    const int8_t * word_embeddings_q8   = nullptr; // word_embeddings.weight I8     [V, E] (--int8-embeddings)
    const float * word_embeddings_scale = nullptr; // word_embeddings.weight_scale  [V]
    const float * position_embeddings   = nullptr; // position_embeddings.weight    [P, E]
    const float * token_type_embeddings = nullptr; // token_type_embeddings.weight  [T, E]
    const float * emb_ln_w = nullptr, * emb_ln_b = nullptr; // LayerNorm.{weight,bias} [E]

    mab::linear_weights * projector = nullptr; // albert.projector [H, E]

    // The one shared layer: albert.albert.encoder.albert_layer_groups.0.albert_layers.0.*
    mab::linear_weights * qkv        = nullptr; // attention.{query,key,value} fused: [3H, H]
    int32_t attention_q8_qmax = 0; // attention_args::q8_qmax: nonzero when qkv runs on the int8 GEMM
    bool    int8_layers       = false; // some Linear layer runs on the backend's int8 GEMM
    mab::linear_weights * dense      = nullptr; // attention.dense                   [H, H]
    const float * att_ln_w = nullptr, * att_ln_b = nullptr; // attention.LayerNorm     [H]
    mab::linear_weights * ffn        = nullptr; // ffn (with hidden_act fused)       [FFN, H]
    mab::linear_weights * ffn_output = nullptr; // ffn_output                        [H, FFN]
    const float * full_ln_w = nullptr, * full_ln_b = nullptr; // full_layer_layer_norm [H]

    std::vector<mab_adapter> att_adapters; // one per recursion (use_adapter)
    std::vector<mab_adapter> mlp_adapters;

    mab::linear_weights * classifier = nullptr; // classifier [num_labels, H]
    int32_t               num_labels = 0;

    // Memory: the safetensors buffer (f32 tensors and the int8 word table are used in place),
    // converted copies of f16/bf16 tensors and of int8 position / token type tables, and the
    // forward workspace (grown on demand, reused across calls).
    void *               file_buf = nullptr;
    size_t               file_len = 0;
    std::vector<std::pair<float *, size_t>> owned; // converted copies and their bytes
    int64_t              n_params = 0;
    float *              ws       = nullptr;
    size_t               ws_bytes = 0;

    ~mab_model();
};

namespace mab {

// Builds a model from config.json text and a safetensors buffer (malloc'd; ownership passes to the
// model, freed on failure too).
mab_status model_load(const char * config_json, size_t config_len, void * st_buf, size_t st_len, const char * name,
                      const char * backend, int32_t n_threads, mab_model ** out);

// Workspace floats of one forward call; overflow set when the count does not fit in size_t.
checked_size model_workspace_floats(const mab_model & m, size_t batch, size_t seq_len, bool want_attentions);

mab_status model_forward(mab_model * m, const int32_t * input_ids, const int32_t * attention_mask,
                         const int32_t * token_type_ids, int32_t batch, int32_t seq_len, float * logits,
                         float * last_hidden_state, const mab_forward_params & params);

} // namespace mab
