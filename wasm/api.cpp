// api.cpp: the WebAssembly binding. Flat functions over core/include/minialbert.h that take and return
// only numbers and pointers, so web/src/bindings.js can call them through Module._mab_wasm_* without
// knowing the C struct layouts. No model logic lives here: every call is forwarded to the C API.
#include "minialbert.h"

#include <emscripten/emscripten.h>

#include <cstdio>
#include <cstdlib>
#include <malloc.h>
#include <string>

extern "C" {

// Loads a model from a config.json buffer and a malloc'd model.safetensors buffer. The safetensors
// buffer is owned by the core from here on (freed with the model, or at once on failure); the JS side
// allocated it with malloc and streamed the download straight into it.
EMSCRIPTEN_KEEPALIVE mab_status mab_wasm_model_load(const char * config_json, size_t config_len, void * safetensors,
                                                    size_t safetensors_len, const char * name,
                                                    const char * backend, mab_model ** out) {
    mab_model_params params = mab_model_default_params();
    params.backend          = backend;
    return mab_model_load_from_buffers(config_json, config_len, safetensors, safetensors_len, name, params, out);
}

// mab_model_info as one JSON object (valid until the next call), so JS never reads the struct layout.
EMSCRIPTEN_KEEPALIVE const char * mab_wasm_model_info_json(const mab_model * model) {
    static std::string json;
    mab_model_info     info;
    mab_model_get_info(model, &info);
    char buf[1024];
    snprintf(buf, sizeof buf,
             "{\"vocab_size\":%d,\"embedding_size\":%d,\"hidden_size\":%d,\"num_hidden_layers\":%d,"
             "\"num_attention_heads\":%d,\"intermediate_size\":%d,\"max_position_embeddings\":%d,"
             "\"type_vocab_size\":%d,\"use_adapter\":%d,\"reduction_factor\":%d,\"num_labels\":%d,"
             "\"layer_norm_eps\":%.9g,\"hidden_act\":\"%s\",\"head\":%d,\"n_params\":%lld,"
             "\"weight_bytes\":%lld,\"backend\":\"%s\"}",
             info.vocab_size, info.embedding_size, info.hidden_size, info.num_hidden_layers,
             info.num_attention_heads, info.intermediate_size, info.max_position_embeddings, info.type_vocab_size,
             info.use_adapter, info.reduction_factor, info.num_labels, (double) info.layer_norm_eps,
             info.hidden_act ? info.hidden_act : "", (int) info.head, (long long) info.n_params,
             (long long) info.weight_bytes, info.backend ? info.backend : "");
    json = buf;
    return json.c_str();
}

// mab_forward with default forward params (no tensor callback, no attentions).
EMSCRIPTEN_KEEPALIVE mab_status mab_wasm_forward(mab_model * model, const int32_t * input_ids,
                                                 const int32_t * attention_mask, const int32_t * token_type_ids,
                                                 int32_t batch, int32_t seq_len, float * logits) {
    return mab_forward(model, input_ids, attention_mask, token_type_ids, batch, seq_len, logits, nullptr,
                       mab_forward_default_params());
}

// Bytes currently allocated by malloc, so tests can check that load/dispose cycles leak nothing
// (the wasm memory itself never shrinks, so its size alone would hide a leak that fits in it).
EMSCRIPTEN_KEEPALIVE size_t mab_wasm_heap_bytes(void) {
    struct mallinfo mi = mallinfo();
    return (size_t) mi.uordblks;
}

} // extern "C"
