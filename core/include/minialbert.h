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

/* The longest text that tokenize, encode, tag, deidentify and classify take: 8 MiB of UTF-8 (about
 * 4,000 pages). Longer is MAB_STATUS_INVALID_ARGUMENT: split the text. Their working memory reaches
 * about 100 bytes per byte of text, which must fit WebAssembly's 2 GB with room to spare: running out
 * there cannot be caught, and takes the whole runtime down. */
#define MAB_MAX_TEXT_BYTES ((size_t) 8 << 20)

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
    int32_t      n_threads; /* threads for the forward pass, the caller included; 0 = default: the
                               hardware threads up to 4 natively, 1 in WebAssembly (the JS API passes
                               its own count to the -pthread build) */
} mab_model_params;

mab_model_params mab_model_default_params(void);

/* MAB_STATUS_OK when `backend` (NULL, "" or "auto" included) names a backend built into this binary;
 * else MAB_STATUS_UNSUPPORTED, and mab_last_error() lists those that are. Lets a caller refuse a wrong
 * name before it reads a model. */
mab_status mab_backend_check(const char * backend);

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
    int32_t     n_threads;      /* threads the forward pass uses (n_threads of the params, 0 resolved) */
    const char * int8_gemm;     /* the int8 GEMM micro-kernel of the model's int8 Linear layers, e.g.
                                   "qs8-qu7-gemm-4x8c4-wasmrelaxedsimd-dotadd"; NULL when none runs
                                   (an f32 model, or a backend that dequantizes int8 weights) */
    int32_t     multi_label;    /* config.json "problem_type" is "multi_label_classification" */
} mab_model_info;

/* Fills *info; does nothing when either pointer is NULL. */
void mab_model_get_info(const mab_model * model, mab_model_info * info);
/* id2label[i], or NULL when out of range. */
const char * mab_model_label(const mab_model * model, int32_t i);
/* Scratch bytes a forward call of this shape allocates (so callers can state peak memory); SIZE_MAX
 * when they do not fit in size_t (mab_forward refuses that shape with MAB_STATUS_BAD_INPUT). */
size_t mab_model_workspace_bytes(const mab_model * model, int32_t batch, int32_t seq_len);

/* Floating-point operations of one forward call of this shape (multiply-add = 2), for GFLOP/s figures. */
double mab_model_flops(const mab_model * model, int32_t batch, int32_t seq_len);

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
 * is non-NULL it receives [batch][seq_len][hidden_size]. logits may be NULL (encoder-only use).
 * A shape whose buffers do not fit in size_t (32 bits in wasm32) is MAB_STATUS_BAD_INPUT, found
 * before the inputs are read. */
mab_status mab_forward(mab_model * model, const int32_t * input_ids, const int32_t * attention_mask,
                       const int32_t * token_type_ids, int32_t batch, int32_t seq_len,
                       float * logits, float * last_hidden_state, mab_forward_params params);

/* ---- tokenizer ---- */
/* A BERT WordPiece tokenizer equal to Hugging Face's BertTokenizer, with the offset of every token in
 * the original text, in UTF-16 code units (JavaScript string indices) and in code points (Python
 * string indices). Offsets are half-open [begin, end) pairs; added [CLS]/[SEP] get [0, 0].
 * Text is UTF-8; ill-formed bytes read as U+FFFD (one per maximal ill-formed subpart, as
 * TextDecoder does) and never fail. */
typedef struct mab_tokenizer mab_tokenizer;
typedef struct mab_encoding  mab_encoding;

/* Loads a model directory: vocab.txt (+ tokenizer_config.json, special_tokens_map.json when present),
 * or, when there is no vocab.txt, tokenizer.json. */
mab_status mab_tokenizer_load_from_dir(const char * dir, mab_tokenizer ** out);

/* Loads from memory; every buffer may be NULL (length ignored). With vocab_txt, the slow-tokenizer
 * files are used and tokenizer_json is ignored; without it, tokenizer_json (a fast-tokenizer file with
 * BertNormalizer, BertPreTokenizer, a WordPiece model and TemplateProcessing or BertProcessing) is
 * required. Bad files give MAB_STATUS_BAD_TOKENIZER. */
mab_status mab_tokenizer_load_from_buffers(const char * vocab_txt, size_t vocab_txt_len,
                                           const char * tokenizer_config_json, size_t tokenizer_config_json_len,
                                           const char * special_tokens_map_json, size_t special_tokens_map_json_len,
                                           const char * tokenizer_json, size_t tokenizer_json_len,
                                           mab_tokenizer ** out);

