// miniALBERT (nlpie-research/MiniALBERT, minialbert_modeling.py): loading a checkpoint and THE forward pass.
//
//   embeddings (word + token_type + position, LayerNorm_E)  →  projector E→H (absent when E == H)  →
//   for r in 0..N-1:  x = att_adapters[r](h)
//                     a = LayerNorm_att(x + dense(attention(x)))      (residual is the adapted x)
//                     y = mlp_adapters[r](a)
//                     h = LayerNorm_full(y + ffn_output(act(ffn(y))))  (one shared layer for every r)
//   →  classifier on every token (token classification) or on token 0 (sequence classification).
#include "model/minialbert.h"

#include "loader/reader.h"
#include "loader/safetensors.h"
#include "status.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <type_traits>
#include <vector>

using namespace mab;

mab_model::~mab_model() {
    thread_pool_release(pool);
    const auto destroy = [&](linear_weights * lw) {
        if (lw) backend->linear_destroy(lw);
    };
    if (backend) {
        for (linear_weights * lw : {projector, qkv, dense, ffn, ffn_output, classifier}) destroy(lw);
        for (auto * list : {&att_adapters, &mlp_adapters}) {
            for (mab_adapter & a : *list) {
                destroy(a.down);
                destroy(a.up);
            }
        }
    }
    for (const auto & [p, bytes] : owned) free(p);
    free(file_buf);
    free(ws);
}

namespace mab {

// ---- checkpoint tensor names -------------------------------------------------------------------

// Prefix of the encoder inside MiniAlbertFor*Classification / ForMaskedLM ("albert." + MiniAlbertModel).
static const char * const k_layer = "albert.encoder.albert_layer_groups.0.albert_layers.0.";

// Tensors that may be in a checkpoint but that inference does not use.
static bool is_ignored_tensor(const std::string & n, const std::string & enc) {
    const auto starts = [&](const std::string & p) { return n.compare(0, p.size(), p) == 0; };
    const auto ends   = [&](const std::string & s) {
        return n.size() >= s.size() && n.compare(n.size() - s.size(), s.size(), s) == 0;
    };
    return ends("embeddings.position_ids") ||                // int64 buffer saved by transformers 4.2x
           ends("embeddings.token_type_ids") ||              // non-persistent buffer in later versions
           starts(enc + "albert.pooler.") ||                 // ALBERT's pooler: never called
           starts(enc + "albert.encoder.embedding_hidden_mapping_in.") || // replaced by the projector
           starts("vocab_transform.") || starts("vocab_layer_norm.") || starts("vocab_projector.") ||
           starts("predictions.");                           // masked-LM heads
}

static std::string shape_str(const std::vector<int64_t> & s) {
    std::string r = "[";
    for (size_t i = 0; i < s.size(); i++) r += (i ? ", " : "") + std::to_string(s[i]);
    return r + "]";
}

// Index of the first NaN or ±Inf in x[0, n), or n. The test is on the bits (exponent all ones) and
// the early exit is per block, so the inner loop vectorizes and the check is one pass over the
// weights at memory speed.
static size_t find_non_finite(const float * x, size_t n) {
    constexpr size_t BLOCK = 4096;
    for (size_t b = 0; b < n; b += BLOCK) {
        const size_t e   = std::min(n, b + BLOCK);
        uint32_t     bad = 0;
        for (size_t i = b; i < e; i++) {
            uint32_t bits;
            memcpy(&bits, x + i, sizeof bits);
            bad |= (bits & 0x7f800000u) == 0x7f800000u;
        }
        if (!bad) continue;
        for (size_t i = b; i < e; i++) {
            if (!std::isfinite(x[i])) return i;
        }
    }
    return n;
}

// The coordinates of flat index i in a tensor of this shape: "[3, 17]".
static std::string index_str(const std::vector<int64_t> & shape, size_t i) {
    std::vector<int64_t> at(shape.size());
    for (size_t d = shape.size(); d-- > 0;) {
        at[d] = (int64_t) (i % (size_t) shape[d]);
        i /= (size_t) shape[d];
    }
    return shape_str(at);
}

// The weight of one Linear layer as stored: f32 (F16/BF16 widened), or int8 with one scale per
// output channel (models/convert.py --dtype int8: `<name>` I8 [out, in] and `<name>_scale` F32 [out]).
struct linear_weight {
    const float *  f32   = nullptr; // [n][k]
    const int8_t * q8    = nullptr; // [n][k]
    const float *  scale = nullptr; // [n]
};

// w[j][p] = q8[j][p]·scale[j] for rows [0, n).
static void dequantize_rows(const linear_weight & w, size_t n, size_t k, float * dst) {
    for (size_t j = 0; j < n; j++) {
        for (size_t p = 0; p < k; p++) dst[j * k + p] = (float) w.q8[j * k + p] * w.scale[j];
    }
}

// The quantization models/convert.py writes; a file declaring another one is refused rather than
// misread.
static mab_status check_quantization(const st_file & file, const char * name) {
    if (file.metadata.empty()) return MAB_STATUS_OK;
    const nlohmann::json meta = nlohmann::json::parse(file.metadata, nullptr, false);
    if (!meta.is_object()) return MAB_STATUS_OK; // st_parse has validated the header; nothing declared
    const auto q = meta.find("quantization"), suffix = meta.find("quantization_scale_suffix");
    if (q != meta.end() && !(q->is_string() && *q == "int8-symmetric-per-output-channel")) {
        return set_error(MAB_STATUS_BAD_WEIGHTS,
                         "%s: __metadata__ quantization is %s, expected \"int8-symmetric-per-output-channel\"", name,
                         q->dump().c_str());
    }
    if (suffix != meta.end() && !(suffix->is_string() && *suffix == "_scale")) {
        return set_error(MAB_STATUS_BAD_WEIGHTS, "%s: __metadata__ quantization_scale_suffix is %s, expected \"_scale\"",
                         name, suffix->dump().c_str());
    }
    return MAB_STATUS_OK;
}

// Collects every tensor the config calls for, checks dtype and shape, and converts non-f32 tensors.
// Int8 tensors are accepted where convert.py writes them: Linear weights (packed by the backend's
// int8 GEMM, or dequantized for a backend without one) and embedding tables (the word table is
// read in place and dequantized per looked-up row; the small position and token type tables are
// widened to f32 here).
struct tensor_loader {
    const st_file &    file;
    const char *       name;
    mab_model &        model;
    std::vector<bool>  used;

