/* minialbert.h: the one public C API of the miniALBERT inference core.
 *
 * Opaque handles, plain C types, a status code from every fallible call and the message text from
 * mab_last_error(). Used by the native CLI (cli/) and the WebAssembly binding (wasm/). */
#ifndef MINIALBERT_H
#define MINIALBERT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum mab_status {
    MAB_STATUS_OK = 0,
    MAB_STATUS_INVALID_ARGUMENT = 1, /* a caller passed a bad value (null pointer, bad size) */
    MAB_STATUS_IO = 2,               /* a file could not be opened or read */
    MAB_STATUS_BAD_CONFIG = 3,       /* config.json is malformed or has unsupported values */
    MAB_STATUS_BAD_WEIGHTS = 4,      /* model.safetensors is corrupt or does not fit the config */
    MAB_STATUS_BAD_INPUT = 5,        /* token ids / mask / shapes given to forward are invalid */
    MAB_STATUS_NO_HEAD = 6,          /* the checkpoint has no classification head (encoder only) */
    MAB_STATUS_OUT_OF_MEMORY = 7,
    MAB_STATUS_UNSUPPORTED = 8,      /* e.g. a backend not built into this binary */
    MAB_STATUS_ABORTED = 9,          /* a progress callback asked to stop */
    MAB_STATUS_BAD_TOKENIZER = 10,   /* vocab.txt / tokenizer.json / tokenizer_config.json invalid */
} mab_status;

/* Text of the last error on this thread; valid until the next mab_ call on this thread. */
const char * mab_last_error(void);
/* "OK", "INVALID_ARGUMENT", ... (stable names, used as JS error codes). */
const char * mab_status_name(mab_status status);

typedef enum mab_head {
    MAB_HEAD_NONE = 0,                    /* encoder only (e.g. a masked-LM checkpoint) */
    MAB_HEAD_TOKEN_CLASSIFICATION = 1,    /* logits [B][L][num_labels] */
    MAB_HEAD_SEQUENCE_CLASSIFICATION = 2, /* logits [B][num_labels] */
} mab_head;

typedef struct mab_model mab_model;

typedef struct mab_model_params {
    const char * backend; /* "auto" (default), "reference", "xnnpack", "wasmsimd", "wasmrelaxedsimd" */
    int32_t      n_threads; /* 0 = backend default */
} mab_model_params;

mab_model_params mab_model_default_params(void);

/* Loads a model directory: config.json + model.safetensors. */
mab_status mab_model_load_from_dir(const char * dir, mab_model_params params, mab_model ** out);

/* Loads from memory. `name` is used in error messages (e.g. the URL). The safetensors buffer must have
 * been allocated with malloc (or mab_alloc); ownership passes to the model, which uses the f32 tensors in
 * place and frees the buffer with the model, so no second copy of the weights is ever made. On failure
 * the buffer is freed too. */
mab_status mab_model_load_from_buffers(const char * config_json, size_t config_len,
                                       void * safetensors, size_t safetensors_len,
                                       const char * name, mab_model_params params, mab_model ** out);

void mab_model_free(mab_model * model);

typedef struct mab_model_info {
    int32_t     vocab_size;
    int32_t     embedding_size;
    int32_t     hidden_size;
    int32_t     num_hidden_layers;
    int32_t     num_attention_heads;
    int32_t     intermediate_size;
    int32_t     max_position_embeddings;
    int32_t     type_vocab_size;
    int32_t     use_adapter;
    int32_t     reduction_factor;
    int32_t     num_labels;
    float       layer_norm_eps;
    const char * hidden_act;
    mab_head    head;
    int64_t     n_params;       /* float parameters used by inference */
    int64_t     weight_bytes;   /* bytes of weights held in memory (file + packed copies) */
    const char * backend;       /* the backend actually in use */
} mab_model_info;

void mab_model_get_info(const mab_model * model, mab_model_info * info);
/* id2label[i], or NULL when out of range. */
const char * mab_model_label(const mab_model * model, int32_t i);
/* Scratch bytes a forward call of this shape allocates (so callers can state peak memory). */
size_t mab_model_workspace_bytes(const mab_model * model, int32_t batch, int32_t seq_len);

/* Called for every named intermediate (embeddings_output, hidden_states, attentions, ...) during
 * mab_forward when set. dims has n_dims entries. */
typedef void (*mab_tensor_callback)(const char * name, int32_t index, const float * data,
                                    const int64_t * dims, int32_t n_dims, void * user_data);

typedef struct mab_forward_params {
    mab_tensor_callback callback;     /* may be NULL */
    void *              user_data;
    int32_t             want_attentions; /* compute and report attention probabilities */
} mab_forward_params;

mab_forward_params mab_forward_default_params(void);

/* Runs the model on a right-padded batch. input_ids is [batch][seq_len]; attention_mask and
 * token_type_ids may be NULL (all ones / all zeros). Writes logits: [batch][seq_len][num_labels]
 * for token classification, [batch][num_labels] for sequence classification; when last_hidden_state
 * is non-NULL it receives [batch][seq_len][hidden_size]. logits may be NULL (encoder-only use). */
mab_status mab_forward(mab_model * model, const int32_t * input_ids, const int32_t * attention_mask,
                       const int32_t * token_type_ids, int32_t batch, int32_t seq_len,
                       float * logits, float * last_hidden_state, mab_forward_params params);

/* ---- tokenizer ---- */
/* ---- end tokenizer ---- */

#ifdef __cplusplus
}
#endif

#endif