void mab_tokenizer_free(mab_tokenizer * tokenizer);

typedef struct mab_tokenizer_info {
    int32_t n_ids;                    /* one past the largest token id */
    int32_t do_lower_case;
    int32_t strip_accents;            /* 1 when accents are stripped (after resolving the default) */
    int32_t tokenize_chinese_chars;
    int32_t max_input_chars_per_word; /* longer words become [UNK] */
    int32_t model_max_length;         /* from tokenizer_config.json, 0 when absent */
    int32_t n_added_begin;            /* tokens added before the text of each window ([CLS]) */
    int32_t n_added_end;              /* tokens added after it ([SEP]) */
    int32_t unk_id;                   /* the ids of the special tokens; -1 when the tokenizer has none */
    int32_t cls_id;
    int32_t sep_id;
    int32_t pad_id;
    int32_t mask_id;
} mab_tokenizer_info;

void mab_tokenizer_get_info(const mab_tokenizer * tokenizer, mab_tokenizer_info * info);
/* The string of a token id, or NULL when no token has this id. */
const char * mab_tokenizer_id_to_token(const mab_tokenizer * tokenizer, int32_t id);
/* The id of a token string (UTF-8, len bytes), or -1 when it is not in the vocabulary. */
int32_t mab_tokenizer_token_to_id(const mab_tokenizer * tokenizer, const char * token, size_t len);

/* BertTokenizer.tokenize: the tokens of `text` (len bytes of UTF-8, at most MAB_MAX_TEXT_BYTES) with ids and
 * offsets, no [CLS]/[SEP], no windows. */
mab_status mab_tokenizer_tokenize(const mab_tokenizer * tokenizer, const char * text, size_t len,
                                  mab_encoding ** out);

typedef struct mab_tokenizer_encode_params {
    int32_t max_length;         /* tokens per window, added [CLS]/[SEP] included (default 512) */
    int32_t stride;             /* tokens repeated from the end of one window at the start of the next
                                   (default 0); must be < max_length minus the added tokens */
    int32_t max_windows;        /* 0 = as many windows as the text needs (default); 1 = truncation */
    int32_t add_special_tokens; /* 1 (default): wrap every window in [CLS] ... [SEP] */
} mab_tokenizer_encode_params;

mab_tokenizer_encode_params mab_tokenizer_default_encode_params(void);

/* Tokenizes and cuts the tokens into windows for the model, as return_overflowing_tokens with
 * truncation and stride do upstream: window w holds tokens [first_token(w), first_token(w) + n) of
 * the tokenization, consecutive windows share `stride` tokens, the last one may be shorter. Empty text
 * gives one window holding only the added tokens. */
mab_status mab_tokenizer_encode(const mab_tokenizer * tokenizer, const char * text, size_t len,
                                mab_tokenizer_encode_params params, mab_encoding ** out);

void mab_encoding_free(mab_encoding * encoding);

/* The whole tokenization (no added tokens). Offsets are [n_tokens][2] int32 pairs. */
int32_t         mab_encoding_n_tokens(const mab_encoding * encoding);
const int32_t * mab_encoding_ids(const mab_encoding * encoding);
const int32_t * mab_encoding_offsets_utf16(const mab_encoding * encoding);
const int32_t * mab_encoding_offsets_codepoints(const mab_encoding * encoding);
/* Index of the pre-tokenized word (after whitespace and punctuation splitting) each token comes from. */
const int32_t * mab_encoding_word_ids(const mab_encoding * encoding);
/* The vocabulary string of token i ("##" pieces included), or NULL when i is out of range. */
const char *    mab_encoding_token(const mab_encoding * encoding, int32_t i);
/* Length of the text in UTF-16 code units and in code points. */
int32_t         mab_encoding_text_length_utf16(const mab_encoding * encoding);
int32_t         mab_encoding_text_length_codepoints(const mab_encoding * encoding);

/* Windows (mab_tokenizer_encode only; 0 after mab_tokenizer_tokenize). Per window: its length (added
 * tokens included), ids, offsets ([length][2], [0, 0] for added tokens) and the index in the whole
 * tokenization of its first text token. Out-of-range w gives 0 / NULL / -1. */