    mab_status get(const std::string & tname, std::vector<int64_t> shape, const float ** dst) {
        const st_tensor * t = file.find(tname);
        if (!t) {
            return set_error(MAB_STATUS_BAD_WEIGHTS, "%s: missing tensor '%s' (expected shape %s)", name,
                             tname.c_str(), shape_str(shape).c_str());
        }
        used[(size_t) (t - file.tensors.data())] = true;
        if (t->dtype != ST_F32 && t->dtype != ST_F16 && t->dtype != ST_BF16) {
            return set_error(MAB_STATUS_BAD_WEIGHTS, "%s: tensor '%s' has dtype %s, expected F32, F16 or BF16", name,
                             tname.c_str(), st_dtype_name(t->dtype));
        }
        if (t->shape != shape) {
            return set_error(MAB_STATUS_BAD_WEIGHTS,
                             "%s: tensor '%s' has shape %s, expected %s from config.json (do the config and the weights belong together?)",
                             name, tname.c_str(), shape_str(t->shape).c_str(), shape_str(shape).c_str());
        }
        size_t numel = 1;
        for (int64_t d : shape) numel *= (size_t) d;
        model.n_params += (int64_t) numel;
        const uint8_t * src = file.data + t->begin;
        const float *   data;
        if (t->dtype == ST_F32 && ((uintptr_t) src % alignof(float)) == 0) {
            data = (const float *) src; // used in place: no copy of the weights
        } else {
            float * conv = (float *) malloc(numel ? numel * sizeof(float) : 1);
            if (!conv) return set_error(MAB_STATUS_OUT_OF_MEMORY, "%s: out of memory converting '%s'", name, tname.c_str());
            model.owned.emplace_back(conv, numel * sizeof(float));
            st_to_f32(file, *t, conv);
            data = conv;
        }
        // A NaN or an infinity would flow through every later layer and come out as NaN scores,
        // which read as "no entity": refused here, where the tensor can still be named.
        const size_t bad = find_non_finite(data, numel);
        if (bad < numel) {
            return set_error(MAB_STATUS_BAD_WEIGHTS,
                             "%s: tensor '%s' has a non-finite value (%g) at %s, expected only finite values (is the "
                             "checkpoint corrupt, or saved from a diverged training run?)",
                             name, tname.c_str(), (double) data[bad], index_str(shape, bad).c_str());
        }
        *dst = data;
        return MAB_STATUS_OK;
    }

    // An I8 tensor of the given shape and its `<tname>_scale` [shape[0]] (finite, as get() checks; positive).
    mab_status get_q8(const std::string & tname, std::vector<int64_t> shape, const int8_t ** q, const float ** scale) {
        const st_tensor * t = file.find(tname);
        used[(size_t) (t - file.tensors.data())] = true;
        if (t->shape != shape) {
            return set_error(MAB_STATUS_BAD_WEIGHTS,
                             "%s: tensor '%s' has shape %s, expected %s from config.json (do the config and the weights belong together?)",
                             name, tname.c_str(), shape_str(t->shape).c_str(), shape_str(shape).c_str());
        }
        const std::string sname = tname + "_scale";
        const st_tensor * s = file.find(sname);
        if (!s) {
            return set_error(MAB_STATUS_BAD_WEIGHTS,
                             "%s: int8 tensor '%s' has no '%s' (F32 %s, one scale per row, written by convert.py --dtype int8)",
                             name, tname.c_str(), sname.c_str(), shape_str({shape[0]}).c_str());
        }
        if (s->shape != std::vector<int64_t>{shape[0]}) {
            return set_error(MAB_STATUS_BAD_WEIGHTS, "%s: tensor '%s' has shape %s, expected %s (one scale per row of '%s')",
                             name, sname.c_str(), shape_str(s->shape).c_str(), shape_str({shape[0]}).c_str(),
                             tname.c_str());
        }
        mab_status st = get(sname, {shape[0]}, scale);
        if (st) return st;
        for (int64_t r = 0; r < shape[0]; r++) {
            if (!((*scale)[r] > 0.0f)) {
                return set_error(MAB_STATUS_BAD_WEIGHTS, "%s: tensor '%s' has scale %g at row %lld, expected > 0",
                                 name, sname.c_str(), (double) (*scale)[r], (long long) r);
            }
        }
        // get() counted the scales; the parameters are the weight's elements.
        model.n_params += shape[0] * shape[1] - shape[0];
        *q = (const int8_t *) (file.data + t->begin);
        return MAB_STATUS_OK;
    }

