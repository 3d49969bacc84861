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
// allocated it with malloc and streamed the download straight into it. n_threads above 1 only
// makes sense in the threads build, whose pool has that many workers (web/src/bindings.js).
EMSCRIPTEN_KEEPALIVE mab_status mab_wasm_model_load(const char * config_json, size_t config_len, void * safetensors,
                                                    size_t safetensors_len, const char * name,
                                                    const char * backend, int32_t n_threads, mab_model ** out) {
    mab_model_params params = mab_model_default_params();
    params.backend          = backend;
    params.n_threads        = n_threads;
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
             "\"weight_bytes\":%lld,\"backend\":\"%s\",\"n_threads\":%d,\"int8_gemm\":%s%s%s}",
             info.vocab_size, info.embedding_size, info.hidden_size, info.num_hidden_layers,
             info.num_attention_heads, info.intermediate_size, info.max_position_embeddings, info.type_vocab_size,
             info.use_adapter, info.reduction_factor, info.num_labels, (double) info.layer_norm_eps,
             info.hidden_act ? info.hidden_act : "", (int) info.head, (long long) info.n_params,
             (long long) info.weight_bytes, info.backend ? info.backend : "", info.n_threads,
             info.int8_gemm ? "\"" : "", info.int8_gemm ? info.int8_gemm : "null", info.int8_gemm ? "\"" : "");
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

// mab_tokenizer_info as one JSON object (valid until the next call).
EMSCRIPTEN_KEEPALIVE const char * mab_wasm_tokenizer_info_json(const mab_tokenizer * tokenizer) {
    static std::string   json;
    mab_tokenizer_info   info;
    mab_tokenizer_get_info(tokenizer, &info);
    char buf[512];
    snprintf(buf, sizeof buf,
             "{\"n_ids\":%d,\"do_lower_case\":%d,\"strip_accents\":%d,\"tokenize_chinese_chars\":%d,"
             "\"max_input_chars_per_word\":%d,\"model_max_length\":%d,\"n_added_begin\":%d,\"n_added_end\":%d,"
             "\"unk_id\":%d,\"cls_id\":%d,\"sep_id\":%d,\"pad_id\":%d,\"mask_id\":%d}",
             info.n_ids, info.do_lower_case, info.strip_accents, info.tokenize_chinese_chars,
             info.max_input_chars_per_word, info.model_max_length, info.n_added_begin, info.n_added_end, info.unk_id,
             info.cls_id, info.sep_id, info.pad_id, info.mask_id);
    json = buf;
    return json.c_str();
}

// mab_tokenizer_encode with the params struct passed as plain numbers.
EMSCRIPTEN_KEEPALIVE mab_status mab_wasm_tokenizer_encode(const mab_tokenizer * tokenizer, const char * text, size_t len,
                                                          int32_t max_length, int32_t stride, int32_t max_windows,
                                                          int32_t add_special_tokens, mab_encoding ** out) {
    mab_tokenizer_encode_params params = mab_tokenizer_default_encode_params();
    params.max_length                  = max_length;
    params.stride                      = stride;
    params.max_windows                 = max_windows;
    params.add_special_tokens          = add_special_tokens;
    return mab_tokenizer_encode(tokenizer, text, len, params, out);
}

// Bytes currently allocated by malloc, so tests can check that load/dispose cycles leak nothing
// (the wasm memory itself never shrinks, so its size alone would hide a leak that fits in it).
EMSCRIPTEN_KEEPALIVE size_t mab_wasm_heap_bytes(void) {
    struct mallinfo mi = mallinfo();
    return (size_t) mi.uordblks;
}

} // extern "C"