int32_t         mab_encoding_n_windows(const mab_encoding * encoding);
int32_t         mab_encoding_window_length(const mab_encoding * encoding, int32_t w);
int32_t         mab_encoding_window_first_token(const mab_encoding * encoding, int32_t w);
const int32_t * mab_encoding_window_ids(const mab_encoding * encoding, int32_t w);
const int32_t * mab_encoding_window_offsets_utf16(const mab_encoding * encoding, int32_t w);
const int32_t * mab_encoding_window_offsets_codepoints(const mab_encoding * encoding, int32_t w);
/* ---- end tokenizer ---- */

/* ---- sequence classification ---- */
/* How much of the text mab_classify read. */
typedef struct mab_classification {
    int32_t n_tokens;      /* text tokens in the whole text ([CLS]/[SEP] not counted) */
    int32_t n_tokens_read; /* of those, the ones the model read: fewer when the text was truncated */
} mab_classification;

/* Classifies text with a sequence-classification model, as transformers' TextClassificationPipeline
 * does with truncation: "[CLS] text [SEP]" cut to max_length tokens (0 = the model's
 * max_position_embeddings), then the scores of every label, in label order, into scores
 * (num_labels floats): a softmax, or one sigmoid per label when the model has one label or its
 * config.json says "problem_type": "multi_label_classification". out may be NULL. A token-
 * classification model is MAB_STATUS_NO_HEAD; a logit that is not finite, MAB_STATUS_BAD_WEIGHTS. */
mab_status mab_classify(mab_model * model, const mab_tokenizer * tokenizer, const char * text, size_t len,
                        int32_t max_length, float * scores, mab_classification * out);
/* ---- end sequence classification ---- */

/* ---- pipeline ---- */
/* Clinical tagging and de-identification. mab_tag finds PHI spans: the model's token labels decoded as
 * transformers' TokenClassificationPipeline does (long notes in overlapping windows), rule recognizers
 * (phone, e-mail, URL, IP, SSN, IDs, dates, ZIP, ages over 89), a deny-list and an allow-list; overlaps
 * are resolved longest first, then highest score. mab_deidentify rewrites the spans with an operator per
 * type (redact, mask, tag, surrogate, dateshift, keep). Offsets are half-open, in UTF-16 code units
 * (JavaScript) or code points (Python), as chosen; both are always available in mab_entity. */
typedef struct mab_tagger      mab_tagger;
typedef struct mab_tag_result  mab_tag_result;
typedef struct mab_deid_result mab_deid_result;

typedef enum mab_aggregation {
    MAB_AGGREGATION_NONE    = 0, /* one entity per token, with its full label (B-PATIENT) */
    MAB_AGGREGATION_SIMPLE  = 1, /* tokens grouped by B-/I- (and E-/S-) */
    MAB_AGGREGATION_FIRST   = 2, /* a word takes its first token's label, then grouping (default) */
    MAB_AGGREGATION_AVERAGE = 3, /* a word takes the argmax of its tokens' mean probabilities */
    MAB_AGGREGATION_MAX     = 4, /* a word takes its most confident token's label */
} mab_aggregation;

typedef enum mab_offsets {
    MAB_OFFSETS_UTF16      = 0, /* JavaScript string indices (default) */
    MAB_OFFSETS_CODEPOINTS = 1, /* Python string indices */
} mab_offsets;

/* A tagger over a loaded model and tokenizer, which it borrows (free them after the tagger).
 * config_json (may be NULL) is the model's config.json text, read for "label_types" (tag -> type)
 * and "min_scores" (type -> the score below which the model's entities of that type are dropped).
 * model may be NULL for a tagger with rules and lists only; a tokenizer then still gives the `address`
 * rule its vocabulary (the words it takes for names), which it needs (it finds nothing without one). */
mab_status mab_tagger_init(mab_model * model, mab_tokenizer * tokenizer, const char * config_json, size_t config_len,
                           mab_tagger ** out);
/* Loads config.json, model.safetensors and the tokenizer files of a model directory; the tagger owns them. */
mab_status mab_tagger_load_from_dir(const char * dir, mab_model_params params, mab_tagger ** out);
void       mab_tagger_free(mab_tagger * tagger);