    // The [n, k] weight of a Linear layer, f32 or int8.
    mab_status weight(const std::string & tname, size_t n, size_t k, linear_weight * w) {
        const st_tensor * t = file.find(tname);
        if (t && t->dtype == ST_I8) return get_q8(tname, {(int64_t) n, (int64_t) k}, &w->q8, &w->scale);
        return get(tname, {(int64_t) n, (int64_t) k}, &w->f32);
    }

    // Packs one Linear layer: int8 weights through the backend's int8 GEMM, or dequantized into a
    // temporary f32 copy when it has none.
    mab_status create(const linear_weight & w, size_t n, size_t k, const float * b, activation act,
                      linear_weights ** out) {
        const kernel_backend * be = model.backend;
        if (w.f32) return be->linear_create(n, k, w.f32, b, act, out);
        if (be->linear_create_q8) {
            model.int8_layers = true;
            return be->linear_create_q8(n, k, w.q8, w.scale, b, act, out);
        }
        float * deq = (float *) malloc(n * k * sizeof(float));
        if (!deq) return set_error(MAB_STATUS_OUT_OF_MEMORY, "%s: out of memory dequantizing a %zux%zu layer", name, n, k);
        dequantize_rows(w, n, k, deq);
        const mab_status st = be->linear_create(n, k, deq, b, act, out);
        free(deq);
        return st;
    }

    // Frees the f32 copy get() made of a tensor (f16/bf16 widened) once it is packed: the packed
    // layer holds its own copy, so an f16 model never holds all its Linear weights twice in f32.
    // Tensors used in place in the file buffer are not copies and are left alone.
    void release(const float * copy) {
        for (size_t i = 0; i < model.owned.size(); i++) {
            if (model.owned[i].first != copy) continue;
            free(model.owned[i].first);
            model.owned.erase(model.owned.begin() + (std::ptrdiff_t) i);
            return;
        }
    }

    // A Linear layer [n, k] + bias [n], packed by the backend.
    mab_status linear(const std::string & prefix, size_t n, size_t k, activation act, linear_weights ** out) {
        linear_weight w;
        const float * b = nullptr;
        mab_status st;
        if ((st = weight(prefix + "weight", n, k, &w)) || (st = get(prefix + "bias", {(int64_t) n}, &b))) return st;
        st = create(w, n, k, b, act, out);
        release(w.f32);
        release(b);
        return st ? add_context(st, prefix + "weight") : MAB_STATUS_OK;
    }

    // Layers with the same input stacked into one [parts·n, k] layer (one GEMM instead of parts):
    // int8 when every part is, else f32.
    mab_status fused_linear(const std::string & what, const linear_weight * w, const float * const * b, size_t parts,
                            size_t n, size_t k, linear_weights ** out) {
        bool all_q8 = true;
        for (size_t i = 0; i < parts; i++) all_q8 = all_q8 && w[i].q8;
        const size_t N = parts * n;
        linear_weight fused;
        float *  bias = (float *) malloc(N * sizeof(float));
        float *  wf   = all_q8 ? nullptr : (float *) malloc(N * k * sizeof(float));
        int8_t * wq   = all_q8 ? (int8_t *) malloc(N * k) : nullptr;
        float *  sc   = all_q8 ? (float *) malloc(N * sizeof(float)) : nullptr;
        mab_status st = MAB_STATUS_OK;
        if (!bias || (all_q8 ? !wq || !sc : !wf)) {
            st = set_error(MAB_STATUS_OUT_OF_MEMORY, "%s: out of memory packing %s", name, what.c_str());
        } else {
            for (size_t i = 0; i < parts; i++) {
                memcpy(bias + i * n, b[i], n * sizeof(float));
                if (all_q8) {
                    memcpy(wq + i * n * k, w[i].q8, n * k);
                    memcpy(sc + i * n, w[i].scale, n * sizeof(float));
                } else if (w[i].f32) {
                    memcpy(wf + i * n * k, w[i].f32, n * k * sizeof(float));
                } else {
                    dequantize_rows(w[i], n, k, wf + i * n * k);
                }
                release(w[i].f32); // the fused copy has it now
                release(b[i]);
            }
            fused = {wf, wq, sc};
            if ((st = create(fused, N, k, bias, ACTIVATION_IDENTITY, out))) st = add_context(st, what);
        }
        free(bias);
        free(wf);
        free(wq);
        free(sc);
        return st;
    }

