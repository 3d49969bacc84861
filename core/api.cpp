// The C API (include/minialbert.h) over the C++ core: argument checks and ownership, nothing else.
#include "minialbert.h"

#include "kernels/kernels.h"
#include "loader/reader.h"
#include "model/minialbert.h"
#include "status.h"

#include <cstdlib>
#include <string>
#include <sys/stat.h>

using namespace mab;

extern "C" {

mab_model_params mab_model_default_params(void) {
    mab_model_params p;
    p.backend   = "auto";
    p.n_threads = 0;
    return p;
}

mab_status mab_backend_check(const char * backend) {
    return find_backend(backend) ? MAB_STATUS_OK : MAB_STATUS_UNSUPPORTED;
}

mab_forward_params mab_forward_default_params(void) {
    mab_forward_params p;
    p.callback        = nullptr;
    p.user_data       = nullptr;
    p.want_attentions = 0;
    return p;
}

mab_status mab_model_load_from_buffers(const char * config_json, size_t config_len, void * safetensors,
                                       size_t safetensors_len, const char * name, mab_model_params params,
                                       mab_model ** out) {
    if (!out || !config_json || !safetensors) {
        free(safetensors);
        return set_error(MAB_STATUS_INVALID_ARGUMENT, "mab_model_load_from_buffers: null argument");
    }
    return model_load(config_json, config_len, safetensors, safetensors_len, name ? name : "model", params.backend,
                      params.n_threads, out);
}

mab_status mab_model_load_from_dir(const char * dir, mab_model_params params, mab_model ** out) {
    if (!dir || !out) return set_error(MAB_STATUS_INVALID_ARGUMENT, "mab_model_load_from_dir: null argument");
    void * config = nullptr, * weights = nullptr;
    size_t config_len = 0, weights_len = 0;
    mab_status st = read_file(file_in(dir, "config.json"), &config, &config_len);
    if (st) return st;
    if ((st = read_file(file_in(dir, "model.safetensors"), &weights, &weights_len))) {
        free(config);
        // A Hugging Face checkpoint often holds only pytorch_model.bin, a pickle the engine never reads.
        struct stat info;
        if (st == MAB_STATUS_IO && stat(file_in(dir, "pytorch_model.bin").c_str(), &info) == 0) {
            return set_error(MAB_STATUS_IO, "'%s' has pytorch_model.bin but no model.safetensors, the one weights file the "
                             "engine reads: convert the checkpoint with `python3 models/convert.py %s OUT_DIR`", dir, dir);
        }
        return st;
    }
    st = model_load((const char *) config, config_len, weights, weights_len, dir, params.backend, params.n_threads, out);
    free(config);
    return st;
}

void mab_model_free(mab_model * model) { delete model; }

void mab_model_get_info(const mab_model * m, mab_model_info * info) {
    if (!m || !info) return; // as the other getters: a null argument is no crash
    const hparams & hp = m->hp;
    info->vocab_size              = hp.vocab_size;
    info->embedding_size          = hp.embedding_size;
    info->hidden_size             = hp.hidden_size;
    info->num_hidden_layers       = hp.num_hidden_layers;
    info->num_attention_heads     = hp.num_attention_heads;
    info->intermediate_size       = hp.intermediate_size;
    info->max_position_embeddings = hp.max_position_embeddings;
    info->type_vocab_size         = hp.type_vocab_size;
    info->use_adapter             = hp.use_adapter;
    info->reduction_factor        = hp.reduction_factor;
    info->num_labels              = m->num_labels;
    info->layer_norm_eps          = hp.layer_norm_eps;
    info->hidden_act              = hp.hidden_act_name;
    info->head = m->head == HEAD_TOKEN_CLASSIFICATION    ? MAB_HEAD_TOKEN_CLASSIFICATION
               : m->head == HEAD_SEQUENCE_CLASSIFICATION ? MAB_HEAD_SEQUENCE_CLASSIFICATION
                                                         : MAB_HEAD_NONE;
    info->n_params = m->n_params;
    int64_t bytes  = (int64_t) m->file_len;
    for (const auto & [p, copy_bytes] : m->owned) bytes += (int64_t) copy_bytes;
    for (linear_weights * lw : {m->projector, m->qkv, m->dense, m->ffn, m->ffn_output, m->classifier}) {
        if (lw) bytes += (int64_t) m->backend->linear_bytes(lw);
    }
    for (const auto * list : {&m->att_adapters, &m->mlp_adapters}) {
        for (const mab_adapter & a : *list) {
            bytes += (int64_t) (m->backend->linear_bytes(a.down) + m->backend->linear_bytes(a.up));
        }
    }
    info->weight_bytes = bytes;
    info->backend      = m->backend->name;
    info->n_threads    = (int32_t) thread_pool_size(m->pool);
    info->int8_gemm    = m->int8_layers ? m->backend->int8_gemm : nullptr;
    info->multi_label  = m->multi_label;
}

const char * mab_model_label(const mab_model * m, int32_t i) {
    if (!m || i < 0 || (size_t) i >= m->labels.size()) return nullptr;
    return m->labels[(size_t) i].c_str();
}

size_t mab_model_workspace_bytes(const mab_model * m, int32_t batch, int32_t seq_len) {
    if (!m || batch < 1 || seq_len < 1) return 0;
    const checked_size bytes = model_workspace_floats(*m, (size_t) batch, (size_t) seq_len, false) * sizeof(float);
    return bytes.overflow ? SIZE_MAX : bytes.value;
}

double mab_model_flops(const mab_model * m, int32_t batch, int32_t seq_len) {
    if (!m || batch < 1 || seq_len < 1) return 0.0;
    const hparams & hp = m->hp;
    const double T = (double) batch * seq_len, L = seq_len, E = hp.embedding_size, H = hp.hidden_size;
    const double F = hp.intermediate_size, R = hp.use_adapter ? H / hp.reduction_factor : 0.0;
    const double per_layer = 2 * T * (3 * H * H + H * H + 2 * H * F + 2 * 2 * H * R) + 2 * 2 * T * L * H;
    const double head = m->head == HEAD_TOKEN_CLASSIFICATION ? 2 * T * H * m->num_labels
                      : m->head == HEAD_SEQUENCE_CLASSIFICATION ? 2.0 * batch * H * m->num_labels : 0.0;
    return 2 * T * E * H + hp.num_hidden_layers * per_layer + head;
}

mab_status mab_forward(mab_model * model, const int32_t * input_ids, const int32_t * attention_mask,
                       const int32_t * token_type_ids, int32_t batch, int32_t seq_len, float * logits,
                       float * last_hidden_state, mab_forward_params params) {
    if (!model) return set_error(MAB_STATUS_INVALID_ARGUMENT, "mab_forward: model is null");
    return model_forward(model, input_ids, attention_mask, token_type_ids, batch, seq_len, logits, last_hidden_state,
                         params);
}

} // extern "C"