typedef struct mab_tag_params {
    mab_aggregation aggregation;   /* default MAB_AGGREGATION_FIRST */
    int32_t         max_length;    /* tokens per window, [CLS]/[SEP] included; 0 = the model's maximum (default) */
    int32_t         stride;        /* tokens shared by neighbouring windows; -1 = a quarter of a window (default) */
    const char *    ignore_labels; /* comma-separated labels (NONE) or group tags (the others) dropped;
                                      NULL = "O". An entry that is not what the aggregation compares
                                      is MAB_STATUS_INVALID_ARGUMENT ("O" is always taken) */
    int32_t         use_model;     /* 1 (default): run the model; 0: rules and lists only */
    const char *    rules;         /* NULL or "all" (default), "none", or a list: "phone,email,url,ip,ssn,id,date,zip,age,name,repeat,address,street,organization,city" */
    int32_t         day_first;     /* 1: 03/04/2021 is 3 April; 0 (default): 4 March */
    float           min_score;     /* 0..1: model entities scoring below are dropped (default 0); config.json's
                                      "min_scores" raise the floor for their types */
    const char *    allow_list;    /* NULL or lines: phrases or /regex/(i) whose matches are never flagged */
    const char *    deny_list;     /* NULL or lines: [TYPE[/SUBTYPE]: ] phrase or /regex/(i), always flagged */
    mab_offsets     offsets;       /* unit of mab_entity.start/end and of the JSON (default UTF-16) */
} mab_tag_params;

mab_tag_params mab_tag_default_params(void);

/* Tags text (len bytes of UTF-8; ill-formed bytes count as U+FFFD). */
mab_status mab_tag(mab_tagger * tagger, const char * text, size_t len, const mab_tag_params * params, mab_tag_result ** out);

typedef struct mab_entity {
    const char * type;    /* NAME, DATE, AGE, LOCATION, CONTACT, ID, PROFESSION, or the model's own tag */
    const char * subtype; /* PATIENT, DOCTOR, HOSPITAL, PHONE, MEDICALRECORD, ... (= type when nothing finer) */
    int32_t      start;   /* in the unit of mab_tag_params.offsets */
    int32_t      end;
    int32_t      start_utf16, end_utf16;
    int32_t      start_codepoint, end_codepoint;
    int32_t      start_byte, end_byte; /* in the UTF-8 input */
    const char * text;    /* the entity's text (NUL-terminated UTF-8) */
    float        score;   /* softmax probability (model), the rule's confidence, 1 for the deny-list */
    const char * source;  /* "model", "rule" or "deny-list" */
    const char * origin;  /* the model label or group tag, the rule name, or the deny-list entry */
} mab_entity;

int32_t    mab_tag_result_n_entities(const mab_tag_result * result);
/* Entity i in text order; pointers stay valid until the result is freed. */
mab_status mab_tag_result_entity(const mab_tag_result * result, int32_t i, mab_entity * out);
/* {"entities": [{"type", "subtype", "start", "end", "text", "score", "source"}]} where source is
 * "model:<label>", "rule:<name>" or "deny-list:<entry>". Owned by the result. */
const char * mab_tag_result_json(mab_tag_result * result);
void         mab_tag_result_free(mab_tag_result * result);

typedef struct mab_deid_params {
    const char * operators;      /* "NAME=surrogate,DATE=dateshift,ID/SSN=mask,*=tag"; TYPE or TYPE/SUBTYPE;
                                    operators: redact, mask, tag, surrogate, dateshift, keep. NULL = "*=tag" */
    const char * key;            /* surrogate / date-shift key (bytes, not empty); NULL = per document */
    size_t       key_len;
    uint32_t     mask_char;      /* code point used by mask (default '*') */
    int32_t      max_shift_days; /* dateshift moves by 1..max days (max <= 36500), forward or back (default 365) */
} mab_deid_params;

mab_deid_params mab_deid_default_params(void);

/* Checks tag_params, and params when not NULL, as mab_deidentify_begin does, without a tagger or a
 * text: MAB_STATUS_INVALID_ARGUMENT with the reason for a value that no model would take (an unknown
 * rule, operator or aggregation, a bad list, an empty key, ...). What depends on the model (an
 * operator's type and subtype, a label to ignore) is checked when a job begins. Lets a caller refuse
 * options before it loads a model. */
mab_status mab_params_check(const mab_tag_params * tag_params, const mab_deid_params * params);

/* Tags text as mab_tag does, then rewrites every entity. */
mab_status mab_deidentify(mab_tagger * tagger, const char * text, size_t len, const mab_tag_params * tag_params,
                          const mab_deid_params * params, mab_deid_result ** out);