    // An embedding table [rows, E]: f32, or int8 with per-row scales. With q8 null, an int8 table
    // is widened to f32 (owned by the model).
    mab_status table(const std::string & tname, size_t rows, size_t E, const float ** f32, const int8_t ** q8,
                     const float ** scale) {
        const st_tensor * t = file.find(tname);
        if (!t || t->dtype != ST_I8) return get(tname, {(int64_t) rows, (int64_t) E}, f32);
        linear_weight w;
        mab_status st = get_q8(tname, {(int64_t) rows, (int64_t) E}, &w.q8, &w.scale);
        if (st) return st;
        if (q8) {
            *q8    = w.q8;
            *scale = w.scale;
            return MAB_STATUS_OK;
        }
        float * conv = (float *) malloc(rows * E * sizeof(float));
        if (!conv) return set_error(MAB_STATUS_OUT_OF_MEMORY, "%s: out of memory converting '%s'", name, tname.c_str());
        model.owned.emplace_back(conv, rows * E * sizeof(float));
        dequantize_rows(w, rows, E, conv);
        *f32 = conv;
        return MAB_STATUS_OK;
    }

    mab_status adapter(const std::string & prefix, size_t H, size_t R, mab_adapter * a) {
        mab_status st;
        if ((st = linear(prefix + "block.0.", R, H, ACTIVATION_GELU_ERF, &a->down)) ||
            (st = linear(prefix + "block.2.", H, R, ACTIVATION_IDENTITY, &a->up)) ||
            (st = get(prefix + "norm.weight", {(int64_t) H}, &a->norm_w)) ||
            (st = get(prefix + "norm.bias", {(int64_t) H}, &a->norm_b))) {
            return st;
        }
        return MAB_STATUS_OK;
    }
};

static mab_status load_weights(mab_model & m, const model_config & cfg, const st_file & file, const char * name) {
    const hparams & hp = m.hp;
    const size_t    V = hp.vocab_size, E = hp.embedding_size, H = hp.hidden_size, F = hp.intermediate_size;
    const size_t    P = hp.max_position_embeddings, T = hp.type_vocab_size;

    // A classification checkpoint wraps MiniAlbertModel as "albert."; a bare MiniAlbertModel has no prefix.
    std::string enc;
    if (file.find("albert.albert.embeddings.word_embeddings.weight")) {
        enc = "albert.";
    } else if (!file.find("albert.embeddings.word_embeddings.weight")) {
        return set_error(MAB_STATUS_BAD_WEIGHTS,
                         "%s: missing tensor 'albert.albert.embeddings.word_embeddings.weight' (not a miniALBERT checkpoint?)",
                         name);
    }
    mab_status st = check_quantization(file, name);
    if (st) return st;
    tensor_loader tl{file, name, m, std::vector<bool>(file.tensors.size(), false)};
    const std::string emb = enc + "albert.embeddings.", layer = enc + k_layer;
    if ((st = tl.table(emb + "word_embeddings.weight", V, E, &m.word_embeddings, &m.word_embeddings_q8,
                       &m.word_embeddings_scale)) ||
        (st = tl.table(emb + "position_embeddings.weight", P, E, &m.position_embeddings, nullptr, nullptr)) ||
        (st = tl.table(emb + "token_type_embeddings.weight", T, E, &m.token_type_embeddings, nullptr, nullptr)) ||
        (st = tl.get(emb + "LayerNorm.weight", {(int64_t) E}, &m.emb_ln_w)) ||
        (st = tl.get(emb + "LayerNorm.bias", {(int64_t) E}, &m.emb_ln_b))) {
        return st;
    }
    // Upstream builds albert.projector only when the widths differ; with E == H the embeddings are
    // hidden_states[0] as they are.
    if (E != H && (st = tl.linear(enc + "projector.", H, E, ACTIVATION_IDENTITY, &m.projector))) return st;

    // query, key and value are packed as one [3H, H] linear so one GEMM computes all three.
    {
        linear_weight w[3];
        const float * b[3];
        const char *  parts[3] = {"query", "key", "value"};
        for (int i = 0; i < 3; i++) {
            const std::string p = layer + "attention." + parts[i] + ".";
            if ((st = tl.weight(p + "weight", H, H, &w[i])) || (st = tl.get(p + "bias", {(int64_t) H}, &b[i]))) return st;
        }
        if ((st = tl.fused_linear(layer + "attention.query/key/value", w, b, 3, H, H, &m.qkv))) return st;
        // An int8 QKV projection on an int8 GEMM: attention's products in int8 too (P·v sums over
        // up to max_position_embeddings keys, within the int8 GEMM's k limit).
        if (w[0].q8 && w[1].q8 && w[2].q8 && m.backend->linear_create_q8 &&
            P <= LINEAR_Q8_MAX_K) {
            m.attention_q8_qmax = m.backend->linear_q8_qmax;
        }
    }
    if ((st = tl.linear(layer + "attention.dense.", H, H, ACTIVATION_IDENTITY, &m.dense)) ||
        (st = tl.get(layer + "attention.LayerNorm.weight", {(int64_t) H}, &m.att_ln_w)) ||
        (st = tl.get(layer + "attention.LayerNorm.bias", {(int64_t) H}, &m.att_ln_b)) ||
        (st = tl.linear(layer + "ffn.", F, H, hp.hidden_act, &m.ffn)) ||
        (st = tl.linear(layer + "ffn_output.", H, F, ACTIVATION_IDENTITY, &m.ffn_output)) ||
        (st = tl.get(layer + "full_layer_layer_norm.weight", {(int64_t) H}, &m.full_ln_w)) ||
        (st = tl.get(layer + "full_layer_layer_norm.bias", {(int64_t) H}, &m.full_ln_b))) {
        return st;
    }

    if (hp.use_adapter) {
        const size_t R = H / hp.reduction_factor;
        m.att_adapters.assign(hp.num_hidden_layers, mab_adapter{});
        m.mlp_adapters.assign(hp.num_hidden_layers, mab_adapter{});
        for (int32_t i = 0; i < hp.num_hidden_layers; i++) {
            if ((st = tl.adapter(enc + "att_adapters." + std::to_string(i) + ".", H, R, &m.att_adapters[i])) ||
                (st = tl.adapter(enc + "mlp_adapters." + std::to_string(i) + ".", H, R, &m.mlp_adapters[i]))) {
                return st;
            }
        }
    }

    // The head: recognised by tensor names; token vs sequence classification by config "architectures".
    if (const st_tensor * cw = file.find("classifier.weight")) {
        if (cw->shape.size() != 2 || cw->shape[0] < 1 || cw->shape[0] > (1 << 20)) {
            return set_error(MAB_STATUS_BAD_WEIGHTS, "%s: tensor 'classifier.weight' has shape %s, expected [num_labels, %zu]",
                             name, shape_str(cw->shape).c_str(), H);
        }
        m.num_labels = (int32_t) cw->shape[0];
        if (!cfg.id2label.empty() && cfg.id2label.size() != (size_t) m.num_labels) {
            return set_error(MAB_STATUS_BAD_WEIGHTS,
                             "%s: tensor 'classifier.weight' has shape %s, expected [%zu, %zu] (config.json id2label has %zu labels)",
                             name, shape_str(cw->shape).c_str(), cfg.id2label.size(), H, cfg.id2label.size());
        }
        if ((st = tl.linear("classifier.", (size_t) m.num_labels, H, ACTIVATION_IDENTITY, &m.classifier))) return st;
        m.head = cfg.architecture == HEAD_SEQUENCE_CLASSIFICATION ? HEAD_SEQUENCE_CLASSIFICATION
                                                                  : HEAD_TOKEN_CLASSIFICATION;
        m.labels = cfg.id2label;
        m.multi_label = cfg.multi_label;
        for (int32_t i = (int32_t) m.labels.size(); i < m.num_labels; i++) m.labels.push_back("LABEL_" + std::to_string(i));
    } else if (file.find("vocab_projector.weight") || file.find("predictions.decoder.weight")) {
        m.head_note = "it is a masked-LM checkpoint (pre-trained encoder): fine-tune it for token or sequence "
                      "classification, or ask for hidden states only";
    } else {
        m.head_note = "it has no 'classifier.weight' (encoder only): ask for hidden states only";
    }

    for (size_t i = 0; i < file.tensors.size(); i++) {
        const std::string & n = file.tensors[i].name;
        if (tl.used[i] || is_ignored_tensor(n, enc)) continue;
        const bool adapter   = n.find("_adapters.") != std::string::npos;
        const bool projector = n.compare(0, enc.size() + 10, enc + "projector.") == 0;
        return set_error(MAB_STATUS_BAD_WEIGHTS, "%s: unexpected tensor '%s'%s", name, n.c_str(),
                         adapter     ? " (config.json says use_adapter is false, or fewer num_hidden_layers)"
                         : projector ? " (config.json has embedding_size == hidden_size, where upstream has no projector)"
                                     : " (does config.json match these weights?)");
    }
    return MAB_STATUS_OK;
}

// Once the Linear layers are packed by the backend, the forward pass reads only the tensors it uses in
// place (embedding tables, LayerNorm and adapter norm parameters). Those in the file buffer are moved
// to its front and the rest is given back, so the Linear weights are not held twice (about a third of
// the f32 full-size model); converted copies nothing reads any more (an int8 layer's scales widened
// from F16) are freed. Those of f16 Linear weights were freed as each layer was packed
// (tensor_loader::release).
static void compact_file_buffer(mab_model & m) {
    struct kept {
        size_t                              begin, bytes;
        std::function<void(const uint8_t *)> set;
    };
    std::vector<kept> list;
    std::vector<const void *> copies_in_use;
    const uint8_t * base = (const uint8_t *) m.file_buf;
    const auto add = [&](auto *& field, size_t count) {
        using T = std::remove_const_t<std::remove_pointer_t<std::remove_reference_t<decltype(field)>>>;
        const uint8_t * p = (const uint8_t *) field;
        if (p && (p < base || p >= base + m.file_len)) copies_in_use.push_back(p);
        if (!p || p < base || p >= base + m.file_len) return;
        list.push_back({(size_t) (p - base), count * sizeof(T), [&field](const uint8_t * q) { field = (const T *) q; }});
    };
    const hparams & hp = m.hp;
    const size_t    V = hp.vocab_size, E = hp.embedding_size, H = hp.hidden_size;
    add(m.word_embeddings, V * E);
    add(m.word_embeddings_q8, V * E);
    add(m.word_embeddings_scale, V);
    add(m.position_embeddings, (size_t) hp.max_position_embeddings * E);
    add(m.token_type_embeddings, (size_t) hp.type_vocab_size * E);
    for (const float ** f : {&m.emb_ln_w, &m.emb_ln_b}) add(*f, E);
    for (const float ** f : {&m.att_ln_w, &m.att_ln_b, &m.full_ln_w, &m.full_ln_b}) add(*f, H);
    for (auto * adapters : {&m.att_adapters, &m.mlp_adapters}) {
        for (mab_adapter & a : *adapters) {
            add(a.norm_w, H);
            add(a.norm_b, H);
        }
    }
    const auto unused = [&](const std::pair<float *, size_t> & copy) {
        if (std::find(copies_in_use.begin(), copies_in_use.end(), copy.first) != copies_in_use.end()) return false;
        free(copy.first);
        return true;
    };
    m.owned.erase(std::remove_if(m.owned.begin(), m.owned.end(), unused), m.owned.end());
    std::sort(list.begin(), list.end(), [](const kept & a, const kept & b) { return a.begin < b.begin; });
    // Every tensor is 4-byte aligned in the file and moves towards the front, so memmove never
    // overwrites a tensor that is still to be moved.
    std::vector<size_t> moved;
    size_t              end = 0;
    for (const kept & k : list) {
        const size_t dst = (end + 3) & ~(size_t) 3;
        if (k.begin < dst) return; // two fields share bytes: leave the buffer as it is
        moved.push_back(dst);
        end = dst + k.bytes;
    }
    for (size_t i = 0; i < list.size(); i++) {
        memmove((uint8_t *) m.file_buf + moved[i], (const uint8_t *) m.file_buf + list[i].begin, list[i].bytes);
    }
    void * shrunk = realloc(m.file_buf, end ? end : 1);
    if (shrunk) m.file_buf = shrunk; // a failed shrink keeps the old block, which is still valid
    for (size_t i = 0; i < list.size(); i++) list[i].set((const uint8_t *) m.file_buf + moved[i]);
    m.file_len = end;
}

// More threads than this is a mistake in the caller, not a machine.
constexpr int32_t MAX_THREADS = 256;

mab_status model_load(const char * config_json, size_t config_len, void * st_buf, size_t st_len, const char * name,
                      const char * backend, int32_t n_threads, mab_model ** out) {
    *out = nullptr;
    auto * m = new (std::nothrow) mab_model();
    if (!m) {
        free(st_buf);
        return set_error(MAB_STATUS_OUT_OF_MEMORY, "out of memory creating a model");
    }
    m->file_buf = st_buf; // owned from here on, freed with the model
    m->file_len = st_len;

    model_config cfg;
    st_file      file;
    const std::string config_name = file_in(name, "config.json");
    const std::string st_name     = file_in(name, "model.safetensors");
    mab_status st = parse_config(config_json, config_len, config_name.c_str(), &cfg);
    if (st == MAB_STATUS_OK) {
        m->hp      = cfg.hp;
        m->backend = find_backend(backend);
        if (!m->backend) st = MAB_STATUS_UNSUPPORTED;
    }
    if (st == MAB_STATUS_OK && (n_threads < 0 || n_threads > MAX_THREADS)) {
        st = set_error(MAB_STATUS_INVALID_ARGUMENT, "n_threads is %d, expected 0 (default) to %d", (int) n_threads,
                       MAX_THREADS);
    }
    if (st == MAB_STATUS_OK) {
        st = thread_pool_acquire(n_threads ? (size_t) n_threads : default_thread_count(), &m->pool);
    }
    if (st == MAB_STATUS_OK) st = st_parse((const uint8_t *) st_buf, st_len, st_name.c_str(), &file);
    if (st == MAB_STATUS_OK) st = load_weights(*m, cfg, file, st_name.c_str());
    if (st != MAB_STATUS_OK) {
        delete m;
        return st;
    }
    compact_file_buffer(*m);
    *out = m;
    return MAB_STATUS_OK;
}

// ---- forward ------------------------------------------------------------------------------------

// Workspace floats for one call; see the carving in model_forward.
checked_size model_workspace_floats(const mab_model & m, size_t B, size_t L, bool want_attentions) {
    const hparams &    hp = m.hp;
    const checked_size T  = checked_size(B) * L;
    const size_t       E = hp.embedding_size, H = hp.hidden_size, F = hp.intermediate_size;
    const size_t       nh = hp.num_attention_heads;
    const size_t       tmp_w = F > H ? F : H;
    return T * E + T * H * 5 + T * 3 * H + T * tmp_w + (want_attentions ? T * nh * L : checked_size(0)) + T +
           checked_size(B) * H;
}

// out = LN(up(GELU(down(in))) + in). Upstream's BottleneckAdapter builds its LayerNorm with eps 1e-12
// whatever config.layer_norm_eps says.
static void run_adapter(const kernel_backend * k, const mab_adapter & a, size_t T, size_t H, const float * in,
                        float * mid, float * out) {
    k->linear_run(a.down, T, in, mid);
    k->linear_run(a.up, T, mid, out);
    k->layer_norm(T, H, out, in, a.norm_w, a.norm_b, 1e-12f, out);
}

mab_status model_forward(mab_model * m, const int32_t * input_ids, const int32_t * attention_mask,
                         const int32_t * token_type_ids, int32_t batch, int32_t seq_len, float * logits,
                         float * last_hidden_state, const mab_forward_params & params) {
    const hparams & hp = m->hp;
    if (!input_ids) return set_error(MAB_STATUS_INVALID_ARGUMENT, "forward: input_ids is null");
    if (batch < 1 || seq_len < 1) {
        return set_error(MAB_STATUS_BAD_INPUT, "forward: batch %d x seq_len %d is empty", batch, seq_len);
    }
    if (seq_len > hp.max_position_embeddings) {
        return set_error(MAB_STATUS_BAD_INPUT, "forward: seq_len %d exceeds max_position_embeddings %d (split the text into windows)",
                         seq_len, hp.max_position_embeddings);
    }
    if (logits && m->head == HEAD_NONE) {
        return set_error(MAB_STATUS_NO_HEAD, "forward: this model has no classification head: %s", m->head_note.c_str());
    }
    // Sizes first, before input_ids is read: the workspace, and the caller's logits (T x num_labels,
    // indexed as one array; T x H is part of the workspace already).
    const bool         want_att = params.want_attentions != 0;
    const size_t       B = (size_t) batch, L = (size_t) seq_len;
    const checked_size bytes        = model_workspace_floats(*m, B, L, want_att) * sizeof(float);
    const checked_size logits_bytes = checked_size(B) * L * (size_t) m->num_labels * sizeof(float);
    if (bytes.overflow || logits_bytes.overflow) {
        return set_error(MAB_STATUS_BAD_INPUT,
                         "forward: batch %d x seq_len %d is too large: its buffers exceed the %zu-bit address space "
                         "(split it into smaller batches)",
                         batch, seq_len, sizeof(size_t) * 8);
    }
    const size_t T = B * L;
    const size_t E = hp.embedding_size, H = hp.hidden_size, nh = hp.num_attention_heads, dh = H / nh;
    const size_t F = hp.intermediate_size, N = hp.num_hidden_layers;
    const float  eps = hp.layer_norm_eps;
    for (size_t i = 0; i < T; i++) {
        const size_t b = i / L, p = i % L;
        if (input_ids[i] < 0 || input_ids[i] >= hp.vocab_size) {
            return set_error(MAB_STATUS_BAD_INPUT, "forward: input_ids[%zu][%zu] = %d is outside the vocabulary [0, %d)", b, p,
                             input_ids[i], hp.vocab_size);
        }
        if (token_type_ids && (token_type_ids[i] < 0 || token_type_ids[i] >= hp.type_vocab_size)) {
            return set_error(MAB_STATUS_BAD_INPUT, "forward: token_type_ids[%zu][%zu] = %d is outside [0, %d)", b, p,
                             token_type_ids[i], hp.type_vocab_size);
        }
        if (attention_mask && attention_mask[i] != 0 && attention_mask[i] != 1) {
            return set_error(MAB_STATUS_BAD_INPUT, "forward: attention_mask[%zu][%zu] = %d, expected 0 or 1", b, p,
                             attention_mask[i]);
        }
    }

    // Workspace, reused across calls: no allocation once it has reached the largest shape seen. The
    // carving below cannot overflow: each piece is part of the checked total.
    if (bytes.value > m->ws_bytes) {
        float * ws = (float *) realloc(m->ws, bytes.value);
        if (!ws) {
            return set_error(MAB_STATUS_OUT_OF_MEMORY, "forward: out of memory for a %zu-byte workspace (batch %d x seq_len %d)",
                             bytes.value, batch, seq_len);
        }
        m->ws       = ws;
        m->ws_bytes = bytes.value;
    }
    float * p = m->ws;
    const auto carve = [&](size_t n) { float * r = p; p += n; return r; };
    float * e     = carve(T * E);              // embeddings
    float * h     = carve(T * H);              // hidden state
    float * x     = carve(T * H);              // attention adapter output
    float * a     = carve(T * H);              // attention block output
    float * y     = carve(T * H);              // mlp adapter output
    float * ctx   = carve(T * H);              // attention context
    float * qkv   = carve(T * 3 * H);          // fused q|k|v
    float * tmp   = carve(T * (F > H ? F : H)); // adapter bottleneck, FFN activations
    float * probs = want_att ? carve(B * nh * L * L) : nullptr; // only when reported
    float * mask  = carve(T);                  // additive key mask
    float * cls   = carve(B * H);              // token-0 rows for sequence classification
    const kernel_backend * k = m->backend;
    const thread_pool_scope threads(m->pool); // every kernel call below splits its work over m->pool

    const auto report = [&](const char * what, size_t index, const float * data, std::initializer_list<int64_t> d) {
        if (params.callback) params.callback(what, (int32_t) index, data, d.begin(), (int32_t) d.size(), params.user_data);
    };

    // 1. Embeddings: word + token_type + position (0..L-1 in every row), then LayerNorm_E. An int8
    //    word table is dequantized row by row.
    for (size_t i = 0; i < T; i++) {
        const size_t  id = (size_t) input_ids[i];
        const float * tt = m->token_type_embeddings + (size_t) (token_type_ids ? token_type_ids[i] : 0) * E;
        const float * ps = m->position_embeddings + (i % L) * E;
        if (m->word_embeddings_q8) {
            const int8_t * w = m->word_embeddings_q8 + id * E;
            const float    s = m->word_embeddings_scale[id];
            for (size_t j = 0; j < E; j++) e[i * E + j] = (float) w[j] * s + tt[j] + ps[j];
        } else {
            const float * w = m->word_embeddings + id * E;
            for (size_t j = 0; j < E; j++) e[i * E + j] = w[j] + tt[j] + ps[j];
        }
    }
    // Without a projector (E == H) the normalised embeddings are hidden_states[0]: written to h.
    float * e_out = m->projector ? e : h;
    k->layer_norm(T, E, e, nullptr, m->emb_ln_w, m->emb_ln_b, eps, e_out);
    report("embeddings_output", 0, e_out, {(int64_t) B, (int64_t) L, (int64_t) E});

    // 2. Projection E→H: hidden_states[0].
    if (m->projector) k->linear_run(m->projector, T, e, h);
    report("hidden_states", 0, h, {(int64_t) B, (int64_t) L, (int64_t) H});

    // Upstream's extended mask: (1 - mask) * finfo(float32).min, added to the scaled scores.
    for (size_t i = 0; i < T; i++) mask[i] = attention_mask ? (1.0f - (float) attention_mask[i]) * -FLT_MAX : 0.0f;

    // 3. N recursions of the one shared layer.
    for (size_t r = 0; r < N; r++) {
        float * xin = h;
        if (hp.use_adapter) {
            run_adapter(k, m->att_adapters[r], T, H, h, tmp, x);
            report("att_adapter_output", r, x, {(int64_t) B, (int64_t) L, (int64_t) H});
            xin = x;
        }
        k->linear_run(m->qkv, T, xin, qkv);
        for (size_t b = 0; b < B; b++) {
            attention_args args;
            args.seq_len   = L;
            args.num_heads = nh;
            args.head_dim  = dh;
            args.ld_qkv    = 3 * H;
            args.ld_ctx    = H;
            args.q         = qkv + b * L * 3 * H;
            args.k         = args.q + H;
            args.v         = args.q + 2 * H;
            args.mask_add  = mask + b * L;
            args.scale     = 1.0f / std::sqrt((float) dh);
            args.ctx       = ctx + b * L * H;
            args.probs     = want_att ? probs + b * nh * L * L : nullptr;
            args.q8_qmax   = m->attention_q8_qmax;
            k->attention(args);
        }
        if (want_att) report("attentions", r, probs, {(int64_t) B, (int64_t) nh, (int64_t) L, (int64_t) L});
        k->linear_run(m->dense, T, ctx, a);
        k->layer_norm(T, H, a, xin, m->att_ln_w, m->att_ln_b, eps, a);
        report("attention_block_output", r, a, {(int64_t) B, (int64_t) L, (int64_t) H});

        float * yin = a;
        if (hp.use_adapter) {
            run_adapter(k, m->mlp_adapters[r], T, H, a, tmp, y);
            report("mlp_adapter_output", r, y, {(int64_t) B, (int64_t) L, (int64_t) H});
            yin = y;
        }
        k->linear_run(m->ffn, T, yin, tmp); // act(ffn(y)), activation fused
        k->linear_run(m->ffn_output, T, tmp, h);
        k->layer_norm(T, H, h, yin, m->full_ln_w, m->full_ln_b, eps, h);
        report("hidden_states", r + 1, h, {(int64_t) B, (int64_t) L, (int64_t) H});
    }
    if (last_hidden_state) memcpy(last_hidden_state, h, T * H * sizeof(float));

    // 4. Head (dropout is the identity at inference; no pooler, no tanh).
    if (logits) {
        if (m->head == HEAD_TOKEN_CLASSIFICATION) {
            k->linear_run(m->classifier, T, h, logits);
        } else {
            for (size_t b = 0; b < B; b++) memcpy(cls + b * H, h + b * L * H, H * sizeof(float));
            k->linear_run(m->classifier, B, cls, logits);
        }
    }
    return MAB_STATUS_OK;
}

} // namespace mab