typedef struct mab_replacement {
    const char * type;
    const char * subtype;
    const char * op;          /* the operator applied ("tag" when a date could not be shifted) */
    int32_t      start, end;  /* in the original text, in the unit of mab_tag_params.offsets */
    int32_t      new_start, new_end; /* in the new text, same unit */
    const char * original;    /* NUL-terminated UTF-8; original_len bytes, which count a NUL inside the text */
    const char * replacement;
    size_t       original_len, replacement_len;
    float        score;
    const char * source;      /* as mab_entity.source and .origin */
    const char * origin;
} mab_replacement;

/* The new text (NUL-terminated; *len gets its length in bytes when len is not NULL). */
const char * mab_deid_result_text(const mab_deid_result * result, size_t * len);
int32_t      mab_deid_result_n_replacements(const mab_deid_result * result);
mab_status   mab_deid_result_replacement(const mab_deid_result * result, int32_t i, mab_replacement * out);
/* {"text": "...", "replacements": [{"type", "subtype", "operator", "start", "end", "newStart", "newEnd",
 * "original", "replacement", "score", "source"}]}. Owned by the result. */
const char * mab_deid_result_json(mab_deid_result * result);
void         mab_deid_result_free(mab_deid_result * result);

/* JSON options, for the WebAssembly binding: options_json (may be NULL) is an object with the keys
 * aggregation ("none"|"simple"|"first"|"average"|"max"), maxLength, stride, ignoreLabels [..],
 * model (bool), rules (bool or ["phone", ...]), dayFirst (bool), minScore, allowList [..], denyList [..],
 * offsets ("utf16"|"codepoints"), and for mab_deidentify_json also operators ({"NAME": "surrogate",
 * "ID/SSN": "mask", "default": "tag"} or a string as mab_deid_params.operators), key (string),
 * maskChar (one character), maxShiftDays. Unknown keys are an error. */
mab_status mab_tag_json(mab_tagger * tagger, const char * text, size_t len, const char * options_json, size_t options_len,
                        mab_tag_result ** out);
mab_status mab_deidentify_json(mab_tagger * tagger, const char * text, size_t len, const char * options_json,
                               size_t options_len, mab_deid_result ** out);
/* Stepwise tagging, for callers that must stay responsive on a long note (a page's thread, a worker
 * that takes cancel messages): begin checks the options, indexes and tokenizes the text (copied: the
 * caller may free it at once); each step runs the model on one window; finish runs the steps left and
 * the rest of the pipeline and hands over the result, which is what mab_tag / mab_deidentify (and
 * their _json forms) give: they are begin + finish. Cancelling is freeing the job without finishing
 * it. A job reads its tagger, which must outlive it; independent jobs of one tagger may be
 * interleaved step by step on one thread. After a failed step only mab_tag_job_free is valid. */
typedef struct mab_tag_job mab_tag_job;

mab_status mab_tag_begin(mab_tagger * tagger, const char * text, size_t len, const mab_tag_params * params,
                         mab_tag_job ** out);
mab_status mab_tag_begin_json(mab_tagger * tagger, const char * text, size_t len, const char * options_json,
                              size_t options_len, mab_tag_job ** out);
mab_status mab_deidentify_begin(mab_tagger * tagger, const char * text, size_t len, const mab_tag_params * tag_params,
                                const mab_deid_params * params, mab_tag_job ** out);
mab_status mab_deidentify_begin_json(mab_tagger * tagger, const char * text, size_t len, const char * options_json,
                                     size_t options_len, mab_tag_job ** out);
/* Model windows of the job (0 when the model does not run: rules and lists only), and how many ran. */
int32_t    mab_tag_job_n_steps(const mab_tag_job * job);
int32_t    mab_tag_job_steps_done(const mab_tag_job * job);
/* Runs the next window; INVALID_ARGUMENT when none is left. */
mab_status mab_tag_job_step(mab_tag_job * job);
/* For a job of mab_tag_begin(_json) / of mab_deidentify_begin(_json) respectively. */
mab_status mab_tag_job_finish(mab_tag_job * job, mab_tag_result ** out);
mab_status mab_tag_job_finish_deid(mab_tag_job * job, mab_deid_result ** out);
void       mab_tag_job_free(mab_tag_job * job);
/* ---- end pipeline ---- */

#ifdef __cplusplus
}
#endif

#endif
